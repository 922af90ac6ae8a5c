/**
 * Posting lists from FlexSearch as sorted Uint32Arrays, kept in a size-bounded LRU cache.
 * FlexSearch answers "which documents contain term t" in its own score order; sorting once and
 * reusing the result turns every later AND / OR / NOT into a typed-array merge.
 */
import type { FlexIndex } from '../index/flex-index';

/** Entries (document indexes) kept at most across all cached lists. Default 32M (128 MB). */
export const DEFAULT_POSTING_CACHE_ENTRIES = 32 * 1024 * 1024;

export interface PostingCache {
  /** Ascending documents whose text contains `term`. */
  get(term: string): Uint32Array;
}

/** A cache over `flex`'s `text` field for an index of `docCount` documents. */
export function createPostingCache(flex: FlexIndex, docCount: number, maxEntries = DEFAULT_POSTING_CACHE_ENTRIES): PostingCache {
  const lists = new Map<string, Uint32Array>();
  let entries = 0;
  return {
    get(term) {
      const hit = lists.get(term);
      if (hit) {
        // refresh recency
        lists.delete(term);
        lists.set(term, hit);
        return hit;
      }
      const list = Uint32Array.from(flex.ids(term, 'text', docCount)).sort();
      lists.set(term, list);
      entries += list.length;
      for (const [oldTerm, old] of lists) {
        if (entries <= maxEntries || oldTerm === term) break;
        lists.delete(oldTerm);
        entries -= old.length;
      }
      return list;
    },
  };
}
