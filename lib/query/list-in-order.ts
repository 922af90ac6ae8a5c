/**
 * Listing order (`sort=date`, `sort=force`, or a query without words): the first `wanted` of a set
 * of documents in a fixed order of the whole index (`index.byDate`, `index.byForce`).
 *
 * Walking the order from its start until the page is full costs as much as the order when the
 * matches are few or sit at its end (the whole corpus for a rare word sorted by date). Instead each
 * match looks up its rank in the order (the order's inverse, built once per order and kept), and a
 * bounded max-heap keeps the `wanted` smallest ranks: one pass over the matches plus a heap of the
 * page's size. Documents absent from the order are not listed.
 */

const ABSENT = 0xffffffff;

const inverses = new WeakMap<Uint32Array, Uint32Array>();

/** Rank of each document in `order` (ABSENT when it is not in it), built on first use and kept. */
export function inverseOf(order: Uint32Array, docCount: number): Uint32Array {
  let inverse = inverses.get(order);
  if (!inverse) {
    inverse = new Uint32Array(docCount).fill(ABSENT);
    for (let k = 0; k < order.length; k++) inverse[order[k]!] = k;
    inverses.set(order, inverse);
  }
  return inverse;
}

/** Reusable heap storage (search is single-threaded); grows to the deepest page asked for. */
let heap = new Uint32Array(256);

/**
 * The first `wanted` documents of `docs` in `order`, in that order (`docCount`: documents in the
 * index). Equal to walking `order` and keeping the members of `docs` until `wanted` are found.
 */
export function listInOrder(order: Uint32Array, docCount: number, docs: ArrayLike<number>, wanted: number): number[] {
  if (wanted <= 0 || docs.length === 0) return [];
  const inverse = inverseOf(order, docCount);
  if (heap.length < wanted) heap = new Uint32Array(Math.max(wanted, heap.length * 2));
  // A max-heap of ranks: its root is the worst rank kept, the bar a new match must beat.
  let size = 0;
  for (let i = 0; i < docs.length; i++) {
    const rank = inverse[docs[i]!]!;
    if (rank === ABSENT) continue;
    if (size < wanted) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (heap[parent]! >= rank) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = rank;
    } else if (rank < heap[0]!) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= size) break;
        const right = left + 1;
        const child = right < size && heap[right]! > heap[left]! ? right : left;
        if (heap[child]! <= rank) break;
        heap[at] = heap[child]!;
        at = child;
      }
      heap[at] = rank;
    }
  }
  const ranks = heap.slice(0, size).sort();
  return Array.from(ranks, (rank) => order[rank]!);
}
