/**
 * HTML reader: the five seed releases published as news pages with full site chrome
 * (tests/fixtures/published/html/, written by scripts/fixtures/make-html-fixtures.ts) must parse
 * to the same release as the seed `.txt`; scripts, handlers and hidden text never reach the text;
 * a page without an article body is refused with E_HTML_NO_ARTICLE.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SearchEngineError } from '../../lib/errors';
import { ingestBytes } from '../../lib/ingest/ingest-file';
import { parseRelease } from '../../lib/ingest/parse-release';
import { readHtml } from '../../lib/ingest/readers/read-html';
import { FIGURE_KEYS, type Release } from '../../lib/schema';
import { unwrapMarkdownLinks } from '../../lib/text/markdown';
import { normalizeText } from '../../lib/text/normalize';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HTML_DIR = 'tests/fixtures/published/html';
const SITE = 'https://www.justiceinspectorates.gov.uk/hmicfrs/news/news-feed';

interface SeedPage {
  seed: string;
  page: string;
  findings: number;
  url: string;
  date: string;
}

const SEED_PAGES: SeedPage[] = [
  {
    seed: 'seeds/000_6c77aa43d88f53bc.txt',
    page: 'hertfordshire-constabulary-2012.html',
    findings: 6,
    url: `${SITE}/hertfordshire-constabulary-integrity-2012/`,
    date: '2012-12-13T00:01:00+00:00',
  },
  {
    seed: 'seeds/001_7d6499c3037ca9f2.txt',
    page: 'bedfordshire-police-2012.htm',
    findings: 10,
    url: `${SITE}/bedfordshire-police-integrity-2012/`,
    date: '2012-12-13T00:01:00+00:00',
  },
  {
    // No <article> (a div.content in <main>); date only in article:published_time; relative canonical.
    seed: 'seeds/002_ae4bc8afb98bea69.txt',
    page: 'hampshire-constabulary-2012.html',
    findings: 5,
    url: `${SITE}/hampshire-constabulary-integrity-2012/`,
    date: '2012-12-13T09:30:00Z',
  },
  {
    // CRLF, tabs, hard-wrapped paragraphs, upper-case tags.
    seed: 'seeds/003_4f249c14dfe13b76.txt',
    page: 'essex-police-2012.html',
    findings: 10,
    url: `${SITE}/essex-police-integrity-2012/`,
    date: '2012-12-13',
  },
  {
    // role="main" instead of <main>; notes in two <ol>s, the second with start="5".
    seed: 'seeds/004_52fc5c0a52371e23.txt',
    page: 'cambridgeshire-constabulary-2012.html',
    findings: 11,
    url: `${SITE}/cambridgeshire-constabulary-integrity-2012/`,
    date: '2012-12-14T10:00:00+00:00',
  },
];

/** Text the site chrome of the fixture pages holds; none of it belongs to a release. */
const CHROME_TEXT = [
  'Skip to main content',
  'Cookies on HMICFRS',
  'Accept additional cookies',
  'Reject additional cookies',
  'View cookies',
  'HM Inspectorate of Constabulary and Fire',
  'HMICFRS',
  'Search this site',
  'About us',
  'Our inspections',
  'Publications',
  'Contact us',
  'News feed',
  'Share this page',
  'Share on Twitter',
  'Share on Facebook',
  'Share by email',
  'Print this page',
  'opens in new tab',
  'Related content',
  'a progress report',
  'Police integrity and corruption',
  'Accessibility',
  'Privacy notice',
  'Terms and conditions',
  'Crown copyright',
  'Open Government Licence',
  'Support links',
  'Posted in',
  'Published',
  'Notes continued',
  'December 2012',
  '13/12/2012',
];

function read(path: string): string {
  return readFileSync(`${ROOT}/${path}`, 'utf8');
}

/** Compare text regardless of markdown emphasis, links, quotes and whitespace. */
function norm(text: string): string {
  return normalizeText(unwrapMarkdownLinks(text));
}

