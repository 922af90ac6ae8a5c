/**
 * Listing order by rank look-ups (lib/query/list-in-order.ts) equals walking the order from its
 * start and keeping the matches until the page is full: on random orders (some documents absent),
 * random match sets and page depths, and on the seeds' own date and force orders.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../lib/index/load-index';
import { listInOrder } from '../../lib/query/list-in-order';
import { prepareIndex } from '../../lib/query/prepare-index';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';

/** The simple version: walk `order`, keep members of `docs`, stop at `wanted`. */
function walked(order: Uint32Array, docs: readonly number[], wanted: number): number[] {
  const member = new Set(docs);
  const out: number[] = [];
  for (let k = 0; k < order.length && out.length < wanted; k++) if (member.has(order[k]!)) out.push(order[k]!);
  return out;
}

const caseArb = fc.integer({ min: 1, max: 400 }).chain((docCount) =>
  fc.record({
    docCount: fc.constant(docCount),
    // A permutation of the documents, some of them left out of the order.
    order: fc.shuffledSubarray(Array.from({ length: docCount }, (_, d) => d), { minLength: 0, maxLength: docCount }),
    docs: fc.uniqueArray(fc.integer({ min: 0, max: docCount - 1 }), { maxLength: docCount }).map((a) => a.sort((x, y) => x - y)),
    // Mostly pages shorter than the matches, so the heap replaces its root.
    wanted: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: docCount + 5 })),
  }),
);

let seeds: SeedIndex | undefined;
afterAll(() => seeds?.cleanup());

describe('listInOrder', () => {
  it('equals walking the order, for any order, match set and page depth', () => {
    fc.assert(
      fc.property(caseArb, ({ docCount, order, docs, wanted }) => {
        const ordered = Uint32Array.from(order);
        expect(listInOrder(ordered, docCount, Uint32Array.from(docs), wanted)).toEqual(walked(ordered, docs, wanted));
      }),
      { numRuns: 500 },
    );
  });

  it("on the seeds' date and force orders", async () => {
    seeds = await buildSeedIndex();
    const index = prepareIndex(loadIndex(seeds.dir));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: index.docCount - 1 })), fc.integer({ min: 1, max: 150 }), fc.boolean(), (picked, wanted, byDate) => {
        const order = byDate ? index.byDate : index.byForce;
        const docs = picked.sort((a, b) => a - b);
        expect(listInOrder(order, index.docCount, Uint32Array.from(docs), wanted)).toEqual(walked(order, docs, wanted));
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
