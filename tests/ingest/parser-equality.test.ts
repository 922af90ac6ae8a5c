/**
 * The release parser's results must not change when it is made faster: every output of
 * tests/helpers/parser-outputs.ts (seeds, all source fixtures, two generated corpora, ~500 mutated
 * texts, markBoilerplate over groups, boilerplateKey/tokenize/foldForMatch of every text) hashes to
 * what the reference parser produced (tests/fixtures/parser-equality/hashes.json).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectOutputs, hashOf, HASHES_FILE, type Output } from '../helpers/parser-outputs';

describe('parser equality with the reference outputs', () => {
  const expected = JSON.parse(readFileSync(HASHES_FILE, 'utf8')) as Record<string, string>;
  let outputs: Output[];
  beforeAll(async () => {
    outputs = await collectOutputs();
  }, 180_000);

  it('produces the same set of outputs', () => {
    expect(outputs.map((o) => o.name)).toEqual(Object.keys(expected));
  });

  it('produces exactly the reference JSON for every input', () => {
    const differing = outputs.filter((o) => expected[o.name] !== hashOf(o.json));
    if (differing.length > 0) {
      const first = differing[0]!;
      // The reference JSON is not stored; `tsx tests/helpers/parser-outputs.ts dump <dir>` on both
      // parsers gives files to diff.
      const shown = first.json.length > 4000 ? `${first.json.slice(0, 4000)}…` : first.json;
      expect.fail(
        `${differing.length} of ${outputs.length} outputs differ; first: ${first.name}\n` +
          `names: ${differing.slice(0, 10).map((o) => o.name).join(', ')}${differing.length > 10 ? ', …' : ''}\n${shown}`,
      );
    }
    expect(differing).toHaveLength(0);
  });
});
