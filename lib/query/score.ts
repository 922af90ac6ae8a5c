/**
 * Scoring, in one module: the ranking constants, BM25 (idf, length norm, term saturation), how an
 * alternative (own wording, phrase, synonym) is scaled, the per-document boosts, and the upper
 * bound of all of it. The exact scorer (`exact-score.ts`, tf from positions) and the bound that
 * lets ranking skip documents (`rank.ts`) both compute through these functions, so they cannot
 * drift apart: a bound is the exact formula with proximity and phrase order at their most favourable.
 */
import { SECTION_KINDS } from '../schema';
import type { PreparedIndex } from './prepare-index';
import type { FlatAtom } from './query-plan';

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

/** BM25 inverse document frequency of a term (or atom) in `df` of `n` documents. */
export function idfOf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** BM25's length term `k1 · (1 − b + b · len / avg)` of a document of `docLength` terms. */
export function lengthNorm(docLength: number, avgDocLength: number): number {
  const { bm25K1: k1, bm25B: b } = RANKING;
  return k1 * (1 - b + (b * docLength) / (avgDocLength || 1));
}

/** BM25 contribution of an atom with (weighted) term frequency `tf`; increasing in `tf`. */
export function termScore(idf: number, tf: number, norm: number): number {
  return (idf * tf * (RANKING.bm25K1 + 1)) / (tf + norm);
}

/**
 * Field and evidence boosts of an atom in document `d`: the force name (when the atom matched it),
 * the document's topics, a figure of the atom's topic, the release title (`titleHit`).
 */
export function atomBoosts(index: PreparedIndex, atom: FlatAtom, d: number, viaForce: boolean, titleHit: boolean): number {
  let boost = 0;
  if (viaForce) boost += RANKING.fieldBoost.force;
  if (atom.topicBits & index.core.columns.topics[d]!) boost += RANKING.fieldBoost.topics;
  if (atom.topicBits & index.figureTopicMask[d]!) boost += RANKING.figureBoost;
  if (titleHit) boost += RANKING.fieldBoost.title;
  return boost;
}

/**
 * Scale of an alternative of a clause: the user's own wording (`own`: a clause's first
 * alternative, or any operand of `a OR b`) at full weight (×phraseBoost when it is a phrase); a
 * synonym alternative scaled to its own wording's number of words (`ownAtoms`), so a long
 * expansion cannot outscore a short exact match.
 */
export function alternativeScale(own: boolean, type: 'and' | 'phrase', atoms: number, ownAtoms: number): number {
  if (own) return type === 'phrase' ? RANKING.phraseBoost : 1;
  return ownAtoms / atoms;
}

/** Proximity bonus for the smallest window (`minSpan` positions) holding every clause. */
export function proximityScore(clauseCount: number, minSpan: number): number {
  return (RANKING.proximityBoost * clauseCount) / minSpan;
}

/**
 * Largest {@link proximityScore}: each clause at its own position gives a window of at least
 * `clauseCount` positions; only a term shared by two clauses can put them at one position.
 */
export function proximityBound(clauseCount: number, clausesShareTerms: boolean): number {
  if (clauseCount < 2) return 0;
  return proximityScore(clauseCount, clausesShareTerms ? 1 : clauseCount);
}

/** The section prior of document `d`. */
export function sectionWeightOf(index: PreparedIndex, d: number): number {
  return SECTION_WEIGHTS[index.core.columns.section[d]!]!;
}

/** Section weights by section column value (index into SECTION_KINDS). */
const SECTION_WEIGHTS = Float64Array.from(SECTION_KINDS, (kind) => RANKING.sectionWeight[kind]);
