/**
 * Frozen copies of the text helpers as they were before the parser was made faster
 * (lib/text/normalize.ts, lib/text/tokenize.ts at commit a25ef1a): the reference the fast
 * versions are fuzzed against (tests/text/text-equivalence.test.ts). Do not "fix" these.
 */

const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '\u0060': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
};

const SPACE_LIKE = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g;
const DASH_LIKE = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;
const NEEDS_NORMALISING = /[*#_\u00A0\u2000-\u206F\u3000\t\r\n\uFEFF\u00B4\u0060]|\.\.|\s\s/;

export function mapQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u201C\u201D\u201E\u201F\u2033]/g, (c) => QUOTE_MAP[c] ?? c);
}

export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function normalizeText(text: string): string {
  return NEEDS_NORMALISING.test(text) ? applyNormalisationRules(text) : text.trim();
}

export function applyNormalisationRules(text: string): string {
  return mapQuotes(normalizeNewlines(text))
    .replace(/\*\*?([^*]+?)\*\*?/g, '$1')
    .replace(/(^|\s)#{1,6}\s+/g, '$1')
    .replace(/[*_]{2,}/g, '')
    .replace(SPACE_LIKE, ' ')
    .replace(DASH_LIKE, '-')
    .replace(/\.{2}(?!\.)/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
}

function foldChar(c: string): string {
  const lower = c.toLowerCase();
  const base = lower.normalize('NFD').replace(/\p{M}+/gu, '');
  const folded = base.length === 1 ? base : lower.length === 1 ? lower : c;
  return QUOTE_MAP[folded] ?? folded;
}

export function foldForMatch(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '*' || c === '\u00A0' || c === '\t' || c === '\n' || c === '\r') out += ' ';
    else if (/[\u2010-\u2014\u2212]/.test(c)) out += '-';
    else if (c.charCodeAt(0) < 128) out += c.toLowerCase();
    else out += foldChar(c);
  }
  return out;
}

export function foldWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
}

export interface Token {
  term: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019\u2018\u02BC][\p{L}\p{N}]+)*/gu;
const MAX_TERM_LENGTH = 40;
const PLAIN_ASCII_WORD = /^[A-Za-z0-9]+$/;

export function termOf(word: string): string {
  if (PLAIN_ASCII_WORD.test(word)) {
    const lower = word.toLowerCase();
    return lower.length > MAX_TERM_LENGTH ? lower.slice(0, MAX_TERM_LENGTH) : lower;
  }
  const folded = foldWord(word).replace(/['\u2019\u2018\u02BC]s$/, '').replace(/['\u2019\u2018\u02BC]/g, '');
  return folded.length > MAX_TERM_LENGTH ? folded.slice(0, MAX_TERM_LENGTH) : folded;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = termOf(m[0]);
    if (term) tokens.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

export function terms(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}
