/**
 * Build and persist an index atomically (format 6, lib/index/index-layout.ts).
 *
 * Layout: `<out>/manifest.json` points at `<out>/data-<buildId>/`. Files are written into
 * `<out>/.tmp-<buildId>/` — the stored records as the build produces them, then every segment
 * file — fsynced, read back and checked against the CRC32 written in their footers, the directory
 * renamed to `data-<buildId>`, and only then is `manifest.json` replaced (temp file + rename). A
 * build killed at any point leaves the previous manifest and its data directory untouched; stale
 * directories are removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import type { SourceInfo } from '../ingest/ingest-file';
import { buildSections, type BuildInput, type RecordPlace, type RecordSink } from './build-index';
import type { StoredRelease } from './records';
import { LAYOUT, RECORD_FILES, type FileRole, type IndexData, type IndexMeta } from './index-layout';
import type { Manifest, ManifestFile } from './manifest';
import { INDEX_FORMAT_VERSION, SOURCES_DIR } from './options';
import { recordFileWriter, writeSegmentFile, type FileWriter, type SectionValue } from './segment-file';
import { verifyFile } from './verify-file';
import { PhaseClock } from './phase-clock';
import { startStoreSources } from './store-sources';

/** Record files written as the build produces their records. */
function fileRecords(dir: string): RecordSink & { finish(): { docs: ManifestFile; releases: ManifestFile }; abort(): void } {
  const writers = {
    docs: recordFileWriter(join(dir, RECORD_FILES.docs.file), RECORD_FILES.docs.file, RECORD_FILES.docs.kind),
    releases: recordFileWriter(join(dir, RECORD_FILES.releases.file), RECORD_FILES.releases.file, RECORD_FILES.releases.kind),
  };
  const releaseAppend = (out: FileWriter) => (record: Uint8Array): RecordPlace => {
    const offset = out.offset;
    out.write(record);
    return { offset, length: record.length, crc: crc32(record) };
  };
  const docAppend = (out: FileWriter) => (head: Uint8Array, text: Uint8Array | null, crc: number): RecordPlace => {
    const offset = out.offset;
    out.write(head);
    if (text) out.write(text);
    return { offset, length: out.offset - offset, crc };
  };
  return {
    doc: docAppend(writers.docs),
    release: releaseAppend(writers.releases),
    finish: () => ({ docs: writers.docs.finish(), releases: writers.releases.finish() }),
    abort: () => {
      writers.docs.abort();
      writers.releases.abort();
    },
  };
}

/** Write the segment file of `role` (its sections in layout order). */
export function writeSegment(dir: string, data: IndexData, role: FileRole): ManifestFile {
  const { file, kind, sections } = LAYOUT[role];
  const values = data[role] as Record<string, SectionValue>;
  return writeSegmentFile(join(dir, file), file, kind, Object.keys(sections).map((name) => [name, values[name]!] as const));
}

