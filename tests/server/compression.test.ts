/**
 * The compression layer in front of the standalone server (server/compression.mjs): negotiation,
 * which responses it compresses, per-representation ETags and If-None-Match, and, on a real
 * node:http server, the ways Next writes a response (appendHeader'd headers, flushHeaders before
 * the first chunk, flush after each chunk, end in a later microtask), streaming and backpressure.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, createGunzip, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { codedEtag, compressibleType, compressing, negotiate, rewriteIfNoneMatch, THRESHOLD } from '../../server/compression.mjs';

describe('negotiate', () => {
  it('picks br or gzip by q-value, br on a tie, nothing when neither is acceptable', () => {
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiate('gzip, deflate')).toBe('gzip');
    expect(negotiate('br')).toBe('br');
    expect(negotiate('gzip;q=1, br;q=0.8')).toBe('gzip');
    expect(negotiate('gzip;q=0.5, br;q=0.9')).toBe('br');
    expect(negotiate('x-gzip')).toBe('gzip');
    expect(negotiate('*')).toBe('br');
    expect(negotiate('*;q=0.5, br;q=0')).toBe('gzip');
    expect(negotiate('GZIP;Q=0.3')).toBe('gzip');
    expect(negotiate('gzip;q=0, br;q=0')).toBeNull();
    expect(negotiate('identity')).toBeNull();
    expect(negotiate('deflate, zstd')).toBeNull();
    expect(negotiate('')).toBeNull();
    expect(negotiate(undefined)).toBeNull();
  });
});

describe('compressibleType', () => {
  it('is true for text, JSON, XML and the like, also as the array Next leaves', () => {
    for (const type of ['application/json; charset=utf-8', 'text/csv; charset=utf-8', 'text/html', 'application/atom+xml; charset=utf-8', 'application/xml', 'application/x-ndjson; charset=utf-8', 'application/opensearchdescription+xml', 'application/javascript', 'image/svg+xml', 'application/x-bibtex', 'application/x-research-info-systems', 'text/plain']) {
      expect(compressibleType(type), type).toBe(true);
    }
    expect(compressibleType(['application/json; charset=utf-8'])).toBe(true);
    for (const type of ['application/pdf', 'image/png', 'font/woff2', 'application/octet-stream', undefined, 42]) expect(compressibleType(type), String(type)).toBe(false);
  });
});

describe('ETags and If-None-Match', () => {
  it('suffixes the identity tag inside the quotes, weak stays weak', () => {
    expect(codedEtag('"abc"', 'gzip')).toBe('"abc-gzip"');
    expect(codedEtag('W/"abc"', 'br')).toBe('W/"abc-br"');
    expect(codedEtag('abc', 'br')).toBeNull();
  });

  it('maps tags of codings the client accepts back to the identity tag, and remembers how it named them', () => {
    const { header, coded } = rewriteIfNoneMatch('"a-gzip", W/"b-br", "c", "d-br", *', 'gzip, br');
    expect(header).toBe('"a", W/"b", "c", "d", *');
    expect(coded).toEqual(new Map([['a', ['gzip']], ['b', ['br']], ['d', ['br']]]));
    // br is no longer accepted: its tag stays as it is (and matches nothing).
    expect(rewriteIfNoneMatch('"a-gzip", "b-br"', 'gzip').header).toBe('"a", "b-br"');
    expect(rewriteIfNoneMatch('"a-gzip"', undefined).header).toBe('"a-gzip"');
    // Only one suffix comes off: an identity tag that itself ends in -br is compressed as "…-br-br".
    expect(rewriteIfNoneMatch('"x-br-br"', 'br').header).toBe('"x-br"');
  });
});

// ---------------------------------------------------------------------------------------------
// On a real server
// ---------------------------------------------------------------------------------------------

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function serve(handler: Handler, options?: Parameters<typeof compressing>[1]): Promise<string> {
  server = createServer(compressing((req, res) => void handler(req, res), options));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Got {
  status: number;
  headers: IncomingMessage['headers'];
  raw: Buffer;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const coding = res.headers['content-encoding'];
        const body = coding === 'gzip' ? gunzipSync(raw) : coding === 'br' ? brotliDecompressSync(raw) : raw;
        resolve({ status: res.statusCode!, headers: res.headers, raw, body });
      });
    })
      .on('error', reject)
      .end();
  });
}

const JSON_BODY = Buffer.from(JSON.stringify({ hits: Array.from({ length: 40 }, (_, i) => ({ id: `essex-police-2012-${i}`, text: 'Essex Police has made improvements to how it manages second jobs.' })) }));

/**
 * How Next 16 sends a route handler's body: every header set as an array (its NodeNextResponse
 * appendHeader, next/dist/server/base-http/node.js), flushHeaders, write + flush per chunk, end a
 * few microtasks later.
 */
