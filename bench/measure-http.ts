/**
 * HTTP load: the production server (the standalone build behind its compression layer,
 * `.next/standalone/serve.mjs`, what `npm start` and the Docker image run) on 127.0.0.1 serving
 * the benchmark index (INDEX_DIR), hammered by autocannon on /api/search with the benchmark's
 * query mix — each request takes the next URL of the mix (shared counter over all connections) —
 * for a bounded time. Every request says `Accept-Encoding` as a browser does
 * ({@link ACCEPT_ENCODING}), so compressing is part of what is measured.
 * Two servers, one after the other: the first with the response cache off (`SEARCH_CACHE=off`):
 * the no-search baseline first, on an idle server (after `/api/health` answers quickly again: run
 * after the search load, it measured a server still answering the searches autocannon had given up
 * on, 0 req/s at 1M), then bytes per response (each URL of the mix once: on the wire and decoded)
 * and the uncached load; the second with the cache on: the cached load and its hit rate (the
 * `X-Cache` header). Each server's process group is always killed at the end, on success or failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { REPO_ROOT, formatDuration, killGroup } from './child';
import { prepareStandalone } from '../scripts/standalone';

const NEXT_BIN = join(REPO_ROOT, 'node_modules/next/dist/bin/next');
const BUILD_ID = join(REPO_ROOT, '.next/BUILD_ID');

/** What Chromium sends: the server answers br (gzip to a client that names only gzip). */
export const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export interface HttpOptions {
  indexDir: string;
  /** `/api/search?...` paths, in mix order. */
  paths: readonly string[];
  durationSec: number;
  connections: number;
  warmupSec: number;
  /**
   * Also measure, for this long before the search load and on an idle server, a route handler that
   * does no search (the catch-all /api/<unknown> returning a small JSON 404): the framework's own
   * ceiling on this box.
   */
  baselineSec?: number;
  /** Also measure with the response cache on (a second server) for this long; 0/undefined = skip. */
  cachedSec?: number;
  /** Heap limit for the server, in MB (large indexes). */
  maxOldSpaceMb?: number;
  /** Give up waiting for the server's first successful search after this long. */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/** What one autocannon run measured. */
export interface LoadRun {
  requests: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface HttpResult extends LoadRun {
  url: string;
  connections: number;
  durationSec: number;
  /** From spawning the server to the first 200 from /api/search (includes loading the index). */
  firstSearchMs: number;
  statusCodes: Record<string, number>;
  baseline?: Baseline;
  /** Body bytes of each URL of the mix, fetched once (cache off). */
  bytes?: ResponseBytes;
  /** The same load with the response cache on (a second server), after a warm-up that fills it. */
  cached?: CachedLoad;
}

/** The no-search route's load. */
export interface Baseline {
  path: string;
  reqPerSec: number;
  latencyMs: { p50: number; p99: number };
  /** When it ran (absent in results from before: after the search load, on a server still busy with it). */
  when?: string;
  /** How long the server took to become idle before it (see {@link waitUntilIdle}). */
  idleWaitMs?: number;
}

export interface ByteStats {
  /** Median, p90 and max over the 20-hit pages (size 20, the UI's page). */
  median20: number;
  p90_20: number;
  max20: number;
  /** Median and max over every URL (deep pages of 100 hits included). */
  medianAll: number;
  maxAll: number;
}

/** Body sizes of each URL of the mix: decoded (the JSON), and as sent (the target is on its 20-hit median). */
export interface ResponseBytes extends ByteStats {
  /** URLs fetched (the distinct URLs of the mix). */
  responses: number;
  /** The same responses on the wire, asked with `Accept-Encoding: <acceptEncoding>` (absent in results from before compression). */
  wire?: ByteStats & { acceptEncoding: string; contentEncoding: Record<string, number> };
}

export interface CachedLoad extends LoadRun {
  /** Share of measured responses with `X-Cache: hit`. */
  hitRate: number;
}

/** The last `lines` non-empty lines a server wrote (stdout and stderr), for the error when it dies. */
export function outputTail(server: ChildProcess, lines: number): string[] {
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) tail.push(line.trim());
    while (tail.length > lines) tail.shift();
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  return tail;
}

/** True when a `next build` of this repository seems to be running (another process is building). */
export function nextBuildRunning(): boolean {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!/next(\.js)?\s+build\b/.test(cmd) && !cmd.startsWith('next-build')) continue;
      const cwd = readlinkSafe(`/proc/${pid}/cwd`);
      if (cwd === REPO_ROOT || cwd === null) return true;
    } catch {
      // process gone or not ours to read
    }
  }
  return false;
}

