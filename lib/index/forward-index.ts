import { runSync } from './run-sliced';
import { PAUSE, type Sliced } from './sliced-work';

/**
 * Forward index: each document's text as a sequence of term ids (positions). Phrase checks,
 * term frequencies and proximity are read from here, so FlexSearch only has to answer
 * "which documents contain term t" for the rarest clause of a query.
 */
export interface ForwardIndex {
  /** Sorted, unique folded terms; a term's id is its index here. */
  vocab: string[];
  /** Document d's term ids are `terms[starts[d] .. ends[d])`. Copies of a text share its range. */
  starts: Uint32Array;
  ends: Uint32Array;
  terms: Uint32Array;
}

/**
 * Build the vocabulary and forward index from each document's folded terms. Documents with an
 * `owner` (>= 0) reuse the owner's range instead of storing their terms again.
 */
export function forwardIndexFromTerms(perDoc: readonly (readonly string[] | null)[], owner: Int32Array): ForwardIndex {
  const vocabSet = new Set<string>();
  for (const list of perDoc) if (list) for (const t of list) vocabSet.add(t);
  const vocab = [...vocabSet].sort();
  const idOf = new Map(vocab.map((t, i) => [t, i] as const));
  let total = 0;
  for (let d = 0; d < perDoc.length; d++) if (owner[d]! < 0) total += perDoc[d]!.length;
  const starts = new Uint32Array(perDoc.length);
  const ends = new Uint32Array(perDoc.length);
  const termIds = new Uint32Array(total);
  let k = 0;
  for (let d = 0; d < perDoc.length; d++) {
    const o = owner[d]!;
    if (o >= 0) {
      starts[d] = starts[o]!;
      ends[d] = ends[o]!;
      continue;
    }
    starts[d] = k;
    for (const t of perDoc[d]!) termIds[k++] = idOf.get(t)!;
    ends[d] = k;
  }
  return { vocab, starts, ends, terms: termIds };
}

/**
 * Document frequency of each term over the documents that own their text (copies of shared
 * boilerplate are counted once, as in FlexSearch).
 */
export function documentFrequencies(index: ForwardIndex, owner: Int32Array): Uint32Array {
  return runSync(documentFrequencySteps(index, owner));
}

/** {@link documentFrequencies} as sliced work (pauses every few thousand documents). */
export function* documentFrequencySteps(index: ForwardIndex, owner: Int32Array): Sliced<Uint32Array> {
  const df = new Uint32Array(index.vocab.length);
  const lastSeen = new Int32Array(index.vocab.length).fill(-1);
  for (let d = 0; d < index.starts.length; d++) {
    if ((d & 4095) === 4095) yield PAUSE;
    if (owner[d]! >= 0) continue;
    for (let p = index.starts[d]!; p < index.ends[d]!; p++) {
      const t = index.terms[p]!;
      if (lastSeen[t] !== d) {
        lastSeen[t] = d;
        df[t]!++;
      }
    }
  }
  return df;
}
