/**
 * Forward index: each document's text as a sequence of term ids (positions). Phrase checks,
 * term frequencies and proximity are read from here, so FlexSearch only has to answer
 * "which documents contain term t" for the rarest clause of a query.
 */
import { terms } from '../text/tokenize';

export interface ForwardIndex {
  /** Sorted, unique folded terms; a term's id is its index here. */
  vocab: string[];
  /** `terms[offsets[d] .. offsets[d + 1])` are document d's term ids in text order. */
  offsets: Uint32Array;
  terms: Uint32Array;
}

/** Build the vocabulary and forward index from document texts. */
export function buildForwardIndex(texts: readonly string[]): ForwardIndex {
  const perDoc = texts.map((t) => terms(t));
  const vocabSet = new Set<string>();
  for (const list of perDoc) for (const t of list) vocabSet.add(t);
  const vocab = [...vocabSet].sort();
  const idOf = new Map(vocab.map((t, i) => [t, i] as const));
  const offsets = new Uint32Array(texts.length + 1);
  let total = 0;
  for (let d = 0; d < perDoc.length; d++) {
    offsets[d] = total;
    total += perDoc[d]!.length;
  }
  offsets[texts.length] = total;
  const termIds = new Uint32Array(total);
  let k = 0;
  for (const list of perDoc) for (const t of list) termIds[k++] = idOf.get(t)!;
  return { vocab, offsets, terms: termIds };
}

/** Number of documents containing each term (document frequency), by term id. */
export function documentFrequencies(index: ForwardIndex): Uint32Array {
  const df = new Uint32Array(index.vocab.length);
  const lastSeen = new Int32Array(index.vocab.length).fill(-1);
  const docCount = index.offsets.length - 1;
  for (let d = 0; d < docCount; d++) {
    for (let p = index.offsets[d]!; p < index.offsets[d + 1]!; p++) {
      const t = index.terms[p]!;
      if (lastSeen[t] !== d) {
        lastSeen[t] = d;
        df[t]!++;
      }
    }
  }
  return df;
}
