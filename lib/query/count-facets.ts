/**
 * Disjunctive facet counting: a facet's counts apply every other facet's selection but not its
 * own. A hit failing no facet counts everywhere (and is a result); a hit failing exactly one facet
 * counts only for that facet.
 *
 * Generic over the registry (lib/facets.ts), one typed-array pass over the hits:
 * - release facets (force, region, inspection, year) have one value per release, so a release's
 *   pass/fail is worked out once per release and the hits are counted per release (one increment
 *   per hit, however many release facets there are), then spread onto the values;
 * - document facets (section, kind; topic as a bitmask) are checked and counted per hit.
 * No Map or closure per document.
 */
import { TOPIC_IDS } from '../schema';
import { DOCUMENT_SINGLE_FACETS, RELEASE_FACETS, compareFacetValues, facetValueLabel, type FacetName } from '../facets';
import type { Facets, FacetValue } from './types';
import type { PreparedIndex } from './prepare-index';
import type { Selections } from './resolve-filters';

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
