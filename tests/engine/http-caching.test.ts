/**
 * Lean responses, ETag/304, the response cache and Server-Timing, on the real seeds through the
 * same functions the routes call (lib/engine/api-responses.ts, export.ts, search-feed.ts,
 * app/_components/figures-csv-response.ts), and the CLI's --json against the API.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import { searchResponse, textBody, type HttpResponse } from '../../lib/engine/api-responses';
import { jsonBody } from '../helpers/json-body';
import { exportResponse } from '../../lib/engine/export';
import { searchFeedResponse } from '../../lib/engine/search-feed';
import { responseCacheStats } from '../../lib/engine/response-cache';
import { figuresCsvResponse } from '../../app/_components/figures-csv-response';
import { FACET_NAMES } from '../../lib/facets';
import type { SearchResults } from '../../lib/query/types';

let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
});
afterAll(() => seed?.cleanup());
beforeEach(() => {
  delete process.env.SEARCH_CACHE;
});

const url = (path: string) => new URL(`http://x${path}`);
const api = (query: string, ifNoneMatch: string | null = null) => searchResponse(() => seed.engine, url(`/api/search?${query}`), ifNoneMatch);
const results = (response: HttpResponse) => jsonBody(response) as SearchResults;
const withoutTiming = (r: SearchResults) => ({ ...r, took_ms: 0 });

describe('response shape', () => {
  it('hits carry only their snippet by default; fields=segments adds the whole text', () => {
    const lean = results(api('q=second+jobs'));
    expect(lean.hits.length).toBeGreaterThan(0);
    for (const hit of lean.hits) {
      expect(hit.segments).toBeUndefined();
      expect(hit.snippet.some((s) => s.match)).toBe(true);
    }
    const full = results(api('q=second+jobs&fields=segments'));
    expect(full.hits.map((h) => h.id)).toEqual(lean.hits.map((h) => h.id));
    for (const hit of full.hits) {
      const text = hit.segments!.map((s) => s.text).join('');
      // the snippet is a window of the whole text (… marks cut ends)
      expect(text).toContain(hit.snippet.map((s) => s.text).join('').replace(/^… |\s?…$/g, ''));
    }
    expect(full.figures).toBeUndefined();
  });

  it('fields=figures adds the per-force figure rows; the order and repetition of fields do not matter', () => {
    expect(results(api('q=second+jobs')).figures).toBeUndefined();
    const withFigures = results(api('q=second+jobs&fields=figures'));
    expect(withFigures.figures!.find((f) => f.force === 'Essex Police')!.figures.secondJobApplications?.value).toBe(71);
    expect(withFigures.hits.every((h) => h.segments === undefined)).toBe(true);
    const both = textBody(api('q=second+jobs&fields=figures,segments'));
    expect(textBody(api('q=second+jobs&fields=segments&fields=figures&fields=segments')).replace(/"took_ms":[\d.]+/, '')).toBe(both.replace(/"took_ms":[\d.]+/, ''));
  });

  it('an unknown field or a bad facetLimit is a 400 invalid_params', () => {
    for (const query of ['fields=text', 'facetLimit=-1', 'facetLimit=ten']) {
      const response = api(query);
      expect(response.status).toBe(400);
      expect(jsonBody(response)).toMatchObject({ error: { code: 'invalid_params' } });
    }
  });

  it('facetLimit keeps the first values in facet order plus every selected one, and counts the rest', () => {
    const all = results(api('facetLimit=0'));
    expect(Object.values(all.facetValuesOmitted).every((n) => n === 0)).toBe(true);
    const topics = all.facets.topic;
    expect(topics.length).toBeGreaterThan(3);
    const limited = results(api('facetLimit=2'));
    for (const name of FACET_NAMES) {
      expect(limited.facets[name]).toEqual(all.facets[name].slice(0, 2));
      expect(limited.facetValuesOmitted[name]).toBe(Math.max(0, all.facets[name].length - 2));
    }
    // a selected value past the limit stays listed, with its count; it is not counted as omitted
    const last = topics.at(-1)!;
    const selected = results(api(`facetLimit=2&topic=${last.value}`));
    const full = results(api(`facetLimit=0&topic=${last.value}`));
    expect(selected.facets.topic).toEqual([...full.facets.topic.slice(0, 2), full.facets.topic.find((v) => v.value === last.value)]);
    expect(selected.facetValuesOmitted.topic).toBe(full.facets.topic.length - 3);
    // the default is 10
    const byDefault = results(api(''));
    for (const name of FACET_NAMES) expect(byDefault.facets[name]).toEqual(all.facets[name].slice(0, 10));
  });

  it('the CLI --json prints the API body for the same params (fields, facet limit)', () => {
    const cli = (args: string[]) =>
      JSON.parse(execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', ...args, '--index', seed.dir, '--json'], { encoding: 'utf8' })) as SearchResults;
    expect(withoutTiming(cli(['second jobs', '--fields', 'segments,figures', '--facet-limit', '2']))).toEqual(withoutTiming(results(api('q=second+jobs&fields=segments,figures&facetLimit=2'))));
    expect(withoutTiming(cli(['media', '--topic', 'media-relations']))).toEqual(withoutTiming(results(api('q=media&topic=media-relations'))));
  }, 60_000);
});

describe('ETag, 304 and the response cache', () => {
  it('a search answers with an ETag; If-None-Match with it is a 304 with no body; equivalent URLs share it', () => {
    const first = api('q=second+jobs&force=Essex+Police&force=Kent+Police');
    expect(first.status).toBe(200);
    const etag = first.headers.ETag!;
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers['Cache-Control']).toBe('public, max-age=60, stale-while-revalidate=300');
    const again = api('force=Kent+Police&q=second+jobs&force=Essex+Police&page=1&facetLimit=10', etag);
    expect(again.status).toBe(304);
    expect(textBody(again)).toBe('');
    expect(again.headers.ETag).toBe(etag);
    expect(api('q=second+jobs&force=Essex+Police&force=Kent+Police', `W/"nope", ${etag}`).status).toBe(304);
    // anything that changes the body changes the ETag
    for (const other of ['q=second+job&force=Essex+Police&force=Kent+Police', 'q=second+jobs&force=Essex+Police', 'q=second+jobs&force=Essex+Police&force=Kent+Police&fields=segments', 'q=second+jobs&force=Essex+Police&force=Kent+Police&facetLimit=3', 'q=second+jobs&force=Essex+Police&force=Kent+Police&size=5']) {
      const response = api(other, etag);
      expect(response.status).toBe(200);
      expect(response.headers.ETag).not.toBe(etag);
    }
  });

  it('a repeated search is served from the cache (same bytes), and not when SEARCH_CACHE=off', () => {
    const query = `q=${encodeURIComponent('misconduct -media')}&size=7`;
    const before = responseCacheStats();
    const miss = api(query);
    const hit = api(query);
    expect(miss.headers['X-Cache']).toBe('miss');
    expect(hit.headers['X-Cache']).toBe('hit');
    expect(textBody(hit)).toBe(textBody(miss));
    expect(responseCacheStats().hits).toBe(before.hits + 1);
    process.env.SEARCH_CACHE = 'off';
    const off = api(query);
    expect(off.headers['X-Cache']).toBe('off');
    expect(off.headers.ETag).toBe(miss.headers.ETag);
    expect(withoutTiming(results(off))).toEqual(withoutTiming(results(miss)));
  });

  it('Server-Timing gives the search time of a search, the cache lookup of a hit', () => {
    const miss = api('q=vetting');
    const took = results(miss).took_ms;
    expect(miss.headers['Server-Timing']).toMatch(new RegExp(`^search;dur=${took}, total;dur=[\\d.]+$`));
    expect(api('q=vetting').headers['Server-Timing']).toMatch(/^cache;desc=hit;dur=[\d.]+$/);
  });

  it('the CSV/JSON lines export: ETag, 304 without a body, another ETag per format and per search', async () => {
    const exportAt = (query: string, ifNoneMatch: string | null = null) => exportResponse(() => seed.engine, url(`/api/search/export?${query}`), ifNoneMatch);
    const csv = exportAt('q=second+jobs&format=csv');
    expect(csv.status).toBe(200);
    const etag = csv.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await csv.text()).split('\r\n').length).toBeGreaterThan(2);
    // page, size, group and facetLimit do not change an export
    const same = exportAt('q=second+jobs&format=csv&page=2&size=3&group=force&facetLimit=0', etag);
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    expect(exportAt('q=second+jobs&format=jsonl', etag).headers.get('etag')).not.toBe(etag);
    expect(exportAt('q=second+job&format=csv', etag).status).toBe(200);
  });

  it('the Atom feed and /figures.csv: ETag, 304, cache', () => {
    const feed = (query: string, ifNoneMatch: string | null = null) => searchFeedResponse(() => seed.engine, url(`/search.atom?${query}`), ifNoneMatch);
    const first = feed('q=second+jobs');
    expect(first.status).toBe(200);
    expect(textBody(first)).toContain('<feed');
    // the feed ignores sort, page and size: the same feed, the same ETag
    expect(feed('q=second+jobs&sort=force&page=3', first.headers.ETag!).status).toBe(304);
    expect(feed('q=second+jobs&year=2012', first.headers.ETag!).status).toBe(200);

    const csv = (query: string, ifNoneMatch: string | null = null) => figuresCsvResponse(() => seed.engine, url(`/figures.csv?${query}`), ifNoneMatch);
    const table = csv('sort=secondJobApplications');
    expect(table.status).toBe(200);
    expect(textBody(table).split('\r\n')[0]).toMatch(/^force,region,inspection,year,release/);
    expect(csv('sort=secondJobApplications&page=2', table.headers.ETag!).status).toBe(304);
    const otherSort = csv('sort=force', table.headers.ETag!);
    expect(otherSort.status).toBe(200);
    expect(otherSort.headers.ETag).not.toBe(table.headers.ETag);
    expect(csv('sort=secondJobApplications').headers['X-Cache']).toBe('hit');
  });
});
