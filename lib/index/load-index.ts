/**
 * Load a persisted index, refusing anything that is not exactly what this code writes:
 * a manifest that fails its schema, another format or FlexSearch version, a missing file, a size
 * or checksum mismatch, or unparsable content. Errors carry a stable `.code`.
 *
 * Whole documents and releases stay on disk and are read one record at a time when a page of
 * results needs them; everything search needs (columns, forward index, FlexSearch) is in memory.
 *
 * One implementation, two ways to run it (lib/index/run-sliced.ts): `loadIndex` in one go for
 * CLIs and tests, `loadIndexSliced` with asynchronous reads and the event loop given back every
 * few milliseconds, for a server that keeps answering requests while it loads a new index.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SearchEngineError } from '../errors';
import { FIGURE_KEYS, type Release } from '../schema';
import { openRecordReader, type RecordPositions } from './chunked-lines';
import type { StoredDoc } from './documents';
import type { FacetPostings } from './facet-postings';
import { createFlexIndex, type FlexIndex } from './flex-index';
import type { DocColumns, IndexCore, ReleaseMeta } from './index-core';
import { ManifestSchema, ManifestSourceSchema, type Manifest, type ManifestFile } from './manifest';
import { INDEX_FORMAT_VERSION, SOURCES_DIR } from './options';
import { flexsearchVersion } from './flexsearch-version';
import { THESAURUS_FORMAT_VERSION, THESAURUS_RELATIONS, type ThesaurusEntries } from './thesaurus-format';
import { runSliced, runSync, type SliceOptions } from './run-sliced';
import { PAUSE, parseJson, readBytes, type Sliced } from './sliced-work';

export interface LoadedIndex extends IndexCore {
  manifest: Manifest;
  dir: string;
}

export interface LoadOptions {
  /** Verify every file's sha256 (default true). Sizes are always checked. */
  verifyChecksums?: boolean;
}

/** Bytes hashed (or read, for files read lazily later) between two pauses. */
const HASH_SLICE_BYTES = 4 << 20;
/** FlexSearch entries imported between two pauses. */
const IMPORT_BATCH = 5_000;
/** Source copies checked between two pauses. */
const STAT_BATCH = 512;

const manifestWithoutSources = ManifestSchema.omit({ sources: true });
const sourceList = z.array(ManifestSourceSchema);

function corrupt(path: string, message: string): SearchEngineError {
  return new SearchEngineError('E_INDEX_CORRUPT', message, { file: path });
}

/** Parse and validate `<dir>/manifest.json` (the source list, which grows with the corpus, in slices). */
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
    json = yield* parseJson(raw);
  } catch (error) {
    throw corrupt(path, `manifest is not valid JSON: ${(error as Error).message}`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== INDEX_FORMAT_VERSION) {
    throw new SearchEngineError(
      'E_INDEX_FORMAT',
      `index format ${String(version)} is not supported (this code reads format ${INDEX_FORMAT_VERSION}); rebuild with "npm run build-index"`,
      { file: path },
    );
  }
  const fail = (issues: z.core.$ZodIssue[]) => corrupt(path, `manifest fails its schema: ${issues[0]?.message ?? ''}`);
  const { sources, ...rest } = json as { sources?: unknown };
  const head = manifestWithoutSources.safeParse(rest);
  if (!head.success) throw fail(head.error.issues);
  if (!Array.isArray(sources)) throw fail(sourceList.safeParse(sources).error?.issues ?? []);
  const checked: Manifest['sources'] = [];
  for (let i = 0; i < sources.length; i += STAT_BATCH) {
    const part = sourceList.safeParse(sources.slice(i, i + STAT_BATCH));
    if (!part.success) throw fail(part.error.issues);
    for (const s of part.data) checked.push(s);
    yield PAUSE;
  }
  return { ...head.data, sources: checked };
}

/** Read and validate `<dir>/manifest.json` without loading the rest. */
export function readManifest(dir: string): Manifest {
  return runSync(readManifestSteps(dir));
}

