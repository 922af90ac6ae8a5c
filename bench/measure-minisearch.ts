/**
 * Child tasks for MiniSearch 7, configured with its own features for what our engine does:
 * fields text / force / title / topics, the fields a result page needs stored (storeFields),
 * prefix search on the last word being typed, fuzzy 0.2, combineWith AND, facet filters and the
 * boilerplate exclusion as a `filter` callback, facet counts over all its results, and the first
 * 20 hits highlighted from the document terms MiniSearch reports as matched (`result.terms`).
 * MiniSearch has no phrase search: quoted phrases are searched as their words (AND).
 *
 * - `build`: addAll over the parsed documents (timed), then JSON.stringify to a file (size); when
 *   serialisation is impossible (V8's string limit) or `queryInBuild` is set, the query mix runs
 *   in this process instead and load time is n/a.
 * - `query`: in a fresh process, MiniSearch.loadJSON from the file (timed), RSS, the query mix.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import MiniSearch, { type Options, type SearchOptions, type SearchResult } from 'minisearch';
import { childMain, collectGarbage, isMainModule, loadResult, memory, reportPartial } from './child';
import { readQueries, type QueryConfig, type QueryResult } from './measure-ours';
import { writeJsonFile } from './json-stream';
import { countFacets, markWords, readDocsJsonl, type PeerDoc, type Segment } from './peer-docs';
import type { BenchQuery } from './query-mix';
import { runQueryLoop, type QueryLoopResult } from './query-loop';

export interface PeerBuildConfig extends QueryConfig {
  docsPath: string;
  indexPath: string;
  /** Give up indexing after this long (checked every 10,000 documents). */
  buildBudgetMs?: number;
  /**
   * Run the query mix in the build process right after building, before persisting (which may run
   * out of memory on large corpora). The parent still measures load + queries in a fresh process
   * when the index could be persisted in a loadable form.
   */
  queryInBuild?: boolean;
}

export interface PeerBuildResult {
  documents: number;
  buildMs: number;
  /** Set when indexing was stopped at the build budget (nothing else was measured). */
  aborted?: string;
  rssAfterBuild: number;
  maxRssAfterBuild: number;
  /** Size of the serialised index on disk, or why there is none. */
  indexBytes: number | null;
  /** Time to write a loadable index; null when it could not be written in a loadable form. */
  persistMs: number | null;
  persistError?: string;
  /** Present when the queries ran in the build process. */
  queries?: QueryLoopResult;
  maxRss: number;
}

const STORED_FIELDS = ['title', 'text', 'force', 'region', 'topics', 'section', 'kind', 'boilerplate'] as const;

