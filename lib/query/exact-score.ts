/**
 * Exact scoring of one document against a plan by scanning its positions in the forward index:
 * BM25 with real term frequencies, phrase verification, proximity, field boosts, section prior.
 * Run for the few documents that can reach the requested page, not for every hit.
 */
import { RANKING } from '../index/options';
import { sectionOf, type PreparedIndex } from './prepare-index';
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
  const docLength = to - from;
  const { bm25K1: k1, bm25B: b } = RANKING;
  const norm = k1 * (1 - b + (b * docLength) / (index.lexicon.avgDocLength || 1));
  let score = 0;
  for (const clause of plan.clauses) {
    let best = -1;
    for (let a = 0; a < clause.alternatives.length; a++) {
      const alt = clause.alternatives[a]!;
      let altScore = 0;
      let ok = alt.atoms.length > 0;
      for (const g of alt.atoms) {
        const viaForce = forceIdx >= 0 && plan.atoms[g]!.forceMatch[forceIdx] === 1;
        if (!hit[g] && !(alt.type === 'and' && viaForce)) {
          ok = false;
          break;
        }
        if (!scoring) continue;
        const fa = plan.atoms[g]!;
        const t = tf[g]!;
        altScore += (fa.idf * t * (k1 + 1)) / (t + norm);
        if (viaForce) altScore += RANKING.fieldBoost.force;
        if (fa.topicBits & index.core.columns.topics[d]!) altScore += RANKING.fieldBoost.topics;
        if (fa.topicBits & index.figureTopicMask[d]!) altScore += RANKING.figureBoost;
        const titleWords = index.titleWords[index.core.columns.release[d]!]!;
        for (const w of fa.atom.fieldWords) {
          if (titleWords.has(w)) {
            altScore += RANKING.fieldBoost.title;
            break;
          }
        }
      }
      if (ok && alt.type === 'phrase') ok = phraseOccurs(index, plan, alt.atoms, from, to);
      if (ok && scoring) {
        // The clause's own wording comes first; a synonym alternative is scaled to the own
        // alternative's number of words so a long expansion cannot outscore a short exact match.
        if (a === 0 && alt.type === 'phrase') altScore *= RANKING.phraseBoost;
        if (a > 0) altScore *= clause.alternatives[0]!.atoms.length / alt.atoms.length;
      }
      if (ok && altScore > best) best = altScore;
      if (ok && !scoring) break;
    }
    if (best < 0) return { matched: false, score: 0 };
    score += best;
  }
  if (scoring && clauseCount > 1 && minSpan < Infinity) score += (RANKING.proximityBoost * clauseCount) / minSpan;
  const section = sectionOf(index, d);
  return { matched: true, score: scoring ? score * RANKING.sectionWeight[section] : 0 };
}

export function scratchFor(plan: Plan): Scratch {
  return {
    tf: new Float64Array(plan.atoms.length),
    hit: new Uint8Array(plan.atoms.length),
    lastPos: new Int32Array(Math.max(plan.clauses.length, 1)),
  };
}


