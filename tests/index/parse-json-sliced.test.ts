/** The sliced JSON parser equals JSON.parse: same values, and it fails exactly where JSON.parse fails. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJsonSliced } from '../../lib/index/parse-json-sliced';
import { PAUSE, type Sliced } from '../../lib/index/sliced-work';

/** Run the parser to the end, ignoring its pauses. */
function drain<T>(work: Sliced<T>): T {
  for (let step = work.next(); ; step = work.next()) if (step.done) return step.value;
}

function parse(text: string, pieceBytes: number): unknown {
  return drain(parseJsonSliced(Buffer.from(text, 'utf8'), { pieceBytes }));
}

function outcome(run: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false };
  }
}

/** JSON text of a value with random whitespace between tokens (JSON.stringify's indent). */
const jsonText = fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 1, 2, '\t', ' \r\n')).map(([value, indent]) => JSON.stringify(value, null, indent as never));

describe('parseJsonSliced', () => {
  it('gives what JSON.parse gives, for any piece size', () => {
    fc.assert(
      fc.property(jsonText, fc.integer({ min: 1, max: 64 }), (text, pieceBytes) => {
        expect(parse(text, pieceBytes)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('throws a SyntaxError exactly when JSON.parse does (texts damaged by one edit)', () => {
    const damaged = fc
      .tuple(jsonText, fc.nat(), fc.constantFrom('', ',', ']', '}', '"', '\\', ':', '[', '{', '1', ' ', 'x'))
      .filter(([text]) => text.length > 0)
      .map(([text, at, insert]) => {
        const i = at % text.length;
        // Replace one character (or delete it, when `insert` is empty).
        return text.slice(0, i) + insert + text.slice(i + 1);
      });
    fc.assert(
      fc.property(damaged, fc.integer({ min: 1, max: 32 }), (text, pieceBytes) => {
        const expected = outcome(() => JSON.parse(text));
        const actual = outcome(() => parse(text, pieceBytes));
        expect(actual.ok).toBe(expected.ok);
        if (actual.ok && expected.ok) expect(actual.value).toStrictEqual(expected.value);
      }),
      { numRuns: 2000 },
    );
  });

  it('pauses while parsing a large document, at least once per two pieces of text', () => {
    const doc = { formatVersion: 4, facets: { force: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`force ${i}`, Array.from({ length: 500 }, (_, d) => d * 3 + i)])) } };
    const buf = Buffer.from(JSON.stringify(doc));
    const work: Sliced<unknown> = parseJsonSliced(buf, { pieceBytes: 4096 });
    let pauses = 0;
    let step = work.next();
    while (!step.done) {
      if (step.value === PAUSE) pauses++;
      step = work.next();
    }
    expect(step.value).toStrictEqual(doc);
    // A batch of small values grows to at most two pieces before a pause.
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(buf.length / (2 * 4096)));
  });
});
