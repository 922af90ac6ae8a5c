/**
 * Text normalisation shared by ingest, index, query and highlight.
 *
 * Two flavours:
 * - {@link normalizeText}: for comparing and indexing paragraphs (boilerplate detection); may change length.
 * - {@link foldForMatch}: length-preserving, so offsets found in the folded string are valid offsets
 *   into the original (used for figure provenance).
 */

/** Quote-like characters mapped to ASCII. Curly, reversed, primes and guillemet-free odd quotes. */
const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2032': "'", // ′
  '\u00B4': "'", // ´
  '\u0060': "'", // `
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u2033': '"', // ″
};


/** Any character or sequence one of normalizeText's rules rewrites. */
const NEEDS_NORMALISING = /[*#_\u00A0\u2000-\u206F\u3000\t\r\n\uFEFF\u00B4\u0060]|\.\.|\s\s/;

/** Strip a BOM and turn CRLF / lone CR into LF. */
export function normalizeNewlines(text: string): string {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/**
 * Normalise a paragraph for indexing and comparison: markdown emphasis and heading marks removed,
 * quotes mapped, NBSP and odd spaces to space, dashes to `-`, doubled full stops collapsed,
 * whitespace collapsed and trimmed. Case is kept.
 */
export function normalizeText(text: string): string {
  // Fast path: most paragraphs hold nothing any rule would change.
  return NEEDS_NORMALISING.test(text) ? applyNormalisationRules(text) : text.trim();
}

/**
 * Runs of whitespace other than one plain space: replacing just these with a space is `\s+` → ' '
 * without rewriting every single space (which made the collapse the costliest pass).
 */
export const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/** The rules of {@link normalizeText}, applied unconditionally. */
export function applyNormalisationRules(text: string): string {
  // Same passes in the same order as ever; a pass whose characters the text lacks is skipped.
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (s.includes('..')) s = s.replace(/\r\n?/g, '\n');
  // Quotes, odd spaces and dashes map one character to one, touch no `*`, `_`, `#` or `.`, and
  // the odd spaces are `\s` to the heading rule already: one pass maps all three, first.
  s = s.replace(CHAR_MAPPED, (c) => CHAR_MAP[c]!);
  if (s.includes('*')) s = s.replace(/\*\*?([^*]+?)\*\*?/g, '$1');
  if (s.includes('#')) s = s.replace(/(^|\s)#{1,6}\s+/g, '$1');
  if (s.includes('*') || s.includes('_')) s = s.replace(/[*_]{2,}/g, '');
  if (s.includes('..')) s = s.replace(/\.{2}(?!\.)/g, '.');
  return s.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/** Every character normalizeText maps to another (quotes, odd spaces to space, dashes to `-`), and what it becomes. */
const CHAR_MAP: Record<string, string> = { ...QUOTE_MAP };
for (const c of '\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000\t') CHAR_MAP[c] = ' ';
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2212') CHAR_MAP[c] = '-';
const CHAR_MAPPED = /[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u201C\u201D\u201E\u201F\u2033\u00A0\u2000-\u200A\u202F\u205F\u3000\t\u2010-\u2014\u2212]/g;

/** Lower-case and strip diacritics from one character, keeping it one UTF-16 unit when possible. */
function foldChar(c: string): string {
  const lower = c.toLowerCase();
  const base = lower.normalize('NFD').replace(/\p{M}+/gu, '');
  const folded = base.length === 1 ? base : lower.length === 1 ? lower : c;
  return QUOTE_MAP[folded] ?? folded;
}

/** The fold of one non-ASCII UTF-16 unit (spaces, dashes, then {@link foldChar}), by code unit. */
const FOLDED_UNITS = new Map<number, string>();

function foldUnit(code: number): string {
  let folded = FOLDED_UNITS.get(code);
  if (folded === undefined) {
    const c = String.fromCharCode(code);
    folded = code === 0xa0 ? ' ' : (code >= 0x2010 && code <= 0x2014) || code === 0x2212 ? '-' : foldChar(c);
    FOLDED_UNITS.set(code, folded);
  }
  return folded;
}

const NON_ASCII = /[^\x00-\x7f]/g;
const ASCII_BLANKS = /[*\t\n\r]/g;

/**
 * Length-preserving fold for pattern matching: lower case, diacritics removed, quotes mapped,
 * odd spaces to space, dashes to `-`, markdown `*` to space. `foldForMatch(s).length === s.length`.
 * Each UTF-16 unit folds on its own: ASCII runs with native `toLowerCase` (exact for ASCII), the
 * few other units through a memo. A per-character loop here was a hot spot of ingest.
 */
export function foldForMatch(text: string): string {
  NON_ASCII.lastIndex = 0;
  let m = NON_ASCII.exec(text);
  if (m === null) return text.toLowerCase().replace(ASCII_BLANKS, ' ');
  let out = '';
  let from = 0;
  while (m !== null) {
    const at = m.index;
    if (at > from) out += text.slice(from, at).toLowerCase().replace(ASCII_BLANKS, ' ');
    out += foldUnit(text.charCodeAt(at));
    from = at + 1;
    m = NON_ASCII.exec(text);
  }
  if (from < text.length) out += text.slice(from).toLowerCase().replace(ASCII_BLANKS, ' ');
  return out;
}

/** Fold one word for index lookups: lower case, diacritics removed (`Zoë` → `zoe`). */
export function foldWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
}
