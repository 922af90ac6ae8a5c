import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile, type CpuProfile } from '../../bench/cpu-profile';
import { writeJsonFile } from '../../bench/json-stream';
import { entryJsFilesOf, firstLoadEntries } from '../../bench/page-weight';
import { countFacets, markWords, queryWordMatcher, withinOneEdit } from '../../bench/peer-docs';
import { Rng } from '../../bench/prng';
import { DEFAULT_SEED } from '../../bench/generate-corpus';
import {
  DEFAULT_QUERY_SEED,
  OTHER_CORPUS_SEED,
  OTHER_MIX_PLAN,
  OTHER_QUERY_SEED,
  QUERY_KINDS,
  buildOtherQueryMix,
  buildQueryMix,
  buildSuggestPartials,
  cutForPrefix,
  isContentWord,
  makeTypo,
  queryCategory,
  toApiPath,
  toSearchParamsInput,
  wordsOf,
  type BenchQuery,
  type SampleDoc,
} from '../../bench/query-mix';
import { checkTargets, fmtRatio, renderMarkdown, resultsFileName, type BenchResults, type EngineReport } from '../../bench/report';
import { parseBenchArgs } from '../../bench/run';
import { percentile, percentileSorted, summarize, summarizeBy } from '../../bench/stats';
import { SearchParamsSchema, searchParamsToObject } from '../../lib/query/params';

const FORCES = ['Essex Police', 'Kent Police', 'Durham Constabulary', 'Dorset Police'];
const REGIONS = ['Eastern Region', 'Northern Region'];
const TOPICS = ['second-jobs', 'social-media', 'governance'];
const WORDS =
  'the force has improved how it manages business interests and secondary employment of officers and staff ' +
  'social media policy training awareness counter corruption unit vetting procurement gifts hospitality register ' +
  'approved applications investigations professional standards department integrity';

/** A deterministic synthetic sample of findings. */
function sample(n = 60): SampleDoc[] {
  const rng = new Rng(7);
  const words = WORDS.split(' ');
  return Array.from({ length: n }, (_, i) => ({
    text: `${Array.from({ length: 14 }, () => rng.pick(words)).join(' ')}.`,
    force: FORCES[i % FORCES.length]!,
    region: i % 5 === 0 ? null : REGIONS[i % REGIONS.length]!,
    topics: i % 3 === 0 ? [] : [TOPICS[i % TOPICS.length]!],
  }));
}

describe('buildSuggestPartials', () => {
  const docs = sample();
  const partials = buildSuggestPartials(docs, { count: 1000, seed: 1 });

  it('is deterministic for a sample, count and seed', () => {
    expect(buildSuggestPartials(docs, { count: 1000, seed: 1 })).toEqual(partials);
    expect(buildSuggestPartials(docs, { count: 1000, seed: 2 })).not.toEqual(partials);
  });

  it('gives 1 to 4 first letters of words of the sample, every length often', () => {
    expect(partials).toHaveLength(1000);
    const words = new Set(docs.flatMap((d) => wordsOf(d.text)));
    for (const p of partials) {
      expect(p).toMatch(/^[a-z]{1,4}$/);
      expect([...words].some((w) => w.startsWith(p) && (p.length < 4 ? true : w.length >= 4)), p).toBe(true);
    }
    for (const length of [1, 2, 3, 4]) expect(partials.filter((p) => p.length === length).length).toBeGreaterThan(150);
  });
});

