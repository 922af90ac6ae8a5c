/**
 * Line-oriented chunk files: one JSON value per line, a new file whenever the current one would
 * pass `maxBytes`. Keeps every file (and every string V8 has to hold) far below its limits.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CHUNK_BYTES } from './options';

export interface WrittenFile {
  name: string;
  bytes: number;
  sha256: string;
}

/**
 * Write `values` as JSON lines into `<dir>/<prefix>-000.jsonl`, `-001`, … (each ≤ `maxBytes`, default 64 MB,
 * unless a single line is larger). Returns the files written, with sizes and checksums.
 */
export function writeChunkedLines(dir: string, prefix: string, values: Iterable<unknown>, maxBytes = MAX_CHUNK_BYTES): WrittenFile[] {
  const files: WrittenFile[] = [];
  let fd = -1;
  let bytes = 0;
  let hash = createHash('sha256');
  let name = '';
  const close = () => {
    if (fd < 0) return;
    fsyncSync(fd);
    closeSync(fd);
    files.push({ name, bytes, sha256: hash.digest('hex') });
    fd = -1;
  };
  const open = () => {
    name = `${prefix}-${String(files.length).padStart(3, '0')}.jsonl`;
    fd = openSync(join(dir, name), 'w');
    bytes = 0;
    hash = createHash('sha256');
  };
  for (const value of values) {
    const line = Buffer.from(JSON.stringify(value) + '\n', 'utf8');
    if (fd < 0 || (bytes > 0 && bytes + line.length > maxBytes)) {
      close();
      open();
    }
    writeSync(fd, line);
    hash.update(line);
    bytes += line.length;
  }
  if (fd < 0) open();
  close();
  return files;
}

/** Read the JSON lines of the given chunk files, in order. */
export function* readChunkedLines(dir: string, names: readonly string[]): Generator<unknown> {
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) yield JSON.parse(text.slice(start, end));
      start = end + 1;
    }
  }
}
