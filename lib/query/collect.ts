/**
 * Collect: ONE pass over the text-matched documents (ascending) that yields the result documents,
 * the total, the disjunctive facet counts of every facet of the registry (lib/facets.ts) and the
 * disjunctive figure stats (lib/query/figure-stats.ts), plus a per-document test of the filters a
 * full match obeys besides its text (for near misses).
 *
 * Each document's filters are evaluated once, as a bitmask of the filters it fails: bit j for
 * facet j of FACET_NAMES, bit FIGURE_SHIFT + k for the comparisons on figure k. A document
 * - failing nothing is a result and counts everywhere;
 * - failing exactly one facet counts for that facet only (a facet's own selection does not narrow
 *   its counts), and only when it passes every figure comparison (comparisons are filters);
 * - failing only the comparisons of one figure counts for that figure's stats only (a figure's own
 *   comparisons do not narrow its stats; their universe is the documents passing every facet);
 * - failing more counts nowhere.
 *
 * Release facets (force, region, inspection, year) are the same for all of a release's documents:
 * their part of the mask is worked out on a release's first document and the documents are counted
 * per release, then spread onto values. All per-query state lives in scratch arrays the index owns
 * (one set per index, reused): only the releases the pass touched are read and reset, so a query
 * allocates nothing proportional to its hits or to the corpus. Search is single-threaded and the
 * result views are read before the next search.
 */
import { TOPIC_IDS } from '../schema';
import { DOCUMENT_SINGLE_FACETS, FACET_NAMES, RELEASE_FACETS, compareFacetValues, facetValueLabel, type FacetName } from '../facets';
import { COMPARABLE_FIGURES, type FigureFilter } from './parse-query';
import { FigureComparison, tidyWidth, type FigureBucket, type FigureStats } from './figure-stats';
import type { PreparedIndex } from './prepare-index';
import type { Selections } from './resolve-filters';
import type { Facets, FacetValue } from './types';

const FACET_BIT = Object.fromEntries(FACET_NAMES.map((name, j) => [name, 1 << j])) as Record<FacetName, number>;
const RELEASE_BITS = RELEASE_FACETS.reduce((bits, f) => bits | FACET_BIT[f.name], 0);
const TOPIC_BIT = FACET_BIT.topic;
/** Figure k's comparisons fail: mask bit FIGURE_SHIFT + k. */
const FIGURE_SHIFT = FACET_NAMES.length;
const FIGURE_COUNT = COMPARABLE_FIGURES.length;
/** In a release's figure bits: a document of it passed every comparison (bit k: one failed only figure k's). */
const PASSED_ALL_FIGURES = 1 << FIGURE_COUNT;
/** Per mask bit (a facet's), the index of its facet in DOCUMENT_SINGLE_FACETS, or -1. */
const DOCUMENT_FACET_OF_BIT = Int8Array.from(FACET_NAMES, (name) => DOCUMENT_SINGLE_FACETS.findIndex((f) => f.name === name));

/** What the filters of a query are, besides its text. */
export interface CollectFilters {
  selections: Selections;
  /** The query's figure comparisons (`secondJobApplications>=50`). */
  figures: readonly FigureFilter[];
  includeBoilerplate: boolean;
}

export interface Collected {
  /** The result documents, ascending: a view of the index's scratch, valid until the next collect. */
  docs: Uint32Array;
  total: number;
  facets: Facets;
  figureStats: FigureStats;
  /** True when document `d` obeys every filter a full match obeys besides its text (boilerplate rule, comparisons, facets). */
  passes: (d: number) => boolean;
}

/** The per-query filters compiled against the index: which of them a document fails, as a mask. */
class FailMasks {
  private readonly releaseFacets: { bit: number; valueOf: Int32Array; mask: Uint8Array }[] = [];
  private readonly documentFacets: { bit: number; of: Int32Array; mask: Uint8Array }[] = [];
  private readonly topics: Uint32Array;
  private readonly topicBits: number;
  private readonly topicSelected: boolean;
  private readonly comparisons: FigureComparison[];

