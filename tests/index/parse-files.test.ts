/**
 * The worker pool gives exactly what parsing and preparing in this thread gives — every prepared
 * release and every error as data, in input order — whatever the batches and however the work
 * falls on the workers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { listReleaseFiles } from '../../lib/index/build-from-directory';
import { FIGURE_KEYS } from '../../lib/schema';
import { prepareFiles, prepareFilesParallel, type ParallelParseStats, type PreparedFiles } from '../../lib/index/parse-files';

let root: string;
let files: string[];
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hmic-parse-files-'));
  await generateCorpus({ findings: 3000, seed: 3, outDir: join(root, 'corpus') });
  // Files that fail, and costly ones (PDF, HTML), spread among the releases.
  mkdirSync(join(root, 'corpus', 'odd'));
  writeFileSync(join(root, 'corpus', 'odd', 'empty.txt'), '');
  writeFileSync(join(root, 'corpus', 'odd', 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]));
  writeFileSync(join(root, 'corpus', 'odd', 'blank.md'), '---\ntitle: x\n---\n\n');
  copyFileSync('tests/fixtures/published/pdf/essex-police-2012.word.pdf', join(root, 'corpus', 'odd', 'essex.pdf'));
  copyFileSync('tests/fixtures/published/html/hampshire-constabulary-2012.html', join(root, 'corpus', 'odd', 'hampshire.html'));
  const listed = listReleaseFiles(join(root, 'corpus'));
  // A file that vanished between listing and parsing, in the middle.
  files = [...listed.slice(0, 100), join(root, 'corpus', 'missing.txt'), ...listed.slice(100)];
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** JSON of a value, with keys holding undefined shown, so that key sets compare exactly. */
const exact = (value: unknown) => JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : v));

/** Every file's outcome, in input order, whatever the batches: its error, or its prepared release with its units' values. */
function outcomes(prepared: readonly PreparedFiles[]): string {
  const out: unknown[] = [];
  const K = FIGURE_KEYS.length;
  for (const { errors, batch: b } of prepared) {
    let next = 0;
    for (const error of errors) {
      if (error) {
        out.push(error);
        continue;
      }
      const { stripped, files, firstUnit, unitCount, introAt, introKeys } = b.releases[next++]!;
      const units = Array.from({ length: unitCount }, (_, k) => {
        const u = firstUnit + k;
        return [b.kind[u], b.section[u], b.ordinal[u], b.topics[u], [...b.figures.subarray(u * K, u * K + K)], b.inspector[u]! < 0 ? null : b.inspectors[b.inspector[u]!], b.flaggable[u], b.boilerplate[u], b.keyHi[u], b.keyLo[u], Buffer.from(b.heads.subarray(b.headStart[u]!, b.headStart[u + 1]!)).toString(), Buffer.from(b.texts.subarray(b.textStart[u]!, b.textStart[u + 1]!)).toString()];
      });
      out.push({ stripped, files, introAt, introKeys, units });
    }
  }
  return exact(out);
}

describe('prepareFilesParallel', () => {
  it('gives what prepareFiles gives in this thread, in input order, errors included, over many small batches', async () => {
    const corpus = join(root, 'corpus');
    const single = [await prepareFiles(files, corpus)];
    let stats: ParallelParseStats | null = null;
    const parallel = await prepareFilesParallel(files, corpus, 2, { threshold: 0, batchBytes: 16 * 1024, onStats: (s) => (stats = s) });
    expect(parallel.reduce((n, p) => n + p.errors.length, 0)).toBe(files.length);
    expect(outcomes(parallel)).toBe(outcomes(single));
    expect(parallel.flatMap((p) => p.errors.filter((e) => e !== null).map((e) => e!.code))).toEqual(['E_READ', 'E_ENCODING', 'E_PARSE', 'E_EMPTY']);
    expect(stats).toMatchObject({ workers: 2 });
    expect(stats!.batches).toBeGreaterThan(10);
    expect(stats!.receiveMs).toBeGreaterThan(0);
  }, 120_000);

  it('uses no more workers than there are batches, and one batch holds at least one file', async () => {
    const corpus = join(root, 'corpus');
    const few = files.slice(0, 5);
    let stats: ParallelParseStats | null = null;
    const parallel = await prepareFilesParallel(few, corpus, 4, { threshold: 0, batchBytes: 1, batchesPerWorker: 2, onStats: (s) => (stats = s) });
    expect(outcomes(parallel)).toBe(outcomes([await prepareFiles(few, corpus)]));
    // Each worker is handed two batches at the start: five batches keep three busy.
    expect(stats).toMatchObject({ workers: 3, batches: 5 });
    const one = await prepareFilesParallel(few, corpus, 4, { threshold: 0, batchBytes: 1 << 30, onStats: (s) => (stats = s) });
    expect(outcomes(one)).toBe(outcomes([await prepareFiles(few, corpus)]));
    expect(stats).toMatchObject({ workers: 1, batches: 1 });
  }, 120_000);

  it('parses small inputs in this thread', async () => {
    let stats: ParallelParseStats | null = null;
    const corpus = join(root, 'corpus');
    const parallel = await prepareFilesParallel(files.slice(0, 20), corpus, 2, { onStats: (s) => (stats = s) });
    expect(parallel).toHaveLength(1);
    expect(parallel[0]!.errors).toHaveLength(20);
    expect(stats).toBeNull();
  });
});

