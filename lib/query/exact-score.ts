/**
 * Exact scoring of one document against a plan by scanning its positions in the forward index:
 * real (weighted) term frequencies, phrase verification and the smallest window holding every
 * clause. The arithmetic is `score.ts`'s; `scoreBound` there is the same formula with each tf at
 * its maximum, which is what lets ranking skip documents that cannot reach the page.
 */
import { alternativeScale, atomBoosts, viaField, lengthNorm, proximityBound, proximityScore, sectionWeightOf, termScore } from './score';
import type { PreparedIndex } from './prepare-index';
import type { Plan } from './query-plan';

export interface DocEval {
  matched: boolean;
  score: number;
}

export function phraseOccurs(index: PreparedIndex, plan: Plan, atoms: readonly number[], from: number, to: number): boolean {
  const { terms } = index.core.forward;
  for (let p = from; p + atoms.length <= to; p++) {
    let ok = true;
    for (let k = 0; k < atoms.length && ok; k++) ok = plan.atoms[atoms[k]!]!.atom.ids.has(terms[p + k]!);
    if (ok) return true;
  }
  return false;
}

/** Scratch buffers reused across documents of one query. */
export interface Scratch {
  tf: Float64Array;
  hit: Uint8Array;
  lastPos: Int32Array;
}

/** True when atom `g` matched a word of the release title of document `d` (remembered per release). */
function titleHit(index: PreparedIndex, plan: Plan, g: number, d: number): boolean {
  const r = index.core.columns.release[d]!;
  const cell = r * plan.atoms.length + g;
  const known = plan.titleHits?.[cell] ?? -1;
  if (known >= 0) return known === 1;
  const found = index.titleHasAny(r, plan.atoms[g]!.titleWordIds);
  if (plan.titleHits) plan.titleHits[cell] = found ? 1 : 0;
  return found;
}

/**
 * Match and score document `d`. `assumePhrases`: count a phrase alternative whose words all occur
 * as matching without checking their order (an upper bound of the score, dearer checks skipped).
 * Faster inside {@link withTermRoles} (positions of other terms cost one typed-array read).
 */
export function evaluate(index: PreparedIndex, plan: Plan, d: number, scratch: Scratch, scoring: boolean, assumePhrases = false): DocEval {
  const { starts, ends, terms } = index.core.forward;
  const from = starts[d]!;
  const to = ends[d]!;
  const { tf, hit, lastPos } = scratch;
  tf.fill(0);
  hit.fill(0);
  lastPos.fill(-1);
  let minSpan = Infinity;
  const clauseCount = plan.clauses.length;
  const marked = plan.termsMarked ? index.scratchTerms : null;
  const weights = index.scratchWeights;
  const atomClause = plan.atomClause;
  for (let p = from; p < to; p++) {
    const t = terms[p]!;
    if (marked) {
      const g = marked[t]!;
      if (g === -1) continue;
      if (g >= 0) {
        // The common case: the term plays one role in the plan.
        tf[g]! += weights[t]!;
        hit[g] = 1;
        lastPos[atomClause[g]!] = p;
      } else {
        for (const [r, weight] of plan.roles.get(t)!) {
          tf[r]! += weight;
          hit[r] = 1;
          lastPos[atomClause[r]!] = p;
        }
      }
    } else {
      const roles = plan.roles.get(t);
      if (!roles) continue;
      for (const [r, weight] of roles) {
        tf[r]! += weight;
        hit[r] = 1;
        lastPos[atomClause[r]!] = p;
      }
    }
    if (scoring && clauseCount > 1) {
      let lo = Infinity;
      let all = true;
      for (let c = 0; c < clauseCount && all; c++) {
        if (lastPos[c]! < 0) all = false;
        else lo = Math.min(lo, lastPos[c]!);
      }
      if (all) minSpan = Math.min(minSpan, p - lo + 1);
    }
  }
  const forceIdx = index.force.of[d]!;
  const norm = lengthNorm(to - from, index.lexicon.avgDocLength);
  let score = 0;
  for (const clause of plan.clauses) {
    let best = -1;
    for (let a = 0; a < clause.alternatives.length; a++) {
      const alt = clause.alternatives[a]!;
      let altScore = 0;
      let ok = alt.atoms.length > 0;
      for (const g of alt.atoms) {
        const fa = plan.atoms[g]!;
        const viaForce = forceIdx >= 0 && fa.forceMatch[forceIdx] === 1;
        if (!hit[g] && !(alt.type === 'and' && viaField(index, fa, d))) {
          ok = false;
          break;
        }
        if (!scoring) continue;
        altScore += termScore(fa.idf, tf[g]!, norm) + atomBoosts(index, fa, d, viaForce, titleHit(index, plan, g, d));
      }
      if (ok && alt.type === 'phrase' && !assumePhrases) ok = phraseOccurs(index, plan, alt.atoms, from, to);
      if (ok && scoring) altScore *= alternativeScale(alt.own, alt.type, alt.atoms.length, alt.ownAtoms);
      if (ok && altScore > best) best = altScore;
      if (ok && !scoring) break;
    }
    if (best < 0) return { matched: false, score: 0 };
    score += best;
  }
  if (scoring && clauseCount > 1 && minSpan < Infinity) score += proximityScore(clauseCount, minSpan);
  return { matched: true, score: scoring ? score * sectionWeightOf(index, d) : 0 };
}

