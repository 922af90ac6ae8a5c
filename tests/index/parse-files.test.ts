/**
 * The worker pool gives exactly what parsing in this thread gives — every release and every
 * error as data, in input order — whatever the batches and however the work falls on the workers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { listReleaseFiles } from '../../lib/index/build-from-directory';
import fc from 'fast-check';
import { compactText, parseFiles, parseFilesParallel, type ParallelParseStats } from '../../lib/index/parse-files';

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

/** JSON of an outcome, with keys holding undefined shown, so that key sets compare exactly. */
const exact = (value: unknown) => JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : v));

describe('parseFilesParallel', () => {
  it('gives what parseFiles gives, in input order, errors included, over many small batches', async () => {
    const corpus = join(root, 'corpus');
    const single = await parseFiles(files, corpus);
    let stats: ParallelParseStats | null = null;
    const parallel = await parseFilesParallel(files, corpus, 2, { threshold: 0, batchBytes: 16 * 1024, onStats: (s) => (stats = s) });
    expect(parallel.parsed).toHaveLength(files.length);
    expect(exact(parallel.parsed)).toBe(exact(single.parsed));
    expect(parallel.parsed.filter((p) => 'code' in p).map((p) => ('code' in p ? p.code : ''))).toEqual(['E_READ', 'E_ENCODING', 'E_PARSE', 'E_EMPTY']);
    expect(stats).toMatchObject({ workers: 2 });
    expect(stats!.batches).toBeGreaterThan(10);
    expect(stats!.receiveMs).toBeGreaterThan(0);
  }, 120_000);

  it('uses no more workers than there are batches, and one batch holds at least one file', async () => {
    const corpus = join(root, 'corpus');
    const few = files.slice(0, 5);
    let stats: ParallelParseStats | null = null;
    const parallel = await parseFilesParallel(few, corpus, 4, { threshold: 0, batchBytes: 1, batchesPerWorker: 2, onStats: (s) => (stats = s) });
    expect(exact(parallel.parsed)).toBe(exact((await parseFiles(few, corpus)).parsed));
    // Each worker is handed two batches at the start: five batches keep three busy.
    expect(stats).toMatchObject({ workers: 3, batches: 5 });
    const one = await parseFilesParallel(few, corpus, 4, { threshold: 0, batchBytes: 1 << 30, onStats: (s) => (stats = s) });
    expect(exact(one.parsed)).toBe(exact((await parseFiles(few, corpus)).parsed));
    expect(stats).toMatchObject({ workers: 1, batches: 1 });
  }, 120_000);

  it('parses small inputs in this thread', async () => {
    let stats: ParallelParseStats | null = null;
    const corpus = join(root, 'corpus');
    const parallel = await parseFilesParallel(files.slice(0, 20), corpus, 2, { onStats: (s) => (stats = s) });
    expect(parallel.parsed).toHaveLength(20);
    expect(stats).toBeNull();
  });
});

describe('compactText', () => {
  it('gives back an equal string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          // Mostly Latin-1 (compacted), now and then a character beyond it (kept as it is).
          fc.string({ unit: fc.integer({ min: 0, max: 0x100 }).map((c) => String.fromCharCode(c === 0x100 ? 0x2019 : c)), minLength: 16, maxLength: 60 }),
        ),
        (s) => {
        expect(compactText(s)).toBe(s);
        // A two-byte copy of the same text (as a slice of a text with a curly quote is).
        const twoByte = `\u201C${s}`.slice(1);
        expect(compactText(twoByte)).toBe(s);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
