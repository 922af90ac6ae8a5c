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
  /** Matching documents, ascending (the positions of `results` point into it). */
  docs: Uint32Array;
  /** Positions into `docs` of the result documents (after every filter), ascending. */
  results: Uint32Array;
  /** The listing order when the search lists (no relevance ranking), else null. */
  order: Uint32Array | null;
  /** Relevance ranking of a subset of `results` (positions): the `wanted` best as `[doc, score]`. */
  rank: (positions: Uint32Array, wanted: number) => [number, number][];
  /** Score of a listed document (relevance when the query has words, else 0). */
  listedScore: (d: number) => number;
  start: number;
  end: number;
}

const inverseCache = new WeakMap<Uint32Array, Uint32Array>();

/** Position of each document in `order` (documents not in it rank last). */
function inverseOf(order: Uint32Array, docCount: number): Uint32Array {
  let inverse = inverseCache.get(order);
  if (!inverse) {
    inverse = new Uint32Array(docCount).fill(0xffffffff);
    for (let k = 0; k < order.length; k++) inverse[order[k]!] = k;
    inverseCache.set(order, inverse);
  }
  return inverse;
}

/** Index of `d` in the ascending `docs`. */
function positionOf(docs: Uint32Array, d: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = docs[mid]!;
    if (v === d) return mid;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Group the results by force; see the file comment. */
export function groupByForce(index: PreparedIndex, input: GroupInput): GroupedPage {
  const { docs, results } = input;
  const forceOf = index.force.of;
  const G = index.force.values.length + 1;
  const NO_FORCE = G - 1;
  const groupOf = (d: number) => (forceOf[d]! < 0 ? NO_FORCE : forceOf[d]!);
  const counts = new Int32Array(G);
  for (let i = 0; i < results.length; i++) counts[groupOf(docs[results[i]!]!)]!++;

  let ordered: [number, number][];
  if (input.order) {
    const inverse = inverseOf(input.order, index.docCount);
    const best = new Int32Array(G).fill(-1);
    for (let i = 0; i < results.length; i++) {
      const d = docs[results[i]!]!;
      const g = groupOf(d);
      if (best[g]! < 0 || inverse[d]! < inverse[best[g]!]!) best[g] = d;
    }
    const bestDocs: number[] = [];
    for (let g = 0; g < G; g++) if (best[g]! >= 0) bestDocs.push(best[g]!);
    bestDocs.sort((a, b) => inverse[a]! - inverse[b]!);
    ordered = bestDocs.slice(input.start, input.end).map((d) => [d, input.listedScore(d)]);
    return { groupTotal: bestDocs.length, rows: ordered.map(([doc, score]) => ({ doc, score, count: counts[groupOf(doc)]! })) };
  }

  // Relevance: bucket the result positions by group (counting sort, ascending within a group).
  const offsets = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) offsets[g + 1] = offsets[g]! + counts[g]!;
  const fill = offsets.slice(0, G);
  const bucketed = new Uint32Array(results.length);
  for (let i = 0; i < results.length; i++) bucketed[fill[groupOf(docs[results[i]!]!)]!++] = results[i]!;
  const bestPositions: number[] = [];
  for (let g = 0; g < G; g++) {
    if (counts[g] === 0) continue;
    const [top] = input.rank(bucketed.subarray(offsets[g]!, offsets[g + 1]!), 1);
    if (top) bestPositions.push(positionOf(docs, top[0]));
  }
  ordered = input.rank(Uint32Array.from(bestPositions), bestPositions.length);
  return {
    groupTotal: bestPositions.length,
    rows: ordered.slice(input.start, input.end).map(([doc, score]) => ({ doc, score, count: counts[groupOf(doc)]! })),
  };
}
