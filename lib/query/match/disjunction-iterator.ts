import { type DocIterator, NO_MORE_DOCS } from './doc-iterator';
import { BitsetIterator, fillRemaining } from './bitset-iterator';
import type { BitsetPool } from './bitset-pool';
import { ListIterator } from './list-iterator';

/** Children up to which a linear scan for the smallest document beats a heap. */
const LINEAR_MAX = 4;

/** Documents any child matches, a few children: the minimum found by a linear scan. */
class SmallDisjunction implements DocIterator {
  doc = -1;
  readonly cost: number;

  constructor(private readonly children: readonly DocIterator[]) {
    let cost = 0;
    for (const c of children) cost += c.cost;
    this.cost = cost;
  }

  next(): number {
    const children = this.children;
    const current = this.doc;
    let min = NO_MORE_DOCS;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      // Only the children on the current document move (all of them before the first step).
      const d = child.doc <= current ? child.next() : child.doc;
      if (d < min) min = d;
    }
    return (this.doc = min);
  }

  advance(target: number): number {
    const children = this.children;
    let min = NO_MORE_DOCS;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      const d = child.doc < target ? child.advance(target) : child.doc;
      if (d < min) min = d;
    }
    return (this.doc = min);
  }
}

/** Documents any child matches, many children (prefix and typo expansions): a min-heap by document. */
class HeapDisjunction implements DocIterator {
  doc = -1;
  readonly cost: number;
  private readonly heap: DocIterator[];

  constructor(children: readonly DocIterator[]) {
    // Every child starts at -1, so the array is a heap as it is.
    this.heap = [...children];
    let cost = 0;
    for (const c of children) cost += c.cost;
    this.cost = cost;
  }

  next(): number {
    const heap = this.heap;
    const current = this.doc;
    let top = heap[0]!;
    while (top.doc <= current) {
      top.next();
      this.siftDown();
      top = heap[0]!;
    }
    return (this.doc = top.doc);
  }

  advance(target: number): number {
    const heap = this.heap;
    let top = heap[0]!;
    while (top.doc < target) {
      top.advance(target);
      this.siftDown();
      top = heap[0]!;
    }
    return (this.doc = top.doc);
  }

  /** Restore the heap after the top's document grew. */
  private siftDown(): void {
    const heap = this.heap;
    const n = heap.length;
    const moved = heap[0]!;
    const d = moved.doc;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap[child + 1]!.doc < heap[child]!.doc) child++;
      if (heap[child]!.doc >= d) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = moved;
  }
}

/**
 * A dense disjunction (its lists hold at least an eighth of the corpus): merged while it is only
 * advanced (a conjunction's follower, leapfrogging), materialised into a pooled bitset from where
 * it stands as soon as it is read in order with next() (drained, or a conjunction's lead).
 */
class DenseDisjunction implements DocIterator {
  doc = -1;
  readonly cost: number;
  private readonly merging: DocIterator;
  private bitset: BitsetIterator | null = null;

  constructor(
    private readonly children: readonly DocIterator[],
    private readonly pool: BitsetPool,
  ) {
    this.merging = children.length <= LINEAR_MAX ? new SmallDisjunction(children) : new HeapDisjunction(children);
    this.cost = this.merging.cost;
  }

  next(): number {
    this.bitset ??= new BitsetIterator(this.children, this.pool);
    return (this.doc = this.bitset.advance(this.doc + 1));
  }

  advance(target: number): number {
    return (this.doc = (this.bitset ?? this.merging).advance(target));
  }

  fillInto(bits: Uint32Array): void {
    if (this.bitset) fillRemaining(this.bitset, bits);
    else for (const child of this.children) fillRemaining(child, bits);
    this.doc = NO_MORE_DOCS;
  }
}

const NOTHING = new Uint32Array(0);

/**
 * Documents any of `children` matches (none: an empty iterator; one: that child). With a `pool`,
 * children listing documents for at least an eighth of the corpus make a {@link DenseDisjunction}.
 */
export function disjunction(children: readonly DocIterator[], pool?: BitsetPool): DocIterator {
  if (children.length === 0) return new ListIterator(NOTHING);
  if (children.length === 1) return children[0]!;
  if (pool) {
    let cost = 0;
    for (const child of children) cost += child.cost;
    if (cost * 8 >= pool.docCount) return new DenseDisjunction(children, pool);
  }
  return children.length <= LINEAR_MAX ? new SmallDisjunction(children) : new HeapDisjunction(children);
}
