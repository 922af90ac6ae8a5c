/**
 * Real-world mess: PDF and symbol bullets, wrapped and flattened text, other intro phrasings,
 * odd quotes/NBSP/CRLF, truncation, non-force releases, front matter, bad encodings.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SearchEngineError } from '../../lib/errors';
import { ingestFile, ingestSource } from '../../lib/ingest/ingest-file';
import { ensureUniqueSlugs } from '../../lib/ingest/make-slug';
import { parseRelease } from '../../lib/ingest/parse-release';
import { decodeSource, readSourceBytes } from '../../lib/ingest/read-source';
import { ReleaseSchema, type Release, type SectionKind } from '../../lib/schema';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'tests/fixtures/releases';

async function fixture(name: string): Promise<Release> {
  return (await ingestFile(join(ROOT, FIXTURES, name), ROOT)).release;
}

function fixtureText(name: string): string {
  return readFileSync(join(ROOT, FIXTURES, name), 'utf8');
}

function paragraphs(release: Release, kind: SectionKind): string[] {
  return release.sections.filter((s) => s.kind === kind).flatMap((s) => s.paragraphs.map((p) => p.text));
}

/** Figures of one finding as [value, span text] pairs. */
function figureSpans(release: Release, ordinal: number): Record<string, [number, string]> {
  const finding = release.findings[ordinal - 1]!;
  return Object.fromEntries(
    Object.entries(finding.figures).map(([key, f]) => [key, [f!.value, finding.text.slice(f!.start, f!.end)]]),
  );
}

/** The SearchEngineError `fn` rejects with (fails the test when it resolves or rejects with something else). */
async function rejected(fn: () => Promise<unknown>): Promise<SearchEngineError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SearchEngineError);
    return error as SearchEngineError;
  }
  throw new Error('expected a SearchEngineError');
}

/** The SearchEngineError thrown by `fn` (fails the test when nothing or something else is thrown). */
function thrown(fn: () => unknown): SearchEngineError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SearchEngineError);
    return error as SearchEngineError;
  }
  throw new Error('expected a SearchEngineError');
}

describe('bullet styles and wrapping', () => {
  it('reads PDF \\uF0B7 bullets separated by blank lines, wrapped, glued and on their own line', async () => {
    const r = await fixture('pdf-bullets.txt');
    expect(r).toMatchObject({ kind: 'force-release', force: 'Kent Police', region: 'South East Region', inspector: 'Roger Baker', year: 2012 });
    expect(r.findings.map((f) => f.line)).toEqual([9, 12, 15, 18, 23]);
    expect(r.findings[0]!.text).toBe(
      "Since 2011 Kent Police has carried out an integrity 'health check' using the Self-Assessment Checklist provided in HMIC's 2011 report.",
    );
    // A lower-case paragraph after a blank line continues the unfinished bullet before it.
    expect(r.findings[3]!.text).toMatch(/although the force has recently issued new guidance on the use of social networking sites\.$/);
    expect(r.findings[4]!.text).toMatch(/^The force has instigated one hundred and sixteen investigations/);
    expect(figureSpans(r, 3)).toEqual({ secondJobApplications: [1204, '1,204'], secondJobsApproved: [1202, 'all but two of which'] });
    expect(figureSpans(r, 4)).toEqual({ socialMediaCases: [0, 'no'] });
    expect(figureSpans(r, 5)).toEqual({ conductInvestigations: [116, 'one hundred and sixteen'] });
    expect(paragraphs(r, 'notes')).toHaveLength(2);
  });

  it('reads • bullets directly under a "HMIC found that:" intro', async () => {
    const r = await fixture('bullet-dot.txt');
    expect(r).toMatchObject({ kind: 'force-release', force: 'Norfolk Constabulary', region: 'Eastern Region', inspector: 'Zoë Billingham' });
    expect(paragraphs(r, 'findings')).toEqual(['HMIC found that:']);
    expect(r.findings).toHaveLength(4);
    expect(r.findings.every((f) => !f.text.startsWith('•'))).toBe(true);
    expect(figureSpans(r, 2)).toEqual({ secondJobApplications: [71, 'seventy-one'], secondJobsApproved: [0, 'none of which'] });
    expect(figureSpans(r, 3)).toEqual({ mediaDisclosureInvestigations: [0, 'no'] });
    expect(figureSpans(r, 4)).toEqual({ socialMediaCases: [12, 'twelve'] });
  });

  it('reads "Based on the data provided by the force, HMIC found that:" and indented * continuation lines', async () => {
    const r = await fixture('based-on-data.txt');
    expect(r).toMatchObject({ kind: 'force-release', force: 'Thames Valley Police', title: 'Thames Valley Police makes progress on integrity' });
    expect(paragraphs(r, 'findings')).toEqual(['Based on the data provided by the force, HMIC found that:']);
    expect(r.findings.map((f) => f.text)).toEqual([
      'Since September 2011 there have been 88 applications for second jobs, 80 of which have been approved.',
      'The force has a Professional Standards Department which has instigated nine investigations between September 2011 and May 2012 into the conduct of its officers and staff.',
      'There has been no change in the number of staff working in the anti-corruption unit.',
    ]);
    expect(figureSpans(r, 1)).toEqual({ secondJobApplications: [88, '88'], secondJobsApproved: [80, '80'] });
    expect(figureSpans(r, 2)).toEqual({ conductInvestigations: [9, 'nine'] });
    expect(r.findings[2]!.figures).toEqual({});
  });
});

