/**
 * PDF reader: the fixtures in tests/fixtures/published/pdf/ (made by
 * scripts/fixtures/make-pdf-fixtures.sh from the five seeds) must parse to the same releases as
 * the `.txt` seeds, with exact pages; bad PDFs give their error codes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { isSearchEngineError } from '../../lib/errors';
import { parseRelease } from '../../lib/ingest/parse-release';
import {
  buildLines,
  cleanText,
  dropRunningLines,
  joinHyphenated,
  layoutPages,
  recoverShapeBullets,
  vocabularyOf,
  type Line,
  type TextRun,
} from '../../lib/ingest/readers/pdf-layout';
import { readPdf } from '../../lib/ingest/readers/read-pdf';
import { FIGURE_KEYS, type Release } from '../../lib/schema';
import { unwrapMarkdownLinks } from '../../lib/text/markdown';
import { normalizeText } from '../../lib/text/normalize';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PDF_DIR = `${ROOT}tests/fixtures/published/pdf/`;

const bytesOf = (name: string) => new Uint8Array(readFileSync(PDF_DIR + name));
const read = (name: string) => readPdf(bytesOf(name), name);

/**
 * Compare texts regardless of markup and layout whitespace: markdown emphasis and links unwrapped
 * (the PDFs have italics and link text), quotes/dashes/spaces normalised, and a space after a
 * hyphen dropped ("Self- Assessment" in a seed: a PDF line break after "Self-" cannot show it).
 */
const norm = (text: string) => normalizeText(unwrapMarkdownLinks(text)).replace(/(\p{L})- (?=\p{L})/gu, '$1-');

interface Seed {
  file: string;
  slug: string;
  findings: number;
}

const SEEDS: Seed[] = [
  { file: '000_6c77aa43d88f53bc.txt', slug: 'hertfordshire-constabulary-2012', findings: 6 },
  { file: '001_7d6499c3037ca9f2.txt', slug: 'bedfordshire-police-2012', findings: 10 },
  { file: '002_ae4bc8afb98bea69.txt', slug: 'hampshire-constabulary-2012', findings: 5 },
  { file: '003_4f249c14dfe13b76.txt', slug: 'essex-police-2012', findings: 10 },
  { file: '004_52fc5c0a52371e23.txt', slug: 'cambridgeshire-constabulary-2012', findings: 11 },
];

/**
 * Producers: the Word-style PDFs push the findings intro onto page 2 (3 pages in all); Chromium's
 * plain HTML prints fit every findings list on page 1 (2 pages in all).
 */
const PRODUCERS = [
  { kind: 'word', pages: 3, findingPage: 2 },
  { kind: 'chromium', pages: 2, findingPage: 1 },
] as const;

function gold(seed: Seed): Release {
  return parseRelease(readFileSync(`${ROOT}seeds/${seed.file}`, 'utf8'), { source: seed.file });
}

function figureValues(release: Release) {
  return release.findings.map((f) => FIGURE_KEYS.map((k) => f.figures[k]?.value ?? null));
}

