/**
 * Query-time structures derived once from an index: the lexicon, facet columns, field word sets
 * and the groups of documents sharing one boilerplate text. Search walks only typed arrays;
 * whole documents are fetched just for the page of hits.
 */
import { SECTION_KINDS, TOPIC_IDS, type FigureKey, type TopicId } from '../schema';
import type { IndexCore } from '../index/index-core';
import type { StoredDoc } from '../index/documents';
import { terms } from '../text/tokenize';
import { topicLabel } from '../ingest/assign-topics';
import { buildLexicon, type Lexicon } from './lexicon';
import { createPostingCache } from './posting-cache';
import { unionAll } from './sorted-sets';

export interface FacetColumn {
  /** Distinct values, sorted. */
  values: string[];
  /** Per document: index into `values`, or -1. */
  of: Int32Array;
}

export interface PreparedIndex {
  core: IndexCore;
  docCount: number;
  lexicon: Lexicon;
  force: FacetColumn;
  region: FacetColumn;
  section: FacetColumn;
  kind: FacetColumn;
  /** Per document: topic bits of the figures it states (see FIGURE_TOPICS). */
  figureTopicMask: Uint32Array;
  /** Folded words of each force value (by force index) and each topic label (by bit). */
  forceWords: Set<string>[];
  topicWords: Set<string>[];
  /** Folded title words, per release index (titles repeat, so the sets are shared). */
  titleWords: Set<string>[];
  /** All folded words of force names, which are "known" words even when no text contains them. */
  knownFieldWords: Set<string>;
  /** Owner document → the other documents sharing its (boilerplate) text. */
  copies: Map<number, number[]>;
  /** Ascending documents containing a term (by term id), optionally with boilerplate copies added. */
  postings(termId: number, withCopies: boolean): Uint32Array;
  /** Documents of each force value (by force index), ascending. */
  forcePostings: Uint32Array[];
  /** Every document index, ascending. */
  allDocs: Uint32Array;
  /** Documents in display order for non-relevance listings: non-boilerplate first, then by force, then document order. */
  byForce: Uint32Array;
  /** Reusable per-document scratch (all -1 between queries; search is single-threaded). */
  scratchPositions: Int32Array;
  /** Whole document by index, through a small LRU cache (documents are read from disk). */
  getDoc(d: number): StoredDoc;
  /** Year of each release (by release index), 0 when unknown. */
  releaseYear: Int32Array;
}

/** The topic each figure belongs to, for ranking figure-bearing findings on topical queries. */
export const FIGURE_TOPICS: Record<FigureKey, TopicId> = {
  secondJobApplications: 'second-jobs',
  secondJobsApproved: 'second-jobs',
  socialMediaCases: 'social-media',
  mediaDisclosureInvestigations: 'media-relations',
  conductInvestigations: 'misconduct-investigations',
};

/** Documents kept decoded in memory (hits of recent pages, figure provenance). */
export const DOC_CACHE_SIZE = 20_000;

function cachedDocs(core: IndexCore, limit: number): (d: number) => StoredDoc {
  const cache = new Map<number, StoredDoc>();
  return (d) => {
    let doc = cache.get(d);
    if (doc) {
      cache.delete(d);
    } else {
      doc = core.getDoc(d);
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    }
    cache.set(d, doc);
    return doc;
  };
}

function column(docCount: number, postings: Record<string, number[]>): FacetColumn {
  const values = Object.keys(postings).sort();
  const of = new Int32Array(docCount).fill(-1);
  values.forEach((value, v) => {
    for (const d of postings[value]!) of[d] = v;
  });
  return { values, of };
}

function memoisedWordSets() {
  const cache = new Map<string, Set<string>>();
  return (text: string) => {
    let set = cache.get(text);
    if (!set) {
      set = new Set(terms(text));
      cache.set(text, set);
    }
    return set;
  };
}

/** Derive every query-time structure from `core`. */
export function prepareIndex(core: IndexCore): PreparedIndex {
  const n = core.docCount;
  const { columns } = core;
  const figureTopicMask = new Uint32Array(n);
  for (const [key, topic] of Object.entries(FIGURE_TOPICS) as [FigureKey, TopicId][]) {
    const bit = 1 << TOPIC_IDS.indexOf(topic);
    const values = columns.figures[key];
    for (let d = 0; d < n; d++) if (values[d]! >= 0) figureTopicMask[d]! |= bit;
  }
  const copies = new Map<number, number[]>();
  for (let d = 0; d < n; d++) {
    const owner = columns.owner[d]!;
    if (owner < 0) continue;
    const list = copies.get(owner);
    if (list) list.push(d);
    else copies.set(owner, [d]);
  }
  const force = column(n, core.facets.force);
  const forceWords = force.values.map((v) => new Set(terms(v)));
  const wordsOf = memoisedWordSets();
  const lexicon = buildLexicon(core.forward, columns.owner);
  const cache = createPostingCache(core.flex, n);
  const withCopiesCache = new Map<number, Uint32Array>();
  const postings = (termId: number, withCopies: boolean) => {
    const plain = cache.get(lexicon.vocab[termId]!);
    if (!withCopies || copies.size === 0) return plain;
    let expanded = withCopiesCache.get(termId);
    if (!expanded) {
      const extra: number[] = [];
      for (let i = 0; i < plain.length; i++) {
        const list = copies.get(plain[i]!);
        if (list) for (const c of list) extra.push(c);
      }
      expanded = extra.length ? unionAll([plain, Uint32Array.from(extra).sort()], n) : plain;
      if (withCopiesCache.size > 4096) withCopiesCache.clear();
      withCopiesCache.set(termId, expanded);
    }
    return expanded;
  };
  const rank = (d: number) => columns.boilerplate[d]! * 1_000_000 + (force.of[d]! < 0 ? 999_999 : force.of[d]!);
  const byForce = Uint32Array.from({ length: n }, (_, d) => d).sort((a, b) => rank(a) - rank(b) || a - b);
  return {
    core,
    docCount: n,
    lexicon,
    force,
    region: column(n, core.facets.region),
    section: column(n, core.facets.section),
    kind: column(n, core.facets.kind),
    figureTopicMask,
    forceWords,
    topicWords: TOPIC_IDS.map((t) => new Set(terms(topicLabel(t)))),
    titleWords: core.releases.map((r) => wordsOf(r.title)),
    knownFieldWords: new Set(forceWords.flatMap((s) => [...s])),
    copies,
    postings,
    forcePostings: force.values.map((v) => Uint32Array.from(core.facets.force[v]!)),
    allDocs: Uint32Array.from({ length: n }, (_, d) => d),
    byForce,
    scratchPositions: new Int32Array(n).fill(-1),
    getDoc: cachedDocs(core, DOC_CACHE_SIZE),
    releaseYear: Int32Array.from(core.releases, (r) => r.year ?? 0),
  };
}

/** Section kind of document `d`. */
export function sectionOf(index: PreparedIndex, d: number) {
  return SECTION_KINDS[index.core.columns.section[d]!]!;
}
