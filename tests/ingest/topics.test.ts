import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeTopics, topicLabel, topicMatcher, TOPIC_RULES, TOPICS, withoutLeadingBoundary, topicsOfFolded } from '../../lib/ingest/assign-topics';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';
import { parseRelease } from '../../lib/ingest/parse-release';
import { TOPIC_IDS } from '../../lib/schema';
import { foldForMatch } from '../helpers/reference-text';

/** Topics of a text the product folds itself. */
const assignTopics = (text: string) => topicsOfFolded(text, null);

describe('assignTopics', () => {
  it('has one rule and label per topic id, in TOPIC_IDS order', () => {
    expect(TOPICS.map((t) => t.id)).toEqual([...TOPIC_IDS]);
    expect(topicLabel('gifts-hospitality')).toBe('Gifts and hospitality');
    expect(topicLabel('governance')).toBe('Governance and oversight');
  });

  it('does not count "social media" as media relations', () => {
    expect(assignTopics('The force has reinforced its guidance on the use of social media.')).toEqual(['social-media', 'policies-guidance']);
    expect(assignTopics('Staff must notify the Media Office of all contact with journalists.')).toEqual(['media-relations']);
    expect(assignTopics('Relationships with the media and social media use')).toEqual(['social-media', 'media-relations']);
  });

  it('is multi-label, sorted, and ignores case, markdown, hyphenation and curly quotes', () => {
    expect(assignTopics('**Self- Assessment** of ‘GIFTS’ and the anti corruption unit; the police authority oversees second-jobs')).toEqual([
      'second-jobs',
      'gifts-hospitality',
      'anti-corruption',
      'governance',
    ]);
    expect(assignTopics('A self evaluation and a health check.')).toEqual(['governance']);
    expect(assignTopics('Contract and procurement registers.')).toEqual(['procurement']);
    expect(assignTopics('Media skills training is provided.')).toEqual(['media-relations', 'training-awareness']);
    expect(assignTopics('The police service made progress.')).toEqual([]);
  });

  it('returns fresh arrays (callers may mutate them)', () => {
    const a = assignTopics('second jobs');
    a.push('procurement');
    expect(assignTopics('second jobs')).toEqual(['second-jobs']);
  });

  it('merges topic lists in TOPIC_IDS order', () => {
    expect(mergeTopics([['procurement', 'second-jobs'], ['second-jobs', 'governance']])).toEqual(['second-jobs', 'procurement', 'governance']);
  });
});

describe('release topics', () => {
  const national = (title: string) =>
    parseRelease(`${title}\n\nForces have published gifts and hospitality registers.\n\nHMIC reviewed second jobs policies.\n`, {
      source: `${title}.txt`,
    });

  it('for "other" releases come from paragraphs, without boilerplate once marked', () => {
    const a = national('National report one');
    const b = national('National report two');
    expect(a.topics).toEqual(['second-jobs', 'gifts-hospitality', 'policies-guidance']);
    const [markedA] = markBoilerplate([a, b]);
    expect(markedA!.topics).toEqual([]);
    expect(markBoilerplate([a])[0]!.topics).toEqual(a.topics);
  });
});

describe('assignTopics scans once for all topics', () => {
  it('gives what testing each topic\'s alternation on its own gives', () => {
    // Words of neighbouring topics that match at the same place or overlap ("codes of conduct of
    // their officers", "police authority" / "policy", "social media" / "media").
    const regexes = TOPIC_RULES.map((r) => ({ id: r.id, re: new RegExp(r.patterns.map((p) => `(?:${p})`).join('|')) }));
    const words = ['Social', 'media', 'MEDIA', 'social-media', 'self-assessed', 'e learning', 'e-learning', 'anti-corruption', 'corrupt', 'police', 'authorities',
      'policy', 'policies', 'gifts', 'gift', 'tender', 'tendering', 'codes of', 'codes of conduct', 'conduct of their officers', 'of', 'twitter', 'procedures',
      'misconduct', 'investigations', 'investigate', 'press', 'reporter', 'health check', 'secondary employment', 'business interests', 'outside work',
      'inappropriate behaviour', 'inappropriate', 'disclosure', 'referred back', 'chaired by', 'committee', 'training', 'briefings', 'understood',
      '**', '\u2019', '\u00A0', '\n', '-', 'the', 'x', 'contractors', 'hospitality', 'gratuity', 'psd', 'professional standards', 'oversight'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 14 }), fc.constantFrom(' ', '', '-', '  '), (parts, sep) => {
        const text = parts.join(sep);
        const folded = foldForMatch(text).replace(/\s+/g, ' ');
        expect(assignTopics(text)).toEqual(regexes.filter((r) => r.re.test(folded)).map((r) => r.id));
      }),
      { numRuns: 6000 },
    );
  });
});

