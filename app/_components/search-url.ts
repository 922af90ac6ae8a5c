/**
 * Links for the search page, built on the server from validated params (lib/query/params
 * `toQueryString` keeps them canonical). Every view of `/` is one of these URLs.
 */
import { FACET_NAMES, type FacetName } from '@/lib/facets';
import { DEFAULT_FACET_LIMIT, toQueryString, type SearchParams } from '@/lib/query/params';

/** `/` with `params` changed by `patch`; the page goes back to 1 unless the patch sets it. */
export function searchHref(params: SearchParams, patch: Partial<SearchParams> = {}): string {
  return `/${toQueryString({ ...params, page: 1, ...patch })}`;
}

function wordPrefix(value: string, wanted: string): boolean {
  const v = value.toLowerCase();
  const w = wanted.toLowerCase().trim();
  return v === w || v.startsWith(w) || v.split(/[\s-]+/).some((word) => word.startsWith(w));
}

const INLINE_FILTER = /(^|\s)(-?)([A-Za-z]+):("[^"]*"?|\S*)/g;

/** `q` without the inline `facet:value` filters that select `value` (e.g. `force:essex` for "Essex Police"). */
export function withoutInlineFilter(q: string, facet: FacetName, value: string): string {
  return q
    .replace(INLINE_FILTER, (whole, lead: string, neg: string, key: string, raw: string) => {
      if (neg || key.toLowerCase() !== facet) return whole;
      const wanted = raw.replace(/^"|"$/g, '');
      return wanted && wordPrefix(value, wanted) ? lead : whole;
    })
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The link that toggles one facet value (removing it from the URL params and from inline filters in `q`). */
export function toggleHref(params: SearchParams, facet: FacetName, value: string, selected: boolean): string {
  const current = params[facet] as string[];
  if (!selected) return searchHref(params, { [facet]: [...current, value] });
  return searchHref(params, { [facet]: current.filter((v) => v !== value), q: withoutInlineFilter(params.q, facet, value) });
}

/** Hidden inputs that carry the rest of the state through a GET form (the form's own fields excluded). */
export function hiddenFields(params: SearchParams, omit: ReadonlyArray<keyof SearchParams>): [string, string][] {
  const out: [string, string][] = [];
  const skip = new Set<string>(omit);
  if (!skip.has('q') && params.q) out.push(['q', params.q]);
  for (const key of FACET_NAMES) {
    if (skip.has(key)) continue;
    for (const v of params[key]) out.push([key, v]);
  }
  if (!skip.has('sort') && params.sort !== 'relevance') out.push(['sort', params.sort]);
  if (!skip.has('includeBoilerplate') && params.includeBoilerplate) out.push(['includeBoilerplate', 'true']);
  if (!skip.has('group') && params.group !== 'none') out.push(['group', params.group]);
  if (!skip.has('size') && params.size !== 20) out.push(['size', String(params.size)]);
  if (!skip.has('facetLimit') && params.facetLimit !== DEFAULT_FACET_LIMIT) out.push(['facetLimit', String(params.facetLimit)]);
  return out;
}

/** The export of the current search (every hit, not one page): `/api/search/export?…&format=…`. */
export function exportHref(params: SearchParams, format: 'csv' | 'jsonl'): string {
  const qs = toQueryString({ ...params, page: 1, size: 20, group: 'none', fields: [], facetLimit: DEFAULT_FACET_LIMIT });
  return `/api/search/export${qs ? `${qs}&` : '?'}format=${format}`;
}
