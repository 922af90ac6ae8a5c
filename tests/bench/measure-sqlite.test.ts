import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { SQLITE_FACET_COLUMNS, buildSqliteIndex, segmentsOfHighlight, sqliteSearcher, toFts5Query } from '../../bench/measure-sqlite';
import { toPeerDoc, type PeerDoc } from '../../bench/peer-docs';
import { QUERY_KINDS, buildQueryMix, sampleCorpusDocs, type BenchQuery } from '../../bench/query-mix';
import { listReleaseFiles } from '../../lib/index/build-from-directory';
import { releasesToDocs } from '../../lib/index/documents';
import { ingestFile } from '../../lib/ingest/ingest-file';
import { ensureUniqueSlugs } from '../../lib/ingest/make-slug';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';

const tmpRoot = mkdtempSync(join(tmpdir(), 'hmic-sqlite-'));
let docs: PeerDoc[] = [];
let db: Database.Database;
let queries: BenchQuery[] = [];

beforeAll(async () => {
  const corpus = await generateCorpus({ findings: 1500, seed: 11, outDir: join(tmpRoot, 'corpus') });
  const releases = [];
  for (const file of listReleaseFiles(corpus.dir)) releases.push((await ingestFile(file, corpus.dir)).release);
  // The documents the peers get (bench/parse-corpus.ts does the same).
  docs = releasesToDocs(markBoilerplate(ensureUniqueSlugs(releases))).map(toPeerDoc);
  db = buildSqliteIndex(join(tmpRoot, 'fts.sqlite'), docs)!;
  queries = buildQueryMix(await sampleCorpusDocs(corpus.dir, { seed: 3 }), { count: 105, seed: 3 });
});
afterAll(() => {
  db?.close();
  rmSync(tmpRoot, { recursive: true, force: true });
});

/** The match set of a query counted straight from the tables, filters applied as the mix's params say. */
function directCount(query: BenchQuery, except?: 'force' | 'region'): number {
  const { force, region, topic } = query.filters;
  const where = ['fts MATCH ?', 'd.boilerplate = 0'];
  const params: string[] = [toFts5Query(query)];
  if (force !== undefined && except !== 'force') where.push('d.force = ?') && params.push(force);
  if (region !== undefined && except !== 'region') where.push('d.region = ?') && params.push(region);
  if (topic !== undefined) where.push('EXISTS (SELECT 1 FROM doc_topics t WHERE t.doc = d.rowid AND t.topic = ?)') && params.push(topic);
  return db.prepare(`SELECT count(*) FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE ${where.join(' AND ')}`).pluck().get(...params) as number;
}

describe('SQLite FTS5 peer', () => {
  it('translates each kind of query of the mix to FTS5 syntax', () => {
    const q = (kind: BenchQuery['kind'], words: string[]) => toFts5Query({ kind, words, prefixLast: kind !== 'phrase' && kind !== 'common-phrase' });
    expect(q('word', ['vetting'])).toBe('"vetting"*');
    expect(q('two-words', ['second', 'jobs'])).toBe('"second" "jobs"*');
    expect(q('phrase', ['second', 'jobs'])).toBe('"second jobs"');
    expect(q('prefix', ['social', 'medi'])).toBe('"social" "medi"*');
    // FTS5 cannot correct a typo: the word is searched as typed.
    expect(q('typo', ['vettnig'])).toBe('"vettnig"*');
    expect(q('common-phrase', ['of', 'staff'])).toBe('"of staff"');
    expect(q('stopword', ['the'])).toBe('"the"*');
    expect(toFts5Query({ kind: 'word', words: ['a"b'], prefixLast: false })).toBe('"a""b"');
    for (const query of queries) expect(() => db.prepare('SELECT count(*) FROM fts WHERE fts MATCH ?').get(toFts5Query(query))).not.toThrow();
  });

  it('counts the total and the facets of every query of the mix as a direct SQL count does', () => {
    const search = sqliteSearcher(db);
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(QUERY_KINDS));
    let withHits = 0;
    for (const query of queries) {
      const answer = search(query);
      expect(answer.total, query.q).toBe(directCount(query));
      if (answer.total > 0) withHits++;
      // Disjunctive, as ours: a filtered facet ignores its own filter and applies the others; the rest apply all.
      for (const column of SQLITE_FACET_COLUMNS) {
        const sum = [...answer.facets[column].values()].reduce((a, b) => a + b, 0);
        expect(sum, `${query.q} ${column}`).toBe(column === 'force' || column === 'region' ? directCount(query, column) : answer.total);
      }
      const size = query.size ?? 20;
      const from = ((query.page ?? 1) - 1) * size;
      expect(answer.hits.length).toBe(Math.max(0, Math.min(size, answer.total - from)));
      for (let i = 1; i < answer.hits.length; i++) expect(answer.hits[i - 1]!.score).toBeGreaterThanOrEqual(answer.hits[i]!.score);
      for (const hit of answer.hits) {
        const doc = docs.find((d) => d.id === hit.id)!;
        expect(doc.boilerplate).toBe(false);
        if (query.filters.force !== undefined) expect(doc.force).toBe(query.filters.force);
        if (query.filters.topic !== undefined) expect(doc.topics).toContain(query.filters.topic);
        expect(hit.segments.map((s) => s.text).join('')).toBe(doc.text);
      }
    }
    expect(withHits).toBeGreaterThan(queries.length / 2);
  });

  it('counts topics per document topic, disjunctively', () => {
    const search = sqliteSearcher(db);
    const query: BenchQuery = { kind: 'word', filterCount: 0, q: 'force', words: ['force'], prefixLast: false, filters: {} };
    const answer = search(query);
    const expected = new Map<string, number>();
    const matched = new Set(db.prepare('SELECT rowid FROM fts WHERE fts MATCH ?').pluck().all('"force"') as number[]);
    docs.forEach((d, i) => {
      if (!d.boilerplate && matched.has(i + 1)) for (const t of d.topics) expected.set(t, (expected.get(t) ?? 0) + 1);
    });
    expect(answer.facets.topic).toEqual(expected);
    expect(expected.size).toBeGreaterThan(1);
  });

  it('stops loading when told to (the peer budget), leaving no database behind', () => {
    const path = join(tmpRoot, 'stopped.sqlite');
    const asked: number[] = [];
    expect(buildSqliteIndex(path, [...docs, ...docs, ...docs], (done) => (asked.push(done), false))).toBeNull();
    expect(asked).toEqual([10_000]);
    expect(existsSync(path)).toBe(false);
  });

  it('marks matches in the page text', () => {
    expect(segmentsOfHighlight('a \u0001b\u0002 c')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
    ]);
  });
});
