import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';

/** Documents `included` matches and `excluded` does not (negative clauses): `excluded` is only advanced to candidates. */
export class ExclusionIterator implements DocIterator {
  doc = -1;
  readonly cost: number;

  constructor(
    private readonly included: DocIterator,
    private readonly excluded: DocIterator,
  ) {
    this.cost = included.cost;
  }

  next(): number {
    return (this.doc = this.skipExcluded(this.included.next()));
  }

  advance(target: number): number {
    return (this.doc = this.skipExcluded(this.included.advance(target)));
  }

  private skipExcluded(d: number): number {
    const excluded = this.excluded;
    while (d !== NO_MORE_DOCS) {
      const e = excluded.doc < d ? excluded.advance(d) : excluded.doc;
      if (e !== d) return d;
      d = this.included.next();
    }
    return d;
  }
}
