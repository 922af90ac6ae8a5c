/**
 * Text matching by set algebra over posting lists, rarest first. FlexSearch supplies the posting
 * lists (cached as sorted typed arrays); AND, OR and NOT are typed-array merges; phrases are
 * verified against positions only on the intersection. Matching scores nothing: ranking
 * (`rank.ts`) scores only the hits that can reach the page.
 */
import type { CompiledQuery } from './compile-query';
import { evaluate, phraseOccurs, scratchFor, type Scratch } from './exact-score';
import type { PreparedIndex } from './prepare-index';
import { planOf, type Plan } from './query-plan';
import { difference, filterSet, intersectAll, unionAll } from './sorted-sets';

export interface TextMatch {
  /** Matching documents, ascending. */
  docs: Uint32Array;
  /** The positive clauses as executed (what relevance ranks by); null when the query has no positive words. */
  plan: Plan | null;
  scratch: Scratch;
  /** Exact relevance score of one matching document (0 without positive words). */
  rescore(d: number): number;
  /** Per positive clause, the documents it matches (ascending, before `accept`): what near misses rank from. */
  clauseDocs: Uint32Array[];
  /** Documents a negative clause matches (ascending; empty without one). */
  excluded: Uint32Array;
}

function atomText(index: PreparedIndex, plan: Plan, g: number, withCopies: boolean): Uint32Array {
  const lists: Uint32Array[] = [];
  for (const id of plan.atoms[g]!.atom.ids.keys()) lists.push(index.postings(id, withCopies));
  return unionAll(lists, index.docCount);
}

function atomDocs(index: PreparedIndex, plan: Plan, g: number, withCopies: boolean): Uint32Array {
  const lists = [atomText(index, plan, g, withCopies)];
  const atom = plan.atoms[g]!;
  atom.forceMatch.forEach((m, v) => {
    if (m) lists.push(index.forcePostings[v]!);
  });
  atom.inspectorMatch.forEach((m, v) => {
    if (m) lists.push(index.inspectorPostings[v]!);
  });
  for (let bits = atom.topicMatch; bits !== 0; bits &= bits - 1) lists.push(index.topicPostings[31 - Math.clz32(bits & -bits)]!);
  return unionAll(lists, index.docCount);
}

/** Documents matching clause `c` of `plan`. */
function clauseDocs(index: PreparedIndex, plan: Plan, c: number, withCopies: boolean): Uint32Array {
  const { starts, ends } = index.core.forward;
  const alternatives = plan.clauses[c]!.alternatives.map((alt) => {
    if (alt.type === 'and') return intersectAll(alt.atoms.map((g) => atomDocs(index, plan, g, withCopies)));
    const both = intersectAll(alt.atoms.map((g) => atomText(index, plan, g, withCopies)));
    return filterSet(both, (d) => phraseOccurs(index, plan, alt.atoms, starts[d]!, ends[d]!));
  });
  return unionAll(alternatives, index.docCount);
}

/**
 * Documents matching every positive clause and no negative clause that pass `accept`.
 * @param includeBoilerplate when false, copies of shared boilerplate are never materialised.
 */
export function matchDocuments(index: PreparedIndex, query: CompiledQuery, accept: (d: number) => boolean, includeBoilerplate: boolean): TextMatch {
  const positive = planOf(index, query.positive);
  const negative = planOf(index, query.negative, false);
  const scratch = scratchFor(positive);
  let docs: Uint32Array;
  const perClause = positive.clauses.map((_, c) => clauseDocs(index, positive, c, includeBoilerplate));
  if (positive.clauses.length === 0) {
    docs = filterSet(index.allDocs, accept);
  } else {
    docs = intersectAll(perClause);
    docs = filterSet(docs, accept);
  }
  let excluded: Uint32Array = new Uint32Array(0);
  if (negative.clauses.length > 0) {
    excluded = unionAll(negative.clauses.map((_, c) => clauseDocs(index, negative, c, includeBoilerplate)), index.docCount);
    if (docs.length > 0) docs = difference(docs, excluded);
  }
  return {
    docs,
    plan: positive.clauses.length === 0 ? null : positive,
    scratch,
    rescore: (d) => evaluate(index, positive, d, scratch, true).score,
    clauseDocs: perClause,
    excluded,
  };
}
