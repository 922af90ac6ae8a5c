/**
 * GET /api/health — load-balancer readiness: 200 with the index being served once one is, 503
 * before (still loading, or the index is missing or unreadable). Never cached.
 */
import { NO_STORE, type ApiResponse } from './api-responses';
import type { IndexStatus } from './get-engine';

/** The health answer for an index status (lib/engine/get-engine.ts `indexStatus`). */
export function healthResponse(status: IndexStatus): ApiResponse {
  const { serving, loading, lastError } = status;
  if (serving) return { status: 200, body: { status: 'ok', index: serving, reloading: loading, lastError }, headers: NO_STORE };
  const message = lastError ? `no index is being served: ${lastError.message}` : 'the search index is still loading';
  return { status: 503, body: { status: 'unavailable', error: { code: 'index_unavailable', message }, loading, lastError }, headers: NO_STORE };
}