  constructor(index: PreparedIndex, { selections, figures }: CollectFilters) {
    for (const f of RELEASE_FACETS) {
      const { mask } = selections[f.name];
      if (mask) this.releaseFacets.push({ bit: FACET_BIT[f.name], valueOf: index.releaseFacetValue[f.name], mask });
    }
    for (const f of DOCUMENT_SINGLE_FACETS) {
      const { mask } = selections[f.name];
      if (mask) this.documentFacets.push({ bit: FACET_BIT[f.name], of: index.facetColumns[f.name].of!, mask });
    }
    this.topics = index.core.columns.topics;
    this.topicBits = selections.topicBits;
    this.topicSelected = selections.topic.values.length > 0;
    this.comparisons = figures.map((f) => new FigureComparison(index, f));
  }

  /** The release facets release `r` fails (a document without a value fails a selected facet). */
  release(r: number): number {
    let m = 0;
    for (let j = 0; j < this.releaseFacets.length; j++) {
      const f = this.releaseFacets[j]!;
      const v = f.valueOf[r]!;
      if (v < 0 || f.mask[v] === 0) m |= f.bit;
    }
    return m;
  }

  /** Every filter document `d` fails, given its release's mask. */
  document(d: number, releaseMask: number): number {
    let m = releaseMask;
    const { documentFacets, comparisons } = this;
    for (let j = 0; j < documentFacets.length; j++) {
      const f = documentFacets[j]!;
      const v = f.of[d]!;
      if (v < 0 || f.mask[v] === 0) m |= f.bit;
    }
    if (this.topicSelected && (this.topics[d]! & this.topicBits) === 0) m |= TOPIC_BIT;
    for (let j = 0; j < comparisons.length; j++) if (!comparisons[j]!.holds(d)) m |= 1 << (FIGURE_SHIFT + comparisons[j]!.figure);
    return m;
  }
}

/** Reusable per-index state of the pass; every array is back to its resting value between queries. */
interface Scratch {
  results: Uint32Array;
  /** Per release: its release-facet fail mask once touched, -1 before. */
  releaseMask: Int32Array;
  touched: Uint32Array;
  /** Per release: documents failing nothing, and documents failing only the release's one failing facet. */
  releasePass: Int32Array;
  releaseOne: Int32Array;
  /** Per release: PASSED_ALL_FIGURES and/or bit k (a document failing only figure k's comparisons), among documents passing every facet. */
  releaseFigures: Uint8Array;
  /** Per release facet (RELEASE_FACETS order): counts by value index. */
  releaseValueCounts: Int32Array[];
  /** Per document facet (DOCUMENT_SINGLE_FACETS order): counts by value index + 1 (0: no value). */
  documentValueCounts: Int32Array[];
  topicCounts: Int32Array;
}

const scratches = new WeakMap<PreparedIndex, Scratch>();

/** The index's scratch (allocated on its first query). */
function scratchOf(index: PreparedIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    const n = index.docCount;
    const releases = index.core.releaseCount;
    s = {
      results: new Uint32Array(n),
      releaseMask: new Int32Array(releases).fill(-1),
      touched: new Uint32Array(releases),
      releasePass: new Int32Array(releases),
      releaseOne: new Int32Array(releases),
      releaseFigures: new Uint8Array(releases),
      releaseValueCounts: RELEASE_FACETS.map((f) => new Int32Array(index.facetColumns[f.name].values.length)),
      documentValueCounts: DOCUMENT_SINGLE_FACETS.map((f) => new Int32Array(index.facetColumns[f.name].values.length + 1)),
      topicCounts: new Int32Array(32),
    };
    scratches.set(index, s);
  }
  return s;
}

