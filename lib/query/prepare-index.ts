/**
 * Query-time structures derived once from an index: the lexicon, facet columns, field word sets
 * and the groups of documents sharing one boilerplate text. Search walks only typed arrays;
 * whole documents are fetched just for the page of hits.
 *
 * Written as sliced work (lib/index/sliced-work.ts): a server preparing a newly built index
 * gives the event loop back between slices; `prepareIndex` runs it in one go.
 */
import { FIGURE_KEYS, SECTION_KINDS, TOPIC_IDS, type FigureKey, type TopicId } from '../schema';
import { RELEASE_FACETS, SINGLE_FACETS, type ReleaseFacetName, type SingleFacetName } from '../facets';
import type { IndexCore } from '../index/index-core';
import type { StoredDoc } from '../index/documents';
import { terms } from '../text/tokenize';
import { topicLabel } from '../ingest/assign-topics';
import { documentFrequencySteps } from '../index/forward-index';
import { runSync } from '../index/run-sliced';
import { PAUSE, type Sliced } from '../index/sliced-work';
import { stem } from '../text/stem';
import { buildLexicon, type Lexicon } from './lexicon';
import { tfPostingSteps, type TfPostings } from './tf-postings';
import { newestRanks } from './newest';
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
  /** One column per single-valued facet of the registry (lib/facets.ts), by facet name. */
  facetColumns: Record<SingleFacetName, FacetColumn>;
  /** `facetColumns.force` (ranking, listing and figures use it directly). */
  force: FacetColumn;
  /**
   * Per release facet (force, region, inspection, year): per release index, the index of its value
   * in `facetColumns[name].values`, or -1. Facet counting counts releases, not documents, for these.
   */
  releaseFacetValue: Record<ReleaseFacetName, Int32Array>;
  /** Per document: topic bits of the figures it states (see FIGURE_TOPICS). */
  figureTopicMask: Uint32Array;
  /** Folded words of each force value (by force index) and each topic label (by bit). */
  forceWords: Set<string>[];
  topicWords: Set<string>[];
  /** Documents of each topic (by bit), ascending: a query word of the topic's label matches them. */
  topicPostings: Uint32Array[];
  /** The inspector facet's column (quote paragraphs), the folded words of each value and its documents. */
  inspector: FacetColumn;
  inspectorWords: Set<string>[];
  inspectorPostings: Uint32Array[];
  /** Folded title words, per release index (titles repeat, so the sets are shared). */
  titleWords: Set<string>[];
  /** All folded words of force and inspector names, which are "known" words even when no text contains them. */
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
  /**
   * Reusable per-term scratch (all -1 between queries): a query's term id → its atom when it has
   * one role in the plan (weight in `scratchWeights`), -2 when it has several.
   */
  scratchTerms: Int32Array;
  scratchWeights: Float64Array;
  /** Per term: documents and term frequencies (documents owning their text; copies read their owner's). */
  tfPostings: TfPostings;
  /** Reusable per-document accumulator (all 0 between queries). */
  scratchAccumulator: Float64Array;
  /** Whole document by index, through a small LRU cache (documents are read from disk). */
  getDoc(d: number): StoredDoc;
  /** Per release (by index): its position in newest-first order (lib/query/newest.ts), 0 = newest. */
  releaseNewest: Uint32Array;
  /** Documents for `sort=date`: non-boilerplate first, then releases newest first, then document order. */
  byDate: Uint32Array;
  /**
   * Per release and figure (`r * FIGURE_KEYS.length + k`): the document stating the release's
   * figure (its roll-up `ReleaseMeta.figures`: the first finding that states it), or -1.
   */
  releaseFigureDoc: Int32Array;
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

/** A column derived from the release column: each document takes its release's `field`. */
function releaseColumn(core: IndexCore, field: 'force' | 'region' | 'inspection' | 'year'): FacetColumn {
  const perRelease = core.releases.map((r) => (r[field] === null || r[field] === undefined ? null : String(r[field])));
  const values = [...new Set(perRelease.filter((v): v is string => v !== null))].sort();
  const valueIndex = new Map(values.map((v, i) => [v, i] as const));
  const ofRelease = Int32Array.from(perRelease, (v) => (v === null ? -1 : valueIndex.get(v)!));
  const release = core.columns.release;
  const of = new Int32Array(core.docCount);
  for (let d = 0; d < of.length; d++) of[d] = ofRelease[release[d]!]!;
  return { values, of };
}

