/**
 * Matching from posting iterators equals the set algebra it replaced (tests/helpers/reference-match.ts),
 * on the seeds and on a generated corpus, for random queries (words, prefixes, typos, synonyms,
 * phrases, exclusions, OR, force / topic / inspector words) with and without boilerplate: the
 * matched documents, each clause's documents and the excluded ones. And every kind of iterator's
 * next() and advance() agree with a linear scan of what it yields, on random targets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { prepareIndex, type PreparedIndex } from '../../lib/query/prepare-index';
import { prepareQuery } from '../../lib/query/search';
import { matchDocuments } from '../../lib/query/match-documents';
import { planOf } from '../../lib/query/query-plan';
import { BLOCK_SIZE } from '../../lib/index/index-layout';
import { type DocIterator, drainToArray, NO_MORE_DOCS } from '../../lib/query/match/doc-iterator';
import { disjunction } from '../../lib/query/match/disjunction-iterator';
import { BitsetIterator } from '../../lib/query/match/bitset-iterator';
import { ConjunctionIterator } from '../../lib/query/match/conjunction-iterator';
import { ExclusionIterator } from '../../lib/query/match/exclusion-iterator';
import { FilterIterator } from '../../lib/query/match/filter-iterator';
import { ListIterator } from '../../lib/query/match/list-iterator';
import { RangeIterator } from '../../lib/query/match/range-iterator';
import { clauseIterator } from '../../lib/query/match/plan-iterators';
import { termIterator, termWithCopiesIterator } from '../../lib/query/match/term-postings';
import { difference, intersectAll, referenceClauseDocs, referenceMatch, referencePostings, unionAll } from '../helpers/reference-match';

const root = mkdtempSync(join(tmpdir(), 'hmic-match-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const indexes: Record<string, PreparedIndex> = {};

beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out: join(root, 'seeds') });
  indexes.seeds = prepareIndex(loadIndex(join(root, 'seeds')));
  const corpus = join(root, 'corpus');
  await generateCorpus({ findings: 3000, seed: 5, outDir: corpus });
  await buildFromDirectory({ source: corpus, out: join(root, 'generated') });
  indexes.generated = prepareIndex(loadIndex(join(root, 'generated')));
}, 300_000);

/**
 * Fixed words: frequent and stop words, stems, typos (hospitalty), synonyms (moonlighting,
 * freebies, "outside work"), WordNet words (divulge), topic-label words (misconduct, governance),
 * force and inspector words (essex, billingham), a figure comparison.
 */
const FIXED = ['second', 'jobs', 'media', 'social', 'force', 'policies', 'the', 'of', 'and', 'psd', 'hospitalty', 'moonlighting', 'freebies', 'outside', 'work', 'divulge', 'misconduct', 'governance', 'essex', 'police', 'billingham', 'zoe', 'secondJobApplications>10', 'zzzqqq'];

/** A random vocabulary word, a prefix of one, a typo of one, or a phrase of two words that occur side by side. */
function wordArb(index: PreparedIndex) {
  const { vocab } = index.lexicon;
  const { terms } = index.core.forward;
  const vocabWord = fc.nat(vocab.length - 1).map((i) => vocab[i]!);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...FIXED) },
    { weight: 3, arbitrary: vocabWord },
    { weight: 1, arbitrary: vocabWord.filter((w) => w.length >= 4).map((w) => `${w.slice(0, 3)}*`) },
    { weight: 1, arbitrary: vocabWord.filter((w) => w.length >= 5).map((w) => w.slice(0, 2) + w[3] + w[2] + w.slice(4)) },
    { weight: 2, arbitrary: fc.nat(terms.length - 2).map((p) => `"${vocab[terms[p]!]} ${vocab[terms[p + 1]!]}"`) },
  );
}

/** Queries of 1–4 clauses: words, phrases, exclusions and OR groups; the last word is often a prefix. */
function queryArb(index: PreparedIndex) {
  const word = wordArb(index);
  const clause = fc.oneof(
    { weight: 5, arbitrary: word },
    { weight: 1, arbitrary: word.map((w) => `-${w.replace(/\*$/, '')}`) },
    { weight: 1, arbitrary: fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => ws.join(' OR ')) },
  );
  return fc.tuple(fc.array(clause, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([clauses, prefix]) => {
    const q = clauses.join(' ');
    // A trailing `*` marks a prefix: only the last word of a query expands as a prefix.
    return q.replace(/\*/g, '') + (prefix ? '' : ' ');
  });
}

/** One step on an iterator: next(), or advance() by a gap (small: in-block; large: across blocks). */
const stepArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 8 }),
  fc.integer({ min: 9, max: 400 }),
  fc.integer({ min: 401, max: 20_000 }),
);

/** Drive `iterator` by `steps` and check each answer against a linear scan of `expected`. */
function agreesWithScan(iterator: DocIterator, expected: Uint32Array, steps: readonly number[]): void {
  let at = -1;
  for (const gap of [...steps, ...Array<number>(4).fill(0)]) {
    if (iterator.doc === NO_MORE_DOCS) break;
    const target = gap === 0 ? iterator.doc + 1 : iterator.doc + gap;
    const got = gap === 0 ? iterator.next() : iterator.advance(target);
    while (at + 1 < expected.length && expected[at + 1]! < target) at++;
    const want = at + 1 < expected.length ? expected[++at]! : NO_MORE_DOCS;
    expect(got).toBe(want);
    expect(iterator.doc).toBe(want);
  }
}

