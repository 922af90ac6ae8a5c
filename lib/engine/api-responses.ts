/**
 * JSON API logic, independent of Next.js so it can be tested directly: params validation
 * (zod safeParse), limits, error bodies with stable codes, cache headers.
 */
import { isSearchEngineError } from '../errors';
import { isSlugShaped } from '../schema';
import { MAX_QUERY_LENGTH, SearchParamsSchema, SuggestParamsSchema, beyondResultWindow, canonicalParams, resultWindowMessage, searchParamsToObject, type SearchParams } from '../query/params';
import type { SearchResults } from '../query/types';
import type { Suggestion } from '../query/suggest';
import type { Engine } from './engine';
import { cachedResponse, type SerializedResponse } from './response-cache';
import { recordSearchOutcome } from './record-search-outcome';

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Longest raw query string accepted (all params together). */
export const MAX_QUERY_STRING_LENGTH = 4096;
/** Most parameters accepted in one request. */
export const MAX_PARAM_COUNT = 64;

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };
/** Headers of a cacheable JSON response (search results, finding look-ups). */
export const CACHEABLE = { ...JSON_HEADERS, 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' };
/** Headers of a JSON response that must never be cached (errors, health). */
export const NO_STORE = { ...JSON_HEADERS, 'Cache-Control': 'no-store' };

/** An error body: `{error: {code, message, issues?}}`. */
export function errorResponse(status: number, code: string, message: string, issues?: unknown): ApiResponse {
  return { status, body: { error: issues === undefined ? { code, message } : { code, message, issues } }, headers: NO_STORE };
}

function unavailable(error: unknown): ApiResponse {
  const code = isSearchEngineError(error) ? error.code : 'E_INTERNAL';
  return errorResponse(503, 'index_unavailable', `the search index is not available (${code})`);
}

/**
 * Validate the search params of a request URL (limits, then the zod schema): the params, or the
 * 400 `invalid_params` response to send. Shared by /api/search and /api/search/export.
 */
export function parseSearchRequest(url: URL): { ok: true; params: SearchParams } | { ok: false; response: ApiResponse } {
  const fail = (message: string, issues?: unknown) => ({ ok: false as const, response: errorResponse(400, 'invalid_params', message, issues) });
  if (url.search.length > MAX_QUERY_STRING_LENGTH) return fail(`query string longer than ${MAX_QUERY_STRING_LENGTH} characters`);
  let count = 0;
  for (const _ of url.searchParams.keys()) count++;
  if (count > MAX_PARAM_COUNT) return fail(`more than ${MAX_PARAM_COUNT} parameters`);
  const parsed = SearchParamsSchema.safeParse(searchParamsToObject(url.searchParams));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const message = issues.some((i) => i.path === 'q') ? `invalid params (q is limited to ${MAX_QUERY_LENGTH} characters)` : 'invalid params';
    return fail(message, issues);
  }
  return { ok: true, params: parsed.data };
}

