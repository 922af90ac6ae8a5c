/**
 * Issue 18: news templates put a label ("News", "Press release"), a date, a breadcrumb trail, an
 * image or a byline around the article's `<h1>`, or have no `<h1>` at all. Each page in
 * tests/fixtures/published/html/headers/ (written by scripts/fixtures/make-html-fixtures.ts from
 * a seed) must index as the same release as the seed's `.txt`: same headline, kind, force,
 * region, inspection, slug, findings and paragraph ids, with the header text read as metadata or
 * dropped, never as a body line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../lib/ingest/ingest-file';
import { parseRelease } from '../../lib/ingest/parse-release';
import { readHtml } from '../../lib/ingest/readers/read-html';
import type { Release } from '../../lib/schema';
import { unwrapMarkdownLinks } from '../../lib/text/markdown';
import { normalizeText } from '../../lib/text/normalize';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HEADERS = 'tests/fixtures/published/html/headers';
const SITE = 'https://www.justiceinspectorates.gov.uk/hmicfrs/news/news-feed';

interface HeaderPage {
  page: string;
  /** The same release as text. */
  txt: string;
  url: string;
  /** Day of `<time>` / `article:published_time`. */
  date: string;
  /** Header text that must not be a body line (no paragraph is or contains it). */
  header: string[];
}

const PAGES: HeaderPage[] = [
  {
    page: 'hertfordshire-constabulary-2012.kicker-p.html',
    txt: 'seeds/000_6c77aa43d88f53bc.txt',
    url: `${SITE}/hertfordshire-constabulary-integrity-2012/`,
    date: '2012-12-13',
    header: ['News'],
  },
  {
    // No <article>, no <header>: a <span> label and the <h1> share a div in <main>.
    page: 'bedfordshire-police-2012.kicker-span.html',
    txt: 'seeds/001_7d6499c3037ca9f2.txt',
    url: `${SITE}/bedfordshire-police-integrity-2012/`,
    date: '2012-12-13',
    header: ['Press release'],
  },
  {
    page: 'hampshire-constabulary-2012.time-before-h1.html',
    txt: 'seeds/002_ae4bc8afb98bea69.txt',
    url: `${SITE}/hampshire-constabulary-integrity-2012/`,
    date: '2012-12-13',
    header: ['13 December 2012'],
  },
  {
    // A schema.org BreadcrumbList <ol> without a breadcrumb class, first in <article>.
    page: 'essex-police-2012.breadcrumb-in-article.html',
    txt: 'seeds/003_4f249c14dfe13b76.txt',
    url: `${SITE}/essex-police-integrity-2012/`,
    date: '2012-12-13',
    header: ['Home', 'News', 'News feed'],
  },
  {
    page: 'cambridgeshire-constabulary-2012.header-figure.html',
    txt: 'seeds/004_52fc5c0a52371e23.txt',
    url: `${SITE}/cambridgeshire-constabulary-integrity-2012/`,
    date: '2012-12-14',
    header: ['Officers on patrol in Cambridge city centre'],
  },
  {
    // Byline and "Published: … · Inspection: …" under the <h1>, no <header> and no <time>.
    page: 'hampshire-constabulary-2012.byline.html',
    txt: 'seeds/002_ae4bc8afb98bea69.txt',
    url: `${SITE}/hampshire-constabulary-integrity-2012/`,
    date: '2012-12-13',
    header: ['By HMIC press office', 'Published: 13 December 2012', 'Inspection: Revisiting police relationships'],
  },
  {
    // No <h1>; og:title holds the headline, <title> is "News | HMICFRS".
    page: 'cambridgeshire-constabulary-2012.og-title.html',
    txt: 'seeds/004_52fc5c0a52371e23.txt',
    url: `${SITE}/cambridgeshire-constabulary-integrity-2012/`,
    date: '2012-12-14',
    header: ['News', 'HMICFRS'],
  },
  {
    // Only <title>: "Headline - HMIC".
    page: 'hertfordshire-constabulary-2012.title-dash.html',
    txt: 'seeds/000_6c77aa43d88f53bc.txt',
    url: `${SITE}/hertfordshire-constabulary-integrity-2012/`,
    date: '2012-12-13',
    header: ['HMIC'],
  },
  {
    // Only <title>: "Headline | HM Inspectorate of Constabulary".
    page: 'bedfordshire-police-2012.title-pipe.html',
    txt: 'seeds/001_7d6499c3037ca9f2.txt',
    url: `${SITE}/bedfordshire-police-integrity-2012/`,
    date: '2012-12-13',
    header: ['HM Inspectorate of Constabulary'],
  },
  {
    // Its headline is the only place naming the force: read under the label, it was kind "other".
    page: 'thames-valley-police-2012.kicker-p.html',
    txt: 'tests/fixtures/releases/based-on-data.txt',
    url: `${SITE}/thames-valley-police-integrity-2012/`,
    date: '2012-12-13',
    header: ['News'],
  },
];

