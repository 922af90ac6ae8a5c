/**
 * `GET /search.atom?…`: a search as an Atom feed, so a reader can follow it. Same params as
 * `/api/search` (validated by it); the feed always lists the newest releases first (`sort=date`,
 * the one "newest" rule of lib/index/newest.ts) and at most {@link FEED_SIZE} entries.
 */
import { FACET_NAMES } from '../facets';
import { DEFAULT_FACET_LIMIT, canonicalParams, toQueryString, type SearchParams } from '../query/params';
import type { Hit, SearchResults } from '../query/types';
import { unwrapMarkdownLinks } from '../text/markdown';
import { engineOrUnavailable, parseSearchRequest, type HttpResponse } from './api-responses';
import { cachedResponse } from './response-cache';
import { ATOM_CONTENT_TYPE, atomXml, type AtomEntry, type AtomFeed } from './atom-feed';
import { INSPECTORATE, locatorOf } from './citation';
import type { Engine } from './engine';
import { absoluteUrl } from './site-url';

/** Most entries in a feed. */
export const FEED_SIZE = 50;

const EPOCH = '1970-01-01T00:00:00Z';

/** The query string of a search without its paging and order (what a feed and its page share). */
export function followQueryString(params: Partial<SearchParams>): string {
  return toQueryString({ ...params, page: 1, size: 20, sort: 'relevance', fields: [], facetLimit: DEFAULT_FACET_LIMIT });
}

/** `/search.atom?…` for a search (relative). */
export function feedPath(params: Partial<SearchParams>): string {
  return `/search.atom${followQueryString(params)}`;
}

/** RFC 3339 time of a release: its date (midnight UTC), else 1 January of its year, else null. */
export function releaseUpdated(release: { date: string | null; year: number | null }): string | null {
  const day = release.date ? /^\d{4}-\d{2}-\d{2}/.exec(release.date)?.[0] : undefined;
  if (day) return `${day}T00:00:00Z`;
  return release.year === null ? null : `${String(release.year).padStart(4, '0')}-01-01T00:00:00Z`;
}

/** "Police integrity findings: “second jobs” (Essex Police, 2014)". */
export function feedTitle(params: SearchParams): string {
  const filters = FACET_NAMES.flatMap((name) => params[name]);
  const q = params.q.trim();
  return `Police integrity findings${q ? `: “${q}”` : ''}${filters.length ? ` (${filters.join(', ')})` : ''}`;
}

function entryOf(hit: Hit, updated: string): AtomEntry {
  const who = hit.force ?? hit.title;
  const text = unwrapMarkdownLinks((hit.segments ?? hit.snippet).map((s) => s.text).join('')).replace(/\*+/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  const url = absoluteUrl(`/findings/${hit.id}`);
  return {
    id: url,
    title: `${who} — ${locatorOf(hit)}${hit.year !== null ? ` (${hit.year})` : ''}`,
    updated,
    link: url,
    summary: text,
    categories: [hit.force, hit.inspection].filter((c): c is string => !!c),
  };
}

/**
 * The feed of `results` (a search run with `sort=date`). `releases` gives each release's date and
 * year; `fallbackUpdated` is used for entries without either and for a feed with no entries.
 */
export function feedFromResults(
  params: SearchParams,
  results: Pick<SearchResults, 'hits'>,
  releases: ReadonlyMap<string, { date: string | null; year: number | null }>,
  fallbackUpdated = EPOCH,
): AtomFeed {
  const entries = results.hits.map((hit) => entryOf(hit, releaseUpdated(releases.get(hit.releaseSlug) ?? { date: null, year: hit.year }) ?? fallbackUpdated));
  const qs = followQueryString(params);
  const selfUrl = absoluteUrl(`/search.atom${qs}`);
  return {
    id: selfUrl,
    title: feedTitle(params),
    subtitle: 'Findings of HM Inspectorate of Constabulary press releases matching this search, newest release first.',
    updated: entries.reduce((max, e) => (e.updated > max ? e.updated : max), entries.length ? EPOCH : fallbackUpdated),
    selfUrl,
    alternateUrl: absoluteUrl(`/${qs}`),
    author: INSPECTORATE,
    entries,
  };
}

/**
 * Run the feed's search (newest first, first {@link FEED_SIZE}, full matches only: a feed lists what
 * the search finds, not its near misses) and build the feed; `results` for the response's headers.
 */
export function buildSearchFeed(engine: Engine, params: SearchParams): { feed: AtomFeed; results: SearchResults } {
  const results = engine.search({ ...params, sort: 'date', page: 1, size: FEED_SIZE, fields: ['segments'] }, { nearMisses: false });
  return { feed: feedFromResults(params, results, releaseDates(engine), engine.manifest?.builtAt), results };
}

function releaseDates(engine: Engine): Map<string, { date: string | null; year: number | null }> {
  return new Map(engine.listReleases().map((r) => [r.slug, { date: r.date, year: r.year }] as const));
}

/**
 * GET /search.atom: the params are checked exactly as `/api/search` checks them (same 400 JSON
 * body); `sort`, `page` and `size` are the feed's own (newest first, first page, {@link FEED_SIZE}).
 * ETag, 304 and the response cache as for `/api/search` (lib/engine/response-cache.ts).
 */
export function searchFeedResponse(getEngine: () => Engine, url: URL, ifNoneMatch: string | null = null): HttpResponse {
  const feedUrl = new URL(url);
  feedUrl.searchParams.set('sort', 'date');
  feedUrl.searchParams.set('page', '1');
  feedUrl.searchParams.set('size', String(FEED_SIZE));
  const request = parseSearchRequest(feedUrl);
  if (!request.ok) return request.response;
  const engine = engineOrUnavailable(getEngine);
  if (!engine.ok) return engine.response;
  // The summaries are whole texts; the feed lists no facets.
  const params: SearchParams = { ...request.params, fields: ['segments'], facetLimit: DEFAULT_FACET_LIMIT };
  return cachedResponse({
    kind: 'atom',
    engine: engine.engine,
    canonical: canonicalParams(params, ['sort', 'page', 'size', 'fields', 'facetLimit']),
    ifNoneMatch,
    headers: { 'Content-Type': ATOM_CONTENT_TYPE, 'Cache-Control': 'public, max-age=300' },
    produce() {
      const { feed, results } = buildSearchFeed(engine.engine, params);
      return { text: atomXml(feed), total: results.total, timing: `search;dur=${results.took_ms}` };
    },
  });
}
