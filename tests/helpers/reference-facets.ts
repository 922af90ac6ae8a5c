/**
 * FROZEN reference copy of lib/query/count-facets.ts and lib/query/figure-stats.ts as they were at
 * 1968db4 (before lib/query/collect.ts replaced them with one pass): the facet counts, figure
 * comparisons and figure stats the collector is property-tested against
 * (tests/query/collect-properties.test.ts, tests/query/near-miss-properties.test.ts). Do not
 * "fix" or optimise it; it is the definition.
 */
import { TOPIC_IDS } from '../../lib/schema';
import { DOCUMENT_SINGLE_FACETS, RELEASE_FACETS, compareFacetValues, facetValueLabel, type FacetName } from '../../lib/facets';
import type { Facets, FacetValue } from '../../lib/query/types';
import type { PreparedIndex } from '../../lib/query/prepare-index';
import type { Selections } from '../../lib/query/resolve-filters';
import type { TextMatch } from '../../lib/query/match-documents';
import { COMPARABLE_FIGURES, compare, type ComparableFigure, type FigureFilter } from '../../lib/query/parse-query';

export const MAX_BUCKETS = 6;

export interface FigureBucket {
  from: number;
  to: number;
  count: number;
}

export interface FigureStat {
  min: number | null;
  max: number | null;
  count: number;
  buckets: FigureBucket[];
}

export type FigureStats = Record<ComparableFigure, FigureStat>;

// ---- count-facets.ts ----

export interface FacetPass {
  /** Positions (into the input hits) of the documents passing every facet selection, ascending. */
  results: Uint32Array;
  facets: Facets;
}

function toFacetValues(facet: FacetName, counts: Map<string, number>, selected: readonly string[]): FacetValue[] {
  for (const value of selected) if (!counts.has(value)) counts.set(value, 0);
  const chosen = new Set(selected);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, label: facetValueLabel(facet, value), count, selected: chosen.has(value) }))
    .sort((a, b) => compareFacetValues(facet, a, b));
}

const NONE = 255;

/**
 * Apply selections to `hits` (documents matching the text query) and count every facet.
 */
