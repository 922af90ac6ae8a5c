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
  /** Positions (into the input hits) of the documents passing every facet selection, ascending. */
  results: Uint32Array;
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
  // Per facet: value index + 1 (0 = document has no value), whether it is allowed, and its counts.
  const allowed = (name: (typeof COLUMN_FACETS)[number]) => {
    const { mask } = selections[name];
    const allow = new Uint8Array(index[name].values.length + 1).fill(mask ? 0 : 1);
    if (mask) mask.forEach((m, v) => (allow[v + 1] = m));
    return allow;
  };
  const [fOf, rOf, sOf, kOf] = COLUMN_FACETS.map((name) => index[name].of);
  const [fAllow, rAllow, sAllow, kAllow] = COLUMN_FACETS.map(allowed);
  const [fCount, rCount, sCount, kCount] = COLUMN_FACETS.map((name) => new Int32Array(index[name].values.length + 1));
  const topicsOf = index.core.columns.topics;
  const topicCounts = new Int32Array(32);
  const topicBits = selections.topicBits;
  const topicSelected = selections.topic.values.length > 0;
  const countTopics = (mask: number) => {
    for (let m = mask; m !== 0; m &= m - 1) topicCounts[31 - Math.clz32(m & -m)]!++;
  };
  const results = new Uint32Array(hits.length);
  let resultCount = 0;
  const nothingSelected = COLUMN_FACETS.every((name) => selections[name].mask === null) && !topicSelected;

  if (nothingSelected) {
    // Every hit is a result and counts everywhere: no selection checks needed.
    for (let i = 0; i < hits.length; i++) {
      const d = hits[i]!;
      results[i] = i;
      fCount![fOf![d]! + 1]!++;
      rCount![rOf![d]! + 1]!++;
      sCount![sOf![d]! + 1]!++;
      kCount![kOf![d]! + 1]!++;
      countTopics(topicsOf[d]!);
    }
    resultCount = hits.length;
  } else {
    for (let i = 0; i < hits.length; i++) {
      const d = hits[i]!;
      const fv = fOf![d]! + 1;
      const rv = rOf![d]! + 1;
      const sv = sOf![d]! + 1;
      const kv = kOf![d]! + 1;
      const tm = topicsOf[d]!;
      const fa = fAllow![fv]!;
      const ra = rAllow![rv]!;
      const sa = sAllow![sv]!;
      const ka = kAllow![kv]!;
      const ta = !topicSelected || (tm & topicBits) !== 0 ? 1 : 0;
      const fails = 5 - fa - ra - sa - ka - ta;
      if (fails === 0) {
        results[resultCount++] = i;
        fCount![fv]!++;
        rCount![rv]!++;
        sCount![sv]!++;
        kCount![kv]!++;
        countTopics(tm);
      } else if (fails === 1) {
        if (!fa) fCount![fv]!++;
        else if (!ra) rCount![rv]!++;
        else if (!sa) sCount![sv]!++;
        else if (!ka) kCount![kv]!++;
        else countTopics(tm);
      }
    }
  }

  const countsOf = { force: fCount!, region: rCount!, section: sCount!, kind: kCount! };

  const facets = {} as Facets;
  for (const name of COLUMN_FACETS) {
    const map = new Map<string, number>();
    countsOf[name].forEach((count, v) => {
      if (count > 0 && v > 0) map.set(index[name].values[v - 1]!, count);
    });
    facets[name] = toFacetValues(name, map, selections[name].values);
  }
  const topicMap = new Map<string, number>();
  TOPIC_IDS.forEach((topic, bit) => {
    if (topicCounts[bit]! > 0) topicMap.set(topic, topicCounts[bit]!);
  });
  facets.topic = toFacetValues('topic', topicMap, selections.topic.values);
  return { results: results.subarray(0, resultCount), facets };
}
