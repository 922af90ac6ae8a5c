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

  it('reads uppercase OR between words or phrases as one clause of alternatives, binding tighter than AND', () => {
    const q = parseQuery('media leak OR disclosure OR "second jobs" force:essex');
    expect(q.error).toBeUndefined();
    expect(q.clauses).toHaveLength(2);
    expect(q.clauses[0]).toMatchObject({ type: 'word', text: 'media' });
    const group = q.clauses[1]!;
    expect(group.type).toBe('or');
    if (group.type !== 'or') return;
    expect(group.operands.map((o) => [o.type, o.text])).toEqual([
      ['word', 'leak'],
      ['word', 'disclosure'],
      ['phrase', 'second jobs'],
    ]);
    expect(group.text).toBe('leak OR disclosure OR "second jobs"');
    expect(group.position).toBe(6);
    expect(q.filters.force).toEqual(['essex']);
  });

  it('keeps the prefix flag on the last operand of a trailing OR group', () => {
    const q = parseQuery('leak OR disc');
    expect(q.clauses[0]!.type === 'or' && q.clauses[0]!.operands[1]).toMatchObject({ text: 'disc', prefix: true });
  });

  it('reads lowercase "or", quoted "OR" and -OR as words', () => {
    expect(parseQuery('leak or disclosure ').clauses.map((c) => [c.type, c.text])).toEqual([
      ['word', 'leak'],
      ['word', 'or'],
      ['word', 'disclosure'],
    ]);
    expect(parseQuery('leak "OR" disclosure').clauses.map((c) => c.type)).toEqual(['word', 'phrase', 'word']);
  });

  // Every way an OR can dangle: reported at its position, dropped, the rest read as without it.
  it.each([
    ['OR leak', 0, 'leak'],
    ['leak OR', 5, 'leak'],
    ['leak OR OR media', 5, 'leak media'],
    ['leak OR force:essex', 5, 'leak force:essex'],
    ['force:essex OR leak', 12, 'force:essex leak'],
    ['leak OR -media', 5, 'leak -media'],
    ['-leak OR media', 6, '-leak media'],
    ['leak OR secondJobApplications>5', 5, 'leak secondJobApplications>5'],
  ])('a dangling OR in %j is an E_QUERY at %d and is dropped', (q, position, without) => {
    const parsed = parseQuery(q);
    expect(parsed.error).toMatchObject({ code: 'E_QUERY', position });
    const expected = parseQuery(`${without} `);
    const strip = (p: ReturnType<typeof parseQuery>) => ({ ...p, clauses: p.clauses.map((c) => ({ type: c.type, text: c.text, negated: c.negated })), error: undefined });
    expect(strip(parsed)).toEqual(strip(expected));
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
      fc.property(fc.array(fc.constantFrom('"', '-', ':', 'force:', 'topic:', '>', '>=', 'secondJobApplications', ' ', 'a', '1', '\u0000', '\uD800', 'OR', ' OR ', 'or'), { maxLength: 40 }), (parts) => {
        const q = parseQuery(parts.join(''));
        // Every OR group has at least two positive operands.
        for (const c of q.clauses) if (c.type === 'or') for (const o of c.operands) expect(o.negated).toBe(false);
        for (const c of q.clauses) if (c.type === 'or') expect(c.operands.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
  });
});
