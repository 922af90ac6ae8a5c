/**
 * Two releases per force (tests/fixtures/inspections/: the five 2012 seeds of "Revisiting police
 * relationships" and a 2014 "Integrity matters" release of each force): the inspection and year
 * facets (disjunctive counts against a brute force over the documents), inline filters, the
 * figures of a search and of /figures coming from exactly one release per row, `sort=date`, and
 * the /releases listing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FACETS, FACET_NAMES, type FacetName } from '../../lib/facets';
import { parseRelease } from '../../lib/ingest/parse-release';
import { releasesToDocs, type StoredDoc } from '../../lib/index/documents';
import { compareNewest } from '../../lib/index/newest';
import { SearchParamsSchema, type SearchParams } from '../../lib/query/params';
import type { ReleaseFigures } from '../../lib/query/types';
import { FIGURE_KEYS, SECTION_KINDS, TOPIC_IDS, type Release } from '../../lib/schema';
import { figureTable, figuresCsv, parseFiguresQuery } from '../../app/_components/figures-data';
import { parseReleasesQuery, releasesHref, releasesPage, releasesToggleHref } from '../../app/_components/releases-data';
import { buildInspectionsIndex, INSPECTIONS_DIR, type InspectionsIndex } from '../helpers/inspections-index';

const FORCES = ['Bedfordshire Police', 'Cambridgeshire Constabulary', 'Essex Police', 'Hampshire Constabulary', 'Hertfordshire Constabulary'];
const LATER = ['bedfordshire-police-2014', 'cambridgeshire-constabulary-2014', 'essex-police-2014', 'hampshire-constabulary-2014', 'hertfordshire-constabulary-2014'];
const IM = 'Integrity matters';
const RPR = 'Revisiting police relationships';

let corpus: InspectionsIndex;
let bySlug: Map<string, Release>;
beforeAll(() => {
  corpus = buildInspectionsIndex();
  bySlug = new Map(corpus.releases.map((r) => [r.slug, r]));
});

describe('the two-inspection fixtures', () => {
  it.each(LATER)('%s.txt is recognised as "Integrity matters" (2014)', (slug) => {
    const text = readFileSync(join(INSPECTIONS_DIR, `${slug}.txt`), 'utf8');
    const release = parseRelease(text, { source: `${slug}.txt` });
    expect(release).toMatchObject({ slug, year: 2014, inspection: IM, kind: 'force-release' });
    expect(release.findings.length).toBeGreaterThanOrEqual(5);
    expect(release.figures.secondJobApplications).toBeDefined();
  });

  it('holds ten releases: each force once per inspection', () => {
    expect(corpus.releases.map((r) => `${r.slug}|${r.inspection}|${r.year}`).sort()).toEqual(
      FORCES.flatMap((f) => {
        const base = f.toLowerCase().replace(/ /g, '-');
        return [`${base}-2012|${RPR}|2012`, `${base}-2014|${IM}|2014`];
      }).sort(),
    );
  });
});

/** Values of one facet for a document (brute force, from the stored document). */
function valuesOf(doc: StoredDoc, facet: FacetName): string[] {
  switch (facet) {
    case 'force':
      return doc.force ? [doc.force] : [];
    case 'region':
      return doc.region ? [doc.region] : [];
    case 'inspection':
      return doc.inspection ? [doc.inspection] : [];
    case 'year':
      return doc.year === null ? [] : [String(doc.year)];
    case 'topic':
      return doc.topics;
    case 'section':
      return [doc.section];
    case 'kind':
      return [doc.kind];
    case 'inspector':
      return doc.inspector ? [doc.inspector] : [];
  }
}

