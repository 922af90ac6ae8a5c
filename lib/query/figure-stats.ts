/**
 * Figure comparisons (`secondJobApplications>=50`, `approvalRate<95`) and figure facet stats.
 *
 * - {@link FigureComparison}: the documents a comparison accepts. A stated figure matches the
 *   documents stating it; the derived `approvalRate` (secondJobsApproved ÷ secondJobApplications ×
 *   100, both from the release's roll-up) matches the documents stating the second-job
 *   applications of the releases where it holds.
 * - {@link FigureStats}: per figure, over the RELEASES with a matching document, min, max, count
 *   and up to {@link MAX_BUCKETS} buckets of tidy equal width (1, 2, 5 × 10^n). Disjunctive like the
 *   facets: a figure's own comparisons do not narrow its own stats. Computed in the collector's
 *   one pass over the text match (lib/query/collect.ts), a bit per figure.
 */
import { COMPARABLE_FIGURES, compare, type ComparableFigure, type ComparisonOp, type FigureFilter } from './parse-query';
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

/**
 * One comparison compiled against an index: `figure` is its figure's index in COMPARABLE_FIGURES
 * (the bit collect.ts gives it); {@link holds} reads the columns directly.
 */
export class FigureComparison {
  readonly figure: number;
  private readonly column: Int32Array;
  /** The release approval rates (`r * F + RATE`) for `approvalRate`, else null. */
  private readonly rates: Float64Array | null;
  private readonly release: Uint32Array;
  private readonly op: ComparisonOp;
  private readonly value: number;

  constructor(index: PreparedIndex, f: FigureFilter) {
    const { figures, release } = index.core.columns;
    this.figure = FIGURE_INDEX.get(f.key)!;
    // approvalRate matches the documents stating the release's second-job applications.
    this.column = f.key === 'approvalRate' ? figures.secondJobApplications : figures[f.key];
    // Per release and comparable figure (`r * F + k`), computed at build; NaN when not stated.
    this.rates = f.key === 'approvalRate' ? index.releaseFigureValue : null;
    this.release = release;
    this.op = f.op;
    this.value = f.value;
  }

  /** True when document `d` satisfies the comparison. */
  holds(d: number): boolean {
    const v = this.column[d]!;
    if (v < 0) return false;
    if (this.rates === null) return compare(v, this.op, this.value);
    const rate = this.rates[this.release[d]! * F + RATE]!;
    return !Number.isNaN(rate) && compare(rate, this.op, this.value);
  }
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
