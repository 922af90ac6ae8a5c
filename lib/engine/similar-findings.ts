/**
 * "Similar findings in other forces": findings of other forces sharing the rarest words and the
 * topics of a finding, best first. Candidates come from the finding's most distinctive terms;
 * they score by lib/query/score.ts: the BM25 idf of each shared term, plus a weight per shared topic.
 */
import type { PreparedIndex } from '../query/prepare-index';
import { idfOf, RANKING } from '../query/score';

function sharedTopicCount(a: number, b: number): number {
  let shared = a & b;
  let count = 0;
  while (shared) {
    count += shared & 1;
    shared >>>= 1;
  }
  return count;
}

/** Up to `limit` (default 5) document indexes similar to finding `d`, excluding its own force. */
export function similarFindings(index: PreparedIndex, d: number, limit = 5): number[] {
  const { starts, ends, terms } = index.core.forward;
  const { columns } = index.core;
  const { lexicon } = index;
  const n = lexicon.docCount;
  const own = new Set<number>();
  for (let p = starts[d]!; p < ends[d]!; p++) own.add(terms[p]!);
  const { distinctiveTerms, sharedTopicWeight } = RANKING.similar;
  const idf = (t: number) => idfOf(lexicon.df[t]!, n);
  // Terms in at least two documents (something to share), rarest first.
  const distinctive = [...own].filter((t) => lexicon.df[t]! > 1).sort((a, b) => idf(b) - idf(a)).slice(0, distinctiveTerms);
  const force = index.force.of[d]!;
  const scores = new Map<number, number>();
  for (const t of distinctive) {
    for (const c of index.postings(t)) {
      if (c === d || columns.kind[c] !== 0 || index.force.of[c] === force) continue;
      scores.set(c, (scores.get(c) ?? 0) + idf(t));
    }
  }
  return [...scores.entries()]
    .map(([c, s]) => [c, s + sharedTopicWeight * sharedTopicCount(columns.topics[d]!, columns.topics[c]!)] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([c]) => c);
}
