/**
 * Verify every checksum of an index (`npm run check-index`): the manifest, each segment file
 * (frame, CRC32 of the whole file, the manifest's CRC32), each record file (whole-file CRC32 and
 * every record's own CRC32, as the index lists them), `sources.json` and `aliases.json`, and every
 * stored source copy (its sha256, the name it is stored under). Reports each file, naming the
 * damaged ones; reads files in pieces, so any size is checked in bounded memory.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { SearchEngineError, isSearchEngineError } from '../errors';
import { LAYOUT, RECORD_FILES, type FileRole } from './index-layout';
import { readManifest, readSources } from './load-index';
import type { Manifest, ManifestFile } from './manifest';
import { SOURCES_DIR } from './options';
import { openSegment } from './segment-file';
import { readAt, verifyFile } from './verify-file';

export interface FileCheck {
  /** The file's role in the manifest (`core`, `docs`, `sources`, …), or `source` for a stored source copy. */
  role: string;
  /** Path relative to the index directory. */
  file: string;
  bytes: number;
  ok: boolean;
  error?: { code: string; message: string };
}

export interface IndexCheck {
  dir: string;
  ok: boolean;
  formatVersion: number | null;
  buildId: string | null;
  /** A problem with the index as a whole (no manifest, another format), else null. */
  error: { code: string; message: string } | null;
  files: FileCheck[];
}

function asError(error: unknown): { code: string; message: string } {
  return isSearchEngineError(error) ? { code: error.code, message: error.message } : { code: 'E_INDEX_CORRUPT', message: (error as Error).message };
}

/** Check every record of a record file against the CRC32 the core file lists for it. */
function checkRecords(path: string, kind: 'doc' | 'release', offsets: Float64Array, lengths: Uint32Array, crcs: Uint32Array): void {
  const fd = openSync(path, 'r');
  try {
    const PIECE = 4 << 20;
    for (let first = 0; first < offsets.length; ) {
      // Read a run of records of about PIECE bytes in one go.
      let last = first;
      while (last + 1 < offsets.length && offsets[last + 1]! + lengths[last + 1]! - offsets[first]! <= PIECE) last++;
      const start = offsets[first]!;
      const buf = readAt(fd, offsets[last]! + lengths[last]! - start, start);
      for (let i = first; i <= last; i++) {
        const bytes = buf.subarray(offsets[i]! - start, offsets[i]! - start + lengths[i]!);
        if (bytes.length !== lengths[i] || crc32(bytes) !== crcs[i]) throw new SearchEngineError('E_INDEX_CORRUPT', `${kind} record ${i} fails its checksum (CRC32)`, { file: path });
      }
      first = last + 1;
    }
  } finally {
    closeSync(fd);
  }
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Check the index in `dir`. Never throws for a damaged index: the result says what is wrong. */
export async function checkIndex(dir: string): Promise<IndexCheck> {
  const result: IndexCheck = { dir, ok: true, formatVersion: null, buildId: null, error: null, files: [] };
  let manifest: Manifest;
  try {
    manifest = readManifest(dir);
  } catch (error) {
    const raw = (() => {
      try {
        return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { formatVersion?: unknown };
      } catch {
        return null;
      }
    })();
    return { ...result, ok: false, formatVersion: typeof raw?.formatVersion === 'number' ? raw.formatVersion : null, error: asError(error) };
  }
  result.formatVersion = manifest.formatVersion;
  result.buildId = manifest.dataDir.replace(/^data-/, '');
  const dataDir = join(dir, manifest.dataDir);
  const check = (role: string, file: ManifestFile | { name: string; bytes: number }, relPath: string, work: () => void) => {
    const entry: FileCheck = { role, file: relPath, bytes: file.bytes, ok: true };
    try {
      work();
    } catch (error) {
      entry.ok = false;
      entry.error = asError(error);
      result.ok = false;
    }
    result.files.push(entry);
    return entry.ok;
  };
  const rel = (name: string) => join(manifest.dataDir, name);

  let coreOk = false;
  for (const role of Object.keys(LAYOUT) as FileRole[]) {
    const file = manifest.files[role];
    const ok = check(role, file, rel(file.name), () => verifyFile(join(dataDir, file.name), LAYOUT[role].kind, file));
    if (role === 'core') coreOk = ok;
  }
  // The record index lives in the core file: each record's CRC can be checked only when it is intact.
  const core = coreOk ? openSegment(new Uint8Array(readFileSync(join(dataDir, manifest.files.core.name))), join(dataDir, manifest.files.core.name), LAYOUT.core.kind) : null;
  for (const role of ['docs', 'releases'] as const) {
    const file = manifest.files[role];
    const path = join(dataDir, file.name);
    check(role, file, rel(file.name), () => {
      // Size and frame, then each record (naming a damaged one), then the whole file.
      verifyFile(path, RECORD_FILES[role].kind, file, false);
      if (core && role === 'docs') checkRecords(path, 'doc', core.f64('docRecordOffset'), core.u32('docRecordLength'), core.u32('docRecordCrc'));
      if (core && role === 'releases') checkRecords(path, 'release', core.f64('releaseRecordOffset'), core.u32('releaseRecordLength'), core.u32('releaseRecordCrc'));
      verifyFile(path, RECORD_FILES[role].kind, file);
    });
  }
  for (const role of ['aliases', 'sources'] as const) {
    const file = manifest.files[role];
    check(role, file, rel(file.name), () => {
      const path = join(dataDir, file.name);
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        throw new SearchEngineError('E_INDEX_CORRUPT', 'file listed in the manifest is missing', { file: path });
      }
      if (bytes.length !== file.bytes) throw new SearchEngineError('E_INDEX_CORRUPT', `size ${bytes.length} differs from the manifest's ${file.bytes} (truncated?)`, { file: path });
      if (crc32(bytes) !== file.crc32) throw new SearchEngineError('E_INDEX_CORRUPT', 'checksum mismatch (CRC32)', { file: path });
    });
  }
  let sources: { path: string; sha256: string; bytes: number }[] = [];
  try {
    sources = readSources(dir, manifest);
  } catch {
    // Reported above (sources.json).
  }
  for (const source of sources) {
    const copy = join(dir, SOURCES_DIR, source.sha256);
    const entry: FileCheck = { role: 'source', file: join(SOURCES_DIR, source.sha256), bytes: source.bytes, ok: true };
    try {
      const hash = await sha256Of(copy);
      if (hash !== source.sha256) throw new SearchEngineError('E_INDEX_CORRUPT', `stored copy of ${source.path} fails its sha256`, { file: copy });
    } catch (error) {
      entry.ok = false;
      entry.error = isSearchEngineError(error) ? asError(error) : { code: 'E_INDEX_CORRUPT', message: `${copy}: stored copy of ${source.path} is missing or unreadable` };
      result.ok = false;
    }
    result.files.push(entry);
  }
  return result;
}