describe.each(['seeds', 'generated'])('matching on the %s', (name) => {
  it('equals the set-algebra reference: documents, clause documents, exclusions, with and without boilerplate', () => {
    const index = indexes[name]!;
    let matchedSome = 0;
    fc.assert(
      fc.property(queryArb(index), fc.boolean(), (q, includeBoilerplate) => {
        const { compiled } = prepareQuery(index, q);
        const accept = (d: number) => includeBoilerplate || !index.core.columns.boilerplate[d];
        const expected = referenceMatch(index, compiled, accept, includeBoilerplate);
        const matched = matchDocuments(index, compiled, accept, includeBoilerplate);
        expect([...matched.docs]).toEqual([...expected.docs]);
        expect(matched.clauseDocs().map((l) => [...l])).toEqual(expected.clauseDocs.map((l) => [...l]));
        const excluded = matched.excludedIterator();
        expect(excluded ? [...drainToArray(excluded)] : []).toEqual([...expected.excluded]);
        if (expected.docs.length > 0) matchedSome++;
      }),
      { numRuns: name === 'seeds' ? 300 : 150 },
    );
    // The generator must reach documents often enough to mean something.
    expect(matchedSome).toBeGreaterThan(30);
  });

  it('a term iterator, with or without boilerplate copies, advances as a scan of its postings does', () => {
    const index = indexes[name]!;
    const { df } = index.lexicon;
    // The most frequent terms (on the generated corpus, postings of many blocks), and any term.
    const common = [...df.keys()].sort((a, b) => df[b]! - df[a]!).slice(0, 20);
    if (name === 'generated') expect(df[common[19]!]!).toBeGreaterThan(4 * BLOCK_SIZE);
    // Boilerplate copies must be there to be tested.
    expect(common.some((t) => referencePostings(index, t, true).length > df[t]!)).toBe(true);
    const termArb = fc.oneof(fc.constantFrom(...common), fc.nat(df.length - 1));
    fc.assert(
      fc.property(termArb, fc.boolean(), fc.array(stepArb, { maxLength: 60 }), (t, withCopies, steps) => {
        const iterator = withCopies ? termWithCopiesIterator(index, t) : termIterator(index, t);
        agreesWithScan(iterator, referencePostings(index, t, withCopies), steps);
      }),
      { numRuns: 300 },
    );
  });

  it('conjunctions, disjunctions (few and many children, and bitsets), exclusions, filters, lists and ranges advance as a scan does', () => {
    const index = indexes[name]!;
    const { df } = index.lexicon;
    const used = [...df.keys()].filter((t) => df[t]! > 0);
    const termsArb = fc.array(fc.constantFrom(...used), { minLength: 1, maxLength: 9 });
    const odd = (d: number) => d % 3 !== 1;
    fc.assert(
      fc.property(termsArb, fc.integer({ min: 0, max: 7 }), fc.array(stepArb, { maxLength: 60 }), (ts, kind, steps) => {
        index.scratchBitsets.reclaim();
        const lists = ts.map((t) => index.postings(t));
        const iterators = () => ts.map((t) => termIterator(index, t));
        const [iterator, expected] = (
          [
            () => [new ConjunctionIterator(iterators()), intersectAll(lists)],
            () => [disjunction(iterators()), unionAll(lists, index.docCount)],
            () => [new ExclusionIterator(disjunction(iterators().slice(1)), termIterator(index, ts[0]!)), difference(unionAll(lists.slice(1), index.docCount), lists[0]!)],
            () => [new FilterIterator(disjunction(iterators()), odd), unionAll(lists, index.docCount).filter(odd)],
            () => [new ListIterator(lists[0]!), lists[0]!],
            () => [new BitsetIterator(iterators(), index.scratchBitsets), unionAll(lists, index.docCount)],
            // With the pool, a dense disjunction merges while advanced and turns into a bitset at its first next().
            () => [disjunction(iterators(), index.scratchBitsets), unionAll(lists, index.docCount)],
            () => [new RangeIterator(index.docCount), Uint32Array.from({ length: index.docCount }, (_, d) => d)],
          ] as (() => [DocIterator, Uint32Array])[]
        )[kind]!();
        agreesWithScan(iterator, expected, steps);
      }),
      { numRuns: 400 },
    );
  });

  it("a clause's iterator (atoms, field matches, alternatives, phrases) advances as a scan of its documents does", () => {
    const index = indexes[name]!;
    fc.assert(
      fc.property(queryArb(index), fc.boolean(), fc.array(stepArb, { maxLength: 40 }), (q, withCopies, steps) => {
        const plan = planOf(index, prepareQuery(index, q).compiled.positive);
        for (let c = 0; c < plan.clauses.length; c++) {
          agreesWithScan(clauseIterator({ index, plan, withCopies }, c), referenceClauseDocs(index, plan, c, withCopies), steps);
        }
      }),
      { numRuns: 150 },
    );
  });
});
