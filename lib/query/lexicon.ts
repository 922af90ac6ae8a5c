/**
 * The query-side view of the vocabulary: term ids, document frequencies, stem groups, prefix
 * ranges over the sorted vocabulary and bounded typo candidates. Built once per loaded index.
 */
import { documentFrequencies, type ForwardIndex } from '../index/forward-index';
import { stem } from '../text/stem';
import { editDistance } from './edit-distance';
import type { ThesaurusEntries } from '../index/thesaurus-format';

export interface Lexicon {
  vocab: readonly string[];
  idOf: Map<string, number>;
  df: Uint32Array;
  stemOf: (termId: number) => string;
  /** Term ids sharing a stem. */
  stemGroup: (stemValue: string) => readonly number[];
  /** Term ids starting with `prefix`, most frequent first, at most `limit`. */
  withPrefix: (prefix: string, limit: number) => number[];
  /** Term ids within `maxEdits` of `term` (excluding itself), nearest then most frequent first. */
  near: (term: string, maxEdits: number, limit: number) => { termId: number; distance: number }[];
  /**
   * Phrases (folded terms) related by the WordNet thesaurus to a word the index lacks, by that
   * word's stem; best first; empty when there are none.
   */
  related: (wordStem: string) => readonly string[][];
  /** Documents that own their text (copies of shared boilerplate count once). */
  docCount: number;
  avgDocLength: number;
}

/** Typo look-ups remembered per lexicon. */
const NEAR_CACHE_SIZE = 10_000;

/** Bit i set when the term contains letter i (a–z; digits and others share bits 26–31). */
export function letterSignature(term: string): number {
  let mask = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function lowerBound(vocab: readonly string[], key: string): number {
  let lo = 0;
  let hi = vocab.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vocab[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Build the lexicon for a forward index. O(vocabulary + positions). `derived` takes the two dear
 * parts when the caller computed them already (in slices, while loading): document frequencies
 * (`documentFrequencies`) and each term's stem. `thesaurus`: the index's WordNet relations (thesaurus.json).
 */
export function buildLexicon(forward: ForwardIndex, owner: Int32Array, thesaurus: ThesaurusEntries = {}, derived?: { df: Uint32Array; stems: string[] }): Lexicon {
  const { vocab } = forward;
  const idOf = new Map(vocab.map((t, i) => [t, i] as const));
  const df = derived?.df ?? documentFrequencies(forward, owner);
  const stems = derived?.stems ?? vocab.map((t) => stem(t));
  const groups = new Map<string, number[]>();
  stems.forEach((s, i) => {
    const g = groups.get(s);
    if (g) g.push(i);
    else groups.set(s, [i]);
  });
  // Letter-set signature of each term: one edit changes at most two letters of the set, so
  // popcount(a ^ b) > 2·edits rules a pair out before the (much dearer) edit distance.
  const signatures = Uint32Array.from(vocab, letterSignature);
  const byLength = new Map<number, number[]>();
  vocab.forEach((t, i) => {
    const g = byLength.get(t.length);
    if (g) g.push(i);
    else byLength.set(t.length, [i]);
  });
  let docCount = 0;
  for (let d = 0; d < owner.length; d++) if (owner[d]! < 0) docCount++;
  const byFrequency = (a: number, b: number) => df[b]! - df[a]! || a - b;
  // Typo look-ups scan the vocabulary; people retype the same misspellings while typing.
  const nearCache = new Map<string, { termId: number; distance: number }[]>();
  // Split into words on first use: few query words ever reach the thesaurus.
  const related = new Map<string, string[][]>();

  return {
    vocab,
    idOf,
    df,
    docCount,
    avgDocLength: docCount ? forward.terms.length / docCount : 0,
    stemOf: (termId) => stems[termId]!,
    stemGroup: (s) => groups.get(s) ?? [],
    related(s) {
      if (!Object.hasOwn(thesaurus, s)) return [];
      let phrases = related.get(s);
      if (!phrases) {
        phrases = thesaurus[s]!.map((p) => p.split(' '));
        related.set(s, phrases);
      }
      return phrases;
    },
    withPrefix(prefix, limit) {
      const out: number[] = [];
      for (let i = lowerBound(vocab, prefix); i < vocab.length && vocab[i]!.startsWith(prefix); i++) out.push(i);
      return out.sort(byFrequency).slice(0, limit);
    },
    near(term, maxEdits, limit) {
      const key = `${maxEdits}:${limit}:${term}`;
      const cached = nearCache.get(key);
      if (cached) return cached;
      const found: { termId: number; distance: number }[] = [];
      const signature = letterSignature(term);
      for (let len = term.length - maxEdits; len <= term.length + maxEdits; len++) {
        for (const id of byLength.get(len) ?? []) {
          if (popcount(signatures[id]! ^ signature) > 2 * maxEdits) continue;
          const distance = editDistance(term, vocab[id]!, maxEdits);
          if (distance > 0 && distance <= maxEdits) found.push({ termId: id, distance });
        }
      }
      const result = found.sort((a, b) => a.distance - b.distance || byFrequency(a.termId, b.termId)).slice(0, limit);
      if (nearCache.size >= NEAR_CACHE_SIZE) nearCache.delete(nearCache.keys().next().value!);
      nearCache.set(key, result);
      return result;
    },
  };
}