export const MINISEARCH_OPTIONS: Options<PeerDoc> = {
  idField: 'id',
  fields: ['text', 'force', 'title', 'topics'],
  storeFields: [...STORED_FIELDS],
  extractField: (doc, field) => {
    const value = (doc as unknown as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.join(' ') : (value as string);
  },
};

type Stored = Pick<PeerDoc, (typeof STORED_FIELDS)[number]>;
type Result = SearchResult & Stored;

/** What a first page of hits holds (kept so the work is not optimised away). */
export interface PeerHit {
  id: string;
  title: string;
  force: string;
  score: number;
  segments: Segment[];
}

let sink = 0;

/** One query: search with filters, facet counts over all results, highlight the page (first 20 unless the query asks for a deeper page). */
export function searchMiniSearch(ms: MiniSearch<PeerDoc>, query: BenchQuery): number {
  const { force, region, topic } = query.filters;
  const options: SearchOptions = {
    prefix: query.prefixLast ? (_term, i, terms) => i === terms.length - 1 : false,
    fuzzy: 0.2,
    combineWith: 'AND',
    filter: (r) => {
      const s = r as Result;
      return !s.boilerplate && (force === undefined || s.force === force) && (region === undefined || s.region === region) && (topic === undefined || s.topics.includes(topic as never));
    },
  };
  const results = ms.search(query.words.join(' '), options) as Result[];
  const facets = countFacets(results);
  const size = query.size ?? 20;
  const from = ((query.page ?? 1) - 1) * size;
  const page: PeerHit[] = results.slice(from, from + size).map((r) => {
    const matched = new Set(r.terms);
    return { id: r.id as string, title: r.title, force: r.force, score: r.score, segments: markWords(r.text, (w) => matched.has(w)) };
  });
  sink += facets.force.size + page.length;
  return results.length;
}

/**
 * When the serialised index is too large for one V8 string: stream the same JSON to the file to
 * measure its size, and explain why it cannot be loaded back (JSON.parse / loadJSON need the whole
 * file as one string).
 */
export function oversizedIndex(path: string, value: unknown, failure: string): { indexBytes: number | null; persistError: string } {
  console.error(failure);
  try {
    const bytes = writeJsonFile(path, value);
    rmSync(path, { force: true });
    const persistError = `${failure}: the serialised index is ${(bytes / 1e9).toFixed(2)} GB (size measured by streaming the same JSON to disk), beyond V8's maximum string length, so it cannot be read back with JSON.parse`;
    console.error(persistError);
    return { indexBytes: bytes, persistError };
  } catch (error) {
    rmSync(path, { force: true });
    return { indexBytes: null, persistError: `${failure}; streaming it to disk failed too (${(error as Error).message})` };
  }
}

/** The result of a build stopped at its time budget. */
export function abortedBuild(total: number, done: number, elapsedMs: number, budgetMs: number): PeerBuildResult {
  const reason = `build stopped at the ${(budgetMs / 60_000).toFixed(0)} min budget after indexing ${done} of ${total} documents (${((100 * done) / total).toFixed(0)} %) in ${(elapsedMs / 1000).toFixed(0)} s`;
  console.error(reason);
  const m = memory();
  return { documents: total, buildMs: elapsedMs, aborted: reason, rssAfterBuild: m.rss, maxRssAfterBuild: m.maxRss, indexBytes: null, persistMs: null, maxRss: m.maxRss };
}

async function runQueries(ms: MiniSearch<PeerDoc>, config: QueryConfig): Promise<QueryLoopResult> {
  const { warmup, queries } = readQueries(config.queriesPath);
  const loop = await runQueryLoop((q) => searchMiniSearch(ms, q), { warmup, queries, budgetMs: config.budgetMs, log: (l) => console.error(l) });
  if (sink < 0) console.error(sink);
  return loop;
}

export async function buildMiniSearch(config: PeerBuildConfig): Promise<PeerBuildResult> {
  const docs = await readDocsJsonl(config.docsPath);
  collectGarbage();
  console.error(`indexing ${docs.length} documents`);
  const started = performance.now();
  const ms = new MiniSearch<PeerDoc>(MINISEARCH_OPTIONS);
  const budget = config.buildBudgetMs ?? Infinity;
  const every = Math.max(1, Math.ceil(docs.length / 100_000)) * 10_000;
  for (let i = 0; i < docs.length; i++) {
    ms.add(docs[i]!);
    if ((i + 1) % 10_000 === 0) {
      const elapsed = performance.now() - started;
      if ((i + 1) % every === 0) console.error(`indexed ${i + 1}/${docs.length} (${(elapsed / 1000).toFixed(0)} s)`);
      if (elapsed > budget) return abortedBuild(docs.length, i + 1, elapsed, budget);
    }
  }
  const buildMs = performance.now() - started;
  const documents = docs.length;
  docs.length = 0;
  collectGarbage();
  const afterBuild = memory();
  reportPartial(config, { documents, buildMs, rssAfterBuild: afterBuild.rss });
  console.error(`built in ${(buildMs / 1000).toFixed(1)} s, RSS ${(afterBuild.rss / 1e6).toFixed(0)} MB`);
  // Large corpora: time the queries before trying to persist, which may run out of memory.
  let queries = config.queryInBuild ? await runQueries(ms, config) : undefined;
  if (queries) reportPartial(config, { documents, buildMs, rssAfterBuild: afterBuild.rss, queries });

  let indexBytes: number | null = null;
  let persistMs: number | null = null;
  let persistError: string | undefined;
  try {
    const t = performance.now();
    writeFileSync(config.indexPath, JSON.stringify(ms));
    persistMs = performance.now() - t;
    indexBytes = statSync(config.indexPath).size;
  } catch (error) {
    ({ indexBytes, persistError } = oversizedIndex(config.indexPath, ms, `JSON.stringify(miniSearch) failed (${(error as Error).message})`));
  }
  collectGarbage();
  if (!queries && persistMs === null) queries = await runQueries(ms, config);
  return {
    documents,
    buildMs,
    rssAfterBuild: afterBuild.rss,
    maxRssAfterBuild: afterBuild.maxRss,
    indexBytes,
    persistMs,
    ...(persistError ? { persistError } : {}),
    ...(queries ? { queries } : {}),
    maxRss: memory().maxRss,
  };
}

export async function queryMiniSearch(config: QueryConfig & { indexPath: string }): Promise<QueryResult> {
  const t0 = performance.now();
  const json = readFileSync(config.indexPath, 'utf8');
  const t1 = performance.now();
  const ms = MiniSearch.loadJSON<PeerDoc>(json, MINISEARCH_OPTIONS);
  const t2 = performance.now();
  const afterLoad = loadResult(t2 - t0, { read: t1 - t0, loadJSON: t2 - t1 });
  console.error(`loaded in ${(afterLoad.loadMs / 1000).toFixed(2)} s, RSS ${(afterLoad.rssAfterLoad / 1e6).toFixed(0)} MB`);
  const queries = await runQueries(ms, config);
  return { ...afterLoad, queries, maxRss: memory().maxRss };
}

if (isMainModule(import.meta.url)) {
  void childMain({
    build: (c) => buildMiniSearch(c as PeerBuildConfig),
    query: (c) => queryMiniSearch(c as QueryConfig & { indexPath: string }),
  });
}