describe('buildQueryMix', () => {
  const docs = sample();
  const mix = buildQueryMix(docs, { count: 1000, seed: 1 });

  it('is deterministic for a sample, count and seed', () => {
    expect(buildQueryMix(docs, { count: 1000, seed: 1 })).toEqual(mix);
    expect(buildQueryMix(docs, { count: 1000, seed: 2 })).not.toEqual(mix);
  });

  it('returns exactly `count` queries, spread evenly over the 21 kind × filter cells', () => {
    expect(mix).toHaveLength(1000);
    const cells = new Map<string, number>();
    for (const q of mix) cells.set(queryCategory(q), (cells.get(queryCategory(q)) ?? 0) + 1);
    expect(cells.size).toBe(21);
    for (const count of cells.values()) expect(count === 47 || count === 48).toBe(true);
    for (const kind of QUERY_KINDS) expect(mix.some((q) => q.kind === kind)).toBe(true);
  });

  it('is shuffled (no long runs of one kind)', () => {
    const firstKinds = new Set(mix.slice(0, 30).map((q) => q.kind));
    expect(firstKinds.size).toBeGreaterThanOrEqual(6);
    expect(mix.slice(0, 5).map((q) => q.kind)).not.toEqual([...QUERY_KINDS]);
  });

  it('has as many filters as its cell says, on distinct dimensions with known values', () => {
    for (const q of mix) {
      expect(Object.keys(q.filters)).toHaveLength(q.filterCount);
      if (q.filters.force !== undefined) expect(FORCES).toContain(q.filters.force);
      if (q.filters.region !== undefined) expect(REGIONS).toContain(q.filters.region);
      if (q.filters.topic !== undefined) expect(TOPICS).toContain(q.filters.topic);
    }
  });

  it('builds each kind of query from the sampled text', () => {
    const vocabulary = new Set(docs.flatMap((d) => wordsOf(d.text)));
    const texts = docs.map((d) => wordsOf(d.text).join(' '));
    for (const q of mix) {
      expect(q.prefixLast).toBe(q.kind !== 'phrase' && q.kind !== 'common-phrase');
      expect(q.q).not.toMatch(/\s$/);
      switch (q.kind) {
        case 'word':
          expect(q.words).toHaveLength(1);
          expect(vocabulary.has(q.q) && isContentWord(q.q)).toBe(true);
          break;
        case 'two-words':
          expect(q.words).toHaveLength(2);
          expect(q.q).toBe(q.words.join(' '));
          expect(texts.some((t) => q.words.every((w) => t.split(' ').includes(w)))).toBe(true);
          break;
        case 'phrase':
          expect(q.q).toBe(`"${q.words.join(' ')}"`);
          expect(q.words.length === 2 || q.words.length === 3).toBe(true);
          expect(texts.some((t) => ` ${t} `.includes(` ${q.words.join(' ')} `))).toBe(true);
          break;
        case 'prefix': {
          const last = q.words.at(-1)!;
          expect(last.length).toBeGreaterThanOrEqual(3);
          expect([...vocabulary].some((w) => w.startsWith(last) && w.length > last.length)).toBe(true);
          break;
        }
        case 'typo':
          expect(q.words).toHaveLength(1);
          expect(vocabulary.has(q.q)).toBe(false);
          break;
        case 'common-phrase':
          expect(q.q).toBe(`"${q.words.join(' ')}"`);
          expect(q.words).toHaveLength(2);
          expect(isContentWord(q.words[0]!)).not.toBe(isContentWord(q.words[1]!));
          expect(texts.some((t) => ` ${t} `.includes(` ${q.words.join(' ')} `))).toBe(true);
          break;
        case 'stopword':
          expect(q.words).toHaveLength(1);
          expect(isContentWord(q.q)).toBe(false);
          expect(vocabulary.has(q.q)).toBe(true);
          break;
      }
      if (q.page !== undefined) {
        expect(q).toMatchObject({ kind: 'stopword', filterCount: 0, size: 100 });
        expect(q.page * q.size!).toBeLessThanOrEqual(10_000);
      }
    }
  });

  it('draws words with their corpus frequency (a frequent word shows up more often than a rare one)', () => {
    const common = 'police';
    const skewed: SampleDoc[] = Array.from({ length: 40 }, (_, i) => ({
      text: i < 4 ? 'police vetting of the staff' : 'police police police standards of the staff',
      force: 'Essex Police',
      region: null,
      topics: [],
    }));
    const words = buildQueryMix(skewed, { count: 300, seed: 3 })
      .filter((q) => q.kind === 'word')
      .map((q) => q.q);
    const count = (w: string) => words.filter((x) => x === w).length;
    expect(count(common)).toBeGreaterThan(count('vetting') * 5);
  });

  it('rejects an unusable sample or count', () => {
    expect(() => buildQueryMix([], { count: 10 })).toThrow();
    expect(() => buildQueryMix(docs, { count: 0 })).toThrow(RangeError);
  });
});

