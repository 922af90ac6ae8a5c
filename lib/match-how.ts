/**
 * How a query word matched a document word, and what each way weighs: exact > stem > synonym
 * (curated, lib/data/synonyms.json) > prefix > thesaurus (WordNet, computed at build) > typo.
 * Below both lib/query (scoring: `RANKING.matchWeight` is this) and lib/highlight (a word marked
 * two ways shows the stronger), so neither imports the other for it.
 */
export const MATCH_WEIGHT = { exact: 1, stem: 0.8, synonym: 0.6, prefix: 0.5, thesaurus: 0.4, typo: 0.35 } as const;

export type MatchHow = keyof typeof MATCH_WEIGHT;