/** Per-document columns of every single-valued facet, as the registry says to obtain them. */
function* facetColumnsOf(core: IndexCore): Sliced<Record<SingleFacetName, FacetColumn>> {
  const out = {} as Record<SingleFacetName, FacetColumn>;
  for (const facet of SINGLE_FACETS) {
    const c = facet.column;
    out[facet.name] = c.from === 'release' && !('persisted' in c && c.persisted) ? releaseColumn(core, c.field) : column(core.docCount, core.facets[facet.name as keyof IndexCore['facets']]);
    yield PAUSE;
  }
  return out;
}

/** Per release facet: each release's value index in the facet column's values. */
function releaseFacetValues(core: IndexCore, columns: Record<SingleFacetName, FacetColumn>): Record<ReleaseFacetName, Int32Array> {
  const out = {} as Record<ReleaseFacetName, Int32Array>;
  for (const facet of RELEASE_FACETS) {
    const index = new Map(columns[facet.name].values.map((v, i) => [v, i] as const));
    out[facet.name] = Int32Array.from(core.releases, (r) => {
      const v = r[facet.column.field];
      return v === null || v === undefined ? -1 : (index.get(String(v)) ?? -1);
    });
  }
  return out;
}

/** Documents of releases in `rank` order (releases are contiguous), non-boilerplate first. */
function docsByReleaseRank(core: IndexCore, rank: Uint32Array): Uint32Array {
  const order = new Uint32Array(rank.length);
  rank.forEach((k, r) => (order[k] = r));
  const out = new Uint32Array(core.docCount);
  let k = 0;
  const { boilerplate } = core.columns;
  for (const pass of [0, 1]) {
    for (let i = 0; i < order.length; i++) {
      const { firstDoc, docCount } = core.releases[order[i]!]!;
      for (let d = firstDoc; d < firstDoc + docCount; d++) if (boilerplate[d] === pass) out[k++] = d;
    }
  }
  return out.subarray(0, k);
}

/** The document of each release's rolled-up figures (the first one stating each figure). */
function releaseFigureDocs(core: IndexCore): Int32Array {
  const K = FIGURE_KEYS.length;
  const out = new Int32Array(core.releases.length * K).fill(-1);
  const { release, figures } = core.columns;
  for (let k = 0; k < K; k++) {
    const values = figures[FIGURE_KEYS[k]!];
    for (let d = 0; d < core.docCount; d++) {
      if (values[d]! < 0) continue;
      const slot = release[d]! * K + k;
      if (out[slot]! < 0) out[slot] = d;
    }
  }
  return out;
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

/** Ascending 0 … n-1 (a plain loop: `Uint32Array.from` with a callback is several times slower). */
function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let d = 0; d < n; d++) out[d] = d;
  return out;
}

/**
 * Documents ordered by (boilerplate, force index, document): a counting sort, O(n) and the same
 * order as a comparison sort on that key (ties keep document order), in slices.
 */
function* docsByForce(core: IndexCore, force: FacetColumn): Sliced<Uint32Array> {
  const n = core.docCount;
  const forces = force.values.length + 1; // the last bucket: no force
  const bucketOf = (d: number) => core.columns.boilerplate[d]! * forces + (force.of[d]! < 0 ? forces - 1 : force.of[d]!);
  const start = new Uint32Array(2 * forces + 1);
  for (let d = 0; d < n; d++) start[bucketOf(d) + 1]!++;
  for (let b = 0; b < 2 * forces; b++) start[b + 1]! += start[b]!;
  yield PAUSE;
  const out = new Uint32Array(n);
  for (let d = 0; d < n; d++) {
    out[start[bucketOf(d)]!++] = d;
    if ((d & 65535) === 65535) yield PAUSE;
  }
  return out;
}

