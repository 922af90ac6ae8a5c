/**
 * Scoring, in one module: the ranking constants, BM25 (idf, length norm, term saturation), how an
 * alternative (own wording, phrase, synonym) is scaled, the per-document boosts, and the upper
 * bound of all of it. The exact scorer (`exact-score.ts`, tf from positions) and the bound that
 * lets ranking skip documents (`rank.ts`) both compute through these functions, so they cannot
 * drift apart: a bound is the exact formula with proximity and phrase order at their most favourable.
 */
import { MATCH_WEIGHT } from '../match-how';
import { SECTION_KINDS } from '../schema';
import type { PreparedIndex } from './prepare-index';
import type { FlatAtom, Plan } from './query-plan';

/** Relevance tuning shared by search and tests. */
export const RANKING = {
  bm25K1: 1.2,
  bm25B: 0.75,
  /** Multipliers for how a query word matched a document word (declared in lib/match-how.ts, which highlighting shares). */
  matchWeight: MATCH_WEIGHT,
  /** Extra weight when the whole query phrase occurs, and per clause pair found close together. */
  phraseBoost: 1.5,
  proximityBoost: 0.5,
  /**
   * Matches in the force name, title, topic labels or the quoted inspector's name add a little,
   * never more than the text. A word matching only a field (force, topic label, inspector) scores
   * just this boost: below any text match.
   */
  fieldBoost: { force: 0.3, title: 0.1, topics: 0.2, inspector: 0.3 },
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
  /**
   * Near misses (lib/query/near-misses.ts): when fewer documents than this match every positive
   * clause, the documents matching some of them are listed after the full matches.
   */
  nearMissesBelow: 10,
  /** Expansion caps keep a short prefix ("s") from fanning out over the whole vocabulary. */
  maxPrefixExpansions: 64,
  maxTypoExpansions: 16,
  /**
   * Similar findings (lib/engine/similar-findings.ts): candidates share one of a finding's rarest
   * terms; each shared term adds its idf, each shared topic this weight.
   */
  similar: { distinctiveTerms: 8, sharedTopicWeight: 0.5 },
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
 * True when `atom` matches document `d` through a field instead of its text: the force name, a
 * topic label, the quoted inspector's name (an `and` alternative accepts that as a match).
 */
export function viaField(index: PreparedIndex, atom: FlatAtom, d: number): boolean {
  const force = index.force.of[d]!;
  const inspector = index.inspector.of[d]!;
  return (force >= 0 && atom.forceMatch[force] === 1) || (atom.topicMatch & index.core.columns.topics[d]!) !== 0 || (inspector >= 0 && atom.inspectorMatch[inspector] === 1);
}

/**
 * Field and evidence boosts of an atom in document `d`: the force name (when the atom matched it),
 * the document's topics, a figure of the atom's topic, the release title (`titleHit`), the quoted
 * inspector's name.
 */
export function atomBoosts(index: PreparedIndex, atom: FlatAtom, d: number, viaForce: boolean, titleHit: boolean): number {
  let boost = 0;
  if (viaForce) boost += RANKING.fieldBoost.force;
  const inspector = index.inspector.of[d]!;
  if (inspector >= 0 && atom.inspectorMatch[inspector] === 1) boost += RANKING.fieldBoost.inspector;
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

/** The largest section prior (what a near-miss bound assumes). */
const MAX_SECTION_WEIGHT = Math.max(...Object.values(RANKING.sectionWeight));

/** The clause weights near misses are ranked by, and the clauses heaviest first. */
export interface NearMissWeights {
  /** Per positive clause: the summed idf of its own wording's words (of its heaviest operand for an OR group). */
  weights: Float64Array;
  /** Clause indexes, heaviest first (ties: lower index first). */
  order: number[];
}

/** A rare word missed costs more than a common one: each clause weighs the idf of its own words. */
export function nearMissWeights(plan: Plan): NearMissWeights {
  const weights = Float64Array.from(plan.clauses, (clause) => {
    let best = 0;
    for (const alt of clause.alternatives) {
      if (!alt.own) continue;
      let sum = 0;
      for (const g of alt.atoms) sum += plan.atoms[g]!.idf;
      if (sum > best) best = sum;
    }
    return best;
  });
  const order = Array.from(weights, (_, c) => c).sort((a, b) => weights[b]! - weights[a]! || a - b);
  return { weights, order };
}

/**
 * Near-miss score of a document: the weights of the clauses it matches (`matched[c]` = 1), times its
 * section prior. Summed lightest first, the order {@link nearMissBound} sums in, so a bound is never
 * below a score by a rounding difference.
 */
export function nearMissScore(w: NearMissWeights, matched: ArrayLike<number>, sectionWeight: number): number {
  let sum = 0;
  for (let j = w.order.length - 1; j >= 0; j--) {
    const c = w.order[j]!;
    if (matched[c]) sum = w.weights[c]! + sum;
  }
  return sum * sectionWeight;
}

/**
 * Upper bound of {@link nearMissScore} for a document known to match the `matched` clauses among
 * the `known` heaviest (`order[0..known)`), assuming it matches every lighter one, in any section.
 */
export function nearMissBound(w: NearMissWeights, matched: ArrayLike<number>, known: number): number {
  let sum = 0;
  for (let j = w.order.length - 1; j >= 0; j--) {
    const c = w.order[j]!;
    if (j >= known || matched[c]) sum = w.weights[c]! + sum;
  }
  return sum * MAX_SECTION_WEIGHT;
}
