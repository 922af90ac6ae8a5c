/**
 * The query-side view of the vocabulary: term ids, document frequencies, stem groups, prefix
 * expansions and bounded typo candidates, all read from the tables the build wrote
 * (lib/index/lexicon-tables.ts, the index's `terms` file): nothing is derived at open.
 */
import { LRUCache } from 'lru-cache';
import { lines, type IndexData, type IndexMeta } from '../index/index-layout';
import { PREFIX_EXPANSIONS, letterSignature } from '../index/lexicon-tables';
import { indexOf, lowerBound } from '../index/sorted';
import { editDistance } from './edit-distance';

export { letterSignature };

/** Term look-up by binary search over the sorted vocabulary. */
export interface TermLookup {
  get(term: string): number | undefined;
  has(term: string): boolean;
}

export interface Lexicon {
  vocab: readonly string[];
  idOf: TermLookup;
  df: Uint32Array;
  stemOf: (termId: number) => string;
  /** Term ids sharing a stem (ascending). */
  stemGroup: (stemValue: string) => ArrayLike<number> & Iterable<number>;
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
/** Thesaurus entries kept split. */
const RELATED_CACHE_SIZE = 10_000;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}


/** The lexicon of an index's `terms` sections. */
export function openLexicon(terms: IndexData['terms'], meta: IndexMeta): Lexicon {
  const vocab = lines(terms.vocab);
  const stems = lines(terms.stems);
  const prefixKeys = lines(terms.prefixKeys);
  const { df, termStem, termSignature, stemStart, stemTerms, lengthStart, lengthTerms, prefixStart, prefixTerms } = terms;
  let thesaurusStems: string[] | null = null;
  let thesaurusRelated: string[] | null = null;
  const byFrequency = (a: number, b: number) => df[b]! - df[a]! || a - b;
  // Typo look-ups scan a length bucket; people retype the same misspellings while typing.
  const nearCache = new LRUCache<string, { termId: number; distance: number }[]>({ max: NEAR_CACHE_SIZE });
  const related = new LRUCache<string, string[][]>({ max: RELATED_CACHE_SIZE });
  const idOf: TermLookup = {
    get: (term) => {
      const i = indexOf(vocab, term);
      return i < 0 ? undefined : i;
    },
    has: (term) => indexOf(vocab, term) >= 0,
  };

  return {
    vocab,
    idOf,
    df,
    docCount: meta.ownerDocCount,
    avgDocLength: meta.avgDocLength,
    stemOf: (termId) => stems[termStem[termId]!]!,
    stemGroup(s) {
      const i = indexOf(stems, s);
      return i < 0 ? new Uint32Array(0) : stemTerms.subarray(stemStart[i]!, stemStart[i + 1]!);
    },
    related(s) {
      thesaurusStems ??= lines(terms.thesaurusStems);
      const i = indexOf(thesaurusStems, s);
      if (i < 0) return [];
      let phrases = related.get(s);
      if (!phrases) {
        thesaurusRelated ??= lines(terms.thesaurusRelated);
        phrases = thesaurusRelated[i]!.split('|').map((p) => p.split(' '));
        related.set(s, phrases);
      }
      return phrases;
    },
    withPrefix(prefix, limit) {
      // Short prefixes with many terms: their most frequent terms were listed at build.
      if (limit <= PREFIX_EXPANSIONS) {
        const k = indexOf(prefixKeys, prefix);
        if (k >= 0) return Array.from(prefixTerms.subarray(prefixStart[k]!, prefixStart[k]! + Math.min(limit, prefixStart[k + 1]! - prefixStart[k]!)));
      }
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
      for (let len = Math.max(0, term.length - maxEdits); len <= term.length + maxEdits && len + 1 < lengthStart.length; len++) {
        for (let k = lengthStart[len]!, end = lengthStart[len + 1]!; k < end; k++) {
          const id = lengthTerms[k]!;
          // One edit changes at most two letters of the set: a cheap test before the edit distance.
          if (popcount(termSignature[id]! ^ signature) > 2 * maxEdits) continue;
          const distance = editDistance(term, vocab[id]!, maxEdits);
          if (distance > 0 && distance <= maxEdits) found.push({ termId: id, distance });
        }
      }
      const result = found.sort((a, b) => a.distance - b.distance || byFrequency(a.termId, b.termId)).slice(0, limit);
      nearCache.set(key, result);
      return result;
    },
  };
}
