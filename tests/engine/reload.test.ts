/**
 * Serving an index directory (lib/engine/get-engine.ts): a new build is loaded in slices while
 * requests keep being answered by the old one, swapped in at once; the old engine stays open while
 * something holds it; a failed reload logs one JSON line and keeps serving; health is 503 → 200.
 * The sliced loader gives the same index as the one-go loader.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex, loadIndexSliced, readManifest } from '../../lib/index/load-index';
import { createEngine } from '../../lib/engine/engine';
import { checkIndex } from '../../lib/index/check-index';
import { getEngine, indexStatus, settleIndex, type LoadEvent, type ServeOptions } from '../../lib/engine/get-engine';
import { healthResponse } from '../../lib/engine/health-response';
import { searchResponse } from '../../lib/engine/api-responses';
import { jsonBody } from '../helpers/json-body';
import { SearchParamsSchema } from '../../lib/query/params';
import { INDEX_UNAVAILABLE_DIGEST } from '../../lib/engine/unavailable-digest';

const root = mkdtempSync(join(tmpdir(), 'hmic-reload-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Index of the seeds (A) and of a generated corpus of 3,000 findings (B). */
let seedsIndex: string;
let generatedIndex: string;
beforeAll(async () => {
  seedsIndex = join(root, 'seeds-index');
  await buildFromDirectory({ source: 'seeds', out: seedsIndex });
  const corpus = await generateCorpus({ findings: 3000, outDir: join(root, 'corpus'), seedsDir: 'seeds' });
  generatedIndex = join(root, 'generated-index');
  await buildFromDirectory({ source: corpus.dir, out: generatedIndex });
}, 300_000);

