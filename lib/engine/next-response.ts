import type { ApiResponse } from './api-responses';

/** Turn an {@link ApiResponse} into a web `Response` (what Next.js route handlers return). */
export function toNextResponse(response: ApiResponse): Response {
  return new Response(JSON.stringify(response.body), { status: response.status, headers: response.headers });
}
