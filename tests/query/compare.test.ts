/**
 * The compare grid (/compare, lib/engine/compare.ts) on the real seeds and on the two-inspection
 * corpus: columns are the forces with the most hits (or the forces named), rows the topics, each
 * cell the force's findings on that topic (exact counts, highlighted hits) and the topic's figures
 * stated by the releases those hits come from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareGrid, DEFAULT_COLUMNS, HITS_PER_CELL, MAX_COLUMNS, type CompareCell, type CompareGrid } from '../../lib/engine/compare';
import { SearchParamsSchema, type SearchParamsInput } from '../../lib/query/params';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import { buildInspectionsIndex, type InspectionsIndex } from '../helpers/inspections-index';

let seeds: SeedIndex;
let corpus: InspectionsIndex;
beforeAll(async () => {
  seeds = await buildSeedIndex();
  corpus = buildInspectionsIndex();
});
afterAll(() => seeds?.cleanup());

const grid = (engine: SeedIndex['engine'], input: SearchParamsInput) => compareGrid(engine, SearchParamsSchema.parse(input));
const cell = (g: CompareGrid, topic: string | null, force: string): CompareCell => {
  const row = g.rows.find((r) => r.topic === topic);
  if (!row) throw new Error(`no row ${topic}`);
  return row.cells[g.columns.findIndex((c) => c.force === force)]!;
};
const figureText = (c: CompareCell) => c.figures.map((f) => `${f.key}=${f.value}@${f.releaseSlug}`);

describe('compare grid on the seeds', () => {
  it('"second jobs": the five forces by hits, Essex first; its Second jobs cell holds the applications finding and figures 71/71', () => {
    const g = grid(seeds.engine, { q: 'second jobs' });
    expect(g.defaulted).toBe(true);
    expect(g.columns.map((c) => c.force)).toEqual(['Essex Police', 'Bedfordshire Police', 'Cambridgeshire Constabulary', 'Hertfordshire Constabulary', 'Hampshire Constabulary']);
    expect(g.columns[0]!.total).toBe(3);
    expect(g.rows[0]!.topic).toBe('second-jobs');
    expect(g.rows[0]!.label).toBe('Second jobs');
    const essex = cell(g, 'second-jobs', 'Essex Police');
    expect(essex.count).toBe(3);
    expect(figureText(essex)).toEqual(['secondJobApplications=71@essex-police-2012', 'secondJobsApproved=71@essex-police-2012']);
    // The applications finding is listed in the cell, with the query's words marked.
    const applications = essex.hits.find((h) => h.id === essex.figures[0]!.findingId);
    expect(applications?.id).toBe('essex-police-2012-7');
    expect(applications!.figures.secondJobApplications?.value).toBe(71);
    expect(applications!.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase())).toEqual(expect.arrayContaining(['second', 'jobs']));
    expect(cell(g, 'second-jobs', 'Hampshire Constabulary').figures.map((f) => f.value)).toEqual([71, 70]);
  });

  it('every hit sits under a topic it has, in the column of its force; counts are the search counts', () => {
    const g = grid(seeds.engine, { q: 'second jobs' });
    for (const row of g.rows) {
      row.cells.forEach((c, i) => {
        expect(c.force).toBe(g.columns[i]!.force);
        expect(c.hits.length).toBeLessThanOrEqual(Math.min(c.count, HITS_PER_CELL));
        for (const h of c.hits) {
          expect(h.force).toBe(c.force);
          expect(h.kind).toBe('finding');
          if (row.topic) expect(h.topics).toContain(row.topic);
          else expect(h.topics).toEqual([]);
        }
        if (row.topic) expect(c.count).toBe(seeds.search({ q: 'second jobs', kind: 'finding', force: c.force, topic: row.topic }).total);
        // A figure belongs to its topic's row only.
        if (row.topic !== 'second-jobs') expect(c.figures.filter((f) => f.key.startsWith('secondJob'))).toEqual([]);
      });
    }
  });

  it('forces named in the URL are the columns, in URL order (also one with no hit); the picker lists every force with hits', () => {
    const g = grid(seeds.engine, { q: 'second jobs', force: ['Hampshire Constabulary', 'Essex Police', 'Kent Police'] });
    expect(g.defaulted).toBe(false);
    expect(g.columns.map((c) => [c.force, c.total])).toEqual([
      ['Hampshire Constabulary', 1],
      ['Essex Police', 3],
      ['Kent Police', 0],
    ]);
    expect(g.options.map((o) => [o.force, o.selected])).toEqual([
      ['Essex Police', true],
      ['Bedfordshire Police', false],
      ['Cambridgeshire Constabulary', false],
      ['Hertfordshire Constabulary', false],
      ['Hampshire Constabulary', true],
      ['Kent Police', true],
    ]);
    expect(cell(g, 'second-jobs', 'Kent Police')).toEqual({ force: 'Kent Police', count: 0, hits: [], figures: [] });
  });

  it('a topic filter keeps only its row; no hit, no columns', () => {
    const g = grid(seeds.engine, { q: 'facebook', topic: 'social-media' });
    expect(g.rows.map((r) => r.topic)).toEqual(['social-media']);
    expect(g.columns.length).toBeLessThanOrEqual(DEFAULT_COLUMNS);
    const none = grid(seeds.engine, { q: 'zzzqqq' });
    expect(none.columns).toEqual([]);
    expect(none.rows).toEqual([]);
    const many = grid(seeds.engine, { force: Array.from({ length: MAX_COLUMNS + 2 }, (_, i) => `Force ${i}`) });
    expect(many.columns).toHaveLength(MAX_COLUMNS);
    expect(many.dropped).toEqual(['Force 8', 'Force 9']);
  });
});

describe('compare grid on the two-inspection corpus', () => {
  it('a force column holds both releases: the Second jobs cell has the 2012 and 2014 findings and each release’s figures, newest first', () => {
    const g = grid(corpus.engine, { q: 'second jobs' });
    const essex = cell(g, 'second-jobs', 'Essex Police');
    expect(essex.count).toBe(6);
    expect(new Set(essex.hits.map((h) => h.releaseSlug))).toEqual(new Set(['essex-police-2012', 'essex-police-2014']));
    expect(figureText(essex)).toEqual([
      'secondJobApplications=83@essex-police-2014',
      'secondJobsApproved=80@essex-police-2014',
      'secondJobApplications=71@essex-police-2012',
      'secondJobsApproved=71@essex-police-2012',
    ]);
    expect(essex.figures.map((f) => [f.inspection, f.year])).toContainEqual(['Integrity matters', 2014]);
  });

  it('an inspection filter narrows cells and figures to that inspection’s releases', () => {
    const g = grid(corpus.engine, { q: 'second jobs', inspection: 'Revisiting police relationships' });
    const essex = cell(g, 'second-jobs', 'Essex Police');
    expect(essex.count).toBe(3);
    expect(essex.hits.every((h) => h.releaseSlug === 'essex-police-2012')).toBe(true);
    expect(figureText(essex)).toEqual(['secondJobApplications=71@essex-police-2012', 'secondJobsApproved=71@essex-police-2012']);
  });
});
