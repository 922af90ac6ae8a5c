/**
 * Figures per force over a set of documents: for each of the five figures, the value stated by the
 * most recent release among the documents (earliest finding first within a release), with its
 * provenance. Feeds the comparison table. Works on columns; reads only the chosen findings.
 */
import { FIGURE_KEYS, type FigureKey, type Figures } from '../schema';
import type { ForceFigures } from './types';
import type { PreparedIndex } from './prepare-index';

/** Aggregate figures of the findings among `docIndexes`, one row per force, sorted by force. */
export function aggregateFigures(index: PreparedIndex, docIndexes: ArrayLike<number>): ForceFigures[] {
  const { columns, releases } = index.core;
  const forceOf = index.force.of;
  // per force index: per figure key, the chosen document (or -1)
  const chosen = new Map<number, Int32Array>();
  const yearOf = (d: number) => index.releaseYear[columns.release[d]!]!;
  for (let i = 0; i < docIndexes.length; i++) {
    const d = docIndexes[i]!;
    if (!index.figureTopicMask[d]) continue;
    const f = forceOf[d]!;
    if (f < 0) continue;
    for (let k = 0; k < FIGURE_KEYS.length; k++) {
      if (columns.figures[FIGURE_KEYS[k]!][d]! < 0) continue;
      let row = chosen.get(f);
      if (!row) chosen.set(f, (row = new Int32Array(FIGURE_KEYS.length).fill(-1)));
      const current = row[k]!;
      if (current < 0 || yearOf(d) > yearOf(current) || (yearOf(d) === yearOf(current) && d < current)) row[k] = d;
    }
  }
  const rows: ForceFigures[] = [];
  for (const [f, row] of chosen) {
    const figures: Figures = {};
    let latest = -1;
    row.forEach((d, k) => {
      if (d < 0) return;
      const key: FigureKey = FIGURE_KEYS[k]!;
      const stated = index.getDoc(d).figures[key];
      if (stated) figures[key] = stated;
      if (latest < 0 || yearOf(d) > yearOf(latest)) latest = d;
    });
    const release = releases[columns.release[latest]!]!;
    rows.push({ force: index.force.values[f]!, region: release.region, releaseSlug: release.slug, figures });
  }
  return rows.sort((a, b) => a.force.localeCompare(b.force));
}
