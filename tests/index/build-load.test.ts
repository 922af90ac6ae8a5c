/**
 * Index format 6 on the real seeds and on a generated corpus: build → write → open gives every
 * structure equal to the in-memory build; builds are deterministic; the manifest is small and
 * validates; a damaged, truncated, missing or foreign file is refused with its code; a bad source
 * leaves the old index in place.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory, listReleaseFiles } from '../../lib/index/build-from-directory';
import { buildIndex } from '../../lib/index/build-index';
import { releasesToDocs } from '../../lib/index/documents';
import type { IndexCore } from '../../lib/index/index-core';
import { LAYOUT, RECORD_FILES } from '../../lib/index/index-layout';
import { loadIndex, readManifest, readSources } from '../../lib/index/load-index';
import { ManifestSchema } from '../../lib/index/manifest';
import { INDEX_FORMAT_VERSION } from '../../lib/index/options';
import { writeIndex } from '../../lib/index/write-index';
import { prepareBatch } from '../../lib/index/prepare-release';
import { ingestFile } from '../../lib/ingest/ingest-file';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';
import { prepareIndex } from '../../lib/query/prepare-index';
import { search } from '../../lib/query/search';
import { SearchParamsSchema } from '../../lib/query/params';

const tmpDirs: string[] = [];
const tmp = (prefix = 'hmic-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
};
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Parse every release under `dir` as the build does (boilerplate not marked yet). */
function parsedReleases(dir: string) {
  return Promise.all(listReleaseFiles(dir).map((f) => ingestFile(f, dir)));
}

let indexA: string;
let generatedSource: string;
/** The seeds with fixtures of other shapes: national and news releases (kind other), flattened, markdown, CRLF. */
let mixedSource: string;
const MIXED = ['based-on-data.txt', 'bullet-dot.txt', 'flattened.txt', 'html-script.txt', 'intro-no-bullets.txt', 'national-release.txt', 'news-article.txt', 'pdf-bullets.txt', 'quotes-nbsp-crlf.txt', 'front-matter.md'];
beforeAll(async () => {
  mixedSource = tmp();
  cpSync('seeds', mixedSource, { recursive: true });
  for (const f of MIXED) cpSync(join('tests/fixtures/releases', f), join(mixedSource, f));
  // Two news articles (kind other) sharing a paragraph about a topic nothing else of theirs is
  // about: shared, hence boilerplate, so it must not count for their release topics.
  for (const [name, headline, place] of [['gazette-a', 'Forces told to act on integrity', 'England'], ['gazette-b', 'Inspectors publish a follow-up review', 'Wales']]) {
    writeFileSync(join(mixedSource, `${name}.md`), `---\nslug: ${name}\n---\n${headline}\n\nForces across ${place} have been told to do more to guard against corruption.\n\nOfficers must register their second jobs and business interests with the force.\n`);
  }
  indexA = tmp();
  await buildFromDirectory({ source: 'seeds', out: indexA });
  generatedSource = (await generateCorpus({ findings: 2000, seed: 11, outDir: join(tmp(), 'corpus'), seedsDir: 'seeds' })).dir;
}, 300_000);

function copyIndex(): string {
  const d = tmp();
  cpSync(indexA, d, { recursive: true });
  return d;
}

const dataFile = (dir: string, name: string) => join(dir, readManifest(dir).dataDir, name);
const allDocs = (core: IndexCore) => Array.from({ length: core.docCount }, (_, d) => core.getDoc(d));

