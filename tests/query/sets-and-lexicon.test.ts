/**
 * Unit and property tests for the pieces search is built from: sorted-set algebra over typed
 * arrays (against plain Set operations) and the lexicon (prefixes, typos, stems, term statistics
 * against brute force over a small forward index).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difference, filterSet, intersect, intersectAll, unionAll } from '../../lib/query/sorted-sets';
import { buildLexicon } from '../../lib/query/lexicon';
import { editDistance } from '../../lib/query/edit-distance';
import { documentFrequencies, forwardIndexFromTerms } from '../../lib/index/forward-index';
import { buildTfPostings } from '../../lib/query/tf-postings';

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
  it('intersect, intersectAll, unionAll and difference equal the Set operations', () => {
    fc.assert(
      fc.property(fc.array(setArb, { minLength: 1, maxLength: 5 }), (lists) => {
        const sets = lists.map((l) => new Set(l));
        const [a, b = new Uint32Array()] = lists;
        expect([...intersect(a!, b)]).toEqual(sorted([...sets[0]!].filter((x) => new Set(b).has(x))));
        expect([...intersectAll(lists)]).toEqual(sorted([...sets[0]!].filter((x) => sets.every((s) => s.has(x)))));
        expect([...unionAll(lists, N)]).toEqual(sorted(new Set(lists.flatMap((l) => [...l]))));
        expect([...difference(a!, b)]).toEqual(sorted([...sets[0]!].filter((x) => !new Set(b).has(x))));
        expect([...filterSet(a!, (d) => d % 3 === 0)]).toEqual([...a!].filter((d) => d % 3 === 0));
      }),
      { numRuns: 400 },
    );
  });

  it('handles empty and identical lists', () => {
    const a = Uint32Array.from([1, 5, 9]);
    expect([...intersect(a, new Uint32Array())]).toEqual([]);
    expect([...intersect(a, a)]).toEqual([1, 5, 9]);
    expect([...unionAll([], N)]).toEqual([]);
    expect([...difference(a, a)]).toEqual([]);
    expect([...intersectAll([a])]).toEqual([1, 5, 9]);
  });
});

describe('lexicon', () => {
  const docs = [
    'second jobs second jobs second',
    'secondment of staff',
    'the force investigated investigations',
    'hospitality register hospitality',
    'seconds',
    null, // a copy of document 0 (shared boilerplate): its terms are not counted again
  ].map((t) => (t === null ? null : t.split(' ')));
  const owner = Int32Array.from([-1, -1, -1, -1, -1, 0]);
  const forward = forwardIndexFromTerms(docs, owner);
  const lexicon = buildLexicon(forward, owner);
  const id = (t: string) => lexicon.idOf.get(t)!;

  it('counts document frequency and term frequencies per document, copies once', () => {
    expect(lexicon.df[id('second')]).toBe(1);
    const postings = buildTfPostings(forward, owner, lexicon.df);
    const of = (t: string) => Array.from({ length: postings.start[id(t) + 1]! - postings.start[id(t)]! }, (_, k) => [postings.docs[postings.start[id(t)]! + k], postings.tf[postings.start[id(t)]! + k]]);
    expect(of('second')).toEqual([[0, 3]]);
    expect(of('jobs')).toEqual([[0, 2]]);
    expect(lexicon.df[id('hospitality')]).toBe(1);
    expect(of('hospitality')).toEqual([[3, 2]]);
    expect(lexicon.docCount).toBe(5);
    expect(lexicon.avgDocLength).toBe(forward.terms.length / 5);
  });

  it('statistics equal brute force on random documents', () => {
    const words = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...words), { maxLength: 12 }), { minLength: 1, maxLength: 30 }), (texts) => {
        const own = new Int32Array(texts.length).fill(-1);
        const f = forwardIndexFromTerms(texts, own);
        const df = documentFrequencies(f, own);
        const postings = buildTfPostings(f, own, df);
        f.vocab.forEach((term, t) => {
          expect(df[t]).toBe(texts.filter((x) => x.includes(term)).length);
          // Each document holding the term, ascending, with how often it occurs there.
          const expected = texts.flatMap((x, d) => (x.includes(term) ? [[d, x.filter((w) => w === term).length]] : []));
          const actual = Array.from({ length: postings.start[t + 1]! - postings.start[t]! }, (_, k) => [postings.docs[postings.start[t]! + k], postings.tf[postings.start[t]! + k]]);
          expect(actual).toEqual(expected);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('expands prefixes over the sorted vocabulary, most frequent first, capped', () => {
    const secs = lexicon.withPrefix('sec', 10).map((t) => lexicon.vocab[t]);
    expect(new Set(secs)).toEqual(new Set(['second', 'secondment', 'seconds']));
    expect(lexicon.withPrefix('sec', 2)).toHaveLength(2);
    expect(lexicon.withPrefix('zzz', 10)).toEqual([]);
    expect(lexicon.withPrefix('hospitality', 10).map((t) => lexicon.vocab[t])).toEqual(['hospitality']);
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
    const group = lexicon.stemGroup(lexicon.stemOf(id('investigated'))).map((t) => lexicon.vocab[t]);
    expect(group).toContain('investigated');
    expect(group).not.toContain('force');
    expect(lexicon.stemGroup(lexicon.stemOf(id('second'))).map((t) => lexicon.vocab[t])).toEqual(expect.arrayContaining(['second', 'seconds']));
  });
});
