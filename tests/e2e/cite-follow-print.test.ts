/**
 * Cite (panel, copy, .bib/.ris downloads, citation_* meta), follow a search (Atom feed parsed by
 * the browser's DOMParser, autodiscovery, "Follow this search"), OpenSearch, sitemap, robots.txt
 * and the print stylesheet, on the real seeds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, useApp } from './server';
import { childNamed, childrenNamed, parseXml } from '../helpers/xml-tree';
import { absoluteUrl } from '../../lib/engine/site-url';

const app = useApp();

const TITLE = 'Essex Police has made improvements to how they identify, monitor and manage integrity issues';
/**
 * An absolute URL as the server writes it: SITE_URL when set (the server shares the test's
 * environment), else http://localhost:<PORT>, and the test server runs with PORT set.
 */
const abs = (path: string) => (process.env.SITE_URL ? absoluteUrl(path) : `http://localhost:${new URL(app.url).port}${path}`);

/** "1 May 2026" for today (UTC), as the server writes the accessed date. */
function today(): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
}

/** Fetch `path` in the page's context and parse it with the page's DOMParser. */
async function fetchXml(page: Page, path: string) {
  const res = await page.request.get(`${app.url}${path}`);
  expect(res.status(), path).toBe(200);
  return { res, parsed: await parseXml(page, await res.text()) };
}

