/**
 * splitIntoUnits + classifyUnits give what the original ones gave (frozen copies in
 * tests/helpers/reference-parser/), with and without the whole-text fold parseRelease hands over,
 * on random releases assembled from every marker the classifier looks for (intros with odd
 * spacing, speaker lines, quotes, report links, notes headings, inline bullets and note numbers,
 * markdown, navigation lines, long flattened headlines).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyUnits, type ClassifiedUnit } from '../../lib/ingest/classify-units';
import { splitIntoUnits } from '../../lib/ingest/split-units';
import { foldForMatch } from '../../lib/text/normalize';
import { classifyUnits as refClassifyUnits } from '../helpers/reference-parser/classify-units';
import { splitIntoUnits as refSplitIntoUnits } from '../helpers/reference-parser/split-units';

const LONG = 'The force has made progress in how it manages integrity issues since HMIC last reviewed this in 2011, and staff understood the policies. ';
const BLOCKS = [
  'Essex Police has made improvements', 'In Essex Police, HMIC found:', 'HMIC found that:', 'HMIC found :', 'HMIC found that :', 'We also found:',
  'Based on the data provided by the force, HMIC found that:', 'The inspection found that:', 'HMIC found no evidence of corruption.', 'found', 'found:',
  '- A finding with 60 applications.', '* Another finding', '• bullet', '\uF0B7glued bullet', '– dash bullet', '1. numbered', '2) numbered', '3. Note three',
  'HM Inspector of Constabulary for the Eastern Region, Zoë Billingham, said:', 'HM Chief Inspector of Constabulary, Sir Tom Winsor, said', 'Chief Constable Jim Smith said:',
  'The Chief Constable commented,', '“Quote text.”', '"Quote opens', 'quote closes."', 'The full report for Essex Police can be found at www.hmic.gov.uk',
  'The full report on Kent', 'Notes to editors', 'Notes to editors:', 'Note for editors 1. First note', 'Notes to editors 1. A note. 2. Another Note',
  '## Heading', '# Title #', '---', '* * *', '**Bold headline**', '> quoted line', 'Skip to main content', 'Home > News', 'Menu', LONG + LONG, LONG,
  'Some text. More text.', 'x • y • z', 'a \uF0B7 b', 'report', 'editor', 'inspector', 'said:', 'In 2012, HMIC found: - one - two', '  ', '',
];
const SEPARATORS = ['\n', '\n\n', '\n\n\n', ' ', '', '\n  ', '\n\t', '  '];
const release = fc
  .array(fc.tuple(fc.constantFrom(...BLOCKS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 18 })
  .map((parts) => parts.map(([b, s]) => b + s).join(''));

const plain = (classified: ReadonlyArray<Pick<ClassifiedUnit, 'role'> & { unit: { raw: string; line: number; marker: unknown; number: unknown; heading: boolean } }>) =>
  classified.map(({ role, unit }) => ({ role, raw: unit.raw, line: unit.line, marker: unit.marker, number: unit.number, heading: unit.heading }));

describe('classification equals the original', () => {
  it('on random releases, with and without the whole-text fold, with and without a stated headline', () => {
    fc.assert(
      fc.property(release, fc.nat(3), fc.constantFrom(null, 'Essex Police has made improvements', 'Bold headline'), (text, offset, headline) => {
        const expected = plain(refClassifyUnits(refSplitIntoUnits(text, offset), { headline }));
        expect(plain(classifyUnits(splitIntoUnits(text, offset), { headline }))).toEqual(expected);
        expect(plain(classifyUnits(splitIntoUnits(text, offset, foldForMatch(text)), { headline }))).toEqual(expected);
      }),
      { numRuns: 4000 },
    );
  });
});
