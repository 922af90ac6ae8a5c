/**
 * The one-pass collector (lib/query/collect.ts) equals the frozen reference (countFacets,
 * keepFigureMatches, figureStats and near-miss `keep` as search.ts ran them before;
 * tests/helpers/reference-facets.ts): result documents, total, every facet's counts, figure stats
 * and the per-document near-miss filter, on the seeds and a generated corpus, for random text
 * matches (random document subsets and real query matches), random facet selections (params and
 * inline `force:`-style filters) and random figure comparisons, with and without boilerplate.
 * Queries run back to back, so scratch left dirty by one would show in the next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { FACETS, emptyFacetSelection, type FacetName } from '../../lib/facets';
import { COMPARABLE_FIGURES, parseQuery } from '../../lib/query/parse-query';
import { TOPIC_IDS } from '../../lib/schema';
import { collect } from '../../lib/query/collect';
import { matchDocuments } from '../../lib/query/match-documents';
import { prepareIndex, type PreparedIndex } from '../../lib/query/prepare-index';
import { resolveFilters } from '../../lib/query/resolve-filters';
import { prepareQuery } from '../../lib/query/search';
import { referenceCollect } from '../helpers/reference-facets';

const root = mkdtempSync(join(tmpdir(), 'hmic-collect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const indexes: Record<string, PreparedIndex> = {};
/** Per index: words for text queries, and figure values stated (comparison targets near them). */
const words: Record<string, string[]> = {};
const figureValues: Record<string, number[]> = {};

const SEED_WORDS = ['second', 'jobs', 'media', 'social', 'the', 'police', 'twitter', 'gifts', 'hospitality', 'investigations', 'conduct', 'policy', 'training', 'essex', 'anti', 'corruption', 'zzz'];

beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out: join(root, 'seeds') });
  indexes.seeds = prepareIndex(loadIndex(join(root, 'seeds')));
  words.seeds = SEED_WORDS;
  const corpus = join(root, 'corpus');
  // Several forces and years (release i: force i % 45, year 2012 + i / 45), figures in the findings.
  await generateCorpus({ findings: 4000, seed: 11, outDir: corpus });
  await buildFromDirectory({ source: corpus, out: join(root, 'generated') });
  const generated = prepareIndex(loadIndex(join(root, 'generated')));
  indexes.generated = generated;
  const { vocab, df } = generated.lexicon;
  const byDf = vocab.map((word, id) => ({ word, df: df[id]! })).filter((t) => /^[a-z]{4,}$/.test(t.word));
  const rare = byDf.filter((t) => t.df >= 2 && t.df <= 200).filter((_, i) => i % 11 === 0).slice(0, 20);
  const common = [...byDf].sort((a, b) => b.df - a.df).slice(0, 8);
  words.generated = [...rare, ...common].map((t) => t.word);
  for (const [name, index] of Object.entries(indexes)) {
    const values = [...index.releaseFigureValue].filter((v) => !Number.isNaN(v));
    figureValues[name] = [...new Set(values.map((v) => Math.round(v)))];
  }
}, 300_000);

/** Values a facet may be given: the index's own, plus one it does not have. */
function valuesOf(index: PreparedIndex, facet: FacetName): string[] {
  const own = facet === 'topic' ? [...TOPIC_IDS] : index.facetColumns[facet].values;
  return [...own, facet === 'year' ? '1999' : 'nonesuch'];
}

/** Inline filter prefixes (`force:ess`): the start of a value's first or last word. */
function inlineOf(value: string, cut: number): string {
  const parts = value.split(/[\s-]+/).filter(Boolean);
  const word = parts[cut % parts.length] ?? value;
  return word.replace(/[^A-Za-z0-9]/g, '').slice(0, 2 + (cut % Math.max(1, word.length - 1))) || 'x';
}

