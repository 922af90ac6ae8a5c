/**
 * Index options in one place: the build and the loader both use these, because FlexSearch's
 * export does not store its options and an import under other options silently misbehaves.
 */

/** Bumped whenever anything persisted under `index/` changes shape. Loaders refuse other versions. */
export const INDEX_FORMAT_VERSION = 5;

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
