/**
 * Our own highlighter: returns `{text, match, via}` segments (never HTML) that concatenate exactly
 * to the input. Words are compared through the same tokenizer the index uses, so stem, synonym,
 * thesaurus and typo matches are marked (with how they matched), and phrases are marked only where
 * the whole phrase occurs.
 */
import { tokenize, type Token } from '../text/tokenize';
import { MATCH_WEIGHT, type MatchHow } from '../match-how';

/**
 * A run of text; `match` marks words that matched the query and `via` how (only on matched
 * segments). Segments concatenate to the source text.
 */
export interface Segment {
  text: string;
  match: boolean;
  via?: MatchHow;
}

export interface HighlightPlan {
  /** Folded terms to mark wherever they occur, with how each matched the query. */
  words: ReadonlyMap<string, MatchHow>;
  /** Phrases: each position accepts folded terms (with how each matched); marked only when contiguous. */
  phrases: readonly (readonly ReadonlyMap<string, MatchHow>[])[];
}

/** How each token of `tokens` matches `plan` (the strongest way), or null when it does not. */
export function matchedTokens(tokens: readonly Token[], plan: HighlightPlan): (MatchHow | null)[] {
  const marked = tokens.map((t) => plan.words.get(t.term) ?? null);
  for (const phrase of plan.phrases) {
    if (phrase.length === 0) continue;
    for (let p = 0; p + phrase.length <= tokens.length; p++) {
      if (!phrase.every((accept, k) => accept.has(tokens[p + k]!.term))) continue;
      for (let k = 0; k < phrase.length; k++) {
        const how = phrase[k]!.get(tokens[p + k]!.term)!;
        const had = marked[p + k];
        if (!had || MATCH_WEIGHT[how] > MATCH_WEIGHT[had]) marked[p + k] = how;
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
  const pushUnmatched = (segmentText: string) => {
    if (!segmentText) return;
    const last = segments.at(-1);
    if (last && !last.match) last.text += segmentText;
    else segments.push({ text: segmentText, match: false });
  };
  tokens.forEach((token, i) => {
    const via = marked[i];
    if (!via) return;
    pushUnmatched(text.slice(cursor, token.start));
    // Each matched word is its own segment so "<mark>second</mark> <mark>jobs</mark>" reads naturally.
    segments.push({ text: text.slice(token.start, token.end), match: true, via });
    cursor = token.end;
  });
  pushUnmatched(text.slice(cursor));
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
      else out.push(s.match ? { text: piece, match: true, via: s.via } : { text: piece, match: false });
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