function notesCount(release: Release): number {
  return release.sections.filter((s) => s.kind === 'notes').reduce((n, s) => n + s.paragraphs.length, 0);
}

describe('readHtml on the seed releases published as news pages', () => {
  let totalFindings = 0;

  for (const spec of SEED_PAGES) {
    describe(spec.page, () => {
      const relPath = `${HTML_DIR}/${spec.page}`;
      const source = readHtml(read(relPath), relPath);
      const html = parseRelease(source.text, { source: relPath });
      const gold = parseRelease(read(spec.seed), { source: spec.seed });
      totalFindings += html.findings.length;

      it('parses to the gold release: metadata, findings, figures, notes', () => {
        expect(html.kind).toBe('force-release');
        expect(html.force).toBe(gold.force);
        expect(html.force).not.toBeNull();
        expect(html.region).toBe(gold.region);
        expect(html.inspector).toBe(gold.inspector);
        expect(html.year).toBe(gold.year);
        expect(html.slug).toBe(gold.slug);
        expect(norm(html.title)).toBe(norm(gold.title));
        expect(html.findings).toHaveLength(spec.findings);
        expect(html.findings).toHaveLength(gold.findings.length);
        html.findings.forEach((finding, i) => {
          expect(norm(finding.text), `finding ${i + 1}`).toBe(norm(gold.findings[i]!.text));
          for (const key of FIGURE_KEYS) {
            const got = finding.figures[key];
            const want = gold.findings[i]!.figures[key];
            expect(got?.value, `finding ${i + 1} ${key}`).toBe(want?.value);
            if (got && want) {
              expect(norm(finding.text.slice(got.start, got.end))).toBe(norm(gold.findings[i]!.text.slice(want.start, want.end)));
            }
          }
        });
        for (const key of FIGURE_KEYS) {
          expect(html.figures[key]?.value, key).toBe(gold.figures[key]?.value);
          expect(html.figures[key]?.findingId, key).toBe(gold.figures[key]?.findingId);
        }
        expect(notesCount(html)).toBe(notesCount(gold));
        expect(notesCount(html)).toBeGreaterThanOrEqual(6);
        expect(html.sections.map((s) => s.kind)).toEqual(gold.sections.map((s) => s.kind));
      });

      it('reads url and date from the page', () => {
        expect(source.url).toBe(spec.url);
        expect(source.date).toBe(spec.date);
      });

      it('keeps no chrome text, starts with the headline, writes lists as • and numbered lines', () => {
        for (const chrome of CHROME_TEXT) expect(source.text, chrome).not.toContain(chrome);
        expect(source.text).not.toMatch(/cookie|gtag|dataLayer|function\s*\(|[<>{}]/i);
        expect(source.text.split('\n')[0]).toBe(norm(gold.title));
        expect(source.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(spec.findings);
        const noteNumbers = source.text.split('\n').flatMap((l) => /^(\d+)\. /.exec(l)?.[1] ?? []).map(Number);
        expect(noteNumbers).toEqual(Array.from({ length: notesCount(gold) }, (_, i) => i + 1));
        expect(source.text).not.toMatch(/\n{3}|[ \t]\n|\n[ \t]| {2}|\u00A0/);
      });
    });
  }

  it('finds 42 findings over the five pages', () => {
    expect(totalFindings).toBe(42);
  });
});

describe('readHtml on a page with scripts, handlers and hidden text in the article', () => {
  const relPath = `${HTML_DIR}/scripts-and-handlers.html`;
  const source = readHtml(read(relPath), relPath);

  it('keeps only the text of the content elements', () => {
    for (const bad of [
      'alert', 'INJECTED', 'document.', 'STYLE', 'color:', 'NOSCRIPT', 'TEMPLATE', 'SVG TEXT', 'IFRAME', 'FORM',
      'OBJECT TEXT', 'HIDDEN', 'ONERROR', 'steal', 'cookie', 'track(', 'init(',
    ]) {
      expect(source.text, bad).not.toContain(bad);
    }
    expect(source.text).not.toMatch(/javascript:|on(?:click|error|load|mouseover)|<|>/i);
  });

  it('still yields the release', () => {
    const release = parseRelease(source.text, { source: relPath });
    expect(release.force).toBe('Surrey Police');
    expect(release.inspector).toBe('Roger Baker');
    expect(release.findings.map((f) => f.text)).toEqual([
      'The force’s gifts and hospitality register is published online.',
      'Since September 2011 there have been 12 applications for second jobs, all of which have been approved.',
      'The force has reinforced its guidance on social media use.',
    ]);
    expect(release.figures.secondJobApplications?.value).toBe(12);
    expect(source.date).toBe('2012-12-13');
  });
});

describe('readHtml on a page without an article body', () => {
  it('throws E_HTML_NO_ARTICLE naming the file and the line of <main>', () => {
    const relPath = `${HTML_DIR}/no-article.html`;
    const html = read(relPath);
    let error: unknown;
    try {
      readHtml(html, relPath);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SearchEngineError);
    const err = error as SearchEngineError;
    expect(err.code).toBe('E_HTML_NO_ARTICLE');
    expect(err.file).toBe(relPath);
    expect(err.message).toContain('no-article.html');
    expect(err.message).toMatch(/<article>.*<main>/);
    const mainLine = html.split('\n').findIndex((l) => l.includes('<main')) + 1;
    expect(err.line).toBe(mainLine);
    expect(err.message.startsWith(`${relPath}:${mainLine}: `)).toBe(true);
  });

  it('throws for chrome-only pages, empty documents and a lone copyright line', () => {
    for (const html of [
      '',
      '<!doctype html><title>x</title>',
      '<body><nav><a href="/">Home</a></nav><footer>© Crown copyright</footer></body>',
      '<body><div class="cookie-banner"><p>We use cookies.</p></div><main><script>alert(1)</script></main></body>',
      '<body><p>© Crown copyright 2012</p></body>',
    ]) {
      expect(() => readHtml(html, 'x.html'), html).toThrow(expect.objectContaining({ code: 'E_HTML_NO_ARTICLE' }));
    }
  });
});

describe('readHtml text rules', () => {
  const text = (html: string) => readHtml(html, 't.html').text;

  it('numbers <ol> items from start and value, bullets <ul> items, keeps nested lists tight', () => {
    expect(text('<main><p>Intro</p><ol start="5"><li>five</li><li>six</li><li value="9">nine</li><li>ten</li></ol><p>End</p></main>')).toBe(
      'Intro\n\n5. five\n6. six\n9. nine\n10. ten\n\nEnd',
    );
    expect(text('<main><ol reversed><li>a</li><li>b</li></ol></main>')).toBe('2. a\n1. b');
    expect(text('<main><ul><li>a<ul><li>a1</li></ul></li><li><p>b</p><p>b more</p></li></ul></main>')).toBe(
      '• a\n• a1\n• b\nb more',
    );
  });

  it('turns <br> into a line break, collapses whitespace, decodes entities, keeps inline text', () => {
    expect(text('<main><p>  One&nbsp;&amp;\n  <em>two</em>,<br>  <a href="x">three</a>&rsquo;s\u00AD </p><h2>Head</h2>four</main>')).toBe(
      'One & two,\nthree’s\n\nHead\n\nfour',
    );
  });

  it('prefers the article, falls back to the largest text block, and keeps an outside headline', () => {
    const words = 'HMIC found that the force has updated its policies on gifts and hospitality and second jobs this year.';
    expect(text(`<body><div class="menu"><p>${words}</p></div><div><p>Short.</p></div><div id="x"><p>${words}</p><p>${words}</p></div></body>`)).toBe(
      `${words}\n\n${words}`,
    );
    expect(text(`<main><h1>Headline</h1><article><p>${words}</p></article><article><p>x</p></article></main>`)).toBe(
      `Headline\n\n${words}`,
    );
    // An <article> with under half of <main>'s text is a teaser: <main> is the body.
    expect(text(`<main><article><p>Teaser</p></article><p>${words}</p></main>`)).toBe(`Teaser\n\n${words}`);
  });

  it('drops hidden text but not until-found or overflow-hidden containers', () => {
    expect(
      text(
        '<main><p>a<span hidden>x</span><span aria-hidden="true">x</span><span class="govuk-visually-hidden">x</span>' +
          '<span style="DISPLAY: none">x</span></p><div hidden="until-found">b</div><div class="overflow-hidden">c</div></main>',
      ),
    ).toBe('a\n\nb\n\nc');
  });

  it('keeps the article header headline, drops the site header and a dateline', () => {
    const html =
      '<body><header><p>Site name</p></header><main><article><header><h1>Headline</h1>' +
      '<p>Last updated: <time datetime="2012-12-13">13 Dec</time></p></header><p>Body on <time datetime="2012-01-02">2 January</time>.</p>' +
      '<h2>Related content</h2><p>Other story</p><h2>Next</h2><p>Kept</p></article></main></body>';
    const source = readHtml(html, 't.html');
    expect(source.text).toBe('Headline\n\nBody on 2 January.\n\nNext\n\nKept');
    expect(source.date).toBe('2012-12-13');
  });

  it('takes only absolute http(s) URLs and ISO dates', () => {
    const page = (head: string, article = '<p>Text</p>') => readHtml(`<head>${head}</head><main>${article}</main>`, 't.html');
    expect(page('<link rel="canonical" href="/news/x">').url).toBeUndefined();
    expect(page('<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="ftp://x/y">').url).toBeUndefined();
    expect(page('<link rel="canonical" href="/news/x"><meta property="og:url" content=" https://example.org/a ">').url).toBe(
      'https://example.org/a',
    );
    expect(page('<meta property="article:published_time" content="2012-12-13T10:00:00Z">', '<p><time datetime="13 Dec 2012">x</time> Text</p>').date).toBe(
      '2012-12-13T10:00:00Z',
    );
    expect(page('<meta property="article:published_time" content="2012-02-30">').date).toBeUndefined();
  });
});

describe('readHtml headline and article header (issue 18)', () => {
  const read = (html: string) => readHtml(html, 't.html');
  const body = '<p>In 2012 HMIC revisited all forces to track progress against these recommendations.</p>';

  it('takes the <h1> as the headline without a label inside it', () => {
    const source = read(`<main><article><h1><span class="govuk-caption-xl">News story</span>Essex Police has made improvements</h1>${body}</article></main>`);
    expect(source.title).toBe('Essex Police has made improvements');
    expect(source.text.split('\n\n')).toEqual(['Essex Police has made improvements', 'In 2012 HMIC revisited all forces to track progress against these recommendations.']);
  });

  it('falls back to og:title, then to <title> without the site name after its last " - " or " | "', () => {
    const page = (headHtml: string, article = body) => read(`<head>${headHtml}</head><body><main>${article}</main></body>`);
    expect(page('<title>A - B - HMIC</title>').title).toBe('A - B');
    expect(page('<title>Headline | Site</title>').title).toBe('Headline');
    expect(page('<title>News | HMICFRS</title><meta property="og:title" content="From og:title">').title).toBe('From og:title');
    expect(page('<meta property="og:title" content="From og:title">', `<h1>From h1</h1>${body}`).title).toBe('From h1');
    const fallback = page('<title>Headline - HMIC</title>');
    expect(fallback.text.split('\n\n')).toEqual(['Headline', 'In 2012 HMIC revisited all forces to track progress against these recommendations.']);
    // The body's own copy of the headline (a <p class="title">) is not repeated.
    expect(page('<title>Headline - HMIC</title>', `<p class="title">Headline</p>${body}`).text).toBe(fallback.text);
  });

  it('drops bylines and datelines right after the headline, not sentences that start alike', () => {
    const text = read(
      `<main><article><h1>Headline</h1><p>By HMIC press office</p><p>Published: 13 December 2012 · Inspection: Revisiting police relationships</p>` +
        `<p>Friday 14 December 2012 | News</p><p>By 2014 all forces had reviewed their policies.</p><p>Published today, the report finds progress.</p></article></main>`,
    ).text;
    expect(text.split('\n\n')).toEqual(['Headline', 'By 2014 all forces had reviewed their policies.', 'Published today, the report finds progress.']);
  });

  it('drops picture captions, keeps the caption of a quote', () => {
    const text = read(
      `<main><article><header><h1>Headline</h1></header><figure class="hero"><picture><img src="x.jpg" alt=""></picture><figcaption>Officers on patrol</figcaption></figure>${body}` +
        '<figure><blockquote><p>We found progress.</p></blockquote><figcaption>Zoë Billingham</figcaption></figure></article></main>',
    ).text;
    expect(text.split('\n\n')).toEqual([
      'Headline',
      'In 2012 HMIC revisited all forces to track progress against these recommendations.',
      'We found progress.',
      'Zoë Billingham',
    ]);
  });

  it('keeps long text before the <h1> as body, after the headline', () => {
    const long = 'The inspection looked at how every force manages its relationships with the media and others. '.repeat(6).trim();
    const text = read(`<main><article><p>News</p><p>${long}</p><h1>Headline</h1>${body}${body}${body}${body}${body}</article></main>`).text;
    expect(text.split('\n\n').slice(0, 3)).toEqual(['Headline', long, 'In 2012 HMIC revisited all forces to track progress against these recommendations.']);
  });

  it('refuses a page whose only text besides its og:title is header text', () => {
    expect(() => read('<head><meta property="og:title" content="Headline"></head><body><main><p>News</p><p>13 December 2012</p></main></body>')).toThrow(
      expect.objectContaining({ code: 'E_HTML_NO_ARTICLE', file: 't.html' }),
    );
  });
});

describe('readHtml publication date beside a "Last updated" time (issue 18)', () => {
  it('takes the published <time>, not an update listed first, else article:published_time, else the update', () => {
    const page = (headHtml: string, header: string) =>
      readHtml(`<head>${headHtml}</head><body><main><article><header>${header}</header><p>Text of the release.</p></article></main></body>`, 't.html');
    const updated = '<p>Last updated: <time datetime="2015-03-02">2 March 2015</time></p>';
    expect(page('', `${updated}<h1>Headline</h1><p>Published <time datetime="2012-12-13">13 December 2012</time></p>`).date).toBe('2012-12-13');
    expect(page('<meta property="article:published_time" content="2012-12-14">', `<h1>Headline</h1>${updated}`).date).toBe('2012-12-14');
    expect(page('', `<h1>Headline</h1>${updated}`).date).toBe('2015-03-02');
  });

  it('keeps the year, slug and ids of a seed page whose header lists an update first', async () => {
    const relPath = `${HTML_DIR}/hertfordshire-constabulary-2012.html`;
    const html = read(relPath).replace(
      '<h1 class="article-title">',
      '<p class="article-updated">Last updated: <time datetime="2015-03-02T09:00:00Z">2 March 2015</time></p>\n      <h1 class="article-title">',
    );
    const bytes = Buffer.from(html, 'utf8');
    const release = await ingestBytes({ relPath: 'hertfordshire.html', bytes, sha256: 'x'.repeat(64) });
    const gold = parseRelease(read('seeds/000_6c77aa43d88f53bc.txt'), { source: 'seeds/000_6c77aa43d88f53bc.txt' });
    expect(release.date).toBe('2012-12-13');
    expect(release.year).toBe(2012);
    expect(release.slug).toBe(gold.slug);
    expect(release.inspection).toBe(gold.inspection);
    expect(release.findings.map((f) => f.id)).toEqual(gold.findings.map((f) => f.id));
  });
});