function readlinkSafe(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

/**
 * Make sure `.next/BUILD_ID` exists: wait for a build another process is running (up to
 * `waitMs`), otherwise run `next build` ourselves when `allowBuild`. Returns null when a build is
 * there, or the reason there is none.
 */
export async function ensureNextBuild(options: { allowBuild: boolean; waitMs?: number; log?: (line: string) => void }): Promise<string | null> {
  const log = options.log ?? (() => {});
  const stale = existsSync(BUILD_ID) && buildIsStale();
  if (existsSync(BUILD_ID) && !stale) return null;
  if (stale) {
    if (!options.allowBuild) return 'the production build is older than the code (run `node node_modules/next/dist/bin/next build`)';
    rmSync(BUILD_ID);
  }
  const deadline = Date.now() + (options.waitMs ?? 10 * 60_000);
  if (nextBuildRunning()) log('another `next build` is running; waiting for it');
  while (!existsSync(BUILD_ID) && nextBuildRunning() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5000));
  if (existsSync(BUILD_ID)) return null;
  if (!options.allowBuild) return 'no production build (.next/BUILD_ID missing; run `node node_modules/next/dist/bin/next build`)';
  log(stale ? 'the production build is older than the code: running `next build`' : 'no production build: running `next build`');
  const started = performance.now();
  const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 20 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0 || !existsSync(BUILD_ID)) {
    const tail = `${build.stdout ?? ''}\n${build.stderr ?? ''}`.trim().split('\n').slice(-5).join(' | ');
    return `next build failed (${build.error ? build.error.message : `exit ${build.status}`}): ${tail.slice(0, 400)}`;
  }
  log(`next build done in ${formatDuration(performance.now() - started)}`);
  return null;
}

