/**
 * Ingest helpers rewritten for speed give what their original formulation gave, on random text
 * built from the words and separators each one is sensitive to. The originals are restated here
 * on top of the frozen text helpers (tests/helpers/reference-text.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from '../../lib/ingest/read-source';
import { readYear } from '../../lib/ingest/read-metadata';
import { INSPECTIONS, recogniseInspection } from '../../lib/ingest/resolve-inspection';
import { foldedOf, splitIntoUnits, splitUnitAt } from '../../lib/ingest/split-units';
import { foldForMatch } from '../../lib/text/normalize';
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

describe('readYear', () => {
  // The original: the patterns on the whole normalised text.
  const original = (text: string): number | null => {
    const normalized = ref.normalizeText(text);
    const revisited = /\bIn\s+(\d{4}),?\s+(?:HMIC|we|the\s+inspectorate)\s+revisited\b/i.exec(normalized);
    if (revisited) return Number(revisited[1]);
    let latest: number | null = null;
    for (const m of normalized.matchAll(/(?<![\d,.])(19[89]\d|20\d{2})(?![\d,]|\.\d)/g)) {
      const year = Number(m[1]);
      if (latest === null || year > latest) latest = year;
    }
    return latest;
  };
  const pieces = ['In', 'in', 'IN', '2012', '2013', '1999', '20', '12', '201', '2', '3', 'HMIC', 'we', 'the inspectorate', 'the', 'inspectorate', 'revisited', 'revisitedx',
    '*', '**', '_', '__', '#', '##', '.', '..', '...', ',', '\u00A0', '\u2013', '\u2019', '\uFEFF', '\r\n', '\r', 'x'];
  const separators = ['', ' ', '  ', '\n', '\t', '*', '**', '#', '# ', '_', '.', '..', ',', '\u2009', '\u201C', '-', '\r\n', '\u3000'];

  it('reads the year the original read from the whole normalised text', () => {
    fc.assert(
      fc.property(textOf(pieces, separators), (text) => {
        expect(readYear(text)).toBe(original(text));
      }),
      { numRuns: 8000 },
    );
  });

  it('reads "In <year> HMIC revisited" as the original did, whatever marks stand between the words', () => {
    const sep = fc.constantFrom(...separators, ' # ', ' ## ', '\n# ', ' **', '** ', ' _', '__ ', ', ', ' ,');
    const phrase = fc
      .tuple(sep, fc.constantFrom('In', 'in', 'In*', 'I'), sep, fc.constantFrom('2012', '2013', '20*12', '2014.', '1999'), sep, fc.constantFrom('HMIC', 'we', 'the inspectorate', 'the  inspectorate', 'HM'), sep, fc.constantFrom('revisited', 'revisited*', 'revisit'), sep)
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(phrase, textOf(pieces, separators)), { maxLength: 3 }), (parts) => {
        const text = parts.join(' ');
        expect(readYear(text)).toBe(original(text));
      }),
      { numRuns: 8000 },
    );
  });
});

describe('UTF-8 validation', () => {
  // decodeSource trusts the native isUtf8 and asks firstInvalidUtf8 only where the error is.
  const agree = (bytes: Uint8Array): void => {
    expect(isUtf8(bytes)).toBe(firstInvalidUtf8(bytes) === -1);
  };
  const edge = [[0xc0, 0x80], [0xc1, 0xbf], [0xc2, 0x80], [0xe0, 0x80, 0x80], [0xe0, 0xa0, 0x80], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xef, 0xbf, 0xbf],
    [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xff], [0x80], [0xe2, 0x80]];

  it('native isUtf8 accepts exactly what firstInvalidUtf8 accepts', () => {
    for (const e of edge) agree(new Uint8Array(e));
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.constantFrom(...edge.flat()));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (bytes) => {
        agree(new Uint8Array(bytes));
      }),
      { numRuns: 6000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.nat(40), fc.integer({ min: 0, max: 255 }), (s, at, b) => {
        const bytes = new TextEncoder().encode(s);
        agree(bytes);
        if (bytes.length > 0) bytes[at % bytes.length] = b;
        agree(bytes);
      }),
      { numRuns: 6000 },
    );
  });
});

describe('units carry the fold of their text', () => {
  const pieces = ['HMIC found:', 'In Essex, HMIC found:', '- ', '* ', '• ', '\uF0B7', '1. ', '2) ', '## Heading ##', '---', 'Zoë', 'İ', '“quote”', 'said:', 'text', 'x', '   ', '\t', '\u00A0', '\u2028'];
  const text = textOf(pieces, ['\n', '\n\n', ' ', '\n  ', '', '\n\t']);

  it('splitIntoUnits and splitUnitAt give each unit foldForMatch of its raw text', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, at, skip) => {
        for (const unit of splitIntoUnits(t, 0, foldForMatch(t))) {
          if (unit.folded !== null) expect(unit.folded).toBe(ref.foldForMatch(unit.raw));
          expect(foldedOf(unit)).toBe(ref.foldForMatch(unit.raw));
          const [head, tail] = splitUnitAt(unit, at % (unit.raw.length + 1), { skip: skip % 3 });
          expect(foldedOf(head)).toBe(ref.foldForMatch(head.raw));
          expect(foldedOf(tail)).toBe(ref.foldForMatch(tail.raw));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
