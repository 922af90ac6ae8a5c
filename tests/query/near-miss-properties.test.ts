/**
 * Near misses equal a brute-force reference — every document matched clause by clause, filtered,
 * scored by the simple rule (score.ts `nearMissScore`) and sorted — on random queries, filters and
 * pages over the seeds and a generated corpus; full matches always come first; the MaxScore OR
 * scores fewer candidates than there are near misses when the page is small.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { prepareIndex, type PreparedIndex } from '../../lib/query/prepare-index';
import { prepareQuery, search } from '../../lib/query/search';
import { planOf } from '../../lib/query/query-plan';
import { evaluate, scratchFor } from '../../lib/query/exact-score';
import { countFacets, figureAccept } from '../helpers/reference-facets';
import { resolveFilters } from '../../lib/query/resolve-filters';
import { RANKING, nearMissScore, nearMissWeights, sectionWeightOf } from '../../lib/query/score';
import { SearchParamsSchema, type SearchParams } from '../../lib/query/params';
import { matchDocuments } from '../../lib/query/match-documents';
import { nearMissCandidates, rankNearMisses } from '../../lib/query/near-misses';
import type { RankStats } from '../../lib/query/rank';

const root = mkdtempSync(join(tmpdir(), 'hmic-nearmiss-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const indexes: Record<string, PreparedIndex> = {};
const pools: Record<string, string[]> = {};

const SEED_WORDS = ['investigations', 'conduct', 'twitter', 'gifts', 'hospitality', 'leak', 'psd', 'the', 'media', 'second', 'jobs', 'policy', 'zzz', 'inappropriate', 'disclosure', 'training', 'essex', 'hertfordshire', 'anti', 'corruption'];

beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out: join(root, 'seeds') });
  indexes.seeds = prepareIndex(loadIndex(join(root, 'seeds')));
  pools.seeds = SEED_WORDS;
  const corpus = join(root, 'corpus');
  await generateCorpus({ findings: 3000, seed: 7, outDir: corpus });
  await buildFromDirectory({ source: corpus, out: join(root, 'generated') });
  const generated = prepareIndex(loadIndex(join(root, 'generated')));
  indexes.generated = generated;
  // Rare words (few full matches together) and the most common ones (long lists to prune).
  const { vocab, df } = generated.lexicon;
  const byDf = vocab.map((word, id) => ({ word, df: df[id]! })).filter((t) => /^[a-z]{4,}$/.test(t.word));
  const rare = byDf.filter((t) => t.df >= 2 && t.df <= 60).filter((_, i) => i % 7 === 0).slice(0, 30);
  const common = [...byDf].sort((a, b) => b.df - a.df).slice(0, 8);
  pools.generated = [...rare, ...common].map((t) => t.word);
}, 300_000);

function queryArb(name: string) {
  const word = fc.constantFrom(...pools[name]!);
  const part = fc.oneof(
    { weight: 6, arbitrary: word },
    { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a} OR ${b}`) },
    { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`) },
    { weight: 1, arbitrary: word.map((w) => `-${w}`) },
    { weight: 1, arbitrary: fc.constantFrom('"social media"', 'socialMediaCases>=1', 'secondJobApplications>10') },
  );
  return fc.array(part, { minLength: 2, maxLength: 4 }).map((parts) => `${parts.join(' ')} `);
}

function filtersArb(index: PreparedIndex) {
  return fc.record({
    force: fc.subarray(index.force.values.slice(0, 6), { maxLength: 2 }),
    section: fc.subarray(['findings', 'background', 'notes', 'headline'] as SearchParams['section'], { maxLength: 2 }),
    kind: fc.subarray(['finding', 'paragraph'] as SearchParams['kind'], { maxLength: 1 }),
    includeBoilerplate: fc.boolean(),
  });
}

/** Every near miss of `params`, best first, scored by the rule — from every document, one by one. */
function reference(index: PreparedIndex, params: SearchParams): [number, number][] {
  const { parsed, compiled } = prepareQuery(index, params.q);
  const plan = planOf(index, compiled.positive);
  const clausePlans = compiled.positive.map((c) => planOf(index, [c]));
  // Excluded words exclude the documents saying them (no field matches: see planOf).
  const negativePlans = compiled.negative.map((c) => planOf(index, [c], false));
  const matches = (p: ReturnType<typeof planOf>, d: number) => evaluate(index, p, d, scratchFor(p), false).matched;
  const figures = figureAccept(index, parsed.figures);
  const { boilerplate } = index.core.columns;
  const found: { d: number; matched: number[] }[] = [];
  for (let d = 0; d < index.docCount; d++) {
    if (!params.includeBoilerplate && boilerplate[d]) continue;
    const matched: number[] = clausePlans.map((p) => (matches(p, d) ? 1 : 0));
    const count = matched.reduce((a, b) => a + b, 0);
    if (count === 0 || count === matched.length) continue;
    if (negativePlans.some((p) => matches(p, d)) || !figures(d)) continue;
    found.push({ d, matched });
  }
  const { results } = countFacets(index, found.map((f) => f.d), resolveFilters(index, params, parsed.filters));
  const w = nearMissWeights(plan);
  const scored = [...results].map((i) => [found[i]!.d, nearMissScore(w, found[i]!.matched, sectionWeightOf(index, found[i]!.d))] as [number, number]);
  return scored.sort((a, b) => boilerplate[a[0]]! - boilerplate[b[0]]! || b[1] - a[1] || a[0] - b[0]);
}

