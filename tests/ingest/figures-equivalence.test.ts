/**
 * extractFigures gives what the original gave (tests/helpers/reference-figures.ts) on random
 * findings assembled from the phrasings it reads, numbers in digits and words, and the words its
 * keyword prefilters look for, in any order and case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFigures } from '../../lib/ingest/extract-figures';
import { extractFigures as originalExtractFigures } from '../helpers/reference-figures';

const COUNTS = ['56', '1,204', '1,20', 'fifty-six', 'one hundred and sixteen', 'a dozen', 'no', 'none', 'all', 'all but one', 'all but 3', 'one', 'two', '0', '2.5'];
const PHRASES = [
  'applications for second jobs', 'application to undertake secondary employment', 'requests to have a second job', 'second jobs applications',
  'secondary-employment requests', 'of which', 'of which have been approved', 'of these', 'of them', 'have been approved', 'were approved', 'were subsequently approved',
  'cases of inappropriate use of social media', 'instances of "inappropriate" postings', 'examples of inappropriate behaviour', 'incidents of inappropriate activity',
  'on Facebook', 'Twitter', 'social networking', 'social-media', 'inappropriate disclosure to the media', 'unauthorised disclosures', 'disclosures of information to the press',
  'not investigated any instances', 'not investigated any cases', 'investigations into', 'new investigations into the conduct', 'misconduct investigations',
  'conduct investigation', 'into the misconduct', 'investigation', 'second', 'request', 'conduct', 'inappropriate', 'disclosure', 'the force', 'staff',
];
const SEPARATORS = [' ', '  ', '. ', '; ', ', ', '.', '\n', ' – ', ' (', ') ', '**', '’', '“'];

const finding = fc
  .array(fc.tuple(fc.constantFrom(...COUNTS, ...PHRASES, ...PHRASES), fc.constantFrom(...SEPARATORS), fc.boolean()), { maxLength: 14 })
  .map((parts) => parts.map(([w, s, upper]) => (upper ? w.toUpperCase() : w) + s).join(''));

describe('extractFigures equals the original', () => {
  it('on random findings made of the phrasings it reads', () => {
    fc.assert(
      fc.property(finding, (text) => {
        expect(extractFigures(text, 'x-1')).toEqual(originalExtractFigures(text, 'x-1'));
      }),
      { numRuns: 10000 },
    );
  });
});
