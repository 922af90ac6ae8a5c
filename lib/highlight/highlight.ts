/**
 * Our own highlighter: returns `{text, match}` segments (never HTML) that concatenate exactly to
 * the input. Words are compared through the same tokenizer the index uses, so stem, synonym and
 * typo matches are marked, and phrases are marked only where the whole phrase occurs.
 */
import { tokenize, type Token } from '../text/tokenize';
import type { Segment } from '../query/types';

export interface HighlightPlan {
  /** Folded terms to mark wherever they occur. */
  words: ReadonlySet<string>;
  /** Phrases: each position accepts a set of folded terms; marked only when contiguous. */
  phrases: readonly (readonly ReadonlySet<string>[])[];
}

/** Which tokens of `tokens` match `plan`. */
export function matchedTokens(tokens: readonly Token[], plan: HighlightPlan): boolean[] {
  const marked = tokens.map((t) => plan.words.has(t.term));
  for (const phrase of plan.phrases) {
    if (phrase.length === 0) continue;
    for (let p = 0; p + phrase.length <= tokens.length; p++) {
      if (phrase.every((accept, k) => accept.has(tokens[p + k]!.term))) {
        for (let k = 0; k < phrase.length; k++) marked[p + k] = true;
      }
    }
  }
  return marked;
}

/**
 * Split `text` into segments, marking matched words. Adjacent matched words stay separate
 * segments only when something unmatched lies between them.
 */
export function highlight(text: string, plan: HighlightPlan): Segment[] {
  const tokens = tokenize(text);
  const marked = matchedTokens(tokens, plan);
  const segments: Segment[] = [];
  let cursor = 0;
  const push = (segmentText: string, match: boolean) => {
    if (!segmentText) return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += segmentText;
    else segments.push({ text: segmentText, match });
  };
  tokens.forEach((token, i) => {
    if (!marked[i]) return;
    push(text.slice(cursor, token.start), false);
    const prev = segments.at(-1);
    // Keep each matched word its own segment so "<mark>second</mark> <mark>jobs</mark>" reads naturally.
    if (prev?.match) segments.push({ text: text.slice(token.start, token.end), match: true });
    else push(text.slice(token.start, token.end), true);
    cursor = token.end;
  });
  push(text.slice(cursor), false);
  return segments;
}

/** Length of text (in characters) above which a snippet is cut from a hit. Default 240. */
export const SNIPPET_LENGTH = 240;

/**
 * A window of about `maxLength` characters around the densest run of matches, cut at word
 * boundaries, with "…" segments where text was dropped. Short texts come back whole.
 */
export function snippet(segments: readonly Segment[], maxLength = SNIPPET_LENGTH): Segment[] {
  const text = segments.map((s) => s.text).join('');
  if (text.length <= maxLength) return segments.map((s) => ({ ...s }));
  const starts: number[] = [];
  let offset = 0;
  for (const s of segments) {
    if (s.match) starts.push(offset);
    offset += s.text.length;
  }
  // Densest window: the match start that has the most match starts within maxLength after it.
  let bestStart = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (j < starts.length && starts[j]! < starts[i]! + maxLength * 0.8) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      bestStart = starts[i]!;
    }
  }
  let from = Math.max(0, bestStart - Math.floor(maxLength * 0.2));
  let to = Math.min(text.length, from + maxLength);
  from = Math.max(0, to - maxLength);
  // Move the cuts outwards to word boundaries (whitespace) so no word is split.
  while (from > 0 && !/\s/.test(text[from - 1]!)) from--;
  while (to < text.length && !/\s/.test(text[to]!)) to++;
  const out: Segment[] = [];
  if (from > 0) out.push({ text: '… ', match: false });
  offset = 0;
  for (const s of segments) {
    const a = Math.max(from, offset);
    const b = Math.min(to, offset + s.text.length);
    if (a < b) {
      const piece = s.text.slice(a - offset, b - offset);
      const last = out.at(-1);
      if (last && !last.match && !s.match) last.text += piece;
      else out.push({ text: piece, match: s.match });
    }
    offset += s.text.length;
  }
  if (to < text.length) {
    const last = out.at(-1);
    if (last && !last.match) last.text = last.text.trimEnd() + ' …';
    else out.push({ text: ' …', match: false });
  }
  return out;
}