/** Every document matching `q` (no facet selection), through the engine's own pages. */
function matchingDocs(q: string, includeBoilerplate: boolean): StoredDoc[] {
  const byId = new Map(releasesToDocs(corpus.built.fullReleases).map((d) => [d.id, d]));
  const out: StoredDoc[] = [];
  for (let page = 1; ; page++) {
    const r = corpus.search({ q, includeBoilerplate, size: 100, page });
    // Full matches only (near misses follow them, and are not what total and facets count).
    out.push(...r.hits.filter((h) => h.matchedAll).map((h) => byId.get(h.id)!));
    if (page >= r.pages) break;
  }
  return out;
}

const WORDS = ['second', 'jobs', 'media', 'social', 'force', 'policy', 'integrity', 'corruption', 'facebook', 'april', 'hmic', 'the', 'zz'];
const queryArb = fc.array(fc.constantFrom(...WORDS, '"second jobs"', '-twitter', 'socialMediaCases>=1'), { maxLength: 2 }).map((ws) => ws.join(' '));

describe('inspection and year facets', () => {
  it('counts per inspection and year, disjunctively; inline filters select like URL params', () => {
    const all = corpus.search({ q: '' });
    expect(all.facets.inspection.map((v) => v.value)).toEqual(expect.arrayContaining([IM, RPR]));
    expect(all.facets.year.map((v) => v.value)).toEqual(['2014', '2012']); // numeric, newest first
    const im = corpus.search({ q: '', inspection: [IM] });
    expect(im.total).toBe(all.facets.inspection.find((v) => v.value === IM)!.count);
    expect(im.hits.every((h) => h.inspection === IM && h.year === 2014)).toBe(true);
    // own facet ignores its selection; the year facet applies it
    expect(im.facets.inspection).toEqual(all.facets.inspection.map((v) => ({ ...v, selected: v.value === IM })));
    expect(im.facets.year).toEqual([{ value: '2014', label: '2014', count: im.total, selected: false }]);
    // inline filters resolve to the same selection (prefix of a word of the value)
    for (const inline of ['inspection:integrity', 'inspection:"integrity matters"', 'year:2014', 'inspection:integ year:2014']) {
      const r = corpus.search({ q: inline });
      expect(r.total, inline).toBe(im.total);
    }
    expect(corpus.search({ q: 'year:2014' }).facets.year.find((v) => v.value === '2014')!.selected).toBe(true);
    // both facets ANDed, values ORed
    expect(corpus.search({ q: '', inspection: [IM], year: ['2012'] }).total).toBe(0);
    expect(corpus.search({ q: '', year: ['2012', '2014'] }).total).toBe(all.total);
    // a selected value that matches nothing stays listed at count 0
    const none = corpus.search({ q: '', inspection: [IM], year: ['2012'] });
    expect(none.facets.year.find((v) => v.value === '2012')).toMatchObject({ count: 0, selected: true });
    expect(none.facets.inspection.find((v) => v.value === IM)).toMatchObject({ count: 0, selected: true });
  });

  it('URL params are validated: year must be a whole number', () => {
    expect(SearchParamsSchema.safeParse({ year: 'twenty' }).success).toBe(false);
    expect(SearchParamsSchema.parse({ year: '2014', inspection: IM })).toMatchObject({ year: ['2014'], inspection: [IM] });
  });

  it('every facet count equals a brute-force count over the documents (disjunctive: all other selections, not its own)', () => {
    const all = corpus.search({ q: '', includeBoilerplate: true });
    const valuesFor = (facet: FacetName) => [...all.facets[facet].map((v) => v.value), 'Nowhere'];
    const selectionArb = fc.record(Object.fromEntries(FACET_NAMES.map((f) => [f, fc.subarray(valuesFor(f), { maxLength: f === 'inspection' || f === 'year' ? 2 : 1 })])) as Record<FacetName, fc.Arbitrary<string[]>>);
    fc.assert(
      fc.property(queryArb, selectionArb, fc.boolean(), (q, selection, includeBoilerplate) => {
        // only valid values go through the schema: drop the closed-set facets' unknown value
        const params = { q, includeBoilerplate, ...selection } as Record<string, unknown>;
        for (const f of FACETS) if (f.valueType !== 'text') params[f.name] = selection[f.name].filter((v) => v !== 'Nowhere');
        const chosen = params as unknown as Record<FacetName, string[]>;
        const docs = matchingDocs(q, includeBoilerplate);
        const passes = (doc: StoredDoc, facet: FacetName) => chosen[facet].length === 0 || valuesOf(doc, facet).some((v) => chosen[facet].includes(v));
        const result = corpus.search({ ...(params as object), size: 1 });
        expect(result.total).toBe(docs.filter((d) => FACET_NAMES.every((f) => passes(d, f))).length);
        for (const facet of FACET_NAMES) {
          const expected = new Map<string, number>();
          for (const doc of docs) {
            if (!FACET_NAMES.every((other) => other === facet || passes(doc, other))) continue;
            for (const v of valuesOf(doc, facet)) expected.set(v, (expected.get(v) ?? 0) + 1);
          }
          for (const v of chosen[facet]) if (!expected.has(v)) expected.set(v, 0);
          const shown = new Map(result.facets[facet].map((v) => [v.value, v.count]));
          expect(shown, `${facet} for ${JSON.stringify(params)}`).toEqual(expected);
          for (const v of result.facets[facet]) expect(v.selected).toBe(chosen[facet].includes(v.value));
        }
      }),
      { numRuns: 120 },
    );
  });
});