/** Compare text regardless of markdown emphasis, links, quotes and whitespace. */
function norm(text: string): string {
  return normalizeText(unwrapMarkdownLinks(text));
}

function paragraphs(release: Release) {
  return release.sections.flatMap((s) => s.paragraphs.map((p) => ({ section: s.kind, id: p.id, text: norm(p.text) })));
}

describe('a news page under any article header indexes as its .txt form', () => {
  it.each(PAGES)('$page', async (spec) => {
    const page = (await ingestFile(`${ROOT}/${HEADERS}/${spec.page}`, `${ROOT}/${HEADERS}`)).release;
    const gold = (await ingestFile(`${ROOT}/${spec.txt}`, ROOT)).release;
    expect(gold.kind).toBe('force-release');
    expect(page.kind).toBe(gold.kind);
    expect(page.force).toBe(gold.force);
    expect(page.region).toBe(gold.region);
    expect(page.inspector).toBe(gold.inspector);
    expect(page.inspection).toBe(gold.inspection);
    expect(page.year).toBe(gold.year);
    // What the page states about itself.
    expect(page.date).toBe(spec.date);
    expect(page.source).toMatchObject({ path: spec.page, format: 'html', url: spec.url });
    // Findings, ids and headline as in the .txt form.
    expect(page.findings.map((f) => f.id)).toEqual(gold.findings.map((f) => f.id));
    expect(page.findings.map((f) => norm(f.text))).toEqual(gold.findings.map((f) => norm(f.text)));
    expect(page.figures).toEqual(gold.figures);
    expect(page.slug).toBe(gold.slug);
    expect(norm(page.title)).toBe(norm(gold.title));
    // Header text is never a body line: the paragraphs and their ids are those of the .txt form.
    const texts = paragraphs(page).map((p) => p.text);
    for (const header of spec.header) {
      expect(texts, header).not.toContain(header);
      if (header.length > 20) for (const text of texts) expect(text, header).not.toContain(header);
    }
    expect(paragraphs(page)).toEqual(paragraphs(gold));
  });
});

describe('readHtml hands over the headline', () => {
  it.each(PAGES)('$page: title is the headline, and the text starts with it', (spec) => {
    const source = readHtml(readFileSync(`${ROOT}/${HEADERS}/${spec.page}`, 'utf8'), spec.page);
    const gold = parseRelease(readFileSync(`${ROOT}/${spec.txt}`, 'utf8'), { source: spec.txt });
    expect(source.title).toBe(norm(gold.title));
    expect(source.text.split('\n')[0]).toBe(norm(gold.title));
  });
});

describe('parseRelease with a stated headline', () => {
  const path = 'tests/fixtures/releases/based-on-data.txt';
  const full = readFileSync(`${ROOT}/${path}`, 'utf8');
  const gold = parseRelease(full, { source: path });

  it('takes the title from it, and the text shows no headline when it does not start with it', () => {
    // The release without its headline line: only the stated headline names the force.
    const text = full.replace(/^\s*## .*\n/, '');
    const release = parseRelease(text, { source: 'thames-valley.html', title: 'Thames Valley Police makes progress on integrity' });
    expect(release.title).toBe(gold.title);
    expect(release.kind).toBe('force-release');
    expect(release.force).toBe('Thames Valley Police');
    expect(release.slug).toBe(gold.slug);
    expect(release.findings.map((f) => f.id)).toEqual(gold.findings.map((f) => f.id));
    expect(release.sections.map((s) => s.kind)).toEqual(gold.sections.map((s) => s.kind).filter((k) => k !== 'headline'));
    expect(release.sections[0]!.paragraphs[0]!.id).toBe(`${gold.slug}-background-1`);
  });

  it('keeps a stated headline whole where the first-line rule would cut it', () => {
    // A wrapped headline (an <h1> with a <br>): the first line alone is not the headline.
    const text = full.replace('## Thames Valley Police makes progress on integrity', 'Thames Valley Police\nmakes progress on integrity');
    const release = parseRelease(text, { source: 'thames-valley.html', title: 'Thames Valley Police makes progress on integrity' });
    expect(release.sections[0]).toMatchObject({ kind: 'headline', paragraphs: [{ text: 'Thames Valley Police makes progress on integrity' }] });
    expect(release.sections.flatMap((s) => s.paragraphs.map((p) => p.id))).toEqual(gold.sections.flatMap((s) => s.paragraphs.map((p) => p.id)));
  });
});