describe('cite a finding', () => {
  it('shows the citation and copies it', async () => {
    const page = await newPage(app.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    const citation = `HM Inspectorate of Constabulary (2012) ${TITLE}. Essex Police, finding 7. Press release, Revisiting police relationships. Available at: ${abs('/findings/essex-police-2012-7')} (accessed ${today()}).`;
    const panel = page.getByRole('region', { name: 'Cite' });
    expect(await panel.getByTestId('citation').textContent()).toBe(citation);
    // "Copy citation" sits next to "Copy link".
    const copyLink = page.getByRole('button', { name: 'Copy link' });
    const copyCitation = page.getByRole('button', { name: 'Copy citation' });
    expect(await copyCitation.evaluate((b, link) => b.parentElement === link?.parentElement, await copyLink.elementHandle())).toBe(true);
    await copyCitation.click();
    await page.getByRole('button', { name: 'Citation copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation);
    await screenshot(page, 'finding-cite');
    await page.context().close();
  });

  it('downloads BibTeX and RIS', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    const [bibDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download BibTeX (.bib)' }).click()]);
    expect(bibDownload.suggestedFilename()).toBe('essex-police-2012-7.bib');
    const bib = readFileSync((await bibDownload.path())!, 'utf8');
    expect(bib).toMatch(/^@misc\{essex-police-2012-7,\n/);
    expect(bib).toContain(`  title        = {{${TITLE}}},\n`);
    expect(bib).toContain('  author       = {{HM Inspectorate of Constabulary}},\n');
    expect(bib).toContain(`  url          = {${abs('/findings/essex-police-2012-7')}},\n`);
    expect(bib).toContain('  note         = {Essex Police, finding 7. Accessed ');

    const [risDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download RIS (.ris)' }).click()]);
    expect(risDownload.suggestedFilename()).toBe('essex-police-2012-7.ris');
    const ris = readFileSync((await risDownload.path())!, 'utf8').split('\r\n');
    expect(ris[0]).toBe('TY  - PRESS');
    expect(ris).toContain(`TI  - ${TITLE}`);
    expect(ris).toContain(`UR  - ${abs('/findings/essex-police-2012-7')}`);
    expect(ris).toContain('N1  - Essex Police, finding 7');
    expect(ris.at(-2)).toBe('ER  - ');

    for (const [ext, type] of [
      ['bib', 'application/x-bibtex; charset=utf-8'],
      ['ris', 'application/x-research-info-systems; charset=utf-8'],
    ]) {
      const res = await page.request.get(`${app.url}/findings/essex-police-2012-7/cite.${ext}`);
      expect(res.headers()['content-type']).toBe(type);
      expect(res.headers()['content-disposition']).toBe(`attachment; filename="essex-police-2012-7.${ext}"`);
      expect((await page.request.get(`${app.url}/findings/essex-police-2012-99/cite.${ext}`)).status()).toBe(404);
    }
    await page.context().close();
  });

  it('has Highwire citation_* tags, a canonical URL and Open Graph tags', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    const meta = (selector: string) => page.locator(selector).getAttribute('content');
    expect(await meta('meta[name="citation_title"]')).toBe(TITLE);
    expect(await meta('meta[name="citation_author"]')).toBe('HM Inspectorate of Constabulary');
    expect(await meta('meta[name="citation_publication_date"]')).toBe('2012');
    expect(await meta('meta[name="citation_public_url"]')).toBe(abs('/findings/essex-police-2012-7'));
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(abs('/findings/essex-police-2012-7'));
    expect(await meta('meta[property="og:url"]')).toBe(abs('/findings/essex-police-2012-7'));
    expect(await meta('meta[property="og:title"]')).toBe('Essex Police — finding 7');
    expect(await meta('meta[property="og:type"]')).toBe('article');
    await page.context().close();
  });
});

describe('follow a search', () => {
  it('serves /search.atom as Atom that the browser parses, 10 entries for "second jobs"', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/`);
    const { res, parsed } = await fetchXml(page, '/search.atom?q=second+jobs');
    expect(res.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(parsed.error).toBeNull();
    const feed = parsed.root!;
    expect(feed).toMatchObject({ name: 'feed', ns: 'http://www.w3.org/2005/Atom' });
    const entries = childrenNamed(feed, 'entry');
    expect(entries).toHaveLength(10);
    const ids = entries.map((e) => childNamed(e, 'id').text);
    expect(ids).toContain(abs('/findings/essex-police-2012-7'));
    // Newest first by the sort=date rule: the API's order.
    const api = (await (await page.request.get(`${app.url}/api/search?q=second+jobs&sort=date&size=50`)).json()) as { hits: { id: string }[] };
    expect(ids).toEqual(api.hits.map((h) => abs(`/findings/${h.id}`)));
    expect(childNamed(entries[0]!, 'updated').text).toBe('2012-01-01T00:00:00Z');
    expect((await page.request.get(`${app.url}/search.atom?size=500`)).status()).toBe(200);
    expect((await page.request.get(`${app.url}/search.atom?topic=nope`)).status()).toBe(400);
    await page.context().close();
  });

  it('lists only full matches when the search has near misses', async () => {
    // "investigations into conduct" matches one finding fully and others partly (see README "near misses").
    const q = 'investigations+into+conduct';
    const api = (await (await fetch(`${app.url}/api/search?q=${q}&sort=date&size=50`)).json()) as { total: number; nearMissTotal: number; hits: { id: string; matchedAll: boolean }[] };
    expect(api.total).toBeGreaterThan(0);
    expect(api.nearMissTotal).toBeGreaterThan(0);
    const full = api.hits.filter((h) => h.matchedAll).map((h) => abs(`/findings/${h.id}`));
    const res = await fetch(`${app.url}/search.atom?q=${q}`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const ids = [...xml.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual(full);
  });

  it('/ has feed autodiscovery and "Follow this search" for the current search', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/?q=second+jobs&force=Essex+Police&sort=force&page=1`);
    const feedPath = '/search.atom?q=second+jobs&force=Essex+Police';
    const alternate = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    expect(await alternate.count()).toBe(1);
    expect(await alternate.getAttribute('href')).toBe(abs(feedPath));
    const follow = page.getByRole('link', { name: 'Follow this search (Atom feed)' });
    expect(await follow.getAttribute('href')).toBe(feedPath);
    const { parsed } = await fetchXml(page, feedPath);
    expect(childrenNamed(parsed.root!, 'entry').map((e) => childNamed(e, 'id').text)).toEqual([
      abs('/findings/essex-police-2012-2'),
      abs('/findings/essex-police-2012-6'),
      abs('/findings/essex-police-2012-7'),
    ]);
    await page.context().close();
  });

  it('links an OpenSearch description from every page; it parses and has {searchTerms}', async () => {
    const page = await newPage(app.browser);
    for (const path of ['/', '/findings/essex-police-2012-7', '/releases', '/figures']) {
      await page.goto(`${app.url}${path}`);
      expect(await page.locator('head link[rel="search"][type="application/opensearchdescription+xml"]').getAttribute('href'), path).toBe('/opensearch.xml');
    }
    const { res, parsed } = await fetchXml(page, '/opensearch.xml');
    expect(res.headers()['content-type']).toBe('application/opensearchdescription+xml; charset=utf-8');
    expect(parsed.error).toBeNull();
    expect(parsed.root).toMatchObject({ name: 'OpenSearchDescription', ns: 'http://a9.com/-/spec/opensearch/1.1/' });
    expect(childNamed(parsed.root!, 'ShortName').text.length).toBeLessThanOrEqual(16);
    const urls = childrenNamed(parsed.root!, 'Url').map((u) => u.attrs);
    expect(urls).toContainEqual(expect.objectContaining({ type: 'text/html', template: abs('/?q={searchTerms}') }));
    expect(urls).toContainEqual(expect.objectContaining({ type: 'application/atom+xml', template: abs('/search.atom?q={searchTerms}') }));
    await page.context().close();
  });

  it('/sitemap.xml indexes the parts, which list the 5 releases and 42 findings', async () => {
    const page = await newPage(app.browser);
    const index = await fetchXml(page, '/sitemap.xml');
    expect(index.parsed.error).toBeNull();
    expect(index.parsed.root).toMatchObject({ name: 'sitemapindex', ns: 'http://www.sitemaps.org/schemas/sitemap/0.9' });
    const parts = childrenNamed(index.parsed.root!, 'sitemap').map((s) => childNamed(s, 'loc').text);
    expect(parts).toEqual([abs('/sitemap/0.xml')]);
    const part = await fetchXml(page, '/sitemap/0.xml');
    expect(part.parsed.error).toBeNull();
    expect(part.parsed.root).toMatchObject({ name: 'urlset', ns: 'http://www.sitemaps.org/schemas/sitemap/0.9' });
    const locs = childrenNamed(part.parsed.root!, 'url').map((u) => childNamed(u, 'loc').text);
    expect(locs.filter((l) => l.startsWith(abs('/releases/')))).toHaveLength(5);
    expect(locs.filter((l) => l.startsWith(abs('/findings/')))).toHaveLength(42);
    expect(locs).toContain(abs('/findings/essex-police-2012-7'));
    expect(locs).toHaveLength(47);
    expect((await page.request.get(`${app.url}/sitemap/1.xml`)).status()).toBe(404);
    await page.context().close();
  });

  it('/robots.txt allows all but the API and points at the sitemap', async () => {
    const res = await fetch(`${app.url}/robots.txt`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\n').map((l) => l.trim());
    expect(lines).toContain('User-Agent: *');
    expect(lines).toContain('Allow: /');
    expect(lines).toContain('Disallow: /api/');
    expect(lines).toContain(`Sitemap: ${abs('/sitemap.xml')}`);
  });
});

describe('print', () => {
  /** Computed `display` of the first match of each selector (null: not on the page). */
  const displays = (page: Page, selectors: string[]) =>
    page.evaluate((list) => Object.fromEntries(list.map((s) => [s, (() => { const el = document.querySelector(s); return el ? getComputedStyle(el).display : null; })()])), selectors);
  const after = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el, '::after').content);

  for (const [path, link, url] of [
    ['/findings/essex-police-2012-7', '[data-testid="source-link"]', '/sources/essex-police-2012'],
    ['/releases/essex-police-2012', 'main a[href="/releases"]', '/releases'],
    ['/figures', 'th[scope="row"] a[href="/releases/essex-police-2012"]', '/releases/essex-police-2012'],
  ] as const) {
    it(`${path}: no nav or controls, link URLs printed`, async () => {
      const page = await newPage(app.browser);
      await page.goto(`${app.url}${path}`);
      expect(await displays(page, ['header nav', 'header button'])).not.toEqual({ 'header nav': 'none', 'header button': 'none' });
      await page.emulateMedia({ media: 'print' });
      const hidden = await displays(page, ['header nav', 'header button', 'main nav', 'main form', 'main button', '.mantine-Button-root']);
      for (const [selector, display] of Object.entries(hidden)) if (display !== null) expect(display, selector).toBe('none');
      expect(hidden['header nav']).toBe('none');
      expect(hidden['header button']).toBe('none');
      expect(await after(page, link)).toBe(`" (${abs(url)})"`);
      // Not after the site name or a badge.
      expect(await after(page, 'header a[href="/"]')).toBe('none');
      // Black on white.
      expect(await page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor])).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
      await screenshot(page, `print${path.replaceAll('/', '-')}`);
      await page.context().close();
    });
  }

  it('keeps findings and the Cite panel whole, prints collapsed notes open; no URLs after links on screen', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.url}/releases/essex-police-2012`);
    const notes = page.getByTestId('notes').locator('ol');
    expect(await notes.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.release-finding').first().evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
    // Collapsed notes to editors print open.
    expect(await notes.isVisible()).toBe(true);
    await page.goto(`${app.url}/findings/essex-police-2012-7`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="cite-panel"]').evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
    expect(await page.locator('[data-testid="finding-text"]').evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
    // No link URL on screen.
    await page.emulateMedia({ media: 'screen' });
    expect(await after(page, '[data-testid="source-link"]')).not.toContain('/sources/');
    await page.context().close();
  });
});
