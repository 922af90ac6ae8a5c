/**
 * A plan's clauses as document iterators: an atom is a disjunction of its terms (exact, stem,
 * prefix, typo, thesaurus) and of the force, topic and inspector documents its words name; an
 * `and` alternative is a conjunction of its atoms; a phrase is the conjunction of its atoms' text
 * matches verified against positions; a clause is the disjunction of its alternatives.
 */
import { phraseOccurs } from '../exact-score';
import type { PreparedIndex } from '../prepare-index';
import type { Plan } from '../query-plan';
import { ConjunctionIterator } from './conjunction-iterator';
import type { DocIterator } from './doc-iterator';
import { disjunction } from './disjunction-iterator';
import { FilterIterator } from './filter-iterator';
import { ListIterator } from './list-iterator';
import { termIterator, termWithCopiesIterator } from './term-postings';

/** Where a plan's iterators read from, and whether boilerplate copies join the term matches. */
export interface MatchSource {
  index: PreparedIndex;
  plan: Plan;
  withCopies: boolean;
}

/** Iterators of atom `g`'s terms, pushed onto `out`. */
function pushTextIterators(source: MatchSource, g: number, out: DocIterator[]): void {
  const { index, plan, withCopies } = source;
  for (const id of plan.atoms[g]!.atom.ids.keys()) out.push(withCopies ? termWithCopiesIterator(index, id) : termIterator(index, id));
}

/** Documents whose text has atom `g` (a phrase's words match text only). */
function atomTextIterator(source: MatchSource, g: number): DocIterator {
  const children: DocIterator[] = [];
  pushTextIterators(source, g, children);
  return disjunction(children, source.index.scratchBitsets);
}

/** Documents atom `g` matches: its text matches and its field-only matches (force, inspector, topic label). */
function atomIterator(source: MatchSource, g: number): DocIterator {
  const { index, plan } = source;
  const children: DocIterator[] = [];
  pushTextIterators(source, g, children);
  const atom = plan.atoms[g]!;
  for (let v = 0; v < atom.forceMatch.length; v++) if (atom.forceMatch[v]) children.push(new ListIterator(index.forcePostings[v]!));
  for (let v = 0; v < atom.inspectorMatch.length; v++) if (atom.inspectorMatch[v]) children.push(new ListIterator(index.inspectorPostings[v]!));
  for (let bits = atom.topicMatch; bits !== 0; bits &= bits - 1) children.push(new ListIterator(index.topicPostings[31 - Math.clz32(bits & -bits)]!));
  return disjunction(children, index.scratchBitsets);
}

/** Documents all of `children` match (none: no document). */
function conjunction(children: DocIterator[]): DocIterator {
  if (children.length <= 1) return children[0] ?? disjunction([]);
  return new ConjunctionIterator(children);
}

/** Documents matching clause `c` of the source's plan. */
export function clauseIterator(source: MatchSource, c: number): DocIterator {
  const { index, plan } = source;
  const { starts, ends } = index.core.forward;
  const alternatives = plan.clauses[c]!.alternatives.map((alt) => {
    if (alt.type === 'and') return conjunction(alt.atoms.map((g) => atomIterator(source, g)));
    const candidates = conjunction(alt.atoms.map((g) => atomTextIterator(source, g)));
    return new FilterIterator(candidates, (d) => phraseOccurs(index, plan, alt.atoms, starts[d]!, ends[d]!));
  });
  return disjunction(alternatives, index.scratchBitsets);
}

/** Documents matching every clause of the source's plan (a plan without clauses: none). */
export function allClausesIterator(source: MatchSource): DocIterator {
  return conjunction(source.plan.clauses.map((_, c) => clauseIterator(source, c)));
}

/** Documents matching some clause of the source's plan (a plan without clauses: none). */
export function anyClauseIterator(source: MatchSource): DocIterator {
  return disjunction(source.plan.clauses.map((_, c) => clauseIterator(source, c)));
}