describe('list layouts', () => {
  it('reads a numbered findings list and still splits numbered notes after the quote', async () => {
    const text = [
      'Essex Police makes progress',
      'In Essex Police, HMIC found:',
      '1. The force has updated its gifts and hospitality policy.\n2. Since September 2011 there have been 8 applications for second jobs.',
      'HM Inspector of Constabulary for the Eastern Region, Zoë Billingham, said:',
      '“Good progress.”',
      '1. A copy of the report can be found online.\n2. Press office: 0203 513 0600.',
    ].join('\n\n');
    const r = parseRelease(text, { source: 'numbered.txt' });
    expect(r.findings.map((f) => [f.ordinal, f.line])).toEqual([[1, 5], [2, 6]]);
    expect(paragraphs(r, 'notes')).toEqual(['A copy of the report can be found online.', 'Press office: 0203 513 0600.']);
  });

  it('ends a bulleted findings list at numbered notes when the quote is missing', async () => {
    const r = parseRelease('Essex Police makes progress\n\nIn Essex Police, HMIC found:\n\n- First.\n- Second.\n\n1. A copy.\n2. Press office.\n', { source: 'x.txt' });
    expect(r.findings.map((f) => f.text)).toEqual(['First.', 'Second.']);
    expect(paragraphs(r, 'notes')).toEqual(['A copy.', 'Press office.']);
  });

  it('accepts a text that starts with its findings intro', async () => {
    const r = parseRelease('In Essex Police, HMIC found:\n- First.\n- Second.\n', { source: 'x.txt' });
    expect(r).toMatchObject({ kind: 'force-release', force: 'Essex Police', title: 'In Essex Police, HMIC found:' });
    expect(r.findings).toHaveLength(2);
  });
});

const flattened = await fixture('flattened.txt');

describe('flattened release', () => {
  const r = flattened;

  it('makes one finding per sentence between the intro and the inspector line', async () => {
    expect(r.kind).toBe('force-release');
    expect(r.force).toBe('Suffolk Constabulary');
    expect(r.findings.map((f) => f.text)).toEqual([
      'Since 2011 the force has reviewed several policies, e.g. those covering gifts and hospitality, and published them on its intranet.',
      'Since September 2011 there have been 45 applications for second jobs, 44 of which have been approved.',
      'On average officers held 2.5 registered business interests each..',
      "HMIC's independently commissioned research identified three cases of inappropriate behaviour on Facebook or Twitter by officers and staff in Suffolk Constabulary.",
      'The force has not investigated any instances of inappropriate disclosure to the media.',
    ]);
    expect(r.findings.map((f) => f.line)).toEqual([3, 4, 4, 4, 4]);
    expect(r.figures).toMatchObject({
      secondJobApplications: { value: 45 },
      secondJobsApproved: { value: 44 },
      socialMediaCases: { value: 3 },
      mediaDisclosureInvestigations: { value: 0 },
    });
  });

  it('still splits out the quote, report link and numbered notes', async () => {
    expect(r.sections.map((s) => s.kind)).toEqual(['headline', 'background', 'findings', 'quote', 'report-link', 'notes']);
    expect(paragraphs(r, 'findings')).toEqual(['In Suffolk Constabulary, HMIC found:']);
    expect(paragraphs(r, 'quote')[0]).toBe('HM Inspector of Constabulary for the Eastern Region, Zoë Billingham, said:');
    expect(r).toMatchObject({ region: 'Eastern Region', inspector: 'Zoë Billingham', year: 2012 });
    expect(paragraphs(r, 'notes')).toEqual([
      'A copy of the national report, Revisiting Police Relationships, and individual force reports can be found on the HMIC website www.hmic.gov.uk',
      "HMIC's out-of-hours press office line for urgent media enquiries is 07836 217 729.",
    ]);
  });
});