describe('buildOtherQueryMix', () => {
  const docs = sample();
  const mix = buildOtherQueryMix(docs, { count: 1000, seed: 5 });

  it('is deterministic for a sample, count and seed, and differs from the standard mix', () => {
    expect(buildOtherQueryMix(docs, { count: 1000, seed: 5 })).toEqual(mix);
    expect(buildOtherQueryMix(docs, { count: 1000, seed: 6 })).not.toEqual(mix);
    const standard = buildQueryMix(docs, { count: 1000, seed: 5 });
    const stopwords = (queries: BenchQuery[]) => queries.filter((q) => q.kind === 'stopword').length;
    expect([stopwords(standard), stopwords(mix)]).toEqual([142, 250]);
  });

  it("has the plan's share of each kind, each with the plan's filters in turn", () => {
    expect(mix).toHaveLength(1000);
    expect(buildOtherQueryMix(docs, { count: 7, seed: 5 })).toHaveLength(7);
    for (const plan of OTHER_MIX_PLAN) {
      const ofKind = mix.filter((q) => q.kind === plan.kind);
      expect(ofKind.length, plan.kind).toBe(plan.share * 1000);
      const seen = new Set(ofKind.map((q) => Object.keys(q.filters).sort().join('+')));
      expect(seen, plan.kind).toEqual(new Set(plan.filters.map((dims) => [...dims].sort().join('+'))));
      for (const q of ofKind) expect(Object.keys(q.filters)).toHaveLength(q.filterCount);
    }
    // What the issue found slow: a stop word with a topic filter, two words with two filters.
    expect(mix.filter((q) => q.kind === 'stopword' && q.filters.topic !== undefined).length).toBe(188);
    expect(mix.filter((q) => q.kind === 'two-words').every((q) => q.filterCount === 2)).toBe(true);
    expect(mix.every((q) => (q.size ?? 20) === 20)).toBe(true);
    expect(mix.filter((q) => q.page !== undefined).every((q) => q.kind === 'two-words' && q.page! >= 2 && q.page! <= 5)).toBe(true);
  });

  it('is shuffled and has its own default seeds', () => {
    expect(new Set(mix.slice(0, 20).map((q) => q.kind)).size).toBeGreaterThanOrEqual(4);
    expect(OTHER_QUERY_SEED).not.toBe(DEFAULT_QUERY_SEED);
    expect(OTHER_CORPUS_SEED).not.toBe(DEFAULT_SEED);
  });
});

describe('query helpers', () => {
  it('cuts a word like someone still typing it', () => {
    const rng = new Rng(1);
    for (const word of ['procurement', 'vetting', 'hospitality', 'force']) {
      for (let i = 0; i < 50; i++) {
        const cut = cutForPrefix(word, rng);
        expect(word.startsWith(cut)).toBe(true);
        expect(cut.length).toBeGreaterThanOrEqual(3);
        expect(cut.length).toBeLessThan(word.length);
      }
    }
  });

  it('makes a typo one edit (or one swap) away, never the word itself', () => {
    const rng = new Rng(2);
    for (const word of ['procurement', 'vetting', 'gifts', 'ab']) {
      for (let i = 0; i < 100; i++) {
        const typo = makeTypo(word, rng);
        expect(typo).not.toBe(word);
        expect(Math.abs(typo.length - word.length)).toBeLessThanOrEqual(1);
        const swapped = typo.length === word.length && [...typo].sort().join('') === [...word].sort().join('');
        expect(withinOneEdit(typo, word) || swapped).toBe(true);
      }
    }
  });

  it('turns a query into valid search params and an API path with the same meaning', () => {
    const q: BenchQuery = { kind: 'phrase', filterCount: 2, q: '"business interests"', words: ['business', 'interests'], prefixLast: false, filters: { force: 'Essex Police', topic: 'second-jobs' } };
    const params = SearchParamsSchema.parse(toSearchParamsInput(q));
    expect(params).toMatchObject({ q: '"business interests"', force: ['Essex Police'], topic: ['second-jobs'], region: [], size: 20 });
    const url = new URL(toApiPath(q), 'http://127.0.0.1');
    expect(url.pathname).toBe('/api/search');
    expect(SearchParamsSchema.parse(searchParamsToObject(url.searchParams))).toEqual(params);
  });
});

