import type { BitsetPool } from './bitset-pool';
import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';

/** Set the bits of `iterator`'s current document (if any) and of every later one, exhausting it. */
export function fillRemaining(iterator: DocIterator, bits: Uint32Array): void {
  if (iterator.fillInto) return iterator.fillInto(bits);
  let d = iterator.doc < 0 ? iterator.next() : iterator.doc;
  for (; d !== NO_MORE_DOCS; d = iterator.next()) bits[d >>> 5]! |= 1 << (d & 31);
}

/**
 * Documents any of `children` matches, materialised into a pooled bitset at construction: for
 * a dense disjunction read in order, one pass over its lists beats a merge step per document;
 * then next() and advance() find set bits word by word.
 */
export class BitsetIterator implements DocIterator {
  doc = -1;
  readonly cost: number;
  private readonly bits: Uint32Array;

  /** The documents `children` have left, from their current positions (a child on a document keeps it). */
  constructor(children: readonly DocIterator[], pool: BitsetPool) {
    const bits = (this.bits = pool.acquire());
    let cost = 0;
    for (const child of children) {
      cost += child.cost;
      fillRemaining(child, bits);
    }
    this.cost = cost;
  }

  next(): number {
    return this.advance(this.doc + 1);
  }

  advance(target: number): number {
    const bits = this.bits;
    // Compared before shifting: NO_MORE_DOCS (2^32) would wrap to word 0.
    if (target >= bits.length * 32) return (this.doc = NO_MORE_DOCS);
    let w = target >>> 5;
    // The target's word without the bits below the target, then the next non-empty word.
    let word = bits[w]! & (-1 << (target & 31));
    while (word === 0) {
      if (++w === bits.length) return (this.doc = NO_MORE_DOCS);
      word = bits[w]!;
    }
    return (this.doc = (w << 5) + 31 - Math.clz32(word & -word));
  }
}
