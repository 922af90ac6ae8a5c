/**
 * The HTTP side of the API on the real server (the standalone server behind its compression layer): /api/v1/… answers exactly as /api/… (unknown
 * v1 paths are the same JSON 404), Server-Timing and ETag headers, If-None-Match → 304 with no
 * body for search, export, figures CSV and feed; gzip and br by Accept-Encoding, each representation
 * with its own ETag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedBody, rawGet, varyOf } from './raw-http';
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

describe('compression (gzip and br, by Accept-Encoding)', () => {
  // Text responses above 1 kB: JSON, the Atom feed, CSV (cached and streamed) and the sitemap.
  const LARGE = ['/api/search?q=police&size=20', '/api/v1/search?q=second+jobs&fields=segments', '/search.atom?q=police', '/figures.csv', '/api/search/export?q=police', '/api/search/export?q=police&format=jsonl', '/sitemap/0.xml'];
  const IDENTITY_ETAG = /^"[\w-]{27}"$/;

  it('compresses every large text response the client accepts, decoding to exactly the identity body', async () => {
    for (const path of LARGE) {
      const identity = await rawGet(server.url + path);
      expect(identity.status, path).toBe(200);
      expect(identity.headers['content-encoding'], path).toBeUndefined();
      expect(varyOf(identity), path).toContain('accept-encoding');
      expect(identity.body.length, path).toBeGreaterThan(1024);
      const etag = identity.headers.etag as string | undefined;
      if (!path.startsWith('/sitemap')) expect(etag, path).toMatch(IDENTITY_ETAG);
      for (const encoding of ['gzip', 'br']) {
        const encoded = await rawGet(server.url + path, { 'Accept-Encoding': encoding });
        expect(encoded.status, `${path} ${encoding}`).toBe(200);
        expect(encoded.headers['content-encoding'], `${path} ${encoding}`).toBe(encoding);
        expect(varyOf(encoded), `${path} ${encoding}`).toContain('accept-encoding');
        expect(decodedBody(encoded).equals(identity.body), `${path} ${encoding} decodes to the identity body`).toBe(true);
        expect(encoded.body.length, `${path} ${encoding}`).toBeLessThan(identity.body.length / 2);
        // The export is a stream (chunked, no length); every other body is compressed in one go.
        if (path.includes('/export')) expect([encoded.headers['transfer-encoding'], encoded.headers['content-length']], path).toEqual(['chunked', undefined]);
        else expect(encoded.headers['content-length'], path).toBe(String(encoded.body.length));
        // Another representation, another strong ETag: the identity one with the coding as suffix.
        if (etag) expect(encoded.headers.etag, `${path} ${encoding}`).toBe(`${etag.slice(0, -1)}-${encoding}"`);
        // The other headers are the identity response's.
        for (const header of ['content-type', 'cache-control', 'content-disposition', 'x-total-count', 'content-security-policy']) {
          expect(encoded.headers[header], `${path} ${encoding} ${header}`).toEqual(identity.headers[header]);
        }
      }
    }
  });

  it('picks by the client’s preferences: br when both are accepted, none for identity or q=0', async () => {
    const path = `${server.url}/api/search?q=police&size=20`;
    expect((await rawGet(path, { 'Accept-Encoding': 'gzip, deflate, br, zstd' })).headers['content-encoding']).toBe('br');
    expect((await rawGet(path, { 'Accept-Encoding': 'gzip, br;q=0.5' })).headers['content-encoding']).toBe('gzip');
    expect((await rawGet(path, { 'Accept-Encoding': 'gzip;q=0, br;q=0' })).headers['content-encoding']).toBeUndefined();
    expect((await rawGet(path, { 'Accept-Encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    expect((await rawGet(path, { 'Accept-Encoding': 'deflate' })).headers['content-encoding']).toBeUndefined();
    expect((await rawGet(path, { 'Accept-Encoding': '*' })).headers['content-encoding']).toBe('br');
  });

  it('leaves small responses (< 1 kB) alone, with Vary all the same', async () => {
    for (const path of ['/api/health', '/api/nothing-here', '/api/search/export?q=zzzzqqq']) {
      const identity = await rawGet(server.url + path);
      expect(identity.body.length, path).toBeLessThan(1024);
      const asked = await rawGet(server.url + path, { 'Accept-Encoding': 'gzip, br' });
      expect(asked.headers['content-encoding'], path).toBeUndefined();
      expect(asked.status, path).toBe(identity.status);
      expect(varyOf(asked), path).toContain('accept-encoding');
      if (path !== '/api/health') expect(asked.body.equals(identity.body), path).toBe(true);
      else expect(JSON.parse(asked.body.toString()).status).toBe('ok');
    }
  });

  it('answers HEAD with the identity representation’s headers', async () => {
    const head = await rawGet(`${server.url}/api/search?q=police&size=20`, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.body.length).toBe(0);
  });

  it('If-None-Match → 304 per representation; a tag of a coding the client no longer accepts is a 200', async () => {
    for (const path of ['/api/search?q=vetting&size=20', '/search.atom?q=police', '/figures.csv', '/api/search/export?q=police&format=jsonl']) {
      const identity = await rawGet(server.url + path);
      const gzip = await rawGet(server.url + path, { 'Accept-Encoding': 'gzip' });
      const br = await rawGet(server.url + path, { 'Accept-Encoding': 'br' });
      const tags = { identity: identity.headers.etag as string, gzip: gzip.headers.etag as string, br: br.headers.etag as string };
      expect(new Set(Object.values(tags)).size, path).toBe(3);
      // Each representation revalidates with its own tag.
      for (const [encoding, tag] of Object.entries(tags)) {
        const again = await rawGet(server.url + path, { ...(encoding === 'identity' ? {} : { 'Accept-Encoding': encoding }), 'If-None-Match': tag });
        expect(again.status, `${path} ${encoding}`).toBe(304);
        expect(again.body.length, `${path} ${encoding}`).toBe(0);
        expect(again.headers.etag, `${path} ${encoding}`).toBe(tag);
        expect(varyOf(again), `${path} ${encoding}`).toContain('accept-encoding');
      }
      // A list naming the gzip one (weak or strong) matches for a gzip client, and the 304 names it.
      const listed = await rawGet(server.url + path, { 'Accept-Encoding': 'gzip, deflate', 'If-None-Match': `"nope", W/${tags.gzip}` });
      expect(listed.status, path).toBe(304);
      expect(listed.headers.etag, path).toBe(tags.gzip);
      // A client that no longer accepts gzip cannot use its gzip copy: the identity body, 200.
      const noGzip = await rawGet(server.url + path, { 'If-None-Match': tags.gzip });
      expect(noGzip.status, path).toBe(200);
      expect(noGzip.headers['content-encoding'], path).toBeUndefined();
      expect(noGzip.headers.etag, path).toBe(tags.identity);
      expect(noGzip.body.equals(identity.body), path).toBe(true);
      const brForGzip = await rawGet(server.url + path, { 'Accept-Encoding': 'gzip', 'If-None-Match': tags.br });
      expect(brForGzip.status, path).toBe(200);
      expect(brForGzip.headers.etag, path).toBe(tags.gzip);
      // Changed params, other tag: a 200 whatever the client holds.
      const other = await rawGet(`${server.url}${path}${path.includes('?') ? '&' : '?'}year=2012`, { 'Accept-Encoding': 'gzip', 'If-None-Match': tags.gzip });
      expect(other.status, path).toBe(200);
    }
  });
});
