/**
 * The Atom feed of a search on the two-inspection corpus, parsed by a real XML parser (chromium's
 * DOMParser): entries newest release first (2014 before 2012, the `sort=date` rule), escaping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/server';
import { buildInspectionsIndex, type InspectionsIndex } from '../helpers/inspections-index';
import { childNamed, childrenNamed, parseXml, type XmlNode } from '../helpers/xml-tree';
import { atomXml } from '../../lib/engine/atom-feed';
import { textBody } from '../../lib/engine/api-responses';
import { buildSearchFeed, feedFromResults, FEED_SIZE, searchFeedResponse } from '../../lib/engine/search-feed';
import { absoluteUrl } from '../../lib/engine/site-url';
import { SearchParamsSchema } from '../../lib/query/params';
import type { Hit } from '../../lib/query/types';

const ATOM = 'http://www.w3.org/2005/Atom';

let corpus: InspectionsIndex;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  corpus = buildInspectionsIndex();
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function parseFeed(xml: string): Promise<XmlNode> {
  const parsed = await parseXml(page, xml);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toMatchObject({ name: 'feed', ns: ATOM });
  return parsed.root!;
}

describe('search feed', () => {
  it('lists the hits of the search newest release first (2014 before 2012), each with id, title, updated, link, summary', async () => {
    const params = SearchParamsSchema.parse({ q: 'second jobs' });
    const feed = await parseFeed(atomXml(buildSearchFeed(corpus.engine, params).feed));
    const entries = childrenNamed(feed, 'entry');
    const expected = corpus.search({ q: 'second jobs', sort: 'date', size: FEED_SIZE }).hits;
    expect(entries.length).toBe(expected.length);
    expect(entries.map((e) => childNamed(e, 'id').text)).toEqual(expected.map((h) => absoluteUrl(`/findings/${h.id}`)));

    const years = entries.map((e) => childNamed(e, 'updated').text.slice(0, 4));
    expect(years).toContain('2014');
    expect(years).toContain('2012');
    // Every 2014 entry comes before every 2012 entry.
    expect(years.lastIndexOf('2014')).toBeLessThan(years.indexOf('2012'));
    const updated = entries.map((e) => childNamed(e, 'updated').text);
    expect([...updated].sort().reverse()).toEqual(updated);

    for (const [i, e] of entries.entries()) {
      const hit = expected[i]!;
      expect(childNamed(e, 'title').text).toBe(`${hit.force} — finding ${hit.ordinal} (${hit.year})`);
      expect(childNamed(e, 'link').attrs).toMatchObject({ rel: 'alternate', href: absoluteUrl(`/findings/${hit.id}`) });
      expect(childNamed(e, 'summary').text.length).toBeGreaterThan(20);
      expect(childNamed(e, 'updated').text).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    }

    expect(childNamed(feed, 'id').text).toBe(absoluteUrl('/search.atom?q=second+jobs'));
    expect(childNamed(feed, 'title').text).toBe('Police integrity findings: “second jobs”');
    expect(childNamed(feed, 'updated').text).toBe(updated[0]);
    const links = childrenNamed(feed, 'link').map((l) => l.attrs);
    expect(links).toContainEqual({ rel: 'self', type: 'application/atom+xml', href: absoluteUrl('/search.atom?q=second+jobs') });
    expect(links).toContainEqual({ rel: 'alternate', type: 'text/html', href: absoluteUrl('/?q=second+jobs') });
    expect(childNamed(childNamed(feed, 'author'), 'name').text).toBe('HM Inspectorate of Constabulary');
  });

  it('keeps the filters in its links and ignores page, size and sort', async () => {
    const response = searchFeedResponse(() => corpus.engine, new URL('http://x/search.atom?q=second+jobs&year=2012&sort=force&page=3&size=1'));
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await parseFeed(textBody(response));
    const entries = childrenNamed(feed, 'entry');
    expect(entries.length).toBe(corpus.search({ q: 'second jobs', year: ['2012'] }).total);
    expect(entries.every((e) => childNamed(e, 'updated').text.startsWith('2012'))).toBe(true);
    expect(childNamed(feed, 'id').text).toBe(absoluteUrl('/search.atom?q=second+jobs&year=2012'));
  });

  it('answers bad params with the API’s 400 JSON error', () => {
    const response = searchFeedResponse(() => corpus.engine, new URL(`http://x/search.atom?q=${'a'.repeat(300)}`));
    expect(response.status).toBe(400);
    expect(JSON.parse(textBody(response)).error.code).toBe('invalid_params');
  });

  it('escapes markup and drops characters XML forbids', async () => {
    const hit = corpus.search({ q: 'second jobs', sort: 'date' }).hits[0]!;
    const text = 'Tom & Jerry <script>alert("x")</script> \u0001 ]]> it\'s';
    const hostile: Hit = { ...hit, force: 'A <b>&amp; B', segments: [{ text, match: false }] };
    const params = SearchParamsSchema.parse({ q: '<q> & "r"' });
    const feed = await parseFeed(atomXml(feedFromResults(params, { hits: [hostile] }, new Map())));
    const entry = childNamed(feed, 'entry');
    expect(childNamed(entry, 'summary').text).toBe('Tom & Jerry <script>alert("x")</script> ]]> it\'s');
    expect(childNamed(entry, 'title').text).toBe(`A <b>&amp; B — finding ${hit.ordinal} (${hit.year})`);
    expect(childNamed(feed, 'title').text).toBe('Police integrity findings: “<q> & "r"”');
  });
});
