import { z } from 'zod';
import topicsData from '../data/topics.json';
import { TOPIC_IDS, TopicIdSchema, type TopicId } from '../schema';
import { foldForMatchFast } from '../text/fast-fold';
import { WHITESPACE_TO_COLLAPSE } from '../text/normalize';

/** A topic and the regexes (sources, matched case-insensitively on folded text) that assign it. */
export interface TopicRule {
  id: TopicId;
  label: string;
  patterns: string[];
}

const TopicRulesSchema = z
  .array(z.object({ id: TopicIdSchema, label: z.string().min(1), patterns: z.array(z.string().min(1)).min(1) }))
  .refine((rules) => TOPIC_IDS.every((id) => rules.filter((r) => r.id === id).length === 1), {
    message: 'lib/data/topics.json must define every topic id exactly once',
  });

/** The topic rules of lib/data/topics.json, in {@link TOPIC_IDS} order (validated at load). */
export const TOPIC_RULES: readonly TopicRule[] = TopicRulesSchema.parse(topicsData)
  .slice()
  .sort((a, b) => TOPIC_IDS.indexOf(a.id) - TOPIC_IDS.indexOf(b.id));

/** Topic ids and labels for the UI, in {@link TOPIC_IDS} order. */
export const TOPICS: ReadonlyArray<{ id: TopicId; label: string }> = TOPIC_RULES.map(({ id, label }) => ({ id, label }));

// One alternation per topic, no flags: the text is already lower-cased by foldForMatch, and
// case-insensitive matching made topic assignment the slowest step of ingest.
const COMPILED: ReadonlyArray<{ id: TopicId; regex: RegExp }> = TOPIC_RULES.map((rule) => ({
  id: rule.id,
  regex: new RegExp(rule.patterns.map((source) => `(?:${source})`).join('|')),
}));

/** Human label of a topic id ("second-jobs" → "Second jobs"). */
export function topicLabel(id: TopicId): string {
  return TOPICS.find((t) => t.id === id)?.label ?? id;
}

/**
 * Topics of a text: every topic with at least one matching pattern, sorted in {@link TOPIC_IDS}
 * order (multi-label). Patterns see foldForMatch(text) with runs of whitespace collapsed, so case,
 * diacritics, curly quotes and markdown `*` do not matter. "social media" alone is not
 * media-relations (its pattern excludes "media" preceded by "social").
 */
export function assignTopics(text: string): TopicId[] {
  return topicsOfFolded(text, null);
}

/** {@link assignTopics} given `foldForMatch(text)` when the caller has it already (null: fold here). */
export function topicsOfFolded(text: string, foldedText: string | null): TopicId[] {
  // Background, quote and notes paragraphs repeat across a corpus; remember their topics.
  let topics = MEMO.get(text);
  if (!topics) {
    const folded = (foldedText ?? foldForMatchFast(text)).replace(WHITESPACE_TO_COLLAPSE, ' ');
    topics = [];
    for (const topic of COMPILED) if (topic.regex.test(folded)) topics.push(topic.id);
    if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
    MEMO.set(text, topics);
  }
  return [...topics];
}

/** Memo of {@link assignTopics} results; cleared when full so memory stays bounded. */
const MEMO = new Map<string, TopicId[]>();
const MEMO_LIMIT = 4096;

/** Union of topic lists, in {@link TOPIC_IDS} order. */
export function mergeTopics(lists: ReadonlyArray<readonly TopicId[]>): TopicId[] {
  const seen = new Set<TopicId>();
  for (const list of lists) for (const id of list) seen.add(id);
  return TOPIC_IDS.filter((id) => seen.has(id));
}
