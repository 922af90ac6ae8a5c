/**
 * The query-side view of an index: the lexicon, facet columns, field word sets, postings and the
 * listing orders, all read as they are from the sections the build wrote (lib/index/index-layout.ts).
 * Preparing an index allocates nothing proportional to the corpus: the few derived things are sets
 * of the words of a handful of forces, topics and inspectors. Whole documents are fetched just for
 * the page of hits.
 */
import { TOPIC_IDS } from '../schema';
import { SINGLE_FACETS, type ReleaseFacetName, type SingleFacetName } from '../facets';
import type { IndexCore } from '../index/index-core';
import type { StoredDoc } from '../index/documents';
import { lines } from '../index/index-layout';
import { terms } from '../text/tokenize';
import { topicLabel } from '../ingest/assign-topics';
import { openLexicon, type Lexicon } from './lexicon';
import { BitsetPool } from './match/bitset-pool';
import { GrowingU32, lowerBound } from '../index/sorted';

export interface FacetColumn {
  /** Distinct values, sorted. */
  values: string[];
  /**
   * Per document: index into `values`, or -1. Null for the release facets but force (region,
   * inspection, year): those are counted per release, through `releaseFacetValue`.
   */
  of: Int32Array | null;
}

/** Term-frequency postings: term t's documents and frequencies are entries `start[t] .. start[t + 1]`. */
export interface TfPostings {
  start: Uint32Array;
  docs: Uint32Array;
  tf: Uint8Array;
}

export interface PreparedIndex {
  core: IndexCore;
  docCount: number;
  lexicon: Lexicon;
  /** One column per single-valued facet of the registry (lib/facets.ts), by facet name. */
  facetColumns: Record<SingleFacetName, FacetColumn>;
  /** `facetColumns.force` (ranking, listing and figures use it directly). */
  force: FacetColumn & { of: Int32Array };
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
  inspector: FacetColumn & { of: Int32Array };
  inspectorWords: Set<string>[];
  inspectorPostings: Uint32Array[];
  /** Ids of the title words among `words` (folded): what {@link PreparedIndex.titleHasAny} takes. */
  titleWordIds(words: Iterable<string>): number[];
  /** True when release `r`'s title has one of the words `ids` (from `titleWordIds`). */
  titleHasAny(r: number, ids: readonly number[]): boolean;
  /** All folded words of force and inspector names, which are "known" words even when no text contains them. */
  knownFieldWords: Set<string>;
  /** Ascending documents containing a term (by term id): documents owning their text, without boilerplate copies. */
  postings(termId: number): Uint32Array;
  /** Documents of each force value (by force index), ascending. */
  forcePostings: Uint32Array[];
  /** Documents in display order for non-relevance listings: non-boilerplate first, then by force, then document order. */
  byForce: Uint32Array;
  /** Where matching drains its documents (lib/query/match-documents.ts), reused by every search. */
  scratchMatches: GrowingU32;
  /** Bitsets dense disjunctions are materialised into (lib/query/match/bitset-pool.ts), reclaimed by each match. */
  scratchBitsets: BitsetPool;
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
  /** Whole document by index (cached by the core). */
  getDoc(d: number): StoredDoc;
  /** Per release (by index): its position in newest-first order (lib/index/newest.ts), 0 = newest. */
  releaseNewest: Uint32Array;
  /** Documents for `sort=date`: non-boilerplate first, then releases newest first, then document order. */
  byDate: Uint32Array;
  /**
   * Per release and figure (`r * FIGURE_KEYS.length + k`): the document stating the release's
   * figure (its roll-up `ReleaseMeta.figures`: the first finding that states it), or -1.
   */
  releaseFigureDoc: Int32Array;
  /** Per release and comparable figure (`r * COMPARABLE_FIGURES.length + k`): its value, NaN when not stated. */
  releaseFigureValue: Float64Array;
}

/** Rows of a CSR pair as subarrays. */
function rows(start: Uint32Array, items: Uint32Array): Uint32Array[] {
  return Array.from({ length: start.length - 1 }, (_, i) => items.subarray(start[i]!, start[i + 1]!));
}

/** The query-side view of `core`. */
export function prepareIndex(core: IndexCore): PreparedIndex {
  const { data, meta } = core;
  const c = data.core;
  const n = core.docCount;
  const lexicon = openLexicon(data.terms, meta);
  const values = meta.facetValues;
  const releaseValueOf: Record<ReleaseFacetName, Int32Array> = { force: c.releaseForce, region: c.releaseRegion, inspection: c.releaseInspection, year: c.releaseYear };
  const force = { values: values.force, of: c.facetForce };
  const inspector = { values: values.inspector, of: c.facetInspector };
  const facetColumns: Record<SingleFacetName, FacetColumn> = {
    force,
    region: { values: values.region, of: null },
    inspection: { values: values.inspection, of: null },
    year: { values: values.year, of: null },
    section: { values: values.section, of: c.facetSection },
    kind: { values: values.kind, of: c.facetKind },
    inspector,
  };
  for (const f of SINGLE_FACETS) if (!facetColumns[f.name]) throw new Error(`facet ${f.name} has no column in the index`);
  const forceWords = values.force.map((v) => new Set(terms(v)));
  const inspectorWords = values.inspector.map((v) => new Set(terms(v)));
  const fieldWords = lines(data.terms.fieldWords);
  const { releaseTitleStart, releaseTitleWords } = c;
  const { docs, tf } = data.postings;
  const start = data.terms.postingStart;
  const postings = (termId: number) => docs.subarray(start[termId]!, start[termId + 1]!);
  return {
    core,
    docCount: n,
    lexicon,
    facetColumns,
    force,
    releaseFacetValue: releaseValueOf,
    figureTopicMask: c.docFigureTopics,
    forceWords,
    topicWords: TOPIC_IDS.map((t) => new Set(terms(topicLabel(t)))),
    topicPostings: rows(c.topicStart, c.topicDocs),
    inspector,
    inspectorWords,
    inspectorPostings: rows(c.inspectorStart, c.inspectorDocs),
    titleWordIds(words) {
      const ids: number[] = [];
      for (const w of words) {
        const i = lowerBound(fieldWords, w);
        if (fieldWords[i] === w) ids.push(i);
      }
      return ids;
    },
    titleHasAny(r, ids) {
      const from = releaseTitleStart[r]!;
      const to = releaseTitleStart[r + 1]!;
      for (let j = 0; j < ids.length; j++) for (let k = from; k < to; k++) if (releaseTitleWords[k] === ids[j]) return true;
      return false;
    },
    knownFieldWords: new Set([...forceWords, ...inspectorWords].flatMap((s) => [...s])),
    postings,
    forcePostings: rows(c.forceStart, c.forceDocs),
    byForce: c.byForce,
    scratchMatches: new GrowingU32(1024),
    scratchBitsets: new BitsetPool(n),
    scratchTerms: new Int32Array(meta.termCount).fill(-1),
    scratchWeights: new Float64Array(meta.termCount),
    tfPostings: { start, docs, tf },
    scratchAccumulator: new Float64Array(n),
    getDoc: (d) => core.getDoc(d),
    releaseNewest: c.releaseNewest,
    byDate: c.byDate,
    releaseFigureDoc: c.releaseFigureDoc,
    releaseFigureValue: c.releaseFigureValue,
  };
}
