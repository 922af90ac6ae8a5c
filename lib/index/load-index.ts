/**
 * Open a persisted index (format 6): read the manifest, read each segment file whole into one
 * buffer, check its frame and CRC32 against its footer and the manifest, and view its sections as
 * typed arrays in place. Nothing is parsed or derived but the manifest and the small JSON of
 * `core.meta`; the stored records stay on disk (their files' size and frame are checked; each
 * record's CRC when it is read). Anything that is not exactly what this code writes is refused
 * with a stable code: E_INDEX_MISSING, E_INDEX_FORMAT (another format, with the command that
 * rebuilds it), E_INDEX_CORRUPT.
 *
 * One implementation, two ways to run it (lib/index/run-sliced.ts): `loadIndex` in one go for
 * CLIs and tests, `loadIndexSliced` with asynchronous reads and the CRC computed in pieces, for a
 * server that keeps answering requests while it opens a new index.
 */
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { SearchEngineError } from '../errors';
import { COMPARABLE_FIGURES, FIGURE_KEYS, SECTION_KINDS, TOPIC_IDS } from '../schema';
import { LAYOUT, RECORD_FILES, type FileRole, type IndexData, type IndexMeta } from './index-layout';
import { indexCore, type IndexCore, type RecordReader } from './index-core';
import { z } from 'zod';
import { ManifestSchema, ManifestSourceSchema, type Manifest, type ManifestFile, type ManifestSource } from './manifest';
import { INDEX_FORMAT_VERSION, SOURCES_DIR } from './options';
import { flexsearchVersion } from './flexsearch-version';
import { SUGGEST_FORMAT_VERSION, SUGGEST_KINDS, type SuggestMeta } from './suggest-format';
import { runSliced, runSync, type SliceOptions } from './run-sliced';
import { openSegment, type SectionType } from './segment-file';
import { PAUSE, readBytes, type Sliced } from './sliced-work';
import { readAt, verifyFile } from './verify-file';
import { PhaseClock } from './phase-clock';

export interface LoadedIndex extends IndexCore {
  manifest: Manifest;
  dir: string;
}

/** Bytes checksummed between two pauses of a sliced load. */
const CRC_SLICE_BYTES = 8 << 20;

function corrupt(path: string, message: string): SearchEngineError {
  return new SearchEngineError('E_INDEX_CORRUPT', message, { file: path });
}

/** The command that rebuilds the index in `dir` (from the sources it names, when it names them). */
export function rebuildCommand(dir: string, sourceDir: unknown): string {
  const source = typeof sourceDir === 'string' ? ` --source ${resolve(dir, sourceDir)}` : ' --source <your releases>';
  return `npm run build-index --${source} --out ${dir}`;
}

