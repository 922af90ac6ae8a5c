/**
 * Bad published sources (PDF, HTML, sidecar): each gives a clear `file: message` error with a
 * stable code; a strict build stops and leaves the previous index exactly as it was; a keep-going
 * build indexes the rest and reports the bad file.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { SearchEngineError } from '../../lib/errors';

const PDF = 'tests/fixtures/published/pdf';
const HTML = 'tests/fixtures/published/html';
const ESSEX = 'seeds/003_4f249c14dfe13b76.txt';
const root = mkdtempSync(join(tmpdir(), 'hmic-bad-published-'));
const out = join(root, 'index');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** name in the source folder → how to make it. */
const BAD: Record<string, { make: (path: string) => void; code: string; message: RegExp }> = {
  'encrypted.pdf': { make: (p) => copyFileSync(join(PDF, 'encrypted.pdf'), p), code: 'E_PDF_ENCRYPTED', message: /^encrypted\.pdf: .*(password|encrypt)/i },
  'scanned.pdf': { make: (p) => copyFileSync(join(PDF, 'scanned.pdf'), p), code: 'E_PDF_NO_TEXT', message: /^scanned\.pdf: .*OCR/ },
  'truncated.pdf': { make: (p) => copyFileSync(join(PDF, 'truncated.pdf'), p), code: 'E_PDF_CORRUPT', message: /^truncated\.pdf: / },
  'renamed-text.pdf': { make: (p) => copyFileSync(ESSEX, p), code: 'E_PDF_CORRUPT', message: /^renamed-text\.pdf: / },
  'no-article.html': { make: (p) => copyFileSync(join(HTML, 'no-article.html'), p), code: 'E_HTML_NO_ARTICLE', message: /^no-article\.html:\d+: no article body/ },
  'kent.txt.meta.yml': {
    make: (p) => {
      writeFileSync(p.replace(/\.meta\.yml$/, ''), readFileSync(ESSEX, 'utf8').replaceAll('Essex', 'Kent'));
      writeFileSync(p, 'inspection: Integrity matters\npublished: yesterday\n');
    },
    code: 'E_SIDECAR',
    message: /^kent\.txt\.meta\.yml:2: invalid sidecar metadata: "published"/,
  },
};

let goodManifest = '';

beforeAll(async () => {
  const good = join(root, 'good');
  mkdirSync(good);
  copyFileSync(ESSEX, join(good, 'essex.txt'));
  copyFileSync(join(PDF, 'hampshire-constabulary-2012.word.pdf'), join(good, 'hampshire.pdf'));
  copyFileSync(join(HTML, 'essex-police-2012.html'), join(good, 'essex.html'));
  // The HTML page is the same release as essex.txt: give it its own slug through a sidecar.
  writeFileSync(join(good, 'essex.html.meta.yml'), 'slug: essex-police-2012-news-page\n');
  await buildFromDirectory({ source: good, out });
  goodManifest = readFileSync(join(out, 'manifest.json'), 'utf8');
}, 120_000);

describe.each(Object.entries(BAD))('%s', (name, bad) => {
  const dir = join(root, `with-${name}`);

  beforeAll(() => {
    mkdirSync(dir);
    copyFileSync(ESSEX, join(dir, 'essex.txt'));
    bad.make(join(dir, name));
  });

  it(`stops a strict build with ${bad.code} naming the file, leaving the previous index in place`, async () => {
    let error: unknown;
    try {
      await buildFromDirectory({ source: dir, out });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SearchEngineError);
    expect((error as SearchEngineError).code).toBe(bad.code);
    expect((error as SearchEngineError).message).toMatch(bad.message);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(goodManifest);
    const index = loadIndex(out);
    expect(index.releases.map((r) => r.slug).sort()).toEqual(['essex-police-2012', 'essex-police-2012-news-page', 'hampshire-constabulary-2012']);
    index.close();
  });

  it('is reported and skipped by a keep-going build, which indexes the rest', async () => {
    const elsewhere = join(root, `keep-going-${name}`);
    const report = await buildFromDirectory({ source: dir, out: elsewhere, keepGoing: true });
    expect(report.errors.map((e) => e.code)).toEqual([bad.code]);
    expect(report.errors[0]!.message).toMatch(bad.message);
    expect(report.manifest?.counts.releases).toBe(1);
    expect(report.manifest?.counts.findings).toBe(10);
  });
});
