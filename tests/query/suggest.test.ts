/**
 * As-you-type suggestions on the seeds: ranked by the number of findings holding them, exactly as a
 * brute-force count over the seeds' findings says, and in that order because FlexSearch keeps
 * insertion order for equal scores (measured here, not assumed).
 */
import FlexSearch from 'flexsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGEST_STOP_WORDS, distinguishingPrefixes, exportSuggestIndex, type FlexIndex } from '../../lib/index/build-suggest';
import { SUGGEST_INDEX_OPTIONS, keysText, suggestKey, type SuggestKind } from '../../lib/index/suggest-format';
import { FORCES } from '../../lib/ingest/resolve-force';
import { INSPECTIONS } from '../../lib/ingest/resolve-inspection';
import { unwrapMarkdownLinks } from '../../lib/text/markdown';
import { tokenize } from '../../lib/text/tokenize';
import { openSuggester, type Suggestion } from '../../lib/query/suggest';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

let seed: SeedIndex;
beforeAll(async () => {
  seed = await buildSeedIndex();
});
afterAll(() => seed?.cleanup());

interface Truth {
  text: string;
  kind: SuggestKind;
  count: number;
  keys: string[];
}

/**
 * Every candidate with its count, from the findings' texts alone: words (not stop words), runs of
 * two or three words with nothing but spaces, hyphens or emphasis between them and content words
 * at both ends (in two findings or more), forces and inspections with their aliases.
 */
function bruteForce(s: SeedIndex): Truth[] {
  // Every finding, through the search API (no query, findings only, every page, whole texts).
  const first = s.search({ kind: ['finding'], size: 100, fields: ['segments'] });
  const hits = [...first.hits];
  for (let page = 2; page <= first.pages; page++) hits.push(...s.search({ kind: ['finding'], size: 100, page, fields: ['segments'] }).hits);
  const findings = hits.map((hit) => ({ text: (hit.segments ?? []).map((x) => x.text).join(''), force: hit.force, inspection: hit.inspection }));
  expect(findings.length).toBe(42);

  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const f of findings) {
    const text = unwrapMarkdownLinks(f.text);
    const tokens = tokenize(text);
    const seenWords = new Set(tokens.map((t) => t.term));
    for (const w of seenWords) if (!SUGGEST_STOP_WORDS.has(w)) words.set(w, (words.get(w) ?? 0) + 1);
    const seenPhrases = new Set<string>();
    const joined = (i: number) => i > 0 && /^[\s\-*_\u2010\u2011]*$/.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));
    for (let i = 0; i < tokens.length; i++) {
      for (const len of [2, 3]) {
        if (i + len > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < len; k++) ok &&= joined(i + k);
        const run = tokens.slice(i, i + len).map((t) => t.term);
        if (ok && !SUGGEST_STOP_WORDS.has(run[0]!) && !SUGGEST_STOP_WORDS.has(run[len - 1]!)) seenPhrases.add(run.join(' '));
      }
    }
    for (const p of seenPhrases) phrases.set(p, (phrases.get(p) ?? 0) + 1);
  }
  const named: Truth[] = [];
  for (const force of new Set(findings.map((f) => f.force).filter((x): x is string => x !== null))) {
    const aliases = FORCES.find((f) => f.name === force)?.aliases ?? [];
    named.push({ text: force, kind: 'force', count: findings.filter((f) => f.force === force).length, keys: [force, ...aliases].map(suggestKey) });
  }
  for (const inspection of new Set(findings.map((f) => f.inspection).filter((x): x is string => x !== null))) {
    const aliases = INSPECTIONS.find((i) => i.name === inspection)?.aliases ?? [];
    named.push({ text: inspection, kind: 'inspection', count: findings.filter((f) => f.inspection === inspection).length, keys: [inspection, ...aliases].map(suggestKey) });
  }
  const namedKeys = new Set(named.flatMap((n) => n.keys));
  return [
    ...named,
    ...[...words].filter(([w]) => !namedKeys.has(w)).map(([w, count]): Truth => ({ text: w, kind: 'word', count, keys: [w] })),
    ...[...phrases].filter(([p, count]) => count >= 2 && !namedKeys.has(p)).map(([p, count]): Truth => ({ text: p, kind: 'phrase', count, keys: [p] })),
  ];
}

