/**
 * Disjunctive facet counting: a facet's counts apply every other facet's selection but not its
 * own. One pass over the hits: a hit failing no facet counts everywhere (and is a result); a hit
 * failing exactly one facet counts only for that facet.
 */
import { SECTION_KINDS, TOPIC_IDS } from '../schema';
import { topicLabel } from '../ingest/assign-topics';
import type { FacetName, Facets, FacetValue } from './types';
import type { PreparedIndex } from './prepare-index';
import type { Selections } from './resolve-filters';

const COLUMN_FACETS = ['force', 'region', 'section', 'kind'] as const;

const SECTION_LABELS: Record<string, string> = {
  headline: 'Headline',
  background: 'Background',
  findings: 'Findings',
  quote: "Inspector's quote",
  'report-link': 'Full report',
  notes: 'Notes to editors',
};
const KIND_LABELS: Record<string, string> = { finding: 'Findings', paragraph: 'Paragraphs' };

export interface FacetPass {
  /** Documents passing every facet selection, in input order. */
  results: number[];
  facets: Facets;
}

function labelOf(facet: FacetName, value: string): string {
  if (facet === 'topic') return (TOPIC_IDS as readonly string[]).includes(value) ? topicLabel(value as (typeof TOPIC_IDS)[number]) : value;
  if (facet === 'section') return SECTION_LABELS[value] ?? value;
  if (facet === 'kind') return KIND_LABELS[value] ?? value;
  return value;
}

function toFacetValues(facet: FacetName, counts: Map<string, number>, selected: readonly string[]): FacetValue[] {
  for (const value of selected) if (!counts.has(value)) counts.set(value, 0);
  const chosen = new Set(selected);
  const order = facet === 'section' ? (v: string) => SECTION_KINDS.indexOf(v as never) : null;
  return [...counts.entries()]
    .map(([value, count]) => ({ value, label: labelOf(facet, value), count, selected: chosen.has(value) }))
    .sort((a, b) => (order ? order(a.value) - order(b.value) : b.count - a.count || a.label.localeCompare(b.label)));
}

/**
 * Apply selections to `hits` (documents matching the text query) and count every facet.
 */
export function countFacets(index: PreparedIndex, hits: ArrayLike<number>, selections: Selections): FacetPass {
  const columns = COLUMN_FACETS.map((name) => ({ name, column: index[name], mask: selections[name].mask, counts: new Int32Array(index[name].values.length) }));
  const topicCounts = new Int32Array(TOPIC_IDS.length);
  const topicBits = selections.topicBits;
  const topicSelected = selections.topic.values.length > 0;
  const results: number[] = [];

  for (let i = 0; i < hits.length; i++) {
    const d = hits[i]!;
    let failures = 0;
    let failedFacet = -1;
    for (let c = 0; c < columns.length; c++) {
      const { column, mask } = columns[c]!;
      const v = column.of[d]!;
      const ok = mask === null || (v >= 0 && mask[v] === 1);
      if (!ok) {
        failures++;
        failedFacet = c;
      }
    }
    const mask = index.core.columns.topics[d]!;
    if (topicSelected && (mask & topicBits) === 0) {
      failures++;
      failedFacet = columns.length;
    }
    if (failures > 1) continue;
    if (failures === 0) results.push(d);
    for (let c = 0; c < columns.length; c++) {
      if (failures === 0 || failedFacet === c) {
        const v = columns[c]!.column.of[d]!;
        if (v >= 0) columns[c]!.counts[v]!++;
      }
    }
    if (failures === 0 || failedFacet === columns.length) {
      for (let bit = 0; bit < TOPIC_IDS.length; bit++) if (mask & (1 << bit)) topicCounts[bit]!++;
    }
  }

  const facets = {} as Facets;
  for (const { name, column, counts } of columns) {
    const map = new Map<string, number>();
    counts.forEach((count, v) => {
      if (count > 0) map.set(column.values[v]!, count);
    });
    facets[name] = toFacetValues(name, map, selections[name].values);
  }
  const topicMap = new Map<string, number>();
  topicCounts.forEach((count, bit) => {
    if (count > 0) topicMap.set(TOPIC_IDS[bit]!, count);
  });
  facets.topic = toFacetValues('topic', topicMap, selections.topic.values);
  return { results, facets };
}
