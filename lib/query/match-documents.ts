/**
 * Text matching and scoring. Candidates come from FlexSearch for the rarest positive clause only;
 * every other clause, phrase, negation and the score are checked against the forward index
 * (positions), so long posting lists of common words are never fetched or intersected.
 */
import { RANKING } from '../index/options';
import type { Alternative, Atom, CompiledClause, CompiledQuery } from './compile-query';
import { sectionOf, type PreparedIndex } from './prepare-index';

interface FlatAtom {
  atom: Atom;
  clause: number;
  idf: number;
  /** Per force value index: 1 when the atom matches a word of that force's name. */
  forceMatch: Uint8Array;
  /** Bitmask of topics whose label contains the atom's words. */
  topicBits: number;
}

interface Plan {
  atoms: FlatAtom[];
  /** term id → [flat atom index, weight] pairs */
  roles: Map<number, [number, number][]>;
  clauses: { alternatives: { type: Alternative['type']; atoms: number[] }[] }[];
  positiveCount: number;
}

function idfOf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function planOf(index: PreparedIndex, clauses: readonly CompiledClause[]): Plan {
  const { lexicon } = index;
  const atoms: FlatAtom[] = [];
  const roles = new Map<number, [number, number][]>();
  const planned = clauses.map((clause, c) => ({
    alternatives: clause.alternatives.map((alt) => ({
      type: alt.type,
      atoms: alt.atoms.map((atom) => {
        const g = atoms.length;
        let df = 0;
        for (const id of atom.ids.keys()) df += lexicon.df[id]!;
        const forceMatch = Uint8Array.from(index.forceWords, (words) => ([...atom.fieldWords].some((w) => words.has(w)) ? 1 : 0));
        let topicBits = 0;
        index.topicWords.forEach((words, bit) => {
          if ([...atom.fieldWords].some((w) => words.has(w))) topicBits |= 1 << bit;
        });
        atoms.push({ atom, clause: c, idf: idfOf(Math.min(df, lexicon.docCount), lexicon.docCount), forceMatch, topicBits });
        for (const [id, weight] of atom.ids) {
          const list = roles.get(id);
          if (list) list.push([g, weight]);
          else roles.set(id, [[g, weight]]);
        }
        return g;
      }),
    })),
  }));
  return { atoms, roles, clauses: planned, positiveCount: clauses.length };
}

/** Estimated number of documents a clause can match: its cheapest alternative's rarest atom, summed. */
function estimate(index: PreparedIndex, plan: Plan, c: number): number {
  let total = 0;
  for (const alt of plan.clauses[c]!.alternatives) {
    let best = Infinity;
    for (const g of alt.atoms) {
      const fa = plan.atoms[g]!;
      let n = 0;
      for (const id of fa.atom.ids.keys()) n += index.lexicon.df[id]!;
      fa.forceMatch.forEach((m, v) => {
        if (m) n += index.core.facets.force[index.force.values[v]!]?.length ?? 0;
      });
      best = Math.min(best, n);
    }
    total += best === Infinity ? 0 : best;
  }
  return total;
}

/**
 * Candidate documents for the rarest positive clause, ascending. FlexSearch holds one copy of each
 * shared boilerplate text; its other copies are added when boilerplate is wanted.
 */