describe('stats', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted

  it('takes nearest-rank percentiles', () => {
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentileSorted([1, 2, 3], 50)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(values, 101)).toThrow(RangeError);
  });

  it('does not modify its input', () => {
    const copy = [...values];
    summarize(values);
    expect(values).toEqual(copy);
  });

  it('summarises a sample and groups of it', () => {
    expect(summarize(values)).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
    const empty = summarize([]);
    expect(empty.count).toBe(0);
    expect(empty.p50).toBeNaN();
    const groups = summarizeBy([1, 2, 3, 4], ['a', 'b', 'a', 'b']);
    expect(Object.keys(groups)).toEqual(['a', 'b']);
    expect(groups.a).toMatchObject({ count: 2, max: 3, p50: 1 });
    expect(() => summarizeBy([1], [])).toThrow(RangeError);
  });
});

function engine(partial: Partial<EngineReport>): EngineReport {
  return {
    documents: 100,
    buildMs: 1000,
    indexBytes: 1e6,
    loadMs: 100,
    rssAfterLoad: 1e8,
    maxRss: 1e8,
    latency: { count: 1000, mean: 1, p50: 0.4, p95: 2, p99: 4, max: 9 },
    byKind: {},
    byCategory: {},
    meanHits: 10,
    zeroHitShare: 0.1,
    notes: [],
    raw: {},
    ...partial,
  };
}