describe('topicMatcher', () => {
  // Rules that match at the same position, overlap, nest captures and use a backreference.
  const rules = [
    { id: 'police', patterns: ['\\bpolice\\b'] },
    { id: 'authority', patterns: ['\\bpolice\\s+authorit(y|ies)\\b', '\\bauthority\\b'] },
    { id: 'pol', patterns: ['\\bpol'] },
    { id: 'of-conduct', patterns: ['(codes?)\\s+of\\s+(conduct)'] },
    { id: 'conduct', patterns: ['\\bconduct\\s+of\\b'] },
    { id: 'not-social', patterns: ['(?<!social\\s)\\bmedia\\b'] },
  ];
  const words = ['police', 'authority', 'authorities', 'policy', 'codes', 'code', 'of', 'conduct', 'social', 'media', 'x', 'pol'];
  const oneByOne = (rs: typeof rules, text: string) => rs.filter((r) => new RegExp(r.patterns.map((p) => `(?:${p})`).join('|')).test(text)).map((r) => r.id);

  it('finds every rule that matches, also where several match at one position or overlap', () => {
    const match = topicMatcher(rules);
    expect(match('police authority')).toEqual(['police', 'authority', 'pol']);
    expect(match('codes of conduct of staff')).toEqual(['of-conduct', 'conduct']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 10 }), (parts) => {
        const text = parts.join(' ');
        expect(match(text)).toEqual(oneByOne(rules, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('tests the word boundary once when every pattern starts with one (after lookbehinds), with the same results', () => {
    const bounded = [
      { id: 'police', patterns: ['\\bpolice\\b'] },
      { id: 'authority', patterns: ['\\bpolice\\s+authorit(y|ies)\\b', '(?<!the\\s)\\bauthority\\b'] },
      { id: 'pol', patterns: ['\\bpol'] },
      { id: 'codes', patterns: ['\\b(codes?)\\s+of\\s+(conduct)'] },
      { id: 'conduct', patterns: ['\\bconduct\\s+of\\b'] },
      { id: 'not-social', patterns: ['(?<!social\\s)(?<![)])\\bmedia\\b'] },
      { id: 'inner-end', patterns: ['\\bolic'] },
    ];
    expect(bounded.every((r) => r.patterns.every((p) => withoutLeadingBoundary(p) !== null))).toBe(true);
    const match = topicMatcher(bounded);
    expect(match('the authority')).toEqual([]);
    expect(match('police authority')).toEqual(['police', 'authority', 'pol']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'the', 'policy', ')'), { maxLength: 10 }), fc.constantFrom(' ', '', '-'), (parts, sep) => {
        const text = parts.join(sep);
        expect(match(text)).toEqual(oneByOne(bounded, text));
      }),
      { numRuns: 3000 },
    );
    // A top-level | keeps its \b to one alternative: not factored, same results.
    const alternation = [...bounded, { id: 'either', patterns: ['\\bx|olice'] }];
    expect(withoutLeadingBoundary('\\bx|olice')).toBeNull();
    expect(topicMatcher(alternation)('police')).toEqual(oneByOne(alternation, 'police'));
  });

  it('tests rules with backreferences one at a time', () => {
    const withBackreference = [...rules, { id: 'twice', patterns: ['\\b(\\w+) \\1\\b'] }];
    const match = topicMatcher(withBackreference);
    expect(match('media media')).toEqual(['not-social', 'twice']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 10 }), (parts) => {
        const text = parts.join(' ');
        expect(match(text)).toEqual(oneByOne(withBackreference, text));
      }),
      { numRuns: 1000 },
    );
  });
});
