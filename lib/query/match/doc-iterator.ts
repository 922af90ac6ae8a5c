/**
 * Document iterators (Lucene's DocIdSetIterator, Tantivy's DocSet): an ascending stream of document
 * indexes that can skip ahead. `doc` is -1 before the first `next()` and {@link NO_MORE_DOCS} once
 * exhausted. Matching builds a tree of them per query and drains it once (match-documents.ts).
 */
import { GrowingU32 } from '../../index/sorted';

/** Past every document: what `doc` holds once an iterator is exhausted (greater than any u32 index). */
export const NO_MORE_DOCS = 0x1_0000_0000;

export interface DocIterator {
  /** The current document: -1 before the first step, NO_MORE_DOCS after the last. */
  doc: number;
  /** Step to the next document and return it. */
  next(): number;
  /** Step to the first document ≥ `target` (`target` > `doc`) and return it. */
  advance(target: number): number;
  /** An upper bound of the documents left (conjunctions lead with the cheapest). */
  readonly cost: number;
  /**
   * Set the bits of the current document (when positioned on one) and of every later one in
   * `bits`, exhausting the iterator: how a bitset takes in a list without a call per document.
   */
  fillInto?(bits: Uint32Array): void;
}

/** Every document the iterator has left, ascending, as a new array (the rare cases that keep lists). */
export function drainToArray(iterator: DocIterator): Uint32Array {
  const out = new GrowingU32(Math.min(Math.max(iterator.cost, 16), 1 << 16));
  for (let d = iterator.next(); d !== NO_MORE_DOCS; d = iterator.next()) out.push(d);
  return out.done();
}