/** A figures row's values come from the release it names: each one is that release's finding's own figure. */
function expectFromItsRelease(row: ReleaseFigures): void {
  const release = bySlug.get(row.releaseSlug)!;
  expect(release, row.releaseSlug).toBeDefined();
  expect(row).toMatchObject({ force: release.force, inspection: release.inspection, year: release.year });
  for (const key of FIGURE_KEYS) {
    const figure = row.figures[key];
    if (!figure) continue;
    const finding = release.findings.find((f) => f.id === figure.findingId);
    expect(finding, `${row.releaseSlug} ${key} from ${figure.findingId}`).toBeDefined();
    expect(finding!.figures[key]).toEqual(figure);
  }
}

const filterArb = fc.record({
  force: fc.subarray(FORCES, { maxLength: 2 }),
  inspection: fc.subarray([IM, RPR], { maxLength: 1 }),
  year: fc.subarray(['2012', '2014'], { maxLength: 2 }),
  topic: fc.subarray([...TOPIC_IDS], { maxLength: 1 }),
  section: fc.subarray([...SECTION_KINDS], { maxLength: 1 }),
});

describe('figures belong to one release', () => {
  it("search figures: one row per force, from the newest matching release, never mixed (property)", () => {
    fc.assert(
      fc.property(queryArb, filterArb, (q, filters) => {
        const r = corpus.search({ q, ...filters, fields: 'figures' });
        const forces = r.figures!.map((f) => f.force);
        expect(new Set(forces).size).toBe(forces.length);
        for (const row of r.figures!) expectFromItsRelease(row);
      }),
      { numRuns: 150 },
    );
  });

  it('no filter: the 2014 releases; choosing an inspection or a year picks the release', () => {
    const latest = corpus.search({ q: '', fields: 'figures' }).figures!;
    expect(latest.map((f) => f.releaseSlug)).toEqual(LATER);
    // Bedfordshire 2014 states no social-media figure: the 2012 one must not leak into its row
    const beds = latest.find((f) => f.force === 'Bedfordshire Police')!;
    expect(beds.figures.socialMediaCases).toBeUndefined();
    expect(beds.figures.secondJobApplications?.value).toBe(47);
    for (const params of [{ inspection: [RPR] }, { year: ['2012'] }, { q: 'inspection:revisiting' }]) {
      const older = corpus.search({ q: '', ...params, fields: 'figures' }).figures!;
      expect(older.map((f) => [f.releaseSlug, f.inspection, f.year])).toEqual(LATER.map((s) => [s.replace('2014', '2012'), RPR, 2012]));
      expect(older.find((f) => f.force === 'Essex Police')!.figures.secondJobApplications?.value).toBe(71);
      expect(older.find((f) => f.force === 'Bedfordshire Police')!.figures.socialMediaCases?.value).toBe(5);
    }
  });

  it('/figures: one row per release (two per force), each equal to its release roll-up, filterable by inspection and year', () => {
    const query = parseFiguresQuery(new URLSearchParams(''));
    if (!query.ok) throw new Error(query.issues.join());
    const table = figureTable(corpus.engine, query);
    expect(table.rows).toHaveLength(10);
    for (const force of FORCES) expect(table.rows.filter((r) => r.force === force).map((r) => r.year)).toEqual([2014, 2012]);
    for (const row of table.rows) {
      expectFromItsRelease(row);
      expect(row.figures).toEqual(bySlug.get(row.releaseSlug)!.figures);
    }
    const essex = table.rows.filter((r) => r.force === 'Essex Police');
    expect(essex.map((r) => r.approvalRate)).toEqual([80 / 83, 1]);
    expect(table.facets.inspection.map((v) => [v.value, v.count])).toEqual(expect.arrayContaining([[IM, expect.any(Number)], [RPR, expect.any(Number)]]));

    const only = parseFiguresQuery(new URLSearchParams('inspection=Integrity+matters&sort=secondJobApplications'));
    if (!only.ok) throw new Error(only.issues.join());
    const rows = figureTable(corpus.engine, only).rows;
    expect(rows.map((r) => r.releaseSlug)).toEqual(['essex-police-2014', 'hertfordshire-constabulary-2014', 'hampshire-constabulary-2014', 'bedfordshire-police-2014', 'cambridgeshire-constabulary-2014']);
    const byYear = parseFiguresQuery(new URLSearchParams('year=2012&force=Essex+Police'));
    if (!byYear.ok) throw new Error(byYear.issues.join());
    expect(figureTable(corpus.engine, byYear).rows.map((r) => r.releaseSlug)).toEqual(['essex-police-2012']);

    const csv = figuresCsv(table.rows).trim().split('\r\n');
    expect(csv[0]!.split(',').slice(0, 5)).toEqual(['force', 'region', 'inspection', 'year', 'release']);
    expect(csv).toHaveLength(11);
    expect(csv).toContain('Essex Police,Eastern Region,Integrity matters,2014,essex-police-2014,83,essex-police-2014-7,80,essex-police-2014-7,4,essex-police-2014-5,3,essex-police-2014-3,94,essex-police-2014-10,0.9639');
  });

  it('/figures rows come from their release for any filters (property)', () => {
    fc.assert(
      fc.property(filterArb, (filters) => {
        const usp = new URLSearchParams();
        for (const [k, vs] of Object.entries(filters)) for (const v of vs) usp.append(k, v);
        const query = parseFiguresQuery(usp);
        if (!query.ok) throw new Error(query.issues.join());
        const rows = figureTable(corpus.engine, query).rows;
        expect(new Set(rows.map((r) => r.releaseSlug)).size).toBe(rows.length);
        for (const row of rows) expectFromItsRelease(row);
      }),
      { numRuns: 100 },
    );
  });
});

