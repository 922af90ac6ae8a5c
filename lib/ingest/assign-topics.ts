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
const TOPICS_OF: (folded: string) => TopicId[] = topicMatcher(TOPIC_RULES);

/** Human label of a topic id ("second-jobs" → "Second jobs"). */
export function topicLabel(id: TopicId): string {
  return TOPICS.find((t) => t.id === id)?.label ?? id;
}

/**
 * Topics of a text: every topic with at least one matching pattern, sorted in {@link TOPIC_IDS}
 * order (multi-label). Patterns see foldForMatch(text) with runs of whitespace collapsed, so case,
 * diacritics, curly quotes and markdown `*` do not matter. "social media" alone is not
 * media-relations (its pattern excludes "media" preceded by "social"). `foldedText` is
 * `foldForMatch(text)` when the caller has it already (null: fold here).
 */
export function topicsOfFolded(text: string, foldedText: string | null): TopicId[] {
  // Background, quote and notes paragraphs repeat across a corpus; remember their topics.
  let topics = MEMO.get(text);
  if (!topics) {
    const folded = (foldedText ?? foldForMatchFast(text)).replace(WHITESPACE_TO_COLLAPSE, ' ');
    topics = TOPICS_OF(folded);
    if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
    MEMO.set(text, topics);
  }
  return [...topics];
}

/** Capturing groups in a regex source (the match of `source|` on "" has one slot per group). */
function groupCount(source: string): number {
  return new RegExp(`${source}|`).exec('')!.length - 1;
}

/**
 * A function giving the ids of the rules whose alternation of patterns matches a (folded) text, in
 * rule order. One scan with every rule's alternation in a capturing group of one regex gives the
 * same answer as testing each rule: a scan stops at the leftmost position where any rule matches,
 * and there at the first rule (in order) that matches; the rules after it are tested at that
 * position with their sticky regex, and the scan resumes one character later. No rule can match
 * before that position, so every match of every rule is seen. One scan per rule was the costliest
 * step of ingest. When every pattern starts with `\b` (after lookbehinds), the `\b` is tested
 * once, before the alternation: most positions are inside words and fail at once, which halves
 * the scan again. (Patterns with backreferences, which renumbering would break, are tested one
 * rule at a time.)
 */
export function topicMatcher<Id extends string>(rules: ReadonlyArray<{ id: Id; patterns: readonly string[] }>): (folded: string) => Id[] {
  const compiled = rules.map((rule) => {
    const source = rule.patterns.map((p) => `(?:${p})`).join('|');
    return { id: rule.id, source, regex: new RegExp(source), sticky: new RegExp(source, 'y') };
  });
  const groups: number[] = [];
  for (let i = 0, group = 1; i < compiled.length; group += 1 + groupCount(compiled[i]!.source), i++) groups.push(group);
  const backreferences = rules.some((r) => r.patterns.some((p) => /\\[1-9]|\\k</.test(p)));
  // Each pattern as `\b` + the rest (its lookbehinds moved after the `\b`: both test one position).
  const afterBoundary = rules.map((r) => r.patterns.map(withoutLeadingBoundary));
  const factored = afterBoundary.every((patterns) => patterns.every((p) => p !== null));
  const anySource = factored
    ? `\\b(?:${afterBoundary.map((patterns) => `(${patterns.map((p) => `(?:${p})`).join('|')})`).join('|')})`
    : compiled.map((t) => `(${t.source})`).join('|');
  const any = backreferences ? null : new RegExp(anySource, 'g');
  return (folded) => {
    const found = new Array<boolean>(compiled.length).fill(false);
    if (any === null) {
      for (let i = 0; i < compiled.length; i++) found[i] = compiled[i]!.regex.test(folded);
    } else {
      let missing = compiled.length;
      any.lastIndex = 0;
      for (let m = any.exec(folded); m !== null && missing > 0; m = any.exec(folded)) {
        let first = 0;
        while (first < compiled.length && m[groups[first]!] === undefined) first++;
        if (first === compiled.length) throw new Error('topicMatcher: a match in no rule group (group numbering bug)');
        if (!found[first]) {
          found[first] = true;
          missing--;
        }
        for (let i = first + 1; i < compiled.length; i++) {
          if (found[i]) continue;
          const sticky = compiled[i]!.sticky;
          sticky.lastIndex = m.index;
          if (sticky.test(folded)) {
            found[i] = true;
            missing--;
          }
        }
        any.lastIndex = m.index + 1;
      }
    }
    const ids: Id[] = [];
    for (let i = 0; i < compiled.length; i++) if (found[i]) ids.push(compiled[i]!.id);
    return ids;
  };
}

/**
 * A pattern `(?<!…)…\bX` (lookbehinds, then a word boundary) as `(?<!…)…X`, or null when it does
 * not start so or has a top-level `|` (then the `\b` belongs to one alternative only).
 */
export function withoutLeadingBoundary(pattern: string): string | null {
  if (hasTopLevelAlternation(pattern)) return null;
  let i = 0;
  while (pattern.startsWith('(?<!', i) || pattern.startsWith('(?<=', i)) i = groupEnd(pattern, i);
  return pattern.startsWith('\\b', i) ? pattern.slice(0, i) + pattern.slice(i + 2) : null;
}

/** Index after the group opening at `start` (escapes and character classes skipped). */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}

/** Index of the `]` closing the class opening at `start`. */
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Memo of {@link topicsOfFolded} results; cleared when full so memory stays bounded. */
const MEMO = new Map<string, TopicId[]>();
const MEMO_LIMIT = 4096;

/** Union of topic lists, in {@link TOPIC_IDS} order. */
export function mergeTopics(lists: ReadonlyArray<readonly TopicId[]>): TopicId[] {
  const seen = new Set<TopicId>();
  for (const list of lists) for (const id of list) seen.add(id);
  return TOPIC_IDS.filter((id) => seen.has(id));
}
