/**
 * English cardinal numbers as words or digits → integers ("seventy-one" → 71,
 * "one hundred and sixteen" → 116, "1,204" → 1204). British "and" is accepted.
 */

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15,
  sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { thousand: 1_000, million: 1_000_000 };

// Longer words first where one is a prefix of another ("seventeen" before "seven").
const NUMBER_WORD_ALTERNATION = [
  'zero', 'hundred', 'dozen', ...Object.keys(TEENS), ...Object.keys(TENS), ...Object.keys(UNITS), ...Object.keys(SCALES),
].join('|');

/**
 * Regex source (no groups, lower case) matching a digit number ("116", "1,204") or a run of
 * number words ("seventy-one", "one hundred and sixteen", "a dozen"). Candidates still go through
 * {@link parseCount}, which rejects runs that are not one number ("one two").
 */
export const COUNT_PATTERN =
  `(?<![\\w,.-])(?:\\d{1,3}(?:,\\d{3})+|\\d+|` +
  `(?:a[\\s-]+(?=(?:hundred|thousand|million|dozen)\\b))?(?:${NUMBER_WORD_ALTERNATION})` +
  `(?:(?:[\\s-]+|\\s+and\\s+)(?:${NUMBER_WORD_ALTERNATION}))*)(?![\\w-]|[.,]\\d)`;

type Kind = 'start' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | 'dozen';

/**
 * Parse number words ("nine", "seventy-one", "one hundred and sixteen", "two thousand and five",
 * "a dozen") to an integer. Case-insensitive; hyphens and spaces both separate words. Returns null
 * for anything that is not exactly one well-formed number (`"one two"`, `"hundred"`, `""`).
 */
export function parseNumberWords(words: string): number | null {
  const tokens = words.toLowerCase().trim().split(/[\s-]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  if (tokens.length === 1 && tokens[0] === 'zero') return 0;
  let total = 0;
  let current = 0;
  let kind: Kind = 'start';
  let lastScale = Infinity;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === 'and') {
      // "and" only joins a hundred/thousand to what follows ("one hundred and six").
      if (kind !== 'hundred' && kind !== 'scale') return null;
      if (i === tokens.length - 1) return null;
      continue;
    }
    if (token === 'a') {
      const next = tokens[i + 1];
      if (kind !== 'start' || !next || !(next === 'hundred' || next === 'dozen' || next in SCALES)) return null;
      current = 1;
      kind = 'unit';
      continue;
    }
    const step = applyToken(token, kind, current);
    if (!step) {
      const scale = SCALES[token];
      if (scale === undefined || current === 0 || scale >= lastScale) return null;
      total += current * scale;
      current = 0;
      lastScale = scale;
      kind = 'scale';
      continue;
    }
    current = step.current;
    kind = step.kind;
  }
  if (kind === 'start') return null;
  return total + current;
}

/** Apply one below-thousand word to the running group, or null when the word is not allowed here. */
function applyToken(token: string, kind: Kind, current: number): { current: number; kind: Kind } | null {
  const afterGroupStart = kind === 'start' || kind === 'hundred' || kind === 'scale';
  if (token in UNITS) {
    if (!(afterGroupStart || kind === 'tens')) return null;
    return { current: current + UNITS[token]!, kind: 'unit' };
  }
  if (token in TEENS) return afterGroupStart ? { current: current + TEENS[token]!, kind: 'teen' } : null;
  if (token in TENS) return afterGroupStart ? { current: current + TENS[token]!, kind: 'tens' } : null;
  if (token === 'hundred') {
    // "one hundred", "twelve hundred"; the group must not already contain a hundred.
    if (!(kind === 'unit' || kind === 'teen') || current < 1 || current >= 100) return null;
    return { current: current * 100, kind: 'hundred' };
  }
  if (token === 'dozen') {
    if (kind !== 'unit' || current < 1 || current >= 10) return null;
    return { current: current * 12, kind: 'dozen' };
  }
  return null;
}

/**
 * Parse a count written as digits ("116", "1,204") or words ("seventy-one"); null when it is
 * neither. Digits with misplaced thousands separators ("1,20") are rejected.
 */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d{1,3}(?:,\d{3})+$|^\d+$/.test(trimmed)) {
    const value = Number(trimmed.replace(/,/g, ''));
    return Number.isSafeInteger(value) ? value : null;
  }
  return parseNumberWords(trimmed);
}
