/**
 * Query-time structures derived once from a loaded index: the lexicon, per-document facet and
 * figure columns as typed arrays, and field word sets. Search never walks StoredDoc objects for
 * filtering or counting, only these columns.
 */
import { FIGURE_KEYS, SECTION_KINDS, TOPIC_IDS, type FigureKey, type TopicId } from '../schema';
import type { IndexData } from '../index/build-index';
import { terms } from '../text/tokenize';
import { topicLabel } from '../ingest/assign-topics';
import { buildLexicon, type Lexicon } from './lexicon';

export interface FacetColumn {
  /** Distinct values, sorted. */
  values: string[];
  /** Per document: index into `values`, or -1. */
  of: Int32Array;
}

export interface PreparedIndex {
  data: IndexData;
  lexicon: Lexicon;
  force: FacetColumn;
  region: FacetColumn;
  section: FacetColumn;
  kind: FacetColumn;
  /** Per document: bit i set when the document has topic TOPIC_IDS[i]. */
  topicMask: Uint32Array;
  boilerplate: Uint8Array;
  /** Per document: topic bits of the figures it states (see FIGURE_TOPICS). */
  figureTopicMask: Uint32Array;
  /** Per figure key, per document: the value, or -1 when the document does not state it. */
  figures: Record<FigureKey, Int32Array>;
  /** Folded words of each force value (by force index), each title (by doc), each topic label. */
  forceWords: Set<string>[];
  titleWords: Map<string, Set<string>>;
  topicWords: Set<string>[];
  /** All folded words of force names, which are "known" words even when no text contains them. */
  knownFieldWords: Set<string>;
  /** Document indexes ordered by force, then document order (for sort=force and empty queries). */
  byForce: Uint32Array;
  /** Section order index for sorting. */
  sectionRank: Uint8Array;
}

/** The topic each figure belongs to, for ranking figure-bearing findings on topical queries. */
export const FIGURE_TOPICS: Record<FigureKey, TopicId> = {
  secondJobApplications: 'second-jobs',
  secondJobsApproved: 'second-jobs',
  socialMediaCases: 'social-media',
  mediaDisclosureInvestigations: 'media-relations',
  conductInvestigations: 'misconduct-investigations',
};

function column(docCount: number, postings: Record<string, number[]>): FacetColumn {
  const values = Object.keys(postings).sort();
  const of = new Int32Array(docCount).fill(-1);
  values.forEach((value, v) => {
    for (const d of postings[value]!) of[d] = v;
  });
  return { values, of };
}

/** Derive every query-time structure from `data`. */
export function prepareIndex(data: IndexData): PreparedIndex {
  const n = data.docs.length;
  const lexicon = buildLexicon(data.forward);
  const force = column(n, data.facets.force);
  const topicMask = new Uint32Array(n);
  TOPIC_IDS.forEach((topic, bit) => {
    for (const d of data.facets.topic[topic] ?? []) topicMask[d]! |= 1 << bit;
  });
  const boilerplate = new Uint8Array(n);
  const figureTopicMask = new Uint32Array(n);
  const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, new Int32Array(n).fill(-1)])) as Record<FigureKey, Int32Array>;
  const titleWords = new Map<string, Set<string>>();
  const sectionRank = new Uint8Array(n);
  data.docs.forEach((doc, d) => {
    boilerplate[d] = doc.boilerplate ? 1 : 0;
    sectionRank[d] = SECTION_KINDS.indexOf(doc.section);
    for (const key of FIGURE_KEYS) {
      const figure = doc.figures[key];
      if (!figure) continue;
      figures[key][d] = figure.value;
      figureTopicMask[d]! |= 1 << TOPIC_IDS.indexOf(FIGURE_TOPICS[key]);
    }
    if (!titleWords.has(doc.releaseSlug)) titleWords.set(doc.releaseSlug, new Set(terms(doc.title)));
  });
  const forceWords = force.values.map((v) => new Set(terms(v)));
  const knownFieldWords = new Set(forceWords.flatMap((s) => [...s]));
  const byForce = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const fa = force.of[a]!;
    const fb = force.of[b]!;
    return fa === fb ? a - b : fa < 0 ? 1 : fb < 0 ? -1 : fa - fb;
  });
  return {
    data,
    lexicon,
    force,
    region: column(n, data.facets.region),
    section: column(n, data.facets.section),
    kind: column(n, data.facets.kind),
    topicMask,
    boilerplate,
    figureTopicMask,
    figures,
    forceWords,
    titleWords,
    topicWords: TOPIC_IDS.map((t) => new Set(terms(topicLabel(t)))),
    knownFieldWords,
    byForce,
    sectionRank,
  };
}
