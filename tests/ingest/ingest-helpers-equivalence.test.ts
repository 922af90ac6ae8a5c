/**
 * Ingest helpers rewritten for speed give what their original formulation gave, on random text
 * built from the words and separators each one is sensitive to. The originals are restated here
 * on top of the frozen text helpers (tests/helpers/reference-text.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSPECTIONS, recogniseInspection } from '../../lib/ingest/resolve-inspection';
import * as ref from '../helpers/reference-text';

/** Text from these pieces joined by random separators. */
function textOf(pieces: readonly string[], separators: readonly string[]) {
  return fc
    .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...separators)), { maxLength: 16 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
}

const SEPARATORS = [' ', '  ', '\n', '-', '_', ': ', '’', '“', '. ', '', 'é', '0', '\u00A0', '日', '*'];

describe('recogniseInspection', () => {
  const fold = (s: string) => ref.foldForMatch(s).replace(/[^a-z0-9]+/g, ' ').trim();
  const original = (text: string, year: number | null) => {
    const folded = ` ${fold(text)} `;
    const mentioned = INSPECTIONS.filter((i) => i.patterns.some((p) => folded.includes(` ${fold(p)} `)));
    if (mentioned.length === 0) return null;
    return mentioned.find((i) => i.year === year) ?? mentioned.reduce((a, b) => (b.year > a.year ? b : a));
  };
  const words = [...new Set(INSPECTIONS.flatMap((i) => i.patterns.flatMap((p) => p.split(/\s+/))))];
  const pieces = [...words, ...words.map((w) => w.toUpperCase()), 'Polícing', 'x', 'peel:', 'a1', 'revisited all', 'favourite', 'fear or favour'];

  it('finds the inspections the original whole-text rewrite found', () => {
    fc.assert(
      fc.property(textOf(pieces, SEPARATORS), fc.constantFrom(null, 2011, 2012, 2013, 2014, 2015), (text, year) => {
        expect(recogniseInspection(text, year)).toBe(original(text, year));
      }),
      { numRuns: 5000 },
    );
  });
});
