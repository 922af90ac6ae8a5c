/**
 * Run long loading work either in one go (CLIs, tests) or in slices that give the event loop
 * back between them (a server reloading its index while it answers requests). The work is written
 * once, as a generator that yields `PAUSE` at points where it may be interrupted and yields file
 * reads as requests; a driver decides what a pause means and performs the reads (sync or async).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** "The work may be interrupted here." */
export const PAUSE = Symbol('pause');

/** A file read the driver performs: the whole file, or `length` bytes at `position`. */
export type ReadRequest = { read: string } | { read: string; position: number; length: number };

export type Step = typeof PAUSE | ReadRequest;

/** Sliceable work producing a `T`. `yield` a read request to receive its bytes (a Buffer). */
export type Sliced<T> = Generator<Step, T, Buffer | undefined>;

/** Read `request` through the work's generator: `const buf = yield* readBytes({read: path})`. */
export function* readBytes(request: ReadRequest): Sliced<Buffer> {
  return (yield request) as Buffer;
}

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
      bytes = readSync_(step.value);
    } catch (error) {
      // The work turns a failed read into its own error (it knows which file it expected).
      step = work.throw(error);
      continue;
    }
    step = work.next(bytes);
  }
}

function readSync_(request: ReadRequest): Buffer {
  if (!('position' in request)) return readFileSync(request.read);
  const buf = Buffer.allocUnsafe(request.length);
  const fd = openSync(request.read, 'r');
  try {
    let got = 0;
    while (got < request.length) {
      const n = readSync(fd, buf, got, request.length - got, request.position + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

async function readAsync(request: ReadRequest): Promise<Buffer> {
  if (!('position' in request)) return readFile(request.read);
  const handle = await open(request.read, 'r');
  try {
    const buf = Buffer.allocUnsafe(request.length);
    let got = 0;
    while (got < request.length) {
      const { bytesRead } = await handle.read(buf, got, request.length - got, request.position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/**
 * Run the work in slices of about `sliceMs`: at a `PAUSE` after that long, wait for the next turn
 * of the event loop (`setImmediate`, so pending I/O and requests run first); reads are asynchronous.
 */
export async function runSliced<T>(work: Sliced<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 8;
  let sliceStart = performance.now();
  let step = work.next();
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
      bytes = await readAsync(step.value);
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