describe.each(['seeds', 'generated'])('near misses on the %s', (name) => {
  it('equal the brute-force reference, after every full match, on any page', () => {
    let withNearMisses = 0;
    fc.assert(
      fc.property(fc.constant(null).chain(() => fc.tuple(queryArb(name), filtersArb(indexes[name]!), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 25 }))), ([q, filters, page, size]) => {
        const index = indexes[name]!;
        const params = SearchParamsSchema.parse({ q, ...filters, page, size });
        const results = search(index, params);
        const { compiled } = prepareQuery(index, q);
        const eligible = compiled.positive.length >= 2 && results.total < RANKING.nearMissesBelow;
        const expected = eligible ? reference(index, params) : [];
        expect(results.nearMissTotal).toBe(expected.length);
        if (expected.length > 0) withNearMisses++;
        const from = (page - 1) * size;
        expect(results.hits.length).toBe(Math.max(0, Math.min(size, results.total + expected.length - from)));
        results.hits.forEach((hit, i) => {
          const at = from + i;
          // Full matches first: positions below `total` are full matches, the rest near misses in reference order.
          expect(hit.matchedAll).toBe(at < results.total);
          if (at < results.total) return;
          const [d, score] = expected[at - results.total]!;
          expect(hit.id).toBe(index.core.getDoc(d).id);
          expect(hit.score).toBe(Math.round(score * 1000) / 1000);
        });
        expect(results.pages).toBe(Math.max(1, Math.ceil((results.total + results.nearMissTotal) / size)));
      }),
      { numRuns: name === 'seeds' ? 250 : 80 },
    );
    // The generator must reach the interesting case often enough to mean something.
    expect(withNearMisses).toBeGreaterThan(10);
  });

  it('scores only candidates that can reach the page: fewer than the near misses when they are many', () => {
    const index = indexes[name]!;
    const dfOf = (w: string) => index.lexicon.df[index.lexicon.idOf.get(w) ?? 0]!;
    const common = [...pools[name]!].sort((a, b) => dfOf(b) - dfOf(a)).slice(0, 4);
    const accept = (d: number) => !index.core.columns.boilerplate[d];
    const near = (q: string) => {
      const { compiled } = prepareQuery(index, q);
      const matched = matchDocuments(index, compiled, accept, false);
      return { matched, candidates: nearMissCandidates(matched, (docs) => docs.filter(accept), matched.docs) };
    };
    // A word matching nothing (or a rare one) next to a common word: the common word's documents are near misses.
    fc.assert(
      fc.property(fc.constantFrom(...common), fc.constantFrom('zzzqqq', ...pools[name]!.slice(0, 5)), fc.integer({ min: 1, max: 30 }), (word, other, k) => {
        const q = `${other} ${word} `;
        const { matched, candidates } = near(q);
        const stats: RankStats = { scored: 0 };
        expect(rankNearMisses(index, matched.plan!, matched.clauseDocs(), candidates, k, stats)).toEqual(reference(index, SearchParamsSchema.parse({ q })).slice(0, k));
        expect(stats.scored).toBeLessThanOrEqual(candidates.length);
      }),
      { numRuns: 60 },
    );
    const { matched, candidates } = near(`zzzqqq ${common[0]} `);
    expect(candidates.length).toBeGreaterThan(40);
    const stats: RankStats = { scored: 0 };
    rankNearMisses(index, matched.plan!, matched.clauseDocs(), candidates, 20, stats);
    // Scoring stops once the page holds 20 documents scoring what the common word alone can (the seeds are small: 119 documents).
    expect(stats.scored).toBeLessThan(candidates.length * (name === 'seeds' ? 1 : 0.5));
    expect(stats.scored).toBeGreaterThanOrEqual(20);
  });
});
