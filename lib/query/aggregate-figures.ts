/**
 * Figures of a set of documents, one release per row: a row never mixes releases. Within a
 * release, each figure is the one stated by the first matching document that states it (the
 * release's roll-up `ReleaseMeta.figures` when that document is the roll-up's, so whole documents
 * are read only for rows a text query narrowed to other findings).
 *
 * - {@link aggregateFigures}: one row per force, from the newest matching release that states
 *   figures (lib/index/newest.ts), so an inspection or year filter picks the release.
 * - {@link releaseFigureRows}: one row per matching release that states figures (/figures).
 */
import { FIGURE_KEYS, type FigureKey, type Figures } from '../schema';
import type { ReleaseFigures } from './types';
import type { PreparedIndex } from './prepare-index';

const K = FIGURE_KEYS.length;

/**
 * For the releases `wanted` accepts (or all), the first document among `docIndexes` stating each
 * figure: release index → Int32Array(K) of documents (-1 = not stated).
 */
function firstStating(index: PreparedIndex, docIndexes: ArrayLike<number>, wanted: ((r: number) => boolean) | null): Map<number, Int32Array> {
  const { columns } = index.core;
  const out = new Map<number, Int32Array>();
  let lastRelease = -1;
  let row: Int32Array | undefined;
  for (let i = 0; i < docIndexes.length; i++) {
    const d = docIndexes[i]!;
    if (!index.figureTopicMask[d]) continue;
    const r = columns.release[d]!;
    if (r !== lastRelease) {
      lastRelease = r;
      if (wanted && !wanted(r)) {
        row = undefined;
      } else {
        row = out.get(r);
        if (!row) out.set(r, (row = new Int32Array(K).fill(-1)));
      }
    }
    if (!row) continue;
    for (let k = 0; k < K; k++) if (row[k]! < 0 && columns.figures[FIGURE_KEYS[k]!][d]! >= 0) row[k] = d;
  }
  return out;
}

function rowOf(index: PreparedIndex, r: number, docs: Int32Array): ReleaseFigures | null {
  const release = index.core.releaseMeta(r);
  if (release.force === null) return null;
  const figures: Figures = {};
  for (let k = 0; k < K; k++) {
    const d = docs[k]!;
    if (d < 0) continue;
    const key: FigureKey = FIGURE_KEYS[k]!;
    // The release's own roll-up when the same document states it; else read the document.
    const stated = index.releaseFigureDoc[r * K + k] === d ? release.figures[key] : index.getDoc(d).figures[key];
    if (stated) figures[key] = stated;
  }
  return { force: release.force, region: release.region, releaseSlug: release.slug, inspection: release.inspection, year: release.year, date: release.date, figures };
}

/** One row per force among `docIndexes`: the newest release (with a matching document stating a figure) of that force. Sorted by force. */
export function aggregateFigures(index: PreparedIndex, docIndexes: ArrayLike<number>): ReleaseFigures[] {
  const { columns } = index.core;
  const forceOf = index.force.of;
  const rank = index.releaseNewest;
  // Per force index: the newest release with a figure-stating document among the hits.
  const chosen = new Int32Array(index.force.values.length).fill(-1);
  for (let i = 0; i < docIndexes.length; i++) {
    const d = docIndexes[i]!;
    if (!index.figureTopicMask[d]) continue;
    const f = forceOf[d]!;
    if (f < 0) continue;
    const r = columns.release[d]!;
    const current = chosen[f]!;
    if (current < 0 || rank[r]! < rank[current]!) chosen[f] = r;
  }
  const isChosen = (r: number) => {
    const f = forceOf[index.core.data.core.releaseFirstDoc[r]!]!;
    return f >= 0 && chosen[f] === r;
  };
  const rows: ReleaseFigures[] = [];
  for (const [r, docs] of firstStating(index, docIndexes, isChosen)) {
    const row = rowOf(index, r, docs);
    if (row) rows.push(row);
  }
  return rows.sort((a, b) => a.force.localeCompare(b.force));
}

/** One row per release (of a force) with a document among `docIndexes` stating a figure; in release (slug) order. */
export function releaseFigureRows(index: PreparedIndex, docIndexes: ArrayLike<number>): ReleaseFigures[] {
  const rows: ReleaseFigures[] = [];
  const byRelease = [...firstStating(index, docIndexes, null)].sort((a, b) => a[0] - b[0]);
  for (const [r, docs] of byRelease) {
    const row = rowOf(index, r, docs);
    if (row) rows.push(row);
  }
  return rows;
}
