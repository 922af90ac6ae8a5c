/**
 * Run sliced work (lib/index/sliced-work.ts) either in one go (CLIs, tests) or in slices that give
 * the event loop back between them (a server reloading its index while it answers requests).
 * The driver decides what a pause means and performs the requests, synchronously or not.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseJsonSliced } from './parse-json-sliced';
import { PAUSE, type ReadRequest, type Sliced, type Step } from './sliced-work';

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
    let answer: unknown;
    try {
      answer = 'parseJson' in step.value ? JSON.parse(step.value.parseJson.toString('utf8')) : readSync_(step.value);
    } catch (error) {
      // The work turns a failed read or parse into its own error (it knows which file it expected).
      step = work.throw(error);
      continue;
    }
    step = work.next(answer);
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
 * of the event loop (`setImmediate`, so pending I/O and requests run first); reads are
 * asynchronous, and JSON is parsed in slices too (a nested piece of work on a stack).
 */
export async function runSliced<T>(work: Sliced<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? 8;
  let sliceStart = performance.now();
  const stack: Sliced<unknown>[] = [work];
  let step: IteratorResult<Step, unknown> = work.next();
  for (;;) {
    const current = stack[stack.length - 1]!;
    if (step.done) {
      stack.pop();
      if (stack.length === 0) return step.value as T;
      const value = step.value;
      const parent = stack[stack.length - 1]!;
      step = next(stack, () => parent.next(value));
      continue;
    }
    if (step.value === PAUSE) {
      if (performance.now() - sliceStart >= sliceMs) {
        options.onYield?.();
        await nextTurn();
        sliceStart = performance.now();
      }
      step = next(stack, () => current.next());
      continue;
    }
    if ('parseJson' in step.value) {
      const nested = parseJsonSliced(step.value.parseJson);
      stack.push(nested);
      step = next(stack, () => nested.next());
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readAsync(step.value);
    } catch (error) {
      sliceStart = performance.now();
      step = next(stack, () => current.throw(error));
      continue;
    }
    // An await gave the event loop back already.
    options.onYield?.();
    sliceStart = performance.now();
    step = next(stack, () => current.next(bytes));
  }
}

/** Advance the top of the stack; an error thrown by a nested piece of work goes to its parent. */
function next(stack: Sliced<unknown>[], advance: () => IteratorResult<Step, unknown>): IteratorResult<Step, unknown> {
  try {
    return advance();
  } catch (error) {
    stack.pop();
    if (stack.length === 0) throw error;
    return next(stack, () => stack[stack.length - 1]!.throw(error));
  }
}
