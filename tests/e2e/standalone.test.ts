/**
 * The standalone server as the Dockerfile runs it: `.next/standalone` copied somewhere else with
 * `.next/static` and serve.mjs (with the compression layer) beside it, `node serve.mjs`, INDEX_DIR
 * pointing at an index. Before an index exists it answers 503 (health, API) and its pages say so;
 * once one is built it serves pages, the API (compressed), static assets and source files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { freePort } from '../../bench/measure-http';
import { SERVER_FILES, STANDALONE_ENTRY } from '../../scripts/standalone';
import { decodedBody, rawGet, varyOf } from './raw-http';
import { ROOT, ensureNextBuild, launchBrowser } from './server';

const work = mkdtempSync(join(tmpdir(), 'hmic-standalone-'));
const indexDir = join(work, 'index'); // nothing there when the server starts
let server: ChildProcess | undefined;
let base = '';
let output = '';

beforeAll(async () => {
  ensureNextBuild();
  const app = join(work, 'app');
  // What the Dockerfile's run stage copies: the standalone output, the static assets, our entry.
  cpSync(join(ROOT, '.next/standalone'), app, { recursive: true });
  cpSync(join(ROOT, '.next/static'), join(app, '.next/static'), { recursive: true });
  for (const file of SERVER_FILES) cpSync(join(ROOT, 'server', file), join(app, file));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [join(app, STANDALONE_ENTRY)], {
    cwd: work,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOSTNAME: '127.0.0.1', INDEX_DIR: indexDir },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`serve.mjs exited: ${output}`);
    try {
      await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`serve.mjs did not answer: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
});

afterAll(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('standalone server', () => {
  it('answers 503 before an index exists, then serves pages, the API, assets and sources', async () => {
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await health.json()).toMatchObject({ status: 'unavailable', error: { code: 'index_unavailable' } });
    const search = await fetch(`${base}/api/search?q=second+jobs`);
    expect(search.status).toBe(503);
    expect(await search.json()).toMatchObject({ error: { code: 'index_unavailable' } });
    // Pages say so: the error boundary (app/error.tsx) renders in the browser from the error's digest.
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/?q=second+jobs`);
      await page.getByTestId('index-unavailable').waitFor({ timeout: 60_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The search index is not available yet');
    } finally {
      await browser.close();
    }
    expect(output).toMatch(/"event":"index_reload_failed".*"code":"E_INDEX_MISSING"/);

    // An index appears: the server picks it up without a restart.
    await buildFromDirectory({ source: join(ROOT, 'seeds'), out: indexDir });
    const deadline = Date.now() + 60_000;
    let body: { status?: string; index?: { counts: { findings: number } } } = {};
    while (Date.now() < deadline) {
      const res = await fetch(`${base}/api/health`);
      body = await res.json();
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(body).toMatchObject({ status: 'ok', index: { counts: { findings: 42 } } });

    const results = await fetch(`${base}/api/search?q=second+jobs`);
    expect(results.status).toBe(200);
    expect(((await results.json()) as { total: number }).total).toBeGreaterThan(0);

    // One compression layer in front of Next: API JSON, feeds, CSV (streamed too) and pages.
    for (const path of ['/api/search?q=second+jobs', '/search.atom?q=police', '/api/search/export?q=police', '/figures.csv', '/?q=second+jobs']) {
      const identity = await rawGet(base + path);
      expect(identity.headers['content-encoding'], path).toBeUndefined();
      for (const encoding of ['gzip', 'br']) {
        const encoded = await rawGet(base + path, { 'Accept-Encoding': encoding });
        expect(encoded.headers['content-encoding'], `${path} ${encoding}`).toBe(encoding);
        expect(varyOf(encoded), `${path} ${encoding}`).toContain('accept-encoding');
        if (!path.startsWith('/?')) expect(decodedBody(encoded).equals(identity.body), `${path} ${encoding}`).toBe(true);
        else expect(decodedBody(encoded).toString()).toContain('Essex Police');
      }
    }
    const small = await rawGet(`${base}/api/health`, { 'Accept-Encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();

    const home = await fetch(`${base}/?q=second+jobs`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Essex Police');
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(base + script)).status).toBe(200);

    const source = await fetch(`${base}/sources/essex-police-2012`);
    expect(source.status).toBe(200);
    const release = (await (await fetch(`${base}/api/findings/essex-police-2012-1`)).json()) as { release: { source: { path: string } } };
    expect(Buffer.from(await source.arrayBuffer()).equals(readFileSync(join(ROOT, 'seeds', release.release.source.path)))).toBe(true);
  });
});