describe('suggestions on the seeds', () => {
  it('offers "second jobs" (a phrase) for "seco", ranked by count', () => {
    const got = seed.engine.suggest('seco');
    expect(got).toContainEqual({ text: 'second jobs', count: 10, kind: 'phrase' });
    expect(got.map((s) => s.count)).toEqual([...got.map((s) => s.count)].sort((a, b) => b - a));
    expect(got.every((s) => s.text.startsWith('seco'))).toBe(true);
  });

  it('offers "Essex Police" (a force) for "ess", and through its alias words', () => {
    expect(seed.engine.suggest('ess')).toContainEqual({ text: 'Essex Police', count: 10, kind: 'force' });
    expect(seed.engine.suggest('ESSEX PO')).toEqual([{ text: 'Essex Police', count: 10, kind: 'force' }]);
  });

  it('gives nothing for a partial that starts nothing, nor for one without words', () => {
    expect(seed.engine.suggest('zzqx')).toEqual([]);
    expect(seed.engine.suggest('  ?! ')).toEqual([]);
    expect(seed.engine.suggest('second jobs and zebras')).toEqual([]);
  });

  it('ranks every partial exactly as a brute-force count over the findings', () => {
    const truth = bruteForce(seed);
    const partials = new Set<string>(['seco', 'ess', 'second j', 'self-ass', 'Social', 'gifts a', 'revisiting']);
    for (const t of truth) for (const key of t.keys) for (const n of [1, 2, 3, 4]) partials.add(key.slice(0, n));
    let compared = 0;
    for (const partial of partials) {
      const key = suggestKey(partial);
      const matching = truth.filter((t) => t.keys.some((k) => k.startsWith(key))).sort((a, b) => b.count - a.count);
      const got: Suggestion[] = seed.engine.suggest(partial);
      // The counts are the top 8 counts (ties may be cut anywhere), each suggestion's the brute-force one.
      expect(got.map((s) => s.count), partial).toEqual(matching.slice(0, 8).map((t) => t.count));
      for (const s of got) {
        const t = truth.find((x) => x.text === s.text && x.kind === s.kind);
        expect(t, `${partial} → ${s.text}`).toBeDefined();
        expect(s.count, `${partial} → ${s.text}`).toBe(t!.count);
      }
      compared += got.length;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('limits to 8 and to the limit asked for', () => {
    expect(seed.engine.suggest('s')).toHaveLength(8);
    expect(seed.engine.suggest('s', 3)).toEqual(seed.engine.suggest('s').slice(0, 3));
    expect(seed.engine.suggest('s', 50)).toHaveLength(8);
    expect(seed.engine.suggest('s', 0)).toEqual([]);
  });
});

describe('FlexSearch with the suggester options', () => {
  it('returns the ids of a prefix in insertion order (not id order), for any number of keys per id', () => {
    const { Index } = FlexSearch as unknown as { Index: new (o: typeof SUGGEST_INDEX_OPTIONS) => FlexIndex };
    const index = new Index(SUGGEST_INDEX_OPTIONS);
    // Ids inserted in a shuffled order, some with several keys, some matching on a later key.
    const order = [7, 3, 11, 0, 5, 9, 1, 12, 4, 8, 2, 10, 6];
    for (const id of order) index.add(id, keysText(id % 3 === 0 ? [`zeta ${id}`, `sample ${id}`] : [`sample ${id}`, `sam ${id}`]));
    expect(index.search('s', 100)).toEqual(order);
    expect(index.search('sam', 5)).toEqual(order.slice(0, 5));
    expect(index.search('zeta', 100)).toEqual(order.filter((id) => id % 3 === 0));
    expect(index.search('sample 1', 100)).toEqual(order.filter((id) => String(id).startsWith('1')));
  });
});

describe('keys cut where they become unique', () => {
  it('cuts each key one character past the longest prefix it shares', () => {
    expect(distinguishingPrefixes(['hospital', 'hospitality', 'hostel', 'zebra', 'ab', 'ab'])).toEqual(['hospital', 'hospitali', 'host', 'z', 'ab', 'ab']);
  });

  it('answers every partial as the top 8 of all candidates with a key starting with it (random candidates)', () => {
    let state = 0x2545f491;
    const random = (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const word = () => Array.from({ length: 1 + random(4) }, () => 'abc'[random(3)]).join('');
    const key = () => Array.from({ length: 1 + random(3) }, word).join(' ');
    let checked = 0;
    for (let round = 0; round < 30; round++) {
      // Ranked already (the build sorts by count): rank i, text "#i", 1–3 keys sharing long prefixes.
      const candidates = Array.from({ length: 1 + random(200) }, (_, i) => ({ text: `#${i}`, keys: [...new Set(Array.from({ length: 1 + random(3) }, key))] }));
      const suggester = openSuggester({
        meta: '{}',
        text: candidates.map((c) => c.text).join('\n'),
        keys: candidates.map((c) => c.keys.join('\t')).join('\n'),
        kind: new Uint8Array(candidates.length),
        count: Uint32Array.from(candidates, (_, i) => candidates.length - i),
        flexsearch: exportSuggestIndex(candidates, 1 + random(50)),
      });
      const partials = new Set<string>(['c c c c c c', 'ab cab', 'abcabc']);
      for (const c of candidates) for (const k of c.keys) for (let n = 1; n <= k.length + 1; n++) partials.add(k.slice(0, n) + (n > k.length ? 'a' : ''));
      for (const partial of partials) {
        const q = suggestKey(partial);
        const expected = candidates.filter((c) => c.keys.some((k) => k.startsWith(q))).slice(0, 8).map((c) => c.text);
        expect(suggester.suggest(partial).map((s) => s.text), `round ${round}: ${partial}`).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});
