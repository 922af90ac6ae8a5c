/** Near misses on the real seeds: what a reader sees, what stays counted as full matches only. */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import { SearchParamsSchema, type SearchParamsInput } from '../../lib/query/params';
import { NEAR_MISS_DIVIDER } from '../../lib/query/types';

let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
}, 120_000);
afterAll(() => seed?.cleanup());

const textOf = (hit: { segments?: { text: string }[] }) => hit.segments!.map((s) => s.text).join('');
/** The search with each hit's whole text and the figure rows (both opt-in), which these tests read. */
const search = (input: SearchParamsInput) => seed.search({ fields: 'segments,figures', ...input });

describe('near misses', () => {
  it('"investigations into conduct": the one full match, then findings matching some of the words', () => {
    const results = search({ q: 'investigations into conduct', size: 50 });
    expect(results.total).toBe(1);
    expect(results.hits[0]).toMatchObject({ id: 'essex-police-2012-10', matchedAll: true });
    const near = results.hits.slice(1);
    expect(near.length).toBe(results.nearMissTotal);
    expect(near.length).toBeGreaterThan(0);
    for (const hit of near) expect(hit.matchedAll).toBe(false);
    // The forces that "have not investigated any instances" are what the reader wants next.
    const notInvestigated = near.filter((h) => /has not investigated any instances/.test(textOf(h)));
    expect(notInvestigated.length).toBeGreaterThanOrEqual(3);
    expect(new Set(notInvestigated.map((h) => h.force)).size).toBe(notInvestigated.length);
    // Ranked by score, and every near miss below the full match.
    for (let i = 1; i < near.length; i++) expect(near[i]!.score).toBeLessThanOrEqual(near[i - 1]!.score);
  });

  it('total, facets, figures, figure stats and the export count full matches only', () => {
    const params = { q: 'investigations into conduct', fields: 'segments,figures' };
    const results = search(params);
    const facetTotal = results.facets.force.reduce((sum, v) => sum + v.count, 0);
    expect(facetTotal).toBe(1);
    expect(results.figures!.map((f) => f.force)).toEqual(['Essex Police']);
    expect(results.figureStats.conductInvestigations.count).toBeLessThanOrEqual(1);
    expect(seed.engine.exportCursor(SearchParamsSchema.parse(params)).total).toBe(1);
    // The same search without near misses is otherwise identical.
    const without = seed.engine.search(SearchParamsSchema.parse(params), { nearMisses: false });
    expect(without.nearMissTotal).toBe(0);
    expect({ ...results, hits: [], took_ms: 0, nearMissTotal: 0, pages: 0 }).toEqual({ ...without, hits: [], took_ms: 0, pages: 0 });
  });

  it('pages run through the full matches, then the near misses', () => {
    const all = search({ q: 'investigations into conduct', size: 100 }).hits.map((h) => h.id);
    const pages = search({ q: 'investigations into conduct', size: 3 }).pages;
    expect(pages).toBe(Math.ceil(all.length / 3));
    const paged = Array.from({ length: pages }, (_, p) => search({ q: 'investigations into conduct', size: 3, page: p + 1 }).hits.map((h) => h.id)).flat();
    expect(paged).toEqual(all);
  });

  it('follow the full matches under every sort, newest first or by force among themselves', () => {
    const q = 'investigations into conduct';
    const relevance = search({ q, size: 100 });
    const nearIds = (hits: { id: string; matchedAll?: boolean }[]) => hits.filter((h) => h.matchedAll === false).map((h) => h.id);
    for (const sort of ['date', 'force'] as const) {
      const sorted = search({ q, size: 100, sort });
      expect(sorted.hits[0]).toMatchObject({ id: 'essex-police-2012-10', matchedAll: true });
      expect(nearIds(sorted.hits).sort()).toEqual(nearIds(relevance.hits).sort());
      // Each near miss keeps its near-miss score whatever the sort.
      const scoreOf = new Map(relevance.hits.map((h) => [h.id, h.score]));
      for (const hit of sorted.hits.slice(1)) expect(hit.score).toBe(scoreOf.get(hit.id));
    }
    const byForce = search({ q, size: 100, sort: 'force' }).hits.slice(1).map((h) => h.force!);
    expect(byForce).toEqual([...byForce].sort());
  });

  it('obey facet filters, inline filters and negated words', () => {
    const essex = search({ q: 'investigations into conduct', force: ['Essex Police'], size: 50 });
    for (const hit of essex.hits) expect(hit.force).toBe('Essex Police');
    const inline = search({ q: 'investigations into conduct force:hertfordshire', size: 50 });
    expect(inline.total).toBe(0);
    expect(inline.nearMissTotal).toBeGreaterThan(0);
    for (const hit of inline.hits) expect(hit.force).toBe('Hertfordshire Constabulary');
    const negated = search({ q: 'investigations into conduct -media', size: 50 });
    for (const hit of negated.hits) expect(textOf(hit)).not.toMatch(/\bmedia\b/i);
  });

  it('"second jobs" keeps its top 10 (recorded before near misses existed) and shows no near miss', () => {
    const results = search({ q: 'second jobs', size: 10 });
    expect(results.hits.map((h) => [h.id, h.score])).toEqual([
      ['hampshire-constabulary-2012-4', 6.966],
      ['hertfordshire-constabulary-2012-6', 6.723],
      ['bedfordshire-police-2012-9', 6.687],
      ['cambridgeshire-constabulary-2012-9', 6.687],
      ['essex-police-2012-7', 6.687],
      ['essex-police-2012-6', 4.826],
      ['bedfordshire-police-2012-2', 4.319],
      ['cambridgeshire-constabulary-2012-2', 4.319],
      ['essex-police-2012-2', 4.106],
      ['hertfordshire-constabulary-2012-1', 2.915],
    ]);
    expect(results.nearMissTotal).toBe(0);
  });

  it('no near misses with 10 or more full matches, one positive clause, or group=force', () => {
    const words = ['force', 'the', 'media', 'staff', 'police', 'policy', 'since', 'investigated', 'gifts', 'conduct', 'zzz'];
    let many = 0;
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.constantFrom(...words), (a, b) => {
        const results = search({ q: `${a} ${b} `, size: 100 });
        if (results.total >= 10) {
          many++;
          expect(results.nearMissTotal).toBe(0);
          for (const hit of results.hits) expect(hit.matchedAll).toBe(true);
        }
        expect(search({ q: `${a} ${b} `, group: 'force' }).nearMissTotal).toBe(0);
      }),
      { numRuns: 60 },
    );
    expect(many).toBeGreaterThan(0);
    expect(search({ q: 'zzz' }).nearMissTotal).toBe(0);
  });

  it('the CLI prints the divider above the first near miss', () => {
    const out = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/search.ts', 'investigations into conduct', '--index', seed.dir], { encoding: 'utf8' });
    const lines = out.split('\n');
    const divider = lines.indexOf(NEAR_MISS_DIVIDER);
    expect(divider).toBeGreaterThan(lines.findIndex((l) => l.startsWith('essex-police-2012-10')));
    expect(lines.filter((l) => l === NEAR_MISS_DIVIDER)).toHaveLength(1);
    expect(out).toMatch(/^1 hits \+ \d+ matching some of the words/);
  });
});
