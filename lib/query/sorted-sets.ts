/**
 * Helpers over ascending Uint32Arrays of document indexes: galloping search and filtering (set
 * algebra over postings runs on iterators, lib/query/match/).
 */

/** First index i in [from, end) with a[i] ≥ value, else `end` (exponential then binary search). */
export function gallop(a: Uint32Array, value: number, from: number, end = a.length): number {
  let step = 1;
  let hi = from;
  while (hi < end && a[hi]! < value) {
    from = hi;
    hi += step;
    step <<= 1;
  }
  if (hi > end) hi = end;
  let lo = from;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keep the elements for which `keep` holds. */
export function filterSet(a: Uint32Array, keep: (d: number) => boolean): Uint32Array {
  const out = new Uint32Array(a.length);
  let k = 0;
  for (let i = 0; i < a.length; i++) if (keep(a[i]!)) out[k++] = a[i]!;
  return out.subarray(0, k);
}
