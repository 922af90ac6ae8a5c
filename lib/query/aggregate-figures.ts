/**
 * Figures per force over a set of documents: for each of the five figures, the value stated by the
 * most recent release among the documents (earliest finding first within a release), with its
 * provenance. Feeds the comparison table.
 */
import { FIGURE_KEYS, type Figures } from '../schema';
import type { ForceFigures } from './types';
import type { PreparedIndex } from './prepare-index';

/** Aggregate figures of the findings among `docIndexes`, one row per force, sorted by force. */
export function aggregateFigures(index: PreparedIndex, docIndexes: Iterable<number>): ForceFigures[] {
  const yearOf = new Map(index.data.releases.map((r) => [r.slug, r.year ?? 0] as const));
  const rows = new Map<string, { row: ForceFigures; year: Partial<Record<string, number>> }>();
  for (const d of docIndexes) {
    const doc = index.data.docs[d]!;
    if (doc.kind !== 'finding' || !doc.force) continue;
    let present = false;
    for (const key of FIGURE_KEYS) if (index.figures[key][d]! >= 0) present = true;
    if (!present) continue;
    let entry = rows.get(doc.force);
    if (!entry) {
      entry = { row: { force: doc.force, region: doc.region, releaseSlug: doc.releaseSlug, figures: {} as Figures }, year: {} };
      rows.set(doc.force, entry);
    }
    const year = yearOf.get(doc.releaseSlug) ?? 0;
    for (const key of FIGURE_KEYS) {
      const figure = doc.figures[key];
      if (!figure) continue;
      const current = entry.row.figures[key];
      const currentYear = entry.year[key] ?? -1;
      if (!current || year > currentYear) {
        entry.row.figures[key] = figure;
        entry.year[key] = year;
        if (year >= (entry.year.latest ?? -1)) {
          entry.year.latest = year;
          entry.row.releaseSlug = doc.releaseSlug;
          entry.row.region = doc.region;
        }
      }
    }
  }
  return [...rows.values()].map((e) => e.row).sort((a, b) => a.force.localeCompare(b.force));
}
