/**
 * Write a value as JSON to a file without building the whole string: the same bytes as
 * `JSON.stringify(value)` (toJSON honoured, undefined / functions / symbols dropped from objects
 * and written as null in arrays, non-finite numbers as null), in chunks. Used to measure the on-disk
 * size of a peer's serialised index when the string would exceed V8's maximum string length
 * (~512 MB); such a file still cannot be read back with JSON.parse.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK = 1 << 20;

/** Write `value` as JSON to `path`; returns the number of bytes written. */
export function writeJsonFile(path: string, value: unknown): number {
  const fd = openSync(path, 'w');
  let buffer = '';
  let bytes = 0;
  const flush = () => {
    if (!buffer) return;
    const chunk = Buffer.from(buffer, 'utf8');
    writeSync(fd, chunk);
    bytes += chunk.length;
    buffer = '';
  };
  const emit = (s: string) => {
    buffer += s;
    if (buffer.length >= CHUNK) flush();
  };

  /** JSON.stringify's view of a property value: toJSON applied once, wrappers unwrapped. */
  const resolve = (raw: unknown, key: string): unknown => {
    let v = raw;
    if (v !== null && (typeof v === 'object' || typeof v === 'bigint') && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
    }
    if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf();
    return v;
  };
  const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

  /** Writes an already resolved value (never a skipped one). */
  const write = (v: unknown): void => {
    switch (typeof v) {
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      case 'number':
        emit(Number.isFinite(v) ? String(v) : 'null');
        return;
      case 'boolean':
        emit(v ? 'true' : 'false');
        return;
      case 'string':
        emit(JSON.stringify(v));
        return;
    }
    if (v === null) {
      emit('null');
      return;
    }
    if (Array.isArray(v)) {
      emit('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) emit(',');
        const item = resolve(v[i], String(i));
        if (skipped(item)) emit('null');
        else write(item);
      }
      emit(']');
      return;
    }
    emit('{');
    let first = true;
    const record = v as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const item = resolve(record[k], k);
      if (skipped(item)) continue;
      emit(`${first ? '' : ','}${JSON.stringify(k)}:`);
      write(item);
      first = false;
    }
    emit('}');
  };

  try {
    const top = resolve(value, '');
    if (skipped(top)) throw new TypeError('value does not serialise to JSON');
    write(top);
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}
