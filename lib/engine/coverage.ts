/**
 * Coverage (/coverage): which inspections, forces and years the index holds, and for each
 * inspection which of the 43 territorial forces plus British Transport Police have no release —
 * so an empty search can be read as "not indexed" rather than "not found". A pure function of the
 * release summaries (engine.listReleases()), the forces list and the known inspections.
 */
import type { Force } from '../ingest/resolve-force';
import type { Inspection } from '../ingest/resolve-inspection';
import type { ReleaseSummary } from './release-list';

export interface InspectionCoverage {
  /** The inspection's name, or null for releases that name none. */
  name: string | null;
  /** The year lib/data/inspections.json gives it (null when it is not listed there). */
  knownYear: number | null;
  /** Years of its indexed releases, ascending. */
  years: number[];
  releaseCount: number;
  /** Forces with at least one release for this inspection, in forces.json order. */
  present: string[];
  /** Forces of forces.json with no release for this inspection, in forces.json order. */
  missing: string[];
}

export interface ForceCoverage {
  force: string;
  releaseCount: number;
  /** Inspections it has releases for, in the order of the inspections table. */
  inspections: string[];
  years: number[];
}

export interface Coverage {
  releaseCount: number;
  /** Indexed inspections first (known ones in inspections.json order, then unknown ones by name, then "none"), then known inspections with no release at all. */
  inspections: InspectionCoverage[];
  /** Every force of forces.json (releaseCount 0 when none is indexed). */
  forces: ForceCoverage[];
  /** Years of the indexed releases with their release counts, newest first. */
  years: { year: number; releaseCount: number }[];
  /** Releases without a force or year (not counted in the tables above). */
  withoutForce: number;
  withoutYear: number;
}

type CoverageRelease = Pick<ReleaseSummary, 'force' | 'inspection' | 'year'>;

const ascending = (a: number, b: number) => a - b;

export function coverageTable(releases: readonly CoverageRelease[], forces: readonly Force[], inspections: readonly Inspection[]): Coverage {
  const forceNames = forces.map((f) => f.name);
  const known = new Map(inspections.map((inspection, i) => [inspection.name, { inspection, order: i }] as const));
  const byInspection = new Map<string | null, { releases: number; years: Set<number>; forces: Set<string> }>();
  const byForce = new Map<string, { releases: number; inspections: Set<string>; years: Set<number> }>();
  const years = new Map<number, number>();
  let withoutForce = 0;
  let withoutYear = 0;

  for (const r of releases) {
    let entry = byInspection.get(r.inspection);
    if (!entry) byInspection.set(r.inspection, (entry = { releases: 0, years: new Set(), forces: new Set() }));
    entry.releases++;
    if (r.year !== null) {
      entry.years.add(r.year);
      years.set(r.year, (years.get(r.year) ?? 0) + 1);
    } else withoutYear++;
    if (r.force === null) {
      withoutForce++;
      continue;
    }
    entry.forces.add(r.force);
    let f = byForce.get(r.force);
    if (!f) byForce.set(r.force, (f = { releases: 0, inspections: new Set(), years: new Set() }));
    f.releases++;
    if (r.inspection !== null) f.inspections.add(r.inspection);
    if (r.year !== null) f.years.add(r.year);
  }

  const rank = (name: string | null) => (name === null ? [2, 0] : known.has(name) ? [0, known.get(name)!.order] : [1, 0]);
  const indexed = [...byInspection.keys()].sort((a, b) => {
    const [ga, oa] = rank(a);
    const [gb, ob] = rank(b);
    return ga! - gb! || oa! - ob! || (a ?? '').localeCompare(b ?? '');
  });
  const row = (name: string | null): InspectionCoverage => {
    const entry = byInspection.get(name);
    const present = entry?.forces ?? new Set<string>();
    // Forces outside forces.json (should not happen: releases resolve to canonical names) are listed as present too.
    const extra = [...present].filter((f) => !forceNames.includes(f)).sort();
    return {
      name,
      knownYear: name === null ? null : (known.get(name)?.inspection.year ?? null),
      years: [...(entry?.years ?? [])].sort(ascending),
      releaseCount: entry?.releases ?? 0,
      present: [...forceNames.filter((f) => present.has(f)), ...extra],
      missing: forceNames.filter((f) => !present.has(f)),
    };
  };
  const inspectionRows = [...indexed.map(row), ...inspections.filter((i) => !byInspection.has(i.name)).map((i) => row(i.name))];
  const order = new Map(inspectionRows.map((r, i) => [r.name, i] as const));
  const forceRow = (force: string): ForceCoverage => {
    const f = byForce.get(force);
    return {
      force,
      releaseCount: f?.releases ?? 0,
      inspections: [...(f?.inspections ?? [])].sort((a, b) => order.get(a)! - order.get(b)!),
      years: [...(f?.years ?? [])].sort(ascending),
    };
  };
  const extraForces = [...byForce.keys()].filter((f) => !forceNames.includes(f)).sort();

  return {
    releaseCount: releases.length,
    inspections: inspectionRows,
    forces: [...forceNames, ...extraForces].map(forceRow),
    years: [...years].sort((a, b) => b[0] - a[0]).map(([year, releaseCount]) => ({ year, releaseCount })),
    withoutForce,
    withoutYear,
  };
}
