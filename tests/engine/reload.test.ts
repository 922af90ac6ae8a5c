/**
 * Serving an index directory (lib/engine/get-engine.ts): a new build is loaded in slices while
 * requests keep being answered by the old one, swapped in at once; the old engine stays open while
 * something holds it; a failed reload logs one JSON line and keeps serving; health is 503 → 200.
 * The sliced loader gives the same index as the one-go loader.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex, loadIndexSliced, readManifest } from '../../lib/index/load-index';
import { createEngine } from '../../lib/engine/engine';
import { getEngine, indexStatus, settleIndex, type LoadEvent, type ServeOptions } from '../../lib/engine/get-engine';
import { healthResponse } from '../../lib/engine/health-response';
import { jsonBody, searchResponse } from '../../lib/engine/api-responses';
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
function publish(from: string, dir: string, damage?: (dataDir: string) => void): void {
  const manifest = readManifest(from);
  const oldDataDir = readManifest(dir).dataDir;
  cpSync(join(from, 'sources'), join(dir, 'sources'), { recursive: true });
  cpSync(join(from, manifest.dataDir), join(dir, manifest.dataDir), { recursive: true });
  damage?.(join(dir, manifest.dataDir));
  writeFileSync(join(dir, '.manifest-next.json'), readFileSync(join(from, 'manifest.json')));
  renameSync(join(dir, '.manifest-next.json'), join(dir, 'manifest.json'));
  if (oldDataDir !== manifest.dataDir) rmSync(join(dir, oldDataDir), { recursive: true, force: true });
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

  it('logs one JSON line on stderr for a failed reload and keeps serving the previous index', async () => {
    const dir = servedCopy(seedsIndex);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const options: ServeOptions = { checkIntervalMs: 0 };
      await settleIndex(dir, options);
      const before = errors.mock.calls.length;
      publish(generatedIndex, dir, (dataDir) => {
        const vocab = join(dataDir, readdirSync(dataDir).find((f) => f.startsWith('vocab'))!);
        const bytes = readFileSync(vocab);
        bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 1;
        writeFileSync(vocab, bytes);
      });
      const status = await settleIndex(dir, options);
      // Checked again and again: the same broken build is not retried, so not logged again.
      for (let i = 0; i < 5; i++) getEngine(dir, options);
      await settleIndex(dir, options);

      const lines = errors.mock.calls.slice(before).map((call) => String(call[0]));
      expect(lines).toHaveLength(1);
      const event = JSON.parse(lines[0]!) as LoadEvent;
      expect(event).toMatchObject({ event: 'index_reload_failed', indexDir: dir, code: 'E_INDEX_CORRUPT', servingBuildId: buildIdOf(seedsIndex) });
      expect((event as { message: string }).message).toMatch(/vocab\.json: checksum mismatch/);
      expect(status.serving?.buildId).toBe(buildIdOf(seedsIndex));
      expect(status.lastError?.code).toBe('E_INDEX_CORRUPT');
      const response = searchResponse(() => getEngine(dir, options), new URL('http://localhost/api/search?q=second+jobs'));
      expect(response.status).toBe(200);
      expect((jsonBody(response) as { total: number }).total).toBeGreaterThan(0);

      // A good build after the broken one is picked up again.
      publish(generatedIndex, dir);
      expect((await settleIndex(dir, options)).serving?.buildId).toBe(buildIdOf(generatedIndex));
    } finally {
      errors.mockRestore();
      logs.mockRestore();
    }
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
  it('gives the same index as loading in one go, giving the event loop back many times', async () => {
    let turns = 0;
    const sliced = await loadIndexSliced(generatedIndex, { sliceMs: 1, onYield: () => turns++ });
    const whole = loadIndex(generatedIndex);
    expect(turns).toBeGreaterThan(20);
    expect(sliced.manifest).toEqual(whole.manifest);
    expect(sliced.releases).toEqual(whole.releases);
    expect(sliced.facets).toEqual(whole.facets);
    expect(sliced.forward).toEqual(whole.forward);
    expect(sliced.columns).toEqual(whole.columns);
    const a = createEngine(sliced);
    const b = createEngine(whole);
    for (const q of ['police', 'second jobs', '"social media"', 'polic', 'staf', '']) {
      const params = SearchParamsSchema.parse({ q, size: 50 });
      expect(a.search(params)).toEqual({ ...b.search(params), took_ms: expect.any(Number) });
    }
  });

  it('refuses a damaged index like the one-go loader', async () => {
    const dir = servedCopy(seedsIndex);
    const data = join(dir, readManifest(dir).dataDir);
    const facets = join(data, 'facets.json');
    writeFileSync(facets, readFileSync(facets, 'utf8').replace('"force"', '"force!'));
    await expect(loadIndexSliced(dir)).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT' });
    await expect(loadIndexSliced(dir, { verifyChecksums: false })).rejects.toMatchObject({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/facets\.json: cannot parse/) });
    expect(() => loadIndex(dir, { verifyChecksums: false })).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/facets\.json: cannot parse/) }));
    await expect(loadIndexSliced(join(root, 'nowhere'))).rejects.toMatchObject({ code: 'E_INDEX_MISSING' });
  });
});
