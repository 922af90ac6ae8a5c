/** The build's fast tokenizer equals the general one on any text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breaksPhrase, indexTerms } from '../../lib/text/index-terms';
import { terms, tokenize } from '../../lib/text/tokenize';

describe('indexTerms', () => {
  it('equals terms() on plain ASCII, accents, curly quotes, apostrophes, digits and words over 40 letters', () => {
    const pieces = ['second', 'Jobs', 'HMIC', '2012', "force's", 'don’t', 'Zoë', 'café', '-', ' ', '\n', '.', ',', '(', '[x](http://y)', 'a'.repeat(45), 'B'.repeat(41), 'x1y2', '\t', '"', '€', 'ﬁnal', 'ÅSA'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.string({ maxLength: 40 }), (parts, noise) => {
        const text = parts.join('') + noise;
        expect(indexTerms(text)).toEqual(terms(text));
        // Phrase breaks: the gaps before words that hold more than spaces, hyphens and emphasis.
        const breaks: number[] = [];
        expect(indexTerms(text, (i) => breaks.push(i))).toEqual(terms(text));
        const tokens = tokenize(text);
        expect(breaks).toEqual(tokens.flatMap((t, i) => (i > 0 && breaksPhrase(text, tokens[i - 1]!.end, t.start) ? [i] : [])));
      }),
      { numRuns: 2000 },
    );
    expect(indexTerms('Second-jobs: 25 applications')).toEqual(['second', 'jobs', '25', 'applications']);
  });
});