describe('round trip: build → write → open', () => {
  for (const [name, source] of [
    ['the seeds', () => 'seeds'],
    ['a generated corpus of 2,000 findings', () => generatedSource],
    ['the seeds with releases of other shapes', () => mixedSource],
    ['two inspections of the same forces', () => 'tests/fixtures/inspections'],
  ] as const) {
    it(`gives every structure of the in-memory build, on ${name}`, async () => {
      const parsed = await parsedReleases(source());
      // In memory: releases marked by lib/ingest/mark-boilerplate.ts (paragraph texts as keys).
      const releases = markBoilerplate(parsed.map((p) => p.release));
      const built = buildIndex(releases);
      // Written: releases prepared as the build's workers do, boilerplate marked from key hashes.
      const out = tmp();
      writeIndex({ batches: [prepareBatch(parsed, true)], mark: true }, out, { sources: parsed.flatMap((p) => p.files), sourceDir: source(), started: performance.now() });
      const opened = loadIndex(out);
      // Every section of every file, byte for byte (typed arrays by content, texts as text).
      for (const role of Object.keys(LAYOUT) as (keyof typeof LAYOUT)[]) {
        for (const section of Object.keys(LAYOUT[role].sections)) {
          expect((opened.data[role] as Record<string, unknown>)[section], `${role}.${section}`).toEqual((built.data[role] as Record<string, unknown>)[section]);
        }
      }
      expect(opened.meta).toEqual(built.meta);
      // The stored records read back as the documents and releases they were built from.
      const reference = releasesToDocs(releases);
      expect(allDocs(opened)).toEqual(reference);
      expect(allDocs(built)).toEqual(reference);
      expect(opened.releases).toEqual(built.releases);
      for (const release of built.fullReleases) {
        expect(opened.getRelease(release.slug)).toEqual(release);
        expect(built.getRelease(release.slug)).toEqual(release);
        expect(opened.releaseIndexOf(release.slug)).toBe(built.releaseIndexOf(release.slug));
      }
      expect(opened.getRelease('no-such-release')).toBeNull();
      if (name.includes('other shapes')) expect(built.getRelease('gazette-a')?.topics).toEqual(['anti-corruption']);
      // And both answer searches alike.
      const a = prepareIndex(opened);
      const b = prepareIndex(built);
      for (const q of ['second jobs', 'police', '"social media"', 'secon', 'hospitalty', 'moonlighting', '']) {
        const params = SearchParamsSchema.parse({ q, size: 30, includeBoilerplate: q === 'police' ? 'true' : undefined });
        expect(search(a, params)).toEqual({ ...search(b, params), took_ms: expect.any(Number) });
      }
      opened.close();
    }, 120_000);
  }
});

describe('build and load', () => {
  it('writes a small manifest that validates, with counts and every file; the source list apart', () => {
    const manifest = JSON.parse(readFileSync(join(indexA, 'manifest.json'), 'utf8'));
    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
    expect(manifest.formatVersion).toBe(INDEX_FORMAT_VERSION);
    expect(manifest.counts).toMatchObject({ releases: 5, findings: 42 });
    expect(manifest.counts.chunks).toBeGreaterThan(42);
    expect(manifest.sources).toBeUndefined();
    expect(Object.keys(manifest.files).sort()).toEqual([...Object.keys(LAYOUT), ...Object.keys(RECORD_FILES), 'aliases', 'sources'].sort());
    const sources = readSources(indexA);
    expect(sources).toHaveLength(5);
    for (const s of sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('building twice gives identical files but for the build id', async () => {
    const other = tmp();
    await buildFromDirectory({ source: 'seeds', out: other });
    const a = loadIndex(indexA);
    const b = loadIndex(other);
    expect(b.data).toEqual(a.data);
    expect(allDocs(b)).toEqual(allDocs(a));
    for (const role of [...Object.keys(LAYOUT), ...Object.keys(RECORD_FILES)] as (keyof typeof a.manifest.files)[]) {
      expect(readFileSync(dataFile(other, b.manifest.files[role].name)).equals(readFileSync(dataFile(indexA, a.manifest.files[role].name))), role).toBe(true);
    }
    expect(allDocs(a).filter((d) => d.kind === 'finding').map((d) => d.id)).toContain('essex-police-2012-7');
    expect(a.getRelease('essex-police-2012')?.findings).toHaveLength(10);
  });

  it('refuses another format version, with the command that rebuilds the index', () => {
    const d = copyIndex();
    const path = join(d, 'manifest.json');
    const m = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...m, formatVersion: 5 }));
    expect(() => loadIndex(d)).toThrow(expect.objectContaining({ code: 'E_INDEX_FORMAT', message: expect.stringMatching(/index format 5 is not supported .*rebuild it: npm run build-index -- --source \S+seeds --out /) }));
  });

  it('refuses a truncated file, a flipped byte, a missing file, a foreign file and a broken manifest', () => {
    const truncated = copyIndex();
    truncateSync(dataFile(truncated, 'postings.hmx'), 100);
    expect(() => loadIndex(truncated)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/postings\.hmx: size 100 differs/) }));

    // A flipped byte anywhere in a segment file (a section, the table, the footer's length).
    for (const at of [200, 20, -10]) {
      const flipped = copyIndex();
      const f = dataFile(flipped, 'terms.hmx');
      const buf = readFileSync(f);
      const i = at < 0 ? buf.length + at : at;
      buf[i] = buf[i]! ^ 1;
      writeFileSync(f, buf);
      expect(() => loadIndex(flipped), `byte ${at}`).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/terms\.hmx: /) }));
    }

    const missing = copyIndex();
    unlinkSync(dataFile(missing, 'forward.hmx'));
    expect(() => loadIndex(missing)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/forward\.hmx: file listed in the manifest is missing/) }));

    const missingRecords = copyIndex();
    unlinkSync(dataFile(missingRecords, 'docs.hmr'));
    expect(() => loadIndex(missingRecords)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT', message: expect.stringMatching(/docs\.hmr: file listed in the manifest is missing/) }));

    // One segment file where another belongs (its kind says so).
    const swapped = copyIndex();
    cpSync(dataFile(swapped, 'forward.hmx'), dataFile(swapped, 'postings.hmx'));
    expect(() => loadIndex(swapped)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT' }));

    const broken = copyIndex();
    writeFileSync(join(broken, 'manifest.json'), '{"formatVersion": 6, ');
    expect(() => loadIndex(broken)).toThrow(expect.objectContaining({ code: 'E_INDEX_CORRUPT' }));

    expect(() => loadIndex(tmp())).toThrow(expect.objectContaining({ code: 'E_INDEX_MISSING' }));
  });

  it('a malformed source fails the build with file:line, exit 1, and leaves the old index intact', () => {
    const out = copyIndex();
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const source = tmp();
    cpSync('seeds', source, { recursive: true });
    writeFileSync(join(source, 'broken.md'), '---\ntitle: [unclosed\n---\nHello\n');
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-index.ts', '--source', source, '--out', out, '--quiet'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.md:\d+: /);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(loadIndex(out).manifest.counts.findings).toBe(42);

    const keep = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-index.ts', '--source', source, '--out', out, '--keep-going', '--quiet'], { encoding: 'utf8' });
    expect(keep.status).toBe(1);
    expect(keep.stderr).toMatch(/broken\.md:\d+: /);
    expect(keep.stdout).toMatch(/indexed 5 releases, 42 findings/);
    expect(readSources(out).map((s) => s.path)).not.toContain('broken.md');
  });
});

