/**
 * Ranking that scores only what can reach the page gives exactly the top k of scoring every hit
 * (same documents, same scores, same order), on random queries over the seeds and over a generated
 * corpus; and the bound it prunes with is never below the exact score.
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
import { prepareQuery } from '../../lib/query/search';
import { matchDocuments } from '../../lib/query/match-documents';
import { atomFrequencies, evaluate, scoreBound } from '../../lib/query/exact-score';
import { rankByRelevance, rankExhaustively, type RankStats } from '../../lib/query/rank';

const root = mkdtempSync(join(tmpdir(), 'hmic-rank-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const indexes: Record<string, PreparedIndex> = {};

beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out: join(root, 'seeds') });
  indexes.seeds = prepareIndex(loadIndex(join(root, 'seeds')));
  const corpus = join(root, 'corpus');
  await generateCorpus({ findings: 4000, seed: 11, outDir: corpus });
  await buildFromDirectory({ source: corpus, out: join(root, 'generated') });
  indexes.generated = prepareIndex(loadIndex(join(root, 'generated')));
}, 300_000);

/**
 * Query words: frequent and rare words, stems, prefixes, typos, synonyms (two-way and one-way,
 * "outside work" as a run), WordNet thesaurus words (divulge, supervision), topic-label words
 * (misconduct, governance), the inspector's name, phrases, exclusions, `OR`.
 */
const WORDS = ['second', 'jobs', 'job', 'media', 'social', 'force', 'policy', 'policies', 'hmic', 'facebook', 'twitter', 'training', 'gifts', 'hospitality', 'anti', 'corruption', 'the', 'of', 'and', 'psd', 'investig', 'hospitalty', 'staff', 'integrity', 'seco', 'secondJobApplications>10', 'moonlighting', 'misconduct', 'leak', 'freebies', 'outside', 'work', 'divulge', 'supervision', 'governance', 'billingham', 'zoe', 'OR'];
const PHRASES = ['"second jobs"', '"of staff"', '"social media"', '"the force"', '-twitter', '-"social media"'];
/** `a OR b` groups of words and phrases (every operand scores as the user's own wording). */
const operandArb = fc.constantFrom(...WORDS.filter((w) => w !== 'OR'), ...PHRASES.filter((p) => !p.startsWith('-')));
const orGroupArb = fc.array(operandArb, { minLength: 2, maxLength: 3 }).map((ops) => ops.join(' OR '));
const queryArb = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...PHRASES) }, { weight: 1, arbitrary: orGroupArb }), { minLength: 1, maxLength: 4 })
  .map((ws) => ws.join(' '));

function ranked(index: PreparedIndex, q: string, includeBoilerplate: boolean) {
  const { compiled } = prepareQuery(index, q);
  const matched = matchDocuments(index, compiled, (d) => includeBoilerplate || !index.core.columns.boilerplate[d], includeBoilerplate);
  return matched;
}

describe.each(['seeds', 'generated'])('ranking on the %s', (name) => {
  it('equals scoring every hit, for any query and page depth', () => {
    fc.assert(
      fc.property(queryArb, fc.integer({ min: 1, max: 120 }), fc.boolean(), (q, wanted, includeBoilerplate) => {
        const index = indexes[name]!;
        const matched = ranked(index, q, includeBoilerplate);
        if (!matched.plan) return;
        const stats: RankStats = { scored: 0 };
        const pruned = rankByRelevance(index, matched.plan, matched.scratch, matched.docs, wanted, stats);
        const exhaustive = rankExhaustively(index, matched.plan, matched.scratch, matched.docs, wanted);
        expect(pruned).toEqual(exhaustive);
        expect(stats.scored).toBeLessThanOrEqual(matched.docs.length);
      }),
      { numRuns: name === 'seeds' ? 300 : 120 },
    );
  });

  it('bounds every hit from above', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const index = indexes[name]!;
        const matched = ranked(index, q, true);
        if (!matched.plan) return;
        const hits = matched.docs.subarray(0, 400);
        const atoms = matched.plan.atoms.length;
        const tf = new Float64Array(hits.length * atoms);
        atomFrequencies(index, matched.plan, hits, tf);
        hits.forEach((d, i) => {
          const exact = evaluate(index, matched.plan!, d, matched.scratch, true).score;
          const tight = scoreBound(index, matched.plan!, d, tf, i * atoms);
          expect(tight).toBeGreaterThanOrEqual(exact);
          // Without phrase alternatives and with one clause the tight bound is the score (up to its margin).
          if (!matched.plan!.hasPhrases && matched.plan!.clauses.length === 1) expect(tight).toBeCloseTo(exact, 6);
        });
      }),
      { numRuns: 80 },
    );
  });
});
