/**
 * Text matching by set algebra over posting lists, rarest first, plus a cheap relevance score for
 * every hit. FlexSearch supplies the posting lists (cached as sorted typed arrays); AND, OR and NOT
 * are typed-array merges; phrases are verified against positions only on the intersection.
 * Exact scoring (`exact-score.ts`) then runs only for the documents that can reach the page.
 */
import { RANKING } from '../index/options';
import type { CompiledQuery } from './compile-query';
import { evaluate, phraseOccurs, scratchFor } from './exact-score';
import { sectionOf, type PreparedIndex } from './prepare-index';
import { planOf, type Plan } from './query-plan';
import { difference, filterSet, intersectAll, unionAll } from './sorted-sets';

export interface TextMatch {
  /** Matching documents, ascending. */
  docs: Uint32Array;
  /** Cheap score per entry of `docs` (null when the query has no positive words: nothing to rank). */
  cheap: Float32Array | null;
  /** Exact relevance score of one matching document. */
  rescore(d: number): number;
}

function atomText(index: PreparedIndex, plan: Plan, g: number, withCopies: boolean): Uint32Array {
  const lists: Uint32Array[] = [];
  for (const id of plan.atoms[g]!.atom.ids.keys()) lists.push(index.postings(id, withCopies));
  return unionAll(lists, index.docCount);
}

function atomDocs(index: PreparedIndex, plan: Plan, g: number, withCopies: boolean): Uint32Array {
  const lists = [atomText(index, plan, g, withCopies)];
  plan.atoms[g]!.forceMatch.forEach((m, v) => {
    if (m) lists.push(index.forcePostings[v]!);
  });
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

/** Per clause: the best contribution (weight × idf × alternative scale) of each term id it accepts. */
function clauseContributions(plan: Plan): { contributions: Map<number, number>; topics: number }[] {
  return plan.clauses.map((clause) => {
    const contributions = new Map<number, number>();
    let topics = 0;
    const ownLength = clause.alternatives[0]!.atoms.length;
    clause.alternatives.forEach((alt, a) => {
      const scale = a === 0 ? (alt.type === 'phrase' ? RANKING.phraseBoost : 1) : ownLength / alt.atoms.length;
      for (const g of alt.atoms) {
        const fa = plan.atoms[g]!;
        topics |= fa.topicBits;
        for (const [id, weight] of fa.atom.ids) {
          const c = weight * fa.idf * scale;
          if (c > (contributions.get(id) ?? 0)) contributions.set(id, c);
        }
      }
    });
    return { contributions, topics };
  });
}

/**
 * Cheap score: each clause's best matching term (weight × idf), length-normalised as for tf = 1.
 * Per clause it walks whichever is shorter: the terms' posting lists, or the hits' positions.
 */
function cheapScores(index: PreparedIndex, plan: Plan, docs: Uint32Array, withCopies: boolean): Float32Array {
  const position = index.scratchPositions;
  for (let i = 0; i < docs.length; i++) position[docs[i]!] = i;
  const total = new Float32Array(docs.length);
  const best = new Float32Array(docs.length);
  const { starts, ends, terms } = index.core.forward;
  const avg = index.lexicon.avgDocLength || 1;
  let queryTopics = 0;
  for (const { contributions, topics } of clauseContributions(plan)) {
    queryTopics |= topics;
    best.fill(0);
    let postingTotal = 0;
    for (const id of contributions.keys()) postingTotal += index.lexicon.df[id]!;
    if (postingTotal > docs.length * avg) {
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        let b = 0;
        for (let p = starts[d]!; p < ends[d]!; p++) {
          const c = contributions.get(terms[p]!);
          if (c !== undefined && c > b) b = c;
        }
        best[i] = b;
      }
    } else {
      for (const [id, c] of contributions) {
        const list = index.postings(id, withCopies);
        for (let k = 0; k < list.length; k++) {
          const i = position[list[k]!]!;
          if (i >= 0 && c > best[i]!) best[i] = c;
        }
      }
    }
    for (let i = 0; i < docs.length; i++) total[i]! += best[i]! > 0 ? best[i]! : RANKING.fieldBoost.force;
  }
  const { bm25K1: k1, bm25B: b } = RANKING;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    position[d] = -1;
    const norm = (k1 + 1) / (1 + k1 * (1 - b + (b * (ends[d]! - starts[d]!)) / avg));
    const figure = index.figureTopicMask[d]! & queryTopics ? RANKING.figureBoost : 0;
    total[i] = (total[i]! * norm + figure) * RANKING.sectionWeight[sectionOf(index, d)];
  }
  return total;
}

/**
 * Documents matching every positive clause and no negative clause that pass `accept`.
 * @param includeBoilerplate when false, copies of shared boilerplate are never materialised.
 */
export function matchDocuments(index: PreparedIndex, query: CompiledQuery, accept: (d: number) => boolean, includeBoilerplate: boolean): TextMatch {
  const positive = planOf(index, query.positive);
  const negative = planOf(index, query.negative);
  const scratch = scratchFor(positive);
  let docs: Uint32Array;
  if (positive.clauses.length === 0) {
    docs = filterSet(index.allDocs, accept);
  } else {
    docs = intersectAll(positive.clauses.map((_, c) => clauseDocs(index, positive, c, includeBoilerplate)));
    docs = filterSet(docs, accept);
  }
  if (negative.clauses.length > 0 && docs.length > 0) {
    docs = difference(docs, unionAll(negative.clauses.map((_, c) => clauseDocs(index, negative, c, includeBoilerplate)), index.docCount));
  }
  return {
    docs,
    cheap: positive.clauses.length === 0 ? null : cheapScores(index, positive, docs, includeBoilerplate),
    rescore: (d) => evaluate(index, positive, d, scratch, true).score,
  };
}
