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

const SPACE_LIKE = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g;
const DASH_LIKE = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;

/** Any character or sequence one of normalizeText's rules rewrites. */
const NEEDS_NORMALISING = /[*#_\u00A0\u2000-\u206F\u3000\t\r\n\uFEFF\u00B4\u0060]|\.\.|\s\s/;

/** Map curly and odd quote characters to `'` / `"`. Length-preserving. */
export function mapQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u201C\u201D\u201E\u201F\u2033]/g, (c) => QUOTE_MAP[c] ?? c);
}

/** Strip a BOM and turn CRLF / lone CR into LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
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

/** The rules of {@link normalizeText}, applied unconditionally. */
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

/** Lower-case and strip diacritics from one character, keeping it one UTF-16 unit when possible. */
function foldChar(c: string): string {
  const lower = c.toLowerCase();
  const base = lower.normalize('NFD').replace(/\p{M}+/gu, '');
  const folded = base.length === 1 ? base : lower.length === 1 ? lower : c;
  return QUOTE_MAP[folded] ?? folded;
}

/**
 * Length-preserving fold for pattern matching: lower case, diacritics removed, quotes mapped,
 * odd spaces to space, dashes to `-`, markdown `*` to space. `foldForMatch(s).length === s.length`.
 */
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

/** Fold one word for index lookups: lower case, diacritics removed (`Zoë` → `zoe`). */
export function foldWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
}