/** Derive every query-time structure from `core`, in one go. */
export function prepareIndex(core: IndexCore): PreparedIndex {
  return runSync(prepareIndexSteps(core));
}

/** Derive every query-time structure from `core`, as sliced work. */
export function* prepareIndexSteps(core: IndexCore): Sliced<PreparedIndex> {
  const n = core.docCount;
  const { columns } = core;
  const figureTopicMask = new Uint32Array(n);
  for (const [key, topic] of Object.entries(FIGURE_TOPICS) as [FigureKey, TopicId][]) {
    const bit = 1 << TOPIC_IDS.indexOf(topic);
    const values = columns.figures[key];
    for (let d = 0; d < n; d++) if (values[d]! >= 0) figureTopicMask[d]! |= bit;
    yield PAUSE;
  }
  const copies = new Map<number, number[]>();
  for (let d = 0; d < n; d++) {
    const owner = columns.owner[d]!;
    if ((d & 65535) === 65535) yield PAUSE;
    if (owner < 0) continue;
    const list = copies.get(owner);
    if (list) list.push(d);
    else copies.set(owner, [d]);
  }
  const facetColumns = yield* facetColumnsOf(core);
  const force = facetColumns.force;
  const forceWords = force.values.map((v) => new Set(terms(v)));
  const inspector = facetColumns.inspector;
  const inspectorWords = inspector.values.map((v) => new Set(terms(v)));
  const wordsOf = memoisedWordSets();
  const df = yield* documentFrequencySteps(core.forward, columns.owner);
  const stems: string[] = [];
  for (let t = 0; t < core.forward.vocab.length; t++) {
    stems.push(stem(core.forward.vocab[t]!));
    if ((t & 1023) === 1023) yield PAUSE;
  }
  const lexicon = buildLexicon(core.forward, columns.owner, core.thesaurus, { df, stems });
  yield PAUSE;
  const tfPostings = yield* tfPostingSteps(core.forward, columns.owner, lexicon.df);
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
  const releaseNewest = newestRanks(core.releases);
  yield PAUSE;
  const byForce = yield* docsByForce(core, force);
  const releaseFacetValue = releaseFacetValues(core, facetColumns);
  yield PAUSE;
  const titleWords: Set<string>[] = [];
  for (let r = 0; r < core.releases.length; r++) {
    titleWords.push(wordsOf(core.releases[r]!.title));
    if ((r & 1023) === 1023) yield PAUSE;
  }
  const forcePostings = force.values.map((v) => Uint32Array.from(core.facets.force[v]!));
  yield PAUSE;
  const allDocs = identity(n);
  const byDate = docsByReleaseRank(core, releaseNewest);
  yield PAUSE;
  const releaseFigureDoc = releaseFigureDocs(core);
  yield PAUSE;
  return {
    core,
    docCount: n,
    lexicon,
    facetColumns,
    force,
    releaseFacetValue,
    figureTopicMask,
    forceWords,
    topicWords: TOPIC_IDS.map((t) => new Set(terms(topicLabel(t)))),
    // Bit i of the topic column is TOPIC_IDS[i]: the persisted facet postings are those documents.
    topicPostings: TOPIC_IDS.map((t) => Uint32Array.from(core.facets.topic[t] ?? [])),
    inspector,
    inspectorWords,
    inspectorPostings: inspector.values.map((v) => Uint32Array.from(core.facets.inspector[v]!)),
    titleWords,
    knownFieldWords: new Set([...forceWords, ...inspectorWords].flatMap((s) => [...s])),
    copies,
    postings,
    forcePostings,
    allDocs,
    byForce,
    scratchPositions: new Int32Array(n).fill(-1),
    scratchTerms: new Int32Array(core.forward.vocab.length).fill(-1),
    scratchWeights: new Float64Array(core.forward.vocab.length),
    tfPostings,
    scratchAccumulator: new Float64Array(n),
    getDoc: cachedDocs(core, DOC_CACHE_SIZE),
    releaseNewest,
    byDate,
    releaseFigureDoc,
  };
}

/** Section kind of document `d`. */
export function sectionOf(index: PreparedIndex, d: number) {
  return SECTION_KINDS[index.core.columns.section[d]!]!;
}
