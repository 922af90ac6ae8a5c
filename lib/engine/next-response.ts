import type { HttpResponse } from './api-responses';

/** Turn a route's response into a web `Response` (what Next.js route handlers return). */
export function toNextResponse(response: HttpResponse): Response {
  if (!('raw' in response)) return new Response(JSON.stringify(response.body), { status: response.status, headers: response.headers });
  // 304 (and any null-body status) must have no body at all.
  return new Response(response.raw === null ? null : (response.raw as BodyInit), { status: response.status, headers: response.headers });
}
