/**
 * Set operations on ascending Uint32Arrays of document indexes (posting lists), the inner loop of
 * every query: intersection gallops through the longer list, unions merge or use a bitmap.
 */

const EMPTY = new Uint32Array(0);

/** First index i ≥ from with a[i] ≥ value (exponential then binary search). */
export function gallop(a: Uint32Array, value: number, from: number): number {
  let step = 1;
  let hi = from;
  while (hi < a.length && a[hi]! < value) {
    from = hi;
    hi += step;
    step <<= 1;
  }
  if (hi > a.length) hi = a.length;
  let lo = from;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** a ∩ b. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length > b.length) [a, b] = [b, a];
  if (a.length === 0) return EMPTY;
  const out = new Uint32Array(a.length);
  let k = 0;
  if (b.length > a.length * 16) {
    let j = 0;
    for (let i = 0; i < a.length && j < b.length; i++) {
      j = gallop(b, a[i]!, j);
      if (b[j] === a[i]) out[k++] = a[i]!;
    }
  } else {
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        out[k++] = x;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
  }
  return out.subarray(0, k);
}

/** Intersection of all lists, smallest first (rarest term first). */
export function intersectAll(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return EMPTY;
  const sorted = [...lists].sort((x, y) => x.length - y.length);
  let acc = sorted[0]!;
  for (let i = 1; i < sorted.length && acc.length > 0; i++) acc = intersect(acc, sorted[i]!);
  return acc;
}

/**
 * Union of sorted lists over the universe [0, n). Two lists merge; more use a bitmap when the
 * total is large relative to n, else concatenate and sort.
 */
export function unionAll(lists: Uint32Array[], n: number): Uint32Array {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return EMPTY;
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  let total = 0;
  for (const l of nonEmpty) total += l.length;
  if (total * 8 < n) {
    const all = new Uint32Array(total);
    let k = 0;
    for (const l of nonEmpty) {
      all.set(l, k);
      k += l.length;
    }
    all.sort();
    let w = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i]!;
    return all.subarray(0, w);
  }
  // One bitmap of the universe's size, reused by every union (searches are synchronous): no
  // corpus-sized allocation per query. Only [min, max] is scanned, and cleared as it is read.
  if (unionBits.length < n) unionBits = new Uint8Array(n);
  const bits = unionBits;
  let min = n;
  let max = -1;
  for (const l of nonEmpty) {
    for (let i = 0; i < l.length; i++) bits[l[i]!] = 1;
    if (l[0]! < min) min = l[0]!;
    if (l[l.length - 1]! > max) max = l[l.length - 1]!;
  }
  const out = new Uint32Array(Math.min(total, n));
  let k = 0;
  for (let d = min; d <= max; d++) {
    if (bits[d]) {
      out[k++] = d;
      bits[d] = 0;
    }
  }
  return out.subarray(0, k);
}

/** The scratch bitmap of {@link unionAll}: all zero between calls. */
let unionBits = new Uint8Array(0);

/** a \ b. */
export function difference(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length === 0 || b.length === 0) return a;
  const out = new Uint32Array(a.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    j = gallop(b, x, j);
    if (b[j] !== x) out[k++] = x;
  }
  return out.subarray(0, k);
}

/** Keep the elements for which `keep` holds. */
export function filterSet(a: Uint32Array, keep: (d: number) => boolean): Uint32Array {
  const out = new Uint32Array(a.length);
  let k = 0;
  for (let i = 0; i < a.length; i++) if (keep(a[i]!)) out[k++] = a[i]!;
  return out.subarray(0, k);
}
