/**
 * The container of every binary index file (after Lucene's `CodecUtil`): a header naming the file's
 * kind and the index format version, a table of named sections, the sections themselves (each
 * 8-byte aligned, so a file read into one buffer is viewed as typed arrays without copying), and a
 * footer holding the length of what precedes it and a CRC32 of every byte before the CRC.
 *
 * ```
 * header  16 B   "HMIX" | u32 format version | kind (4 ASCII bytes) | u32 section count
 * table   48 B   per section: name (32 B ASCII, NUL-padded) | u32 type | u32 element count | u64 offset
 * data           the sections, each starting at a multiple of 8
 * footer  16 B   "XIMH" | u64 length of the file before the footer | u32 CRC32 of bytes [0, length + 12)
 * ```
 *
 * Record files (stored documents and releases, read one record at a time) use the same header with
 * no table and the same footer; each record also has its own CRC32, kept in the record index.
 * All integers are little-endian.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { SearchEngineError } from '../errors';
import { INDEX_FORMAT_VERSION } from './options';

export const HEADER_BYTES = 16;
export const FOOTER_BYTES = 16;
const TABLE_ENTRY_BYTES = 48;
const NAME_BYTES = 32;
const MAGIC = 0x58494d48; // "HMIX" read as a little-endian u32
const FOOTER_MAGIC = 0x484d4958; // "XIMH"

/** Element types of a section; `utf8` is text (the count is its byte length). */
export const SECTION_TYPES = ['u8', 'u16', 'u32', 'i32', 'f64', 'utf8'] as const;
export type SectionType = (typeof SECTION_TYPES)[number];

export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
/** What a section holds when written: a typed array, or text. */
export type SectionValue = TypedArray | string;

const CTORS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array, utf8: Uint8Array } as const;

function typeOf(value: SectionValue): SectionType {
  if (typeof value === 'string') return 'utf8';
  if (value instanceof Uint8Array) return 'u8';
  if (value instanceof Uint16Array) return 'u16';
  if (value instanceof Uint32Array) return 'u32';
  if (value instanceof Int32Array) return 'i32';
  return 'f64';
}

/** What was written: the file's name (relative to its directory), size and CRC32 (the footer's). */
export interface WrittenFile {
  name: string;
  bytes: number;
  crc32: number;
}

function corrupt(path: string, message: string): SearchEngineError {
  return new SearchEngineError('E_INDEX_CORRUPT', message, { file: path });
}

function header(kind: string, sections: number): Buffer {
  if (!/^[A-Z0-9]{4}$/.test(kind)) throw new Error(`file kind must be 4 ASCII capitals or digits, got "${kind}"`);
  const buf = Buffer.alloc(HEADER_BYTES);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(INDEX_FORMAT_VERSION, 4);
  buf.write(kind, 8, 'latin1');
  buf.writeUInt32LE(sections, 12);
  return buf;
}

/**
 * A file written front to back, its CRC32 kept as it goes (the build never reads back what it is
 * writing to checksum it). `finish` appends the footer, fsyncs and closes.
 */