/** Check that `file` exists with the manifest's size; returns its path. */
function checkSize(dir: string, file: ManifestFile): string {
  const path = join(dir, file.name);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw corrupt(path, 'file listed in the manifest is missing');
  }
  if (size !== file.bytes) throw corrupt(path, `size ${size} differs from the manifest's ${file.bytes} (truncated?)`);
  return path;
}

/** Read a whole file after checking its size and (when `verify`) its sha256, hashed in slices. */
function* readChecked(dir: string, file: ManifestFile, verify: boolean): Sliced<Buffer> {
  const path = checkSize(dir, file);
  let buf: Buffer;
  try {
    buf = yield* readBytes({ read: path });
  } catch (error) {
    throw corrupt(path, `cannot read: ${(error as Error).message}`);
  }
  if (buf.length !== file.bytes) throw corrupt(path, `size ${buf.length} differs from the manifest's ${file.bytes} (changed while loading?)`);
  if (verify) {
    const hash = createHash('sha256');
    for (let at = 0; at < buf.length; at += HASH_SLICE_BYTES) {
      hash.update(buf.subarray(at, at + HASH_SLICE_BYTES));
      yield PAUSE;
    }
    if (hash.digest('hex') !== file.sha256) throw corrupt(path, 'checksum mismatch');
  }
  return buf;
}

/** Check a file that is read lazily later: size always, sha256 read in slices (never held whole). */
function* checkStreamed(dir: string, file: ManifestFile, verify: boolean): Sliced<void> {
  const path = checkSize(dir, file);
  if (!verify) return;
  const hash = createHash('sha256');
  for (let at = 0; at < file.bytes; at += HASH_SLICE_BYTES) {
    let part: Buffer;
    try {
      part = yield* readBytes({ read: path, position: at, length: Math.min(HASH_SLICE_BYTES, file.bytes - at) });
    } catch (error) {
      throw corrupt(path, `cannot read: ${(error as Error).message}`);
    }
    if (part.length === 0) throw corrupt(path, 'file shrank while loading');
    hash.update(part);
  }
  if (hash.digest('hex') !== file.sha256) throw corrupt(path, 'checksum mismatch');
}

function* corruptOnError<T>(path: string, work: Sliced<T>): Sliced<T> {
  try {
    return yield* work;
  } catch (error) {
    if (error instanceof SearchEngineError) throw error;
    throw corrupt(path, `cannot parse: ${(error as Error).message}`);
  }
}

function* readJson<T>(dir: string, file: ManifestFile, verify: boolean, key: string): Sliced<T> {
  const path = join(dir, file.name);
  const bytes = yield* readChecked(dir, file, verify);
  return yield* corruptOnError(
    path,
    (function* () {
      const json = (yield* parseJson(bytes)) as Record<string, unknown> | null;
      if (json?.formatVersion !== INDEX_FORMAT_VERSION || !(key in json)) throw new Error(`expected {formatVersion: ${INDEX_FORMAT_VERSION}, ${key}}`);
      return json[key] as T;
    })(),
  );
}

const ThesaurusFileSchema = z
  .object({
    formatVersion: z.literal(THESAURUS_FORMAT_VERSION),
    source: z.string(),
    relations: z.array(z.enum(THESAURUS_RELATIONS)),
    stems: z.array(z.string().min(1)),
    related: z.array(z.string().min(1)),
  })
  .refine((f) => f.stems.length === f.related.length, 'stems and related differ in length');

/** `thesaurus.json` (its own format version, checked by its schema). */
function* readThesaurus(dir: string, file: ManifestFile, verify: boolean): Sliced<ThesaurusEntries> {
  const path = join(dir, file.name);
  const bytes = yield* readChecked(dir, file, verify);
  const json = yield* corruptOnError(path, parseJson(bytes));
  const parsed = ThesaurusFileSchema.safeParse(json);
  if (!parsed.success) throw new SearchEngineError('E_INDEX_CORRUPT', `thesaurus fails its schema (format ${THESAURUS_FORMAT_VERSION} expected): ${parsed.error.issues[0]?.message ?? ''}`, { file: path });
  const entries: ThesaurusEntries = {};
  parsed.data.stems.forEach((s, i) => (entries[s] = parsed.data.related[i]!.split('|')));
  return entries;
}

