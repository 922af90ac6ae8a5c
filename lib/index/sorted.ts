/** Small helpers over sorted lists and growing typed arrays, shared by the build and the query side. */

/** First index i with list[i] ≥ key (the list ascending by `<`: strings, or numbers). */
export function lowerBound<T extends string | number>(list: ArrayLike<T>, key: T): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of `key` in the ascending `list`, or -1. */
export function indexOf<T extends string | number>(list: ArrayLike<T>, key: T): number {
  const i = lowerBound(list, key);
  return list[i] === key ? i : -1;
}

/** A Uint32Array that grows by doubling. */
export class GrowingU32 {
  array: Uint32Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.array = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = new Uint32Array(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
  /** A copy of the values pushed. */
  done(): Uint32Array {
    return this.array.slice(0, this.length);
  }
}
