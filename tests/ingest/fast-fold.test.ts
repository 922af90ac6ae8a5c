import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatchFast } from '../../lib/text/fast-fold';
// foldForMatch is now the fast fold itself: compare with the original per-character fold.
import { foldForMatch } from '../helpers/reference-text';

describe('foldForMatchFast', () => {
  it('equals foldForMatch on release-like text', () => {
    const text = '## **Zoë Billingham** said: “HMIC’s ‟Self‑Assessment″ – 60 applications\u00A0for\tSECOND jobs..”\r\n';
    expect(foldForMatchFast(text)).toBe(foldForMatch(text));
    expect(foldForMatchFast(text)).toHaveLength(text.length);
  });

  it('equals foldForMatch on any string (including astral and combining characters)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(foldForMatchFast(s)).toBe(foldForMatch(s));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 30 }), (s) => {
        expect(foldForMatchFast(s)).toBe(foldForMatch(s));
      }),
      { numRuns: 1000 },
    );
  });
});