const ARRAY_CTORS = { u8: Uint8Array, u32: Uint32Array, i32: Int32Array } as const;

function* readArray<T extends Uint8Array | Uint32Array | Int32Array>(dir: string, manifest: Manifest, name: string, expectedLength: number, verify: boolean): Sliced<T> {
  const entry = manifest.files.arrays[name];
  if (!entry) throw corrupt(join(dir, 'manifest.json'), `manifest lists no array "${name}"`);
  if (entry.length !== expectedLength && expectedLength >= 0) throw corrupt(join(dir, entry.name), `array "${name}" has ${entry.length} entries, expected ${expectedLength}`);
  const buf = yield* readChecked(dir, entry, verify);
  const Ctor = ARRAY_CTORS[entry.type];
  if (entry.length * Ctor.BYTES_PER_ELEMENT > buf.length) throw corrupt(join(dir, entry.name), `array "${name}" is shorter than its ${entry.length} entries`);
  // Copy into an aligned buffer (Buffer slices may be unaligned for 32-bit views).
  const aligned = new Uint8Array(buf.byteLength);
  aligned.set(buf);
  return new Ctor(aligned.buffer, 0, entry.length) as T;
}

/**
 * Import one `flexsearch-NNN.tsv` file (`key<TAB>data` lines): each line's JSON is parsed in
 * slices and handed to FlexSearch in batches (its import appends to what is there).
 */
function* importFlexFile(flex: FlexIndex, path: string, buf: Buffer): Sliced<void> {
  for (let start = 0; start < buf.length; ) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    if (end > start) {
      const tab = buf.indexOf(0x09, start);
      if (tab < 0 || tab > end) throw corrupt(path, 'a FlexSearch line has no key');
      const key = buf.toString('utf8', start, tab);
      const data = yield* corruptOnError(path, parseJson(buf.subarray(tab + 1, end)));
      if (!Array.isArray(data)) throw corrupt(path, `FlexSearch entry ${key} is not a list`);
      for (let i = 0; i < data.length; i += IMPORT_BATCH) {
        flex.import(key, data.length <= IMPORT_BATCH ? data : data.slice(i, i + IMPORT_BATCH));
        yield PAUSE;
      }
    }
    start = end + 1;
  }
}

