/**
 * Index options in one place: the build and the loader both use these, because FlexSearch's
 * export does not store its options and an import under other options silently misbehaves.
 */

/** Bumped whenever anything persisted under `index/` changes shape. Loaders refuse other versions. */
export const INDEX_FORMAT_VERSION = 4;

/** FlexSearch document fields. `text` and `force` are matched; `title` and `topics` boost. */
export const INDEX_FIELDS = ['text', 'force', 'title', 'topics'] as const;
export type IndexField = (typeof INDEX_FIELDS)[number];

/**
 * Per-field FlexSearch options. We hand FlexSearch text that our own tokenizer already folded
 * (one space between terms), so its encoder only splits on spaces: no LatinBalance-style
 * phonetic merging (it conflates different words), no second normalisation.
 */
export const FLEX_FIELD_OPTIONS = {
  tokenize: 'strict',
  resolution: 9,
} as const;

/** Sub-directory of an index holding a copy of every source file, named by its sha256. */
export const SOURCES_DIR = 'sources';

/** Upper bound of one persisted chunk file (V8 strings top out near 512 MB; stay far below). */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

/** Relevance tuning shared by search and tests. */
export const RANKING = {
  bm25K1: 1.2,
  bm25B: 0.75,
  /** Multipliers for how a query word matched a document word. Exact > stem > synonym > prefix > typo. */
  matchWeight: { exact: 1, stem: 0.8, synonym: 0.6, prefix: 0.5, typo: 0.35 },
  /** Extra weight when the whole query phrase occurs, and per clause pair found close together. */
  phraseBoost: 1.5,
  proximityBoost: 0.5,
  /** Matches in the force name, title or topic labels add a little, never more than the text. */
  fieldBoost: { force: 0.3, title: 0.1, topics: 0.2 },
  /**
   * A finding that states a figure of the topic the query is about (e.g. second-job applications for
   * "second jobs") is the evidence people look for: it ranks above prose on the same words.
   */
  figureBoost: 1,
  /** Section prior: findings above background above quote above notes. */
  sectionWeight: {
    findings: 1,
    headline: 0.85,
    background: 0.7,
    quote: 0.5,
    'report-link': 0.4,
    notes: 0.3,
  },
  /** Expansion caps keep a short prefix ("s") from fanning out over the whole vocabulary. */
  maxPrefixExpansions: 64,
  maxTypoExpansions: 16,
} as const;
