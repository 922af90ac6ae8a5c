/**
 * The timed query loop shared by every engine's child: warm up untimed, then time each query of
 * the mix one after the other (one query in flight, like one user), within a time budget.
 */
import { collectGarbage } from './child';
import { queryCategory, type BenchQuery } from './query-mix';
import { summarize, summarizeBy, type LatencySummary } from './stats';

/** Runs one query end to end (match, rank, facet counts, highlight the page) and returns its total hit count. */
export type QueryRunner = (query: BenchQuery) => number | Promise<number>;

/** What a query loop measured. */
export interface QueryLoopResult {
  /** Queries in the mix and queries actually timed (fewer when the budget ran out). */
  planned: number;
  completed: number;
  /** Set when the budget ran out before the end of the mix. */
  stoppedEarly?: string;
  /** Warm-up queries planned and actually run. */
  warmupPlanned: number;
  warmedUp: number;
  latency: LatencySummary;
  /** Latency per query cell (`kind/filters`). */
  byCategory: Record<string, LatencySummary>;
  /** Per-kind summary (filters pooled). */
  byKind: Record<string, LatencySummary>;
  /** Mean total hits per query and the share of queries with no hit (sanity check across engines). */
  meanHits: number;
  zeroHitShare: number;
  /** Raw latencies in ms, in mix order (for re-analysis). */
  latenciesMs: number[];
  /** Total hits per query, in mix order. */
  hits: number[];
  /** process.hrtime at the start and end of the timed loop, in µs (to cut a CPU profile to it). */
  timedWindowUs: [number, number];
}

/** Options of {@link runQueryLoop}. */
export interface QueryLoopOptions {
  warmup: readonly BenchQuery[];
  queries: readonly BenchQuery[];
  /** Stop timing new queries after this long (the warm-up counts too). */
  budgetMs?: number;
  log?: (line: string) => void;
}

/** Warm up, collect garbage, then time every query. */
export async function runQueryLoop(run: QueryRunner, options: QueryLoopOptions): Promise<QueryLoopResult> {
  const { warmup, queries } = options;
  const budget = options.budgetMs ?? Infinity;
  const log = options.log ?? (() => {});
  const started = performance.now();
  let stoppedEarly: string | undefined;
  // The warm-up may use at most a fifth of the budget, so slow engines still get timed queries.
  let warmed = 0;
  for (const q of warmup) {
    await run(q);
    warmed++;
    if (performance.now() - started > budget / 5) {
      log(`warm-up cut short after ${warmed} of ${warmup.length} queries (a fifth of the time budget)`);
      break;
    }
  }
  collectGarbage();
  const latencies: number[] = [];
  const hits: number[] = [];
  const reportEvery = Math.max(1, Math.ceil(queries.length / 5));
  const windowStart = Number(process.hrtime.bigint() / 1000n);
  {
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i]!;
      const t0 = performance.now();
      const result = run(q);
      const total = typeof result === 'number' ? result : await result;
      latencies.push(performance.now() - t0);
      hits.push(total);
      if ((i + 1) % reportEvery === 0) log(`${i + 1}/${queries.length} queries`);
      if (performance.now() - started > budget && i + 1 < queries.length) {
        stoppedEarly = `time budget ran out after ${i + 1} of ${queries.length} queries`;
        break;
      }
    }
  }
  const windowEnd = Number(process.hrtime.bigint() / 1000n);
  const done = queries.slice(0, latencies.length);
  const categories = done.map(queryCategory);
  const kinds = done.map((q) => q.kind);
  let hitSum = 0;
  let zero = 0;
  for (const h of hits) {
    hitSum += h;
    if (h === 0) zero++;
  }
  return {
    planned: queries.length,
    completed: latencies.length,
    ...(stoppedEarly ? { stoppedEarly } : {}),
    warmupPlanned: warmup.length,
    warmedUp: warmed,
    latency: summarize(latencies),
    byCategory: summarizeBy(latencies, categories),
    byKind: summarizeBy(latencies, kinds),
    meanHits: hits.length ? hitSum / hits.length : NaN,
    zeroHitShare: hits.length ? zero / hits.length : NaN,
    latenciesMs: latencies.map((v) => Math.round(v * 1000) / 1000),
    hits,
    timedWindowUs: [windowStart, windowEnd],
  };
}
