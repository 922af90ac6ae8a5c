/**
 * The /releases page's URL state and links: filters on the release facets of lib/facets.ts
 * (force, region, inspection, year; the same URL params as `/`), `sort` (date = newest first, the
 * default; or force) and `page` (50 a page). Pure, so tests call it directly.
 */
import type { Engine, ReleaseList } from '@/lib/engine/engine';
import { RELEASE_SORTS, RELEASES_PAGE_SIZE, type ReleaseListQuery, type ReleaseSort } from '@/lib/engine/release-list';
import { RELEASE_FACETS, type ReleaseFacetName } from '@/lib/facets';

export type ReleasesQuery = { ok: true; query: ReleaseListQuery } | { ok: false; issues: string[] };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function all(input: RawParams, key: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(key);
  const v = input[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Read `force`, `region`, `inspection`, `year` (repeatable), `sort` and `page` from the URL. */
export function parseReleasesQuery(input: RawParams, size = RELEASES_PAGE_SIZE): ReleasesQuery {
  const issues: string[] = [];
  const filters: Partial<Record<ReleaseFacetName, string[]>> = {};
  for (const facet of RELEASE_FACETS) {
    const values = all(input, facet.urlKey).filter((v) => v !== '');
    if (values.some((v) => v.length > 100)) issues.push(`${facet.urlKey}: at most 100 characters`);
    if (values.length > 50) issues.push(`${facet.urlKey}: at most 50 values`);
    filters[facet.name] = [...new Set(values)];
  }
  const sortRaw = all(input, 'sort')[0] ?? 'date';
  const sort = (RELEASE_SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as ReleaseSort) : null;
  if (!sort) issues.push(`sort: must be one of ${RELEASE_SORTS.join(', ')}`);
  const pageRaw = all(input, 'page')[0] ?? '1';
  const page = /^\d{1,6}$/.test(pageRaw) && Number(pageRaw) >= 1 ? Number(pageRaw) : null;
  if (!page) issues.push('page: must be a whole number from 1');
  if (issues.length || !sort || !page) return { ok: false, issues };
  return { ok: true, query: { filters, sort, page, size } };
}

/** `/releases` with `query` changed by `patch` (defaults omitted; the page goes back to 1 unless set). */
export function releasesHref(query: ReleaseListQuery, patch: Partial<ReleaseListQuery> = {}): string {
  const next = { ...query, page: 1, ...patch };
  const usp = new URLSearchParams();
  for (const facet of RELEASE_FACETS) for (const v of next.filters[facet.name] ?? []) usp.append(facet.urlKey, v);
  if (next.sort !== 'date') usp.set('sort', next.sort);
  if (next.page > 1) usp.set('page', String(next.page));
  const s = usp.toString();
  return `/releases${s ? `?${s}` : ''}`;
}

/** The link toggling one facet value. */
export function releasesToggleHref(query: ReleaseListQuery, facet: ReleaseFacetName, value: string): string {
  const current = query.filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return releasesHref(query, { filters: { ...query.filters, [facet]: next } });
}

/** The page of releases for `query` (page clamped to the last one). */
export function releasesPage(engine: Engine, query: ReleaseListQuery): ReleaseList {
  const first = engine.releasePage(query);
  return first.page > first.pages ? engine.releasePage({ ...query, page: first.pages }) : first;
}
