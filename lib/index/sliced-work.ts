/**
 * Long loading work written once, as a generator that yields `PAUSE` where it may be interrupted
 * and yields the file reads it needs as requests. A driver (lib/index/run-sliced.ts) runs it in
 * one go or in slices that give the event loop back.
 */
/** "The work may be interrupted here." */
export const PAUSE = Symbol('pause');

/** A file read the driver performs: the whole file. */
export type ReadRequest = { read: string };

export type Step = typeof PAUSE | ReadRequest;

/** Sliceable work producing a `T`; what a step asks for comes back as the `yield`'s value. */
export type Sliced<T> = Generator<Step, T, unknown>;

/** Read `request` through the work's generator: `const buf = yield* readBytes({read: path})`. */
export function* readBytes(request: ReadRequest): Sliced<Buffer> {
  return (yield request) as Buffer;
}
