/**
 * Line-oriented chunk files: one JSON value per line, a new file whenever the current one would
 * pass `maxBytes`. Keeps every file (and every string V8 has to hold) far below its limits, and
 * records where each line is so single records can be read back without parsing the rest.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CHUNK_BYTES } from './options';

export interface WrittenFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** Where each written record is: file index, byte offset and byte length (without the newline). */
export interface RecordPositions {
  file: Uint32Array;
  offset: Uint32Array;
  length: Uint32Array;
}

/**
 * Write `values` as lines (JSON by default; `encode` must not produce a newline) into `<dir>/<prefix>-000.jsonl`, `-001`, … (each ≤ `maxBytes`, default
 * 64 MB, unless a single line is larger). Returns the files with sizes and checksums, and each record's position.
 */
export function writeChunkedLines<T>(
  dir: string,
  prefix: string,
  values: readonly T[] | Iterable<T>,
  options: { maxBytes?: number; encode?: (value: T) => string; extension?: string } = {},
): { files: WrittenFile[]; positions: RecordPositions } {
  const maxBytes = options.maxBytes ?? MAX_CHUNK_BYTES;
  const encode = options.encode ?? ((value: T) => JSON.stringify(value));
  const files: WrittenFile[] = [];
  const file: number[] = [];
  const offset: number[] = [];
  const length: number[] = [];
  let fd = -1;
  let bytes = 0;
  let hash = createHash('sha256');
  let name = '';
  // Buffer small writes: one syscall per line is the slowest part of writing millions of lines.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    const buf = Buffer.concat(pending, pendingBytes);
    writeSync(fd, buf);
    hash.update(buf);
    pending = [];
    pendingBytes = 0;
  };
  const close = () => {
    if (fd < 0) return;
    flush();
    fsyncSync(fd);
    closeSync(fd);
    files.push({ name, bytes, sha256: hash.digest('hex') });
    fd = -1;
  };
  const open = () => {
    name = `${prefix}-${String(files.length).padStart(3, '0')}.${options.extension ?? 'jsonl'}`;
    fd = openSync(join(dir, name), 'w');
    bytes = 0;
    hash = createHash('sha256');
  };
  for (const value of values) {
    const line = Buffer.from(encode(value) + '\n', 'utf8');
    if (fd < 0 || (bytes > 0 && bytes + line.length > maxBytes)) {
      close();
      open();
    }
    file.push(files.length);
    offset.push(bytes);
    length.push(line.length - 1);
    pending.push(line);
    pendingBytes += line.length;
    bytes += line.length;
    if (pendingBytes >= 1 << 20) flush();
  }
  if (fd < 0) open();
  close();
  return { files, positions: { file: Uint32Array.from(file), offset: Uint32Array.from(offset), length: Uint32Array.from(length) } };
}

/** Random access to records written by {@link writeChunkedLines}, one read per record. */
export interface RecordReader {
  read(i: number): unknown;
  close(): void;
}

/** Open all chunk files now (so a later swap of the directory cannot pull them away). */
export function openRecordReader(dir: string, names: readonly string[], positions: RecordPositions): RecordReader {
  const fds = names.map((name) => openSync(join(dir, name), 'r'));
  let closed = false;
  return {
    read(i) {
      if (closed) throw new Error(`the record files in ${dir} were closed (the index was replaced)`);
      const length = positions.length[i]!;
      const buf = Buffer.allocUnsafe(length);
      readSync(fds[positions.file[i]!]!, buf, 0, length, positions.offset[i]!);
      return JSON.parse(buf.toString('utf8'));
    },
    close() {
      closed = true;
      for (const fd of fds.splice(0)) closeSync(fd);
    },
  };
}
