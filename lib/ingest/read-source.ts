import { isUtf8 } from 'node:buffer';
import * as crypto from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { SearchEngineError } from '../errors';

/** A source file's raw bytes (PDFs are not text: each reader decodes its own format). */
export interface SourceBytes {
  /** Path relative to the source directory, always with `/` separators. */
  relPath: string;
  bytes: Uint8Array;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
}

/** Options for {@link readSourceBytes}. */
export interface ReadSourceOptions {
  /** Directory the relative path (used in errors and `Release.source`) is computed from. */
  rootDir: string;
  /** Largest accepted file in bytes. Default {@link MAX_SOURCE_BYTES} (20 MB), PDFs {@link MAX_PDF_BYTES} (100 MB). */
  maxBytes?: number;
}

/** Default size limit for one text source file: 20 MB. Real releases are a few kilobytes. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;
/** Size limit for one PDF: 100 MB (a whole report with images). */
export const MAX_PDF_BYTES = 100 * 1024 * 1024;

/** File signatures that mean "this is not a text release", with a name for the error message. */
const BINARY_SIGNATURES: ReadonlyArray<{ name: string; bytes: number[] }> = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document (extract its text first)', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP/Office document', bytes: [0x50, 0x4b, 0x03, 0x04] },
];

/**
 * Read one release file's bytes, without decoding (synchronous: the index build reads files one
 * by one). Rejects, with a {@link SearchEngineError} naming the relative path and a line, an
 * unreadable or missing file (`E_READ`) and one larger than `maxBytes` (`E_TOO_LARGE`, default
 * 20 MB); {@link decodeSource} checks the text.
 */
export function readSourceBytes(path: string, options: ReadSourceOptions): SourceBytes {
  const relPath = toRelPath(path, options.rootDir);
  const maxBytes = options.maxBytes ?? (/\.pdf$/i.test(path) ? MAX_PDF_BYTES : MAX_SOURCE_BYTES);
  const bytes = readBytes(path, relPath, maxBytes);
  return { relPath, bytes, sha256: sha256Hex(bytes) };
}

/** Hex SHA-256; the one-shot `crypto.hash` (Node ≥ 20.12) where there is one: less overhead per small file. */
function sha256Hex(bytes: Uint8Array): string {
  return typeof crypto.hash === 'function' ? crypto.hash('sha256', bytes, 'hex') : crypto.createHash('sha256').update(bytes).digest('hex');
}

/** `path` relative to `rootDir` with forward slashes (stable across platforms). */
export function toRelPath(path: string, rootDir: string): string {
  return relative(rootDir, path).split(sep).join('/');
}

function readBytes(path: string, relPath: string, maxBytes: number): Uint8Array {
  try {
    // stat first so a huge file is refused without being loaded into memory.
    const info = statSync(path);
    if (!info.isFile()) throw new SearchEngineError('E_READ', 'not a regular file', { file: relPath });
    if (info.size > maxBytes) throw tooLarge(relPath, info.size, maxBytes);
    const bytes = readFileSync(path);
    if (bytes.length > maxBytes) throw tooLarge(relPath, bytes.length, maxBytes);
    return bytes;
  } catch (error) {
    if (error instanceof SearchEngineError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SearchEngineError('E_READ', `cannot read file (${reason})`, { file: relPath, line: 1 });
  }
}

function tooLarge(relPath: string, size: number, maxBytes: number): SearchEngineError {
  return new SearchEngineError('E_TOO_LARGE', `file is ${size} bytes, over the ${maxBytes}-byte limit`, {
    file: relPath,
    line: 1,
  });
}

/**
 * Decode raw bytes to text (pure). Rejects, with a {@link SearchEngineError}: empty or
 * whitespace-only text → `E_EMPTY`; binary (known signature such as PNG, or NUL bytes) or invalid
 * UTF-8 → `E_ENCODING`. UTF-16 LE/BE files with a BOM are decoded as such; a UTF-8 BOM is dropped.
 * `relPath` is only used in error messages.
 */
export function decodeSource(bytes: Uint8Array, relPath: string): string {
  const text = decodeBytes(bytes, relPath);
  if (text.trim() === '') throw new SearchEngineError('E_EMPTY', 'file is empty', { file: relPath, line: 1 });
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw encodingError(relPath, lineAt(text, nul), 'binary content (NUL character)');
  return text;
}

function decodeBytes(bytes: Uint8Array, relPath: string): string {
  if (bytes.length === 0) throw new SearchEngineError('E_EMPTY', 'file is empty', { file: relPath, line: 1 });
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 'utf-16le', relPath);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 'utf-16be', relPath);
  const signature = BINARY_SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) throw encodingError(relPath, 1, `binary file (${signature.name}), not text`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw encodingError(relPath, lineAtByte(bytes, nul), 'binary content (NUL byte)');
  // The native check first (it agrees with the validator below); that one only says where.
  const invalidAt = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (invalidAt >= 0) {
    throw encodingError(relPath, lineAtByte(bytes, invalidAt), `invalid UTF-8 at byte ${invalidAt}`);
  }
  // fatal: true is a second line of defence; the validator above already found any bad byte.
  return UTF8_DECODER.decode(bytes);
}

const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', relPath: string): string {
  try {
    // The decoder drops the BOM itself (ignoreBOM defaults to false).
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw encodingError(relPath, 1, `invalid ${encoding.toUpperCase()} text`);
  }
}

function encodingError(relPath: string, line: number, message: string): SearchEngineError {
  return new SearchEngineError('E_ENCODING', message, { file: relPath, line });
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence, or -1. We validate by hand
 * because TextDecoder's fatal mode says *that* the input is bad but not *where*, and the error
 * must point at a line.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  // Sequence length from the lead byte, and the allowed range of the second byte (RFC 3629).
  let length: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 === 0xe0) lo = 0xa0; // no overlong forms
    if (b0 === 0xed) hi = 0x9f; // no surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f; // nothing above U+10FFFF
  } else return 0;
  if (i + length > bytes.length) return 0;
  const b1 = bytes[i + 1]!;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < length; k++) {
    const b = bytes[i + k]!;
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}
