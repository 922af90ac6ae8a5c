import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery } from '../../lib/query/parse-query';

describe('parseQuery', () => {
  it('reads bare words, phrases, negations, filters and figure comparisons', () => {
    const q = parseQuery('second jobs "professional standards" -twitter -"social media" force:essex topic:second-jobs secondJobApplications>50 socialmediacases<=5');
    expect(q.clauses.map((c) => [c.type, c.text, c.negated])).toEqual([
      ['word', 'second', false],
      ['word', 'jobs', false],
      ['phrase', 'professional standards', false],
      ['word', 'twitter', true],
      ['phrase', 'social media', true],
    ]);
    expect(q.filters.force).toEqual(['essex']);
    expect(q.filters.topic).toEqual(['second-jobs']);
    expect(q.figures).toEqual([
      { key: 'secondJobApplications', op: '>', value: 50 },
      { key: 'socialMediaCases', op: '<=', value: 5 },
    ]);
    expect(q.error).toBeUndefined();
  });

  it('quoted filter values keep their spaces', () => {
    expect(parseQuery('force:"thames valley" jobs').filters.force).toEqual(['thames valley']);
  });

  it('marks only a trailing bare word as a prefix (search-as-you-type)', () => {
    expect(parseQuery('second jo').clauses.at(-1)).toMatchObject({ text: 'jo', prefix: true });
    expect(parseQuery('second jo ').clauses.at(-1)).toMatchObject({ text: 'jo', prefix: false });
    expect(parseQuery('second force:essex').clauses[0]).toMatchObject({ prefix: false });
    expect(parseQuery('"second jobs"').clauses[0]!.type).toBe('phrase');
  });

  it('degrades an unmatched quote to words and reports where', () => {
    const q = parseQuery('media "second jobs');
    expect(q.error).toMatchObject({ code: 'E_QUERY', position: 6 });
    expect(q.clauses.map((c) => c.text)).toEqual(['media', 'second', 'jobs']);
  });

  it('reports a non-numeric figure comparison with its position', () => {
    const q = parseQuery('jobs secondJobApplications>lots');
    expect(q.error).toMatchObject({ code: 'E_QUERY', position: 5 });
    expect(q.figures).toEqual([]);
  });

  it('treats unknown keys and times as words', () => {
    expect(parseQuery('8:30am foo:bar').clauses.map((c) => c.text)).toEqual(['8:30am', 'foo:bar']);
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const q = parseQuery(s);
        expect(Array.isArray(q.clauses)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('"', '-', ':', 'force:', 'topic:', '>', '>=', 'secondJobApplications', ' ', 'a', '1', '\u0000', '\uD800'), { maxLength: 40 }), (parts) => {
        parseQuery(parts.join(''));
      }),
      { numRuns: 2000 },
    );
  });
});
