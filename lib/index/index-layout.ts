/**
 * Index format 6, declared once: which binary files an index has, which sections each holds, and
 * their element types. The build fills an {@link IndexData} (lib/index/build-index.ts), the writer
 * writes exactly these sections in this order (lib/index/write-index.ts), the loader views them
 * again as typed arrays (lib/index/open-index.ts) and the query side reads them as they are
 * (lib/query/prepare-index.ts). README "Index format (version 6)" describes every section.
 *
 * Notation: n documents, R releases, V terms, K figures (FIGURE_KEYS), F comparable figures
 * (K plus the derived approval rate), B posting blocks. "ascending" lists are document indexes.
 */
import type { SectionType } from './segment-file';

/** Postings per block: skip data and block maxima are kept per this many documents of a term. */
export const BLOCK_SIZE = 128;

export const LAYOUT = {
  core: {
    file: 'core.hmx',
    kind: 'CORE',
    sections: {
      /** JSON {@link IndexMeta}. */
      meta: 'utf8',
      /** Per document (n): its release, finding ordinal (0 for paragraphs), SECTION_KINDS index, 0 finding / 1 paragraph, boilerplate flag, topic bits (bit i = TOPIC_IDS[i]). */
      docRelease: 'u32',
      docOrdinal: 'u32',
      docSection: 'u8',
      docKind: 'u8',
      docBoilerplate: 'u8',
      docTopics: 'u32',
      /** The document whose identical (boilerplate) text this one shares, or -1. */
      docOwner: 'i32',
      /** K × n, figure-major: figure k of document d at `k·n + d`, -1 where not stated. */
      docFigures: 'i32',
      /** Topic bits of the figures a document states (second jobs, social media, …). */
      docFigureTopics: 'u32',
      /** Facet value indexes per document (into `meta.facetValues`): force (of its release), section, kind, inspector; -1 = none. */
      facetForce: 'i32',
      facetSection: 'i32',
      facetKind: 'i32',
      facetInspector: 'i32',
      /** Stored document records (docs.hmr): byte offset, length, CRC32 of each. */
      docRecordOffset: 'f64',
      docRecordLength: 'u32',
      docRecordCrc: 'u32',
      /** Release slugs, sorted, one per line: a release's index is its line number. */
      releaseSlugs: 'utf8',
      /** Release titles, one after another: release r's is `releaseTitles.slice(releaseTitleEnd[r - 1] ?? 0, releaseTitleEnd[r])` (UTF-16 offsets). */
      releaseTitles: 'utf8',
      releaseTitleEnd: 'u32',
      /** Per release (R, by slug): first document and document count (contiguous), position newest first. */
      releaseFirstDoc: 'u32',
      releaseDocCount: 'u32',
      releaseNewest: 'u32',
      /** Release facet value indexes (into `meta.facetValues`), -1 = none. */
      releaseForce: 'i32',
      releaseRegion: 'i32',
      releaseInspection: 'i32',
      releaseYear: 'i32',
      /** R × K, release-major: the document stating the release's figure k (its roll-up), or -1. */
      releaseFigureDoc: 'i32',
      /** R × F, release-major: the release's value of comparable figure k, NaN when not stated. */
      releaseFigureValue: 'f64',
      /** The release title's words (indexes into `terms.fieldWords`): `releaseTitleWords[releaseTitleStart[r] .. releaseTitleStart[r+1])`. */
      releaseTitleStart: 'u32',
      releaseTitleWords: 'u32',
      /** Stored release records (releases.hmr). */
      releaseRecordOffset: 'f64',
      releaseRecordLength: 'u32',
      releaseRecordCrc: 'u32',
      /** All documents for listings: non-boilerplate first, then by force (then document order) / by release newest first (then document order). */
      byForce: 'u32',
      byDate: 'u32',
      /** Boilerplate copies: for each owner with copies (ascending), its copies `copyDocs[copyStart[i] .. copyStart[i+1])`. */
      copyOwners: 'u32',
      copyStart: 'u32',
      copyDocs: 'u32',
      /** Documents of each force value / topic bit / inspector value, ascending (CSR). */
      forceStart: 'u32',
      forceDocs: 'u32',
      topicStart: 'u32',
      topicDocs: 'u32',
      inspectorStart: 'u32',
      inspectorDocs: 'u32',
    },
  },
  terms: {
    file: 'terms.hmx',
    kind: 'TERM',
    sections: {
      /** The sorted vocabulary of folded terms, one per line; a term's id is its line number. */
      vocab: 'utf8',
      /** Per term (V): documents holding it (documents owning their text), where its postings and blocks start (V + 1 each). */
      df: 'u32',
      postingStart: 'u32',
      blockStart: 'u32',
      /** Per term: its query-independent maxima over all its documents (as per block, see postings). */
      termMaxTf: 'u8',
      termMinLength: 'u32',
      termSections: 'u8',
      termTopics: 'u32',
      termFigureTopics: 'u32',
      /** Per term: its Porter stem (index into `stems`) and letter signature (lib/query/lexicon.ts). */
      termStem: 'u32',
      termSignature: 'u32',
      /** Sorted distinct stems, one per line, and the terms of each (ascending ids, CSR). */
      stems: 'utf8',
      stemStart: 'u32',
      stemTerms: 'u32',
      /** Terms by length (ascending ids within a length): `lengthTerms[lengthStart[L] .. lengthStart[L+1])`. */
      lengthStart: 'u32',
      lengthTerms: 'u32',
      /** Short prefixes (one per line, sorted) with more terms than a prefix expands to, and their most frequent terms (CSR). */
      prefixKeys: 'utf8',
      prefixStart: 'u32',
      prefixTerms: 'u32',
      /** Sorted folded words of release titles (one per line): what `core.releaseTitleWords` points into. */
      fieldWords: 'utf8',
      /** The WordNet layer (README "Thesaurus layers"): stems of words the index lacks, one per line, and their related phrases (phrases joined by `|`). */
      thesaurusStems: 'utf8',
      thesaurusRelated: 'utf8',
    },
  },
  postings: {
    file: 'postings.hmx',
    kind: 'POST',
    sections: {
      /** Per term, ascending documents (owners of their text) and the term's frequency in each (capped at 255). */
      docs: 'u32',
      tf: 'u8',
      /** Per block of {@link BLOCK_SIZE} postings: last document (skip data), largest tf, shortest document, section kinds present (bit = SECTION_KINDS index), topic bits, figure-topic bits (ORs). */
      blockLast: 'u32',
      blockMaxTf: 'u8',
      blockMinLength: 'u32',
      blockSections: 'u8',
      blockTopics: 'u32',
      blockFigureTopics: 'u32',
    },
  },
  forward: {
    file: 'forward.hmx',
    kind: 'FWRD',
    sections: {
      /** Document d's term ids (positions) are `terms[starts[d] .. ends[d])`; copies of a text share its range. */
      starts: 'u32',
      ends: 'u32',
      terms: 'u32',
    },
  },
  suggest: {
    file: 'suggest.hmx',
    kind: 'SUGG',
    sections: {
      /** JSON SuggestMeta (lib/index/suggest-format.ts): its own format version, FlexSearch's version, candidates per kind. */
      meta: 'utf8',
      /** The suggestion candidates, most findings first (ties: force, inspection, phrase, word, then text), one per line: a candidate's rank is its id in `flexsearch`. */
      text: 'utf8',
      /** Per candidate, one per line: its keys (folded words joined by a space: a force's or inspection's name and aliases) joined by a tab; empty when its only key is its text (words, phrases). */
      keys: 'utf8',
      /** Per candidate: SUGGEST_KINDS index (word, phrase, force, inspection) and the findings holding it. */
      kind: 'u8',
      count: 'u32',
      /** The `map` of a FlexSearch `Index.export()` of the candidates' keys cut where they become unique (tokenize forward, resolution 1; ids = ranks, at most 8 per prefix), one `map<TAB>data` entry per line. */
      flexsearch: 'utf8',
    },
  },
} as const satisfies Record<string, { file: string; kind: string; sections: Record<string, SectionType> }>;

