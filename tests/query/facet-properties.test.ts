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
  it('segments always concatenate to the text the release states, and snippets to a part of it', () => {
    // The text comes from the parsed release (an independent copy), not from a second highlight.
    const textOf = (slug: string, id: string) => {
      const release = seed.engine.getRelease(slug)!;
      return release.findings.find((f) => f.id === id)?.text ?? release.sections.flatMap((s) => s.paragraphs).find((p) => p.id === id)!.text;
    };
    fc.assert(
      fc.property(queryArb, (q) => {
        for (const hit of seed.search({ q, size: 100, includeBoilerplate: true, fields: 'segments' }).hits) {
          const text = textOf(hit.releaseSlug, hit.id);
          expect(hit.segments!.map((s) => s.text).join('')).toBe(text);
          const window = hit.snippet.map((s) => s.text).join('').replace(/^…|…$/g, '');
          expect(text).toContain(window);
          for (const s of hit.segments!) if (s.match) expect(s.text.trim().length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("adding a facet value changes total by exactly that value's disjunctive count", () => {
    fc.assert(
      fc.property(queryArb, filtersArb(), fc.constantFrom(...FACETS), fc.nat(20), (q, filters, facet, pick) => {
        const before = seed.search({ q, ...filters });
        const options = before.facets[facet];
        if (options.length === 0) return;
        const extra = options[pick % options.length]!;
        const after = seed.search({ q, ...filters, [facet]: [...filters[facet], extra.value] } as never);
        if (extra.selected) {
          expect(after.total).toBe(before.total);
        } else if (filters[facet].length === 0) {
          // A first value of a facet ANDs: the results are exactly the ones its count promised.
          expect(after.total).toBe(extra.count);
          expect(after.total).toBeLessThanOrEqual(before.total);
        } else if (facet === 'topic') {
          // Topics are several per document: ORing a topic adds its documents not already in.
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(after.total).toBeLessThanOrEqual(before.total + extra.count);
        } else {
          // One value per document: ORing a value adds exactly its (disjunctive) count.
          expect(after.total).toBe(before.total + extra.count);
        }
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
