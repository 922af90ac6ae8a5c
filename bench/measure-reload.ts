/**
 * Reload under load: the standalone server behind its compression layer (`.next/standalone/serve.mjs`,
 * what `npm start` and the Docker image run) serves a copy of the benchmark index while a few closed-loop clients send the
 * query mix; then the served index is replaced by another build of the same size, several times,
 * and every request's latency is recorded — before the reloads (baseline) and while each new
 * index loads and is swapped in. The other build is the same index under a new build id (its
 * files hard-linked into `data-<id>`, a new manifest switched in atomically), so the server does
 * all the work of loading a new build of that size.
 *
 *   npx tsx bench/measure-reload.ts --index bench/corpus/100000-42.index [--corpus DIR] [--reloads 3]
 *     [--connections 4] [--baseline 10] [--max-old-space MB] [--mix full|light]
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, formatDuration, killGroup } from './child';
import { ensureNextBuild, freePort, outputTail } from './measure-http';
import { percentile } from './stats';
import { DEFAULT_QUERY_COUNT, DEFAULT_QUERY_SEED, buildQueryMix, sampleCorpusDocs, toApiPath } from './query-mix';
import { readManifest } from '../lib/index/load-index';
import { prepareStandalone } from '../scripts/standalone';

export interface ReloadOptions {
  /** A built index (it is not modified: the server gets a private copy). */
  indexDir: string;
  /** `/api/search?...` paths, in mix order. */
  paths: readonly string[];
  /** Index replacements measured (default 3). */
  reloads?: number;
  /** Concurrent closed-loop clients (default 4). */
  connections?: number;
  /** Seconds of load before the first reload, for the baseline (default 10). */
  baselineSec?: number;
  /** Heap limit for the server, in MB (large indexes). */
  maxOldSpaceMb?: number;
  log?: (line: string) => void;
}

export interface LatencyStats {
  requests: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
}

export interface ReloadResult {
  connections: number;
  reloads: number;
  /** Server-side load time of each new build (/api/health `loadMs`), in ms. */
  loadMs: number[];
  /** Requests sent while no reload was under way (before the first). */
  baseline: LatencyStats;
  /** Requests sent from each manifest switch until the new build served. */
  duringReload: LatencyStats;
  /** Over every request of the run. */
  overall: LatencyStats;
}

interface Sample {
  startedAt: number;
  ms: number;
  ok: boolean;
}

function stats(samples: readonly Sample[]): LatencyStats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    failed: samples.filter((s) => !s.ok).length,
    p50: ms.length ? percentile(ms, 50) : NaN,
    p99: ms.length ? percentile(ms, 99) : NaN,
    max: ms.length ? ms[ms.length - 1]! : NaN,
  };
}

/** A private served directory: the manifest, its data directory hard-linked, sources linked. */
function servedCopy(indexDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hmic-reload-bench-'));
  const manifest = JSON.parse(readFileSync(join(indexDir, 'manifest.json'), 'utf8')) as { dataDir: string };
  linkDir(join(indexDir, manifest.dataDir), join(dir, manifest.dataDir));
  symlinkSync(resolve(indexDir, 'sources'), join(dir, 'sources'));
  cpSync(join(indexDir, 'manifest.json'), join(dir, 'manifest.json'));
  return dir;
}

function linkDir(from: string, to: string): void {
  mkdirSync(to);
  for (const name of readdirSync(from)) linkSync(join(from, name), join(to, name));
}

/**
 * Publish "another build" into `dir`: the current data directory hard-linked under a new build id,
 * then the manifest replaced atomically (temp file + rename), as build-index does. Returns its id.
 */
function publishNewBuild(dir: string, n: number): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { dataDir: string; builtAt: string };
  const buildId = `reload${n}-${Date.now().toString(36)}`;
  const dataDir = `data-${buildId}`;
  linkDir(join(dir, manifest.dataDir), join(dir, dataDir));
  const next = { ...manifest, dataDir, builtAt: new Date().toISOString() };
  writeFileSync(join(dir, '.manifest-next.json'), JSON.stringify(next, null, 2));
  renameSync(join(dir, '.manifest-next.json'), join(dir, 'manifest.json'));
  rmSync(join(dir, manifest.dataDir), { recursive: true, force: true });
  return buildId;
}

async function health(base: string): Promise<{ status: number; buildId?: string; loadMs?: number; reloading?: boolean }> {
  try {
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(30_000) });
    const body = (await res.json()) as { index?: { buildId: string; loadMs: number }; reloading?: boolean };
    return { status: res.status, buildId: body.index?.buildId, loadMs: body.index?.loadMs, reloading: body.reloading };
  } catch {
    return { status: 0 };
  }
}

