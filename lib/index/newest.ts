/**
 * "Newest first", the one rule every listing uses (search `sort=date`, the per-force figures of a
 * search, /figures, /releases): by `date` (ISO, so strings compare), else by `year`, newest first;
 * a release with only a year ranks after the dated releases of that year; then by slug ascending.
 */
export interface Dated {
  slug: string;
  date: string | null;
  year: number | null;
}

/** Sort key: the ISO date, else the year ("2014" sorts before "2014-03-01"), else "". */
function dateKey(r: Dated): string {
  if (r.date) return r.date;
  return r.year === null ? '' : String(r.year).padStart(4, '0');
}

/** Comparator: newest first, ties by slug. */
export function compareNewest(a: Dated, b: Dated): number {
  const ka = dateKey(a);
  const kb = dateKey(b);
  if (ka !== kb) return ka < kb ? 1 : -1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** Per release (by index): its position in newest-first order (0 = newest). */
export function newestRanks(releases: readonly Dated[]): Uint32Array {
  const order = releases.map((_, i) => i).sort((a, b) => compareNewest(releases[a]!, releases[b]!));
  const rank = new Uint32Array(releases.length);
  order.forEach((r, k) => (rank[r] = k));
  return rank;
}
