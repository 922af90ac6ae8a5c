/** One sentence of a text and where it starts. */
export interface Sentence {
  /** The sentence, trimmed, original characters. */
  text: string;
  /** UTF-16 offset of the sentence's first character in the input. */
  start: number;
}

/** Words that end with a full stop without ending a sentence ("e.g.", "Mr.", "No. 5"). */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|viz|cf|vs|approx|incl|mr|mrs|ms|dr|prof|st|no|nos|sgt|insp|supt|det|ch|rt|hon|jr|sr|ltd|inc|co|[a-z])$/i;

/** A sentence end: one or more of `.!?` (so "force.." counts once), then closing quotes/brackets. */
const TERMINATOR = /[.!?]+["'\u2019\u201D)\]*]*(?=\s|$)/g;

/**
 * Split prose into sentences. A sentence ends at `.`, `!` or `?` (closing quotes and brackets
 * included) followed by whitespace and then an upper-case letter, a digit or an opening quote.
 * Abbreviations ("e.g.", "i.e.", "Mr.", single initials) and decimals ("2.5") do not end a
 * sentence, and neither does a full stop followed by a lower-case word.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const m of text.matchAll(TERMINATOR)) {
    const end = m.index + m[0].length;
    if (!endsSentence(text, m.index, end)) continue;
    pushSentence(sentences, text, start, end);
    start = end;
  }
  pushSentence(sentences, text, start, text.length);
  return sentences;
}

function endsSentence(text: string, at: number, end: number): boolean {
  if (text[at] === '.' && ABBREVIATION.test(text.slice(Math.max(0, at - 12), at))) return false;
  const next = /\S/.exec(text.slice(end));
  if (!next) return true;
  return /[\p{Lu}\p{N}"'\u2018\u201C(\[*]/u.test(next[0]);
}

function pushSentence(sentences: Sentence[], text: string, from: number, to: number): void {
  const chunk = text.slice(from, to);
  const trimmed = chunk.trim();
  if (trimmed === '') return;
  sentences.push({ text: trimmed, start: from + chunk.indexOf(trimmed) });
}
