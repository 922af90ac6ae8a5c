/**
 * The published forms of the five seeds (Word PDFs, Chromium PDFs, HTML news pages), each built
 * as a source folder of its own, index to the same releases and answer searches with the same
 * hits as the `.txt` seeds: same ids, same texts, same figures; PDF hits carry their page.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { createEngine, type Engine } from '../../lib/engine/engine';
import { SearchParamsSchema, type SearchParamsInput } from '../../lib/query/params';

const PUBLISHED = 'tests/fixtures/published';
const SEED_SLUGS = ['bedfordshire-police-2012', 'cambridgeshire-constabulary-2012', 'essex-police-2012', 'hampshire-constabulary-2012', 'hertfordshire-constabulary-2012'];
const root = mkdtempSync(join(tmpdir(), 'hmic-published-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Build a folder holding the files of `dir` whose names match `pattern`, and load it. */
async function engineOf(name: string, dir: string, pattern: RegExp): Promise<Engine> {
  const source = join(root, name);
  mkdirSync(source);
  for (const file of readdirSync(dir).filter((f) => pattern.test(f))) copyFileSync(join(dir, file), join(source, file));
  const out = join(root, `${name}-index`);
  await buildFromDirectory({ source, out });
  return createEngine(loadIndex(out));
}

const QUERIES: SearchParamsInput[] = [
  { q: 'second jobs' },
  { q: '"second jobs" force:essex' },
  { q: 'social media', size: 50 },
  { q: 'PSD' },
  { q: 'hospitalty' },
  { q: 'secondJobApplications>60' },
  { q: 'inappropriate disclosure to the media', topic: ['media-relations'] },
  { q: '', kind: ['finding'], size: 100, sort: 'force' },
];

let text: Engine;
const forms: Record<string, Engine> = {};

beforeAll(async () => {
  text = await engineOf('txt', 'seeds', /\.txt$/);
  forms.word = await engineOf('word', `${PUBLISHED}/pdf`, /^(?:bedfordshire|cambridgeshire|essex|hampshire|hertfordshire)-.*\.word\.pdf$/);
  forms.chromium = await engineOf('chromium', `${PUBLISHED}/pdf`, /\.chromium\.pdf$/);
  forms.html = await engineOf('html', `${PUBLISHED}/html`, /^(?:bedfordshire|cambridgeshire|essex|hampshire|hertfordshire)-.*\.html?$/);
}, 300_000);

const search = (engine: Engine, input: SearchParamsInput) => engine.search(SearchParamsSchema.parse({ fields: 'segments', ...input }));
/**
 * What a reader compares: ids in order, texts, figures, totals and facet counts. Texts lose their
 * markdown (`*`), and "Self- Assessment" (two seeds' typing) equals "Self-Assessment" (what a PDF line
 * break after "Self-" can only give): the engine matches both the same way.
 */
const comparable = (engine: Engine, input: SearchParamsInput) => {
  const r = search(engine, input);
  return {
    total: r.total,
    hits: r.hits.map((h) => ({ id: h.id, text: h.segments!.map((s) => s.text).join('').replace(/\*/g, '').replace(/(\p{L})- (?=\p{L})/gu, '$1-'), figures: h.figures, force: h.force })),
    facets: r.facets,
  };
};

describe.each(['word', 'chromium', 'html'])('%s sources', (form) => {
  it('index the same five releases with the same 42 finding ids', () => {
    const engine = forms[form]!;
    expect(engine.listReleases().map((r) => r.slug).sort()).toEqual(SEED_SLUGS);
    const ids = (e: Engine) => search(e, { q: '', kind: ['finding'], size: 100 }).hits.map((h) => h.id).sort();
    expect(ids(engine)).toHaveLength(42);
    expect(ids(engine)).toEqual(ids(text));
  });

  it.each(QUERIES.map((q) => [JSON.stringify(q), q] as const))('answer %s like the text seeds', (_label, input) => {
    expect(comparable(forms[form]!, input)).toEqual(comparable(text, input));
  });
});

describe('PDF provenance', () => {
  it('puts every Word-PDF finding on page 2 and names the PDF as the source', () => {
    for (const slug of SEED_SLUGS) {
      const release = forms.word!.getRelease(slug)!;
      expect(release.source).toMatchObject({ format: 'pdf', path: expect.stringMatching(/\.word\.pdf$/) });
      expect(release.source.pages).toBeGreaterThanOrEqual(2);
      expect(release.findings.map((f) => f.page)).toEqual(release.findings.map(() => 2));
      // The headline is on page 1.
      expect(release.sections[0]!.paragraphs[0]!.page).toBe(1);
    }
    const context = forms.word!.getFinding('essex-police-2012-7')!;
    expect(context.finding.page).toBe(2);
    expect(context.release.source.path).toBe('essex-police-2012.word.pdf');
    expect(search(forms.word!, { q: 'second jobs' }).hits[0]!.page).toBe(2);
  });

  it('gives text and HTML findings no page', () => {
    expect(text.getFinding('essex-police-2012-7')!.finding.page).toBeNull();
    expect(forms.html!.getFinding('essex-police-2012-7')!.finding.page).toBeNull();
  });
});
