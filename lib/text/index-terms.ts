/**
 * The index terms of a text, exactly {@link terms} but fast where it can be: a text of plain ASCII
 * without apostrophes (most paragraphs) is scanned for runs of letters and digits, lower-cased and
 * cut as `termOf` does, without a regular expression or a token object per word. Anything else
 * (diacritics, curly quotes, apostrophes) takes the general tokenizer.
 */
import { MAX_TERM_LENGTH, terms, tokenize } from './tokenize';

/** Only ASCII, and no apostrophe: the scanner below and `terms` then agree. */
const SIMPLE_TEXT = /^[\x00-\x26\x28-\x7f]*$/;

export function indexTerms(text: string): string[];
/**
 * The same, calling `onBreak(i)` for each term i > 0 whose gap from the term before it breaks a
 * phrase ({@link breaksPhrase}): suggestions never offer a phrase across punctuation.
 */
export function indexTerms(text: string, onBreak: (i: number) => void): string[];
export function indexTerms(text: string, onBreak?: (i: number) => void): string[] {
  if (!SIMPLE_TEXT.test(text)) {
    if (!onBreak) return terms(text);
    const tokens = tokenize(text);
    for (let i = 1; i < tokens.length; i++) if (breaksPhrase(text, tokens[i - 1]!.end, tokens[i]!.start)) onBreak(i);
    return tokens.map((t) => t.term);
  }
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  let gapBreaks = false;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) {
      if (!(c === 32 || c === 45 || c === 42 || c === 95 || c === 9 || c === 10 || c === 13)) gapBreaks = true;
      i++;
      continue;
    }
    if (gapBreaks && onBreak && out.length > 0) onBreak(out.length);
    gapBreaks = false;
    const start = i;
    let upper = false;
    do {
      if (c >= 65 && c <= 90) upper = true;
      c = ++i < n ? text.charCodeAt(i) : 0;
    } while ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90));
    const end = i - start > MAX_TERM_LENGTH ? start + MAX_TERM_LENGTH : i;
    const word = text.slice(start, end);
    out.push(upper ? word.toLowerCase() : word);
  }
  return out;
}

/**
 * True when the text between two words (`text[from .. to)`) ends a phrase: anything but spaces,
 * hyphens (`self-assessment`) and emphasis markup (`*`, `_`) — a full stop, a comma, a bracket, a quote.
 */
export function breaksPhrase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45 || c === 42 || c === 95 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2010 || c === 0x2011) continue;
    return true;
  }
  return false;
}