/** What the production build is made of, beside `node_modules` (relative to the repository). */
const BUILD_INPUTS = ['app', 'lib', 'server', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package.json', 'package-lock.json'];

/** Newest modification time (ms) of a file or, recursively, of a directory's files; 0 when absent. */
function newestMtime(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when a source file changed after `.next/BUILD_ID` was written: the server would run older code than the engine measured beside it. */
export function buildIsStale(): boolean {
  const builtAt = statSync(BUILD_ID).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(REPO_ROOT, input)) > builtAt);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForSearch(base: string, timeoutMs: number, isDead: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = isDead();
    if (dead) throw new Error(`the server exited before serving: ${dead}`);
    try {
      const res = await fetch(`${base}/api/search?q=police`, { signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())) });
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no successful search within ${formatDuration(timeoutMs)} (last: ${last})`);
}

/** Options of {@link waitUntilIdle}. */
export interface IdleOptions {
  /** An answer within this long counts as quick (default 50 ms). */
  quickMs?: number;
  /** Quick answers in a row that make the server idle (default 3). */
  inARow?: number;
  /** Give up after this long (default 2 min). */
  timeoutMs?: number;
  /** Pause between requests (default 100 ms). */
  pauseMs?: number;
}

/**
 * Wait until the server answers `GET /api/health` quickly `inARow` times in a row: it has no
 * backlog of requests (a load's abandoned requests are still answered after autocannon stops).
 * Returns how long it waited; throws when it is not idle within the timeout.
 */
export async function waitUntilIdle(base: string, options: IdleOptions = {}): Promise<number> {
  const quickMs = options.quickMs ?? 50;
  const inARow = options.inARow ?? 3;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = performance.now();
  let quick = 0;
  let last = '';
  while (performance.now() - started < timeoutMs) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(Math.max(1000, Math.ceil(timeoutMs - (t0 - started)))) });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      quick = res.ok && ms <= quickMs ? quick + 1 : 0;
      last = `HTTP ${res.status} in ${ms.toFixed(0)} ms`;
    } catch (error) {
      quick = 0;
      last = (error as Error).message;
    }
    if (quick >= inARow) return performance.now() - started;
    await new Promise((r) => setTimeout(r, options.pauseMs ?? 100));
  }
  throw new Error(`the server was not idle within ${formatDuration(timeoutMs)} (/api/health: ${last})`);
}

/** The steps on the uncached server, in the order {@link runUncachedSteps} runs them. */
export interface UncachedSteps<B, Y, L> {
  idle: () => Promise<number>;
  baseline: (idleWaitMs: number) => Promise<B>;
  bytes: () => Promise<Y>;
  warmup: () => Promise<unknown>;
  load: () => Promise<L>;
}

/**
 * The uncached server's steps: wait until idle, the no-search baseline (when asked for), then the
 * searches: bytes, warm-up, the load. The baseline comes first so that no search is still being
 * answered while it runs.
 */
export async function runUncachedSteps<B, Y, L>(steps: UncachedSteps<B, Y, L>, withBaseline: boolean): Promise<{ baseline?: B; bytes: Y; load: L }> {
  const baseline = withBaseline ? await steps.baseline(await steps.idle()) : undefined;
  const bytes = await steps.bytes();
  await steps.warmup();
  const load = await steps.load();
  return { ...(baseline !== undefined ? { baseline } : {}), bytes, load };
}

function rotatingRequests(paths: readonly string[]) {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (request: Record<string, unknown>) => {
        request.path = paths[next++ % paths.length];
        return request;
      },
    },
  ];
}

interface RunningServer {
  base: string;
  firstSearchMs: number;
}

/** Start the production server with `env`, wait for its first search, run `body`, and always kill it. */
async function withServer<T>(options: HttpOptions, env: Record<string, string>, body: (server: RunningServer) => Promise<T>): Promise<T> {
  const log = options.log ?? (() => {});
  const entry = prepareStandalone(REPO_ROOT);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const heap = options.maxOldSpaceMb ? `--max-old-space-size=${options.maxOldSpaceMb}` : '';
  const started = performance.now();
  const server = spawn(process.execPath, [...(heap ? [heap] : []), entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', INDEX_DIR: options.indexDir, NODE_OPTIONS: heap, PORT: String(port), HOSTNAME: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const tail = outputTail(server, 20);
  let exited: string | null = null;
  server.on('exit', (code, signal) => {
    exited = `code ${code}${signal ? `, ${signal}` : ''}; ${tail.slice(-3).join(' | ')}`;
  });
  const onParentExit = () => killGroup(server.pid, 'SIGKILL');
  process.once('exit', onParentExit);
  try {
    log(`serve.mjs on ${base}, INDEX_DIR=${options.indexDir}${Object.keys(env).length ? `, ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}`);
    await waitForSearch(base, options.readyTimeoutMs ?? 10 * 60_000, () => exited);
    const firstSearchMs = performance.now() - started;
    log(`first search answered after ${formatDuration(firstSearchMs)}`);
    return await body({ base, firstSearchMs });
  } finally {
    process.off('exit', onParentExit);
    await stopServer(server.pid, () => exited !== null);
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** One GET with node:http: the body as sent (fetch would decode it) and its Content-Encoding. */
export function getRaw(url: string, headers: Record<string, string>): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** A body decoded as its Content-Encoding says. */
export function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || encoding === 'identity') return body;
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

/** Median, p90 and max of the 20-hit pages, median and max of all, from sizes listed with each URL's page size. */
export function byteStats(sizes: readonly { bytes: number; size20: boolean }[]): ByteStats {
  const all = sizes.map((s) => s.bytes).sort((a, b) => a - b);
  const pages20 = sizes.filter((s) => s.size20).map((s) => s.bytes).sort((a, b) => a - b);
  return { median20: quantile(pages20, 0.5), p90_20: quantile(pages20, 0.9), max20: pages20.at(-1) ?? 0, medianAll: quantile(all, 0.5), maxAll: all.at(-1) ?? 0 };
}

/** Body bytes of each distinct URL of the mix, one request each (as a browser asks), on the wire and decoded. */
async function measureBytes(base: string, paths: readonly string[]): Promise<ResponseBytes> {
  const decoded: { bytes: number; size20: boolean }[] = [];
  const wire: { bytes: number; size20: boolean }[] = [];
  const contentEncoding: Record<string, number> = {};
  for (const path of new Set(paths)) {
    const res = await getRaw(`${base}${path}`, { 'Accept-Encoding': ACCEPT_ENCODING });
    const size20 = new URL(path, base).searchParams.get('size') === '20';
    wire.push({ bytes: res.body.length, size20 });
    decoded.push({ bytes: decode(res.body, res.encoding).length, size20 });
    const coding = res.encoding ?? 'identity';
    contentEncoding[coding] = (contentEncoding[coding] ?? 0) + 1;
  }
  return { responses: decoded.length, ...byteStats(decoded), wire: { acceptEncoding: ACCEPT_ENCODING, contentEncoding, ...byteStats(wire) } };
}