/** Parse and validate `<dir>/manifest.json`. */
export function* readManifestSteps(dir: string): Sliced<Manifest> {
  const path = join(dir, 'manifest.json');
  let raw: Buffer;
  try {
    raw = yield* readBytes({ read: path });
  } catch {
    throw new SearchEngineError('E_INDEX_MISSING', `no index here (run "npm run build-index")`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw corrupt(path, `manifest is not valid JSON: ${(error as Error).message}`);
  }
  const { formatVersion: version, sourceDir } = (json ?? {}) as { formatVersion?: unknown; sourceDir?: unknown };
  if (version !== INDEX_FORMAT_VERSION) {
    throw new SearchEngineError('E_INDEX_FORMAT', `index format ${String(version)} is not supported (this code reads format ${INDEX_FORMAT_VERSION}); rebuild it: ${rebuildCommand(dir, sourceDir)}`, { file: path });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw corrupt(path, `manifest fails its schema: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** Read and validate `<dir>/manifest.json` without loading the rest. */
export function readManifest(dir: string): Manifest {
  return runSync(readManifestSteps(dir));
}

const SourcesFileSchema = z.object({ formatVersion: z.literal(INDEX_FORMAT_VERSION), sources: z.array(ManifestSourceSchema) });

/**
 * The files the build in `dir` read (`sources.json`: release files and their sidecars), checked
 * against the manifest's size and CRC32. Read only when needed (is the index stale?).
 * @throws SearchEngineError E_INDEX_MISSING | E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function readSources(dir: string, manifest: Manifest = readManifest(dir)): ManifestSource[] {
  const path = join(dir, manifest.dataDir, manifest.files.sources.name);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw corrupt(path, 'file listed in the manifest is missing');
  }
  if (bytes.length !== manifest.files.sources.bytes || crc32(bytes) !== manifest.files.sources.crc32) throw corrupt(path, "size or checksum differs from the manifest's");
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw corrupt(path, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = SourcesFileSchema.safeParse(json);
  if (!parsed.success) throw corrupt(path, `fails its schema: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data.sources;
}

/** Read a segment file whole, check size, frame and CRC32 (in pieces), and view its sections. */
function* readSegment(dir: string, role: FileRole, file: ManifestFile, clock: PhaseClock): Sliced<IndexData[FileRole]> {
  const path = join(dir, file.name);
  const { kind, sections } = LAYOUT[role];
  if (file.name !== LAYOUT[role].file) throw corrupt(join(dir, '..', 'manifest.json'), `the ${role} file is named ${file.name}, expected ${LAYOUT[role].file}`);
  let bytes: Buffer;
  try {
    bytes = yield* readBytes({ read: path });
  } catch {
    throw corrupt(path, 'file listed in the manifest is missing or unreadable');
  }
  if (bytes.length !== file.bytes) throw corrupt(path, `size ${bytes.length} differs from the manifest's ${file.bytes} (truncated?)`);
  clock.lap('read', `read ${file.name}`);
  let crc = 0;
  const crcEnd = Math.max(0, bytes.length - 4);
  for (let at = 0; at < crcEnd; at += CRC_SLICE_BYTES) {
    crc = crc32(bytes.subarray(at, Math.min(at + CRC_SLICE_BYTES, crcEnd)), crc);
    yield PAUSE;
  }
  // The frame first (magic, version, kind: a foreign file says so), then the checksum.
  const segment = openSegment(bytes, path, kind, true);
  if (bytes.length < 4 || crc !== bytes.readUInt32LE(bytes.length - 4)) throw corrupt(path, 'checksum mismatch (CRC32)');
  if (crc !== file.crc32) throw corrupt(path, "checksum differs from the manifest's (the file was replaced)");
  clock.lap('checksum', `checked ${file.name}`);
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(sections) as [string, SectionType][]) {
    out[name] = type === 'utf8' ? segment.text(name) : segment[type](name);
  }
  clock.lap('view', `viewed the sections of ${file.name}`);
  return out as IndexData[FileRole];
}

/** The code's enums the index was laid out by must be this code's (another order is another format). */
function checkMeta(path: string, meta: IndexMeta, dir: string, manifest: Manifest): void {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(meta.sectionKinds, SECTION_KINDS) || !same(meta.topicIds, TOPIC_IDS) || !same(meta.figureKeys, FIGURE_KEYS) || !same(meta.comparableFigures, COMPARABLE_FIGURES)) {
    throw new SearchEngineError('E_INDEX_FORMAT', `the index was built with other sections, topics or figures than this code knows; rebuild it: ${rebuildCommand(dir, manifest.sourceDir)}`, { file: path });
  }
  if (meta.docCount !== manifest.counts.documents || meta.releaseCount !== manifest.counts.releases || meta.termCount !== manifest.counts.terms) {
    throw corrupt(path, 'document, release or term counts disagree with the manifest');
  }
}

/**
 * The suggest file's meta: its own layout version, and the FlexSearch version that wrote its export
 * (FlexSearch reads back only its own export format: another version is another format).
 */
function checkSuggest(path: string, data: IndexData, dir: string, manifest: Manifest): void {
  let meta: SuggestMeta;
  try {
    meta = JSON.parse(data.suggest.meta) as SuggestMeta;
  } catch (error) {
    throw corrupt(path, `section meta is not valid JSON: ${(error as Error).message}`);
  }
  if (meta.formatVersion !== SUGGEST_FORMAT_VERSION || meta.flexsearchVersion !== flexsearchVersion()) {
    throw new SearchEngineError(
      'E_INDEX_FORMAT',
      `the suggestions were built by suggest format ${String(meta.formatVersion)} with FlexSearch ${String(meta.flexsearchVersion)}; this code reads format ${SUGGEST_FORMAT_VERSION} with FlexSearch ${flexsearchVersion()}; rebuild it: ${rebuildCommand(dir, manifest.sourceDir)}`,
      { file: path },
    );
  }
  const { kind, count, text, keys } = data.suggest;
  const breaks = (s: string) => {
    let n = 0;
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
    return n;
  };
  const candidates = text === '' ? 0 : breaks(text) + 1;
  // A line of keys may be empty (the text is the key): n candidates, n - 1 line breaks.
  const keyLines = candidates === 0 && keys === '' ? 0 : breaks(keys) + 1;
  const perKind = SUGGEST_KINDS.reduce((sum, k) => sum + (meta.counts?.[k] ?? 0), 0);
  if (keyLines !== candidates || kind.length !== candidates || count.length !== candidates || perKind !== candidates) {
    throw corrupt(path, `the suggest sections disagree on the number of candidates (${candidates} texts, ${keyLines} key lines, ${kind.length} kinds, ${count.length} counts)`);
  }
  for (let i = 0; i < kind.length; i++) if (kind[i]! >= SUGGEST_KINDS.length) throw corrupt(path, `suggestion ${i} has an unknown kind ${kind[i]}`);
}

/** Lengths the sections must have (a CRC-valid file of another build would not match). */
function checkLengths(path: string, data: IndexData, meta: IndexMeta): void {
  const n = meta.docCount;
  const R = meta.releaseCount;
  const V = meta.termCount;
  const checks: [string, number, number][] = [
    ['core.docRelease', data.core.docRelease.length, n],
    ['core.docFigures', data.core.docFigures.length, n * FIGURE_KEYS.length],
    ['core.docRecordCrc', data.core.docRecordCrc.length, n],
    ['core.releaseFirstDoc', data.core.releaseFirstDoc.length, R],
    ['core.releaseRecordCrc', data.core.releaseRecordCrc.length, R],
    ['terms.df', data.terms.df.length, V],
    ['terms.postingStart', data.terms.postingStart.length, V + 1],
    ['postings.tf', data.postings.tf.length, data.postings.docs.length],
    ['postings.docs', data.postings.docs.length, data.terms.postingStart[V] ?? 0],
    ['forward.starts', data.forward.starts.length, n],
  ];
  for (const [name, got, want] of checks) if (got !== want) throw corrupt(path, `section ${name} has ${got} entries, expected ${want}`);
}

/** A record file opened for reading records at their offsets (one `pread` per range). */
function openRecords(path: string, offsets: Float64Array, lengths: Uint32Array): RecordReader {
  const fd = openSync(path, 'r');
  let closed = false;
  return {
    readRange(first, count) {
      if (closed) throw new Error(`the record files in ${path} were closed (the index was replaced)`);
      if (count === 0) return Buffer.alloc(0);
      const last = first + count - 1;
      const start = offsets[first]!;
      const bytes = offsets[last]! + lengths[last]! - start;
      const buf = readAt(fd, bytes, start);
      if (buf.length !== bytes) throw corrupt(path, `record ${first} runs past the end of the file (truncated?)`);
      return buf;
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/**
 * Load the index under `dir` (layout written by `writeIndex`), as sliced work.
 * @throws SearchEngineError E_INDEX_MISSING | E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function* loadIndexSteps(dir: string, clock = new PhaseClock()): Sliced<LoadedIndex> {
  const manifest = yield* readManifestSteps(dir);
  clock.lap('manifest');
  const dataDir = join(dir, manifest.dataDir);
  const data = {} as IndexData;
  for (const role of Object.keys(LAYOUT) as FileRole[]) {
    (data as Record<FileRole, unknown>)[role] = yield* readSegment(dataDir, role, manifest.files[role], clock);
  }
  const corePath = join(dataDir, LAYOUT.core.file);
  let meta: IndexMeta;
  try {
    meta = JSON.parse(data.core.meta) as IndexMeta;
  } catch (error) {
    throw corrupt(corePath, `section meta is not valid JSON: ${(error as Error).message}`);
  }
  checkMeta(corePath, meta, dir, manifest);
  checkLengths(corePath, data, meta);
  checkSuggest(join(dataDir, LAYOUT.suggest.file), data, dir, manifest);
  clock.lap('view');
  // Record files are read a record at a time, each checked against its own CRC: here their size and frame.
  for (const role of ['docs', 'releases'] as const) {
    const file = manifest.files[role];
    if (file.name !== RECORD_FILES[role].file) throw corrupt(join(dir, 'manifest.json'), `the ${role} file is named ${file.name}, expected ${RECORD_FILES[role].file}`);
    verifyFile(join(dataDir, file.name), RECORD_FILES[role].kind, file, false);
    yield PAUSE;
  }
  for (const role of ['sources', 'aliases'] as const) {
    const path = join(dataDir, manifest.files[role].name);
    let size = -1;
    try {
      size = statSync(path).size;
    } catch {}
    if (size !== manifest.files[role].bytes) throw corrupt(path, size < 0 ? 'file listed in the manifest is missing' : `size ${size} differs from the manifest's ${manifest.files[role].bytes} (truncated?)`);
  }
  // Opened last and at once: from here on a later build removing this data directory cannot pull the files away.
  const docs = openRecords(join(dataDir, RECORD_FILES.docs.file), data.core.docRecordOffset, data.core.docRecordLength);
  const releases = openRecords(join(dataDir, RECORD_FILES.releases.file), data.core.releaseRecordOffset, data.core.releaseRecordLength);
  clock.lap('records', 'checked the record files');
  const sourcesDir = join(dir, SOURCES_DIR);
  const core = indexCore(data, {
    docs,
    releases,
    docFile: join(dataDir, RECORD_FILES.docs.file),
    releaseFile: join(dataDir, RECORD_FILES.releases.file),
    storedSource: (sha256) => (/^[0-9a-f]{64}$/.test(sha256) ? join(sourcesDir, sha256) : null),
  });
  return Object.assign(core, { manifest, dir });
}

/**
 * Load the index under `dir` in one go (CLIs, tests, the build's checks).
 * @throws SearchEngineError E_INDEX_MISSING | E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function loadIndex(dir: string, clock?: PhaseClock): LoadedIndex {
  return runSync(loadIndexSteps(dir, clock));
}

/**
 * Load the index under `dir` without holding the event loop: reads are asynchronous and the
 * checksums are computed in pieces, giving the loop back every `sliceMs`. Same checks and result
 * as {@link loadIndex}.
 */
export function loadIndexSliced(dir: string, options: SliceOptions = {}): Promise<LoadedIndex> {
  return runSliced(loadIndexSteps(dir), options);
}