describe('report', () => {
  const http = {
    requests: 50_000,
    reqPerSec: 2500,
    latencyMs: { mean: 5, p50: 4, p90: 9, p99: 19, max: 40 },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    connections: 50,
    durationSec: 20,
    firstSearchMs: 900,
    statusCodes: { '200': 50_000 },
    baseline: { path: '/api/none', reqPerSec: 3000, latencyMs: { p50: 3, p99: 15 } },
    cached: { requests: 58_000, reqPerSec: 2900, latencyMs: { mean: 4, p50: 3, p90: 8, p99: 16, max: 30 }, non2xx: 0, errors: 0, timeouts: 0, hitRate: 1 },
    bytes: {
      responses: 1000,
      median20: 21_000,
      p90_20: 25_000,
      max20: 31_000,
      medianAll: 20_000,
      maxAll: 110_000,
      wire: { acceptEncoding: 'gzip, deflate, br, zstd', contentEncoding: { br: 1000 }, median20: 5_000, p90_20: 6_000, max20: 7_000, medianAll: 4_800, maxAll: 21_000 },
    },
  };
  const minisearch = engine({ latency: { count: 1000, mean: 90, p50: 80, p95: 500, p99: 900, max: 2000 } });
  // ours (see engine()): p50 0.4 ms, p99 4 ms; SQLite 4× slower at p50 and exactly 3× at p99, the target's edge.
  const sqlite = engine({ latency: { count: 1000, mean: 3, p50: 1.6, p95: 5, p99: 12, max: 20 } });
  const pageWeight = { route: '/', gzipBytes: 200_000, rawBytes: 600_000, files: [], method: 'test' };

  it('checks the 100k targets', () => {
    const checks = checkTargets({ engines: { ours: engine({ openMs: 250 }), minisearch, sqlite }, http, pageWeight }, 100_000);
    const status = Object.fromEntries(checks.map((c) => [c.target, c.status]));
    expect(status).toEqual({
      '100k: build': 'met',
      '100k: open (fresh process to first answer, minus the seeds)': 'met',
      '100k: query p50': 'met',
      '100k: query p99': 'met',
      '100k: p50 vs MiniSearch': 'met',
      '100k: p99 vs MiniSearch': 'met',
      '100k: p50 vs SQLite FTS5': 'met',
      '100k: p99 vs SQLite FTS5': 'met',
      '100k: HTTP req/s vs no-search route': 'met',
      '100k: HTTP p99 vs no-search route': 'met',
      '100k: HTTP slowest request': 'met',
      '100k: HTTP errors': 'met',
      '100k: HTTP cached req/s vs no-search route': 'met',
      '100k: median response on the wire (20 hits, facets)': 'met',
      'first-load JS of /': 'met',
    });
    expect(Object.fromEntries(checks.map((c) => [c.target, c.measured]))).toMatchObject({ '100k: p50 vs MiniSearch': '200×', '100k: p99 vs SQLite FTS5': '3.0×', '100k: HTTP req/s vs no-search route': '83 %' });
    const slow = checkTargets(
      {
        engines: { ours: engine({ buildMs: 9000, openMs: 310, latency: { count: 10, mean: 1, p50: 0.6, p95: 2, p99: 6, max: 9 } }), minisearch, sqlite },
        http: { ...http, reqPerSec: 1000, non2xx: 3, latencyMs: { ...http.latencyMs, max: 1500 }, cached: { ...http.cached, reqPerSec: 2000 }, bytes: { ...http.bytes, wire: { ...http.bytes.wire, median20: 6_100 } } },
        pageWeight: { ...pageWeight, gzipBytes: 260_000 },
      },
      100_000,
    );
    expect(slow.filter((c) => c.status === 'missed').map((c) => c.target)).toEqual([
      '100k: build',
      '100k: open (fresh process to first answer, minus the seeds)',
      '100k: query p50',
      '100k: query p99',
      '100k: p50 vs MiniSearch',
      '100k: p99 vs MiniSearch',
      '100k: p50 vs SQLite FTS5',
      '100k: p99 vs SQLite FTS5',
      '100k: HTTP req/s vs no-search route',
      '100k: HTTP slowest request',
      '100k: HTTP errors',
      '100k: HTTP cached req/s vs no-search route',
      '100k: median response on the wire (20 hits, facets)',
      'first-load JS of /',
    ]);
    // Results from before compression measured decoded bytes only: the wire target is n/a there.
    const { wire: _wire, ...decodedOnly } = http.bytes;
    const old = checkTargets({ engines: { ours: engine({}), minisearch }, http: { ...http, bytes: decodedOnly }, pageWeight }, 100_000);
    expect(old.find((c) => c.target.startsWith('100k: median response'))).toMatchObject({ status: 'n/a', measured: 'n/a (not measured)' });
  });

  it('checks the 1M targets, ratios to the peers and n/a reasons', () => {
    const ours = engine({ buildMs: 40_000, buildMaxRss: 4.5e9, openMs: 2500, loadMs: 3500, rssAfterLoad: 1.1e9, indexBytes: 2e9, latency: { count: 1000, mean: 1, p50: 0.9, p95: 5, p99: 10, max: 30 } });
    const minisearch = engine({ latency: { count: 1000, mean: 1, p50: 9, p95: 90, p99: 300, max: 900 } });
    const orama = engine({ latency: { na: 'exceeded the time budget' } });
    const checks = checkTargets({ engines: { ours, minisearch, orama }, http: null, pageWeight: { na: 'no build' } }, 1_000_000);
    const by = Object.fromEntries(checks.map((c) => [c.target, c]));
    expect(by['1M: build']!.status).toBe('met');
    expect(by["1M: RSS during the build (Node's default heap)"]).toMatchObject({ status: 'missed', measured: '4.50 GB' });
    expect(by['1M: open (fresh process to first answer, minus the seeds)']).toMatchObject({ status: 'missed', measured: '2.50 s' });
    expect(by['1M: RSS after open']!.status).toBe('met');
    expect(by['1M: index on disk (without the copied sources)']).toMatchObject({ status: 'missed', measured: '2.00 GB' });
    const unmeasured = checkTargets({ engines: { ours: engine({}) }, http: null, pageWeight: { na: 'no build' } }, 1_000_000);
    expect(unmeasured.find((c) => c.target.startsWith('1M: open'))).toMatchObject({ status: 'n/a', measured: 'n/a (not measured)' });
    expect(by['1M: query p50']!.status).toBe('met');
    expect(by['1M: query p99']!.status).toBe('met');
    expect(by['first-load JS of /']!.status).toBe('n/a');
    expect(by['1M: suggest p99']).toMatchObject({ status: 'n/a', required: '≤ 2 ms', measured: 'n/a (not measured)' });
    expect(checks.some((c) => c.target.startsWith('100k'))).toBe(false);
  });

  it('checks the 1M suggest target: p99 ≤ 2 ms', () => {
    const suggest = (p99: number) => engine({ suggestLatency: { count: 1000, mean: 0.05, p50: 0.03, p95: 0.1, p99, max: 3 } });
    const at = (ours: EngineReport) => checkTargets({ engines: { ours }, http: null, pageWeight: null }, 1_000_000).find((c) => c.target === '1M: suggest p99');
    expect(at(suggest(0.2))).toMatchObject({ status: 'met', measured: '0.200 ms' });
    expect(at(suggest(2.5))).toMatchObject({ status: 'missed', measured: '2.50 ms' });
    expect(at(engine({ suggestLatency: { na: 'no suggest partials' } }))).toMatchObject({ status: 'n/a', measured: 'n/a (no suggest partials)' });
    expect(checkTargets({ engines: { ours: suggest(0.2) }, http: null, pageWeight: null }, 100_000).some((c) => c.target.includes('suggest'))).toBe(false);
  });

  it('formats ratios as ours ÷ theirs', () => {
    expect(fmtRatio(1, 25)).toBe('0.040 (25× faster)');
    expect(fmtRatio(2, 1)).toBe('2.00');
    expect(fmtRatio(null, 1)).toBe('—');
  });

  it('names result files by date, size and mode', () => {
    const date = new Date('2025-03-04T12:00:00Z');
    expect(resultsFileName(date, 100_000, false)).toBe('2025-03-04-100000.json');
    expect(resultsFileName(date, 10_000, true)).toBe('2025-03-04-10000-quick.json');
    expect(resultsFileName(date, 100_000, false, 'other')).toBe('2025-03-04-100000-other.json');
  });

  it('renders Markdown with the engines side by side and the targets', () => {
    const results: BenchResults = {
      schema: 'hmic-bench-results/1',
      date: '2025-03-04T12:00:00.000Z',
      machine: { os: 'Linux', cpuModel: 'Test CPU', cpuCount: 2, totalMemoryBytes: 8e9, node: 'v20.0.0', loadAverageAtStart: [0, 0, 0] },
      options: { quick: false },
      corpus: { dir: 'bench/corpus/100000-42', findings: 100_000, files: 11_738, bytes: 64e6, seed: 42 },
      queryMix: { count: 1000, warmup: 100, seed: 1, sampleFindings: 100, cells: {}, examples: [] },
      parse: { parseMs: 1234 },
      engines: { ours: engine({}), minisearch: engine({ latency: { count: 1000, mean: 10, p50: 4, p95: 20, p99: 40, max: 90 }, loadMs: { na: 'index too large' } }) },
      http,
      pageWeight,
      targets: [],
      totalMs: 1000,
    };
    results.targets = checkTargets(results, 100_000);
    const md = renderMarkdown(results);
    expect(md).toContain('| query p50 | 0.400 ms | 4.00 ms | 0.100 (10× faster) |');
    expect(md).toContain('n/a (index too large)');
    expect(md).toContain('| 100k: HTTP req/s vs no-search route | ≥ 70 % | 83 % | met |');
    expect(md).toContain('| 100k: p50 vs MiniSearch | ≥ 150× faster | 10× | missed |');
    expect(md).toContain('Test CPU × 2');
    expect(md).toContain('Accept-Encoding: gzip, deflate, br, zstd');
    expect(md).toContain('| bytes on the wire | 5.0 kB | 6.0 kB | 7.0 kB | 4.8 kB | 21.0 kB |');
    expect(md).toContain('| decoded | 21.0 kB | 25.0 kB | 31.0 kB | 20.0 kB | 110.0 kB |');
    const byKind = renderMarkdown({
      ...results,
      engines: {
        ours: engine({ byKind: { word: { count: 10, mean: 1, p50: 0.5, p95: 1, p99: 2, max: 3 } } }),
        sqlite: engine({ byKind: { word: { count: 10, mean: 5, p50: 2, p95: 5, p99: 4, max: 9 } } }),
      },
    });
    expect(byKind).toContain('| kind | ours | SQLite FTS5 | ours ÷ SQLite FTS5 |');
    expect(byKind).toContain('| word | 0.500 ms / 2.00 ms | 2.00 ms / 4.00 ms | 0.250 (4.0× faster) / 0.500 (2.0× faster) |');
    // Results from before the idle baseline say it ran after the search load; new ones say when and after how long idle.
    expect(md).toContain('small JSON 404), after the search load (the server may still have been answering it): 3,000 req/s');
    const idle = renderMarkdown({ ...results, http: { ...http, baseline: { ...http.baseline, when: 'before the search load, on an idle server', idleWaitMs: 350 } } });
    expect(idle).toContain('small JSON 404), before the search load, on an idle server (idle after 350.0 ms): 3,000 req/s, p50 3.00 ms, p99 15.0 ms.');
    expect(md).toContain('| 100k: median response on the wire (20 hits, facets) | ≤ 6 kB | 5.0 kB | met |');
    expect(md).not.toContain('Suggestions (ours');
    results.engines.ours = engine({ suggestLatency: { count: 1000, mean: 0.05, p50: 0.03, p95: 0.1, p99: 0.2, max: 1.5 } });
    expect(renderMarkdown(results)).toContain('Suggestions (ours, engine.suggest on 1,000 partials of 1–4 letters): p50 0.030 ms, p95 0.100 ms, p99 0.200 ms, max 1.50 ms.');
  });
});

