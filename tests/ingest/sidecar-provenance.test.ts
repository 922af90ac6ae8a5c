/**
 * Sidecar metadata (`<file>.meta.yml`), inspections, slugs across inspections, aliases and the
 * stored sources an index serves: the provenance contract of issue #10 on the real seeds.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SearchEngineError } from '../../lib/errors';
import { ingestFile } from '../../lib/ingest/ingest-file';
import { parseRelease } from '../../lib/ingest/parse-release';
import { inspectionSlugSuffix, recogniseInspection, resolveInspection } from '../../lib/ingest/resolve-inspection';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex, readSources } from '../../lib/index/load-index';
import { checkIndex } from '../../lib/index/check-index';
import { createEngine } from '../../lib/engine/engine';
import { sourceResponse } from '../../lib/engine/source-response';
import { aliasRedirect, aliasTableOf } from '../../lib/engine/alias-redirect';
import { staleReason } from '../../scripts/ensure-index';

const ESSEX = readFileSync('seeds/003_4f249c14dfe13b76.txt', 'utf8');
const root = mkdtempSync(join(tmpdir(), 'hmic-sidecar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder holding the given files. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<SearchEngineError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SearchEngineError);
    return error as SearchEngineError;
  }
  throw new Error('expected a SearchEngineError');
}

describe('inspections', () => {
  it('recognises the seeds as "Revisiting police relationships" although they cite "Without fear or favour"', () => {
    expect(recogniseInspection(ESSEX, 2012)?.name).toBe('Revisiting police relationships');
    expect(parseRelease(ESSEX, { source: 'essex.txt' }).inspection).toBe('Revisiting police relationships');
  });

  it('resolves names and aliases case-insensitively and refuses unknown ones', () => {
    expect(resolveInspection('integrity MATTERS')?.name).toBe('Integrity matters');
    expect(resolveInspection('PEEL legitimacy')?.name).toBe('PEEL: Police legitimacy');
    expect(resolveInspection('Operation Nothing')).toBeNull();
  });

  it('keeps <force>-<year> for the first inspection of a year and suffixes any other', () => {
    expect(inspectionSlugSuffix(resolveInspection('Integrity matters'), 2014)).toBeNull();
    expect(inspectionSlugSuffix(resolveInspection('PEEL legitimacy'), 2014)).toBe('peel-legitimacy');
    const second = ESSEX.replace('In 2012 HMIC revisited all forces', 'In 2014 HMIC inspected all forces for PEEL legitimacy')
      .replaceAll('2012', '2014')
      .replace(/Revisiting police relationships/gi, 'PEEL: Police legitimacy');
    const release = parseRelease(second, { source: 'essex-peel.txt' });
    expect(release).toMatchObject({ year: 2014, inspection: 'PEEL: Police legitimacy', slug: 'essex-police-2014-peel-legitimacy' });
    expect(release.findings[6]!.id).toBe('essex-police-2014-peel-legitimacy-7');
  });
});

describe('sidecar metadata', () => {
  it('wins over the text and over front matter, and is listed with its source', async () => {
    const dir = folder('wins', {
      'essex.md': `---\ntitle: From front matter\nslug: from-front-matter\nurl: https://example.org/front\n---\n${ESSEX}`,
      'essex.md.meta.yml': [
        'slug: essex-integrity-2012',
        'inspection: Revisiting police relationships',
        'aliases: [essex-2012, essex-police-revisit]',
        'url: https://www.justiceinspectorates.gov.uk/hmicfrs/news/essex-2012/',
        'date: 2012-10-11',
        '',
      ].join('\n'),
    });
    const { release, files } = await ingestFile(join(dir, 'essex.md'), dir);
    expect(release).toMatchObject({
      slug: 'essex-integrity-2012',
      title: 'From front matter',
      date: '2012-10-11',
      year: 2012,
      inspection: 'Revisiting police relationships',
      aliases: ['essex-2012', 'essex-police-revisit'],
      source: { path: 'essex.md', format: 'md', url: 'https://www.justiceinspectorates.gov.uk/hmicfrs/news/essex-2012/' },
    });
    expect(release.findings[6]!.id).toBe('essex-integrity-2012-7');
    expect(files.map((f) => f.path)).toEqual(['essex.md', 'essex.md.meta.yml']);
  });

  it.each([
    ['broken YAML', 'slug: [unclosed\n', /essex\.txt\.meta\.yml:\d+: broken YAML/],
    ['an unknown key', 'slug: essex-x\nauthor: someone\n', /essex\.txt\.meta\.yml:2: invalid sidecar metadata: "author"/],
    ['a bad slug', 'slug: Not A Slug\n', /essex\.txt\.meta\.yml:1: .*"slug"/],
    ['an unknown inspection', 'inspection: Operation Nothing\n', /essex\.txt\.meta\.yml:1: unknown inspection "Operation Nothing"/],
    ['a bad alias', 'aliases: [ok-alias, "Bad Alias"]\n', /essex\.txt\.meta\.yml:1: .*"aliases"/],
  ])('refuses a sidecar with %s as E_SIDECAR naming the sidecar and line', async (_label, yaml, message) => {
    const dir = folder(`bad-${_label.replace(/\W+/g, '-')}`, { 'essex.txt': ESSEX, 'essex.txt.meta.yml': yaml });
    const error = await rejection(ingestFile(join(dir, 'essex.txt'), dir));
    expect(error.code).toBe('E_SIDECAR');
    expect(error.file).toBe('essex.txt.meta.yml');
    expect(error.message).toMatch(message);
  });

  it('makes the index stale when a sidecar is added or edited, and a keep-going build skips a bad one', async () => {
    const dir = folder('stale', { 'essex.txt': ESSEX, 'cambs.txt': readFileSync('seeds/004_52fc5c0a52371e23.txt', 'utf8') });
    const out = join(root, 'stale-index');
    await buildFromDirectory({ source: dir, out });
    expect(staleReason(dir, out)).toBeNull();
    writeFileSync(join(dir, 'essex.txt.meta.yml'), 'aliases: [essex-2012]\n');
    expect(staleReason(dir, out)).toMatch(/changed/);
    await buildFromDirectory({ source: dir, out });
    expect(staleReason(dir, out)).toBeNull();
    expect(readSources(out).map((s) => s.path)).toEqual(['cambs.txt', 'essex.txt', 'essex.txt.meta.yml']);
    writeFileSync(join(dir, 'essex.txt.meta.yml'), 'aliases: [essex-2013]\n');
    expect(staleReason(dir, out)).toBe('essex.txt.meta.yml changed');

    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'essex.txt.meta.yml'), 'force: Gotham City Police\n');
    await expect(buildFromDirectory({ source: dir, out })).rejects.toMatchObject({ code: 'E_SIDECAR' });
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    const report = await buildFromDirectory({ source: dir, out, keepGoing: true });
    expect(report.errors.map((e) => e.code)).toEqual(['E_SIDECAR']);
    expect(report.manifest?.counts.releases).toBe(1);
  });
});

describe('stored sources and aliases', () => {
  it('serves exactly the indexed file by slug, and redirects former slugs', async () => {
    const dir = folder('served', {
      'essex.txt': ESSEX,
      'essex.txt.meta.yml': 'aliases: [essex-2012, old-essex]\n',
      'herts.txt': readFileSync('seeds/000_6c77aa43d88f53bc.txt', 'utf8'),
    });
    const out = join(root, 'served-index');
    await buildFromDirectory({ source: dir, out });
    // The source folder can go away: the index is self-contained.
    rmSync(dir, { recursive: true, force: true });
    const engine = createEngine(loadIndex(out));
    const ok = await sourceResponse(() => engine, 'essex-police-2012', null);
    expect(ok.status).toBe(200);
    expect(Buffer.from(ok.body as Uint8Array).toString('utf8')).toBe(ESSEX);
    expect(ok.headers['Content-Type']).toBe('text/plain; charset=utf-8');
    expect((await sourceResponse(() => engine, 'essex-police-2012', ok.headers.ETag!)).status).toBe(304);
    for (const bad of ['nope', '../manifest.json', 'essex-police-2012/..', 'A']) {
      expect((await sourceResponse(() => engine, bad, null)).status).toBe(404);
    }

    const table = aliasTableOf(out);
    expect(Object.fromEntries(table)).toEqual({ 'essex-2012': 'essex-police-2012', 'old-essex': 'essex-police-2012' });
    expect(aliasRedirect('/releases/old-essex', table)).toBe('/releases/essex-police-2012');
    expect(aliasRedirect('/sources/essex-2012', table)).toBe('/sources/essex-police-2012');
    expect(aliasRedirect('/findings/essex-2012-7', table)).toBe('/findings/essex-police-2012-7');
    expect(aliasRedirect('/api/findings/old-essex-quote-1', table)).toBe('/api/findings/essex-police-2012-quote-1');
    expect(aliasRedirect('/findings/essex-2012', table)).toBeNull();
    expect(aliasRedirect('/findings/essex-police-2012-7', table)).toBeNull();
    expect(aliasRedirect('/releases/hertfordshire-constabulary-2012', table)).toBeNull();
    expect(engine.getFinding('essex-police-2012-7')?.release.source).toMatchObject({ path: 'essex.txt', format: 'txt' });
  });

  it('opens an index whose stored source copy is missing, answers 404 for it, and check-index names it', async () => {
    const dir = folder('missing-copy', { 'essex.txt': ESSEX });
    const out = join(root, 'missing-copy-index');
    await buildFromDirectory({ source: dir, out });
    const [source] = readSources(out);
    rmSync(join(out, 'sources', source!.sha256));
    // Opening reads no source copy (at 1M that was 117k stat calls): the page of the copy answers 404.
    const engine = createEngine(loadIndex(out));
    expect(engine.getRelease('essex-police-2012')?.findings.length).toBeGreaterThan(0);
    expect((await sourceResponse(() => engine, 'essex-police-2012', null)).status).toBe(404);
    const report = await checkIndex(out);
    expect(report.ok).toBe(false);
    expect(report.files.filter((f) => !f.ok)).toEqual([expect.objectContaining({ role: 'source', file: join('sources', source!.sha256), error: expect.objectContaining({ message: expect.stringMatching(/stored copy of essex\.txt is missing/) }) })]);
    copyFileSync(join(dir, 'essex.txt'), join(out, 'sources', source!.sha256));
    expect((await checkIndex(out)).ok).toBe(true);
    expect((await sourceResponse(() => engine, 'essex-police-2012', null)).status).toBe(200);
  });
});
