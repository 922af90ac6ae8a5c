/**
 * Run sliced work (lib/index/sliced-work.ts) either in one go (CLIs, tests) or in slices that give
 * the event loop back between them (a server reloading its index while it answers requests).
 * The driver decides what a pause means and performs the reads, synchronously or not.
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PAUSE, type Sliced, type Step } from './sliced-work';

export interface SliceOptions {
  /** Longest stretch of work between two turns of the event loop, in ms (default 8). */
  sliceMs?: number;
  /** Called at every turn given back (tests count them). Default: nothing. */
  onYield?: () => void;
}

/** Run the work to the end without ever giving the event loop back (reads are synchronous). */
export function runSync<T>(work: Sliced<T>): T {
  let step = work.next();
  for (;;) {
    if (step.done) return step.value;
    if (step.value === PAUSE) {
      step = work.next();
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(step.value.read);
    } catch (error) {
      // The work turns a failed read into its own error (it knows which file it expected).
      step = work.throw(error);
      continue;
    }
    step = work.next(bytes);
  }
}

/**
 * Run the work in slices of about `sliceMs`: at a `PAUSE` after that long, wait for the next turn
 * of the event loop (`setImmediate`, so pending I/O and requests run first); reads are asynchronous.
 */
export async function runSliced<T>(work: Sliced<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 8;
  let sliceStart = performance.now();
  let step: IteratorResult<Step, T> = work.next();
  for (;;) {
    if (step.done) return step.value;
    if (step.value === PAUSE) {
      if (performance.now() - sliceStart >= sliceMs) {
        options.onYield?.();
        await nextTurn();
        sliceStart = performance.now();
      }
      step = work.next();
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readWhole(step.value.read);
    } catch (error) {
      sliceStart = performance.now();
      step = work.throw(error);
      continue;
    }
    // An await gave the event loop back already.
    options.onYield?.();
    sliceStart = performance.now();
    step = work.next(bytes);
  }
}

/** Largest single read request (Linux reads at most 0x7ffff000 bytes per call). */
const MAX_READ = 1 << 30;

/**
 * A whole file in as few thread-pool reads as possible. `fs.promises.readFile` reads in 512 kB
 * chunks, each waiting for a turn of the event loop: a 1 GB index took ~2,000 turns, so a reload
 * under load waited minutes behind the requests served between them.
 */
async function readWhole(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    // Not from the shared pool: typed-array views of the sections need an aligned, own buffer.
    const bytes = Buffer.allocUnsafeSlow(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await file.read(bytes, done, Math.min(size - done, MAX_READ), done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === size ? bytes : bytes.subarray(0, done);
  } finally {
    await file.close();
  }
}
