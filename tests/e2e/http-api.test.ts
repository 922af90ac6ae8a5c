/**
 * The HTTP side of the API on a real `next start`: /api/v1/… answers exactly as /api/… (unknown
 * v1 paths are the same JSON 404), Server-Timing and ETag headers, If-None-Match → 304 with no
 * body for search, export, figures CSV and feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
const withoutTiming = (body: string) => ({ ...(JSON.parse(body) as object), took_ms: 0 });

describe('/api/v1', () => {
  it('/api/v1/search, /api/v1/search/export and /api/v1/findings/<id> answer as their /api twins', async () => {
    for (const query of ['q=second+jobs&force=Essex+Police', 'q=media&fields=segments,figures&facetLimit=0', 'group=force&sort=date&size=3']) {
      const [v1, plain] = await Promise.all([get(`/api/v1/search?${query}`), get(`/api/search?${query}`)]);
      expect(v1.status).toBe(200);
      expect(v1.headers.get('content-type')).toBe(plain.headers.get('content-type'));
      expect(v1.headers.get('etag')).toBe(plain.headers.get('etag'));
      expect(withoutTiming(await v1.text())).toEqual(withoutTiming(await plain.text()));
    }
    const [exportV1, exportPlain] = await Promise.all([get('/api/v1/search/export?q=second+jobs'), get('/api/search/export?q=second+jobs')]);
    expect(await exportV1.text()).toBe(await exportPlain.text());
    const finding = await get('/api/v1/findings/essex-police-2012-7');
    expect(finding.status).toBe(200);
    expect(await finding.text()).toBe(await (await get('/api/findings/essex-police-2012-7')).text());
  });

  it('errors are the same JSON: 400 invalid_params, 404 for unknown ids and unknown v1 paths', async () => {
    const bad = await get('/api/v1/search?size=500');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_params');
    for (const path of ['/api/v1/findings/nope-1', '/api/v1/nothing', '/api/v1/search/nothing/here', '/api/v2/search']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});

describe('caching headers', () => {
  it('/api/search sends Server-Timing, ETag and Cache-Control; If-None-Match → 304 with no body', async () => {
    const first = await get('/api/search?q=vetting&size=5');
    expect(first.status).toBe(200);
    expect(first.headers.get('server-timing')).toMatch(/(^|, )(search|cache);/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/api/search?size=5&q=vetting', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const v1 = await get('/api/v1/search?q=vetting&size=5', { 'If-None-Match': etag });
    expect(v1.status).toBe(304);
  });

  it('export, /figures.csv and /search.atom answer If-None-Match with 304', async () => {
    for (const path of ['/api/search/export?q=second+jobs&format=jsonl', '/figures.csv?sort=force', '/search.atom?q=second+jobs']) {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      await first.arrayBuffer();
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      const again = await get(path, { 'If-None-Match': etag! });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
    }
  });
});
