/**
 * JSON API logic, independent of Next.js so it can be tested directly: params validation
 * (zod safeParse), limits, error bodies with stable codes, cache headers.
 */
import { isSearchEngineError } from '../errors';
import { isSlugShaped } from '../schema';
import { MAX_QUERY_LENGTH, SearchParamsSchema, beyondResultWindow, resultWindowMessage, searchParamsToObject } from '../query/params';
import type { Engine } from './engine';

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
const CACHEABLE = { ...JSON_HEADERS, 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' };
const NO_STORE = { ...JSON_HEADERS, 'Cache-Control': 'no-store' };

/** An error body: `{error: {code, message, issues?}}`. */
export function errorResponse(status: number, code: string, message: string, issues?: unknown): ApiResponse {
  return { status, body: { error: issues === undefined ? { code, message } : { code, message, issues } }, headers: NO_STORE };
}

function unavailable(error: unknown): ApiResponse {
  const code = isSearchEngineError(error) ? error.code : 'E_INTERNAL';
  return errorResponse(503, 'index_unavailable', `the search index is not available (${code})`);
}

/** GET /api/search */
export function searchResponse(getEngine: () => Engine, url: URL): ApiResponse {
  if (url.search.length > MAX_QUERY_STRING_LENGTH) {
    return errorResponse(400, 'invalid_params', `query string longer than ${MAX_QUERY_STRING_LENGTH} characters`);
  }
  let count = 0;
  for (const _ of url.searchParams.keys()) count++;
  if (count > MAX_PARAM_COUNT) return errorResponse(400, 'invalid_params', `more than ${MAX_PARAM_COUNT} parameters`);
  const parsed = SearchParamsSchema.safeParse(searchParamsToObject(url.searchParams));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const message = issues.some((i) => i.path === 'q') ? `invalid params (q is limited to ${MAX_QUERY_LENGTH} characters)` : 'invalid params';
    return errorResponse(400, 'invalid_params', message, issues);
  }
  if (beyondResultWindow(parsed.data)) return errorResponse(400, 'result_window_too_large', resultWindowMessage(parsed.data));
  let engine: Engine;
  try {
    engine = getEngine();
  } catch (error) {
    return unavailable(error);
  }
  return { status: 200, body: engine.search(parsed.data), headers: CACHEABLE };
}

/** GET /api/findings/<id> */
export function findingResponse(getEngine: () => Engine, id: string): ApiResponse {
  if (!isSlugShaped(id)) return errorResponse(404, 'not_found', 'no such finding');
  let engine: Engine;
  try {
    engine = getEngine();
  } catch (error) {
    return unavailable(error);
  }
  const context = engine.getFinding(id);
  if (!context) return errorResponse(404, 'not_found', `no finding with id "${id}"`);
  return { status: 200, body: context, headers: CACHEABLE };
}
