/**
 * Search parameters: one zod schema shared by the CLI, the JSON API and the UI.
 * Arrays accept a single string too (URLSearchParams gives one value when a key appears once).
 */
import { z } from 'zod';
import { FACETS, FACET_NAMES, facetValues, type FacetDef, type FacetName } from '../facets';
import { MAX_SUGGEST_QUERY_LENGTH } from '../index/suggest-format';

export const MAX_QUERY_LENGTH = 256;
export const MAX_VALUES_PER_FILTER = 50;
export const MAX_PAGE = 10_000;
/**
 * Deepest result a page may reach (from + size ≤ 10,000, like Elasticsearch's
 * `max_result_window`): ranking costs grow with page × size, and nobody reads past it — narrow
 * the search, or export the whole result set.
 */
export const MAX_RESULT_WINDOW = 10_000;

/** The last page of `size` hits inside {@link MAX_RESULT_WINDOW}. */
export function lastReachablePage(size: number): number {
  return Math.max(1, Math.floor(MAX_RESULT_WINDOW / size));
}

/** True when `page` of `size` hits reaches past {@link MAX_RESULT_WINDOW}. */
export function beyondResultWindow(params: { page: number; size: number }): boolean {
  return params.page * params.size > MAX_RESULT_WINDOW;
}

/** The message every surface (API, CLI, UI) gives for a page past the window. */
export function resultWindowMessage(params: { page: number; size: number }): string {
  return `page ${params.page} of ${params.size} hits reaches past result ${MAX_RESULT_WINDOW.toLocaleString('en-GB')} (from + size must be ≤ ${MAX_RESULT_WINDOW}); the last page at this size is ${lastReachablePage(params.size)}: narrow the search to see more`;
}

const list = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([item, z.array(item)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[])
    .pipe(z.array(z.any()).max(MAX_VALUES_PER_FILTER, `at most ${MAX_VALUES_PER_FILTER} values per filter`))
    .default([]);

const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off', ''])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'on');

export const DocKindSchema = z.enum(['finding', 'paragraph']);
export type DocKind = z.infer<typeof DocKindSchema>;

/** `relevance`; `force` (by force, then document order); `date` (newest release first, see lib/index/newest.ts). */
export const SORTS = ['relevance', 'force', 'date'] as const;
export const SortSchema = z.enum(SORTS);
export type Sort = z.infer<typeof SortSchema>;

/** `none` (one hit per document) or `force` (the best hit per force, see lib/query/group-by.ts). */
export const GROUPS = ['none', 'force'] as const;
export const GroupSchema = z.enum(GROUPS);
export type Group = z.infer<typeof GroupSchema>;

/**
 * Optional parts of a search response, asked for with `fields=segments,figures` (comma-separated,
 * or the key repeated): `segments` adds each hit's whole text as segments (by default a hit has
 * only its `snippet`); `figures` adds the per-release figure rows (`SearchResults.figures`).
 */
export const RESPONSE_FIELDS = ['segments', 'figures'] as const;
export const ResponseFieldSchema = z.enum(RESPONSE_FIELDS);
export type ResponseField = z.infer<typeof ResponseFieldSchema>;

/** Facet values listed per facet by default (selected values are always listed); 0 = all. */
export const DEFAULT_FACET_LIMIT = 10;
/** Largest `facetLimit` accepted (more than any facet has values; 0 asks for all anyway). */
export const MAX_FACET_LIMIT = 1000;

const fieldsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((part) => part.split(',')).map((f) => f.trim()).filter(Boolean))
  .pipe(z.array(ResponseFieldSchema).max(RESPONSE_FIELDS.length * 4))
  // One canonical order, no duplicates: the response (and its cache key) does not depend on how they were listed.
  .transform((fields) => RESPONSE_FIELDS.filter((f) => fields.includes(f)))
  .default([]);

/** The schema of one value of a facet, from its registry entry. */
function facetValueSchema(facet: FacetDef): z.ZodType<string> {
  if (facet.valueType === 'closed') return z.enum(facetValues(facet.name as FacetName) as [string, ...string[]]);
  if (facet.valueType === 'integer') return z.string().regex(/^\d{1,6}$/, `${facet.urlKey} must be a whole number`);
  return z.string().min(1).max(100);
}