describe('parseBenchArgs', () => {
  it('has full-run and quick defaults', () => {
    expect(parseBenchArgs([])).toMatchObject({ findings: 10_000, quick: false, engines: ['ours', 'minisearch', 'orama', 'sqlite'], mix: 'standard', seed: 42, queries: 1000, warmup: 100, httpDurationSec: 20, httpConnections: 50 });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ quick: true, engines: ['ours'], httpDurationSec: 5, httpConnections: 10 });
  });

  it('reads sizes, engine lists and flags', () => {
    expect(parseBenchArgs(['--findings', '1_000_000', '--engines=orama,ours', '--skip-http', '--profile'])).toMatchObject({
      findings: 1_000_000,
      engines: ['ours', 'orama'],
      skipHttp: true,
      profile: true,
    });
  });

  it('picks the other mix with its own corpus and query seeds, unless the command line names them', () => {
    expect(parseBenchArgs(['--findings', '100000', '--mix', 'other'])).toMatchObject({ mix: 'other', seed: OTHER_CORPUS_SEED, querySeed: OTHER_QUERY_SEED });
    expect(parseBenchArgs(['--mix=other', '--seed', '3', '--query-seed=4'])).toMatchObject({ mix: 'other', seed: 3, querySeed: 4 });
    expect(parseBenchArgs(['--index', '/tmp/x.index']).indexDir).toBe('/tmp/x.index');
    expect(parseBenchArgs([]).indexDir).toBeUndefined();
    expect(() => parseBenchArgs(['--mix', 'random'])).toThrow(/--mix takes one of standard, other/);
  });

  it('rejects bad input', () => {
    expect(() => parseBenchArgs(['--findings', 'many'])).toThrow(/--findings/);
    expect(() => parseBenchArgs(['--engines', 'lucene'])).toThrow(/--engines/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument/);
  });
});

