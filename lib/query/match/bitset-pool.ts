/**
 * Bitsets of one bit per document, reused across searches (search is synchronous): a dense
 * disjunction is materialised into one (bitset-iterator.ts) instead of merging through a heap.
 * Matching reclaims them all when it starts the next search's match, so an iterator built on one
 * must be drained within the search that built it (every caller does: nothing escapes a search).
 */
export class BitsetPool {
  private readonly free: Uint32Array[] = [];
  private readonly used: Uint32Array[] = [];

  constructor(readonly docCount: number) {}

  /** An all-zero bitset of `docCount` bits. */
  acquire(): Uint32Array {
    const bitset = this.free.pop() ?? new Uint32Array(Math.ceil(this.docCount / 32));
    this.used.push(bitset);
    return bitset;
  }

  /** Zero every bitset handed out and take it back. */
  reclaim(): void {
    for (const bitset of this.used) {
      bitset.fill(0);
      this.free.push(bitset);
    }
    this.used.length = 0;
  }
}
