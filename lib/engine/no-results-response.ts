/**
 * GET /admin/no-results: the zero-result log for curators, behind `Authorization: Bearer
 * $ADMIN_TOKEN`. 404 when ADMIN_TOKEN is unset (the page does not exist), 401 for a missing or
 * wrong token (compared in constant time), `Cache-Control: no-store` always. HTML table by
 * default; JSON with `?format=json`, or with `Accept: application/json` when `format` is absent.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ZeroResultEntry } from './zero-result-log';

export interface AdminRequest {
  url: URL;
  authorization: string | null;
  accept: string | null;
}

export interface TextResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' };
const ParamsSchema = z.object({ format: z.enum(['html', 'json']).optional() }).strict();

/** Equal strings, in time that depends on neither (both hashed to 32 bytes first). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): TextResponse {
  return { status, body: JSON.stringify(body), headers: { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8', ...extra } };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function table(entries: ZeroResultEntry[]): string {
  const rows = entries
    .map((e) => `<tr><td><a href="/?q=${escapeHtml(encodeURIComponent(e.query))}">${escapeHtml(e.query)}</a></td><td>${e.count}</td><td>${e.nearMisses}</td><td>${e.lastSeen}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Searches without results</title></head>
<body>
<main>
<h1>Searches without results</h1>
<p>Queries that found no full match (normalised text only), most requests first. “With near misses” counts the requests that showed results matching some of the words.</p>
<table>
<thead><tr><th scope="col">Query</th><th scope="col">Requests</th><th scope="col">With near misses</th><th scope="col">Last seen (day, UTC)</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4">No searches without results yet.</td></tr>'}
</tbody>
</table>
</main>
</body>
</html>
`;
}

/**
 * The admin response for `request`; `entries` reads the log (only called once authorised).
 * @param adminToken the expected token (default `process.env.ADMIN_TOKEN`); unset or empty → 404
 */
export function noResultsResponse(request: AdminRequest, entries: () => ZeroResultEntry[], adminToken = process.env.ADMIN_TOKEN): TextResponse {
  if (!adminToken) return json(404, { error: { code: 'not_found', message: 'no such page' } });
  const given = /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1];
  if (given === undefined || !sameSecret(given, adminToken)) {
    return json(401, { error: { code: 'unauthorized', message: 'send Authorization: Bearer <ADMIN_TOKEN>' } }, { 'WWW-Authenticate': 'Bearer realm="admin"' });
  }
  const params = ParamsSchema.safeParse(Object.fromEntries(request.url.searchParams));
  if (!params.success) {
    return json(400, { error: { code: 'invalid_params', message: 'invalid params', issues: params.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } });
  }
  const accept = request.accept ?? '';
  const wantsJson = params.data.format ? params.data.format === 'json' : accept.includes('application/json') && !accept.includes('text/html');
  const list = entries();
  if (wantsJson) return json(200, { queries: list });
  return { status: 200, body: table(list), headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } };
}