function toFacetValues(facet: FacetName, counts: Map<string, number>, selected: readonly string[]): FacetValue[] {
  for (const value of selected) if (!counts.has(value)) counts.set(value, 0);
  const chosen = new Set(selected);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, label: facetValueLabel(facet, value), count, selected: chosen.has(value) }))
    .sort((a, b) => compareFacetValues(facet, a, b));
}

/** Counts by value index (`offset`: index of the first value) as a Map in value order, zeroing them. */
function drain(counts: Int32Array, values: readonly string[], offset: number): Map<string, number> {
  const map = new Map<string, number>();
  for (let v = offset; v < counts.length; v++) {
    if (counts[v]! > 0) map.set(values[v - offset]!, counts[v]!);
    counts[v] = 0;
  }
  counts.fill(0, 0, offset);
  return map;
}

/**
 * Calls `visit(k, v)` for each value figure k's stat counts: the value a touched release states for
 * figure k, when its figure bits include PASSED_ALL_FIGURES or bit k. Each touched release is
 * visited once for all figures (its values are adjacent).
 */
function forEachCountedValue(values: Float64Array, touched: Uint32Array, touchedCount: number, releaseFigures: Uint8Array, visit: (k: number, v: number) => void): void {
  for (let t = 0; t < touchedCount; t++) {
    const r = touched[t]!;
    const bits = releaseFigures[r]!;
    if (bits === 0) continue;
    for (let k = 0; k < FIGURE_COUNT; k++) {
      if ((bits & (PASSED_ALL_FIGURES | (1 << k))) === 0) continue;
      const v = values[r * FIGURE_COUNT + k]!;
      if (!Number.isNaN(v)) visit(k, v);
    }
  }
}

