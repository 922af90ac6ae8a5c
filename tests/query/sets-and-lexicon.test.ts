/**
 * Unit and property tests for the pieces search is built from: galloping search and filtering of
 * sorted typed arrays, the postings the build writes and the lexicon read from
 * the build's tables (prefixes, typos, stems, term statistics against brute force over a small
 * forward index).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterSet, gallop } from '../../lib/query/sorted-sets';
import { openLexicon } from '../../lib/query/lexicon';
import { editDistance } from '../../lib/query/edit-distance';
import { buildPostings, documentFrequencies } from '../../lib/index/build-postings';
import { lexiconTables, PREFIX_EXPANSIONS } from '../../lib/index/lexicon-tables';
import { termSections } from '../../lib/index/build-index';
import type { IndexMeta } from '../../lib/index/index-layout';

const N = 3000;
/** A sorted set of document indexes below N: sparse, dense or clustered. */
const setArb = fc
  .oneof(
    fc.uniqueArray(fc.nat(N - 1), { maxLength: 40 }),
    fc.uniqueArray(fc.nat(N - 1), { minLength: 500, maxLength: 2500 }),
    fc.tuple(fc.nat(N - 200), fc.nat(199)).map(([start, length]) => Array.from({ length }, (_, i) => start + i)),
  )
  .map((xs) => Uint32Array.from(xs.sort((a, b) => a - b)));

const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe('sorted sets', () => {
  it('gallop finds the first position at or after `from` holding a value ≥ the target; filterSet keeps what the predicate keeps', () => {
    fc.assert(
      fc.property(setArb, fc.nat(N), fc.nat(N), (a, value, start) => {
        const from = Math.min(start, a.length);
        let expected = from;
        while (expected < a.length && a[expected]! < value) expected++;
        expect(gallop(a, value, from)).toBe(expected);
        expect([...filterSet(a, (d) => d % 3 === 0)]).toEqual([...a].filter((d) => d % 3 === 0));
      }),
      { numRuns: 400 },
    );
  });
});

/** A forward index of term lists (null: a copy of the document `owner` names), as the build lays it out. */
function forwardOf(texts: readonly (readonly string[] | null)[], owner: Int32Array) {
  const vocab = [...new Set(texts.flatMap((t) => t ?? []))].sort();
  const id = new Map(vocab.map((t, i) => [t, i] as const));
  const starts = new Uint32Array(texts.length);
  const ends = new Uint32Array(texts.length);
  const terms: number[] = [];
  texts.forEach((text, d) => {
    if (owner[d]! >= 0) {
      starts[d] = starts[owner[d]!]!;
      ends[d] = ends[owner[d]!]!;
      return;
    }
    starts[d] = terms.length;
    for (const t of text!) terms.push(id.get(t)!);
    ends[d] = terms.length;
  });
  return { vocab, starts, ends, terms: Uint32Array.from(terms) };
}

/** Postings and the lexicon of `texts`, through the build's own functions. */
function lexiconOf(texts: readonly (readonly string[] | null)[], owner = new Int32Array(texts.length).fill(-1)) {
  const forward = forwardOf(texts, owner);
  const n = texts.length;
  const postings = buildPostings({ termCount: forward.vocab.length, ...forward, owner, section: new Uint8Array(n), topics: new Uint32Array(n), figureTopics: new Uint32Array(n) });
  const tables = lexiconTables(forward.vocab, postings.df);
  const owners = Array.from(owner).filter((o) => o < 0).length;
  const meta = { ownerDocCount: owners, avgDocLength: owners ? forward.terms.length / owners : 0 } as IndexMeta;
  const lexicon = openLexicon(termSections(forward.vocab, postings, tables, { formatVersion: 1, source: '', relations: [], stems: [], related: [] }, []), meta);
  return { forward, postings, lexicon };
}

