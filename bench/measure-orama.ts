/**
 * Child tasks for Orama 3, configured with its own features for what our engine does: a schema
 * with searchable strings (text, title, force name, topic ids) and enum / enum[] / boolean fields
 * for filtering and facets, `where` for facet filters and the boilerplate exclusion, `facets` for
 * counts over all results, tolerance 1 (typos), threshold 0 (every word must match, like our AND),
 * limit 20, and the 20 hits highlighted by a simple marking of words that equal a query word, are
 * within one edit of it or (last word) start with it — Orama 3 reports no match positions. Orama
 * matches every query word by prefix and has no phrase search: phrases are searched as words.
 * Field sorting is disabled (no query sorts by a field; it only costs build time and memory).
 *
 * - `build`: insert every parsed document (timed), then save() + JSON.stringify to a file (size);
 *   when that is impossible (V8's string limit) or `queryInBuild` is set, the query mix runs in
 *   this process instead and load time is n/a.
 * - `query`: in a fresh process, JSON.parse + create + load() from the file (timed), RSS, queries.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { create, insert, load, save, search, type AnyOrama, type Results, type TypedDocument } from '@orama/orama';
import { childMain, collectGarbage, isMainModule, loadResult, memory, reportPartial } from './child';
import { readQueries, type QueryConfig, type QueryResult } from './measure-ours';
import { abortedBuild, oversizedIndex, type PeerBuildConfig, type PeerBuildResult, type PeerHit } from './measure-minisearch';
import { markWords, queryWordMatcher, readDocsJsonl, type PeerDoc } from './peer-docs';
import type { BenchQuery } from './query-mix';
import { runQueryLoop, type QueryLoopResult } from './query-loop';

export const ORAMA_SCHEMA = {
  text: 'string',
  title: 'string',
  forceName: 'string',
  topicText: 'string',
  force: 'enum',
  region: 'enum',
  topics: 'enum[]',
  section: 'enum',
  kind: 'enum',
  boilerplate: 'boolean',
} as const;

const SEARCH_PROPERTIES = ['text', 'forceName', 'title', 'topicText'] as const;
const TOLERANCE = 1;

function createDb() {
  return create({ schema: ORAMA_SCHEMA, sort: { enabled: false } });
}
type Db = ReturnType<typeof createDb>;

function toOramaDoc(doc: PeerDoc) {
  return {
    id: doc.id,
    text: doc.text,
    title: doc.title,
    forceName: doc.force,
    topicText: doc.topics.join(' '),
    force: doc.force,
    region: doc.region,
    topics: doc.topics,
    section: doc.section,
    kind: doc.kind,
    boilerplate: doc.boilerplate,
  };
}

let sink = 0;

/** One query: search with where + facets (counted by Orama over all results), highlight the 20 hits. */
export function searchOrama(db: Db, query: BenchQuery): number | Promise<number> {
  const { force, region, topic } = query.filters;
  const where: Record<string, unknown> = { boilerplate: false };
  if (force !== undefined) where.force = { eq: force };
  if (region !== undefined) where.region = { eq: region };
  if (topic !== undefined) where.topics = { containsAny: [topic] };
  const out = search(db, {
    term: query.words.join(' '),
    properties: [...SEARCH_PROPERTIES],
    tolerance: TOLERANCE,
    threshold: 0,
    limit: query.size ?? 20,
    offset: ((query.page ?? 1) - 1) * (query.size ?? 20),
    where: where as never,
    facets: { force: {}, region: {}, topics: {}, section: {}, kind: {} },
  });
  const finish = (res: Results<TypedDocument<Db>>): number => {
    const matches = queryWordMatcher(query, TOLERANCE);
    const page: PeerHit[] = res.hits.map((h) => ({
      id: h.id,
      title: h.document.title as string,
      force: h.document.force as string,
      score: h.score,
      segments: markWords(h.document.text as string, matches),
    }));
    sink += page.length + Object.keys(res.facets ?? {}).length;
    return res.count;
  };
  return out instanceof Promise ? out.then(finish) : finish(out as Results<TypedDocument<Db>>);
}

async function runQueries(db: Db, config: QueryConfig): Promise<QueryLoopResult> {
  const { warmup, queries } = readQueries(config.queriesPath);
  const loop = await runQueryLoop((q) => searchOrama(db, q), { warmup, queries, budgetMs: config.budgetMs, log: (l) => console.error(l) });
  if (sink < 0) console.error(sink);
  return loop;
}

export async function buildOrama(config: PeerBuildConfig): Promise<PeerBuildResult> {
  const docs = await readDocsJsonl(config.docsPath);
  collectGarbage();
  console.error(`indexing ${docs.length} documents`);
  const started = performance.now();
  const db = createDb();
  const budget = config.buildBudgetMs ?? Infinity;
  const every = Math.max(1, Math.ceil(docs.length / 100_000)) * 10_000;
  for (let i = 0; i < docs.length; i++) {
    const r = insert(db as AnyOrama, toOramaDoc(docs[i]!));
    if (r instanceof Promise) await r;
    if ((i + 1) % 10_000 === 0) {
      const elapsed = performance.now() - started;
      if ((i + 1) % every === 0) console.error(`inserted ${i + 1}/${docs.length} (${(elapsed / 1000).toFixed(0)} s)`);
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
  let queries = config.queryInBuild ? await runQueries(db, config) : undefined;
  if (queries) reportPartial(config, { documents, buildMs, rssAfterBuild: afterBuild.rss, queries });

  let indexBytes: number | null = null;
  let persistMs: number | null = null;
  let persistError: string | undefined;
  try {
    const t = performance.now();
    writeFileSync(config.indexPath, JSON.stringify(save(db as AnyOrama)));
    persistMs = performance.now() - t;
    indexBytes = statSync(config.indexPath).size;
  } catch (error) {
    ({ indexBytes, persistError } = oversizedIndex(config.indexPath, save(db as AnyOrama), `JSON.stringify(save(db)) failed (${(error as Error).message})`));
  }
  collectGarbage();
  if (!queries && persistMs === null) queries = await runQueries(db, config);
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

export async function queryOrama(config: QueryConfig & { indexPath: string }): Promise<QueryResult> {
  const t0 = performance.now();
  const raw = JSON.parse(readFileSync(config.indexPath, 'utf8'));
  const t1 = performance.now();
  const db = createDb();
  load(db as AnyOrama, raw);
  const t2 = performance.now();
  const afterLoad = loadResult(t2 - t0, { readAndParse: t1 - t0, load: t2 - t1 });
  console.error(`loaded in ${(afterLoad.loadMs / 1000).toFixed(2)} s, RSS ${(afterLoad.rssAfterLoad / 1e6).toFixed(0)} MB`);
  const queries = await runQueries(db, config);
  return { ...afterLoad, queries, maxRss: memory().maxRss };
}

if (isMainModule(import.meta.url)) {
  void childMain({
    build: (c) => buildOrama(c as PeerBuildConfig),
    query: (c) => queryOrama(c as QueryConfig & { indexPath: string }),
  });
}
