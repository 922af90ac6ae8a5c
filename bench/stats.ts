/**
 * Latency statistics for the benchmark: nearest-rank percentiles and a summary of a sample.
 * Pure functions, no clocks.
 */

/** Summary of a latency sample, in milliseconds. */
export interface LatencySummary {
  /** Number of samples. */
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentile of an ascending-sorted sample: the smallest value with at least
 * `p`% of the sample at or below it. `p` in [0, 100]; NaN for an empty sample.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(rank, n) - 1]!;
}

/** Nearest-rank percentile of an unsorted sample (the input is not modified). */
export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileSorted(Float64Array.from(values).sort(), p);
}

/** Count, mean, p50, p95, p99 and max of a sample (NaN fields for an empty sample). */
export function summarize(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    count: n,
    mean: n === 0 ? NaN : sum / n,
    p50: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    max: n === 0 ? NaN : sorted[n - 1]!,
  };
}

/** Group `values[i]` by `keys[i]` and summarise each group (groups in first-seen order). */
export function summarizeBy(values: ArrayLike<number>, keys: readonly string[]): Record<string, LatencySummary> {
  if (values.length !== keys.length) throw new RangeError('values and keys must have the same length');
  const groups = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const list = groups.get(key);
    if (list) list.push(values[i]!);
    else groups.set(key, [values[i]!]);
  }
  return Object.fromEntries([...groups].map(([key, list]) => [key, summarize(list)]));
}