function nextLike(body: Buffer, headers: Record<string, string> = {}, chunkSize = body.length): Handler {
  return async (_req, res) => {
    res.statusCode = 200;
    res.setHeader('Content-Type', ['application/json; charset=utf-8']);
    res.setHeader('Vary', ['rsc, next-router-state-tree']);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, [v]);
    res.flushHeaders();
    for (let at = 0; at < body.length; at += chunkSize) {
      res.write(body.subarray(at, at + chunkSize));
      (res as unknown as { flush(): void }).flush();
      await Promise.resolve();
    }
    await Promise.resolve();
    res.end();
  };
}

describe('on a node:http server', () => {
  it('compresses a Next-style route response (headers as arrays, flushHeaders first) with gzip or br', async () => {
    const url = await serve(nextLike(JSON_BODY, { ETag: '"abc"', 'Cache-Control': 'public, max-age=60' }));
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe('"abc"');
    expect(plain.headers.vary).toBe('rsc, next-router-state-tree, Accept-Encoding');
    expect(plain.body.equals(JSON_BODY)).toBe(true);
    for (const coding of ['gzip', 'br'] as const) {
      const got = await get(url, { 'Accept-Encoding': coding });
      expect(got.headers['content-encoding']).toBe(coding);
      expect(got.headers.etag).toBe(`"abc-${coding}"`);
      expect(got.headers.vary).toBe('rsc, next-router-state-tree, Accept-Encoding');
      expect(got.headers['cache-control']).toBe('public, max-age=60');
      // The whole body came within the turn it was flushed in: compressed in one go, with its length.
      expect(got.headers['content-length']).toBe(String(got.raw.length));
      expect(got.body.equals(JSON_BODY)).toBe(true);
      expect(got.raw.length).toBeLessThan(JSON_BODY.length / 4);
    }
  });

  it('compresses bodies sent in many small chunks, and one res.end(body), and writeHead with headers', async () => {
    const chunked = await serve(nextLike(JSON_BODY, {}, 100));
    const a = await get(chunked, { 'Accept-Encoding': 'gzip' });
    expect(a.headers['content-encoding']).toBe('gzip');
    expect(a.body.equals(JSON_BODY)).toBe(true);
    server!.close();
    const ended = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/csv', ETag: 'W/"w"' });
      res.end(JSON_BODY);
    });
    const b = await get(ended, { 'Accept-Encoding': 'br' });
    expect(b.headers['content-encoding']).toBe('br');
    expect(b.headers.etag).toBe('W/"w-br"');
    expect(b.body.equals(JSON_BODY)).toBe(true);
    server!.close();
    const flat = await serve((_req, res) => {
      res.writeHead(201, 'Made', ['Content-Type', 'text/plain', 'X-One', '1']);
      res.write(JSON_BODY.toString('utf8'), 'utf8');
      res.end(() => {});
    });
    const c = await get(flat, { 'Accept-Encoding': 'gzip' });
    expect([c.status, c.headers['content-encoding'], c.headers['x-one']]).toEqual([201, 'gzip', '1']);
    expect(c.body.equals(JSON_BODY)).toBe(true);
  });

  it('streams a body past the hold limit, also when it all comes within one turn', async () => {
    const url = await serve(nextLike(JSON_BODY, {}, 500), { holdLimit: 2048 });
    for (const coding of ['gzip', 'br']) {
      const got = await get(url, { 'Accept-Encoding': coding });
      expect(got.headers['content-encoding']).toBe(coding);
      expect(got.headers['content-length']).toBeUndefined();
      expect(got.headers['transfer-encoding']).toBe('chunked');
      expect(got.body.equals(JSON_BODY)).toBe(true);
    }
  });

  it('streams a response marked X-Accel-Buffering: no once it passes the threshold; below it, as it is', async () => {
    const url = await serve(nextLike(JSON_BODY, { 'X-Accel-Buffering': 'no' }));
    const got = await get(url, { 'Accept-Encoding': 'gzip' });
    expect([got.headers['content-encoding'], got.headers['content-length'], got.headers['x-accel-buffering']]).toEqual(['gzip', undefined, 'no']);
    expect(got.body.equals(JSON_BODY)).toBe(true);
    server!.close();
    const small = await serve(nextLike(Buffer.from('id,url\r\n'), { 'X-Accel-Buffering': 'no' }));
    const header = await get(small, { 'Accept-Encoding': 'gzip' });
    expect([header.headers['content-encoding'], header.body.toString()]).toEqual([undefined, 'id,url\r\n']);
  });

  it('sends bodies under the threshold as they are, with Content-Length and Vary', async () => {
    const small = Buffer.from('{"status":"ok"}');
    const url = await serve(nextLike(small, { 'Cache-Control': 'no-store' }));
    const got = await get(url, { 'Accept-Encoding': 'gzip, br' });
    expect(got.headers['content-encoding']).toBeUndefined();
    expect(got.headers['content-length']).toBe(String(small.length));
    expect(got.headers.vary).toContain('Accept-Encoding');
    expect(got.body.equals(small)).toBe(true);
    server!.close();
    const exact = Buffer.alloc(THRESHOLD, 'a');
    const at = await serve(nextLike(exact));
    expect((await get(at, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    server!.close();
    const below = await serve(nextLike(exact.subarray(1)));
    expect((await get(below, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('leaves alone: HEAD, other types, no-transform, 206, 204, bodies already encoded; no Vary on other types', async () => {
    const cases: [string, Handler, string?][] = [
      ['pdf', (_q, r) => { r.setHeader('Content-Type', 'application/pdf'); r.end(JSON_BODY); }],
      ['no-transform', (_q, r) => { r.setHeader('Content-Type', 'text/plain'); r.setHeader('Cache-Control', 'public, no-transform'); r.end(JSON_BODY); }],
      ['206', (_q, r) => { r.statusCode = 206; r.setHeader('Content-Type', 'text/plain'); r.setHeader('Content-Range', `bytes 0-${JSON_BODY.length - 1}/99999`); r.end(JSON_BODY); }],
      ['encoded', (_q, r) => { r.setHeader('Content-Type', 'text/plain'); r.setHeader('Content-Encoding', 'zstd'); r.end(JSON_BODY); }],
      ['head', (_q, r) => { r.setHeader('Content-Type', 'text/plain'); r.end(); }, 'HEAD'],
    ];
    for (const [name, handler, method] of cases) {
      const url = await serve(handler);
      const got = await get(url, { 'Accept-Encoding': 'gzip, br' }, method);
      expect(got.headers['content-encoding'] ?? null, name).toBe(name === 'encoded' ? 'zstd' : null);
      if (method !== 'HEAD') expect(got.raw.equals(JSON_BODY), name).toBe(true);
      if (name === 'pdf') expect(got.headers.vary, name).toBeUndefined();
      server!.close();
    }
    const empty = await serve((_q, r) => { r.statusCode = 204; r.setHeader('Content-Type', 'application/json'); r.end(); });
    expect((await get(empty, { 'Accept-Encoding': 'gzip' })).status).toBe(204);
  });

  it('304s: If-None-Match with a coded tag reaches the app as the identity tag, and the 304 names the client’s tag', async () => {
    const seen: (string | undefined)[] = [];
    const url = await serve((req, res) => {
      seen.push(req.headers['if-none-match']);
      const hit = (req.headers['if-none-match'] ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === '"abc"');
      res.appendHeader('ETag', '"abc"');
      if (hit) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.appendHeader('Content-Type', 'application/json');
      res.end(JSON_BODY);
    });
    const cases: [Record<string, string>, number, string][] = [
      [{ 'Accept-Encoding': 'gzip', 'If-None-Match': '"abc-gzip"' }, 304, '"abc-gzip"'],
      [{ 'Accept-Encoding': 'br', 'If-None-Match': '"abc-br"' }, 304, '"abc-br"'],
      [{ 'If-None-Match': '"abc"' }, 304, '"abc"'],
      [{ 'Accept-Encoding': 'gzip', 'If-None-Match': '"abc"' }, 304, '"abc"'],
      [{ 'Accept-Encoding': 'gzip, br', 'If-None-Match': '"abc-gzip", "abc-br"' }, 304, '"abc-br"'],
      [{ 'Accept-Encoding': 'gzip, br', 'If-None-Match': 'W/"abc-gzip"' }, 304, '"abc-gzip"'],
      [{ 'If-None-Match': '"abc-gzip"' }, 200, '"abc"'],
      [{ 'Accept-Encoding': 'gzip', 'If-None-Match': '"abc-br"' }, 200, '"abc-gzip"'],
    ];
    for (const [headers, status, etag] of cases) {
      const got = await get(url, headers);
      expect([got.status, got.headers.etag], JSON.stringify(headers)).toEqual([status, etag]);
      expect(got.headers.vary, JSON.stringify(headers)).toContain('Accept-Encoding');
      if (status === 200) expect(got.body.equals(JSON_BODY)).toBe(true);
    }
    expect(seen.slice(0, 2)).toEqual(['"abc"', '"abc"']);
  });

  it('streams: the first chunk arrives, decoded, before the app writes the rest', async () => {
    let release!: () => void;
    const more = new Promise<void>((r) => (release = r));
    const first = Buffer.from(`${'first chunk of rows\n'.repeat(100)}`);
    const url = await serve(async (_req, res) => {
      res.setHeader('Content-Type', 'text/csv');
      res.flushHeaders();
      res.write(first);
      (res as unknown as { flush(): void }).flush();
      await more;
      res.end('the rest\n'.repeat(200));
    });
    const decoded = await new Promise<string>((resolve, reject) => {
      request(url, { headers: { 'Accept-Encoding': 'gzip' }, agent: false }, (res) => {
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(res.headers['content-length']).toBeUndefined();
        const gunzip = res.pipe(createGunzip());
        let text = '';
        gunzip.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.length >= first.length) resolve(text);
        });
        gunzip.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    expect(decoded.startsWith(first.toString())).toBe(true);
    release();
  });

  it('holds backpressure: a client that stops reading stops the app, reading again resumes it, going away frees it', async () => {
    // Barely compressible text (base64 of random bytes: gzip keeps ~75 % of it), written like Next
    // writes: one 'drain' listener for the whole response, wait for it when write() says false.
    const chunk = Buffer.from(randomBytes(48 * 1024).toString('base64'));
    const total = 1000 * chunk.length; // 64 MB, all of it in memory if nothing held the app back
    const apps: { written: number; finished: boolean }[] = [];
    const url = await serve(
      async (_req, res) => {
        const app = { written: 0, finished: false };
        apps.push(app);
        let drained: () => void = () => {};
        res.on('drain', () => drained());
        res.once('close', () => drained());
        res.setHeader('Content-Type', 'text/plain');
        res.flushHeaders();
        while (app.written < total && !res.destroyed) {
          const ok = res.write(chunk);
          app.written += chunk.length;
          (res as unknown as { flush(): void }).flush();
          if (!ok) await new Promise<void>((r) => (drained = r));
        }
        app.finished = true;
        res.end();
      },
      { gzipLevel: 1 },
    );
    const open = () =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(url, { headers: { 'Accept-Encoding': 'gzip' }, agent: false }, resolve);
        req.on('error', reject);
        req.end();
      });
    const stalled = async (app: { written: number }) => {
      let last = -1;
      while (app.written !== last) {
        last = app.written;
        await new Promise((r) => setTimeout(r, 300));
      }
      return app.written;
    };

    const reader = await open();
    reader.pause();
    const first = apps[0]!;
    const held = await stalled(first);
    expect(first.finished).toBe(false);
    expect(held).toBeLessThan(total / 4);
    // Reading again: everything arrives, decoded, and the app finishes.
    let decoded = 0;
    const gunzip = reader.pipe(createGunzip());
    gunzip.on('data', (c: Buffer) => (decoded += c.length));
    await once(gunzip, 'end');
    expect(decoded).toBe(total);
    expect(first.finished).toBe(true);

    // Going away ends the app's loop instead of leaving it blocked.
    const leaver = await open();
    leaver.pause();
    await stalled(apps[1]!);
    expect(apps[1]!.finished).toBe(false);
    leaver.destroy();
    const deadline = Date.now() + 5000;
    while (!apps[1]!.finished && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(apps[1]!.finished).toBe(true);
    expect(apps[1]!.written).toBeLessThan(total / 4);
  });
});
