/**
 * The `k` best items of `items` under `before` (a strict "ranks before" relation), in order.
 * A bounded binary heap: O(n log k) instead of sorting every hit when only a page is shown.
 */
export function topK(items: ArrayLike<number>, k: number, before: (a: number, b: number) => boolean): number[] {
  const n = items.length;
  if (k <= 0 || n === 0) return [];
  if (n <= k * 4) {
    return Array.from(items)
      .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
      .slice(0, k);
  }
  // Max-heap on "worst first": heap[0] is the item that ranks last among those kept.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (before(item, heap[0]!)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}