/**
 * Load the index under `dir` (layout written by `writeIndex`), as sliced work.
 * @throws SearchEngineError E_INDEX_MISSING | E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function* loadIndexSteps(dir: string, options: LoadOptions = {}): Sliced<LoadedIndex> {
  const verify = options.verifyChecksums ?? true;
  const manifest = yield* readManifestSteps(dir);
  if (manifest.flexsearchVersion !== flexsearchVersion()) {
    throw new SearchEngineError('E_INDEX_FORMAT', `index was built with flexsearch ${manifest.flexsearchVersion}, this is ${flexsearchVersion()}; rebuild it`, {
      file: join(dir, 'manifest.json'),
    });
  }
  const dataDir = join(dir, manifest.dataDir);
  const { files, counts } = manifest;
  const n = counts.documents;
  const array = <T extends Uint8Array | Uint32Array | Int32Array>(name: string, expectedLength: number) => readArray<T>(dataDir, manifest, name, expectedLength, verify);

  const releases = yield* readJson<ReleaseMeta[]>(dataDir, files.releaseMeta, verify, 'releases');
  const facets = yield* readJson<FacetPostings>(dataDir, files.facets, verify, 'facets');
  const vocab = yield* readJson<string[]>(dataDir, files.vocab, verify, 'vocab');
  if (!Array.isArray(releases) || !Array.isArray(vocab) || releases.length !== counts.releases || vocab.length !== counts.terms) {
    throw corrupt(join(dir, 'manifest.json'), 'release or term counts disagree with the manifest');
  }
  const figures = {} as DocColumns['figures'];
  for (const k of FIGURE_KEYS) figures[k] = yield* array<Int32Array>(`col-${k}`, n);
  const columns: DocColumns = {
    release: yield* array<Uint32Array>('col-release', n),
    ordinal: yield* array<Uint32Array>('col-ordinal', n),
    section: yield* array<Uint8Array>('col-section', n),
    kind: yield* array<Uint8Array>('col-kind', n),
    boilerplate: yield* array<Uint8Array>('col-boilerplate', n),
    topics: yield* array<Uint32Array>('col-topics', n),
    owner: yield* array<Int32Array>('col-owner', n),
    figures,
  };
  const forward = { vocab, starts: yield* array<Uint32Array>('starts', n), ends: yield* array<Uint32Array>('ends', n), terms: yield* array<Uint32Array>('terms', -1) };
  function* positions(prefix: string, count: number): Sliced<RecordPositions> {
    return {
      file: yield* array<Uint32Array>(`${prefix}-file`, count),
      offset: yield* array<Uint32Array>(`${prefix}-offset`, count),
      length: yield* array<Uint32Array>(`${prefix}-length`, count),
    };
  }
  const docPositions = yield* positions('doc-pos', n);
  const releasePositions = yield* positions('release-pos', counts.releases);

  // Record files are read lazily; check them now (in slices, so they are never held whole).
  for (const f of [...files.documents, ...files.releases]) yield* checkStreamed(dataDir, f, verify);
  const flex = createFlexIndex();
  for (const f of files.flexsearch) {
    // Checksum while reading, so the largest files are read once.
    const buf = yield* readChecked(dataDir, f, verify);
    yield* importFlexFile(flex, join(dataDir, f.name), buf);
  }
  yield* readJson<Record<string, string>>(dataDir, files.aliases, verify, 'aliases');
  const thesaurus = yield* readThesaurus(dataDir, files.thesaurus, verify);
  const sourcesDir = join(dir, SOURCES_DIR);
  for (let i = 0; i < manifest.sources.length; i++) {
    const source = manifest.sources[i]!;
    // Sizes only: the copies are content-addressed, and hashing every PDF at load would be slow.
    let size = -1;
    try {
      size = statSync(join(sourcesDir, source.sha256)).size;
    } catch {}
    if (size !== source.bytes) throw corrupt(join(sourcesDir, source.sha256), `stored copy of ${source.path} is missing or truncated`);
    if (i % STAT_BATCH === 0) yield PAUSE;
  }
  // Opened last and at once: from here on a later build removing this data directory cannot pull the files away.
  const docReader = openRecordReader(dataDir, files.documents.map((f) => f.name), docPositions);
  const releaseReader = openRecordReader(dataDir, files.releases.map((f) => f.name), releasePositions);
  const releaseIndex = new Map(releases.map((r, i) => [r.slug, i] as const));
  const readOrCorrupt = <T>(path: string, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw corrupt(path, `cannot parse: ${error.message}`);
    }
  };

  return {
    manifest,
    dir,
    docCount: n,
    forward,
    flex,
    facets,
    columns,
    releases,
    thesaurus,
    getDoc: (d) => readOrCorrupt(join(dataDir, 'documents'), () => docReader.read(d) as StoredDoc),
    getRelease: (slug) => {
      const i = releaseIndex.get(slug);
      return i === undefined ? null : readOrCorrupt(join(dataDir, 'releases'), () => releaseReader.read(i) as Release);
    },
    storedSource: (sha256) => (/^[0-9a-f]{64}$/.test(sha256) ? join(sourcesDir, sha256) : null),
    close: () => {
      docReader.close();
      releaseReader.close();
    },
  };
}

/**
 * Load the index under `dir` in one go (CLIs, tests, the build's checks).
 * @throws SearchEngineError E_INDEX_MISSING | E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function loadIndex(dir: string, options: LoadOptions = {}): LoadedIndex {
  return runSync(loadIndexSteps(dir, options));
}

/**
 * Load the index under `dir` without holding the event loop: reads are asynchronous and the
 * work gives the loop back every `sliceMs`. Same checks and result as {@link loadIndex}.
 */
export function loadIndexSliced(dir: string, options: LoadOptions & SliceOptions = {}): Promise<LoadedIndex> {
  return runSliced(loadIndexSteps(dir, options), options);
}