/** The record files: stored documents and releases, read one record at a time. */
export const RECORD_FILES = {
  docs: { file: 'docs.hmr', kind: 'DOCS' },
  releases: { file: 'releases.hmr', kind: 'RELS' },
} as const;

export type FileRole = keyof typeof LAYOUT;

type ValueOf<T extends SectionType> = T extends 'u8' ? Uint8Array : T extends 'u16' ? Uint16Array : T extends 'u32' ? Uint32Array : T extends 'i32' ? Int32Array : T extends 'f64' ? Float64Array : string;

/** Every section of every segment file, by file role and section name. */
type SectionsOf<F extends FileRole> = (typeof LAYOUT)[F]['sections'];
export type IndexData = { [F in FileRole]: { [S in keyof SectionsOf<F>]: ValueOf<SectionsOf<F>[S] & SectionType> } };

/** `core.meta`: counts and the small value tables. */
export interface IndexMeta {
  docCount: number;
  /** Documents that own their text (copies of shared boilerplate count once): BM25's N. */
  ownerDocCount: number;
  releaseCount: number;
  termCount: number;
  /** Mean length (positions) of the documents owning their text. */
  avgDocLength: number;
  /** Facet values, sorted: what the `facet*` and `release*` value indexes point into. */
  facetValues: { force: string[]; region: string[]; inspection: string[]; year: string[]; section: string[]; kind: string[]; inspector: string[] };
  /** The code's enums the columns are laid out by (checked at open: another order is another format). */
  sectionKinds: string[];
  topicIds: string[];
  figureKeys: string[];
  comparableFigures: string[];
}

/** A '\n'-joined list section as an array (the empty text is the empty list). */
export function lines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}
