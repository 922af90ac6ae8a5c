import { foldWord } from './normalize';

/** One word of a text: its folded index term and its UTF-16 span in the original text. */
export interface Token {
  /** Folded surface form: lower case, no diacritics, possessive and apostrophes removed. */
  term: string;
  /** Offset of the first character in the original text. */
  start: number;
  /** Offset after the last character in the original text. */
  end: number;
}

// Letters and digits, with inner apostrophes ("force's", "don't"). Hyphens and other
// punctuation split words, so "self-assessment", "self assessment" and "Self- Assessment"
// all give the same two terms.
const WORD = /[\p{L}\p{N}]+(?:['\u2019\u2018\u02BC][\p{L}\p{N}]+)*/gu;

/** Longest term kept; longer runs (hashes, garbage) are cut so the vocabulary stays sane. */
export const MAX_TERM_LENGTH = 40;

const PLAIN_ASCII_WORD = /^[A-Za-z0-9]+$/;

/** Fold a raw word into its index term: possessive `'s` dropped, apostrophes removed. */
export function termOf(word: string): string {
  // Fast path: most words are plain ASCII; only they skip Unicode normalisation.
  if (PLAIN_ASCII_WORD.test(word)) {
    const lower = word.toLowerCase();
    return lower.length > MAX_TERM_LENGTH ? lower.slice(0, MAX_TERM_LENGTH) : lower;
  }
  const folded = foldWord(word).replace(/['\u2019\u2018\u02BC]s$/, '').replace(/['\u2019\u2018\u02BC]/g, '');
  return folded.length > MAX_TERM_LENGTH ? folded.slice(0, MAX_TERM_LENGTH) : folded;
}

/**
 * Split a text into tokens with their original offsets. Pure; the same function serves indexing,
 * phrase positions and highlighting so all three agree on what a word is.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = termOf(m[0]);
    if (term) tokens.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

const NON_ASCII = /[^\x00-\x7f]/;
/** {@link WORD} on lower-cased ASCII text: letters and digits are [a-z0-9], the only apostrophe is `'`. */
const ASCII_WORD = /[a-z0-9]+(?:'[a-z0-9]+)*/g;

/**
 * Just the terms of {@link tokenize}. ASCII text (most paragraphs, and every normalised one
 * without accented letters) is lower-cased once and split with a plain regex: the same words,
 * and already their terms unless long or holding an apostrophe. This serves the boilerplate
 * keys and the index build, which need no offsets.
 */
export function terms(text: string): string[] {
  if (NON_ASCII.test(text)) return tokenize(text).map((t) => t.term);
  const words = text.toLowerCase().match(ASCII_WORD);
  if (words === null) return [];
  let emptied = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.length > MAX_TERM_LENGTH || word.includes("'")) {
      words[i] = termOf(word);
      if (words[i] === '') emptied = true;
    }
  }
  return emptied ? words.filter((w) => w !== '') : words;
}
