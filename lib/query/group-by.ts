/**
 * `group=force`: the best hit per force, in the order of the search's sort, with each force's
 * hit count. One pass over the result documents with the force column (`index.force.of`):
 *
 * - listing sorts (`date`, `force`, or no words to rank): the best hit of a force is the one
 *   earliest in the listing order (`index.byDate` / `index.byForce`, through their inverse,
 *   built once per order on first use), so exactly the first hit of that force in the ungrouped list;
 * - relevance: each force's hits are ranked by the search's own ranking (`rank`, the very
 *   function the ungrouped search uses) asking for one hit, then the forces' best hits are ranked
 *   against each other by the same function, so groups come in the order their best hits have in
 *   the ungrouped ranking (tie-breaks included).
 *
 * Documents without a force form one group of their own (the last slot).
 */
import { inverseOf } from './list-in-order';
import type { PreparedIndex } from './prepare-index';

/** One group of the page: its best document, that document's score, and the group's hit count. */
export interface GroupRow {
  doc: number;
  score: number;
  count: number;
}

export interface GroupedPage {
  /** Number of groups (forces with hits). */
  groupTotal: number;
  /** The groups of `[start, end)`, in order. */
  rows: GroupRow[];
}

export interface GroupInput {
  /** The result documents (after every filter), ascending. */
  docs: Uint32Array;
  /** The listing order when the search lists (no relevance ranking), else null. */
  order: Uint32Array | null;
  /** Relevance ranking of some result documents: the `wanted` best as `[doc, score]`. */
  rank: (docs: Uint32Array, wanted: number) => [number, number][];
  /** Score of a listed document (relevance when the query has words, else 0). */
  listedScore: (d: number) => number;
  start: number;
  end: number;
}

/** Group the results by force; see the file comment. */
export function groupByForce(index: PreparedIndex, input: GroupInput): GroupedPage {
  const { docs } = input;
  const forceOf = index.force.of;
  const G = index.force.values.length + 1;
  const NO_FORCE = G - 1;
  const groupOf = (d: number) => (forceOf[d]! < 0 ? NO_FORCE : forceOf[d]!);
  const counts = new Int32Array(G);
  for (let i = 0; i < docs.length; i++) counts[groupOf(docs[i]!)]!++;

  let ordered: [number, number][];
  if (input.order) {
    const inverse = inverseOf(input.order, index.docCount);
    const best = new Int32Array(G).fill(-1);
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const g = groupOf(d);
      if (best[g]! < 0 || inverse[d]! < inverse[best[g]!]!) best[g] = d;
    }
    const bestDocs: number[] = [];
    for (let g = 0; g < G; g++) if (best[g]! >= 0) bestDocs.push(best[g]!);
    bestDocs.sort((a, b) => inverse[a]! - inverse[b]!);
    ordered = bestDocs.slice(input.start, input.end).map((d) => [d, input.listedScore(d)]);
    return { groupTotal: bestDocs.length, rows: ordered.map(([doc, score]) => ({ doc, score, count: counts[groupOf(doc)]! })) };
  }

  // Relevance: bucket the result documents by group (counting sort, ascending within a group).
  const offsets = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) offsets[g + 1] = offsets[g]! + counts[g]!;
  const fill = offsets.slice(0, G);
  const bucketed = new Uint32Array(docs.length);
  for (let i = 0; i < docs.length; i++) bucketed[fill[groupOf(docs[i]!)]!++] = docs[i]!;
  const bestDocs: number[] = [];
  for (let g = 0; g < G; g++) {
    if (counts[g] === 0) continue;
    const [top] = input.rank(bucketed.subarray(offsets[g]!, offsets[g + 1]!), 1);
    if (top) bestDocs.push(top[0]);
  }
  ordered = input.rank(Uint32Array.from(bestDocs), bestDocs.length);
  return {
    groupTotal: bestDocs.length,
    rows: ordered.slice(input.start, input.end).map(([doc, score]) => ({ doc, score, count: counts[groupOf(doc)]! })),
  };
}