describe('sort=date (newest first, one rule)', () => {
  it('compareNewest: date, else year, then slug', () => {
    const rs = [
      { slug: 'b', date: null, year: 2012 },
      { slug: 'a', date: null, year: 2012 },
      { slug: 'c', date: '2014-03-01', year: 2014 },
      { slug: 'd', date: null, year: 2014 },
      { slug: 'e', date: null, year: null },
      { slug: 'f', date: '2013-12-31', year: 2013 },
    ];
    expect([...rs].sort(compareNewest).map((r) => r.slug)).toEqual(['c', 'd', 'f', 'a', 'b', 'e']);
  });

  it('search hits are listed newest release first, then in document order', () => {
    const params = (page: number): Partial<SearchParams> => ({ q: '', sort: 'date', size: 100, page });
    const hits = [...corpus.search(params(1)).hits, ...corpus.search(params(2)).hits];
    expect(hits.length).toBe(corpus.search({ q: '' }).total);
    const slugs = hits.map((h) => h.releaseSlug);
    const releaseOrder = [...new Set(slugs)];
    expect(releaseOrder).toEqual([...corpus.releases].sort(compareNewest).map((r) => r.slug));
    // each release's hits are contiguous
    expect(releaseOrder.length).toBe(slugs.filter((s, i) => i === 0 || slugs[i - 1] !== s).length);
    // with a text query too: the years never go up
    const jobs = corpus.search({ q: 'second jobs', sort: 'date', size: 100 });
    const years = jobs.hits.map((h) => h.year!);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(jobs.hits.every((h) => h.score > 0)).toBe(true);
  });
});

