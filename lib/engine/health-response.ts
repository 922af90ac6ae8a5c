/**
 * GET /api/health — load-balancer readiness: 200 with the index being served once one is, 503
 * before (still loading, or the index is missing or unreadable). Never cached.
 */
import type { ApiResponse } from './api-responses';
import type { IndexStatus } from './get-engine';

const HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/** The health answer for an index status (lib/engine/get-engine.ts `indexStatus`). */
export function healthResponse(status: IndexStatus): ApiResponse {
  const { serving, loading, lastError } = status;
  if (serving) return { status: 200, body: { status: 'ok', index: serving, reloading: loading, lastError }, headers: HEADERS };
  const message = lastError ? `no index is being served: ${lastError.message}` : 'the search index is still loading';
  return { status: 503, body: { status: 'unavailable', error: { code: 'index_unavailable', message }, loading, lastError }, headers: HEADERS };
}
