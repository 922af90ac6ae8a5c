import { BLOCK_SIZE } from '../../index/index-layout';
import { gallop } from '../sorted-sets';
import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';

/**
 * Over one term's postings (index format 6: ascending documents in blocks of BLOCK_SIZE, each
 * block's last document kept as skip data). advance() skips whole blocks by their last document,
 * then gallops inside the block that holds the target.
 */
export class TermIterator implements DocIterator {
  doc = -1;
  readonly cost: number;
  /** Position of `doc` in `docs`. */
  private at: number;
  /** Block of `at` (global block number) and the position where the next block starts. */
  private block: number;
  private blockEnd: number;
  /** Past the term's last block. */
  private readonly endBlock: number;

  /**
   * @param docs all postings; the term's are `docs[from .. to)`
   * @param blockLast all blocks' last documents; the term's blocks start at `firstBlock`
   */
  constructor(
    private readonly docs: Uint32Array,
    private readonly from: number,
    private readonly to: number,
    private readonly blockLast: Uint32Array,
    private readonly firstBlock: number,
  ) {
    this.cost = to - from;
    this.at = from - 1;
    this.block = firstBlock;
    this.blockEnd = Math.min(from + BLOCK_SIZE, to);
    this.endBlock = firstBlock + Math.ceil(this.cost / BLOCK_SIZE);
  }

  next(): number {
    const at = ++this.at;
    if (at >= this.to) return (this.doc = NO_MORE_DOCS);
    if (at === this.blockEnd) {
      this.block++;
      this.blockEnd = Math.min(at + BLOCK_SIZE, this.to);
    }
    return (this.doc = this.docs[at]!);
  }

  advance(target: number): number {
    // Past the end, or the target is the next posting's or below: one step.
    if (this.at + 1 >= this.to || this.docs[this.at + 1]! >= target) return this.next();
    // Whole blocks whose last document is below the target are skipped unread (a gallop over the block index).
    if (this.blockLast[this.block]! < target) {
      const b = gallop(this.blockLast, target, this.block + 1, this.endBlock);
      if (b === this.endBlock) {
        this.at = this.to;
        return (this.doc = NO_MORE_DOCS);
      }
      this.block = b;
      this.at = this.from + (b - this.firstBlock) * BLOCK_SIZE - 1;
      this.blockEnd = Math.min(this.at + 1 + BLOCK_SIZE, this.to);
    }
    // The target is in this block (its last document is ≥ target): gallop from the current position.
    const at = (this.at = gallop(this.docs, target, this.at + 1, this.blockEnd));
    return (this.doc = this.docs[at]!);
  }

  fillInto(bits: Uint32Array): void {
    const docs = this.docs;
    for (let at = this.at < this.from ? this.from : this.at; at < this.to; at++) bits[docs[at]! >>> 5]! |= 1 << (docs[at]! & 31);
    this.at = this.to;
    this.doc = NO_MORE_DOCS;
  }
}