describe('quotes, NBSP, BOM and newlines', () => {
  it('matches through NBSP and odd quotes while keeping the original text', async () => {
    const r = await fixture('quotes-nbsp-crlf.txt');
    expect(fixtureText('quotes-nbsp-crlf.txt')).toContain('\r\n');
    expect(r).toMatchObject({ force: 'Dorset Police', region: 'Wales and Western Region', inspector: 'Dru Sharpling', year: 2012 });
    expect(r.title).toBe('Dorset Police has made improvements to how it manages integrity issues');
    expect(r.findings).toHaveLength(3);
    expect(r.findings[0]!.text).toBe('Since 2011 the force has carried out an integrity ‛health check’ using the ‟Self‑Assessment Checklist″..');
    expect(r.findings[0]!.topics).toContain('governance');
    expect(figureSpans(r, 2)).toEqual({ secondJobApplications: [23, '23'], secondJobsApproved: [23, 'all** of which'] });
    expect(figureSpans(r, 3)).toEqual({ socialMediaCases: [4, 'four'] });
    expect(r.findings.map((f) => f.line)).toEqual([7, 8, 9]);
  });

  it('parses lone-CR text like CRLF text', async () => {
    const crlf = fixtureText('quotes-nbsp-crlf.txt');
    const a = ingestSource({ relPath: 'x.txt', text: crlf });
    const b = ingestSource({ relPath: 'x.txt', text: crlf.replace(/\r\n/g, '\r') });
    expect(b).toEqual(a);
  });
});

describe('incomplete and non-force releases', () => {
  it('parses a truncated file up to where it stops', async () => {
    const r = await fixture('truncated.txt');
    expect(r.kind).toBe('force-release');
    expect(r.findings.map((f) => f.text)).toEqual([
      'Several policies covering relationships with the media, gifts and hospitality, social media use and second jobs have been reviewed.',
      'Since September 2011 there have been 19 applications for second jobs, 18 of which',
      'The force has reinforced its guid',
    ]);
    expect(r.figures).toEqual({ secondJobApplications: { value: 19, findingId: 'lincolnshire-police-2012-2', start: 37, end: 39 } });
    expect(r).toMatchObject({ region: null, inspector: null });
    expect(r.sections.map((s) => s.kind)).toEqual(['headline', 'background', 'findings']);
  });

  it('gives a findings intro with nothing under it kind "other" and no findings', async () => {
    const r = await fixture('intro-no-bullets.txt');
    expect(r).toMatchObject({ kind: 'other', force: 'Wiltshire Police', findings: [], figures: {} });
    expect(paragraphs(r, 'findings')).toEqual(['In Wiltshire Police, HMIC found:']);
    expect(paragraphs(r, 'quote')).toHaveLength(2);
  });

  it('keeps a national release searchable as kind "other"', async () => {
    const r = await fixture('national-release.txt');
    expect(r).toMatchObject({
      kind: 'other',
      force: null,
      region: null,
      inspector: "Sir Denis O'Connor",
      year: 2012,
      findings: [],
      slug: 'national-release',
    });
    expect(paragraphs(r, 'background')).toContain('37 forces have now published a register of gifts and hospitality.');
    expect(paragraphs(r, 'notes')).toHaveLength(3);
    expect(r.topics).toContain('gifts-hospitality');
  });

  it('keeps a news article with • bullets and page furniture as kind "other"', async () => {
    const r = await fixture('news-article.txt');
    expect(r).toMatchObject({ kind: 'other', force: null, findings: [] });
    expect(r.title).toBe("Police told to tighten rules on officers' second jobs and Facebook use");
    const background = paragraphs(r, 'background');
    expect(background).toEqual(expect.arrayContaining(['Skip to main content', 'most forces now publish a register of gifts and hospitality;']));
    // The footer lines have no blank line between them, so they read as one wrapped paragraph.
    expect(background.at(-1)).toMatch(/^Share this page Facebook Twitter Email Related stories © 2012/);
    expect(paragraphs(r, 'quote')[0]).toBe('Chief Constable Jim Barker-McCardle said:');
  });

  it('treats the same bullets as findings once a force findings intro precedes them', async () => {
    const text = fixtureText('news-article.txt').replace(
      "The inspectorate's follow-up review, which covered Essex Police among others, highlighted that:",
      'In Essex Police, HMIC found:',
    );
    const r = parseRelease(text, { source: 'news.txt' });
    expect(r).toMatchObject({ kind: 'force-release', force: 'Essex Police' });
    expect(r.findings.map((f) => f.text)).toEqual([
      'most forces now publish a register of gifts and hospitality;',
      'some officers were still posting inappropriate comments on social media;',
      'few forces check that staff have read new guidance.',
    ]);
  });

  it('keeps HTML and <script> as plain text', async () => {
    const r = await fixture('html-script.txt');
    expect(r.force).toBe('Surrey Police');
    expect(paragraphs(r, 'background')).toEqual(['<script>alert("xss")</script>']);
    expect(r.findings[1]!.text).toMatch(/^<img src=x onerror=alert\(1\)> Since September 2011/);
    expect(figureSpans(r, 2)).toEqual({ secondJobApplications: [12, '12'], secondJobsApproved: [12, 'all of which'] });
  });
});

