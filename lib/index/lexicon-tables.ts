/**
 * What the query side's lexicon needs from the vocabulary, computed once at build: each term's
 * stem and letter signature, the terms of each stem and of each length, and the most frequent
 * terms of each short prefix. Opening an index reads these; nothing is derived from the vocabulary.
 */
import { stem } from '../text/stem';

/** A prefix expands to at most this many terms (most frequent first): RANKING.maxPrefixExpansions must not exceed it. */
export const PREFIX_EXPANSIONS = 64;
/** Prefixes up to this length get their expansions precomputed (longer ones have few terms). */
export const PRECOMPUTED_PREFIX_LENGTH = 3;

/** Bit i set when the term contains letter i (a–z; digits and others share bits 26–31). */
export function letterSignature(term: string): number {
  let mask = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask >>> 0;
}

/** Compressed sparse rows: the items of group g are `items[start[g] .. start[g + 1])`. */
export interface Csr {
  start: Uint32Array;
  items: Uint32Array;
}

/** Group `0 … count-1` by `groupOf` (groups `0 … groups-1`), ascending within a group: a counting sort. */
export function groupBy(count: number, groups: number, groupOf: (i: number) => number): Csr {
  const start = new Uint32Array(groups + 1);
  for (let i = 0; i < count; i++) start[groupOf(i) + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groups);
  const items = new Uint32Array(count);
  for (let i = 0; i < count; i++) items[fill[groupOf(i)]!++] = i;
  return { start, items };
}

export interface LexiconTables {
  termStem: Uint32Array;
  termSignature: Uint32Array;
  /** Sorted distinct stems. */
  stems: string[];
  stemTerms: Csr;
  lengthTerms: Csr;
  prefixKeys: string[];
  prefixTerms: Csr;
}

/** The tables of a sorted vocabulary with its document frequencies. */
export function lexiconTables(vocab: readonly string[], df: Uint32Array): LexiconTables {
  const V = vocab.length;
  const stemOfTerm = vocab.map((t) => stem(t));
  const stems = [...new Set(stemOfTerm)].sort();
  const stemId = new Map(stems.map((s, i) => [s, i] as const));
  const termStem = Uint32Array.from(stemOfTerm, (s) => stemId.get(s)!);
  const termSignature = Uint32Array.from(vocab, letterSignature);
  let maxLength = 0;
  for (const t of vocab) if (t.length > maxLength) maxLength = t.length;
  // Most frequent first, ties by id: the order lexicon.withPrefix returns.
  const byFrequency = (a: number, b: number) => df[b]! - df[a]! || a - b;
  const prefixKeys: string[] = [];
  const lists: number[][] = [];
  for (let length = 1; length <= PRECOMPUTED_PREFIX_LENGTH; length++) {
    // The vocabulary is sorted, so a prefix's terms are one run.
    for (let i = 0; i < V; ) {
      if (vocab[i]!.length < length) {
        i++;
        continue;
      }
      const prefix = vocab[i]!.slice(0, length);
      let j = i;
      const run: number[] = [];
      while (j < V && vocab[j]!.startsWith(prefix)) run.push(j++);
      // Shorter terms inside the run (the prefix itself is one) are part of it too.
      if (run.length > PREFIX_EXPANSIONS) {
        prefixKeys.push(prefix);
        lists.push(run.sort(byFrequency).slice(0, PREFIX_EXPANSIONS));
      }
      i = j;
    }
  }
  const order = prefixKeys.map((_, i) => i).sort((a, b) => (prefixKeys[a]! < prefixKeys[b]! ? -1 : 1));
  const start = new Uint32Array(order.length + 1);
  order.forEach((i, k) => (start[k + 1] = start[k]! + lists[i]!.length));
  const items = new Uint32Array(start[order.length]!);
  order.forEach((i, k) => items.set(lists[i]!, start[k]!));
  return {
    termStem,
    termSignature,
    stems,
    stemTerms: groupBy(V, stems.length, (t) => termStem[t]!),
    lengthTerms: groupBy(V, maxLength + 1, (t) => vocab[t]!.length),
    prefixKeys: order.map((i) => prefixKeys[i]!),
    prefixTerms: { start, items },
  };
}