let dirs = 0;
/** A fresh served directory holding a copy of `from`. */
function servedCopy(from: string): string {
  const dir = join(root, `served-${dirs++}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * Publish the build in `from` into the served `dir` the way build-index does: data directory and
 * source copies first, then `manifest.json` replaced atomically, then the old data directory removed.
 */
function publish(from: string, dir: string, damage?: (dataDir: string) => void, editManifest?: (manifest: Record<string, unknown>) => Record<string, unknown>): void {
  const manifest = readManifest(from);
  const oldDataDir = readManifest(dir).dataDir;
  cpSync(join(from, 'sources'), join(dir, 'sources'), { recursive: true });
  cpSync(join(from, manifest.dataDir), join(dir, manifest.dataDir), { recursive: true });
  damage?.(join(dir, manifest.dataDir));
  const text = readFileSync(join(from, 'manifest.json'), 'utf8');
  writeFileSync(join(dir, '.manifest-next.json'), editManifest ? JSON.stringify(editManifest(JSON.parse(text) as Record<string, unknown>)) : text);
  renameSync(join(dir, '.manifest-next.json'), join(dir, 'manifest.json'));
  if (oldDataDir !== manifest.dataDir) rmSync(join(dir, oldDataDir), { recursive: true, force: true });
}

/** Flip one bit of the byte at `offset` (negative: from the end). */
function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  const at = offset < 0 ? bytes.length + offset : offset;
  bytes[at] = bytes[at]! ^ 1;
  writeFileSync(file, bytes);
}

/** Rewrite a segment file's header to claim another format version (its CRC is then wrong too: the version is checked first). */
function setFormatVersion(file: string, version: number): void {
  const bytes = readFileSync(file);
  bytes.writeUInt32LE(version, 4);
  writeFileSync(file, bytes);
}

const buildIdOf = (dir: string) => readManifest(dir).dataDir.replace(/^data-/, '');
const fast: ServeOptions = { checkIntervalMs: 0, log: () => {} };

describe('serving an index directory', () => {
  it('answers every request from the old index while the new one loads, then from the new one', async () => {
    const dir = servedCopy(seedsIndex);
    const options: ServeOptions = { ...fast, sliceMs: 4 };
    await settleIndex(dir, options);
    const url = new URL('http://localhost/api/search?q=police&size=5');
    const expectedTotal = new Map([
      [buildIdOf(seedsIndex), createEngine(loadIndex(seedsIndex)).search(SearchParamsSchema.parse({ q: 'police' })).total],
      [buildIdOf(generatedIndex), createEngine(loadIndex(generatedIndex)).search(SearchParamsSchema.parse({ q: 'police' })).total],
    ]);
    expect(new Set(expectedTotal.values()).size).toBe(2);

    publish(generatedIndex, dir);
    const answers: { status: number; total: number; buildId: string; loading: boolean }[] = [];
    // Requests arrive on every turn of the event loop until the new index serves (and a few after).
    let after = 0;
    while (after < 20) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const response = searchResponse(() => getEngine(dir, options), url);
      const status = indexStatus(dir, options);
      answers.push({ status: response.status, total: (jsonBody(response) as { total: number }).total, buildId: status.serving!.buildId, loading: status.loading });
      if (status.serving!.buildId === buildIdOf(generatedIndex) && !status.loading) after++;
    }

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    // Each answer came from the index being served at that moment…
    for (const a of answers) expect(a.total).toBe(expectedTotal.get(a.buildId));
    // …which was the old one while the new one loaded (many requests), then the new one for good.
    expect(answers.filter((a) => a.buildId === buildIdOf(seedsIndex) && a.loading).length).toBeGreaterThanOrEqual(5);
    const switchAt = answers.findIndex((a) => a.buildId === buildIdOf(generatedIndex));
    expect(switchAt).toBeGreaterThan(0);
    expect(answers.slice(switchAt).every((a) => a.buildId === buildIdOf(generatedIndex))).toBe(true);
    expect(indexStatus(dir, options).serving).toMatchObject({ buildId: buildIdOf(generatedIndex), counts: readManifest(generatedIndex).counts });
  });

  it('keeps a replaced engine open while an export holds it, and closes it after', async () => {
    const dir = servedCopy(seedsIndex);
    const options: ServeOptions = { ...fast, retireGraceMs: 0 };
    await settleIndex(dir, options);
    const old = getEngine(dir, options);
    const cursor = old.exportCursor(SearchParamsSchema.parse({ q: '' }));
    const first = cursor.next(3);
    expect(first).toHaveLength(3);

    // A new build replaces it, and its data directory is deleted from disk.
    publish(generatedIndex, dir);
    await settleIndex(dir, options);
    expect(getEngine(dir, options)).not.toBe(old);
    await new Promise((r) => setTimeout(r, 50)); // the grace period (0 ms) is over

    // The export still reads the old index's documents, through the files it opened.
    const rest = [];
    for (let batch = cursor.next(50); batch.length; batch = cursor.next(50)) rest.push(...batch);
    expect(first.length + rest.length).toBe(cursor.total);
    const seedIds = new Set(Array.from({ length: loadIndex(seedsIndex).docCount }, (_, d) => loadIndex(seedsIndex).getDoc(d).id));
    for (const doc of rest) expect(seedIds.has(doc.id)).toBe(true);
    // The cursor reached its end and let go: the old engine's files are closed now.
    expect(() => old.getRelease('essex-police-2012')).toThrow(/were closed/);
  });

  it('keeps a replaced engine open for the grace period without holds', async () => {
    const dir = servedCopy(seedsIndex);
    const options: ServeOptions = { ...fast, retireGraceMs: 300 };
    await settleIndex(dir, options);
    const old = getEngine(dir, options);
    publish(generatedIndex, dir);
    await settleIndex(dir, options);
    // Right after the swap (a render that took the engine before it), the old files still read.
    expect(old.getRelease('essex-police-2012')?.slug).toBe('essex-police-2012');
    await vi.waitFor(() => expect(() => old.getRelease('essex-police-2012')).toThrow(/were closed/), { timeout: 30_000, interval: 100 });
  });

  /** Ways a published build can be damaged, and what refuses it. */
  const damages: { name: string; code: string; message: RegExp; damage: (dataDir: string) => void }[] = [
    { name: 'a flipped byte', code: 'E_INDEX_CORRUPT', message: /postings\.hmx: checksum mismatch/, damage: (d) => flipByte(join(d, 'postings.hmx'), -40) },
    { name: 'a truncated file', code: 'E_INDEX_CORRUPT', message: /forward\.hmx: size \d+ differs/, damage: (d) => truncateSync(join(d, 'forward.hmx'), 100) },
    { name: 'a missing file', code: 'E_INDEX_CORRUPT', message: /terms\.hmx: file listed in the manifest is missing/, damage: (d) => rmSync(join(d, 'terms.hmx')) },
    { name: 'a file of another format version', code: 'E_INDEX_FORMAT', message: /core\.hmx: index file format 7 is not supported/, damage: (d) => setFormatVersion(join(d, 'core.hmx'), 7) },
  ];

  for (const { name, code, message, damage } of damages) {
    it(`logs one JSON line for a failed reload (${name}: ${code}) and keeps serving the previous index`, async () => {
      const dir = servedCopy(seedsIndex);
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        const options: ServeOptions = { checkIntervalMs: 0 };
        await settleIndex(dir, options);
        const before = errors.mock.calls.length;
        publish(generatedIndex, dir, damage);
        const status = await settleIndex(dir, options);
        // Checked again and again: the same broken build is not retried, so not logged again.
        for (let i = 0; i < 5; i++) getEngine(dir, options);
        await settleIndex(dir, options);

        const lines = errors.mock.calls.slice(before).map((call) => String(call[0]));
        expect(lines).toHaveLength(1);
        const event = JSON.parse(lines[0]!) as LoadEvent;
        expect(event).toMatchObject({ event: 'index_reload_failed', indexDir: dir, code, servingBuildId: buildIdOf(seedsIndex) });
        expect((event as { message: string }).message).toMatch(message);
        expect(status.serving?.buildId).toBe(buildIdOf(seedsIndex));
        expect(status.lastError?.code).toBe(code);
        const response = searchResponse(() => getEngine(dir, options), new URL('http://localhost/api/search?q=second+jobs'));
        expect(response.status).toBe(200);
        expect((jsonBody(response) as { total: number }).total).toBeGreaterThan(0);
        // check-index names the damaged file with the same code.
        const report = await checkIndex(dir);
        expect(report.ok).toBe(false);
        expect(report.files.filter((f) => !f.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code, message: expect.stringMatching(message) }) })]);

        // A good build after the broken one is picked up again.
        publish(generatedIndex, dir);
        expect((await settleIndex(dir, options)).serving?.buildId).toBe(buildIdOf(generatedIndex));
      } finally {
        errors.mockRestore();
        logs.mockRestore();
      }
    });
  }

  it('refuses an index of an older format (5) with the command that rebuilds it, and keeps serving', async () => {
    const dir = servedCopy(seedsIndex);
    const log: LoadEvent[] = [];
    const options: ServeOptions = { checkIntervalMs: 0, log: (e) => log.push(e) };
    await settleIndex(dir, options);
    publish(generatedIndex, dir, undefined, (manifest) => ({ ...manifest, formatVersion: 5 }));
    const status = await settleIndex(dir, options);
    expect(status.serving?.buildId).toBe(buildIdOf(seedsIndex));
    expect(log.at(-1)).toMatchObject({ event: 'index_reload_failed', code: 'E_INDEX_FORMAT', message: expect.stringMatching(/index format 5 is not supported \(this code reads format 6\); rebuild it: npm run build-index -- --source \S+ --out /) });
    expect(await checkIndex(dir)).toMatchObject({ ok: false, formatVersion: 5, error: { code: 'E_INDEX_FORMAT' } });
  });

  it('never serves a stored record with a flipped byte: the page that needs it is refused, check-index names the record', async () => {
    const dir = servedCopy(seedsIndex);
    const m = readManifest(dir);
    const docsFile = join(dir, m.dataDir, 'docs.hmr');
    const core = loadIndex(dir);
    // The record of essex-police-2012-7: flip a byte in the middle of it.
    const d = Array.from({ length: core.docCount }, (_, i) => i).find((i) => core.getDoc(i).id === 'essex-police-2012-7')!;
    const offset = core.data.core.docRecordOffset[d]! + Math.floor(core.data.core.docRecordLength[d]! / 2);
    core.close();
    flipByte(docsFile, offset);
    // The index opens (records are checked when read)…
    const engine = createEngine(loadIndex(dir));
    expect(() => engine.getFinding('essex-police-2012-7')).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(new RegExp(`doc record ${d} fails its checksum`)) }));
    // …and a search whose page holds it fails rather than show damaged text; other pages answer.
    expect(() => engine.search(SearchParamsSchema.parse({ q: 'second jobs', force: ['Essex Police'] }))).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT' }));
    expect(engine.search(SearchParamsSchema.parse({ q: 'second jobs', force: ['Hampshire Constabulary'] })).total).toBeGreaterThan(0);
    const report = await checkIndex(dir);
    expect(report.files.filter((f) => !f.ok)).toEqual([expect.objectContaining({ role: 'docs', error: expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(new RegExp(`doc record ${d} fails its checksum`)) }) })]);
  });

  it('answers 503 until an index serves, then 200 with the build', async () => {
    const dir = join(root, `served-${dirs++}`);
    const log: LoadEvent[] = [];
    const options: ServeOptions = { checkIntervalMs: 0, log: (e) => log.push(e) };
    // Nothing there yet: 503, and the API's error names the reason.
    expect((await settleIndex(dir, options)).serving).toBeNull();
    expect(healthResponse(indexStatus(dir, options))).toMatchObject({ status: 503, body: { status: 'unavailable', error: { code: 'index_unavailable' } }, headers: { 'Cache-Control': 'no-store' } });
    expect(() => getEngine(dir, options)).toThrow(expect.objectContaining({ code: 'E_INDEX_MISSING', digest: INDEX_UNAVAILABLE_DIGEST }));
    expect(searchResponse(() => getEngine(dir, options), new URL('http://localhost/api/search?q=x'))).toMatchObject({ status: 503, body: { error: { code: 'index_unavailable' } } });
    expect(log).toMatchObject([{ event: 'index_reload_failed', code: 'E_INDEX_MISSING', servingBuildId: null }]);

    // A build appears: while it loads the engine is "loading", then health is 200 with it.
    cpSync(seedsIndex, dir, { recursive: true });
    expect(() => getEngine(dir, options)).toThrow(expect.objectContaining({ code: 'E_INDEX_LOADING', digest: INDEX_UNAVAILABLE_DIGEST }));
    expect(healthResponse(indexStatus(dir, options))).toMatchObject({ status: 503, body: { loading: true } });
    await settleIndex(dir, options);
    const health = healthResponse(indexStatus(dir, options));
    expect(health.status).toBe(200);
    expect(health.headers['Cache-Control']).toBe('no-store');
    expect(health.body).toMatchObject({ status: 'ok', index: { buildId: buildIdOf(seedsIndex), counts: { releases: 5, findings: 42 } } });
    const index = (health.body as { index: { loadedAt: string; loadMs: number } }).index;
    expect(Date.parse(index.loadedAt)).not.toBeNaN();
    expect(index.loadMs).toBeGreaterThanOrEqual(0);
  });
});

describe('loading in slices', () => {
  it('gives the same index as loading in one go, giving the event loop back', async () => {
    let turns = 0;
    const sliced = await loadIndexSliced(generatedIndex, { sliceMs: 0, onYield: () => turns++ });
    const whole = loadIndex(generatedIndex);
    // A turn per file read, and per piece checksummed.
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(sliced.manifest).toEqual(whole.manifest);
    expect(sliced.data).toEqual(whole.data);
    expect(sliced.releases).toEqual(whole.releases);
    const a = createEngine(sliced);
    const b = createEngine(whole);
    for (const q of ['police', 'second jobs', '"social media"', 'polic', 'staf', '']) {
      const params = SearchParamsSchema.parse({ q, size: 50 });
      expect(a.search(params)).toEqual({ ...b.search(params), took_ms: expect.any(Number) });
    }
  });

  it('refuses a damaged index like the one-go loader', async () => {
    const dir = servedCopy(seedsIndex);
    flipByte(join(dir, readManifest(dir).dataDir, 'core.hmx'), 100);
    await expect(loadIndexSliced(dir)).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/core\.hmx: checksum mismatch/) });
    expect(() => loadIndex(dir)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/core\.hmx: checksum mismatch/) }));
    await expect(loadIndexSliced(join(root, 'nowhere'))).rejects.toMatchObject({ code: 'E_INDEX_MISSING' });
  });
});
