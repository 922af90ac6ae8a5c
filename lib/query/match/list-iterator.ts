import { gallop } from '../sorted-sets';
import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';

/** Over an ascending list without skip data (field postings, copies, listed documents): advance() gallops. */
export class ListIterator implements DocIterator {
  doc = -1;
  private at = -1;
  readonly cost: number;

  constructor(private readonly list: Uint32Array) {
    this.cost = list.length;
  }

  next(): number {
    const at = ++this.at;
    return (this.doc = at < this.list.length ? this.list[at]! : NO_MORE_DOCS);
  }

  advance(target: number): number {
    const at = (this.at = gallop(this.list, target, this.at + 1));
    return (this.doc = at < this.list.length ? this.list[at]! : NO_MORE_DOCS);
  }

  fillInto(bits: Uint32Array): void {
    const list = this.list;
    for (let at = this.at < 0 ? 0 : this.at; at < list.length; at++) bits[list[at]! >>> 5]! |= 1 << (list[at]! & 31);
    this.at = list.length;
    this.doc = NO_MORE_DOCS;
  }
}
