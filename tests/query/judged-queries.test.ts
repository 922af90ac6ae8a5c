/** Judged queries on the real seeds (acceptance criteria of the search-core issue). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import type { SearchParamsInput } from '../../lib/query/params';

let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
});
afterAll(() => seed?.cleanup());

/** The search with the whole texts and the figure rows (both opt-in) that these judgements read. */
const search = (input: SearchParamsInput) => seed.search({ fields: 'segments,figures', ...input });
const text = (hit: { segments?: { text: string }[] }) => hit.segments!.map((s) => s.text).join('');
const marked = (hit: { segments?: { text: string; match: boolean }[] }) => hit.segments!.filter((s) => s.match).map((s) => s.text.toLowerCase());

describe('judged queries on the seeds', () => {
  it('"second jobs" ranks the five "applications for second jobs" findings first, with no boilerplate', () => {
    const r = search({ q: 'second jobs' });
    const top5 = r.hits.slice(0, 5);
    expect(top5.every((h) => /applications for second jobs/.test(text(h)))).toBe(true);
    expect(new Set(top5.map((h) => h.force)).size).toBe(5);
    expect(r.hits.some((h) => h.boilerplate || h.section === 'notes')).toBe(false);
    expect(marked(top5[0]!)).toEqual(expect.arrayContaining(['second', 'jobs']));
  });

  it('"second jobs" force:essex returns only Essex findings, each containing the phrase', () => {
    const r = search({ q: '"second jobs" force:essex' });
    expect(r.total).toBeGreaterThanOrEqual(3);
    for (const h of r.hits) {
      expect(h.force).toBe('Essex Police');
      expect(text(h).toLowerCase()).toContain('second jobs');
    }
    expect(r.facets.force.find((f) => f.value === 'Essex Police')?.selected).toBe(true);
  });

  it('"PSD" finds the Essex and Hertfordshire second-job policy findings (Professional Standards Department)', () => {
    const r = search({ q: 'PSD' });
    const forces = r.hits.map((h) => h.force);
    expect(forces).toContain('Essex Police');
    expect(forces).toContain('Hertfordshire Constabulary');
    const herts = r.hits.find((h) => h.force === 'Hertfordshire Constabulary')!;
    expect(text(herts)).toContain('Professional Standards Department');
    expect(marked(herts)).toEqual(['professional', 'standards', 'department']);
    // exact acronym outranks the synonym expansion
    expect(r.hits[0]!.force).toBe('Essex Police');
  });

  it('"hospitalty" (typo) finds the gifts-and-hospitality findings and suggests the spelling', () => {
    const r = search({ q: 'hospitalty' });
    expect(r.total).toBeGreaterThanOrEqual(5);
    expect(r.hits.every((h) => /hospitality/i.test(text(h)))).toBe(true);
    expect(r.suggestion).toBe('hospitality');
  });

  it('"self assessment checklist" finds the health-check findings of all five forces', () => {
    const r = search({ q: 'self assessment checklist' });
    const findingForces = new Set(r.hits.filter((h) => h.kind === 'finding').map((h) => h.force));
    expect(findingForces.size).toBe(5);
    expect(r.hits.slice(0, 5).every((h) => h.kind === 'finding' && /Self[- ]+Assessment Checklist/i.test(text(h)))).toBe(true);
  });

  it('secondJobApplications>60 returns Hampshire and Essex', () => {
    const r = search({ q: 'secondJobApplications>60' });
    expect(new Set(r.hits.map((h) => h.force))).toEqual(new Set(['Hampshire Constabulary', 'Essex Police']));
    expect(r.total).toBe(2);
  });

  it('hyphen and space variants are equal: "anti corruption" = "anti-corruption"', () => {
    const a = search({ q: 'anti corruption' });
    const b = search({ q: 'anti-corruption' });
    expect(a.total).toBeGreaterThan(0);
    expect(a.hits.map((h) => h.id)).toEqual(b.hits.map((h) => h.id));
  });

  it('stems match: "investigation" finds "investigated" findings', () => {
    const r = search({ q: 'investigation' });
    expect(r.hits.some((h) => marked(h).includes('investigated'))).toBe(true);
  });

  it('prefix on the last word (search-as-you-type): "second jo"', () => {
    const r = search({ q: 'second jo' });
    expect(r.hits.slice(0, 5).every((h) => /second jobs/.test(text(h)))).toBe(true);
  });

  it('synonyms: "social networking" also finds Facebook / Twitter findings', () => {
    const r = search({ q: 'social networking' });
    expect(r.hits.some((h) => /Facebook/.test(text(h)) && !/social networking/i.test(text(h)))).toBe(true);
  });

  it('the inspector is a field of the quote: "zoe billingham" finds her (non-boilerplate) quote paragraphs; the shared "said:" line folds diacritics', () => {
    const r = search({ q: 'zoe billingham', size: 100 });
    expect(r.total).toBeGreaterThanOrEqual(5);
    expect(r.hits.every((h) => h.section === 'quote' && h.inspector === 'Zoë Billingham' && !h.boilerplate)).toBe(true);
    expect(new Set(r.hits.map((h) => h.force)).size).toBe(5);
    expect(r.facets.inspector).toEqual([{ value: 'Zoë Billingham', label: 'Zoë Billingham', count: r.total, selected: false }]);
    const withShared = search({ q: 'zoe billingham', includeBoilerplate: true, size: 100 });
    const saidLine = withShared.hits.find((h) => h.boilerplate && /Billingham, said:/.test(text(h)))!;
    expect(saidLine.segments!.filter((s) => s.match).map((s) => [s.text, s.via])).toEqual([
      ['Zoë', 'exact'],
      ['Billingham', 'exact'],
    ]);
  });

  it('exclusion removes matches: "facebook -twitter" keeps only synonym hits without Twitter', () => {
    const r = search({ q: 'facebook -twitter', size: 100 });
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) expect(text(h)).not.toMatch(/twitter|facebook/i);
    expect(search({ q: 'facebook' }).total).toBeGreaterThan(r.total);
    for (const h of search({ q: 'media -social', size: 100 }).hits) expect(text(h).toLowerCase()).not.toContain('social');
  });

  it('includeBoilerplate brings the notes back, ranked last', () => {
    const r = search({ q: 'social media', includeBoilerplate: true, size: 100 });
    const firstBoiler = r.hits.findIndex((h) => h.boilerplate);
    expect(firstBoiler).toBeGreaterThan(0);
    expect(r.hits.slice(firstBoiler).every((h) => h.boilerplate)).toBe(true);
  });

  it('findings rank above background, quote and notes for the same words', () => {
    const r = search({ q: 'media', size: 100 });
    const rank = { findings: 0, headline: 1, background: 1, quote: 2, 'report-link': 3, notes: 4 } as const;
    const firstNonFinding = r.hits.findIndex((h) => h.section !== 'findings');
    expect(firstNonFinding).toBeGreaterThan(5);
    expect(rank[r.hits[0]!.section]).toBe(0);
  });

  it('results are deterministic and paginate without overlap', () => {
    const p1 = search({ q: 'force', size: 5, page: 1 });
    const p2 = search({ q: 'force', size: 5, page: 2 });
    expect(search({ q: 'force', size: 5, page: 1 }).hits.map((h) => h.id)).toEqual(p1.hits.map((h) => h.id));
    expect(p1.hits.map((h) => h.id).filter((id) => p2.hits.some((h) => h.id === id))).toEqual([]);
    expect(p1.pages).toBe(Math.ceil(p1.total / 5));
  });

  it('an empty query lists all 42 findings when kind=finding, with facet counts per force', () => {
    const r = search({ q: '', kind: ['finding'], size: 100 });
    expect(r.total).toBe(42);
    const counts = Object.fromEntries(r.facets.force.map((f) => [f.value, f.count]));
    expect(counts).toEqual({
      'Hertfordshire Constabulary': 6,
      'Bedfordshire Police': 10,
      'Hampshire Constabulary': 5,
      'Essex Police': 10,
      'Cambridgeshire Constabulary': 11,
    });
  });

  it('figures per force carry provenance ids of real findings', () => {
    const r = search({ q: '' });
    const essex = r.figures!.find((f) => f.force === 'Essex Police')!;
    expect(essex.figures.secondJobApplications?.value).toBe(71);
    expect(essex.figures.conductInvestigations?.value).toBe(116);
    expect(seed.engine.getFinding(essex.figures.secondJobApplications!.findingId)?.finding.force).toBe('Essex Police');
  });

  it('a no-hit query offers "did you mean"', () => {
    const r = search({ q: 'facebok' });
    expect(r.suggestion).toBe('facebook');
  });
});

describe('typos and synonyms together', () => {
  it('a misspelt word still brings its synonyms: "facebok" finds as much as "facebook"', () => {
    expect(search({ q: 'facebok' }).total).toBe(search({ q: 'facebook' }).total);
  });
});

describe('did you mean', () => {
  it('is not offered when another word matches nothing ("hospitalty zebra")', () => {
    const r = search({ q: 'hospitalty zebra' });
    expect(r.total).toBe(0);
    expect(r.suggestion).toBeUndefined();
  });
});