describe('peer helpers', () => {
  it('marks words into segments that concatenate to the text', () => {
    const text = 'Vetting, and re-vetting of staff.';
    const segments = markWords(text, (w) => w === 'vetting');
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Vetting', 'vetting']);
  });

  it('matches words like a prefix + tolerance-1 engine', () => {
    const q: BenchQuery = { kind: 'prefix', filterCount: 0, q: 'staff vett', words: ['staff', 'vett'], prefixLast: true, filters: {} };
    const match = queryWordMatcher(q, 1);
    expect(['staff', 'stafff', 'vetting', 'vett'].every(match)).toBe(true);
    expect(match('staffing')).toBe(false);
    expect(match('police')).toBe(false);
    expect(withinOneEdit('policing', 'poliicng')).toBe(false);
    expect(withinOneEdit('police', 'polices')).toBe(true);
  });

  it('counts facets over all hits', () => {
    const hit = (force: string, topics: string[]) => ({ force, region: 'R', topics, section: 'findings', kind: 'finding' });
    const counts = countFacets([hit('A', ['x', 'y']), hit('A', ['x']), hit('B', [])]);
    expect(Object.fromEntries(counts.force)).toEqual({ A: 2, B: 1 });
    expect(Object.fromEntries(counts.topic)).toEqual({ x: 2, y: 1 });
    expect(counts.region.get('R')).toBe(3);
  });
});

