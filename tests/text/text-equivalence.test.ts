/**
 * The fast text helpers give exactly what the original ones gave (tests/helpers/reference-text.ts),
 * on random strings over the characters each rule treats specially: markdown marks, dots, every
 * kind of space, quote and dash, diacritics (precomposed and combining), case mappings that change
 * length (İ, ß), astral characters and lone surrogates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatchFast } from '../../lib/text/fast-fold';
import { applyNormalisationRules, foldForMatch, foldWord, normalizeNewlines, normalizeText } from '../../lib/text/normalize';
import { unwrapMarkdownLinks } from '../../lib/text/markdown';
import { termOf, terms, tokenize } from '../../lib/text/tokenize';
import * as ref from '../helpers/reference-text';

const SPECIAL = [
  ' ', ' ', ' ', '  ', '\t', '\n', '\n\n', '\r', '\r\n', '\v', '\f', '*', '**', '***', '_', '__', '#', '## ', '.', '..', '...', ',', ':', '-',
  "'", '"', '`', '\u00B4', '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E', '\u201F', '\u2032', '\u2033', '\u02BC',
  '\u00A0', '\u2000', '\u2009', '\u200A', '\u200B', '\u202F', '\u205F', '\u3000', '\u1680', '\u2028', '\u2029', '\u0085', '\uFEFF', '\u00AD',
  '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212',
  'é', 'e\u0301', 'Zoë', 'Ö', 'ø', 'ı', 'İ', 'ß', 'ẞ', 'Σ', 'ς', 'ﬁ', 'Ⅻ', 'Ǆ', '😀', '𝐀', '\uD800', '\uDC00', '日本', 'Ω', '1', '2012', '0,5',
  'a', 'B', 'z', 'HMIC', 'said', "force's", 'don\u2019t', 'e-learning', '\u00B2',
];
/** Strings made of the special characters and words above, in any order. */
const tricky = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((parts) => parts.join(''));
const anyString = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme-composite', maxLength: 30 }));

describe('fast text helpers equal the originals', () => {
  it('foldForMatch and foldForMatchFast', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(foldForMatch(s)).toBe(ref.foldForMatch(s));
        expect(foldForMatchFast(s)).toBe(ref.foldForMatch(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('normalizeText, applyNormalisationRules and normalizeNewlines', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(applyNormalisationRules(s)).toBe(ref.applyNormalisationRules(s));
        expect(normalizeText(s)).toBe(ref.normalizeText(s));
        expect(normalizeNewlines(s)).toBe(ref.normalizeNewlines(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('tokenize, terms, termOf and foldWord', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(tokenize(s)).toEqual(ref.tokenize(s));
        expect(terms(s)).toEqual(ref.terms(s));
        expect(termOf(s)).toBe(ref.termOf(s));
        expect(foldWord(s)).toBe(ref.foldWord(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('terms on ASCII text (its own fast path)', () => {
  const ascii = fc
    .array(fc.oneof(fc.constantFrom("force's", "don't", "'s", "O'Brien's", 'x'.repeat(45), "a'b'c", "''", "it'", '1,204', 'HMIC', 'e-learning', ' ', '  ', '\n', '.', '-', '_', '*'), fc.string({ maxLength: 4 })), { maxLength: 30 })
    .map((parts) => parts.join(' ').replace(/[^\x00-\x7f]/g, ''));

  it('gives the terms of the original tokenizer', () => {
    fc.assert(
      fc.property(ascii, (s) => {
        expect(terms(s)).toEqual(ref.terms(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('unwrapMarkdownLinks', () => {
  const original = (text: string) => text.replace(/\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1').replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
  const md = fc
    .array(fc.constantFrom('[', ']', '(', ')', '](', '<', '>', 'http://x.org', 'https://y', '"t"', ' ', 'word', '[www.x](http://www.x)', '<http://a.b>', '\n'), { maxLength: 20 })
    .map((parts) => parts.join(''));

  it('unwraps what the original unwrapped', () => {
    fc.assert(
      fc.property(md, (s) => {
        expect(unwrapMarkdownLinks(s)).toBe(original(s));
      }),
      { numRuns: 5000 },
    );
  });
});