function writeJsonFile(dir: string, name: string, body: object): ManifestFile {
  const buf = Buffer.from(JSON.stringify({ formatVersion: INDEX_FORMAT_VERSION, ...body }), 'utf8');
  const fd = openSync(join(dir, name), 'w');
  try {
    writeFileSync(fd, buf);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { name, bytes: buf.length, crc32: crc32(buf) };
}

/** Former slug → current slug, for every release alias (small: read by the proxy to redirect). */
export function aliasTable(releases: ReadonlyArray<{ slug: string; aliases: readonly string[] }>): Record<string, string> {
  const table: Record<string, string> = {};
  for (const r of releases) for (const alias of r.aliases) table[alias] = r.slug;
  return table;
}

/** Remove data and temp directories that `keep` does not name, and source copies no source uses. */
function removeStaleEntries(outDir: string, keep: string, sources: readonly SourceInfo[]): void {
  for (const entry of readdirSync(outDir)) {
    if ((entry.startsWith('data-') || entry.startsWith('.tmp-') || entry.startsWith('.manifest-')) && entry !== keep) {
      rmSync(join(outDir, entry), { recursive: true, force: true });
    }
  }
  const used = new Set(sources.map((s) => s.sha256));
  for (const name of readdirSync(join(outDir, SOURCES_DIR))) {
    if (!used.has(name)) rmSync(join(outDir, SOURCES_DIR, name), { force: true });
  }
}

export interface WriteMeta {
  sources: SourceInfo[];
  sourceDir: string;
  /** When the whole build started (performance.now()), for the manifest's buildMs. */
  started: number;
  /** The build's phases (their times are logged and kept). */
  clock?: PhaseClock;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Build the index of the prepared releases of `input` under `outDir` (created if missing) and
 * switch `manifest.json` to it. @returns the manifest written.
 */
export function writeIndex(input: BuildInput, outDir: string, meta: WriteMeta): Manifest {
  const clock = meta.clock ?? new PhaseClock();
  mkdirSync(outDir, { recursive: true });
  // The source copies are made beside the build (a worker for many files), awaited before the switch.
  const stored = startStoreSources(outDir, meta.sourceDir, meta.sources);
  const buildId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const dataDir = `data-${buildId}`;
  const tmp = join(outDir, `.tmp-${buildId}`);
  mkdirSync(tmp);
  const records = fileRecords(tmp);
  let data: IndexData;
  let sorted: StoredRelease[];
  try {
    ({ data, releases: sorted } = buildSections(input, records, meta.onProgress, clock));
  } catch (error) {
    records.abort();
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const recordFiles = records.finish();
  const segments = Object.fromEntries((Object.keys(LAYOUT) as FileRole[]).map((role) => [role, writeSegment(tmp, data, role)])) as Record<FileRole, ManifestFile>;
  const sources = writeJsonFile(tmp, 'sources.json', { sources: meta.sources.map((s) => ({ path: s.path, sha256: s.sha256, bytes: s.bytes })) });
  const aliases = writeJsonFile(tmp, 'aliases.json', { aliases: aliasTable(sorted) });
  clock.lap('write', 'wrote the segment files');
  // What was written is what was meant: every file read back against its footer's CRC32.
  for (const [role, file] of [...Object.entries(segments), ['docs', recordFiles.docs], ['releases', recordFiles.releases]] as [string, ManifestFile][]) {
    const kind = role in LAYOUT ? LAYOUT[role as FileRole].kind : RECORD_FILES[role as keyof typeof RECORD_FILES].kind;
    verifyFile(join(tmp, file.name), kind, file);
  }
  clock.lap('verify', 'read back and checked every file');

  const indexMeta = JSON.parse(data.core.meta) as IndexMeta;
  let findings = 0;
  for (let d = 0; d < data.core.docKind.length; d++) if (data.core.docKind[d] === 0) findings++;
  try {
    stored.result();
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  clock.lap('sources', `stored ${meta.sources.length} source files (hard links where possible)${stored.thread ? ', on a worker thread beside the build' : ''}`);
  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - meta.started),
    dataDir,
    sourceDir: relative(resolve(outDir), resolve(meta.sourceDir)) || '.',
    counts: { releases: indexMeta.releaseCount, findings, chunks: indexMeta.docCount - findings, documents: indexMeta.docCount, terms: indexMeta.termCount },
    files: { ...segments, docs: recordFiles.docs, releases: recordFiles.releases, sources, aliases },
  };
  renameSync(tmp, join(outDir, dataDir));
  const manifestTmp = `.manifest-${buildId}.json`;
  const fd = openSync(join(outDir, manifestTmp), 'w');
  try {
    writeFileSync(fd, JSON.stringify(manifest, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(join(outDir, manifestTmp), join(outDir, 'manifest.json'));
  removeStaleEntries(outDir, dataDir, meta.sources);
  return manifest;
}