/** The params of a suggest request (limits, then the zod schema), or the 400 `invalid_params` response to send. */
export function parseSuggestRequest(url: URL): { ok: true; q: string } | { ok: false; response: ApiResponse } {
  const fail = (message: string, issues?: unknown) => ({ ok: false as const, response: errorResponse(400, 'invalid_params', message, issues) });
  if (url.search.length > MAX_QUERY_STRING_LENGTH) return fail(`query string longer than ${MAX_QUERY_STRING_LENGTH} characters`);
  let count = 0;
  for (const _ of url.searchParams.keys()) count++;
  if (count > MAX_PARAM_COUNT) return fail(`more than ${MAX_PARAM_COUNT} parameters`);
  const parsed = SuggestParamsSchema.safeParse({ q: url.searchParams.get('q') ?? undefined });
  if (!parsed.success) return fail('invalid params (q is required, 1 to 64 characters)', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return { ok: true, q: parsed.data.q };
}

/** The body of a suggest response, `{q, suggestions: [{text, count, kind}]}` (the CLI's `--suggest --json` prints the same). */
export function suggestBody(q: string, suggestions: readonly Suggestion[]): string {
  return JSON.stringify({ q, suggestions });
}

/**
 * GET /api/suggest (and /api/v1/suggest): up to 8 completions of the partial `q`, most findings
 * first; cached and with an ETag like a search (`Server-Timing: suggest;dur=…`).
 */
export function suggestResponse(getEngine: () => Engine, url: URL, ifNoneMatch: string | null = null): HttpResponse {
  const request = parseSuggestRequest(url);
  if (!request.ok) return request.response;
  const engine = engineOrUnavailable(getEngine);
  if (!engine.ok) return engine.response;
  const { q } = request;
  return cachedResponse({
    kind: 'suggest',
    engine: engine.engine,
    canonical: JSON.stringify([q]),
    ifNoneMatch,
    headers: CACHEABLE,
    produce() {
      const started = performance.now();
      const suggestions = engine.engine.suggest(q);
      const dur = Math.round((performance.now() - started) * 1000) / 1000;
      return { text: suggestBody(q, suggestions), total: suggestions.length, timing: `suggest;dur=${dur}` };
    },
  });
}

/** The engine, or the 503 response to send when no index has ever loaded. */
export function engineOrUnavailable(getEngine: () => Engine): { ok: true; engine: Engine } | { ok: false; response: ApiResponse } {
  try {
    return { ok: true, engine: getEngine() };
  } catch (error) {
    return { ok: false, response: unavailable(error) };
  }
}

/** A response of a route: a JSON value to serialise, or a body already serialised (possibly cached). */
export type HttpResponse = ApiResponse | SerializedResponse;

/** The text of a response body (JSON serialised; '' for a 304). */
export function textBody(response: HttpResponse): string {
  if (!('raw' in response)) return JSON.stringify(response.body);
  const { raw } = response;
  return raw === null ? '' : typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
}

/** The body of a search response: the results, serialised once (compact). */
export function searchBody(results: SearchResults): string {
  return JSON.stringify(results);
}

/**
 * GET /api/search (and /api/v1/search): params parsed once, an ETag from them before any search
 * (`If-None-Match` → 304), the cached body when there is one (lib/engine/response-cache.ts), else
 * the search, serialised once; `Server-Timing: search;dur=…` says how long the search took.
 */
export function searchResponse(getEngine: () => Engine, url: URL, ifNoneMatch: string | null = null): HttpResponse {
  const request = parseSearchRequest(url);
  if (!request.ok) return request.response;
  const { params } = request;
  // A page past the result window (the export streams whole result sets; its paging is ignored).
  if (beyondResultWindow(params)) return errorResponse(400, 'result_window_too_large', resultWindowMessage(params));
  const engine = engineOrUnavailable(getEngine);
  if (!engine.ok) return engine.response;
  return cachedResponse({
    kind: 'search',
    engine: engine.engine,
    canonical: canonicalParams(params),
    ifNoneMatch,
    headers: CACHEABLE,
    produce() {
      const results = engine.engine.search(params);
      return { text: searchBody(results), total: results.total, nearMissTotal: results.nearMissTotal, timing: `search;dur=${results.took_ms}` };
    },
    // Every served search counts in the zero-result log, cached or not (a 304 counts when its body is cached).
    served: (outcome) => {
      if (outcome) recordSearchOutcome(params.q, outcome.total, outcome.nearMissTotal ?? 0);
    },
  });
}

/** GET /api/findings/<id> */
export function findingResponse(getEngine: () => Engine, id: string): ApiResponse {
  if (!isSlugShaped(id)) return errorResponse(404, 'not_found', 'no such finding');
  const engine = engineOrUnavailable(getEngine);
  if (!engine.ok) return engine.response;
  const context = engine.engine.getFinding(id);
  if (!context) return errorResponse(404, 'not_found', `no finding with id "${id}"`);
  return { status: 200, body: context, headers: CACHEABLE };
}
