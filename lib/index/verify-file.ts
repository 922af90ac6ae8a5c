/**
 * Check one file of a build against the manifest and its own frame: size, header (kind, format
 * version), footer and CRC32, the file streamed in pieces so a file of any size is never held whole.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { SearchEngineError } from '../errors';
import type { ManifestFile } from './manifest';
import { FOOTER_BYTES, HEADER_BYTES, checkFrame } from './segment-file';

const PIECE = 8 << 20;

function corrupt(path: string, message: string): SearchEngineError {
  return new SearchEngineError('E_INDEX_CORRUPT', message, { file: path });
}

/** Read exactly `length` bytes at `position` (fewer only at the end of the file). */
export function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const read = readSync(fd, buf, got, length - got, position + got);
    if (read === 0) break;
    got += read;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/**
 * Check `path` (a `kind` file) against `expected` (the manifest's size and CRC32). `wholeCrc`
 * (default true): read every byte and check the CRC32; false checks only the size and the frame
 * (record files at open: their records carry CRCs checked when read).
 * @throws SearchEngineError E_INDEX_CORRUPT (missing, truncated, changed) | E_INDEX_FORMAT
 */
export function verifyFile(path: string, kind: string, expected: ManifestFile, wholeCrc = true): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw corrupt(path, 'file listed in the manifest is missing');
  }
  try {
    const size = fstatSync(fd).size;
    if (size !== expected.bytes) throw corrupt(path, `size ${size} differs from the manifest's ${expected.bytes} (truncated?)`);
    const head = readAt(fd, HEADER_BYTES, 0);
    const foot = readAt(fd, FOOTER_BYTES, Math.max(0, size - FOOTER_BYTES));
    const crcOf = (length: number) => {
      let crc = 0;
      for (let at = 0; at < length; at += PIECE) crc = crc32(readAt(fd, Math.min(PIECE, length - at), at), crc);
      return crc;
    };
    checkFrame(path, kind, head, foot, size, wholeCrc ? crcOf : null);
    if (wholeCrc && foot.readUInt32LE(12) !== expected.crc32) throw corrupt(path, "checksum differs from the manifest's (the file was replaced)");
  } finally {
    closeSync(fd);
  }
}