export class FileWriter {
  private fd: number;
  private crc = 0;
  /** Bytes written so far (the offset of the next write). */
  offset = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    readonly path: string,
    readonly name: string,
  ) {
    this.fd = openSync(path, 'w');
  }

  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.offset += bytes.length;
    // Small writes are gathered (one syscall and one CRC32 call per megabyte, not per record).
    if (bytes.length >= 1 << 16) {
      this.flush();
      this.crc = crc32(bytes, this.crc);
      writeAll(this.fd, bytes);
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  /** Zero bytes up to the next multiple of 8. */
  align(): void {
    const pad = (8 - (this.offset % 8)) % 8;
    if (pad > 0) this.write(new Uint8Array(pad));
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.crc = crc32(chunk, this.crc);
    writeAll(this.fd, chunk);
    this.pending = [];
    this.pendingBytes = 0;
  }

  finish(): WrittenFile {
    const footer = Buffer.alloc(FOOTER_BYTES);
    footer.writeUInt32LE(FOOTER_MAGIC, 0);
    footer.writeUInt32LE(this.offset % 0x100000000, 4);
    footer.writeUInt32LE(Math.floor(this.offset / 0x100000000), 8);
    this.flush();
    const crc = crc32(footer.subarray(0, 12), this.crc);
    footer.writeUInt32LE(crc, 12);
    writeAll(this.fd, footer);
    fsyncSync(this.fd);
    closeSync(this.fd);
    return { name: this.name, bytes: this.offset + FOOTER_BYTES, crc32: crc };
  }

  /** Give up: close without a footer (the caller removes the file). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {}
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

function bytesOf(value: SectionValue): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** Write a segment file of `kind` holding `sections` (name → value) at `path`; `name` is how the manifest lists it. */
export function writeSegmentFile(path: string, name: string, kind: string, sections: ReadonlyArray<readonly [string, SectionValue]>): WrittenFile {
  const payloads = sections.map(([sectionName, value]) => {
    if (!/^[a-zA-Z0-9._-]{1,32}$/.test(sectionName)) throw new Error(`bad section name "${sectionName}"`);
    return { name: sectionName, type: typeOf(value), bytes: bytesOf(value), count: typeof value === 'string' ? -1 : value.length };
  });
  const table = Buffer.alloc(payloads.length * TABLE_ENTRY_BYTES);
  let offset = HEADER_BYTES + table.length;
  payloads.forEach((p, i) => {
    offset += (8 - (offset % 8)) % 8;
    const at = i * TABLE_ENTRY_BYTES;
    table.write(p.name, at, 'latin1');
    table.writeUInt32LE(SECTION_TYPES.indexOf(p.type), at + NAME_BYTES);
    table.writeUInt32LE(p.count < 0 ? p.bytes.length : p.count, at + NAME_BYTES + 4);
    table.writeUInt32LE(offset % 0x100000000, at + NAME_BYTES + 8);
    table.writeUInt32LE(Math.floor(offset / 0x100000000), at + NAME_BYTES + 12);
    offset += p.bytes.length;
  });
  const out = new FileWriter(path, name);
  try {
    out.write(header(kind, payloads.length));
    out.write(table);
    for (const p of payloads) {
      out.align();
      out.write(p.bytes);
    }
    return out.finish();
  } catch (error) {
    out.abort();
    throw error;
  }
}

/** A record file's writer: the header, then records appended one by one (see {@link RecordFile}). */
export function recordFileWriter(path: string, name: string, kind: string): FileWriter {
  const out = new FileWriter(path, name);
  out.write(header(kind, 0));
  return out;
}

/**
 * Check a whole file's header and footer: magic, format version (E_INDEX_FORMAT), kind, length and
 * CRC32 (E_INDEX_CORRUPT). `crcOf` computes the CRC of the file's first `length` bytes (whole in
 * memory, or streamed from disk by check-index). Returns the section count.
 */
export function checkFrame(path: string, kind: string, head: Uint8Array, foot: Uint8Array, fileBytes: number, crcOf: ((length: number) => number) | null): number {
  if (fileBytes < HEADER_BYTES + FOOTER_BYTES) throw corrupt(path, `file is ${fileBytes} bytes, too short to be an index file (truncated?)`);
  const h = Buffer.from(head.buffer, head.byteOffset, HEADER_BYTES);
  if (h.readUInt32LE(0) !== MAGIC) throw corrupt(path, 'not an index file (bad magic number)');
  const version = h.readUInt32LE(4);
  if (version !== INDEX_FORMAT_VERSION) {
    throw new SearchEngineError('E_INDEX_FORMAT', `index file format ${version} is not supported (this code reads format ${INDEX_FORMAT_VERSION}); rebuild with "npm run build-index"`, { file: path });
  }
  const fileKind = h.toString('latin1', 8, 12);
  if (fileKind !== kind) throw corrupt(path, `expected a ${kind} file, found ${fileKind}`);
  const f = Buffer.from(foot.buffer, foot.byteOffset, FOOTER_BYTES);
  if (f.readUInt32LE(0) !== FOOTER_MAGIC) throw corrupt(path, 'no footer (truncated or appended to?)');
  const length = f.readUInt32LE(4) + f.readUInt32LE(8) * 0x100000000;
  if (length + FOOTER_BYTES !== fileBytes) throw corrupt(path, `footer says ${length + FOOTER_BYTES} bytes, the file has ${fileBytes} (truncated?)`);
  if (crcOf && crcOf(length + 12) !== f.readUInt32LE(12)) throw corrupt(path, 'checksum mismatch (CRC32)');
  return h.readUInt32LE(12);
}

/** A segment file read whole into memory, its sections viewed in place. */
export interface SegmentFile {
  path: string;
  kind: string;
  /** Section names in file order. */
  names(): string[];
  has(name: string): boolean;
  u8(name: string): Uint8Array;
  u16(name: string): Uint16Array;
  u32(name: string): Uint32Array;
  i32(name: string): Int32Array;
  f64(name: string): Float64Array;
  /** A text section. */
  text(name: string): string;
  /** A text section holding JSON. */
  json<T>(name: string): T;
}

/**
 * View `bytes` (a whole segment file, 8-byte aligned) as a {@link SegmentFile} after checking its
 * frame (header, version, kind, length, CRC32) and its table (every section inside the data).
 * `verified`: the CRC was already checked (a sliced load checks it in pieces).
 * @throws SearchEngineError E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function openSegment(bytes: Uint8Array, path: string, kind: string, verified = false): SegmentFile {
  if (bytes.byteOffset % 8 !== 0) bytes = Uint8Array.from(bytes); // a copy is aligned
  const count = checkFrame(path, kind, bytes, bytes.subarray(bytes.length - FOOTER_BYTES), bytes.length, verified ? null : (length) => crc32(bytes.subarray(0, length)));
  const dataEnd = bytes.length - FOOTER_BYTES;
  if (HEADER_BYTES + count * TABLE_ENTRY_BYTES > dataEnd) throw corrupt(path, 'section table runs past the data');
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const sections = new Map<string, { type: SectionType; count: number; offset: number }>();
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + i * TABLE_ENTRY_BYTES;
    const name = view.toString('latin1', at, at + NAME_BYTES).replace(/\0+$/, '');
    const type = SECTION_TYPES[view.readUInt32LE(at + NAME_BYTES)];
    const n = view.readUInt32LE(at + NAME_BYTES + 4);
    const offset = view.readUInt32LE(at + NAME_BYTES + 8) + view.readUInt32LE(at + NAME_BYTES + 12) * 0x100000000;
    if (!type || offset % 8 !== 0 || offset + n * CTORS[type].BYTES_PER_ELEMENT > dataEnd) throw corrupt(path, `section "${name}" is malformed or runs past the data`);
    sections.set(name, { type, count: n, offset });
  }
  const get = (name: string, type: SectionType) => {
    const s = sections.get(name);
    if (!s) throw corrupt(path, `missing section "${name}"`);
    if (s.type !== type) throw corrupt(path, `section "${name}" is ${s.type}, expected ${type}`);
    return s;
  };
  const typed = <T extends TypedArray>(type: Exclude<SectionType, 'utf8'>) => (name: string) => {
    const s = get(name, type);
    return new CTORS[type](bytes.buffer as ArrayBuffer, bytes.byteOffset + s.offset, s.count) as T;
  };
  const text = (name: string) => {
    const s = get(name, 'utf8');
    return view.toString('utf8', s.offset, s.offset + s.count);
  };
  return {
    path,
    kind,
    names: () => [...sections.keys()],
    has: (name) => sections.has(name),
    u8: typed<Uint8Array>('u8'),
    u16: typed<Uint16Array>('u16'),
    u32: typed<Uint32Array>('u32'),
    i32: typed<Int32Array>('i32'),
    f64: typed<Float64Array>('f64'),
    text,
    json<T>(name: string): T {
      try {
        return JSON.parse(text(name)) as T;
      } catch (error) {
        if (error instanceof SearchEngineError) throw error;
        throw corrupt(path, `section "${name}" is not valid JSON: ${(error as Error).message}`);
      }
    },
  };
}
