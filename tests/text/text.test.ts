import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stem } from '../../lib/text/stem';
import { terms, tokenize } from '../../lib/text/tokenize';
import { applyNormalisationRules, foldForMatch, normalizeText } from '../../lib/text/normalize';
import { editDistance } from '../../lib/query/edit-distance';

describe('text', () => {
  it('folds case, diacritics, possessives and splits hyphens', () => {
    expect(terms("Zoë Billingham, the force's Self- Assessment")).toEqual(['zoe', 'billingham', 'the', 'force', 'self', 'assessment']);
    expect(terms('self-assessment')).toEqual(terms('self assessment'));
    expect(terms('anti corruption')).toEqual(terms('anti-corruption'));
    expect(terms('HMIC’s')).toEqual(['hmic']);
  });

  it('token offsets point at the original text', () => {
    const text = '“Hertfordshire’s”  second\u00A0jobs';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end).length).toBeGreaterThan(0);
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(['Hertfordshire’s', 'second', 'jobs']);
  });

  it('stems related forms together (Porter)', () => {
    expect(stem('jobs')).toBe(stem('job'));
    expect(stem('investigated')).toBe(stem('investigation'));
    expect(stem('policies')).toBe(stem('policy'));
    expect(stem('approved')).toBe(stem('approval'));
  });

  it('normalizeText maps quotes, NBSP, emphasis and doubled full stops', () => {
    expect(normalizeText('\uFEFF*Without Fear or Favour*  ‘health check’\u00A0force..\r\n')).toBe("Without Fear or Favour 'health check' force.");
  });

  it('foldForMatch keeps length (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
      expect(foldForMatch(s).length).toBe(s.length);
    }), { numRuns: 1000 });
  });

  it('edit distance is bounded and counts transpositions as one', () => {
    expect(editDistance('hospitalty', 'hospitality', 2)).toBe(1);
    expect(editDistance('recieve', 'receive', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('normalizeText fast path', () => {
  it('gives the same result as the full rules (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (t) => {
        expect(normalizeText(t)).toBe(applyNormalisationRules(t));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '.', '*', '#', '\u00A0', '\u2019', '\u201C', '-', '\u2013', '\n', '\r', 'Z', '_', '`'), { maxLength: 30 }), (parts) => {
        const t = parts.join('');
        expect(normalizeText(t)).toBe(applyNormalisationRules(t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('typo candidate filter', () => {
  it('never rules out a word within the allowed edits (property)', async () => {
    const { letterSignature } = await import('../../lib/query/lexicon');
    const popcount = (x: number) => x.toString(2).replaceAll('0', '').length;
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ minLength: 1, maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b, 2);
        if (d <= 2) expect(popcount((letterSignature(a) ^ letterSignature(b)) >>> 0)).toBeLessThanOrEqual(2 * d);
      }),
      { numRuns: 5000 },
    );
  });
});
