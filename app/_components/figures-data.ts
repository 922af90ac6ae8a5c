/**
 * Figures by force for the /figures page and its CSV: the engine's per-force figures (with
 * provenance) for the filters in the URL, plus the derived approval rate, sorted by a column.
 */
import type { Engine } from '@/lib/engine/engine';
import { SearchParamsSchema, searchParamsToObject, type SearchParams } from '@/lib/query/params';
import type { ForceFigures } from '@/lib/query/types';
import { FIGURE_KEYS, type FigureKey, type Figures } from '@/lib/schema';

export const SORT_COLUMNS = ['force', 'region', ...FIGURE_KEYS, 'approvalRate'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDir = 'asc' | 'desc';

export interface FigureRow {
  force: string;
  region: string | null;
  releaseSlug: string;
  figures: Figures;
  /** secondJobsApproved / secondJobApplications (0..1), null when either is not stated or no applications. */
  approvalRate: number | null;
}

export type FiguresQuery =
  | { ok: true; params: SearchParams; sort: SortColumn; dir: SortDir }
  | { ok: false; issues: string[] };

/** Read filters (force, region, topic, …) and `sort`/`dir` from the URL. `q` is ignored: figures are per force. */
export function parseFiguresQuery(input: URLSearchParams | Record<string, string | string[] | undefined>): FiguresQuery {
  const usp = input instanceof URLSearchParams ? new URLSearchParams(input) : new URLSearchParams();
  if (!(input instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(input)) for (const x of v === undefined ? [] : Array.isArray(v) ? v : [v]) usp.append(k, x);
  }
  const sortRaw = usp.get('sort') ?? 'force';
  const dirRaw = usp.get('dir');
  usp.delete('sort');
  usp.delete('dir');
  usp.delete('q');
  usp.delete('page');
  usp.delete('size');
  const issues: string[] = [];
  const sort = (SORT_COLUMNS as readonly string[]).includes(sortRaw) ? (sortRaw as SortColumn) : null;
  if (!sort) issues.push(`sort: must be one of ${SORT_COLUMNS.join(', ')}`);
  const dir = dirRaw === null ? (sort === 'force' || sort === 'region' ? 'asc' : 'desc') : dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : null;
  if (!dir) issues.push('dir: must be asc or desc');
  const parsed = SearchParamsSchema.safeParse(searchParamsToObject(usp));
  if (!parsed.success) issues.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  if (issues.length || !parsed.success || !sort || !dir) return { ok: false, issues };
  return { ok: true, params: { ...parsed.data, q: '', page: 1, size: 1 }, sort, dir };
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
  if (column === 'approvalRate') return row.approvalRate;
  return row.figures[column as FigureKey]?.value ?? null;
}

/** Rows for the current filters, sorted; values a force does not state sort last either way. */
export function figureRows(engine: Engine, query: Extract<FiguresQuery, { ok: true }>): FigureRow[] {
  const forces: ForceFigures[] = engine.search(query.params).figures;
  const rows = forces.map((f) => ({ ...f, approvalRate: approvalRate(f.figures) }));
  const sign = query.dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const va = valueOf(a, query.sort);
    const vb = valueOf(b, query.sort);
    if (va === null || vb === null) return va === vb ? a.force.localeCompare(b.force) : va === null ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : a.force.localeCompare(b.force);
  });
}

export function formatRate(rate: number | null): string {
  return rate === null ? '' : `${Math.round(rate * 1000) / 10}%`;
}

/** The filter part of a figures URL (force, region, topic, section, kind), for links and the CSV. */
export function filterQuery(params: SearchParams, extra: Record<string, string> = {}): string {
  const usp = new URLSearchParams();
  for (const key of ['force', 'region', 'topic', 'section', 'kind'] as const) for (const v of params[key]) usp.append(key, v);
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
  const header = ['force', 'region', 'release', ...FIGURE_KEYS.flatMap((k) => [k, `${k}FindingId`]), 'approvalRate'];
  const lines = [header.join(',')];
  for (const row of rows) {
    const cells: (string | number | null)[] = [row.force, row.region, row.releaseSlug];
    for (const key of FIGURE_KEYS) cells.push(row.figures[key]?.value ?? null, row.figures[key]?.findingId ?? null);
    cells.push(row.approvalRate === null ? null : Math.round(row.approvalRate * 10000) / 10000);
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