/**
 * An upper bound of `evaluate(…).score` for document `d` without reading its positions, from the
 * atoms' weighted term frequencies in `d` (`tf[at + g]`, from {@link atomFrequencies}): the exact
 * formula but for two things — phrase alternatives are assumed to occur in order, and the
 * proximity bonus is at its largest.
 */
export function scoreBound(index: PreparedIndex, plan: Plan, d: number, tf: ArrayLike<number>, at: number): number {
  const norm = lengthNorm(index.core.forward.ends[d]! - index.core.forward.starts[d]!, index.lexicon.avgDocLength);
  const forceIdx = index.force.of[d]!;
  let bound = 0;
  for (const clause of plan.clauses) {
    let best = 0;
    for (let a = 0; a < clause.alternatives.length; a++) {
      const alt = clause.alternatives[a]!;
      let altBound = 0;
      let ok = true;
      for (const g of alt.atoms) {
        const fa = plan.atoms[g]!;
        const viaForce = forceIdx >= 0 && fa.forceMatch[forceIdx] === 1;
        const t = tf[at + g]!;
        if (t === 0 && !(alt.type === 'and' && viaField(index, fa, d))) {
          ok = false;
          break;
        }
        altBound += termScore(fa.idf, t, norm) + atomBoosts(index, fa, d, viaForce, titleHit(index, plan, g, d));
      }
      if (!ok) continue;
      altBound *= alternativeScale(alt.own, alt.type, alt.atoms.length, alt.ownAtoms);
      if (altBound > best) best = altBound;
    }
    bound += best;
  }
  // Term frequencies summed in another order than `evaluate` sums them may differ in the last
  // bit: a relative margin keeps the bound above the exact score.
  return (bound + proximityBound(plan.clauses.length, plan.clausesShareTerms)) * sectionWeightOf(index, d) * (1 + 1e-9) + 1e-12;
}

/**
 * The weighted term frequency of every atom in every hit, into `out[i * atoms + g]`, by walking
 * the atoms' term postings (no positions read). A copy of shared boilerplate reads its owner's.
 */
export function atomFrequencies(index: PreparedIndex, plan: Plan, hits: Uint32Array, out: Float64Array): void {
  const { start, docs, tf } = index.tfPostings;
  const acc = index.scratchAccumulator;
  const owner = index.core.columns.owner;
  const atomCount = plan.atoms.length;
  for (let g = 0; g < atomCount; g++) {
    const ids = plan.atoms[g]!.atom.ids;
    for (const [id, weight] of ids) {
      for (let k = start[id]!, end = start[id + 1]!; k < end; k++) acc[docs[k]!]! += weight * tf[k]!;
    }
    for (let i = 0; i < hits.length; i++) {
      const d = hits[i]!;
      const o = owner[d]!;
      out[i * atomCount + g] = acc[o >= 0 ? o : d]!;
    }
    for (const id of ids.keys()) {
      for (let k = start[id]!, end = start[id + 1]!; k < end; k++) acc[docs[k]!] = 0;
    }
  }
}

/**
 * Run `body` with `index.scratchTerms` marking the plan's terms (a typed-array test per position
 * instead of a Map look-up), restoring it to all -1 afterwards (search is single-threaded).
 */
export function withTermRoles<T>(index: PreparedIndex, plan: Plan, body: () => T): T {
  const marks = index.scratchTerms;
  for (const [t, roles] of plan.roles) {
    marks[t] = roles.length === 1 ? roles[0]![0] : -2;
    index.scratchWeights[t] = roles.length === 1 ? roles[0]![1] : 0;
  }
  plan.termsMarked = true;
  try {
    return body();
  } finally {
    plan.termsMarked = false;
    for (const t of plan.roles.keys()) marks[t] = -1;
  }
}

export function scratchFor(plan: Plan): Scratch {
  return {
    tf: new Float64Array(plan.atoms.length),
    hit: new Uint8Array(plan.atoms.length),
    lastPos: new Int32Array(Math.max(plan.clauses.length, 1)),
  };
}