export function countFacets(index: PreparedIndex, hits: ArrayLike<number>, selections: Selections): FacetPass {
  const n = hits.length;
  const releaseCount = index.core.releaseCount;
  const releaseOf = index.core.columns.release;

  // Release facets: per release, how many of them it fails and which (when one).
  const releaseFails = new Uint8Array(releaseCount);
  const releaseFailed = new Uint8Array(releaseCount).fill(NONE);
  RELEASE_FACETS.forEach((facet, j) => {
    const { mask } = selections[facet.name];
    if (!mask) return;
    const valueOf = index.releaseFacetValue[facet.name];
    for (let r = 0; r < releaseCount; r++) {
      const v = valueOf[r]!;
      if (v < 0 || mask[v] === 0) {
        releaseFails[r]!++;
        releaseFailed[r] = j;
      }
    }
  });

  // Document facets: columns, allowed values (index + 1; 0 = no value), counts.
  const DF = DOCUMENT_SINGLE_FACETS.length;
  const docOf = DOCUMENT_SINGLE_FACETS.map((f) => index.facetColumns[f.name].of!);
  const docAllow = DOCUMENT_SINGLE_FACETS.map((f) => {
    const { mask } = selections[f.name];
    const allow = new Uint8Array(index.facetColumns[f.name].values.length + 1).fill(mask ? 0 : 1);
    if (mask) mask.forEach((m, v) => (allow[v + 1] = m));
    return allow;
  });
  const docSelected = DOCUMENT_SINGLE_FACETS.some((f) => selections[f.name].mask !== null);
  const docCounts = DOCUMENT_SINGLE_FACETS.map((f) => new Int32Array(index.facetColumns[f.name].values.length + 1));
  const topicsOf = index.core.columns.topics;
  const topicCounts = new Int32Array(32);
  const topicBits = selections.topicBits;
  const topicSelected = selections.topic.values.length > 0;
  const TOPIC = DF; // the topic facet's id among the document facets

  // Per release: hits passing everything, and hits failing only the release's one failing facet.
  const releasePass = new Int32Array(releaseCount);
  const releaseOne = new Int32Array(releaseCount);
  const results = new Uint32Array(n);
  let resultCount = 0;

  for (let i = 0; i < n; i++) {
    const d = hits[i]!;
    const r = releaseOf[d]!;
    const rf = releaseFails[r]!;
    if (rf > 1) continue;
    // document facets this hit fails (0, 1, or more), and which
    let df = 0;
    let dj = NONE;
    if (docSelected) {
      for (let j = 0; j < DF; j++) {
        if (docAllow[j]![docOf[j]![d]! + 1] === 0) {
          df++;
          dj = j;
        }
      }
    }
    const tm = topicsOf[d]!;
    if (topicSelected && (tm & topicBits) === 0) {
      df++;
      dj = TOPIC;
    }
    const fails = rf + df;
    if (fails === 0) {
      results[resultCount++] = i;
      releasePass[r]!++;
      for (let j = 0; j < DF; j++) docCounts[j]![docOf[j]![d]! + 1]!++;
      for (let m = tm; m !== 0; m &= m - 1) topicCounts[31 - Math.clz32(m & -m)]!++;
    } else if (fails === 1) {
      if (rf === 1) releaseOne[r]!++;
      else if (dj === TOPIC) for (let m = tm; m !== 0; m &= m - 1) topicCounts[31 - Math.clz32(m & -m)]!++;
      else docCounts[dj]![docOf[dj]![d]! + 1]!++;
    }
  }

  const facets = {} as Facets;
  // Release facets: spread the per-release counts onto values.
  RELEASE_FACETS.forEach((facet, j) => {
    const { values } = index.facetColumns[facet.name];
    const valueOf = index.releaseFacetValue[facet.name];
    const counts = new Int32Array(values.length);
    for (let r = 0; r < releaseCount; r++) {
      const v = valueOf[r]!;
      if (v < 0) continue;
      const c = releasePass[r]! + (releaseFailed[r] === j && releaseFails[r] === 1 ? releaseOne[r]! : 0);
      counts[v]! += c;
    }
    const map = new Map<string, number>();
    counts.forEach((count, v) => {
      if (count > 0) map.set(values[v]!, count);
    });
    facets[facet.name] = toFacetValues(facet.name, map, selections[facet.name].values);
  });
  DOCUMENT_SINGLE_FACETS.forEach((facet, j) => {
    const { values } = index.facetColumns[facet.name];
    const map = new Map<string, number>();
    docCounts[j]!.forEach((count, v) => {
      if (count > 0 && v > 0) map.set(values[v - 1]!, count);
    });
    facets[facet.name] = toFacetValues(facet.name, map, selections[facet.name].values);
  });
  // The multi-valued facet (topic): bit i of the topics column is TOPIC_IDS[i].
  const topicMap = new Map<string, number>();
  TOPIC_IDS.forEach((topic, bit) => {
    if (topicCounts[bit]! > 0) topicMap.set(topic, topicCounts[bit]!);
  });
  facets.topic = toFacetValues('topic', topicMap, selections.topic.values);
  return { results: results.subarray(0, resultCount), facets };
}

// ---- figure-stats.ts ----

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

// ---- search.ts matchAndFilter (facet and figure part) at 1968db4 ----

/** What matchAndFilter computed from a text match: result documents, facets, figure stats, and near-miss `keep`. */
export function referenceCollect(index: PreparedIndex, textMatch: TextMatch, selections: Selections, figureFilters: readonly FigureFilter[], includeBoilerplate: boolean) {
  const matched = keepFigureMatches(index, textMatch, figureFilters);
  const { results, facets } = countFacets(index, matched.docs, selections);
  const resultDocs = new Uint32Array(results.length);
  for (let i = 0; i < results.length; i++) resultDocs[i] = matched.docs[results[i]!]!;
  let stats: FigureStats;
  if (figureFilters.length === 0) stats = figureStats(index, resultDocs, figureFilters);
  else {
    const { results: all } = countFacets(index, textMatch.docs, selections);
    stats = figureStats(index, Array.from(all, (i) => textMatch.docs[i]!), figureFilters);
  }
  const { boilerplate } = index.core.columns;
  const figures = figureAccept(index, figureFilters);
  // keep(): the filters a full match obeys besides its text, as a per-document test.
  const passing = (d: number) => {
    if (!includeBoilerplate && boilerplate[d]) return false;
    if (!figures(d)) return false;
    return countFacets(index, [d], selections).results.length === 1;
  };
  return { resultDocs, facets, figureStats: stats, passing };
}
