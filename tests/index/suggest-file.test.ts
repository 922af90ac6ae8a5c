/**
 * The suggest file is a file of the build like the others: listed in manifest.json with its size
 * and CRC32, checked when the index opens and by check-index; a suggest file written by another
 * FlexSearch version is another format.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { checkIndex } from '../../lib/index/check-index';
import { loadIndex, readManifest } from '../../lib/index/load-index';
import type { SuggestMeta } from '../../lib/index/suggest-format';
import { writeSegment } from '../../lib/index/write-index';
import { startSuggest } from '../../lib/index/suggest-job';
import { createEngine } from '../../lib/engine/engine';

const root = mkdtempSync(join(tmpdir(), 'hmic-suggest-file-'));
const built = join(root, 'built');
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out: built });
});

let copies = 0;
/** A fresh copy of the built index (each test damages its own). */
function copy(): { dir: string; suggestPath: string } {
  const dir = join(root, `copy-${copies++}`);
  cpSync(built, dir, { recursive: true });
  const manifest = readManifest(dir);
  return { dir, suggestPath: join(dir, manifest.dataDir, manifest.files.suggest.name) };
}

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('the suggest file', () => {
  it('is listed in the manifest with its size and CRC32, and serves suggestions after a load', () => {
    const manifest = readManifest(built);
    expect(manifest.files.suggest).toMatchObject({ name: 'suggest.hmx' });
    const bytes = readFileSync(join(built, manifest.dataDir, 'suggest.hmx'));
    expect(manifest.files.suggest.bytes).toBe(bytes.length);
    expect(manifest.files.suggest.crc32).toBe(bytes.readUInt32LE(bytes.length - 4));
    const engine = createEngine(loadIndex(built));
    expect(engine.suggest('seco').map((s) => s.text)).toContain('second jobs');
    engine.close();
  });

  it('check-index verifies it', async () => {
    const report = await checkIndex(built);
    expect(report.ok).toBe(true);
    expect(report.files.find((f) => f.role === 'suggest')).toMatchObject({ ok: true, file: expect.stringMatching(/suggest\.hmx$/) });
  });

  it('a flipped byte is refused at open and named by check-index', async () => {
    const { dir, suggestPath } = copy();
    const bytes = readFileSync(suggestPath);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    writeFileSync(suggestPath, bytes);
    expect(codeOf(() => loadIndex(dir))).toBe('E_INDEX_CORRUPT');
    const report = await checkIndex(dir);
    expect(report.ok).toBe(false);
    expect(report.files.filter((f) => !f.ok).map((f) => f.role)).toEqual(['suggest']);
  });

  it('a missing one is refused at open and by check-index', async () => {
    const { dir, suggestPath } = copy();
    unlinkSync(suggestPath);
    expect(codeOf(() => loadIndex(dir))).toBe('E_INDEX_CORRUPT');
    expect((await checkIndex(dir)).files.find((f) => f.role === 'suggest')).toMatchObject({ ok: false, error: { code: 'E_INDEX_CORRUPT' } });
  });

  it('one written by another FlexSearch version is another format (rebuild it)', () => {
    const { dir } = copy();
    const index = loadIndex(dir);
    const meta = JSON.parse(index.data.suggest.meta) as SuggestMeta;
    const data = { ...index.data, suggest: { ...index.data.suggest, meta: JSON.stringify({ ...meta, flexsearchVersion: '0.7.43' }) } };
    index.close();
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.files.suggest = writeSegment(join(dir, manifest.dataDir), data, 'suggest');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    let error: unknown;
    try {
      loadIndex(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_INDEX_FORMAT' });
    expect((error as Error).message).toMatch(/FlexSearch 0\.7\.43.*rebuild it: npm run build-index/);
  });
});

describe('the suggestions on a worker thread', () => {
  it('are the same as built in this thread', () => {
    const index = loadIndex(built);
    const { core, terms, postings, forward } = index.data;
    const source = {
      vocab: terms.vocab.split('\n'),
      postingStart: terms.postingStart,
      postingDocs: postings.docs,
      docKind: core.docKind,
      docRelease: core.docRelease,
      starts: forward.starts,
      ends: forward.ends,
      terms: forward.terms,
      // Every other position ends a phrase: a break pattern both threads must read the same way.
      phraseBreaks: new Uint32Array((forward.terms.length >>> 5) + 1).fill(0x55555555),
      releaseForce: Array.from({ length: index.releaseCount }, (_, r) => index.releaseMeta(r).force),
      releaseInspection: Array.from({ length: index.releaseCount }, (_, r) => index.releaseMeta(r).inspection),
    };
    const here = startSuggest(source, { thread: false });
    const there = startSuggest(source, { thread: true });
    expect([here.thread, there.thread]).toEqual([false, true]);
    const a = here.result();
    const b = there.result();
    expect(b).toEqual(a);
    expect(b.kind).toBeInstanceOf(Uint8Array);
    expect(a.text.split('\n').length).toBeGreaterThan(100);
    index.close();
  });
});