function candidatesOf(index: PreparedIndex, plan: Plan, c: number, withCopies: boolean): Uint32Array {
  const n = index.docCount;
  const seen = new Uint8Array(n);
  const out: number[] = [];
  const add = (ids: ArrayLike<number>) => {
    for (let i = 0; i < ids.length; i++) {
      const d = ids[i]!;
      if (!seen[d]) {
        seen[d] = 1;
        out.push(d);
        const copies = withCopies ? index.copies.get(d) : undefined;
        if (copies) for (const copy of copies) if (!seen[copy]) (seen[copy] = 1), out.push(copy);
      }
    }
  };
  for (const alt of plan.clauses[c]!.alternatives) {
    let rarest = alt.atoms[0]!;
    let rarestSize = Infinity;
    for (const g of alt.atoms) {
      let size = 0;
      for (const id of plan.atoms[g]!.atom.ids.keys()) size += index.lexicon.df[id]!;
      if (size < rarestSize) {
        rarestSize = size;
        rarest = g;
      }
    }
    const fa = plan.atoms[rarest];
    if (!fa) continue;
    for (const id of fa.atom.ids.keys()) add(index.core.flex.ids(index.lexicon.vocab[id]!, 'text', n));
    fa.forceMatch.forEach((m, v) => {
      if (m) add(index.core.facets.force[index.force.values[v]!] ?? []);
    });
  }
  return Uint32Array.from(out).sort();
}

interface DocEval {
  matched: boolean;
  score: number;
}

function phraseOccurs(index: PreparedIndex, plan: Plan, atoms: readonly number[], from: number, to: number): boolean {
  const { terms } = index.core.forward;
  for (let p = from; p + atoms.length <= to; p++) {
    let ok = true;
    for (let k = 0; k < atoms.length && ok; k++) ok = plan.atoms[atoms[k]!]!.atom.ids.has(terms[p + k]!);
    if (ok) return true;
  }
  return false;
}

/** Scratch buffers reused across documents of one query. */
interface Scratch {
  tf: Float64Array;
  hit: Uint8Array;
  lastPos: Int32Array;
}

function evaluate(index: PreparedIndex, plan: Plan, d: number, scratch: Scratch, scoring: boolean): DocEval {
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

function scratchFor(plan: Plan): Scratch {
  return {
    tf: new Float64Array(plan.atoms.length),
    hit: new Uint8Array(plan.atoms.length),
    lastPos: new Int32Array(Math.max(plan.clauses.length, 1)),
  };
}

export interface TextMatch {
  /** Matching documents, ascending. */
  docs: Uint32Array;
  /** Score by document index (only meaningful for matching documents). */
  scores: Float64Array | null;
}

/**
 * Documents matching every positive clause and no negative clause, with relevance scores.
 * With no positive clause every document is a candidate and nothing is scored.
 * @param accept cheap pre-filter (boilerplate, figure comparisons) applied before text checks.
 */
export function matchDocuments(index: PreparedIndex, query: CompiledQuery, accept: (d: number) => boolean, includeBoilerplate: boolean): TextMatch {
  const n = index.docCount;
  const positive = planOf(index, query.positive);
  const negative = planOf(index, query.negative);
  let candidates: ArrayLike<number>;
  if (positive.clauses.length > 0) {
    let rarest = 0;
    let rarestSize = Infinity;
    for (let c = 0; c < positive.clauses.length; c++) {
      const size = estimate(index, positive, c);
      if (size < rarestSize) {
        rarestSize = size;
        rarest = c;
      }
    }
    candidates = candidatesOf(index, positive, rarest, includeBoilerplate);
  } else {
    candidates = { length: n } as ArrayLike<number>;
  }
  const all = positive.clauses.length === 0;
  const scores = all ? null : new Float64Array(n);
  const out: number[] = [];
  const posScratch = scratchFor(positive);
  const negScratch = scratchFor(negative);
  for (let i = 0; i < candidates.length; i++) {
    const d = all ? i : candidates[i]!;
    if (!accept(d)) continue;
    if (!all) {
      const result = evaluate(index, positive, d, posScratch, true);
      if (!result.matched) continue;
      scores![d] = result.score;
    }
    if (negative.clauses.some((_, c) => evaluateSingle(index, negative, c, d, negScratch))) continue;
    out.push(d);
  }
  return { docs: Uint32Array.from(out), scores };
}

function evaluateSingle(index: PreparedIndex, plan: Plan, c: number, d: number, scratch: Scratch): boolean {
  const single: Plan = { ...plan, clauses: [plan.clauses[c]!] };
  return evaluate(index, single, d, scratch, false).matched;
}