describe('npm run check-index', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/check-index.ts', ...args], { encoding: 'utf8' });

  it('exits 0 on an intact index, listing every file; --json parses', () => {
    const text = run(indexA);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/is intact \(14 files checked\)/);
    const json = run(indexA, '--json');
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: true, formatVersion: INDEX_FORMAT_VERSION, error: null });
    expect(report.files.map((f: { role: string }) => f.role).sort()).toEqual(['aliases', 'core', 'docs', 'forward', 'postings', 'releases', 'source', 'source', 'source', 'source', 'source', 'sources', 'suggest', 'terms']);
  });

  it('exits 1 naming the damaged file (and record), 1 for another format or no index, 2 for bad arguments', () => {
    const damaged = copyIndex();
    const docs = dataFile(damaged, 'docs.hmr');
    const buf = readFileSync(docs);
    buf[1000] = buf[1000]! ^ 1;
    writeFileSync(docs, buf);
    const text = run(damaged);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/DAMAGED {2}data-[a-z0-9-]+\/docs\.hmr: E_INDEX_CORRUPT: .*doc record \d+ fails its checksum/);
    expect(text.stdout).toMatch(/damaged: 1 of 14 files/);
    const json = JSON.parse(run(damaged, '--json').stdout);
    expect(json.ok).toBe(false);
    expect(json.files.filter((f: { ok: boolean }) => !f.ok)).toEqual([expect.objectContaining({ role: 'docs', error: expect.objectContaining({ code: 'E_INDEX_CORRUPT' }) })]);

    const old = copyIndex();
    const m = JSON.parse(readFileSync(join(old, 'manifest.json'), 'utf8'));
    writeFileSync(join(old, 'manifest.json'), JSON.stringify({ ...m, formatVersion: 5 }));
    const format = run(old, '--json');
    expect(format.status).toBe(1);
    expect(JSON.parse(format.stdout)).toMatchObject({ ok: false, formatVersion: 5, error: { code: 'E_INDEX_FORMAT' }, files: [] });

    expect(run(tmp()).status).toBe(1);
    expect(run('--nope').status).toBe(2);
    expect(run('a', 'b').status).toBe(2);
  });
});