type Load = Awaited<ReturnType<typeof autocannon>>;

/** One autocannon run over the mix; counts `X-Cache: hit` answers. */
async function load(base: string, options: HttpOptions, durationSec: number): Promise<{ result: Load; hits: number; responses: number }> {
  let hits = 0;
  let responses = 0;
  const requests = rotatingRequests(options.paths).map((r) => ({
    ...r,
    onResponse: (_status: number, _body: string, _context: unknown, headers: Record<string, string>) => {
      responses++;
      if (headers['x-cache'] === 'hit') hits++;
    },
  }));
  const result = await autocannon({ url: base, connections: options.connections, duration: durationSec, headers: { 'accept-encoding': ACCEPT_ENCODING }, requests, renderProgressBar: false, renderResultsTable: false });
  return { result, hits, responses };
}

const latencyOf = (r: Load) => ({ mean: r.latency.mean, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max });

/** Bytes, uncached load and baseline (cache off), then the cached load (cache on). */
export async function measureHttp(options: HttpOptions): Promise<HttpResult> {
  const log = options.log ?? (() => {});
  const uncached = await withServer(options, { SEARCH_CACHE: 'off' }, async ({ base, firstSearchMs }) => {
    const path = '/api/bench-baseline-no-such-route';
    const steps = await runUncachedSteps(
      {
        idle: async () => {
          const waited = await waitUntilIdle(base);
          log(`idle (/api/health quick 3 times in a row) after ${formatDuration(waited)}`);
          return waited;
        },
        baseline: async (idleWaitMs): Promise<Baseline> => {
          log(`baseline: ${path} (no search) for ${options.baselineSec} s, before any search load`);
          const b = await autocannon({ url: `${base}${path}`, connections: options.connections, duration: options.baselineSec!, headers: { 'accept-encoding': ACCEPT_ENCODING }, renderProgressBar: false, renderResultsTable: false });
          return { path, reqPerSec: b.requests.total / b.duration, latencyMs: { p50: b.latency.p50, p99: b.latency.p99 }, when: 'before the search load, on an idle server', idleWaitMs };
        },
        bytes: async () => {
          log(`bytes per response: each of the ${new Set(options.paths).size} URLs of the mix once`);
          const bytes = await measureBytes(base, options.paths);
          log(`20-hit pages: median ${bytes.wire?.median20} B on the wire (${bytes.median20} B decoded); max ${bytes.maxAll} B decoded over all`);
          return bytes;
        },
        warmup: async () => {
          if (options.warmupSec <= 0) return;
          log(`warming up for ${options.warmupSec} s`);
          await load(base, options, options.warmupSec);
        },
        load: async () => {
          log(`measuring (cache off): ${options.connections} connections for ${options.durationSec} s`);
          return (await load(base, options, options.durationSec)).result;
        },
      },
      !!options.baselineSec,
    );
    return { result: steps.load, baseline: steps.baseline, bytes: steps.bytes, firstSearchMs };
  });
  const cached = options.cachedSec
    ? await withServer(options, {}, async ({ base }) => {
        // The warm-up fills the cache: every distinct URL of the mix once, then the usual warm-up load.
        log(`cache on: each URL of the mix once, a ${options.warmupSec} s warm-up, then ${options.connections} connections for ${options.cachedSec} s`);
        await measureBytes(base, options.paths);
        if (options.warmupSec > 0) await load(base, options, options.warmupSec);
        const { result, hits, responses } = await load(base, options, options.cachedSec!);
        return { requests: result.requests.total, reqPerSec: result.requests.total / result.duration, latencyMs: latencyOf(result), non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, hitRate: responses ? hits / responses : 0 } satisfies CachedLoad;
      })
    : undefined;
  const { result, baseline, bytes, firstSearchMs } = uncached;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number(stat.count);
  return {
    url: 'http://127.0.0.1/api/search',
    connections: options.connections,
    durationSec: result.duration,
    firstSearchMs,
    requests: result.requests.total,
    reqPerSec: result.requests.total / result.duration,
    latencyMs: latencyOf(result),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    ...(baseline ? { baseline } : {}),
    bytes,
    ...(cached ? { cached } : {}),
  };
}

async function stopServer(pid: number | undefined, hasExited: () => boolean): Promise<void> {
  killGroup(pid, 'SIGTERM');
  for (let i = 0; i < 50 && !hasExited(); i++) await new Promise((r) => setTimeout(r, 100));
  killGroup(pid, 'SIGKILL');
}