/** Every figure's stat over the touched releases: min, max, count, then tidy buckets (a second walk). */
function figureStatsOf(values: Float64Array, touched: Uint32Array, touchedCount: number, releaseFigures: Uint8Array): FigureStats {
  const min = new Float64Array(FIGURE_COUNT).fill(Infinity);
  const max = new Float64Array(FIGURE_COUNT).fill(-Infinity);
  const count = new Int32Array(FIGURE_COUNT);
  forEachCountedValue(values, touched, touchedCount, releaseFigures, (k, v) => {
    if (v < min[k]!) min[k] = v;
    if (v > max[k]!) max[k] = v;
    count[k]!++;
  });
  const width = new Float64Array(FIGURE_COUNT);
  const first = new Float64Array(FIGURE_COUNT);
  const buckets: FigureBucket[][] = [];
  let anyStated = false;
  for (let k = 0; k < FIGURE_COUNT; k++) {
    buckets.push([]);
    if (count[k] === 0) continue;
    anyStated = true;
    const w = tidyWidth(min[k]!, max[k]!);
    width[k] = w;
    first[k] = Math.floor(min[k]! / w);
    for (let b = first[k]!; b <= Math.floor(max[k]! / w); b++) buckets[k]!.push({ from: b * w, to: (b + 1) * w, count: 0 });
  }
  if (anyStated) {
    forEachCountedValue(values, touched, touchedCount, releaseFigures, (k, v) => {
      buckets[k]![Math.floor(v / width[k]!) - first[k]!]!.count++;
    });
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const out = {} as FigureStats;
  COMPARABLE_FIGURES.forEach((key, k) => {
    out[key] = count[k] === 0 ? { min: null, max: null, count: 0, buckets: [] } : { min: round(min[k]!), max: round(max[k]!), count: count[k]!, buckets: buckets[k]! };
  });
  return out;
}

/**
 * The one pass over `textDocs` (ascending documents matching the query's text, boilerplate rule
 * applied): see the file comment.
 */
export function collect(index: PreparedIndex, textDocs: Uint32Array, filters: CollectFilters): Collected {
  const s = scratchOf(index);
  const masks = new FailMasks(index, filters);
  const { results, releaseMask, touched, releasePass, releaseOne, releaseFigures, documentValueCounts, topicCounts } = s;
  const releaseOf = index.core.columns.release;
  const topicsOf = index.core.columns.topics;
  const documentColumns = DOCUMENT_SINGLE_FACETS.map((f) => index.facetColumns[f.name].of!);
  const DF = documentColumns.length;

  let total = 0;
  let touchedCount = 0;
  for (let i = 0; i < textDocs.length; i++) {
    const d = textDocs[i]!;
    const r = releaseOf[d]!;
    let rm = releaseMask[r]!;
    if (rm < 0) {
      rm = masks.release(r);
      releaseMask[r] = rm;
      touched[touchedCount++] = r;
    }
    const m = masks.document(d, rm);
    if (m === 0) {
      results[total++] = d;
      releasePass[r]!++;
      releaseFigures[r]! |= PASSED_ALL_FIGURES;
      for (let j = 0; j < DF; j++) documentValueCounts[j]![documentColumns[j]![d]! + 1]!++;
      for (let t = topicsOf[d]!; t !== 0; t &= t - 1) topicCounts[31 - Math.clz32(t & -t)]!++;
    } else if ((m & (m - 1)) === 0) {
      // Fails exactly one thing: counts for that facet (or figure) only.
      if (m & RELEASE_BITS) releaseOne[r]!++;
      else if (m === TOPIC_BIT) for (let t = topicsOf[d]!; t !== 0; t &= t - 1) topicCounts[31 - Math.clz32(t & -t)]!++;
      else if (m >>> FIGURE_SHIFT !== 0) releaseFigures[r]! |= m >>> FIGURE_SHIFT;
      else {
        const j = DOCUMENT_FACET_OF_BIT[31 - Math.clz32(m)]!;
        documentValueCounts[j]![documentColumns[j]![d]! + 1]!++;
      }
    }
  }

  // Release facets: spread the per-release counts onto values.
  RELEASE_FACETS.forEach((f, j) => {
    const counts = s.releaseValueCounts[j]!;
    const valueOf = index.releaseFacetValue[f.name];
    const bit = FACET_BIT[f.name];
    for (let t = 0; t < touchedCount; t++) {
      const r = touched[t]!;
      const v = valueOf[r]!;
      if (v >= 0) counts[v]! += releasePass[r]! + (releaseMask[r] === bit ? releaseOne[r]! : 0);
    }
  });
  const facets = {} as Facets;
  const { selections } = filters;
  RELEASE_FACETS.forEach((f, j) => {
    facets[f.name] = toFacetValues(f.name, drain(s.releaseValueCounts[j]!, index.facetColumns[f.name].values, 0), selections[f.name].values);
  });
  DOCUMENT_SINGLE_FACETS.forEach((f, j) => {
    facets[f.name] = toFacetValues(f.name, drain(documentValueCounts[j]!, index.facetColumns[f.name].values, 1), selections[f.name].values);
  });
  // The multi-valued facet (topic): bit i of the topics column is TOPIC_IDS[i].
  const topicMap = new Map<string, number>();
  TOPIC_IDS.forEach((topic, bit) => {
    if (topicCounts[bit]! > 0) topicMap.set(topic, topicCounts[bit]!);
  });
  topicCounts.fill(0);
  facets.topic = toFacetValues('topic', topicMap, selections.topic.values);

  const figureStats = figureStatsOf(index.releaseFigureValue, touched, touchedCount, releaseFigures);

  for (let t = 0; t < touchedCount; t++) {
    const r = touched[t]!;
    releaseMask[r] = -1;
    releasePass[r] = 0;
    releaseOne[r] = 0;
    releaseFigures[r] = 0;
  }

  const { boilerplate } = index.core.columns;
  const { includeBoilerplate } = filters;
  return {
    docs: results.subarray(0, total),
    total,
    facets,
    figureStats,
    passes: (d) => (includeBoilerplate || !boilerplate[d]) && masks.document(d, masks.release(releaseOf[d]!)) === 0,
  };
}