function filtersArb(name: string) {
  const index = indexes[name]!;
  const facet = fc.constantFrom(...FACETS.map((f) => f.name));
  const selection = fc.tuple(facet, fc.array(fc.nat(1000), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.nat(5));
  const op = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('>=', '<', '!=') }, { weight: 1, arbitrary: fc.constantFrom('>', '<=', '=') });
  const target = fc.oneof(fc.constantFrom(...figureValues[name]!), fc.constantFrom(0, 1, 10, 50, 95, 100), fc.integer({ min: 0, max: 120 }));
  const comparison = fc.tuple(fc.constantFrom(...COMPARABLE_FIGURES), op, target).map(([key, o, v]) => `${key}${o}${v}`);
  return fc.record({
    selections: fc.oneof(fc.constant([]), fc.array(selection, { minLength: 1, maxLength: 3 })),
    comparisons: fc.oneof(fc.constant([]), fc.array(comparison, { minLength: 1, maxLength: 3 })),
    includeBoilerplate: fc.boolean(),
  }).map(({ selections, comparisons, includeBoilerplate }) => {
    const params = emptyFacetSelection();
    const inline: string[] = [];
    for (const [f, picks, asInline, cut] of selections) {
      const values = valuesOf(index, f);
      for (const p of picks) {
        const value = values[p % values.length]!;
        if (asInline) inline.push(`${f}:${inlineOf(value, cut)}`);
        else params[f].push(value);
      }
    }
    return { params, filterText: [...inline, ...comparisons].join(' '), includeBoilerplate };
  });
}

/** A text match: a random subset of every document, or what a random query matches. */
function textArb(name: string) {
  const subset = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()).map(([density, seed]) => ({ kind: 'subset' as const, density, seed }));
  const word = fc.constantFrom(...words[name]!);
  const part = fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a} OR ${b}`) }, { weight: 1, arbitrary: word.map((w) => `-${w}`) });
  const query = fc.array(part, { maxLength: 3 }).map((parts) => ({ kind: 'query' as const, q: parts.join(' ') }));
  return fc.oneof(subset, query);
}

/** Ascending documents, each kept with probability `density` (a small LCG: reproducible from `seed`). */
function randomSubset(index: PreparedIndex, density: number, seed: number): Uint32Array {
  const out: number[] = [];
  let x = seed >>> 0 || 1;
  for (let d = 0; d < index.docCount; d++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    if (x / 2 ** 32 < density) out.push(d);
  }
  return Uint32Array.from(out);
}

for (const name of ['seeds', 'generated']) {
  describe(`collect equals the reference (${name})`, () => {
    it('results, total, facets, figure stats and the near-miss filter test', () => {
      let withResults = 0;
      let withComparisons = 0;
      fc.assert(
        fc.property(textArb(name), filtersArb(name), (text, filters) => {
          const index = indexes[name]!;
          const q = text.kind === 'query' ? `${text.q} ${filters.filterText}` : filters.filterText;
          const parsed = parseQuery(q);
          const selections = resolveFilters(index, filters.params, parsed.filters);
          const { boilerplate } = index.core.columns;
          const accept = (d: number) => filters.includeBoilerplate || !boilerplate[d];
          const textMatch =
            text.kind === 'query' ? matchDocuments(index, prepareQuery(index, q).compiled, accept, filters.includeBoilerplate) : { docs: randomSubset(index, text.density, text.seed) };
          const want = referenceCollect(index, textMatch as never, selections, parsed.figures, filters.includeBoilerplate);
          const got = collect(index, textMatch.docs, { selections, figures: parsed.figures, includeBoilerplate: filters.includeBoilerplate });
          expect(got.total).toBe(want.resultDocs.length);
          expect([...got.docs]).toEqual([...want.resultDocs]);
          expect(got.facets).toEqual(want.facets);
          expect(got.figureStats).toEqual(want.figureStats);
          // The near-miss test on a spread of documents (every one on the small seeds).
          const step = Math.max(1, Math.floor(index.docCount / 400));
          for (let d = (text.kind === 'subset' ? text.seed : 0) % step; d < index.docCount; d += step) {
            if (got.passes(d) !== want.passing(d)) expect({ d, passes: got.passes(d) }).toEqual({ d, passes: want.passing(d) });
          }
          if (got.total > 0) withResults++;
          if (parsed.figures.length > 0) withComparisons++;
        }),
        { numRuns: name === 'seeds' ? 150 : 120 },
      );
      // The generated cases exercise what they claim to.
      console.log(`${name}: ${withResults} cases with results, ${withComparisons} with comparisons`);
      expect(withResults).toBeGreaterThan(12);
      expect(withComparisons).toBeGreaterThan(25);
    }, 120_000);
  });
}
