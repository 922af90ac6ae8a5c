import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';

/**
 * Documents every child matches: leapfrog from the cheapest child (the rarest list), each other
 * child asked only to advance() to the lead's candidate.
 */
export class ConjunctionIterator implements DocIterator {
  doc = -1;
  readonly cost: number;
  private readonly lead: DocIterator;
  private readonly others: DocIterator[];

  constructor(children: readonly DocIterator[]) {
    const byCost = [...children].sort((a, b) => a.cost - b.cost);
    this.lead = byCost[0]!;
    this.others = byCost.slice(1);
    this.cost = this.lead.cost;
  }

  next(): number {
    return (this.doc = this.align(this.lead.next()));
  }

  advance(target: number): number {
    return (this.doc = this.align(this.lead.advance(target)));
  }

  /** The first document ≥ the lead's candidate that every child has. */
  private align(candidate: number): number {
    const others = this.others;
    outer: for (;;) {
      if (candidate === NO_MORE_DOCS) return NO_MORE_DOCS;
      for (let i = 0; i < others.length; i++) {
        const other = others[i]!;
        const d = other.doc < candidate ? other.advance(candidate) : other.doc;
        if (d > candidate) {
          candidate = this.lead.advance(d);
          continue outer;
        }
      }
      return candidate;
    }
  }
}
