/**
 * Near misses (Meilisearch's `matchingStrategy`, Algolia's `removeWordsIfNoResults`): when every
 * positive clause together matches few documents, the documents matching SOME of the clauses,
 * ranked by how much of the query they match (idf-weighted, `nearMissScore` in score.ts), listed
 * after every full match. They obey every filter a full match obeys.
 *
 * Counting drains a disjunction of the clauses' iterators (minus the exclusions and the full
 * matches), filtered as full matches are. Ranking is a MaxScore OR over the clauses' lists, walked in document
 * order: clauses sorted by weight, and once the k-th best score so far reaches what the lightest
 * clauses can add up to, their lists stop producing candidates (a document only they match cannot
 * enter the page: ties go to the earlier document, which was seen first) and are only probed for
 * the documents the heavier lists produce. So a common word's list is walked only until the page
 * is full of documents scoring as much as that word alone can.
 */
import { BestK, type RankStats } from './rank';
import type { PreparedIndex } from './prepare-index';
import type { Plan } from './query-plan';
import { nearMissBound, nearMissScore, nearMissWeights, sectionWeightOf } from './score';
import { filterSet, gallop } from './sorted-sets';
import type { TextMatch } from './match-documents';
import { drainToArray } from './match/doc-iterator';
import { disjunction } from './match/disjunction-iterator';
import { ExclusionIterator } from './match/exclusion-iterator';
import { ListIterator } from './match/list-iterator';

/**
 * Every near miss (ascending): documents matching at least one positive clause of `match` and no
 * negative one, that `keep` keeps (the filters full matches obey), minus the full matches
 * `fullMatches`: a disjunction of the clause iterators with the exclusions and full matches
 * taken out as it is drained.
 */
export function nearMissCandidates(match: Pick<TextMatch, 'clauseIterators' | 'excludedIterator'>, keep: (docs: Uint32Array) => Uint32Array, fullMatches: Uint32Array): Uint32Array {
  let candidates = new ExclusionIterator(disjunction(match.clauseIterators()), new ListIterator(fullMatches));
  const excluded = match.excludedIterator();
  if (excluded) candidates = new ExclusionIterator(candidates, excluded);
  return keep(drainToArray(candidates));
}

/** Near misses rank non-boilerplate first, then by score, then in document order. */
function ranksBefore(da: number, sa: number, db: number, sb: number): boolean {
  return sa !== sb ? sa > sb : da < db;
}

/**
 * The `wanted` best near misses among `candidates` (ascending, from {@link nearMissCandidates}),
 * best first as `[doc, score]`: non-boilerplate first, then score, then document order — exactly
 * what scoring every candidate would give. `clauseDocs` are `plan`'s positive clauses' lists, in
 * order; `stats` receives how many candidates were scored.
 */
export function rankNearMisses(index: PreparedIndex, plan: Plan, clauseDocs: readonly Uint32Array[], candidates: Uint32Array, wanted: number, stats?: RankStats): [number, number][] {
  const out: [number, number][] = [];
  let scored = 0;
  if (wanted > 0 && candidates.length > 0) {
    const { boilerplate } = index.core.columns;
    const w = nearMissWeights(plan);
    const m = clauseDocs.length;
    const lists = w.order.map((c) => clauseDocs[c]!);
    const matched = new Uint8Array(m);
    // rest[j]: the bound of a document matching only clauses order[j..].
    const rest = Float64Array.from({ length: m + 1 }, (_, j) => nearMissBound(w, matched, j));
    for (const group of [filterSet(candidates, (d) => !boilerplate[d]), filterSet(candidates, (d) => boilerplate[d] !== 0)]) {
      const k = wanted - out.length;
      if (k <= 0 || group.length === 0) continue;
      const best = new BestK(k, ranksBefore);
      const cursor = new Uint32Array(m);
      let at = 0;
      let essential = m;
      for (;;) {
        // A later document must score above the bar to enter (ties go to the earlier one).
        while (essential > 0 && rest[essential - 1]! <= best.threshold) essential--;
        let d = Infinity;
        for (let j = 0; j < essential; j++) {
          const list = lists[j]!;
          if (cursor[j]! < list.length && list[cursor[j]!]! < d) d = list[cursor[j]!]!;
        }
        if (d === Infinity) break;
        matched.fill(0);
        for (let j = 0; j < essential; j++) {
          if (lists[j]![cursor[j]!] === d) {
            matched[w.order[j]!] = 1;
            cursor[j]!++;
          }
        }
        at = gallop(group, d, at);
        if (group[at] !== d || nearMissBound(w, matched, essential) <= best.threshold) continue;
        for (let j = essential; j < m; j++) {
          const list = lists[j]!;
          cursor[j] = gallop(list, d, cursor[j]!);
          if (list[cursor[j]!] === d) matched[w.order[j]!] = 1;
        }
        scored++;
        best.offer(d, nearMissScore(w, matched, sectionWeightOf(index, d)));
      }
      out.push(...best.sorted());
    }
  }
  if (stats) stats.scored = scored;
  return out;
}
