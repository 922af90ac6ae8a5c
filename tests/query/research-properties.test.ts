/**
 * Properties of group=force and the export, over the real seeds and over a generated corpus
 * (bench/generate-corpus.ts, 45 forces over several years): grouped results hold exactly one hit
 * per force that has hits, each the top-ranked hit of its force in the ungrouped ranking, in the
 * order of those hits; the export lists `total` rows in the order of the ungrouped pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { createEngine, type Engine } from '../../lib/engine/engine';
import { SearchParamsSchema, type SearchParams, type SearchParamsInput } from '../../lib/query/params';
import { SECTION_KINDS, TOPIC_IDS } from '../../lib/schema';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

let seed: SeedIndex;
let work: string;
let generated: Engine;
beforeAll(async () => {
  seed = await buildSeedIndex();
  work = mkdtempSync(join(tmpdir(), 'hmic-groups-'));
  await generateCorpus({ findings: 600, seed: 11, outDir: join(work, 'corpus') });
  const report = await buildFromDirectory({ source: join(work, 'corpus'), out: join(work, 'index') });
  if (!report.manifest) throw new Error(report.errors.map((e) => e.message).join('; '));
  generated = createEngine(loadIndex(join(work, 'index')));
}, 300_000);
afterAll(() => {
  seed?.cleanup();
  generated?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const WORDS = ['second', 'jobs', 'media', 'social', 'force', 'policy', 'hmic', 'police', 'training', 'gifts', 'corruption', 'the', 'psd', 'investig', 'constabulary', 'zz'];
const queryArb = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom('"second jobs"', '-twitter', 'socialMediaCases>=1', 'approvalRate<97', 'secondJobApplications>40')), { maxLength: 3 })
  .map((ws) => ws.join(' '));

const paramsArb = (forces: string[]) =>
  fc.record({
    q: queryArb,
    force: fc.subarray(forces, { maxLength: 3 }),
    topic: fc.subarray([...TOPIC_IDS], { maxLength: 2 }),
    section: fc.subarray([...SECTION_KINDS], { maxLength: 2 }),
    sort: fc.constantFrom('relevance', 'date', 'force'),
    includeBoilerplate: fc.boolean(),
  }) as fc.Arbitrary<SearchParamsInput>;

/** The whole ungrouped ranking: the export's order (asserted equal to the API pages below). */
function ungrouped(engine: Engine, params: SearchParams): string[] {
  const cursor = engine.exportCursor(params);
  const ids: string[] = [];
  for (let batch = cursor.next(97); batch.length; batch = cursor.next(97)) ids.push(...batch.map((d) => d.id));
  return ids;
}

function checkGrouping(engine: Engine, input: SearchParamsInput) {
  const params = SearchParamsSchema.parse({ ...input, size: 100 });
  const plain = engine.search(params);
  const order = ungrouped(engine, params);
  // export row count = total
  expect(order.length).toBe(plain.total);
  // the export is the ungrouped order: its first page is the API's first page
  // (near misses, which the export leaves out, follow the full matches on the page)
  expect(order.slice(0, 100)).toEqual(plain.hits.filter((h) => h.matchedAll).map((h) => h.id));
  const forceOf = new Map<string, string | null>();
  const docs = SearchParamsSchema.parse({ ...input, size: 100 });
  for (let page = 1; page <= plain.pages && page <= 3; page++) {
    for (const h of engine.search({ ...docs, page }).hits) forceOf.set(h.id, h.force);
  }
  if (order.length > forceOf.size) {
    // past the pages fetched: read the forces from the export rows
    const cursor = engine.exportCursor(params);
    for (let batch = cursor.next(500); batch.length; batch = cursor.next(500)) for (const d of batch) forceOf.set(d.id, d.force);
  }
  const firstOfForce = new Map<string | null, string>();
  const countOfForce = new Map<string | null, number>();
  for (const id of order) {
    const f = forceOf.get(id)!;
    if (!firstOfForce.has(f)) firstOfForce.set(f, id);
    countOfForce.set(f, (countOfForce.get(f) ?? 0) + 1);
  }
  const grouped = engine.search({ ...params, group: 'force' });
  expect(grouped.total).toBe(plain.total);
  expect(grouped.groupTotal).toBe(firstOfForce.size);
  // exactly one hit per force with hits, each the top-ranked hit of its force, in ranking order
  expect(grouped.hits.map((h) => h.id)).toEqual([...firstOfForce.values()].slice(0, 100));
  expect(new Set(grouped.hits.map((h) => h.force)).size).toBe(grouped.hits.length);
  for (const h of grouped.hits) expect(h.groupCount).toBe(countOfForce.get(h.force));
}

describe('group=force and export properties', () => {
  it('over the seeds', () => {
    const forces = seed.search({ q: '' }).facets.force.map((f) => f.value);
    fc.assert(
      fc.property(paramsArb(forces), (input) => checkGrouping(seed.engine, input)),
      { numRuns: 120 },
    );
  });

  it('over a generated corpus (45 forces, several years)', () => {
    const all = generated.search(SearchParamsSchema.parse({ q: '', facetLimit: 0 }));
    const forces = all.facets.force.map((f) => f.value);
    expect(forces.length).toBeGreaterThan(40);
    fc.assert(
      fc.property(paramsArb(forces), (input) => checkGrouping(generated, input)),
      { numRuns: 60 },
    );
  });

  it('the ungrouped pages concatenate to the export order (relevance, date, force)', () => {
    for (const engine of [seed.engine, generated]) {
      for (const sort of ['relevance', 'date', 'force'] as const) {
        const params = SearchParamsSchema.parse({ q: 'second jobs', sort, size: 100 });
        const first = engine.search(params);
        const paged: string[] = [];
        for (let page = 1; page <= first.pages; page++) paged.push(...engine.search({ ...params, page }).hits.map((h) => h.id));
        expect(ungrouped(engine, params)).toEqual(paged);
      }
    }
  });
});
