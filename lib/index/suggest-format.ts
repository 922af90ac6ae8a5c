/**
 * As-you-type suggestions, the part the build and the query side share: the kinds of candidate,
 * how a text becomes the key FlexSearch indexes, and the FlexSearch options (an export does not
 * store them, so both sides must build the index with these very options).
 *
 * The suggest file (`suggest.hmx`, lib/index/index-layout.ts) holds the candidates in rank order —
 * most findings first — and a FlexSearch `Index` of their keys (tokenize `forward`, resolution 1),
 * whose ids are those ranks. Every key of every candidate is one FlexSearch term (the folded words
 * joined by one space), so the forward tokenizer indexes every prefix of the whole key ("s", "se",
 * …, "second j", …, "second jobs") and a partial matches a candidate exactly when it is a prefix of
 * one of its keys. With resolution 1 every entry scores the same, so FlexSearch keeps a prefix's
 * ids in insertion order — rank order — and `search(prefix, limit)` is the top `limit` by count
 * without sorting anything (tests/query/suggest.test.ts checks it).
 */
import { terms } from '../text/tokenize';

/** What a suggestion is: a word or a frequent phrase of the findings, a force, an inspection. */
export const SUGGEST_KINDS = ['word', 'phrase', 'force', 'inspection'] as const;
export type SuggestKind = (typeof SUGGEST_KINDS)[number];

/** Longest partial a suggestion is asked for (the API's `q`); keys are cut at this length too. */
export const MAX_SUGGEST_QUERY_LENGTH = 64;

/** Suggestions given for one partial (the API and the search box). */
export const SUGGEST_LIMIT = 8;

/** Version of the suggest file's own layout (its `meta` section), beside the index format. */
export const SUGGEST_FORMAT_VERSION = 1;

/** Separates the keys of one candidate in the text given to FlexSearch (never inside a key). */
const KEY_SEPARATOR = '\n';

/** The key of a text: its folded words (lib/text/tokenize.ts) joined by one space, cut at {@link MAX_SUGGEST_QUERY_LENGTH}. */
export function suggestKey(text: string): string {
  return terms(text).join(' ').slice(0, MAX_SUGGEST_QUERY_LENGTH);
}

/** What FlexSearch is given for a candidate with these keys (see {@link SUGGEST_INDEX_OPTIONS}). */
export function keysText(keys: readonly string[]): string {
  return keys.join(KEY_SEPARATOR);
}

/**
 * The FlexSearch `Index` options of the suggester, the same at build and at load. Keys are folded
 * already: the encoder only splits a candidate's keys apart (a query is one key); `forward`
 * indexes every prefix; resolution 1 puts every id in one score slot, in insertion order.
 */
export const SUGGEST_INDEX_OPTIONS = {
  tokenize: 'forward',
  resolution: 1,
  encode: (text: string): string[] => text.split(KEY_SEPARATOR),
} as const;

/** `meta` section of the suggest file. */
export interface SuggestMeta {
  formatVersion: number;
  /** FlexSearch's version at build: its export is read back only by the same version. */
  flexsearchVersion: string;
  /** Candidates per kind. */
  counts: Record<SuggestKind, number>;
  /** Fewest findings a phrase had to hold to be kept. */
  minPhraseCount: number;
}
