/**
 * "Similar findings in other forces": findings of other forces sharing the rarest words and the
 * topics of a finding, best first. Candidates come from the finding's most distinctive terms.
 */
import type { PreparedIndex } from '../query/prepare-index';

const DISTINCTIVE_TERMS = 8;

/** Up to `limit` (default 5) document indexes similar to finding `d`, excluding its own force. */
export function similarFindings(index: PreparedIndex, d: number, limit = 5): number[] {
  const { offsets, terms } = index.data.forward;
  const { lexicon } = index;
  const n = lexicon.docCount;
  const own = new Set<number>();
  for (let p = offsets[d]!; p < offsets[d + 1]!; p++) own.add(terms[p]!);
  const idf = (t: number) => Math.log(1 + (n - lexicon.df[t]! + 0.5) / (lexicon.df[t]! + 0.5));
  // Terms in at least two documents (something to share) ranked by rarity.
  const distinctive = [...own].filter((t) => lexicon.df[t]! > 1).sort((a, b) => idf(b) - idf(a)).slice(0, DISTINCTIVE_TERMS);
  const force = index.force.of[d]!;
  const scores = new Map<number, number>();
  for (const t of distinctive) {
    for (const c of index.data.flex.ids(lexicon.vocab[t]!, 'text', n)) {
      if (c === d || index.data.docs[c]!.kind !== 'finding' || index.force.of[c] === force) continue;
      scores.set(c, (scores.get(c) ?? 0) + idf(t));
    }
  }
  const topics = index.topicMask[d]!;
  const bonus = (c: number) => {
    let shared = topics & index.topicMask[c]!;
    let bits = 0;
    while (shared) {
      bits += shared & 1;
      shared >>>= 1;
    }
    return bits * 0.5;
  };
  return [...scores.entries()]
    .map(([c, s]) => [c, s + bonus(c)] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([c]) => c);
}
