/**
 * As-you-type suggestions at query time: the FlexSearch index the build wrote into the suggest
 * file (lib/index/build-suggest.ts), imported once when the index opens, and the candidates'
 * texts, keys, kinds and counts read as they are. A partial is folded like the keys
 * (lib/index/suggest-format.ts) and looked up as one prefix: FlexSearch returns the ids of the
 * candidates with a key starting with it in insertion order, which is rank order (most findings
 * first), so the first `limit` ids are the answer — nothing is scored or sorted here.
 *
 * FlexSearch holds each key only up to where it becomes unique; a longer partial is looked up by
 * its longest prefix FlexSearch has, whose entry then names the one key that can match, and the
 * whole keys decide (exact: tests/query/suggest.test.ts compares with a brute-force count).
 */
import FlexSearch from 'flexsearch';
import type { FlexIndex } from '../index/build-suggest';
import { lines, type IndexData } from '../index/index-layout';
import { SUGGEST_INDEX_OPTIONS, SUGGEST_KINDS, SUGGEST_LIMIT, suggestKey, type SuggestKind } from '../index/suggest-format';
import { runSync } from '../index/run-sliced';
import { PAUSE, type Sliced } from '../index/sliced-work';

export type { SuggestKind };

/** One suggestion: the text to search for, the findings holding it, what it is. */
export interface Suggestion {
  text: string;
  count: number;
  kind: SuggestKind;
}

export interface Suggester {
  /** Candidates in the index. */
  readonly size: number;
  /** Up to `limit` (at most {@link SUGGEST_LIMIT}) completions of `partial`, most findings first; [] when nothing starts so. */
  suggest(partial: string, limit?: number): Suggestion[];
}

/** Open the suggester of an index's suggest sections, as sliced work (a pause after each stored line of FlexSearch entries). */
export function* openSuggesterSteps(section: IndexData['suggest']): Sliced<Suggester> {
  const texts = lines(section.text);
  const keyLines = lines(section.keys);
  const { kind, count } = section;
  const { Index } = FlexSearch as unknown as { Index: new (options: typeof SUGGEST_INDEX_OPTIONS) => FlexIndex };
  const index = new Index(SUGGEST_INDEX_OPTIONS);
  const entries = section.flexsearch;
  for (let at = 0; at < entries.length; ) {
    const next = entries.indexOf('\n', at);
    const line = entries.slice(at, next < 0 ? entries.length : next);
    const tab = line.indexOf('\t');
    index.import(line.slice(0, tab), line.slice(tab + 1));
    at = next < 0 ? entries.length : next + 1;
    yield PAUSE;
  }
  const startsWith = (id: number, key: string) => {
    const keys = keyLines[id] || texts[id]!;
    for (let at = 0; at <= keys.length; ) {
      if (keys.startsWith(key, at)) return true;
      const next = keys.indexOf('\t', at);
      if (next < 0) return false;
      at = next + 1;
    }
    return false;
  };
  return {
    size: texts.length,
    suggest(partial, limit = SUGGEST_LIMIT) {
      const key = suggestKey(partial);
      const wanted = Math.max(0, Math.min(limit, SUGGEST_LIMIT));
      if (key === '' || wanted === 0) return [];
      // The longest prefix of the key FlexSearch holds: the key itself, unless it runs past where a
      // candidate's key became unique (then that entry names the one candidate the whole key decides on).
      let ids: number[] = [];
      for (let prefix = key; prefix !== ''; prefix = prefix.slice(0, -1)) {
        ids = index.search(prefix, SUGGEST_LIMIT);
        if (ids.length === 0) continue;
        if (prefix !== key) ids = ids.filter((id) => startsWith(id, key));
        break;
      }
      const out: Suggestion[] = [];
      for (let i = 0; i < ids.length && out.length < wanted; i++) {
        const id = ids[i]!;
        out.push({ text: texts[id]!, count: count[id]!, kind: SUGGEST_KINDS[kind[id]!]! });
      }
      return out;
    },
  };
}

/** Open the suggester in one go (CLIs, tests). */
export function openSuggester(section: IndexData['suggest']): Suggester {
  return runSync(openSuggesterSteps(section));
}

/**
 * A suggester opened on its first use (a CLI or a search-only process never imports FlexSearch's
 * map); a server opens it in slices while it loads the index instead (lib/engine/get-engine.ts).
 */
export function lazySuggester(section: IndexData['suggest']): Suggester {
  let opened: Suggester | null = null;
  const open = () => (opened ??= openSuggester(section));
  return {
    get size() {
      return open().size;
    },
    suggest: (partial, limit) => open().suggest(partial, limit),
  };
}
