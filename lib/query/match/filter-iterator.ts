import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';

/**
 * Documents of `candidates` for which `keep` holds: a phrase is a conjunction of its words whose
 * candidates are verified against positions (`keep` = phraseOccurs), only on those candidates.
 */
export class FilterIterator implements DocIterator {
  doc = -1;
  readonly cost: number;

  constructor(
    private readonly candidates: DocIterator,
    private readonly keep: (d: number) => boolean,
  ) {
    this.cost = candidates.cost;
  }

  next(): number {
    return (this.doc = this.firstKept(this.candidates.next()));
  }

  advance(target: number): number {
    return (this.doc = this.firstKept(this.candidates.advance(target)));
  }

  private firstKept(d: number): number {
    while (d !== NO_MORE_DOCS && !this.keep(d)) d = this.candidates.next();
    return d;
  }
}