describe('readPdf on the seeds as published PDFs', () => {
  let total = 0;
  for (const seed of SEEDS) {
    for (const producer of PRODUCERS) {
      const name = `${seed.slug}.${producer.kind}.pdf`;
      it(`${name} parses like ${seed.file}`, async () => {
        const source = await read(name);
        const expected = gold(seed);
        const release = parseRelease(source.text, { source: name });

        expect(source.pages).toBe(producer.pages);
        expect(source.linePages).toHaveLength(source.text.split('\n').length);
        expect(release.slug).toBe(seed.slug);
        expect(release.kind).toBe('force-release');
        expect(norm(release.title)).toBe(norm(expected.title));
        for (const key of ['force', 'region', 'inspector', 'year'] as const) expect(release[key]).toBe(expected[key]);

        expect(release.findings).toHaveLength(seed.findings);
        expect(release.findings.map((f) => norm(f.text))).toEqual(expected.findings.map((f) => norm(f.text)));
        expect(figureValues(release)).toEqual(figureValues(expected));
        expect(Object.fromEntries(Object.entries(release.figures).map(([k, f]) => [k, f?.value]))).toEqual(
          Object.fromEntries(Object.entries(expected.figures).map(([k, f]) => [k, f?.value])),
        );

        expect(release.sections.map((s) => s.kind)).toEqual(expected.sections.map((s) => s.kind));
        expect(release.sections.map((s) => s.paragraphs.map((p) => norm(p.text)))).toEqual(
          expected.sections.map((s) => s.paragraphs.map((p) => norm(p.text))),
        );

        // Each finding's page, through its source line.
        expect(release.findings.map((f) => source.linePages![f.line - 1])).toEqual(
          release.findings.map(() => producer.findingPage),
        );
        // No running header, footer or page number survives.
        expect(source.text).not.toMatch(/Page \d+ of \d+|HMIC press release \u2014/);
        total += release.findings.length;
      });
    }
  }
  it('found 42 findings in each producer set (6 + 10 + 5 + 10 + 11)', () => {
    expect(total).toBe(42 * PRODUCERS.length);
  });

  it('Word PDFs: Symbol-font bullets become "• " items; "Self-" + "Assessment" at a line end stays a compound', async () => {
    const source = await read('essex-police-2012.word.pdf');
    expect(source.text).not.toMatch(/[\uF0B7\uF0A7]/);
    expect(source.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(10);
    const release = parseRelease(source.text, { source: 'essex.pdf' });
    expect(release.findings[0]!.text).toContain('using the Self-Assessment Checklist provided');
    // Numbered notes come out as "1. …" lines; the notes on page 3 keep their page.
    const notes = release.sections.find((s) => s.kind === 'notes')!.paragraphs;
    expect(notes).toHaveLength(6);
    expect(notes.map((p) => source.linePages![p.line - 1])).toEqual([2, 3, 3, 3, 3, 3]);
    expect(source.text).toMatch(/^1\. A copy of the national report/m);
  });

  it('Chromium PDFs: bullets drawn as shapes (tagged Lbl) become "• " items, <ol> numbers stay text', async () => {
    const source = await read('cambridgeshire-constabulary-2012.chromium.pdf');
    expect(source.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(11);
    expect(source.text.match(/^\d\. /gm)).toHaveLength(8);
  });
});

describe('readPdf on layout edge cases', () => {
  it('a bullet split by a page break is one finding, on the page where it starts', async () => {
    const source = await read('wrap-across-pages.word.pdf');
    const release = parseRelease(source.text, { source: 'wrap.pdf' });
    const expected = gold(SEEDS[3]!);
    expect(release.findings.map((f) => norm(f.text))).toEqual(expected.findings.map((f) => norm(f.text)));
    const pages = release.findings.map((f) => source.linePages![f.line - 1]);
    expect(pages).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    // Finding 5 starts on page 1 and ends on page 2.
    const split = release.findings[4]!;
    expect(split.text).toMatch(/^HMIC's independently commissioned research.*referred back to the force\.$/);
    const lines = source.text.split('\n');
    const last = lines.findIndex((l, i) => i >= split.line - 1 && l.endsWith('referred back to the force.'));
    expect(source.linePages![split.line - 1]).toBe(1);
    expect(source.linePages![last]).toBe(2);
    expect(source.pages).toBe(3);
  });

  it('a flattened release gives its findings as sentences, with ligatures and hyphenated line ends repaired', async () => {
    const source = await read('flattened.word.pdf');
    expect(source.text).not.toMatch(/[\uFB00-\uFB06\u00AD]/);
    expect(source.text.split('\n').some((l) => l.startsWith('• '))).toBe(false);
    const release = parseRelease(source.text, { source: 'flattened.pdf' });
    const expected = gold(SEEDS[3]!);
    expect(release.force).toBe('Essex Police');
    expect(release.findings.map((f) => norm(f.text))).toEqual(expected.findings.map((f) => norm(f.text)));
    // Ligatures from a fallback font (drawn out of order) are back in their words.
    expect(source.text).toContain('officers and staff');
    expect(source.text).not.toMatch(/\bsta\b|\bo cers\b/);
    // "disclo-" + "sure" and "instig-" + "ated" joined; "cross-" + "reference" kept.
    expect(release.findings[2]!.text).toContain('inappropriate disclosure to the media');
    expect(release.findings[7]!.text).toContain('Monitoring to cross-reference contract');
    expect(release.findings[9]!.text).toContain('The force has instigated 116 investigations');
    expect(release.findings.map((f) => source.linePages![f.line - 1])).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('a 300-page PDF (a release followed by report pages) ingests', async () => {
    const started = performance.now();
    const source = await read('long-300-pages.word.pdf');
    const seconds = (performance.now() - started) / 1000;
    expect(source.pages).toBe(300);
    expect(source.linePages).toHaveLength(source.text.split('\n').length);
    expect(source.linePages!.at(-1)).toBe(300);
    const release = parseRelease(source.text, { source: 'long.pdf' });
    expect(release.force).toBe('Hertfordshire Constabulary');
    expect(release.findings).toHaveLength(6);
    expect(source.text).not.toMatch(/Page \d+ of 300/);
    console.info(`long-300-pages.word.pdf: ${(300 / seconds).toFixed(0)} pages/s`);
  }, 120_000);

  it('works in a worker thread (fake pdf.js worker, tsx loader) with the same text', async () => {
    const url = new URL('../../lib/ingest/readers/read-pdf.ts', import.meta.url).href;
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      (async () => {
        const { register } = await import('tsx/esm/api');
        register();
        const { readPdf } = await import(workerData.url);
        const { readFileSync } = await import('node:fs');
        const source = await readPdf(new Uint8Array(readFileSync(workerData.file)), 'essex.pdf');
        parentPort.postMessage(source);
      })().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));`;
    const file = `${PDF_DIR}essex-police-2012.chromium.pdf`;
    const result = await new Promise<{ text?: string; error?: string }>((resolve, reject) => {
      const worker = new Worker(code, { eval: true, workerData: { url, file } });
      worker.once('message', (m) => {
        resolve(m);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    expect(result.error).toBeUndefined();
    expect(result.text).toBe((await read('essex-police-2012.chromium.pdf')).text);
  }, 60_000);
});

describe('readPdf errors', () => {
  const cases = [
    ['encrypted.pdf', 'E_PDF_ENCRYPTED', /^encrypted\.pdf: .*encrypted.*must be decrypted/],
    ['scanned.pdf', 'E_PDF_NO_TEXT', /^scanned\.pdf: no text layer.*OCR it first.*ocrmypdf/],
    ['truncated.pdf', 'E_PDF_CORRUPT', /^truncated\.pdf: truncated or damaged PDF .*\(pdf\.js: .+\)$/],
  ] as const;
  for (const [name, code, message] of cases) {
    it(`${name} → ${code}`, async () => {
      const error = await read(name).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isSearchEngineError(error)).toBe(true);
      expect(error).toMatchObject({ code, file: name });
      expect((error as Error).message).toMatch(message);
    });
  }

  it('bytes that are not a PDF → E_PDF_CORRUPT naming the file', async () => {
    await expect(readPdf(new TextEncoder().encode('hello, not a pdf'), 'notes.pdf')).rejects.toMatchObject({
      code: 'E_PDF_CORRUPT',
      message: expect.stringMatching(/^notes\.pdf: /),
    });
  });

  it('leaves the caller\'s bytes usable (pdf.js gets a copy)', async () => {
    const bytes = bytesOf('essex-police-2012.word.pdf');
    await readPdf(bytes, 'essex.pdf');
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(bytes[0]).toBe(0x25); // %
  });
});

describe('pdf-layout (pure)', () => {
  const run = (str: string, x: number, y: number, width = str.length * 5, size = 10): TextRun => ({ str, x, y, width, size });
  const line = (text: string, page: number, y: number): Line => ({ text, page, x: 72, right: 300, y, size: 10, bullet: false });

  it('maps ligatures and odd spaces', () => {
    expect(cleanText('identi\uFB01ed o\uFB03cers sta\uFB00 \uFB02ow\u00A0here')).toBe('identified officers staff flow here');
  });

  it('joins runs on a baseline, orders them by x, spaces gaps, and reads bullet glyphs', () => {
    const lines = buildLines(
      [run('\uF0B7', 90, 700, 4), run('Since 2011 the', 108, 700, 70), run('sta', 72, 680, 15), run('in Essex', 93, 680, 40), run('ff', 87, 680.2, 3)],
      1,
    );
    expect(lines.map((l) => [l.text, l.bullet])).toEqual([
      ['Since 2011 the', true],
      ['staff in Essex', false],
    ]);
  });

  it('drops page numbers and lines repeated at the same height on other pages', () => {
    const pages = [1, 2, 3].map((p) => [
      line('HMIC press release', p, 800),
      line(`Body text of page ${p}`, p, 700),
      line(`More body ${p}`, p, 680),
      line(`Page ${p} of 3`, p, 40),
    ]);
    pages[0]!.unshift(line('Headline only on page one', 1, 820));
    const kept = dropRunningLines(pages).map((ls) => ls.map((l) => l.text));
    expect(kept).toEqual([
      ['Headline only on page one', 'Body text of page 1', 'More body 1'],
      ['Body text of page 2', 'More body 2'],
      ['Body text of page 3', 'More body 3'],
    ]);
  });

  it('joins soft breaks and keeps compounds at a hyphenated line end', () => {
    const known = vocabularyOf(['the disclosure of information by the self assessment and a cross check']);
    expect(joinHyphenated('disclos-', 'ure', known)).toBe('disclosure');
    expect(joinHyphenated('Self-', 'Assessment', known)).toBe('Self-Assessment');
    expect(joinHyphenated('cross-', 'reference', known)).toBe('cross-reference');
    expect(joinHyphenated('instig-', 'ated', known)).toBe('instigated'); // neither half is a word
    expect(joinHyphenated('ap\u00AD', 'proved', known)).toBe('approved'); // soft hyphen
    expect(joinHyphenated('anti-', 'corruption', known, (w) => w === 'corruption')).toBe('anti-corruption');
    expect(joinHyphenated('investi-', 'gation', known, (w) => w === 'investigation')).toBe('investigation');
  });

  it('untagged shape bullets: an indented block is a list, split into items at hard line breaks', () => {
    const at = (text: string, x: number, right: number, y: number): Line => ({ text, page: 1, x, right, y, size: 10, bullet: false });
    const body = (y: number) => ({ lines: [at('Body text that fills its line from margin to margin.', 72, 500, y)], bullet: false });
    const list = {
      bullet: false,
      lines: [
        at('First item that wraps because the next word is long and does not', 90, 495, 640),
        at('fit. It ends here.', 90, 180, 628),
        at('Second item, one line.', 90, 220, 616),
        at('Third item.', 90, 150, 604),
      ],
    };
    const items = recoverShapeBullets([body(700), body(680), body(660), list, body(560)]);
    expect(items.filter((b) => b.bullet).map((b) => b.lines.map((l) => l.text).join(' '))).toEqual([
      'First item that wraps because the next word is long and does not fit. It ends here.',
      'Second item, one line.',
      'Third item.',
    ]);
    // Documents that already have bullets are left alone.
    const marked = [{ lines: [at('Marked item.', 90, 150, 700)], bullet: true }, list];
    expect(recoverShapeBullets(marked)).toEqual(marked);
  });

  it('lays out pages: paragraphs by spacing, a blank line between them, hyphen joins, exact linePages', () => {
    const page = (runs: TextRun[]) => ({ runs, height: 842 });
    const { text, linePages } = layoutPages([
      page([
        run('Page 1 of 2', 280, 40),
        run('A headline', 72, 740, 80, 14),
        run('First paragraph about the disclosure of', 72, 700, 228),
        run('data, ends here.', 72, 688, 80),
        run('\u2022', 80, 660, 4),
        run('A bullet that wraps over the page and mentions disclos-', 96, 660, 204),
      ]),
      page([run('Page 2 of 2', 280, 40), run('ure to the press.', 96, 760, 80), run('Last paragraph.', 72, 730, 70)]),
    ]);
    expect(text).toBe(
      [
        'A headline',
        '',
        'First paragraph about the disclosure of',
        'data, ends here.',
        '',
        '• A bullet that wraps over the page and mentions disclosure',
        'to the press.',
        '',
        'Last paragraph.',
      ].join('\n'),
    );
    expect(linePages).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2]);
  });
});
