/**
 * Judged sets: queries graded by hand against the seed documents (`tests/fixtures/judged/*.json`),
 * and their nDCG@10 — printed by `npm test` (tests/query/judged-sets.test.ts) and `npm run bench`.
 *
 * File format (`formatVersion` 1): `{formatVersion, name, comment, queries: [{q, params?, grades}]}`;
 * `params` are search params besides `q` (`{"force": ["Essex Police"]}`), `grades` maps document
 * ids to 3 (answers the query), 2 (clearly about it) or 1 (touches it); unlisted documents grade 0.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './child';
import { buildFromDirectory } from '../lib/index/build-from-directory';
import { loadIndex } from '../lib/index/load-index';
import { createEngine } from '../lib/engine/engine';
import { SearchParamsSchema } from '../lib/query/params';

export const JUDGED_FORMAT_VERSION = 1;

/** Where the judged sets live. */
export const JUDGED_DIR = join(REPO_ROOT, 'tests/fixtures/judged');

/** nDCG cut-off. */
export const NDCG_DEPTH = 10;

const JudgedSetSchema = z.object({
  formatVersion: z.literal(JUDGED_FORMAT_VERSION),
  name: z.string().min(1),
  comment: z.string(),
  queries: z
    .array(
      z.object({
        q: z.string(),
        params: z.record(z.string(), z.unknown()).optional(),
        grades: z.record(z.string(), z.number().int().min(1).max(3)).refine((g) => Object.keys(g).length > 0, 'a query needs at least one graded document'),
      }),
    )
    .min(1),
});
export type JudgedSet = z.infer<typeof JudgedSetSchema>;
export type JudgedQuery = JudgedSet['queries'][number];

/** Every judged set under `dir` (sorted by file name); throws naming the file when one fails its schema. */
export function readJudgedSets(dir = JUDGED_DIR): JudgedSet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = JudgedSetSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${join(dir, f)}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/**
 * Normalised discounted cumulative gain at `k` of a ranking (document ids, best first) against
 * graded judgments: DCG = Σ (2^grade − 1) / log2(rank + 1) over the first k, divided by the DCG
 * of the ideal ranking of the judged documents. 0 when nothing is judged relevant.
 */
export function ndcgAt(k: number, ranking: readonly string[], grades: Readonly<Record<string, number>>): number {
  const gain = (grade: number, i: number) => (2 ** grade - 1) / Math.log2(i + 2);
  const dcg = ranking.slice(0, k).reduce((sum, id, i) => sum + gain(grades[id] ?? 0, i), 0);
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + gain(grade, i), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

export interface JudgedScore {
  name: string;
  /** Mean nDCG@10 over the set's queries. */
  ndcg: number;
  /** Mean precision@10: judged (grade ≥ 1) documents among the first 10 hits, over min(10, judged). */
  precision: number;
  perQuery: { q: string; ndcg: number; precision: number; top: string[] }[];
}

/** Score `set` with `rank` (a query and its params → document ids, best first). */
export function scoreJudgedSet(set: JudgedSet, rank: (q: string, params: Record<string, unknown>) => string[]): JudgedScore {
  const perQuery = set.queries.map(({ q, params, grades }) => {
    const top = rank(q, params ?? {}).slice(0, NDCG_DEPTH);
    const judged = top.filter((id) => (grades[id] ?? 0) > 0).length;
    return { q, ndcg: ndcgAt(NDCG_DEPTH, top, grades), precision: judged / Math.min(NDCG_DEPTH, Object.keys(grades).length), top };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { name: set.name, ndcg: mean(perQuery.map((p) => p.ndcg)), precision: mean(perQuery.map((p) => p.precision)), perQuery };
}

/** One judged set's result as the bench records it. */
export interface RelevanceReport {
  name: string;
  queries: number;
  ndcg: number;
  precision: number;
}

/** Build `seeds/` into a temporary index and score every judged set on it (what `npm run bench` prints). */
export async function measureJudgedSets(): Promise<RelevanceReport[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hmic-judged-'));
  try {
    await buildFromDirectory({ source: join(REPO_ROOT, 'seeds'), out: dir });
    const engine = createEngine(loadIndex(dir));
    const rank = (q: string, params: Record<string, unknown>) => engine.search(SearchParamsSchema.parse({ ...params, q, size: NDCG_DEPTH })).hits.map((h) => h.id);
    return readJudgedSets().map((set) => {
      const s = scoreJudgedSet(set, rank);
      return { name: s.name, queries: s.perQuery.length, ndcg: s.ndcg, precision: s.precision };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
