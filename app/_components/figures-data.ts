/**
 * Figures for the /figures page and its CSV: one row per release (force × inspection × year) that
 * states figures among the documents the URL filters select, each figure with its provenance, plus
 * the derived approval rate; sorted by a column, 100 rows a page (the CSV has them all).
 */
import type { Engine } from '@/lib/engine/engine';
import { FACET_NAMES } from '@/lib/facets';
import { compareNewest } from '@/lib/index/newest';
import { SearchParamsSchema, searchParamsToObject, type SearchParams } from '@/lib/query/params';
import type { Facets, ReleaseFigures } from '@/lib/query/types';
import type { FigureStats } from '@/lib/query/figure-stats';
import { figureComparisons } from '@/lib/query/figure-range';
import { FIGURE_KEYS, type FigureKey, type Figures } from '@/lib/schema';

export const SORT_COLUMNS = ['force', 'region', 'inspection', 'year', ...FIGURE_KEYS, 'approvalRate'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDir = 'asc' | 'desc';
const TEXT_COLUMNS: readonly SortColumn[] = ['force', 'region', 'inspection'];

/** Rows per page of the table. */
export const FIGURES_PAGE_SIZE = 100;

export interface FigureRow extends ReleaseFigures {
  /** secondJobsApproved / secondJobApplications (0..1), null when either is not stated or no applications. */
  approvalRate: number | null;
}

export type FiguresQuery =
  | { ok: true; params: SearchParams; sort: SortColumn; dir: SortDir; page: number }
  | { ok: false; issues: string[] };

/** The default direction of a column: text ascending, numbers descending. */
export function defaultDir(column: SortColumn): SortDir {
  return TEXT_COLUMNS.includes(column) ? 'asc' : 'desc';
}

/** Read filters (force, region, inspection, year, topic, …), `sort`/`dir` and `page` from the URL. Of `q`, only figure comparisons (`secondJobApplications>=50`) are kept. */
export function parseFiguresQuery(input: URLSearchParams | Record<string, string | string[] | undefined>): FiguresQuery {
  const usp = input instanceof URLSearchParams ? new URLSearchParams(input) : new URLSearchParams();
  if (!(input instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(input)) for (const x of v === undefined ? [] : Array.isArray(v) ? v : [v]) usp.append(k, x);
  }
  const sortRaw = usp.get('sort') ?? 'force';
  const dirRaw = usp.get('dir');
  const pageRaw = usp.get('page') ?? '1';
  const comparisons = figureComparisons(usp.get('q') ?? '')
    .map((c) => `${c.key}${c.op}${c.value}`)
    .join(' ');
  usp.delete('sort');
  usp.delete('dir');
  usp.delete('q');
  usp.delete('page');
  usp.delete('size');
  const issues: string[] = [];
  const sort = (SORT_COLUMNS as readonly string[]).includes(sortRaw) ? (sortRaw as SortColumn) : null;
  if (!sort) issues.push(`sort: must be one of ${SORT_COLUMNS.join(', ')}`);
  const dir = dirRaw === null ? (sort ? defaultDir(sort) : 'asc') : dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : null;
  if (!dir) issues.push('dir: must be asc or desc');
  const page = /^\d{1,6}$/.test(pageRaw) && Number(pageRaw) >= 1 ? Number(pageRaw) : null;
  if (!page) issues.push('page: must be a whole number from 1');
  const parsed = SearchParamsSchema.safeParse(searchParamsToObject(usp));
  if (!parsed.success) issues.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  if (issues.length || !parsed.success || !sort || !dir || !page) return { ok: false, issues };
  return { ok: true, params: { ...parsed.data, q: comparisons, page: 1, size: 1 }, sort, dir, page };
}

function approvalRate(figures: Figures): number | null {
  const applications = figures.secondJobApplications?.value;
  const approved = figures.secondJobsApproved?.value;
  if (applications === undefined || approved === undefined || applications === 0) return null;
  return approved / applications;
}

function valueOf(row: FigureRow, column: SortColumn): string | number | null {
  if (column === 'force') return row.force;
  if (column === 'region') return row.region;
  if (column === 'inspection') return row.inspection;
  if (column === 'year') return row.year;
  if (column === 'approvalRate') return row.approvalRate;
  return row.figures[column as FigureKey]?.value ?? null;
}

/** Ties (and values not stated): by force, then newest release first. */
const byForceThenNewest = (a: FigureRow, b: FigureRow) => a.force.localeCompare(b.force) || compareNewest({ ...a, slug: a.releaseSlug }, { ...b, slug: b.releaseSlug });

/** Every row for the current filters (one per release), sorted; values a release does not state sort last either way; and the facet counts. */
export function figureTable(engine: Engine, query: Extract<FiguresQuery, { ok: true }>): { rows: FigureRow[]; facets: Facets; figureStats: FigureStats } {
  const table = engine.figureTable(query.params);
  // Figure comparisons pick releases; their rows show every figure the release states.
  const picked = new Set(table.rows.map((r) => r.releaseSlug));
  const full = query.params.q ? engine.figureTable({ ...query.params, q: '' }).rows.filter((r) => picked.has(r.releaseSlug)) : table.rows;
  const rows = full.map((f) => ({ ...f, approvalRate: approvalRate(f.figures) }));
  const sign = query.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const va = valueOf(a, query.sort);
    const vb = valueOf(b, query.sort);
    if (va === null || vb === null) return va === vb ? byForceThenNewest(a, b) : va === null ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : byForceThenNewest(a, b);
  });
  return { rows, facets: table.facets, figureStats: table.figureStats };
}

/** Every row for the current filters, sorted (the CSV). */
export function figureRows(engine: Engine, query: Extract<FiguresQuery, { ok: true }>): FigureRow[] {
  return figureTable(engine, query).rows;
}

/** One page of `rows` (1-based `page`, clamped to the last page). */
export function pageOf<T>(rows: readonly T[], page: number, size = FIGURES_PAGE_SIZE): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((p - 1) * size, p * size), page: p, pages };
}

export function formatRate(rate: number | null): string {
  return rate === null ? '' : `${Math.round(rate * 1000) / 10}%`;
}

/** The filter part of a figures URL (every facet of lib/facets.ts), for links and the CSV. */
export function filterQuery(params: SearchParams, extra: Record<string, string> = {}): string {
  const usp = new URLSearchParams();
  if (params.q) usp.set('q', params.q);
  for (const key of FACET_NAMES) for (const v of params[key]) usp.append(key, v);
  if (params.includeBoilerplate) usp.set('includeBoilerplate', 'true');
  for (const [k, v] of Object.entries(extra)) usp.set(k, v);
  const s = usp.toString();
  return s ? `?${s}` : '';
}

/** CSV cell: quoted when needed; cells that a spreadsheet would run as a formula are prefixed with '. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function figuresCsv(rows: FigureRow[]): string {
  const header = ['force', 'region', 'inspection', 'year', 'release', ...FIGURE_KEYS.flatMap((k) => [k, `${k}FindingId`]), 'approvalRate'];
  const lines = [header.join(',')];
  for (const row of rows) {
    const cells: (string | number | null)[] = [row.force, row.region, row.inspection, row.year, row.releaseSlug];
    for (const key of FIGURE_KEYS) cells.push(row.figures[key]?.value ?? null, row.figures[key]?.findingId ?? null);
    cells.push(row.approvalRate === null ? null : Math.round(row.approvalRate * 10000) / 10000);
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
