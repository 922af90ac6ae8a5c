import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { highlight, snippet, type HighlightPlan } from '../../lib/highlight/highlight';
import type { MatchHow } from '../../lib/query/types';

const plan = (words: string[], phrases: string[][] = [], how: MatchHow = 'exact'): HighlightPlan => ({
  words: new Map(words.map((w) => [w, how])),
  phrases: phrases.map((p) => p.map((w) => new Map([[w, how]]))),
});

describe('highlight', () => {
  it('marks whole words through the tokenizer (case, diacritics, possessive)', () => {
    const segs = highlight("Zoë said the Force's second jobs policy", plan(['zoe', 'force', 'jobs']));
    expect(segs.filter((s) => s.match).map((s) => s.text)).toEqual(['Zoë', "Force's", 'jobs']);
    expect(segs.map((s) => s.text).join('')).toBe("Zoë said the Force's second jobs policy");
  });

  it('marks phrases only where the whole phrase occurs', () => {
    const text = 'social media use; media policy; social events';
    const segs = highlight(text, plan([], [['social', 'media']]));
    expect(segs.filter((s) => s.match).map((s) => s.text)).toEqual(['social', 'media']);
  });

  it('never cuts a word: "jobs" is not marked inside "jobseekers"', () => {
    expect(highlight('jobseekers and jobs', plan(['jobs'])).filter((s) => s.match).map((s) => s.text)).toEqual(['jobs']);
  });

  it('segments always concatenate to the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 5 }), (text, words) => {
        const segs = highlight(text, plan(words.map((w) => w.toLowerCase())));
        expect(segs.map((s) => s.text).join('')).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('snippet cuts long text at word boundaries around the matches, with ellipses', () => {
    const text = `${'alpha '.repeat(80)}second jobs here ${'omega '.repeat(80)}`.trim();
    const cut = snippet(highlight(text, plan(['second', 'jobs'])), 120);
    const joined = cut.map((s) => s.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(joined).toContain('second jobs');
    expect(joined.replace(/^… /, '').replace(/ …$/, '').split(' ').every((w) => ['alpha', 'omega', 'second', 'jobs', 'here'].includes(w))).toBe(true);
    expect(joined.length).toBeLessThan(140);
  });

  it('each matched segment says how it matched (the strongest way); unmatched segments carry no via', () => {
    const mixed: HighlightPlan = {
      words: new Map<string, MatchHow>([
        ['second', 'synonym'],
        ['jobs', 'stem'],
        ['disclosure', 'thesaurus'],
      ]),
      // A phrase that also covers "second" exactly: the exact match wins over the synonym.
      phrases: [[new Map<string, MatchHow>([['second', 'exact']]), new Map<string, MatchHow>([['jobs', 'exact']])]],
    };
    const segs = highlight('second jobs; a disclosure; jobs', mixed);
    expect(segs.filter((s) => s.match).map((s) => [s.text, s.via])).toEqual([
      ['second', 'exact'],
      ['jobs', 'exact'],
      ['disclosure', 'thesaurus'],
      ['jobs', 'stem'],
    ]);
    expect(segs.filter((s) => !s.match).every((s) => !('via' in s))).toBe(true);
    const cut = snippet(segs, 10);
    expect(cut.filter((s) => s.match).every((s) => s.via !== undefined)).toBe(true);
    expect(cut.filter((s) => !s.match).every((s) => !('via' in s))).toBe(true);
  });
});

