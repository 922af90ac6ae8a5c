/**
 * JSON.parse of a large document in slices: containers larger than a piece are walked element by
 * element (finding where each element ends with a byte scan), runs of small elements are handed
 * to JSON.parse a piece at a time, and the work pauses between pieces. The result equals
 * `JSON.parse(text)`, and it throws a SyntaxError where JSON.parse would.
 *
 * JSON.parse cannot be interrupted, and a 100 MB facets or release file would hold a server's
 * event loop for a second; this keeps every uninterrupted stretch to about one piece.
 */
import { PAUSE, type Sliced } from './sliced-work';


export interface ParseSlicedOptions {
  /** Values of at most this many bytes are parsed whole by JSON.parse (default 64 KB). */
  pieceBytes?: number;
}

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
  // Most strings are short: a plain loop beats a native indexOf call for them.
  const near = Math.min(end, i + 64);
  for (let j = i + 1; j < near; j++) {
    const b = buf[j];
    if (b === BACKSLASH) j++;
    else if (b === QUOTE) return j + 1;
  }
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

/**
 * Index after the value starting at `i`, or -1 when it is a container longer than `limit` bytes
 * (not validated here: JSON.parse of the piece does that). A plain function: it runs per element.
 */
function valueEnd(buf: Buffer, i: number, end: number, limit: number): number {
  const c = buf[i];
  if (c === QUOTE) return skipString(buf, i, end);
  if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
    const stop = Math.min(end, i + limit);
    let depth = 0;
    for (let j = i; j < stop; j++) {
      const b = buf[j]!;
      if (b === QUOTE) {
        j = skipString(buf, j, end) - 1;
      } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        depth++;
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
        if (--depth === 0) return j + 1;
      }
    }
    if (stop === end) throw syntaxError('Unterminated container', i);
    return -1;
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

/**
 * The array or object starting at `start`, and the index after it. Members are found one by one;
 * consecutive small ones are parsed together as one piece, a large one recursively, so no byte
 * is scanned more than about twice.
 */
function* parseContainer(buf: Buffer, start: number, end: number, piece: number): Sliced<[unknown, number]> {
  const isObject = buf[start] === OPEN_OBJECT;
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
  if (buf[i] === close) return [isObject ? object : array, i + 1];
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
    let stop = valueEnd(buf, i, end, piece);
    if (stop < 0) {
      flush();
      const [value, after] = yield* parseContainer(buf, i, end, piece);
      if (isObject) assign(key, value);
      else array.push(value);
      stop = after;
      yield PAUSE;
    } else {
      if (batchStart < 0) batchStart = memberStart;
      batchEnd = stop;
      if (batchEnd - batchStart >= piece) {
        flush();
        yield PAUSE;
      }
    }
    i = skipSpace(buf, stop, end);
    if (buf[i] === COMMA) {
      i = skipSpace(buf, i + 1, end);
      continue;
    }
    if (buf[i] !== close) throw syntaxError(`Expected ',' or '${isObject ? '}' : ']'}'`, i);
    flush();
    yield PAUSE;
    return [isObject ? object : array, i + 1];
  }
}

/** Parse the JSON text in `buf` (UTF-8) like JSON.parse, pausing between pieces. */
export function* parseJsonSliced(buf: Buffer, options: ParseSlicedOptions = {}): Sliced<unknown> {
  const piece = options.pieceBytes ?? 64 * 1024;
  const start = skipSpace(buf, 0, buf.length);
  const c = buf[start];
  if (buf.length <= piece || (c !== OPEN_ARRAY && c !== OPEN_OBJECT)) return parsePiece(buf, 0, buf.length);
  const [value, after] = yield* parseContainer(buf, start, buf.length, piece);
  if (skipSpace(buf, after, buf.length) !== buf.length) throw syntaxError('Unexpected data after JSON', after);
  return value;
}