/** Start the standalone server on `dir`, measure, and always kill it. */
export async function measureReload(options: ReloadOptions): Promise<ReloadResult> {
  const log = options.log ?? (() => {});
  const reloads = options.reloads ?? 3;
  const connections = options.connections ?? 4;
  // A build older than the code would measure the old loader.
  const missing = await ensureNextBuild({ allowBuild: true, log });
  if (missing) throw new Error(missing);
  if (!existsSync(join(REPO_ROOT, '.next/standalone/server.js'))) throw new Error('no standalone build (.next/standalone/server.js): run `node node_modules/next/dist/bin/next build`');
  const serverJs = prepareStandalone(REPO_ROOT);
  const dir = servedCopy(options.indexDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const heap = options.maxOldSpaceMb ? `--max-old-space-size=${options.maxOldSpaceMb}` : '';
  const server = spawn(process.execPath, [...(heap ? [heap] : []), serverJs], {
    // The response cache off: every request searches (the mix repeats, and cached answers would hide the reload's cost).
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', PORT: String(port), HOSTNAME: '127.0.0.1', INDEX_DIR: dir, SEARCH_CACHE: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const tail = outputTail(server, 30);
  const onParentExit = () => killGroup(server.pid, 'SIGKILL');
  process.once('exit', onParentExit);
  try {
    const deadline = Date.now() + 10 * 60_000;
    while ((await health(base)).status !== 200) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not serve: ${tail.slice(-5).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    log(`serving on ${base}; ${connections} clients, baseline ${options.baselineSec ?? 10} s, then ${reloads} reloads`);

    const samples: Sample[] = [];
    let running = true;
    let next = 0;
    const client = async () => {
      while (running) {
        const path = options.paths[next++ % options.paths.length]!;
        const startedAt = performance.now();
        let ok = false;
        try {
          const res = await fetch(base + path, { signal: AbortSignal.timeout(60_000) });
          await res.arrayBuffer();
          ok = res.status === 200;
        } catch {
          ok = false;
        }
        samples.push({ startedAt, ms: performance.now() - startedAt, ok });
      }
    };
    const clients = Array.from({ length: connections }, client);
    const warmupEnd = performance.now() + 3000;
    await new Promise((r) => setTimeout(r, (options.baselineSec ?? 10) * 1000 + 3000));
    const baselineWindow = [warmupEnd, performance.now()] as const;

    const windows: (readonly [number, number])[] = [];
    const loadMs: number[] = [];
    for (let n = 1; n <= reloads; n++) {
      const switchedAt = performance.now();
      const buildId = publishNewBuild(dir, n);
      let h = await health(base);
      while (h.buildId !== buildId) {
        if (server.exitCode !== null) throw new Error(`the server exited during a reload: ${tail.slice(-5).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 50));
        h = await health(base);
      }
      windows.push([switchedAt, performance.now()]);
      loadMs.push(h.loadMs ?? NaN);
      log(`reload ${n}: build ${buildId} served ${formatDuration(performance.now() - switchedAt)} after the switch (server load ${h.loadMs} ms)`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    running = false;
    await Promise.all(clients);
    const inside = (s: Sample, [from, to]: readonly [number, number]) => s.startedAt >= from && s.startedAt <= to;
    return {
      connections,
      reloads,
      loadMs,
      baseline: stats(samples.filter((s) => inside(s, baselineWindow))),
      duringReload: stats(samples.filter((s) => windows.some((w) => inside(s, w)))),
      overall: stats(samples.filter((s) => s.startedAt >= warmupEnd)),
    };
  } finally {
    process.removeListener('exit', onParentExit);
    killGroup(server.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    killGroup(server.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Markdown table of a result, with the targets (at 100k: p99 < 100 ms, no failure; at 1M: no request over 200 ms). */
export function renderReload(result: ReloadResult, documents: number): string {
  const row = (label: string, s: LatencyStats) => `| ${label} | ${s.requests} | ${s.failed} | ${s.p50.toFixed(1)} ms | ${s.p99.toFixed(1)} ms | ${s.max.toFixed(1)} ms |`;
  const during = result.duringReload;
  const big = documents >= 1_000_000;
  const target = big ? `no request over 200 ms: ${during.max < 200 && during.failed === 0 ? 'met' : 'missed'}` : `p99 < 100 ms and no failed request: ${during.p99 < 100 && during.failed === 0 ? 'met' : 'missed'}`;
  return [
    `Reload under load: ${result.connections} clients, ${result.reloads} reloads (server load ${result.loadMs.map((ms) => formatDuration(ms)).join(', ')})`,
    '',
    '| window | requests | failed | p50 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    row('before the reloads', result.baseline),
    row('during the reloads', during),
    row('whole run', result.overall),
    '',
    `Target (${big ? '1M' : '100k'}): ${target}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      index: { type: 'string' },
      corpus: { type: 'string' },
      reloads: { type: 'string', default: '3' },
      connections: { type: 'string', default: '4' },
      baseline: { type: 'string', default: '10' },
      'max-old-space': { type: 'string' },
      mix: { type: 'string', default: 'full' },
    },
    strict: true,
  });
  if (values.mix !== 'full' && values.mix !== 'light') throw new Error('--mix must be full or light');
  if (!values.index) throw new Error('usage: npx tsx bench/measure-reload.ts --index DIR [--corpus DIR] [--reloads N] [--connections C] [--baseline S] [--max-old-space MB] [--mix full|light]');
  const manifest = readManifest(values.index);
  // The benchmark's query mix, sampled from the corpus the index was built from (default: DIR without `.index`).
  const corpus = values.corpus ?? values.index.replace(/\.index\/?$/, '');
  const sample = await sampleCorpusDocs(corpus, { seed: DEFAULT_QUERY_SEED });
  const mix = buildQueryMix(sample, { count: DEFAULT_QUERY_COUNT, seed: DEFAULT_QUERY_SEED });
  // `light`: one-word searches with two-word ones, one filter, first page of 5 — cheap requests, so a
  // stall of the event loop shows in their latency instead of hiding behind the mix's heavy queries.
  const paths = (values.mix === 'light' ? mix.filter((q) => (q.kind === 'word' || q.kind === 'two-words') && q.filterCount === 1).map((q) => ({ ...q, size: 5, page: 1 })) : mix).map(toApiPath);
  const result = await measureReload({
    indexDir: values.index,
    paths,
    reloads: Number(values.reloads),
    connections: Number(values.connections),
    baselineSec: Number(values.baseline),
    maxOldSpaceMb: values['max-old-space'] ? Number(values['max-old-space']) : undefined,
    log: (line) => console.error(line),
  });
  console.log(renderReload(result, manifest.counts.documents));
  console.log(`\n${JSON.stringify(result)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
