/**
 * `OR` in the query language, on the real seeds: `a OR b` matches exactly docs(a) ∪ docs(b),
 * `x a OR b` exactly docs(x) ∩ (docs(a) ∪ docs(b)), chains are unions, lowercase "or" is a word;
 * every operand is highlighted; an operand scores as the user's own wording.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromDirectory } from '../../lib/index/build-from-directory';
import { loadIndex } from '../../lib/index/load-index';
import { prepareIndex, type PreparedIndex } from '../../lib/query/prepare-index';
import { prepareQuery, search } from '../../lib/query/search';
import { matchDocuments } from '../../lib/query/match-documents';
import { SearchParamsSchema } from '../../lib/query/params';
import { intersect, unionAll } from '../helpers/reference-match';

const root = mkdtempSync(join(tmpdir(), 'hmic-or-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let index: PreparedIndex;

beforeAll(async () => {
  await buildFromDirectory({ source: 'seeds', out: join(root, 'seeds') });
  index = prepareIndex(loadIndex(join(root, 'seeds')));
}, 120_000);

/** Operands: words (rare, common, stems, typos, synonyms), phrases, prefixes. */
const OPERANDS = ['leak', 'disclosure', 'media', 'twitter', 'facebook', 'second', 'jobs', 'gifts', 'hospitalty', 'psd', 'investigated', 'conduct', 'the', 'policy', '"second jobs"', '"social media"', '"of staff"', 'zzz', 'or'];
const operandArb = fc.constantFrom(...OPERANDS);

/** Matching documents of `q` (every document, boilerplate copies included). */
function docs(q: string): Uint32Array {
  // A trailing space: no prefix expansion of the last word, so operands compare alike wherever they stand.
  // A copy: the match is a view of the index's buffer, which the next match refills.
  return matchDocuments(index, prepareQuery(index, `${q} `).compiled, () => true, true).docs.slice();
}

const sorted = (a: Uint32Array) => [...a];

describe('OR', () => {
  it('a OR b (OR c …) matches exactly the union of the operands', () => {
    fc.assert(
      fc.property(fc.array(operandArb, { minLength: 2, maxLength: 4 }), (operands) => {
        const union = unionAll(operands.map(docs), index.docCount);
        expect(sorted(docs(operands.join(' OR ')))).toEqual(sorted(union));
      }),
      { numRuns: 200 },
    );
  });

  it('x a OR b matches exactly docs(x) ∩ (docs(a) ∪ docs(b)): OR binds tighter than AND', () => {
    fc.assert(
      fc.property(operandArb, operandArb, operandArb, (x, a, b) => {
        const expected = intersect(docs(x), unionAll([docs(a), docs(b)], index.docCount));
        expect(sorted(docs(`${x} ${a} OR ${b}`))).toEqual(sorted(expected));
        expect(sorted(docs(`${a} OR ${b} ${x}`))).toEqual(sorted(expected));
      }),
      { numRuns: 200 },
    );
  });

  it('lowercase "or" is a word: a or b = a AND or AND b', () => {
    fc.assert(
      fc.property(operandArb, operandArb, (a, b) => {
        const expected = intersect(intersect(docs(a), docs('or')), docs(b));
        expect(sorted(docs(`${a} or ${b}`))).toEqual(sorted(expected));
      }),
      { numRuns: 100 },
    );
  });

  it('highlights every operand and scores each as the user’s own wording', () => {
    const results = search(index, SearchParamsSchema.parse({ q: 'twitter OR "social media"', size: 100, fields: 'segments' }));
    const marked = new Set(results.hits.flatMap((h) => h.segments!.filter((s) => s.match).map((s) => s.text.toLowerCase())));
    expect(marked).toContain('twitter');
    expect(marked).toContain('social');
    expect(marked).toContain('media');
    // A document with only the phrase operand scores as it does for the phrase alone (own wording
    // ×phraseBoost), not as a synonym of the first operand (scaled by 1/2).
    const alone = search(index, SearchParamsSchema.parse({ q: '"social media"', size: 100, fields: 'segments' }));
    const onlyPhrase = alone.hits.filter((h) => !/twitter|facebook|social networking/i.test(h.segments!.map((s) => s.text).join('')));
    expect(onlyPhrase.length).toBeGreaterThan(0);
    for (const hit of onlyPhrase) expect(results.hits.find((h) => h.id === hit.id)!.score).toBe(hit.score);
  });
});