type FacetParamShape = { [K in FacetName]: ReturnType<typeof list<z.ZodType<string>>> };
const facetParamShape = Object.fromEntries(FACETS.map((f) => [f.urlKey, list(facetValueSchema(f))])) as unknown as FacetParamShape;

export const SearchParamsSchema = z.object({
  q: z.string().max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`).default(''),
  ...facetParamShape,
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  size: z.coerce.number().int().min(1).max(100).default(20),
  sort: SortSchema.default('relevance'),
  includeBoilerplate: boolish.default(false),
  group: GroupSchema.default('none'),
  /** Optional response parts (see {@link RESPONSE_FIELDS}); default none: hits carry only their snippet. */
  fields: fieldsSchema,
  /** Values listed per facet (first in the facet's order, selected ones always); default {@link DEFAULT_FACET_LIMIT}, 0 = all. */
  facetLimit: z.coerce.number().int().min(0).max(MAX_FACET_LIMIT).default(DEFAULT_FACET_LIMIT),
});
export type SearchParams = z.infer<typeof SearchParamsSchema>;

/** Params of GET /api/suggest (and the CLI's `--suggest`): the partial query, 1–64 characters. */
export const SuggestParamsSchema = z.object({
  q: z
    .string({ error: 'q is required' })
    .min(1, 'q must not be empty')
    .max(MAX_SUGGEST_QUERY_LENGTH, `q must be at most ${MAX_SUGGEST_QUERY_LENGTH} characters`),
});
export type SuggestParams = z.infer<typeof SuggestParamsSchema>;
export type SearchParamsInput = z.input<typeof SearchParamsSchema>;

const ARRAY_KEYS = new Set<string>([...FACETS.map((f) => f.urlKey), 'fields']);

/**
 * Turn URLSearchParams (or a Next.js `searchParams` record) into a plain object for
 * {@link SearchParamsSchema}. Unknown keys are dropped; repeated scalar keys keep the first value.
 */
export function searchParamsToObject(
  input: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  const entries: [string, string][] =
    input instanceof URLSearchParams
      ? [...input.entries()]
      : Object.entries(input).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
  for (const [key, value] of entries) {
    if (!(key in SearchParamsSchema.shape)) continue;
    if (ARRAY_KEYS.has(key)) {
      const prev = out[key];
      out[key] = prev === undefined ? [value] : [...(prev as string[]), value];
    } else if (out[key] === undefined) {
      out[key] = value;
    }
  }
  return out;
}

/** Serialise params back into a canonical query string (defaults omitted), for links. */
export function toQueryString(params: Partial<SearchParams>): string {
  const usp = new URLSearchParams();
  if (params.q) usp.set('q', params.q);
  for (const key of FACET_NAMES) {
    for (const v of params[key] ?? []) usp.append(key, v);
  }
  if (params.sort && params.sort !== 'relevance') usp.set('sort', params.sort);
  if (params.includeBoilerplate) usp.set('includeBoilerplate', 'true');
  if (params.group && params.group !== 'none') usp.set('group', params.group);
  if (params.size && params.size !== 20) usp.set('size', String(params.size));
  if (params.page && params.page > 1) usp.set('page', String(params.page));
  if (params.fields?.length) usp.set('fields', params.fields.join(','));
  if (params.facetLimit !== undefined && params.facetLimit !== DEFAULT_FACET_LIMIT) usp.set('facetLimit', String(params.facetLimit));
  const s = usp.toString();
  return s ? `?${s}` : '';
}

/**
 * One string per distinct request: every param in a fixed order, filter values sorted and
 * deduplicated (values of a filter are ORed, so their order never changes a response). The
 * cache key and ETag input of lib/engine/response-cache.ts; `omit` drops params a response ignores.
 */
export function canonicalParams(params: SearchParams, omit: readonly (keyof SearchParams)[] = []): string {
  const skip = new Set<string>(omit);
  const parts: unknown[] = [];
  for (const key of Object.keys(SearchParamsSchema.shape) as (keyof SearchParams)[]) {
    if (skip.has(key)) continue;
    const value = params[key];
    parts.push(ARRAY_KEYS.has(key) && key !== 'fields' ? [...new Set(value as string[])].sort() : value);
  }
  return JSON.stringify(parts);
}