describe('postings and lexicon', () => {
  const docs = [
    'second jobs second jobs second',
    'secondment of staff',
    'the force investigated investigations',
    'hospitality register hospitality',
    'seconds',
    null, // a copy of document 0 (shared boilerplate): its terms are not counted again
  ].map((t) => (t === null ? null : t.split(' ')));
  const owner = Int32Array.from([-1, -1, -1, -1, -1, 0]);
  const { forward, postings, lexicon } = lexiconOf(docs, owner);
  const id = (t: string) => lexicon.idOf.get(t)!;

  it('counts document frequency and term frequencies per document, copies once', () => {
    expect(lexicon.df[id('second')]).toBe(1);
    const of = (t: string) => Array.from({ length: postings.postingStart[id(t) + 1]! - postings.postingStart[id(t)]! }, (_, k) => [postings.docs[postings.postingStart[id(t)]! + k], postings.tf[postings.postingStart[id(t)]! + k]]);
    expect(of('second')).toEqual([[0, 3]]);
    expect(of('jobs')).toEqual([[0, 2]]);
    expect(lexicon.df[id('hospitality')]).toBe(1);
    expect(of('hospitality')).toEqual([[3, 2]]);
    expect(lexicon.docCount).toBe(5);
    expect(lexicon.avgDocLength).toBe(forward.terms.length / 5);
    expect(lexicon.idOf.has('nope')).toBe(false);
  });

  it('statistics, postings and block maxima equal brute force on random documents', () => {
    const words = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...words), { maxLength: 12 }), { minLength: 1, maxLength: 300 }), (texts) => {
        const own = new Int32Array(texts.length).fill(-1);
        const f = forwardOf(texts, own);
        const n = texts.length;
        const section = Uint8Array.from(texts, (_, d) => d % 6);
        const topics = Uint32Array.from(texts, (_, d) => 1 << d % 10);
        const p = buildPostings({ termCount: f.vocab.length, ...f, owner: own, section, topics, figureTopics: new Uint32Array(n) });
        expect(Array.from(documentFrequencies({ termCount: f.vocab.length, ...f, owner: own, section, topics, figureTopics: new Uint32Array(n) }))).toEqual(Array.from(p.df));
        f.vocab.forEach((term, t) => {
          expect(p.df[t]).toBe(texts.filter((x) => x.includes(term)).length);
          // Each document holding the term, ascending, with how often it occurs there.
          const expected = texts.flatMap((x, d) => (x.includes(term) ? [[d, x.filter((w) => w === term).length]] : []));
          const from = p.postingStart[t]!;
          const actual = Array.from({ length: p.postingStart[t + 1]! - from }, (_, k) => [p.docs[from + k], p.tf[from + k]]);
          expect(actual).toEqual(expected);
          // Blocks of 128: the last document, the largest tf, the shortest document, the sections and topics present.
          const blocks = p.blockStart[t + 1]! - p.blockStart[t]!;
          expect(blocks).toBe(Math.ceil(expected.length / 128));
          for (let b = 0; b < blocks; b++) {
            const part = expected.slice(b * 128, (b + 1) * 128);
            const at = p.blockStart[t]! + b;
            expect(p.blockLast[at]).toBe(part.at(-1)![0]);
            expect(p.blockMaxTf[at]).toBe(Math.max(...part.map(([, tf]) => tf!)));
            expect(p.blockMinLength[at]).toBe(Math.min(...part.map(([d]) => texts[d!]!.length)));
            expect(p.blockSections[at]).toBe(part.reduce((m, [d]) => m | (1 << section[d!]!), 0));
            expect(p.blockTopics[at]).toBe(part.reduce((m, [d]) => m | topics[d!]!, 0));
          }
          expect(p.termMaxTf[t]).toBe(Math.max(...expected.map(([, tf]) => tf!)));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('expands prefixes over the sorted vocabulary, most frequent first, capped', () => {
    const secs = lexicon.withPrefix('sec', 10).map((t) => lexicon.vocab[t]);
    expect(new Set(secs)).toEqual(new Set(['second', 'secondment', 'seconds']));
    expect(lexicon.withPrefix('sec', 2)).toHaveLength(2);
    expect(lexicon.withPrefix('zzz', 10)).toEqual([]);
    expect(lexicon.withPrefix('hospitality', 10).map((t) => lexicon.vocab[t])).toEqual(['hospitality']);
  });

  it('prefix expansions, precomputed for short prefixes with many terms, equal sorting every term by frequency', () => {
    // Words over a small alphabet: short prefixes have more terms than an expansion keeps.
    const wordArb = fc.string({ unit: fc.constantFrom(...'sab'), minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(fc.array(fc.array(wordArb, { minLength: 1, maxLength: 20 }), { minLength: 30, maxLength: 80 }), fc.string({ unit: fc.constantFrom(...'sab'), minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: PREFIX_EXPANSIONS }), (texts, prefix, limit) => {
        const { lexicon: lx } = lexiconOf(texts);
        const brute = lx.vocab
          .map((t, i) => i)
          .filter((i) => lx.vocab[i]!.startsWith(prefix))
          .sort((a, b) => lx.df[b]! - lx.df[a]! || a - b)
          .slice(0, limit);
        expect(lx.withPrefix(prefix, limit)).toEqual(brute);
      }),
      { numRuns: 200 },
    );
  });

  it('finds typo candidates within the edit budget, nearest first, and agrees with brute force', () => {
    expect(lexicon.near('hospitalty', 1, 5).map((n) => lexicon.vocab[n.termId])).toEqual(['hospitality']);
    expect(lexicon.near('secand', 1, 5).map((n) => lexicon.vocab[n.termId])).toEqual(['second']);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'secondjobsthfr'), minLength: 3, maxLength: 9 }), fc.integer({ min: 1, max: 2 }), (term, edits) => {
        const found = new Set(lexicon.near(term, edits, 100).map((n) => lexicon.vocab[n.termId]));
        const brute = lexicon.vocab.filter((v) => v !== term && editDistance(term, v, edits) <= edits);
        expect(found).toEqual(new Set(brute));
      }),
      { numRuns: 300 },
    );
  });

  it('groups terms by stem', () => {
    const group = Array.from(lexicon.stemGroup(lexicon.stemOf(id('investigated'))), (t) => lexicon.vocab[t]);
    expect(group).toContain('investigated');
    expect(group).not.toContain('force');
    expect(Array.from(lexicon.stemGroup(lexicon.stemOf(id('second'))), (t) => lexicon.vocab[t])).toEqual(expect.arrayContaining(['second', 'seconds']));
    expect(lexicon.stemGroup('zzz')).toHaveLength(0);
  });
});
