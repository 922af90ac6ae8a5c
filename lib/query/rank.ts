/**
 * Relevance ranking with exactly the result of scoring every hit (MaxScore at the document level):
 * every hit gets an upper bound of its score from its real term frequencies, walked from the
 * query terms' postings without reading positions (`scoreBound`: exact but for the proximity bonus
 * and the order of phrase alternatives); the hits with the highest bounds are scored exactly
 * first (one scan of their positions); after that a hit is scored only when its bound reaches the
 * k-th best exact score so far (below it a hit cannot enter the top k, not even by a tie-break).
 *
 * Order: non-boilerplate before boilerplate, then exact score (desc), then force, then document.
 */
import { atomFrequencies, evaluate, scoreBound, withTermRoles, type Scratch } from './exact-score';
import type { PreparedIndex } from './prepare-index';
import type { Plan } from './query-plan';

/** The `k` best of a stream of (document, score) under a strict "ranks before" relation. */
export class BestK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];

  constructor(
    private readonly k: number,
    private readonly before: (da: number, sa: number, db: number, sb: number) => boolean,
  ) {}

  get full(): boolean {
    return this.docs.length >= this.k;
  }

  /** The score of the k-th best so far (the bar to reach), or -Infinity while not full. */
  get threshold(): number {
    return this.full ? this.scores[0]! : -Infinity;
  }

  offer(d: number, score: number): void {
    // Below the k-th score a document cannot enter, not even by a tie-break.
    if (this.docs.length >= this.k && score < this.scores[0]!) return;
    if (!this.full) {
      this.docs.push(d);
      this.scores.push(score);
      this.siftUp(this.docs.length - 1);
    } else if (this.before(d, score, this.docs[0]!, this.scores[0]!)) {
      this.docs[0] = d;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): [number, number][] {
    const pairs = this.docs.map((d, i) => [d, this.scores[i]!] as [number, number]);
    return pairs.sort((a, b) => (this.before(a[0], a[1], b[0], b[1]) ? -1 : 1));
  }

  // A heap with the worst kept entry at the root.
  private worse(i: number, j: number): boolean {
    return this.before(this.docs[j]!, this.scores[j]!, this.docs[i]!, this.scores[i]!);
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j]!, this.docs[i]!];
    [this.scores[i], this.scores[j]] = [this.scores[j]!, this.scores[i]!];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.docs.length && this.worse(l, m)) m = l;
      if (r < this.docs.length && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

/** Statistics of one ranking, for tests and the bench. */
export interface RankStats {
  /** Hits scored exactly (their positions scanned). */
  scored: number;
}

/**
 * The `wanted` best of `resultDocs` (ascending document indexes), best first, as `[doc, score]`.
 * `stats`, when given, receives how many hits were scored exactly.
 */
export function rankByRelevance(index: PreparedIndex, plan: Plan, scratch: Scratch, resultDocs: Uint32Array, wanted: number, stats?: RankStats): [number, number][] {
  const { boilerplate } = index.core.columns;
  const forceOf = index.force.of;
  const forceRank = (d: number) => (forceOf[d]! < 0 ? 1 << 30 : forceOf[d]!);
  const before = (da: number, sa: number, db: number, sb: number) => {
    if (sa !== sb) return sa > sb;
    const fa = forceRank(da);
    const fb = forceRank(db);
    return fa !== fb ? fa < fb : da < db;
  };
  let plainCount = 0;
  for (let i = 0; i < resultDocs.length; i++) if (!boilerplate[resultDocs[i]!]) plainCount++;
  const plain = new Uint32Array(plainCount);
  const shared = new Uint32Array(resultDocs.length - plainCount);
  for (let i = 0, p = 0, s = 0; i < resultDocs.length; i++) {
    const d = resultDocs[i]!;
    if (boilerplate[d]) shared[s++] = d;
    else plain[p++] = d;
  }
  const out: [number, number][] = [];
  let scored = 0;
  withTermRoles(index, plan, () => {
    for (const group of [plain, shared]) {
      const k = wanted - out.length;
      if (k <= 0 || group.length === 0) continue;
      const best = new BestK(k, before);
      const exact = (d: number) => {
        scored++;
        best.offer(d, evaluate(index, plan, d, scratch, true).score);
      };
      // Bounds from each hit's real term frequencies (walked from the postings, no positions).
      const atomCount = plan.atoms.length;
      const frequencies = new Float64Array(group.length * atomCount);
      atomFrequencies(index, plan, group, frequencies);
      const bounds = new Float64Array(group.length);
      for (let i = 0; i < group.length; i++) bounds[i] = scoreBound(index, plan, group[i]!, frequencies, i * atomCount);
      // One pass: a hit is scored only when its bound reaches the bar (the k-th best exact score so
      // far). The bounds are tight, so the bar rises after about k log(n/k) scans.
      for (let i = 0; i < group.length; i++) {
        if (bounds[i]! >= best.threshold) exact(group[i]!);
      }
      out.push(...best.sorted());
    }
  });
  if (stats) stats.scored = scored;
  return out;
}

/** Every hit scored exactly and sorted: the reference the pruned ranking must equal. */
export function rankExhaustively(index: PreparedIndex, plan: Plan, scratch: Scratch, resultDocs: Uint32Array, wanted: number): [number, number][] {
  const { boilerplate } = index.core.columns;
  const forceOf = index.force.of;
  const forceRank = (d: number) => (forceOf[d]! < 0 ? 1 << 30 : forceOf[d]!);
  const all = Array.from(resultDocs, (d) => [d, evaluate(index, plan, d, scratch, true).score] as [number, number]);
  all.sort((a, b) => boilerplate[a[0]]! - boilerplate[b[0]]! || b[1] - a[1] || forceRank(a[0]) - forceRank(b[0]) || a[0] - b[0]);
  return all.slice(0, wanted);
}
