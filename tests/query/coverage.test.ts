/** Coverage (/coverage, lib/engine/coverage.ts) of the seeds and of the two-inspection corpus. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageTable } from '../../lib/engine/coverage';
import { ENGLAND_AND_WALES_FORCES, FORCES } from '../../lib/ingest/resolve-force';
import { INSPECTIONS } from '../../lib/ingest/resolve-inspection';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import { buildInspectionsIndex } from '../helpers/inspections-index';

const SEED_FORCES = ['Bedfordshire Police', 'Cambridgeshire Constabulary', 'Essex Police', 'Hampshire Constabulary', 'Hertfordshire Constabulary'];
const RPR = 'Revisiting police relationships';

let seeds: SeedIndex;
beforeAll(async () => {
  seeds = await buildSeedIndex();
});
afterAll(() => seeds?.cleanup());

describe('the forces coverage expects', () => {
  it('are the 43 territorial forces of England and Wales plus British Transport Police (not PSNI)', () => {
    expect(ENGLAND_AND_WALES_FORCES).toHaveLength(44);
    expect(ENGLAND_AND_WALES_FORCES.map((f) => f.name)).toContain('British Transport Police');
    expect(ENGLAND_AND_WALES_FORCES.map((f) => f.name)).not.toContain('Police Service of Northern Ireland');
    expect(FORCES).toHaveLength(45);
  });
});

describe('coverage of the seeds', () => {
  it(`"${RPR}": 5 forces present, 39 missing (British Transport Police among them)`, () => {
    const c = coverageTable(seeds.engine.listReleases(), ENGLAND_AND_WALES_FORCES, INSPECTIONS);
    expect(c.releaseCount).toBe(5);
    const rpr = c.inspections[0]!;
    expect(rpr).toMatchObject({ name: RPR, knownYear: 2012, years: [2012], releaseCount: 5, present: SEED_FORCES });
    expect(rpr.missing).toHaveLength(39);
    expect(rpr.missing).toContain('British Transport Police');
    expect(rpr.missing).toContain('Kent Police');
    expect(rpr.missing).not.toContain('Essex Police');
    expect(rpr.missing).not.toContain('Police Service of Northern Ireland');
    // The other known inspections follow with no release: every force missing.
    expect(c.inspections.slice(1).map((i) => [i.name, i.releaseCount, i.missing.length])).toEqual([
      ['Without fear or favour', 0, 44],
      ['Policing in austerity', 0, 44],
      ['Integrity matters', 0, 44],
      ['PEEL: Police legitimacy', 0, 44],
    ]);
    expect(c.years).toEqual([{ year: 2012, releaseCount: 5 }]);
    expect(c.forces).toHaveLength(44);
    expect(c.forces.filter((f) => f.releaseCount > 0).map((f) => f.force)).toEqual(SEED_FORCES);
    expect(c.forces.find((f) => f.force === 'Essex Police')).toEqual({ force: 'Essex Police', releaseCount: 1, inspections: [RPR], years: [2012] });
    expect(c.forces.find((f) => f.force === 'Kent Police')).toEqual({ force: 'Kent Police', releaseCount: 0, inspections: [], years: [] });
  });
});

describe('coverage of the two-inspection corpus', () => {
  it('both inspections list the same 5 forces present and 39 missing; each force has both inspections', () => {
    const c = coverageTable(buildInspectionsIndex().engine.listReleases(), ENGLAND_AND_WALES_FORCES, INSPECTIONS);
    expect(c.releaseCount).toBe(10);
    expect(c.inspections.map((i) => [i.name, i.releaseCount, i.years, i.present.length, i.missing.length])).toEqual([
      [RPR, 5, [2012], 5, 39],
      ['Integrity matters', 5, [2014], 5, 39],
      ['Without fear or favour', 0, [], 0, 44],
      ['Policing in austerity', 0, [], 0, 44],
      ['PEEL: Police legitimacy', 0, [], 0, 44],
    ]);
    expect(c.years).toEqual([
      { year: 2014, releaseCount: 5 },
      { year: 2012, releaseCount: 5 },
    ]);
    expect(c.forces.find((f) => f.force === 'Essex Police')).toEqual({ force: 'Essex Police', releaseCount: 2, inspections: [RPR, 'Integrity matters'], years: [2012, 2014] });
  });

  it('a release of an unknown inspection, one without inspection and one of a force outside the list are reported, not dropped', () => {
    const c = coverageTable(
      [
        { force: 'Essex Police', inspection: 'Some new review', year: 2020 },
        { force: 'Police Service of Northern Ireland', inspection: null, year: null },
        { force: null, inspection: RPR, year: 2012 },
      ],
      ENGLAND_AND_WALES_FORCES,
      INSPECTIONS,
    );
    expect(c.inspections.slice(0, 3).map((i) => [i.name, i.knownYear, i.present])).toEqual([
      [RPR, 2012, []],
      ['Some new review', null, ['Essex Police']],
      [null, null, ['Police Service of Northern Ireland']],
    ]);
    expect(c.inspections[2]!.missing).toHaveLength(44);
    expect(c.withoutForce).toBe(1);
    expect(c.withoutYear).toBe(1);
    expect(c.forces.at(-1)).toEqual({ force: 'Police Service of Northern Ireland', releaseCount: 1, inspections: [], years: [] });
  });
});
