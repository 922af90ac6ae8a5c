import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFigures, rollUpFigures } from '../../lib/ingest/extract-figures';
import { parseCount, parseNumberWords } from '../../lib/ingest/parse-number-words';
import { FIGURE_KEYS, type Figures } from '../../lib/schema';

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** British English words for 0..9999, written independently of the parser under test. */
function toWords(n: number, joiner: '-' | ' ' = '-'): string {
  if (n === 0) return 'zero';
  const below100 = (k: number) =>
    k < 10 ? UNITS[k]! : k < 20 ? TEENS[k - 10]! : TENS[Math.floor(k / 10)]! + (k % 10 ? `${joiner}${UNITS[k % 10]}` : '');
  const parts: string[] = [];
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const rest = n % 100;
  if (thousands) parts.push(`${below100(thousands)} thousand`);
  if (hundreds) parts.push(`${UNITS[hundreds]} hundred`);
  if (rest) parts.push(parts.length ? `and ${below100(rest)}` : below100(rest));
  return parts.join(' ');
}

/** The text of each figure's span, keyed like the figures. */
function spans(text: string, figures: Figures): Record<string, [number, string]> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, f]) => [key, [f!.value, text.slice(f!.start, f!.end)]]),
  );
}

describe('parseNumberWords / parseCount', () => {
  it.each([
    ['nine', 9],
    ['seventy-one', 71],
    ['seventy one', 71],
    ['Seventy-One', 71],
    ['one hundred and sixteen', 116],
    ['a hundred', 100],
    ['two thousand and five', 2005],
    ['nine thousand nine hundred and ninety-nine', 9999],
    ['twelve hundred', 1200],
    ['a dozen', 12],
    ['zero', 0],
  ])('%s → %i', (words, value) => {
    expect(parseNumberWords(words)).toBe(value);
  });

  it.each(['', 'one two', 'hundred', 'and', 'twenty thirty', 'one and', 'a', 'nine zero', 'the'])('rejects %j', (words) => {
    expect(parseNumberWords(words)).toBeNull();
  });

  it('reads digits with thousands separators and rejects malformed ones', () => {
    expect(parseCount('1,204')).toBe(1204);
    expect(parseCount('116')).toBe(116);
    expect(parseCount('1,20')).toBeNull();
    expect(parseCount('12a')).toBeNull();
  });

  it('round-trips every integer 0..9999 written as words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.constantFrom<'-' | ' '>('-', ' '), (n, joiner) => {
        expect(parseNumberWords(toWords(n, joiner))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('extractFigures', () => {
  it('reads applications and an approved count stated as a number', () => {
    const text = 'Since September 2011 there have been 1,204 applications for second jobs, 1,180 of which have been approved.';
    expect(spans(text, extractFigures(text, 'x-1'))).toEqual({
      secondJobApplications: [1204, '1,204'],
      secondJobsApproved: [1180, '1,180'],
    });
  });

  it.each([
    ['all of which', 71, 'all of which'],
    ['all but one of which', 70, 'all but one of which'],
    ['all but two of which', 69, 'all but two of which'],
    ['none of which', 0, 'none of which'],
  ])('reads "%s have been approved" relative to the applications', (phrase, approved, span) => {
    const text = `Since September 2011 there have been seventy-one applications for second jobs, ${phrase} have been approved.`;
    const figures = extractFigures(text, 'f');
    expect(spans(text, figures)).toEqual({
      secondJobApplications: [71, 'seventy-one'],
      secondJobsApproved: [approved, span],
    });
    expect(figures.secondJobsApproved!.findingId).toBe('f');
  });

  it('leaves "approved" absent when the applications are not counted', () => {
    expect(extractFigures('All applications for second jobs, all of which have been approved, are recorded.', 'f')).toEqual({});
  });

  it.each([
    ['Since September 2011 the force has not investigated any instances of inappropriate disclosure to the media.', 0, 'not investigated any instances'],
    ['There were no instances of inappropriate disclosure to the media.', 0, 'no'],
    ['The force has investigated no instances of inappropriate disclosure to the media.', 0, 'no'],
    ['Since September 2011 the force has investigated two instances of inappropriate disclosure to the media.', 2, 'two'],
    ['The force has opened 3 investigations into unauthorised disclosure of information to the press.', 3, '3'],
  ])('reads media disclosure investigations: %s', (text, value, span) => {
    expect(spans(text, extractFigures(text, 'f'))).toEqual({ mediaDisclosureInvestigations: [value, span] });
  });

  it.each([
    ['identified one case of inappropriate behaviour on Facebook or Twitter by officers', 1, 'one'],
    ['identified five cases of potentially inappropriate behaviour on Facebook or Twitter', 5, 'five'],
    ['identified no cases of inappropriate behaviour on social networking sites', 0, 'no'],
    ['identified 14 cases of ‘potentially inappropriate’ behaviour on Twitter', 14, '14'],
  ])('reads social media cases: %s', (text, value, span) => {
    expect(spans(text, extractFigures(text, 'f'))).toEqual({ socialMediaCases: [value, span] });
  });

  it('does not count inappropriate behaviour unrelated to social media', () => {
    expect(extractFigures('The force identified one case of inappropriate behaviour at a staff party.', 'f')).toEqual({});
  });

  it('reads conduct investigations with digits or words', () => {
    const digits = 'The force has instigated 116 investigations between September 2011 and May 2012 into the conduct of its officers and staff.';
    const words = 'The force has instigated one hundred and sixteen investigations between September 2011 and May 2012 into the conduct of its officers.';
    expect(spans(digits, extractFigures(digits, 'f'))).toEqual({ conductInvestigations: [116, '116'] });
    expect(spans(words, extractFigures(words, 'f'))).toEqual({ conductInvestigations: [116, 'one hundred and sixteen'] });
  });

  it.each([
    'Data provided by the force to HMIC shows that there has been no change in the number of staff working in the anti-corruption unit since our 2011 inspection.',
    'The Bedfordshire, Cambridgeshire and Hertfordshire anti corruption units have been brought together to work collaboratively as one.',
    'The revisit was based on self assessments by 44 forces, supported by inspection work in July and August 2012.',
    'In general there was good awareness and staff understood their responsibilities.',
  ])('states no figure (absent, not 0): %s', (text) => {
    expect(extractFigures(text, 'f')).toEqual({});
  });

  it('keeps offsets into the original text through markdown, curly quotes and NBSP', () => {
    const text = '“Since\u00A0September 2011” there have been **60** applications for second jobs, *56* of which have been approved.';
    expect(spans(text, extractFigures(text, 'f'))).toEqual({
      secondJobApplications: [60, '60'],
      secondJobsApproved: [56, '56'],
    });
  });

  it('puts every figure span inside the text, reading back its value', () => {
    const fragments = [
      'Since September 2011 there have been ',
      'seventy-one',
      '1,204',
      ' applications for second jobs, ',
      'all but one of which',
      '56 of which',
      ' have been approved. ',
      'identified nine cases of potentially inappropriate behaviour on Facebook. ',
      'has not investigated any instances of inappropriate disclosure to the media. ',
      'instigated 12 investigations into the conduct of its officers. ',
      '**',
      '\u00A0',
      '“',
      'Zoë ',
      '..',
    ];
    const piece = fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'binary', maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        const figures = extractFigures(text, 'p');
        for (const key of FIGURE_KEYS) {
          const f = figures[key];
          if (!f) continue;
          expect(f.findingId).toBe('p');
          expect(0 <= f.start && f.start < f.end && f.end <= text.length).toBe(true);
          expect(Number.isInteger(f.value) && f.value >= 0).toBe(true);
          const read = parseCount(text.slice(f.start, f.end));
          if (read !== null) expect(read).toBe(f.value);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('finds applications written as any number 0..9999 with the exact span', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.boolean(), (n, asWords) => {
        const count = asWords ? toWords(n) : n.toLocaleString('en-GB');
        const text = `Since September 2011 there have been ${count} applications for second jobs.`;
        expect(spans(text, extractFigures(text, 'f'))).toEqual({ secondJobApplications: [n, count] });
      }),
      { numRuns: 500 },
    );
  });
});

describe('rollUpFigures', () => {
  it('takes each key from the first finding stating it', () => {
    const a = { figures: extractFigures('identified two cases of inappropriate behaviour on Twitter.', 'r-1') };
    const b = { figures: extractFigures('identified five cases of inappropriate behaviour on Facebook. There have been 9 applications for second jobs.', 'r-2') };
    const rolled = rollUpFigures([a, b]);
    expect(rolled.socialMediaCases).toMatchObject({ value: 2, findingId: 'r-1' });
    expect(rolled.secondJobApplications).toMatchObject({ value: 9, findingId: 'r-2' });
    expect(rolled.conductInvestigations).toBeUndefined();
    expect(rollUpFigures([])).toEqual({});
  });
});
