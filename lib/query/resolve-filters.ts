/**
 * Facet selections from URL params (exact values) and inline query filters (`force:essex`:
 * case-insensitive prefix of the value or of any of its words; `topic:` also matches labels).
 */
import { TOPIC_IDS, type TopicId } from '../schema';
import { topicLabel } from '../ingest/assign-topics';
import { SINGLE_FACETS, type FacetName, type SingleFacetName } from '../facets';
import type { FilterKey } from './parse-query';
import type { SearchParams } from './params';
import type { FacetColumn, PreparedIndex } from './prepare-index';

export interface Selection {
  /** Selected values as shown to the user (canonical where resolvable). */
  values: string[];
  /** For column facets: per value index, 1 when selected. Null when nothing is selected. */
  mask: Uint8Array | null;
}

export type Selections = Record<FacetName, Selection> & { topicBits: number };

function prefixMatches(value: string, wanted: string): boolean {
  const v = value.toLowerCase();
  const w = wanted.toLowerCase().trim();
  return v === w || v.startsWith(w) || v.split(/[\s-]+/).some((word) => word.startsWith(w));
}

function columnSelection(column: FacetColumn, exact: readonly string[], inline: readonly string[]): Selection {
  if (exact.length === 0 && inline.length === 0) return { values: [], mask: null };
  const mask = new Uint8Array(column.values.length);
  const values = new Set<string>();
  for (const value of exact) {
    const i = column.values.indexOf(value);
    if (i >= 0) mask[i] = 1;
    values.add(value);
  }
  for (const wanted of inline) {
    const hits = column.values.filter((v) => prefixMatches(v, wanted));
    if (hits.length === 0) values.add(wanted);
    for (const v of hits) {
      mask[column.values.indexOf(v)] = 1;
      values.add(v);
    }
  }
  return { values: [...values], mask };
}

function topicSelection(exact: readonly string[], inline: readonly string[]): { selection: Selection; bits: number } {
  const chosen = new Set<string>(exact);
  for (const wanted of inline) {
    const hits = TOPIC_IDS.filter((t) => prefixMatches(t, wanted) || prefixMatches(topicLabel(t), wanted));
    if (hits.length === 0) chosen.add(wanted);
    for (const t of hits) chosen.add(t);
  }
  let bits = 0;
  for (const t of chosen) {
    const bit = TOPIC_IDS.indexOf(t as TopicId);
    if (bit >= 0) bits |= 1 << bit;
  }
  return { selection: { values: [...chosen], mask: null }, bits };
}

/** Combine params and inline filters into per-facet selections over `index` (every facet of the registry). */
export function resolveFilters(index: PreparedIndex, params: Pick<SearchParams, FacetName>, inline: Record<FilterKey, string[]>): Selections {
  const topic = topicSelection(params.topic, inline.topic);
  const out = { topic: topic.selection, topicBits: topic.bits } as Selections;
  for (const facet of SINGLE_FACETS) {
    const name: SingleFacetName = facet.name;
    out[name] = columnSelection(index.facetColumns[name], params[name], inline[name]);
  }
  return out;
}
