/**
 * The export at scale: a generated corpus with more than 100,000 documents, exported whole through
 * the API logic (lib/engine/export.ts) as CSV and JSON lines. The row count equals `total`, and the
 * memory does not grow with the rows: the stream is consumed without keeping it, and the memory
 * still in use (measured after a full garbage collection, so garbage not yet collected does not
 * count) after the last rows is no bigger, within a margin far below the export's size, than after
 * the first tenth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { createEngine, type Engine } from '../../lib/engine/engine';
import { EXPORT_BATCH, exportResponse } from '../../lib/engine/export';
import { SearchParamsSchema } from '../../lib/query/params';

let work: string;
let engine: Engine;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hmic-export-'));
  await generateCorpus({ findings: 40_000, seed: 5, outDir: join(work, 'corpus') });
  const report = await buildFromDirectory({ source: join(work, 'corpus'), out: join(work, 'index') });
  if (!report.manifest) throw new Error(report.errors.map((e) => e.message).join('; '));
  rmSync(join(work, 'corpus'), { recursive: true, force: true });
  engine = createEngine(loadIndex(join(work, 'index')));
}, 900_000);
afterAll(() => {
  engine?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Most the memory in use may grow while an export streams, over the request (the exports here are 55–80 MB). */
const HEAP_BOUND = 32e6;
/** Most it may grow from the first tenth of the rows to the end (rows 10 % → 100 %: about 50–70 MB of output). */
const GROWTH_BOUND = 10e6;

interface Consumed {
  rows: number;
  bytes: number;
  /** Memory samples (bytes, see `used`) after every few chunks. */
  heap: number[];
  rowsAt: number[];
  /** Memory before the request. */
  baseline: number;
  chunks: number;
}

// A full collection on demand: without one, how much garbage is left uncollected is V8's choice.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** JS heap plus ArrayBuffer memory in use (encoded chunks live outside the JS heap), after a full collection. */
function used(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Memory samples per export (a full collection each). */
const SAMPLES = 40;

async function consume(query: string, expectedRows: number): Promise<Consumed> {
  const baseline = used();
  const every = Math.max(1, Math.floor(expectedRows / EXPORT_BATCH / SAMPLES));
  const res = exportResponse(() => engine, new URL(`http://x/api/search/export?${query}`));
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const out: Consumed = { rows: 0, bytes: 0, heap: [], rowsAt: [], baseline, chunks: 0 };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.bytes += value.length;
    out.chunks++;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) out.rows++;
    if (out.chunks % every === 0) {
      out.heap.push(used());
      out.rowsAt.push(out.rows);
    }
  }
  return out;
}

describe('export of more than 100,000 hits', () => {
  it.each([
    ['csv, listed by force', 'includeBoilerplate=true&sort=force&format=csv', 1],
    ['jsonl, newest first', 'includeBoilerplate=true&sort=date&format=jsonl', 0],
  ])('%s: rows = total, heap flat', async (_name, query, header) => {
    const total = engine.search(SearchParamsSchema.parse({ q: '', includeBoilerplate: true, size: 1 })).total;
    expect(total).toBeGreaterThan(100_000);
    const consumed = await consume(query, total);
    expect(consumed.rows - header).toBe(total);
    // Heap after the first tenth of the rows vs the most it reached later: the export is tens of MB,
    // a stream holding its rows would grow by about that much; a streaming one stays within GC noise.
    const tenth = consumed.rowsAt.findIndex((r) => r >= total / 10);
    const early = Math.max(...consumed.heap.slice(0, tenth + 1));
    const late = Math.max(...consumed.heap.slice(tenth + 1));
    const peak = Math.max(...consumed.heap);
    console.log(
      `${_name}: ${consumed.rows} rows in ${consumed.chunks} chunks, ${(consumed.bytes / 1e6).toFixed(1)} MB; heap before ${(consumed.baseline / 1e6).toFixed(1)} MB, first tenth ${(early / 1e6).toFixed(1)} MB, later max ${(late / 1e6).toFixed(1)} MB`,
    );
    expect(consumed.bytes).toBeGreaterThan(HEAP_BOUND * 0.8);
    // streamed in batches, not as one body
    expect(consumed.chunks).toBeGreaterThanOrEqual(total / EXPORT_BATCH);
    // Batches in flight stay well under the bound; an export held in memory would take at least
    // its own size (over 50 MB) as a string, plus its encoded copy.
    expect(late - early).toBeLessThan(GROWTH_BOUND);
    expect(peak - consumed.baseline).toBeLessThan(HEAP_BOUND);
  }, 600_000);

  it('a relevance export ranks the whole set (rows = total)', async () => {
    const total = engine.search(SearchParamsSchema.parse({ q: 'police', includeBoilerplate: true, size: 1 })).total;
    expect(total).toBeGreaterThan(10_000);
    const consumed = await consume('q=police&includeBoilerplate=true&format=csv', total);
    expect(consumed.rows - 1).toBe(total);
  }, 600_000);
});
