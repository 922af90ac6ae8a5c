/**
 * Child tasks for our engine.
 *
 * - `build`: buildFromDirectory over the corpus directory (reading and parsing every file
 *   included), timed; then the size of the written index directory.
 * - `query`: in a fresh process, loadIndex + createEngine (timed: the cold load), RSS after load,
 *   then the query mix through engine.search with size 20 — matching, ranking, disjunctive facet
 *   counts over all hits, figures and highlighting of the page's hits, exactly what the API runs;
 *   then, when the parent wrote suggest partials, engine.suggest on each (1–4 letters, as typed
 *   into the search box), after one untimed round.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../lib/engine/engine';
import { buildFromDirectory } from '../lib/index/build-from-directory';
import { loadIndex } from '../lib/index/load-index';
import { SOURCES_DIR } from '../lib/index/options';
import { PhaseClock } from '../lib/index/phase-clock';
import { SearchParamsSchema, type SearchParams } from '../lib/query/params';
import { childMain, collectGarbage, isMainModule, loadResult, memory, type ChildConfig, type LoadResult } from './child';
import { toSearchParamsInput, type BenchQuery } from './query-mix';
import { runQueryLoop, type QueryLoopResult } from './query-loop';
import { summarize, type LatencySummary } from './stats';
import type { Engine } from '../lib/engine/engine';

export interface OursBuildConfig extends ChildConfig {
  source: string;
  out: string;
}

export interface OursBuildResult {
  buildMs: number;
  /** The index on disk without the copied source files (the user's own input, reported apart). */
  indexBytes: number;
  /** The copied source files: their bytes, and how many are hard links to the sources (no space taken). */
  sourceBytes: number;
  sourceFiles: number;
  sourceLinks: number;
  counts: Record<string, number>;
  maxRss: number;
  /** The build's phases (lib/index/phase-clock.ts): parse, prepare, mark, documents, postings, … */
  phases: { name: string; ms: number }[];
}

export interface OpenConfig extends ChildConfig {
  indexDir: string;
}

/** One fresh process: from its start to its first answered query. */
export interface OpenResult {
  /** performance.now() at the first answered query: ms since this process started (its own start-up included). */
  sinceStartMs: number;
  /** loadIndex + createEngine + the first search, in ms. */
  openMs: number;
  phases: { name: string; ms: number }[];
  rssAfterOpen: number;
}

export interface QueryConfig extends ChildConfig {
  /** JSON file with `{ warmup: BenchQuery[], queries: BenchQuery[] }`. */
  queriesPath: string;
  budgetMs?: number;
}

export interface OursQueryConfig extends QueryConfig {
  indexDir: string;
}

/** engine.suggest over the partials of the mix. */
export interface SuggestResult {
  partials: number;
  latency: LatencySummary;
  /** Mean number of suggestions per partial (at most 8). */
  meanSuggestions: number;
}

export interface QueryResult extends LoadResult {
  queries: QueryLoopResult;
  suggest?: SuggestResult;
  /** Peak RSS over the whole process (load + queries). */
  maxRss: number;
}

/** Total size in bytes of every file under `dir`. */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Read the warm-up and timed queries the parent wrote (and the suggest partials, when it wrote them). */
export function readQueries(path: string): { warmup: BenchQuery[]; queries: BenchQuery[]; suggest?: string[] } {
  return JSON.parse(readFileSync(path, 'utf8')) as { warmup: BenchQuery[]; queries: BenchQuery[]; suggest?: string[] };
}

/** Time engine.suggest on each partial, one at a time, after one untimed round over all of them. */
export function measureSuggest(engine: Pick<Engine, 'suggest'>, partials: readonly string[]): SuggestResult {
  for (const p of partials) engine.suggest(p);
  collectGarbage();
  const latencies: number[] = [];
  let suggestions = 0;
  for (const p of partials) {
    const t0 = performance.now();
    const got = engine.suggest(p);
    latencies.push(performance.now() - t0);
    suggestions += got.length;
  }
  return { partials: partials.length, latency: summarize(latencies), meanSuggestions: partials.length ? suggestions / partials.length : NaN };
}

export async function buildOurs(config: OursBuildConfig): Promise<OursBuildResult> {
  rmSync(config.out, { recursive: true, force: true });
  const started = performance.now();
  const report = await buildFromDirectory({ source: config.source, out: config.out, log: (line) => console.error(line) });
  const buildMs = performance.now() - started;
  const sources = join(config.out, SOURCES_DIR);
  let sourceBytes = 0;
  let sourceLinks = 0;
  const copies = readdirSync(sources);
  for (const name of copies) {
    const st = statSync(join(sources, name));
    sourceBytes += st.size;
    if (st.nlink > 1) sourceLinks++;
  }
  return {
    buildMs,
    indexBytes: directoryBytes(config.out) - sourceBytes,
    sourceBytes,
    sourceFiles: copies.length,
    sourceLinks,
    counts: (report.manifest?.counts ?? {}) as Record<string, number>,
    maxRss: memory().maxRss,
    phases: report.phases,
  };
}

/** Open the index and answer one query, in this fresh process (the parent subtracts the same on the seeds). */
export async function openOurs(config: OpenConfig): Promise<OpenResult> {
  const t0 = performance.now();
  const clock = new PhaseClock();
  const engine = createEngine(loadIndex(config.indexDir, clock));
  clock.lap('prepare');
  engine.search(SearchParamsSchema.parse({ q: 'second jobs' }));
  clock.lap('first query');
  const sinceStartMs = performance.now();
  collectGarbage();
  return { sinceStartMs, openMs: sinceStartMs - t0, phases: clock.phases, rssAfterOpen: memory().rss };
}

export async function queryOurs(config: OursQueryConfig): Promise<QueryResult> {
  const t0 = performance.now();
  const loaded = loadIndex(config.indexDir);
  const t1 = performance.now();
  const engine = createEngine(loaded);
  const t2 = performance.now();
  const afterLoad = loadResult(t2 - t0, { loadIndex: t1 - t0, createEngine: t2 - t1 });
  console.error(`loaded in ${(afterLoad.loadMs / 1000).toFixed(2)} s, RSS ${(afterLoad.rssAfterLoad / 1e6).toFixed(0)} MB`);

  const { warmup, queries, suggest: partials } = readQueries(config.queriesPath);
  const params = new Map<BenchQuery, SearchParams>();
  for (const q of [...warmup, ...queries]) params.set(q, SearchParamsSchema.parse(toSearchParamsInput(q)));
  const loop = await runQueryLoop((q) => engine.search(params.get(q)!).total, {
    warmup,
    queries,
    budgetMs: config.budgetMs,
    log: (line) => console.error(line),
  });
  const suggest = partials?.length ? measureSuggest(engine, partials) : undefined;
  if (suggest) console.error(`suggest: ${suggest.partials} partials, p50 ${suggest.latency.p50.toFixed(3)} ms, p99 ${suggest.latency.p99.toFixed(3)} ms`);
  return { ...afterLoad, queries: loop, ...(suggest ? { suggest } : {}), maxRss: memory().maxRss };
}

if (isMainModule(import.meta.url)) {
  void childMain({ build: (c) => buildOurs(c as OursBuildConfig), open: (c) => openOurs(c as OpenConfig), query: (c) => queryOurs(c as OursQueryConfig) });
}
