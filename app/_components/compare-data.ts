/**
 * The /compare page's URL state and links: the params of `/` (lib/query/params, validated with the
 * same schema) plus `show`, the force shown on small screens (one column at a time). Pure.
 */
import { SearchParamsSchema, searchParamsToObject, toQueryString, type SearchParams } from '@/lib/query/params';

export type CompareQuery = { ok: true; params: SearchParams; show: string | null } | { ok: false; issues: string[]; q: string };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Validate the search params of the URL and read `show`. */
export function parseCompareQuery(input: RawParams): CompareQuery {
  const raw = searchParamsToObject(input);
  const parsed = SearchParamsSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'parameters'}: ${i.message}`), q: typeof raw.q === 'string' ? raw.q : '' };
  }
  const showRaw = input instanceof URLSearchParams ? input.get('show') : input.show;
  const show = typeof showRaw === 'string' && showRaw.length > 0 && showRaw.length <= 100 ? showRaw : Array.isArray(showRaw) && showRaw[0] ? showRaw[0].slice(0, 100) : null;
  return { ok: true, params: parsed.data, show };
}

/** `/compare` for `params` changed by `patch` (page and size dropped: the grid has neither), with `show` when given. */
export function compareHref(params: SearchParams, patch: Partial<SearchParams> = {}, show?: string | null): string {
  const qs = toQueryString({ ...params, ...patch, page: 1, size: 20 });
  if (!show) return `/compare${qs}`;
  return `/compare${qs}${qs ? '&' : '?'}${new URLSearchParams({ show })}`;
}

/** The link adding or removing `force` from the columns `current` (the forces shown now). */
export function compareToggleHref(params: SearchParams, current: readonly string[], force: string): string {
  const next = current.includes(force) ? current.filter((f) => f !== force) : [...current, force];
  return compareHref(params, { force: next });
}