describe('page weight helpers', () => {
  const manifest = `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};
globalThis.__RSC_MANIFEST["/page"] = {"entryJSFiles":{"[project]/app/layout":["static/chunks/a.js"],"[project]/app/page":["static/chunks/a.js","static/chunks/b.js"],"[project]/app/error":["static/chunks/e.js"]}};`;

  it('reads entryJSFiles from a client reference manifest without touching our globals', () => {
    const entries = entryJsFilesOf(manifest, '/page');
    expect(entries['[project]/app/page']).toEqual(['static/chunks/a.js', 'static/chunks/b.js']);
    expect((globalThis as { __RSC_MANIFEST?: unknown }).__RSC_MANIFEST).toBeUndefined();
    expect(() => entryJsFilesOf(manifest, '/other/page')).toThrow();
  });

  it('takes the page entry and the layouts above it', () => {
    const entries = entryJsFilesOf(manifest, '/page');
    expect(firstLoadEntries(entries, '/')).toEqual(['[project]/app/layout', '[project]/app/page']);
    expect(firstLoadEntries({ '[project]/app/layout': [], '[project]/app/releases/layout': [], '[project]/app/releases/page': [] }, '/releases')).toEqual([
      '[project]/app/layout',
      '[project]/app/releases/layout',
      '[project]/app/releases/page',
    ]);
  });
});

describe('summarizeCpuProfile', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 } },
      { id: 2, callFrame: { functionName: 'search', url: 'file:///repo/lib/query/search.ts', lineNumber: 0, columnNumber: 0 } },
      { id: 3, callFrame: { functionName: 'load', url: 'file:///repo/lib/index/load-index.ts', lineNumber: 0, columnNumber: 0 } },
      { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1, columnNumber: -1 } },
    ],
    startTime: 1000,
    endTime: 2000,
    samples: [3, 3, 2, 2, 2, 4],
    timeDeltas: [100, 100, 100, 100, 100, 100],
  };

  it('adds up self time per function, busiest first', () => {
    const summary = summarizeCpuProfile(profile, { root: '/repo' });
    expect(summary.entries.map((e) => [e.functionName, e.location])).toEqual([
      ['search', 'lib/query/search.ts'],
      ['load', 'lib/index/load-index.ts'],
    ]);
    expect(summary.entries[0]!.selfPercent).toBeCloseTo(60);
    expect(summary.windowIgnored).toBe(false);
  });

  it('keeps only samples inside the window', () => {
    const summary = summarizeCpuProfile(profile, { root: '/repo', window: [1250, 1600] });
    expect(summary.entries.map((e) => e.functionName)).toEqual(['search']);
    expect(summarizeCpuProfile(profile, { window: [5000, 6000] }).windowIgnored).toBe(true);
  });
});

describe('writeJsonFile', () => {
  it('writes the same bytes as JSON.stringify', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmic-json-'));
    try {
      const values: unknown[] = [
        { a: 1, b: [1, 'two', null, undefined, () => 1, NaN, Infinity], c: undefined, d: { toJSON: () => 'x' }, e: new Date(0), f: 'é"\n\u2028' },
        [{ skip: Symbol('s') }, new Map([[1, 2]]), new Uint8Array([1, 2]), new String('s'), new Number(3), true, false],
        { nested: { deeper: { list: Array.from({ length: 3000 }, (_, i) => ({ i, s: 'x'.repeat(i % 50) })) } } },
        { gone: { toJSON: () => undefined }, kept: 1 },
        'plain',
        42,
      ];
      values.forEach((value, i) => {
        const path = join(dir, `${i}.json`);
        const bytes = writeJsonFile(path, value);
        const expected = JSON.stringify(value);
        expect(readFileSync(path, 'utf8')).toBe(expected);
        expect(bytes).toBe(Buffer.byteLength(expected));
      });
      expect(() => writeJsonFile(join(dir, 'u.json'), undefined)).toThrow(TypeError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
