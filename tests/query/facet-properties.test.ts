/** Properties of search over the real seeds, with random queries and filters (fast-check). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TOPIC_IDS, SECTION_KINDS } from '../../lib/schema';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

let seed: SeedIndex;
let forces: string[];
let regions: string[];
beforeAll(async () => {
  seed = await buildSeedIndex();
  const all = seed.search({ q: '' });
  forces = all.facets.force.map((f) => f.value);
  regions = all.facets.region.map((f) => f.value);
});
afterAll(() => seed?.cleanup());

const WORDS = ['second', 'jobs', 'media', 'social', 'force', 'policy', 'hmic', 'facebook', 'training', 'gifts', 'anti', 'corruption', 'health', 'check', 'the', 'psd', 'investig', 'zz'];
const queryArb = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom('"second jobs"', '-twitter', 'socialMediaCases>=1', '"social media"')), { maxLength: 3 }).map((ws) => ws.join(' '));

const filtersArb = () =>
  fc.record({
    force: fc.subarray(forces, { maxLength: 2 }),
    region: fc.subarray(regions, { maxLength: 1 }),
    topic: fc.subarray([...TOPIC_IDS], { maxLength: 2 }),
    section: fc.subarray([...SECTION_KINDS], { maxLength: 2 }),
    kind: fc.subarray(['finding', 'paragraph'] as ('finding' | 'paragraph')[], { maxLength: 1 }),
    includeBoilerplate: fc.boolean(),
  });

const FACETS = ['force', 'region', 'topic', 'section', 'kind'] as const;

describe('search properties', () => {
  it('segments always concatenate to the hit text', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        for (const hit of seed.search({ q, size: 100, includeBoilerplate: true }).hits) {
          const doc = seed.engine.getFinding(hit.id)!;
          expect(hit.segments.map((s) => s.text).join('')).toBe(doc.finding.segments.map((s) => s.text).join(''));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('adding a filter never raises total', () => {
    fc.assert(
      fc.property(queryArb, filtersArb(), fc.constantFrom(...FACETS), fc.nat(20), (q, filters, facet, pick) => {
        const before = seed.search({ q, ...filters });
        const values = before.facets[facet].map((f) => f.value);
        if (values.length === 0) return;
        const extra = values[pick % values.length]!;
        const after = seed.search({ q, ...filters, [facet]: [...filters[facet], extra] } as never);
        // adding a value to an already-selected facet ORs (can grow); adding a first value to a facet ANDs.
        if (filters[facet].length === 0) expect(after.total).toBeLessThanOrEqual(before.total);
        // an inline filter on a facet the params leave open narrows too
        if (filters.section.length === 0) {
          const withQueryFilter = seed.search({ q: `${q} section:findings`, ...filters });
          expect(withQueryFilter.total).toBeLessThanOrEqual(before.total);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a selected value's count equals the total when only that facet is set (disjunctive counts)", () => {
    fc.assert(
      fc.property(queryArb, fc.constantFrom(...FACETS), fc.nat(20), fc.boolean(), (q, facet, pick, includeBoilerplate) => {
        const base = seed.search({ q, includeBoilerplate });
        const values = base.facets[facet];
        if (values.length === 0) return;
        const value = values[pick % values.length]!;
        const only = seed.search({ q, includeBoilerplate, [facet]: [value.value] } as never);
        const shown = only.facets[facet].find((f) => f.value === value.value)!;
        expect(shown.selected).toBe(true);
        expect(shown.count).toBe(only.total);
        expect(shown.count).toBe(value.count);
        // other values of the same facet keep their counts (disjunctive)
        expect(only.facets[facet].map((f) => [f.value, f.count]).sort()).toEqual(values.map((f) => [f.value, f.count]).sort());
      }),
      { numRuns: 150 },
    );
  });

  it('selected values stay listed at count 0', () => {
    const r = seed.search({ q: 'facebook', section: ['notes'] });
    expect(r.total).toBe(0);
    expect(r.facets.section.find((f) => f.value === 'notes')).toMatchObject({ count: 0, selected: true });
  });
});
