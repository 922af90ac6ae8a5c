/**
 * Exact scoring of one document against a plan by scanning its positions in the forward index:
 * real (weighted) term frequencies, phrase verification and the smallest window holding every
 * clause. The arithmetic is `score.ts`'s; `scoreBound` there is the same formula with each tf at
 * its maximum, which is what lets ranking skip documents that cannot reach the page.
 */
import { alternativeScale, atomBoosts, lengthNorm, proximityBound, proximityScore, sectionWeightOf, termScore } from './score';
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

/** True when atom `g` matched a word of the release title of document `d`. */
function titleHit(index: PreparedIndex, plan: Plan, g: number, d: number): boolean {
  const titleWords = index.titleWords[index.core.columns.release[d]!]!;
  for (const w of plan.atoms[g]!.atom.fieldWords) if (titleWords.has(w)) return true;
  return false;
}

export function evaluate(index: PreparedIndex, plan: Plan, d: number, scratch: Scratch, scoring: boolean): DocEval {
  const { starts, ends, terms } = index.core.forward;
  const from = starts[d]!;
  const to = ends[d]!;
  const { tf, hit, lastPos } = scratch;
  tf.fill(0);
  hit.fill(0);
  lastPos.fill(-1);
  let minSpan = Infinity;
  const clauseCount = plan.clauses.length;
  for (let p = from; p < to; p++) {
    const roles = plan.roles.get(terms[p]!);
    if (!roles) continue;
    for (const [g, weight] of roles) {
      tf[g]! += weight;
      hit[g] = 1;
      lastPos[plan.atoms[g]!.clause] = p;
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
    const ownAtoms = clause.alternatives[0]!.atoms.length;
    for (let a = 0; a < clause.alternatives.length; a++) {
      const alt = clause.alternatives[a]!;
      let altScore = 0;
      let ok = alt.atoms.length > 0;
      for (const g of alt.atoms) {
        const fa = plan.atoms[g]!;
        const viaForce = forceIdx >= 0 && fa.forceMatch[forceIdx] === 1;
        if (!hit[g] && !(alt.type === 'and' && viaForce)) {
          ok = false;
          break;
        }
        if (!scoring) continue;
        altScore += termScore(fa.idf, tf[g]!, norm) + atomBoosts(index, fa, d, viaForce, titleHit(index, plan, g, d));
      }
      if (ok && alt.type === 'phrase') ok = phraseOccurs(index, plan, alt.atoms, from, to);
      if (ok && scoring) altScore *= alternativeScale(a, alt.type, alt.atoms.length, ownAtoms);
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
 * An upper bound of `evaluate(…).score` for document `d` without reading its positions: every
 * atom at its largest possible weighted tf (`min(Σ weight × maxTf, maxWeight × length)`), every
 * alternative assumed to match, the title boost assumed, the proximity bonus at its largest.
 */
export function scoreBound(index: PreparedIndex, plan: Plan, d: number): number {
  const docLength = index.core.forward.ends[d]! - index.core.forward.starts[d]!;
  const norm = lengthNorm(docLength, index.lexicon.avgDocLength);
  const forceIdx = index.force.of[d]!;
  let bound = 0;
  for (const clause of plan.clauses) {
    let best = 0;
    const ownAtoms = clause.alternatives[0]!.atoms.length;
    for (let a = 0; a < clause.alternatives.length; a++) {
      const alt = clause.alternatives[a]!;
      let altBound = 0;
      for (const g of alt.atoms) {
        const fa = plan.atoms[g]!;
        const viaForce = forceIdx >= 0 && fa.forceMatch[forceIdx] === 1;
        const tf = Math.min(fa.maxTf, fa.maxWeight * docLength);
        altBound += termScore(fa.idf, tf, norm) + atomBoosts(index, fa, d, viaForce, true);
      }
      altBound *= alternativeScale(a, alt.type, alt.atoms.length, ownAtoms);
      if (altBound > best) best = altBound;
    }
    bound += best;
  }
  return (bound + proximityBound(plan.clauses.length)) * sectionWeightOf(index, d);
}

export function scratchFor(plan: Plan): Scratch {
  return {
    tf: new Float64Array(plan.atoms.length),
    hit: new Uint8Array(plan.atoms.length),
    lastPos: new Int32Array(Math.max(plan.clauses.length, 1)),
  };
}
