import { foldForMatch } from './normalize';

/**
 * Same result as {@link foldForMatch} (lower case, diacritics removed, quotes mapped, odd spaces
 * to space, dashes to `-`, markdown `*` and line breaks to space; length-preserving), several
 * times faster on long text. foldForMatch folds each UTF-16 unit on its own, so this applies the
 * same per-unit rule with native regex passes and only calls it for non-ASCII units; the result
 * is also a flat string, which keeps the regexes run on it afterwards fast.
 */
export function foldForMatchFast(text: string): string {
  return text
    .replace(/[A-Z]+/g, (run) => run.toLowerCase())
    .replace(/[*\t\n\r]/g, ' ')
    .replace(/[^\x00-\x7f]/g, (unit) => foldForMatch(unit));
}
