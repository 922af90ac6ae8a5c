/**
 * JSON.parse of a large document in slices: containers larger than a piece are walked element by
 * element (finding where each element ends with a byte scan), runs of small elements are handed
 * to JSON.parse a piece at a time, and the work pauses between pieces. The result equals
 * `JSON.parse(text)`, and it throws a SyntaxError where JSON.parse would.
 *
 * JSON.parse cannot be interrupted, and a 100 MB facets or release file would hold a server's
 * event loop for a second; this keeps every uninterrupted stretch to about one piece.
 */
import { PAUSE, type Sliced } from './sliced-steps';

export interface ParseSlicedOptions {
  /** Values of at most this many bytes are parsed whole by JSON.parse (default 64 KB). */
  pieceBytes?: number;
}

/** Bytes scanned between two pauses while looking for the end of a value. */
const SCAN_BYTES = 1 << 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(buf: Buffer, i: number, end: number): number {
  while (i < end && isSpace(buf[i])) i++;
  return i;
}

function syntaxError(message: string, at: number): SyntaxError {
  return new SyntaxError(`${message} in JSON at position ${at}`);
}

/** Index after the string starting at `i` (a quote). */
function skipString(buf: Buffer, i: number, end: number): number {
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q < 0 || q >= end) throw syntaxError('Unterminated string', i);
    let slashes = 0;
    for (let k = q - 1; k > i && buf[k] === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index after the value starting at `i` (not validated here: JSON.parse of the piece does that). */
function* skipValue(buf: Buffer, i: number, end: number): Sliced<number> {
  const c = buf[i];
  if (c === QUOTE) return skipString(buf, i, end);
  if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
    let depth = 0;
    let paused = i;
    for (let j = i; j < end; j++) {
      const b = buf[j]!;
      if (b === QUOTE) {
        j = skipString(buf, j, end) - 1;
      } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        depth++;
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
        if (--depth === 0) return j + 1;
      }
      if (j - paused >= SCAN_BYTES) {
        paused = j;
        yield PAUSE;
      }
    }
    throw syntaxError('Unterminated container', i);
  }
  let j = i;
  while (j < end) {
    const b = buf[j];
    if (b === COMMA || b === CLOSE_ARRAY || b === CLOSE_OBJECT || b === COLON || isSpace(b)) break;
    j++;
  }
  if (j === i) throw syntaxError('Unexpected token', i);
  return j;
}

function parsePiece(buf: Buffer, start: number, end: number, open = '', close = ''): unknown {
  return JSON.parse(open + buf.toString('utf8', start, end) + close);
}

function* parseValue(buf: Buffer, start: number, end: number, piece: number): Sliced<unknown> {
  if (end - start <= piece) return parsePiece(buf, start, end);
  const c = buf[start];
  if (c === OPEN_ARRAY) return yield* parseContainer(buf, start, end, piece, false);
  if (c === OPEN_OBJECT) return yield* parseContainer(buf, start, end, piece, true);
  return parsePiece(buf, start, end);
}

/**
 * An array or object spanning exactly [start, end): members are found one by one; consecutive
 * small ones are parsed together as one piece, a large one recursively.
 */
function* parseContainer(buf: Buffer, start: number, end: number, piece: number, isObject: boolean): Sliced<unknown> {
  const close = isObject ? CLOSE_OBJECT : CLOSE_ARRAY;
  const array: unknown[] = [];
  const object: Record<string, unknown> = {};
  const assign = (key: string, value: unknown) => Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  let batchStart = -1;
  let batchEnd = -1;
  const flush = () => {
    if (batchStart < 0) return;
    const part = parsePiece(buf, batchStart, batchEnd, isObject ? '{' : '[', isObject ? '}' : ']');
    if (isObject) for (const key of Object.keys(part as object)) assign(key, (part as Record<string, unknown>)[key]);
    else for (const value of part as unknown[]) array.push(value);
    batchStart = -1;
  };
  let i = skipSpace(buf, start + 1, end);
  if (buf[i] === close) {
    if (i !== end - 1) throw syntaxError('Unexpected data after a container', i + 1);
    return isObject ? object : array;
  }
  for (;;) {
    const memberStart = i;
    let key = '';
    if (isObject) {
      if (buf[i] !== QUOTE) throw syntaxError('Expected a property name', i);
      const keyEnd = skipString(buf, i, end);
      key = parsePiece(buf, i, keyEnd) as string;
      i = skipSpace(buf, keyEnd, end);
      if (buf[i] !== COLON) throw syntaxError("Expected ':'", i);
      i = skipSpace(buf, i + 1, end);
    }
    const valueStart = i;
    const valueEnd = yield* skipValue(buf, valueStart, end);
    if (valueEnd - valueStart > piece) {
      flush();
      const value = yield* parseValue(buf, valueStart, valueEnd, piece);
      if (isObject) assign(key, value);
      else array.push(value);
      yield PAUSE;
    } else {
      if (batchStart < 0) batchStart = memberStart;
      batchEnd = valueEnd;
      if (batchEnd - batchStart >= piece) {
        flush();
        yield PAUSE;
      }
    }
    i = skipSpace(buf, valueEnd, end);
    if (buf[i] === COMMA) {
      i = skipSpace(buf, i + 1, end);
      continue;
    }
    if (buf[i] !== close) throw syntaxError(`Expected ',' or '${isObject ? '}' : ']'}'`, i);
    if (i !== end - 1) throw syntaxError('Unexpected data after a container', i + 1);
    flush();
    yield PAUSE;
    return isObject ? object : array;
  }
}

/** Parse the JSON text in `buf` (UTF-8) like JSON.parse, pausing between pieces. */
export function* parseJsonSliced(buf: Buffer, options: ParseSlicedOptions = {}): Sliced<unknown> {
  const piece = options.pieceBytes ?? 64 * 1024;
  let start = skipSpace(buf, 0, buf.length);
  let end = buf.length;
  while (end > start && isSpace(buf[end - 1])) end--;
  if (start === end) return parsePiece(buf, 0, buf.length);
  const valueEnd = yield* skipValue(buf, start, end);
  if (valueEnd !== end) throw syntaxError('Unexpected data after JSON', valueEnd);
  return yield* parseValue(buf, start, end, piece);
}
