/**
 * Shared setup for the browser tests: build the index into a temp dir, build Next.js when the
 * build is missing or older than the sources, start the server production runs — the standalone
 * server behind its compression layer (`.next/standalone/serve.mjs`, what `npm start` and the
 * Dockerfile run) — on a free port and stop it (the whole process group) afterwards, also when a
 * test or the setup fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { freePort } from '../../bench/measure-http';
import { DEBIAN_CHROMIUM } from '../../scripts/ensure-chromium';
import { prepareStandalone } from '../../scripts/standalone';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const NEXT_BIN = join(ROOT, 'node_modules/next/dist/bin/next');
const SOURCE_INPUTS = ['app', 'lib', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'postcss.config.cjs', 'package.json', 'tsconfig.json'];

export interface TestServer {
  url: string;
  indexDir: string;
  /** Resident memory of the server's whole process group, in bytes (Linux /proc). */
  rss(): number;
  stop(): Promise<void>;
}

function newestMtime(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * Run `next build` unless .next/BUILD_ID is newer than every source input, then put the static
 * assets and serve.mjs with the compression layer beside the standalone server.js; returns the
 * path of serve.mjs.
 */
export function ensureNextBuild(): string {
  const buildId = join(ROOT, '.next/BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...SOURCE_INPUTS.map((p) => newestMtime(join(ROOT, p))));
  if (built > sources) return prepareStandalone(ROOT);
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 15 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`next build failed (${result.status ?? result.signal}):\n${(result.stdout ?? '').slice(-4000)}\n${(result.stderr ?? '').slice(-4000)}`);
  }
  return prepareStandalone(ROOT);
}

/**
 * Spawn the production server (`serve.mjs` from {@link ensureNextBuild}) on 127.0.0.1:`port` in
 * its own process group, with `env` on top of this process's environment.
 */
export function spawnServer(entry: string, port: number, env: Record<string, string | undefined>, stdio: 'pipe' | 'ignore' = 'pipe'): ChildProcess {
  return spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', HOSTNAME: '127.0.0.1', ...env, PORT: String(port) },
    detached: true, // own process group, so stop() can kill the server and anything it spawned
    stdio: ['ignore', stdio, stdio],
  });
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

// Last resort: never leave a server holding a port when the test process exits.
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

async function waitForHttp(url: string, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited early (${child.exitCode ?? child.signalCode}):\n${log()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer 200 on ${url} within ${timeoutMs} ms:\n${log()}`);
}

export interface StartOptions {
  /** Extra release files copied next to the seeds before indexing. */
  extraSources?: string[];
  /** Index exactly these files (with their sidecars, if any) instead of the seeds. */
  sources?: string[];
  /** Extra environment for the server (`ADMIN_TOKEN`, `DATA_DIR`: by default a fresh dir removed on stop). */
  env?: Record<string, string>;
}

/** Build index and app as needed, start the server, wait until `/` answers 200. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const work = mkdtempSync(join(tmpdir(), 'hmic-e2e-'));
  let source = join(ROOT, 'seeds');
  if (options.sources?.length) {
    source = join(work, 'source');
    mkdirSync(source);
    for (const file of options.sources) {
      cpSync(file, join(source, file.split('/').pop()!));
      if (existsSync(`${file}.meta.yml`)) cpSync(`${file}.meta.yml`, join(source, `${file.split('/').pop()!}.meta.yml`));
    }
  } else if (options.extraSources?.length) {
    source = join(work, 'source');
    cpSync(join(ROOT, 'seeds'), source, { recursive: true });
    for (const file of options.extraSources) cpSync(file, join(source, file.split('/').pop()!));
  }
  const indexDir = join(work, 'index');
  const report = await buildFromDirectory({ source, out: indexDir });
  if (!report.manifest) throw new Error(`index build failed: ${report.errors.map((e) => e.message).join('; ')}`);
  const entry = ensureNextBuild();

  const port = await freePort();
  let output = '';
  const child = spawnServer(entry, port, { INDEX_DIR: indexDir, DATA_DIR: join(work, 'data'), ...options.env });
  running.add(child);
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (running.has(child)) {
      running.delete(child);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, indexDir, stop, rss: () => groupRss(child.pid!) };
}

/** Sum of VmRSS over the processes of process group `pgid`. */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      /* process ended while we looked */
    }
  }
  return total;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** CHROMIUM_PATH, else Debian's chromium: the one `npm test`'s first step (scripts/ensure-chromium.ts) made sure of. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM, args: CHROMIUM_ARGS });
}

/** Where screenshots go (git-ignored). */
export const SHOTS = join(ROOT, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/**
 * A fresh context + page with a fixed colour scheme (so screenshots and axe runs are deterministic).
 * `page.goto` and `page.reload` of an HTML page also wait until React has hydrated it
 * (`<html data-hydrated>`): on a busy machine the server-rendered page is visible long before its
 * handlers are attached, and a key pressed or a box typed into before then is lost.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPlainPage(browser, options);
  if (options.javaScriptEnabled === false) return page;
  const hydrated = async (response: Awaited<ReturnType<Page['goto']>>) => {
    if (response?.ok() && (response.headers()['content-type'] ?? '').includes('text/html')) {
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
    }
    return response;
  };
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (url, gotoOptions) => hydrated(await goto(url, gotoOptions));
  page.reload = async (reloadOptions) => hydrated(await reload(reloadOptions));
  return page;
}

async function newPlainPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 }, ...options });
  return context.newPage();
}

/**
 * Per-file setup: one server and one browser for the file, always stopped in afterAll (also when
 * beforeAll failed half-way). Call at the top level of a test file.
 */
export function useApp(options: StartOptions = {}): { readonly url: string; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });
  return {
    get url() {
      if (!server) throw new Error('server not started');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('browser not started');
      return browser;
    },
  };
}

/** Wait until `locator` (first match) has text matching `re`. */
export async function waitForText(locator: Locator, re: RegExp, timeout = 15_000): Promise<void> {
  await locator.filter({ hasText: re }).first().waitFor({ state: 'visible', timeout });
}