describe('markdown front matter', () => {
  it('lets valid front matter win and keeps original line numbers', async () => {
    const r = await fixture('front-matter.md');
    expect(r).toMatchObject({
      title: 'Devon and Cornwall Police integrity revisit',
      force: 'Devon and Cornwall Police',
      region: 'Wales and Western Region',
      date: '2012-09-14',
      year: 2012,
      source: { path: `${FIXTURES}/front-matter.md`, format: 'md', url: 'https://www.example.org/releases/devon-and-cornwall-2012' },
      slug: 'devon-cornwall-integrity-2012',
      inspector: 'Dru Sharpling',
      kind: 'force-release',
    });
    expect(r.findings.map((f) => [f.id, f.line])).toEqual([
      ['devon-cornwall-integrity-2012-1', 16],
      ['devon-cornwall-integrity-2012-2', 17],
    ]);
    expect(r.sections[0]).toMatchObject({ kind: 'headline', paragraphs: [{ line: 10, text: 'Cornwall police make progress on integrity' }] });
  });

  it.each([
    ['broken-yaml.md', 4, /broken YAML/],
    ['bad-types.md', 2, /"title"/],
    ['unknown-force.md', 4, /unknown force "Gotham City Police"/],
    ['unknown-key.md', 3, /"author"/],
  ])('rejects %s with E_FRONT_MATTER at file:line', async (name, line, message) => {
    const error = await rejected(() => fixture(name));
    expect(error.code).toBe('E_FRONT_MATTER');
    expect(error.file).toBe(`${FIXTURES}/${name}`);
    expect(error.line).toBe(line);
    expect(error.message.startsWith(`${FIXTURES}/${name}:${line}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('rejects unclosed front matter and front matter that is not a mapping', async () => {
    expect(thrown(() => ingestSource({ relPath: 'open.md', text: '---\ntitle: x\n\nEssex Police\n' })).message).toBe(
      'open.md:1: front matter is not closed by a "---" line',
    );
    expect(thrown(() => ingestSource({ relPath: 'scalar.md', text: '---\njust a string\n---\nEssex\n' })).code).toBe('E_FRONT_MATTER');
    expect(thrown(() => ingestSource({ relPath: 'date.md', text: '---\ndate: someday\n---\nEssex\n' })).message).toMatch(/^date\.md:2: "date"/);
  });

  it('throws E_PARSE with file:line when no text follows the front matter', async () => {
    const error = thrown(() => ingestSource({ relPath: 'only-front-matter.md', text: '---\ntitle: Nothing here\n---\n\n   \n' }));
    expect(error.code).toBe('E_PARSE');
    expect(error.message).toMatch(/^only-front-matter\.md:4: /);
    expect(thrown(() => parseRelease('***\n---\n', { source: 'rules.txt' })).message).toMatch(/^rules\.txt:1: /);
  });
});

describe('encodings and unreadable input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-variants-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Uint8Array | string) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const essexText = readFileSync(join(ROOT, 'seeds/003_4f249c14dfe13b76.txt'), 'utf8');
  const essex = ingestSource({ relPath: 'essex.txt', text: essexText });

  it('rejects an empty file with E_EMPTY', async () => {
    const error = await rejected(() => fixture('empty.txt'));
    expect(error.code).toBe('E_EMPTY');
    expect(error.message).toBe(`${FIXTURES}/empty.txt:1: file is empty`);
  });

  it('rejects PNG bytes and NUL bytes with E_ENCODING', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const pngError = await rejected(() => ingestFile(write('image.txt', png), dir));
    expect(pngError).toMatchObject({ code: 'E_ENCODING', file: 'image.txt', line: 1 });
    expect(pngError.message).toMatch(/^image\.txt:1: .*PNG/);
    const nul = await rejected(() => ingestFile(write('nul.txt', 'Essex Police\nsecond line\nthird \u0000 line\n'), dir));
    expect(nul).toMatchObject({ code: 'E_ENCODING', line: 3 });
  });

  it.each([
    ['stray byte', [0x45, 0x73, 0x73, 0x65, 0x78, 0x0a, 0x6f, 0x6b, 0x0a, 0xff, 0x0a], 3],
    ['overlong encoding', [0x41, 0x0a, 0xc0, 0xaf], 2],
    ['encoded surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['cut multi-byte character', [0x41, 0x0a, 0x0a, 0x0a, 0xe2, 0x80], 4],
  ])('rejects invalid UTF-8 (%s) with E_ENCODING at its line', async (_label, bytes, line) => {
    const error = await rejected(() => ingestFile(write('bad-utf8.txt', Uint8Array.from(bytes)), dir));
    expect(error).toMatchObject({ code: 'E_ENCODING', file: 'bad-utf8.txt', line });
    expect(error.message).toMatch(new RegExp(`^bad-utf8\\.txt:${line}: invalid UTF-8`));
  });

  it('decodes UTF-16 LE and BE files with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(essexText, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const { release: fromLe } = await ingestFile(write('essex-le.txt', le), dir);
    const { release: fromBe } = await ingestFile(write('essex-be.txt', be), dir);
    // Same release but for the file it came from (other bytes, other checksum).
    expect({ ...fromLe, source: essex.source }).toEqual(essex);
    expect({ ...fromBe, source: essex.source }).toEqual(essex);
    expect(fromLe.source).toMatchObject({ path: 'essex-le.txt', format: 'txt', bytes: le.length });
    expect(fromLe.findings).toHaveLength(10);
  });

  it('returns the relative path and sha256 of the raw bytes', async () => {
    const path = write('sub-file.txt', essexText);
    const source = readSourceBytes(path, { rootDir: dir });
    expect(source.relPath).toBe('sub-file.txt');
    expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decodeSource(source.bytes, source.relPath)).toBe(essexText);
  });

  it('rejects files over the size limit with E_TOO_LARGE and missing files with E_READ', async () => {
    const path = write('big.txt', essexText);
    expect(thrown(() => readSourceBytes(path, { rootDir: dir, maxBytes: 100 }))).toMatchObject({ code: 'E_TOO_LARGE', file: 'big.txt' });
    expect(await rejected(() => ingestFile(join(dir, 'missing.txt'), dir))).toMatchObject({ code: 'E_READ', file: 'missing.txt' });
  });
});

describe('slugs', () => {
  it('reports duplicate slugs naming both files', async () => {
    const a = ingestSource({ relPath: 'a/essex.txt', text: readFileSync(join(ROOT, 'seeds/003_4f249c14dfe13b76.txt'), 'utf8') });
    const b = { ...a, source: { ...a.source, path: 'b/essex-copy.txt' } };
    const error = thrown(() => ensureUniqueSlugs([a, b]));
    expect(error.code).toBe('E_DUPLICATE_SLUG');
    expect(error.message).toContain('a/essex.txt');
    expect(error.message).toContain('b/essex-copy.txt');
  });

  it('falls back to the file stem when force or year is unknown', async () => {
    expect(parseRelease('Some headline\n\nSome text.\n', { source: 'dir/My File_01.txt' }).slug).toBe('my-file-01');
  });
});

describe('robustness', () => {
  const lines = [
    ...readFileSync(join(ROOT, 'seeds/004_52fc5c0a52371e23.txt'), 'utf8').split('\n').slice(0, 40),
    '\uF0B7',
    '• item',
    '1. note',
    'Notes to editors',
    'HMIC found that:',
    '---',
    '## **Heading**',
    '“quote',
    'said:',
    '\r',
  ];
  const line = fc.oneof(fc.constantFrom(...lines), fc.string({ unit: 'binary', maxLength: 40 }));

  it('never crashes: any text gives a valid Release or E_PARSE', async () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (picked) => {
        const text = picked.join('\n');
        try {
          const release = parseRelease(text, { source: 'fuzz.txt' });
          expect(ReleaseSchema.safeParse(release).success).toBe(true);
          for (const f of release.findings) expect(f.line).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(SearchEngineError);
          expect((error as SearchEngineError).code).toBe('E_PARSE');
        }
      }),
      { numRuns: 400 },
    );
  });
});
