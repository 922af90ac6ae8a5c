/**
 * Child tasks for SQLite FTS5 (better-sqlite3), set up as a developer would to do what our engine
 * does on a result page: an FTS5 table over the words our engine matches (text, and the fields it
 * matches words in: force name, topics, inspector; porter stemming, diacritics folded, a prefix
 * index for 3 letters) and a plain table of the facet columns (force, region, inspection, year,
 * section, kind, inspector, boilerplate) with the topics in a table of their own.
 *
 * Per query, in SQL: the match set (MATCH, with each match's bm25() score and its facet columns,
 * boilerplate excluded, as ours by default) into a temporary table in one pass; from it the total,
 * every facet's counts by GROUP BY, disjunctive as ours (a facet ignores its own filter and applies
 * the others), and the page in bm25() order (LIMIT/OFFSET); then the page's hits with their text
 * marked by FTS5's highlight(). Query kinds become FTS5 syntax in {@link toFts5Query}: words
 * quoted, phrases as phrases, the word being typed (no trailing space) as a prefix `"x"*`. A typo
 * is searched as typed: FTS5 has no fuzzy matching (ours corrects it).
 *
 * - `build`: from the parsed documents (the same JSON lines as the other peers), insert everything
 *   in one transaction and merge the FTS5 b-trees ('optimize'), timed; the database file's size.
 * - `query`: in a fresh process, open the file (timed), RSS, the query mix.
 */
import { rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { childMain, collectGarbage, isMainModule, loadResult, memory } from './child';
import { abortedBuild, type PeerBuildConfig, type PeerBuildResult, type PeerHit } from './measure-minisearch';
import { readQueries, type QueryConfig, type QueryResult } from './measure-ours';
import { readDocsJsonl, type PeerDoc, type Segment } from './peer-docs';
import type { BenchQuery, FilterDimension } from './query-mix';
import { runQueryLoop, type QueryLoopResult } from './query-loop';

type Db = Database.Database;

/** The facets counted per query: one column each (topics apart: a table of their own). */
export const SQLITE_FACET_COLUMNS = ['force', 'region', 'inspection', 'year', 'section', 'kind', 'inspector'] as const;

const SCHEMA = `
  CREATE TABLE docs (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    force TEXT NOT NULL,
    region TEXT NOT NULL,
    inspection TEXT NOT NULL,
    year INTEGER,
    section TEXT NOT NULL,
    kind TEXT NOT NULL,
    inspector TEXT NOT NULL,
    boilerplate INTEGER NOT NULL
  );
  CREATE TABLE doc_topics (doc INTEGER NOT NULL, topic TEXT NOT NULL, PRIMARY KEY (doc, topic)) WITHOUT ROWID;
  CREATE VIRTUAL TABLE fts USING fts5(text, force, topics, inspector, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3');
`;

/** The match set of one query (per connection, emptied before each query). */
const MATCH_TABLE = `
  CREATE TEMP TABLE IF NOT EXISTS m (
    doc INTEGER PRIMARY KEY, score REAL NOT NULL,
    force TEXT, region TEXT, inspection TEXT, year INTEGER, section TEXT, kind TEXT, inspector TEXT,
    topic_ok INTEGER NOT NULL
  );
`;

/** Quote a word for FTS5 (the mix's words are letters only; doubled quotes keep any other safe). */
const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;

/**
 * The FTS5 MATCH expression of a query of the mix: a quoted phrase stays a phrase; otherwise each
 * word is a term (all required: FTS5's implicit AND) and the last one, still being typed, a prefix.
 */
export function toFts5Query(query: Pick<BenchQuery, 'kind' | 'words' | 'prefixLast'>): string {
  if (query.kind === 'phrase' || query.kind === 'common-phrase') return quote(query.words.join(' '));
  return query.words.map((w, i) => (query.prefixLast && i === query.words.length - 1 ? `${quote(w)}*` : quote(w))).join(' ');
}

/** Thrown out of the load's transaction when `keepGoing` says stop (the transaction rolls back). */
class BuildStopped extends Error {
  constructor(readonly done: number) {
    super(`stopped after ${done} documents`);
  }
}

/**
 * Create the database at `path` (replacing any) and load `docs` into it; returns the open database,
 * or null when `keepGoing` (asked every 10,000 documents with the number loaded) said stop.
 */
export function buildSqliteIndex(path: string, docs: readonly PeerDoc[], keepGoing: (done: number) => boolean = () => true): Db | null {
  rmSync(path, { force: true });
  const db = new Database(path);
  // A bulk load into a fresh file: no journal, no fsync (a crash leaves nothing worth keeping).
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(SCHEMA);
  const insertDoc = db.prepare(
    'INSERT INTO docs (rowid, id, title, force, region, inspection, year, section, kind, inspector, boilerplate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTopic = db.prepare('INSERT OR IGNORE INTO doc_topics (doc, topic) VALUES (?, ?)');
  const insertText = db.prepare('INSERT INTO fts (rowid, text, force, topics, inspector) VALUES (?, ?, ?, ?, ?)');
  try {
    db.transaction(() => {
      docs.forEach((d, i) => {
        const rowid = i + 1;
        insertDoc.run(rowid, d.id, d.title, d.force, d.region, d.inspection, d.year, d.section, d.kind, d.inspector, d.boilerplate ? 1 : 0);
        for (const t of d.topics) insertTopic.run(rowid, t);
        insertText.run(rowid, d.text, d.force, d.topics.join(' '), d.inspector);
        if (rowid % 10_000 === 0 && !keepGoing(rowid)) throw new BuildStopped(rowid);
      });
    })();
  } catch (error) {
    if (!(error instanceof BuildStopped)) throw error;
    db.close();
    rmSync(path, { force: true });
    return null;
  }
  db.exec("INSERT INTO fts (fts) VALUES ('optimize')");
  return db;
}

/** What one query returns: the total, every facet's counts and the page of hits. */
export interface SqliteAnswer {
  total: number;
  facets: Record<(typeof SQLITE_FACET_COLUMNS)[number] | 'topic', Map<string, number>>;
  hits: PeerHit[];
}

/** The filters of the mix as SQL over the match table `m` (facet `except` left out: disjunctive counts). */
function filterSql(filters: BenchQuery['filters'], except?: FilterDimension): { where: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (filters.force !== undefined && except !== 'force') {
    parts.push('m.force = ?');
    params.push(filters.force);
  }
  if (filters.region !== undefined && except !== 'region') {
    parts.push('m.region = ?');
    params.push(filters.region);
  }
  if (filters.topic !== undefined && except !== 'topic') parts.push('m.topic_ok = 1');
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Split FTS5 highlight() output (matches between \u0001 and \u0002) into segments. */
export function segmentsOfHighlight(marked: string): Segment[] {
  const out: Segment[] = [];
  for (const [i, part] of marked.split(/[\u0001\u0002]/).entries()) if (part) out.push({ text: part, match: i % 2 === 1 });
  return out;
}

/** Prepared statements are cached per SQL text (the filter combinations are few). */
function preparedCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
}

/** A searcher over an open database: one query of the mix end to end. */
export function sqliteSearcher(db: Db): (query: BenchQuery) => SqliteAnswer {
  db.exec(MATCH_TABLE);
  const prepare = preparedCache(db);
  const clear = db.prepare('DELETE FROM temp.m');
  const fill = (topic: boolean) =>
    prepare(
      `INSERT INTO temp.m SELECT d.rowid, bm25(fts), d.force, d.region, d.inspection, d.year, d.section, d.kind, d.inspector, ` +
        `${topic ? 'EXISTS (SELECT 1 FROM doc_topics t WHERE t.doc = d.rowid AND t.topic = ?)' : '1'} ` +
        'FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? AND d.boilerplate = 0',
    );
  // The rowid cast to an integer: FTS5 ignores a rowid constraint given as a real number, which is how a JS number is bound.
  const marked = db.prepare('SELECT highlight(fts, 0, char(1), char(2)) AS marked FROM fts WHERE fts MATCH ? AND rowid = CAST(? AS INTEGER)').pluck();
  const docOf = db.prepare('SELECT id, title, force FROM docs WHERE rowid = ?');
  return (query) => {
    const match = toFts5Query(query);
    const { filters } = query;
    clear.run();
    if (filters.topic !== undefined) fill(true).run(filters.topic, match);
    else fill(false).run(match);
    const all = filterSql(filters);
    const total = prepare(`SELECT count(*) FROM m ${all.where}`).pluck().get(...all.params) as number;
    const facets = {} as SqliteAnswer['facets'];
    for (const column of SQLITE_FACET_COLUMNS) {
      const f = filterSql(filters, column === 'force' || column === 'region' ? column : undefined);
      const rows = prepare(`SELECT m.${column} AS value, count(*) AS n FROM m ${f.where} GROUP BY m.${column}`).raw().all(...f.params) as [string | number | null, number][];
      facets[column] = new Map(rows.map(([v, n]) => [String(v ?? ''), n]));
    }
    const t = filterSql(filters, 'topic');
    // CROSS JOIN keeps m outside: the planner has no statistics of the temporary table and would scan every document's topics.
    const topicRows = prepare(`SELECT tp.topic, count(*) FROM m CROSS JOIN doc_topics tp ON tp.doc = m.doc ${t.where} GROUP BY tp.topic`).raw().all(...t.params) as [string, number][];
    facets.topic = new Map(topicRows);
    const size = query.size ?? 20;
    const offset = ((query.page ?? 1) - 1) * size;
    const page = prepare(`SELECT m.doc, m.score FROM m ${all.where} ORDER BY m.score LIMIT ? OFFSET ?`).raw().all(...all.params, size, offset) as [number, number][];
    const hits = page.map(([rowid, score]) => {
      const doc = docOf.get(rowid) as { id: string; title: string; force: string };
      // bm25() is lower for better matches: negated, so higher is better as in the other engines.
      return { ...doc, score: -score, segments: segmentsOfHighlight(marked.get(match, rowid) as string) };
    });
    return { total, facets, hits };
  };
}

/** Open a built database for querying, read-only, with room to keep it all in memory as the other engines do. */
export function openSqliteIndex(path: string): Db {
  const db = new Database(path, { readonly: true });
  db.pragma('cache_size = -1048576');
  db.pragma('mmap_size = 4294967296');
  return db;
}

let sink = 0;

async function runQueries(db: Db, config: QueryConfig): Promise<QueryLoopResult> {
  const search = sqliteSearcher(db);
  const { warmup, queries } = readQueries(config.queriesPath);
  const loop = await runQueryLoop(
    (q) => {
      const answer = search(q);
      sink += answer.hits.length + answer.facets.force.size;
      return answer.total;
    },
    { warmup, queries, budgetMs: config.budgetMs, log: (l) => console.error(l) },
  );
  if (sink < 0) console.error(sink);
  return loop;
}

export async function buildSqlite(config: PeerBuildConfig): Promise<PeerBuildResult> {
  const docs = await readDocsJsonl(config.docsPath);
  collectGarbage();
  console.error(`indexing ${docs.length} documents (SQLite ${new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get()})`);
  const started = performance.now();
  const budget = config.buildBudgetMs ?? Infinity;
  let stoppedAt = 0;
  const db = buildSqliteIndex(config.indexPath, docs, (done) => {
    if (done % 100_000 === 0) console.error(`indexed ${done}/${docs.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    stoppedAt = done;
    return performance.now() - started <= budget;
  });
  if (!db) return abortedBuild(docs.length, stoppedAt, performance.now() - started, budget);
  db.close();
  const buildMs = performance.now() - started;
  const documents = docs.length;
  docs.length = 0;
  collectGarbage();
  const afterBuild = memory();
  console.error(`built in ${(buildMs / 1000).toFixed(1)} s`);
  return {
    documents,
    buildMs,
    rssAfterBuild: afterBuild.rss,
    maxRssAfterBuild: afterBuild.maxRss,
    indexBytes: statSync(config.indexPath).size,
    persistMs: 0,
    maxRss: memory().maxRss,
  };
}

export async function querySqlite(config: QueryConfig & { indexPath: string }): Promise<QueryResult> {
  const t0 = performance.now();
  const db = openSqliteIndex(config.indexPath);
  const t1 = performance.now();
  const afterLoad = loadResult(t1 - t0, { open: t1 - t0 });
  console.error(`opened in ${afterLoad.loadMs.toFixed(1)} ms, RSS ${(afterLoad.rssAfterLoad / 1e6).toFixed(0)} MB`);
  const queries = await runQueries(db, config);
  db.close();
  return { ...afterLoad, queries, maxRss: memory().maxRss };
}

if (isMainModule(import.meta.url)) {
  void childMain({
    build: (c) => buildSqlite(c as PeerBuildConfig),
    query: (c) => querySqlite(c as QueryConfig & { indexPath: string }),
  });
}
