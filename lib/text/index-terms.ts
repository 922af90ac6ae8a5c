/**
 * The index terms of a text, exactly {@link terms} but fast where it can be: a text of plain ASCII
 * without apostrophes (most paragraphs) is scanned for runs of letters and digits, lower-cased and
 * cut as `termOf` does, without a regular expression or a token object per word. Anything else
 * (diacritics, curly quotes, apostrophes) takes the general tokenizer.
 */
import { MAX_TERM_LENGTH, terms } from './tokenize';

/** Only ASCII, and no apostrophe: the scanner below and `terms` then agree. */
const SIMPLE_TEXT = /^[\x00-\x26\x28-\x7f]*$/;

export function indexTerms(text: string): string[] {
  if (!SIMPLE_TEXT.test(text)) return terms(text);
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) {
      i++;
      continue;
    }
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
