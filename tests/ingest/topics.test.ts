import { describe, expect, it } from 'vitest';
import { assignTopics, mergeTopics, topicLabel, TOPICS } from '../../lib/ingest/assign-topics';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';
import { parseRelease } from '../../lib/ingest/parse-release';
import { TOPIC_IDS } from '../../lib/schema';

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
