import { indexOf } from '../../index/sorted';
import type { PreparedIndex } from '../prepare-index';
import { ConjunctionIterator } from './conjunction-iterator';
import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';
import { disjunction } from './disjunction-iterator';
import { ListIterator } from './list-iterator';
import { TermIterator } from './term-iterator';

/** The documents holding term `termId` (documents owning their text), with skip data. */
export function termIterator(index: PreparedIndex, termId: number): TermIterator {
  const { postings, terms } = index.core.data;
  return new TermIterator(postings.docs, terms.postingStart[termId]!, terms.postingStart[termId + 1]!, postings.blockLast, terms.blockStart[termId]!);
}

/**
 * The term's documents plus the boilerplate copies of those that have copies: the owners with the
 * term are found by leapfrogging the few owners against the postings, and their copy lists
 * (ascending) join the disjunction. Allocation is per owner having the term, never per document.
 */
export function termWithCopiesIterator(index: PreparedIndex, termId: number): DocIterator {
  const { copyOwners, copyStart, copyDocs } = index.core.data.core;
  if (copyOwners.length === 0) return termIterator(index, termId);
  const children: DocIterator[] = [termIterator(index, termId)];
  const ownersWithTerm = new ConjunctionIterator([new ListIterator(copyOwners), termIterator(index, termId)]);
  for (let owner = ownersWithTerm.next(); owner !== NO_MORE_DOCS; owner = ownersWithTerm.next()) {
    const slot = indexOf(copyOwners, owner);
    children.push(new ListIterator(copyDocs.subarray(copyStart[slot]!, copyStart[slot + 1]!)));
  }
  return disjunction(children);
}
