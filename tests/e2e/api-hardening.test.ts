/**
 * The JSON API and pages against the real server (tests/e2e/server.ts): fuzzing (never 5xx, never a hang), limits,
 * path traversal, security headers, CLI/API agreement over HTTP, and a failed index reload that
 * keeps the last good index serving.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { ROOT, startServer, type TestServer } from './server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function get(path: string): Promise<{ status: number; type: string; body: string; headers: Headers }> {
  const res = await fetch(server.url + path, { signal: AbortSignal.timeout(15_000), redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text(), headers: res.headers };
}

const junk = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '"', '"unclosed', '-', '--', '-"', ':', 'force:', 'topic:', '>', '>=', 'secondJobApplications>', 'secondJobApplications>=-1', '%00', '../..', '\u0000', '\uFFFF', '𝕏', 'a'.repeat(300), 'x'.repeat(5000)),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
  fc.double().map(String),
);
const paramName = fc.constantFrom('q', 'force', 'region', 'topic', 'section', 'kind', 'page', 'size', 'sort', 'includeBoilerplate', '__proto__', 'constructor', 'x');

describe('API hardening (real server)', () => {
  it('≥ 2,000 random requests: only 200, 400 or 404, always JSON, never a hang', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: fc.array(fc.tuple(paramName, junk), { maxLength: 8 }).map((pairs) => `/api/search?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`) },
          { weight: 1, arbitrary: junk.map((id) => `/api/findings/${encodeURIComponent(id)}`) },
        ),
        async (path) => {
          const res = await get(path);
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          expect([200, 400, 404]).toContain(res.status);
          expect(res.type).toContain('application/json');
          JSON.parse(res.body);
        },
      ),
      { numRuns: 2000 },
    );
    expect(seen.get(200)).toBeGreaterThan(100);
    expect(seen.get(400)).toBeGreaterThan(10);
  }, 600_000);

  it('enforces the query length and parameter count limits with a message', async () => {
    const long = await get(`/api/search?q=${'a'.repeat(257)}`);
    expect(long.status).toBe(400);
    expect(JSON.parse(long.body)).toMatchObject({ error: { code: 'invalid_params', message: expect.stringMatching(/256/) } });
    const many = await get(`/api/search?${Array.from({ length: 70 }, (_, i) => `force=f${i}`).join('&')}`);
    expect(many.status).toBe(400);
    expect(JSON.parse(many.body).error.message).toMatch(/parameters/);
  });

  it('path traversal is a 404, encoded and double-encoded', async () => {
    for (const path of ['/releases/..%2F..%2Fetc%2Fpasswd', '/releases/..%252F..%252Fetc%252Fpasswd', '/findings/..%2F..%2Fetc%2Fpasswd', '/api/findings/..%2F..%2Fetc%2Fpasswd', '/api/findings/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/api/nope']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('root:x:0:0');
    }
  });

  it('sends the security headers and no X-Powered-By', async () => {
    for (const path of ['/', '/api/search?q=media', '/figures']) {
      const { headers } = await get(path);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBeTruthy();
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('the CLI and the HTTP API return the same results', async () => {
    const res = JSON.parse((await get('/api/search?q=second+jobs&force=Essex+Police&topic=second-jobs')).body);
    const cli = JSON.parse(
      execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', 'second jobs', '--force', 'Essex Police', '--topic', 'second-jobs', '--index', server.indexDir, '--json'], { cwd: ROOT, encoding: 'utf8' }),
    );
    expect({ ...cli, took_ms: 0 }).toEqual({ ...res, took_ms: 0 });
    expect(res.total).toBeGreaterThan(0);
  });

  it('a corrupt or wrong-format index is refused and the last good index keeps serving; a good one is picked up', async () => {
    const before = JSON.parse((await get('/api/search?q=media')).body).total;
    const manifestPath = join(server.indexDir, 'manifest.json');
    const good = readFileSync(manifestPath, 'utf8');
    // another format version
    writeFileSync(manifestPath, good.replace(/"formatVersion": \d+/, '"formatVersion": 999'));
    await new Promise((r) => setTimeout(r, 1200));
    expect(JSON.parse((await get('/api/search?q=media')).body).total).toBe(before);
    // a checksum mismatch: swap in a manifest whose file hashes are wrong
    const [head, files] = good.split('"files"');
    writeFileSync(manifestPath, `${head}"files"${files!.replace(/"sha256": "[0-9a-f]{64}"/, `"sha256": "${'0'.repeat(64)}"`)}`);
    await new Promise((r) => setTimeout(r, 1200));
    const during = await get('/api/search?q=media');
    expect(during.status).toBe(200);
    expect(JSON.parse(during.body).total).toBe(before);
    // a truncated manifest
    writeFileSync(manifestPath, good.slice(0, 100));
    await new Promise((r) => setTimeout(r, 1200));
    expect(JSON.parse((await get('/api/search?q=media')).body).total).toBe(before);
    // a new good build into the same directory (with one more release) is served
    const source = mkdtempSync(join(tmpdir(), 'hmic-swap-'));
    cpSync(join(ROOT, 'seeds'), source, { recursive: true });
    writeFileSync(
      join(source, 'kent.txt'),
      readFileSync(join(ROOT, 'seeds/003_4f249c14dfe13b76.txt'), 'utf8').replaceAll('Essex', 'Kent'),
    );
    await buildFromDirectory({ source, out: server.indexDir });
    rmSync(source, { recursive: true, force: true });
    // The new build loads in the background (the old one answers until the swap): poll for it.
    let after = { total: 0 };
    for (const deadline = Date.now() + 60_000; after.total === 0 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      after = JSON.parse((await get('/api/search?q=media&force=Kent+Police')).body);
    }
    expect(after.total).toBeGreaterThan(0);
  });
});
