/**
 * What compressing /api/search costs and saves, on the bench's query mix over a built corpus:
 *
 * 1. the bodies of the mix's 20-hit pages, produced in-process exactly as the route serialises
 *    them, compressed one at a time (one-shot zlib) at several gzip levels and br qualities:
 *    bytes and CPU µs per response (median, p90);
 * 2. the layer as the server runs it (server/compression.mjs in front of a node:http server on
 *    loopback that answers with those bodies the way Next writes a route response): process CPU
 *    per response asked with `Accept-Encoding: gzip`, with `br`, and without — the difference is
 *    what the layer costs a request (zlib's thread-pool time included).
 *
 *   npx tsx bench/measure-compression.ts --index bench/corpus/100000-42.index --corpus bench/corpus/100000-42 [--queries 300] [--rounds 3]
 */
import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createEngine } from '../lib/engine/engine';
import { searchResponse } from '../lib/engine/api-responses';
import { loadIndex } from '../lib/index/load-index';
import { BROTLI_QUALITY, GZIP_LEVEL, compressing } from '../server/compression.mjs';
import { DEFAULT_QUERY_SEED, buildQueryMix, sampleCorpusDocs, toApiPath } from './query-mix';

export interface SettingCost {
  setting: string;
  /** Median and p90 of the compressed sizes of the 20-hit bodies. */
  medianBytes: number;
  p90Bytes: number;
  /** Compressed ÷ decoded, over all bodies. */
  ratio: number;
  /** CPU per response, µs (median and p90 over the bodies, each the best of `rounds`). */
  medianUs: number;
  p90Us: number;
}

export interface LayerCost {
  acceptEncoding: string;
  /** Process CPU (user + system, all threads) per response, µs. */
  cpuUsPerResponse: number;
  /** Bytes per response on the wire (mean). */
  meanWireBytes: number;
}

export interface CompressionReport {
  bodies: number;
  medianBodyBytes: number;
  settings: SettingCost[];
  layer: LayerCost[];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** The 20-hit /api/search bodies of the mix on `indexDir`, as the route serialises them. */
export async function searchBodies(indexDir: string, corpusDir: string, queries: number): Promise<Buffer[]> {
  const engine = createEngine(loadIndex(indexDir));
  const sample = await sampleCorpusDocs(corpusDir, { seed: DEFAULT_QUERY_SEED });
  const paths = buildQueryMix(sample, { count: queries, seed: DEFAULT_QUERY_SEED }).map(toApiPath);
  const bodies: Buffer[] = [];
  for (const path of paths) {
    const url = new URL(path, 'http://bench.invalid');
    if (url.searchParams.get('size') !== '20') continue;
    const response = searchResponse(() => engine, url);
    if (response.status !== 200 || !('raw' in response) || response.raw === null) continue;
    bodies.push(Buffer.from(response.raw as Uint8Array));
  }
  return bodies;
}

function cpuUs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/** One-shot zlib cost and size per body for one setting. */
export function measureSetting(setting: string, bodies: readonly Buffer[], compress: (body: Buffer) => Buffer, rounds: number): SettingCost {
  const sizes: number[] = [];
  const times: number[] = [];
  let inBytes = 0;
  let outBytes = 0;
  for (const body of bodies) {
    let size = 0;
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      // process.cpuUsage has µs resolution: time 10 runs and divide.
      const t = cpuUs(() => {
        for (let i = 0; i < 10; i++) size = compress(body).length;
      });
      best = Math.min(best, t / 10);
    }
    sizes.push(size);
    times.push(best);
    inBytes += body.length;
    outBytes += size;
  }
  sizes.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  return { setting, medianBytes: quantile(sizes, 0.5), p90Bytes: quantile(sizes, 0.9), ratio: outBytes / inBytes, medianUs: quantile(times, 0.5), p90Us: quantile(times, 0.9) };
}

export const gzipAt = (level: number) => (body: Buffer) => gzipSync(body, { level });
export const brAt = (quality: number) => (body: Buffer) =>
  brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });

/** Process CPU per response through the real layer, sequential requests on loopback. */
export async function measureLayer(bodies: readonly Buffer[], acceptEncodings: readonly string[], rounds: number): Promise<LayerCost[]> {
  let next = 0;
  // Answer the way Next 16 sends a route handler's body: appendHeader, flushHeaders, write, flush, end.
  const handler = async (_req: IncomingMessage, res: ServerResponse) => {
    const body = bodies[next++ % bodies.length]!;
    res.appendHeader('Content-Type', 'application/json; charset=utf-8');
    res.appendHeader('ETag', '"0123456789abcdefghijklmnopq"');
    res.flushHeaders();
    res.write(body);
    (res as unknown as { flush(): void }).flush();
    await Promise.resolve();
    res.end();
  };
  const server = createServer(compressing((req, res) => void handler(req, res)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const get = (acceptEncoding: string) =>
    new Promise<number>((resolve, reject) => {
      request(base, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
      })
        .on('error', reject)
        .end();
    });
  const run = async (acceptEncoding: string) => {
    next = 0;
    let wire = 0;
    const start = process.cpuUsage();
    for (let i = 0; i < bodies.length; i++) wire += await get(acceptEncoding);
    const used = process.cpuUsage(start);
    return { cpu: (used.user + used.system) / bodies.length, wire: wire / bodies.length };
  };
  try {
    for (const e of acceptEncodings) await run(e); // warm-up
    const best = new Map<string, { cpu: number; wire: number }>();
    for (let r = 0; r < rounds; r++) {
      for (const e of acceptEncodings) {
        const m = await run(e);
        const prev = best.get(e);
        if (!prev || m.cpu < prev.cpu) best.set(e, m);
      }
    }
    return acceptEncodings.map((e) => ({ acceptEncoding: e || '(none)', cpuUsPerResponse: best.get(e)!.cpu, meanWireBytes: best.get(e)!.wire }));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

export async function measureCompression(options: { indexDir: string; corpusDir: string; queries?: number; rounds?: number }): Promise<CompressionReport> {
  const rounds = options.rounds ?? 3;
  const bodies = await searchBodies(options.indexDir, options.corpusDir, options.queries ?? 300);
  if (bodies.length === 0) throw new Error('no 20-hit bodies in the mix');
  const sizes = bodies.map((b) => b.length).sort((a, b) => a - b);
  const settings = [
    ...[1, 4, 6, 9].map((level) => measureSetting(`gzip ${level}${level === GZIP_LEVEL ? ' (served)' : ''}`, bodies, gzipAt(level), rounds)),
    ...[1, 3, 4, 5, 6].map((quality) => measureSetting(`br ${quality}${quality === BROTLI_QUALITY ? ' (served)' : ''}`, bodies, brAt(quality), rounds)),
  ];
  const layer = await measureLayer(bodies, ['', 'gzip', 'br'], rounds);
  return { bodies: bodies.length, medianBodyBytes: quantile(sizes, 0.5), settings, layer };
}

export function renderCompression(report: CompressionReport): string {
  const lines = [
    `${report.bodies} 20-hit /api/search bodies of the mix, median ${(report.medianBodyBytes / 1000).toFixed(1)} kB decoded.`,
    '',
    '| setting | median size | p90 size | ratio | CPU µs / response (median) | p90 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.settings.map((s) => `| ${s.setting} | ${(s.medianBytes / 1000).toFixed(2)} kB | ${(s.p90Bytes / 1000).toFixed(2)} kB | ${s.ratio.toFixed(3)} | ${s.medianUs.toFixed(0)} | ${s.p90Us.toFixed(0)} |`),
    '',
    'Through the layer (loopback server answering like a Next route; process CPU per request, all threads):',
    '',
    '| Accept-Encoding | CPU µs / request | added by compressing | bytes on the wire (mean) |',
    '| --- | --- | --- | --- |',
  ];
  const none = report.layer.find((l) => l.acceptEncoding === '(none)')?.cpuUsPerResponse ?? 0;
  for (const l of report.layer) lines.push(`| ${l.acceptEncoding} | ${l.cpuUsPerResponse.toFixed(0)} | ${l.acceptEncoding === '(none)' ? '–' : `${(l.cpuUsPerResponse - none).toFixed(0)}`} | ${(l.meanWireBytes / 1000).toFixed(2)} kB |`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { index: { type: 'string' }, corpus: { type: 'string' }, queries: { type: 'string', default: '300' }, rounds: { type: 'string', default: '3' } } });
  if (!values.index || !values.corpus) {
    console.error('usage: npx tsx bench/measure-compression.ts --index DIR --corpus DIR [--queries 300] [--rounds 3]');
    process.exit(2);
  }
  const report = await measureCompression({ indexDir: values.index, corpusDir: values.corpus, queries: Number(values.queries), rounds: Number(values.rounds) });
  console.log(renderCompression(report));
}
