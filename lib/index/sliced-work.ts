/**
 * Long loading work written once, as a generator that yields `PAUSE` where it may be interrupted
 * and yields what it needs done (a file read, a JSON parse) as requests. A driver
 * (lib/index/run-sliced.ts) runs it in one go or in slices that give the event loop back.
 */
/** "The work may be interrupted here." */
export const PAUSE = Symbol('pause');

/** A file read the driver performs: the whole file, or `length` bytes at `position`. */
export type ReadRequest = { read: string } | { read: string; position: number; length: number };

/**
 * JSON text to parse: in one go, JSON.parse is fastest; in slices, {@link parseJsonSliced} keeps
 * every uninterrupted stretch short. Either way the result (or the SyntaxError) is the same.
 */
export interface ParseRequest {
  parseJson: Buffer;
}

export type Step = typeof PAUSE | ReadRequest | ParseRequest;

/** Sliceable work producing a `T`; what a step asks for comes back as the `yield`'s value. */
export type Sliced<T> = Generator<Step, T, unknown>;

/** Read `request` through the work's generator: `const buf = yield* readBytes({read: path})`. */
export function* readBytes(request: ReadRequest): Sliced<Buffer> {
  return (yield request) as Buffer;
}

/** Parse JSON bytes through the work's generator: `const value = yield* parseJson(buf)`. */
export function* parseJson(bytes: Buffer): Sliced<unknown> {
  return yield { parseJson: bytes };
}
