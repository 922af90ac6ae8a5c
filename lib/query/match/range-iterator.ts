import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';

/** Every document 0 … n-1 (a query without positive words). */
export class RangeIterator implements DocIterator {
  doc = -1;

  constructor(readonly cost: number) {}

  next(): number {
    return this.advance(this.doc + 1);
  }

  advance(target: number): number {
    return (this.doc = target < this.cost ? target : NO_MORE_DOCS);
  }
}
