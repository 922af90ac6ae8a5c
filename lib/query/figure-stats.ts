/**
 * Figure comparisons (`secondJobApplications>=50`, `approvalRate<95`) and figure facet stats.
 *
 * - {@link figureAccept}: the documents a list of comparisons accepts. A stated figure matches the
 *   documents stating it; the derived `approvalRate` (secondJobsApproved ÷ secondJobApplications ×
 *   100, both from the release's roll-up) matches the documents stating the second-job
 *   applications of the releases where it holds.
 * - {@link figureStats}: per figure, over the RELEASES with a matching document, min, max, count
 *   and up to {@link MAX_BUCKETS} buckets of tidy equal width (1, 2, 5 × 10^n). Disjunctive like the
 *   facets: a figure's own comparisons do not narrow its own stats (one pass over the documents
 *   the query matches without any comparison, with a bit per failed figure).
 */
import type { TextMatch } from './match-documents';
import { COMPARABLE_FIGURES, compare, type ComparableFigure, type FigureFilter } from './parse-query';
import type { PreparedIndex } from './prepare-index';

export const MAX_BUCKETS = 6;

export interface FigureBucket {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound. */
  to: number;
  /** Releases whose value is in [from, to). */
  count: number;
}

export interface FigureStat {
  /** Smallest value among the releases (rates rounded to 2 decimals), null when none states it. */
  min: number | null;
  max: number | null;
  /** Releases (with a matching document) that state the figure. */
  count: number;
  /** Contiguous buckets from the one holding `min` to the one holding `max` (empty ones included). */
  buckets: FigureBucket[];
}

export type FigureStats = Record<ComparableFigure, FigureStat>;

const F = COMPARABLE_FIGURES.length;
const RATE = COMPARABLE_FIGURES.indexOf('approvalRate');
const FIGURE_INDEX = new Map<string, number>(COMPARABLE_FIGURES.map((k, i) => [k, i] as const));

/** Per release and comparable figure (`r * F + k`): the release's value, NaN when it does not state it (computed at build). */
function releaseValues(index: PreparedIndex): Float64Array {
  return index.releaseFigureValue;
}

/** A release's approval rate (0–100), or null when it does not state both figures. */
export function releaseApprovalRate(index: PreparedIndex, releaseIndex: number): number | null {
  const v = releaseValues(index)[releaseIndex * F + RATE]!;
  return Number.isNaN(v) ? null : v;
}

/** True when document `d` satisfies comparison `f`. */
function passes(index: PreparedIndex, values: Float64Array, f: FigureFilter, d: number): boolean {
  const { figures, release } = index.core.columns;
  if (f.key === 'approvalRate') {
    if (figures.secondJobApplications[d]! < 0) return false;
    const rate = values[release[d]! * F + RATE]!;
    return !Number.isNaN(rate) && compare(rate, f.op, f.value);
  }
  const v = figures[f.key][d]!;
  return v >= 0 && compare(v, f.op, f.value);
}

/** The documents every comparison of `filters` accepts (all documents when there is none). */
export function figureAccept(index: PreparedIndex, filters: readonly FigureFilter[]): (d: number) => boolean {
  if (filters.length === 0) return () => true;
  const values = releaseValues(index);
  return (d) => {
    for (const f of filters) if (!passes(index, values, f, d)) return false;
    return true;
  };
}

/** `match` narrowed to the documents the comparisons accept. */
export function keepFigureMatches(index: PreparedIndex, match: TextMatch, filters: readonly FigureFilter[]): TextMatch {
  if (filters.length === 0) return match;
  const accept = figureAccept(index, filters);
  const docs = new Uint32Array(match.docs.length);
  let n = 0;
  for (let i = 0; i < match.docs.length; i++) {
    const d = match.docs[i]!;
    if (accept(d)) docs[n++] = d;
  }
  return { ...match, docs: docs.subarray(0, n) };
}

/** The smallest tidy width (1, 2, 5 × 10^n) that covers [min, max] in at most MAX_BUCKETS buckets. */
export function tidyWidth(min: number, max: number): number {
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) {
      const w = step * power;
      if (Math.floor(max / w) - Math.floor(min / w) + 1 <= MAX_BUCKETS) return w;
    }
  }
}

function statOf(values: number[]): FigureStat {
  if (values.length === 0) return { min: null, max: null, count: 0, buckets: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const w = tidyWidth(min, max);
  const first = Math.floor(min / w);
  const buckets: FigureBucket[] = [];
  for (let b = first; b <= Math.floor(max / w); b++) buckets.push({ from: b * w, to: (b + 1) * w, count: 0 });
  for (const v of values) buckets[Math.floor(v / w) - first]!.count++;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { min: round(min), max: round(max), count: values.length, buckets };
}

/**
 * Figure stats over the releases with a matching document.
 * @param universe documents (ascending) matching the query and the facet selections but NO figure comparison
 * @param filters the query's figure comparisons: a document counts for figure K when it passes every comparison not on K
 */
export function figureStats(index: PreparedIndex, universe: ArrayLike<number>, filters: readonly FigureFilter[]): FigureStats {
  const values = releaseValues(index);
  const release = index.core.columns.release;
  const releaseCount = index.core.releaseCount;
  // Per release: bit F = a document passing every comparison; bit k = one failing only comparisons on figure k.
  const ALL = 1 << F;
  const seen = new Uint8Array(releaseCount);
  const touched: number[] = [];
  const keyIndex = filters.map((f) => FIGURE_INDEX.get(f.key)!);
  for (let i = 0; i < universe.length; i++) {
    const d = universe[i]!;
    let failed = 0;
    for (let j = 0; j < filters.length; j++) if (!passes(index, values, filters[j]!, d)) failed |= 1 << keyIndex[j]!;
    const bit = failed === 0 ? ALL : (failed & (failed - 1)) === 0 ? failed : 0;
    if (bit === 0) continue;
    const r = release[d]!;
    if (seen[r] === 0) touched.push(r);
    seen[r]! |= bit;
  }
  const out = {} as FigureStats;
  COMPARABLE_FIGURES.forEach((key, k) => {
    const list: number[] = [];
    for (const r of touched) {
      if ((seen[r]! & (ALL | (1 << k))) === 0) continue;
      const v = values[r * F + k]!;
      if (!Number.isNaN(v)) list.push(v);
    }
    out[key] = statOf(list);
  });
  return out;
}