describe('/releases listing', () => {
  it('filters by inspection, year and force with disjunctive counts, sorts newest first, paginates', () => {
    const parsed = parseReleasesQuery(new URLSearchParams('inspection=Integrity+matters'), 2);
    if (!parsed.ok) throw new Error(parsed.issues.join());
    const first = releasesPage(corpus.engine, parsed.query);
    expect(first).toMatchObject({ total: 5, page: 1, pages: 3 });
    expect(first.rows.map((r) => r.slug)).toEqual(['bedfordshire-police-2014', 'cambridgeshire-constabulary-2014']);
    const pages = [1, 2, 3].flatMap((page) => releasesPage(corpus.engine, { ...parsed.query, page }).rows.map((r) => r.slug));
    expect(pages).toEqual(LATER);
    // past the end: the last page
    expect(releasesPage(corpus.engine, { ...parsed.query, page: 9 }).page).toBe(3);
    expect(first.facets.inspection.map((v) => [v.value, v.count, v.selected])).toEqual([
      [IM, 5, true],
      [RPR, 5, false],
    ]);
    expect(first.facets.year.map((v) => [v.value, v.count])).toEqual([['2014', 5]]);
    expect(first.facets.force.every((v) => v.count === 1)).toBe(true);

    const all = releasesPage(corpus.engine, { filters: {}, sort: 'date', page: 1, size: 50 });
    expect(all.rows.map((r) => r.slug)).toEqual([...corpus.releases].sort(compareNewest).map((r) => r.slug));
    expect(all.rows[0]).toMatchObject({ inspection: IM, year: 2014 });
    const byForce = releasesPage(corpus.engine, { filters: { year: ['2012', '2014'], force: ['Essex Police'] }, sort: 'force', page: 1, size: 50 });
    expect(byForce.rows.map((r) => r.slug)).toEqual(['essex-police-2014', 'essex-police-2012']);
    expect(byForce.facets.force.find((v) => v.value === 'Hampshire Constabulary')!.count).toBe(2);
  });

  it('links keep the URL state', () => {
    const parsed = parseReleasesQuery({ force: ['Essex Police'], year: '2014', sort: 'force', page: '2' });
    if (!parsed.ok) throw new Error(parsed.issues.join());
    expect(releasesHref(parsed.query)).toBe('/releases?force=Essex+Police&year=2014&sort=force');
    expect(releasesHref(parsed.query, { page: 3 })).toBe('/releases?force=Essex+Police&year=2014&sort=force&page=3');
    expect(releasesToggleHref(parsed.query, 'year', '2014')).toBe('/releases?force=Essex+Police&sort=force');
    expect(releasesToggleHref(parsed.query, 'inspection', IM)).toBe('/releases?force=Essex+Police&inspection=Integrity+matters&year=2014&sort=force');
    expect(parseReleasesQuery(new URLSearchParams('sort=bogus')).ok).toBe(false);
    expect(parseReleasesQuery(new URLSearchParams('page=0')).ok).toBe(false);
  });
});
