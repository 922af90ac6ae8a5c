/**
 * Small, fast, seeded pseudo-random number generation for the synthetic corpus.
 *
 * Everything here is deterministic: the same seed always yields the same sequence on every
 * platform (only 32-bit integer arithmetic and `Math.imul` are used, never `Math.random`).
 */

/**
 * Mix a list of integers into one 32-bit seed (FNV-1a over the bytes followed by a murmur3
 * finaliser). Used to derive independent per-release streams from `(seed, releaseIndex)`, so a
 * release's content does not depend on how many random numbers earlier releases consumed.
 */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    // Split into two 32-bit halves so integers up to 2^53 mix in fully.
    const lo = part >>> 0;
    const hi = Math.floor(part / 0x1_0000_0000) >>> 0;
    for (const word of [lo, hi]) {
      for (let shift = 0; shift < 32; shift += 8) {
        h ^= (word >>> shift) & 0xff;
        h = Math.imul(h, 0x01000193);
      }
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash a string to a 32-bit unsigned integer (FNV-1a over UTF-16 code units). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Seeded generator based on mulberry32 (32-bit state, period 2^32), with the helpers the corpus
 * generator needs. Not cryptographic; fast and reproducible.
 */
export class Rng {
  private state: number;

  /** @param seed Any integer; it is reduced to 32 bits. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next uniform float in `[0, 1)`. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in `[min, max]` (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Element chosen with probability proportional to its weight (weights must not all be 0). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('weighted() needs equally long, non-empty items and weights');
    }
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /**
   * Up to `k` distinct indices into `weights`, each draw proportional to weight among those not yet
   * drawn (weighted sampling without replacement). Indices with weight 0 are never returned.
   */
  weightedDistinct(weights: readonly number[], k: number): number[] {
    const remaining = weights.slice();
    let total = 0;
    for (const w of remaining) total += w;
    const out: number[] = [];
    while (out.length < k && total > 0) {
      let r = this.next() * total;
      let chosen = -1;
      for (let i = 0; i < remaining.length; i++) {
        const w = remaining[i]!;
        if (w <= 0) continue;
        chosen = i;
        r -= w;
        if (r < 0) break;
      }
      if (chosen < 0) break;
      out.push(chosen);
      total -= remaining[chosen]!;
      remaining[chosen] = 0;
    }
    return out;
  }

  /** In-place Fisher–Yates shuffle; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * Samples items from a list ranked most-frequent first with Zipf probabilities
 * `P(rank r) ∝ 1 / r^exponent`. The cumulative table is built once; each draw is a binary search.
 */
export class ZipfSampler<T> {
  private readonly cdf: Float64Array;

  /**
   * @param ranked Items, most frequent first (must be non-empty).
   * @param exponent Zipf exponent `s`; natural-language text is close to 1 (default 1.07).
   */
  constructor(
    readonly ranked: readonly T[],
    readonly exponent = 1.07,
  ) {
    if (ranked.length === 0) throw new RangeError('ZipfSampler needs at least one item');
    this.cdf = new Float64Array(ranked.length);
    let sum = 0;
    for (let r = 0; r < ranked.length; r++) {
      sum += 1 / Math.pow(r + 1, exponent);
      this.cdf[r] = sum;
    }
    for (let r = 0; r < ranked.length; r++) this.cdf[r] = this.cdf[r]! / sum;
    this.cdf[ranked.length - 1] = 1;
  }

  /** 0-based rank of the next draw. */
  sampleRank(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Next item. */
  sample(rng: Rng): T {
    return this.ranked[this.sampleRank(rng)]!;
  }

  /** Probability of the item at 0-based `rank`. */
  probability(rank: number): number {
    if (rank < 0 || rank >= this.cdf.length) return 0;
    return this.cdf[rank]! - (rank === 0 ? 0 : this.cdf[rank - 1]!);
  }
}
