/**
 * Load a persisted index, refusing anything that is not exactly what this code writes:
 * a manifest that fails its schema, another format or FlexSearch version, a missing file, a size
 * or checksum mismatch, or unparsable content. Errors carry a stable `.code`.
 *
 * Whole documents and releases stay on disk and are read one record at a time when a page of
 * results needs them; everything search needs (columns, forward index, FlexSearch) is in memory.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SearchEngineError } from '../errors';
import { FIGURE_KEYS, type Release } from '../schema';
import { openRecordReader, type RecordPositions } from './chunked-lines';
import type { StoredDoc } from './documents';
import type { FacetPostings } from './facet-postings';
import { createFlexIndex } from './flex-index';
import type { DocColumns, IndexCore, ReleaseMeta } from './index-core';
import { ManifestSchema, type Manifest, type ManifestFile } from './manifest';
import { INDEX_FORMAT_VERSION, SOURCES_DIR } from './options';
import { flexsearchVersion } from './flexsearch-version';
import { z } from 'zod';
import { THESAURUS_FORMAT_VERSION, THESAURUS_RELATIONS, type ThesaurusEntries } from './thesaurus-format';

export interface LoadedIndex extends IndexCore {
  manifest: Manifest;
  dir: string;
}

export interface LoadOptions {
  /** Verify every file's sha256 (default true). Sizes are always checked. */
  verifyChecksums?: boolean;
}

/** Read and validate `<dir>/manifest.json` without loading the rest. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new SearchEngineError('E_INDEX_MISSING', `no index here (run "npm run build-index")`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new SearchEngineError('E_INDEX_CORRUPT', `manifest is not valid JSON: ${(error as Error).message}`, { file: path });
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== INDEX_FORMAT_VERSION) {
    throw new SearchEngineError(
      'E_INDEX_FORMAT',
      `index format ${String(version)} is not supported (this code reads format ${INDEX_FORMAT_VERSION}); rebuild with "npm run build-index"`,
      { file: path },
    );
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new SearchEngineError('E_INDEX_CORRUPT', `manifest fails its schema: ${parsed.error.issues[0]?.message ?? ''}`, { file: path });
  }
  return parsed.data;
}

/** Check that `file` exists with the manifest's size; returns its path. */
function checkSize(dir: string, file: ManifestFile): string {
  const path = join(dir, file.name);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new SearchEngineError('E_INDEX_CORRUPT', 'file listed in the manifest is missing', { file: path });
  }
  if (size !== file.bytes) throw new SearchEngineError('E_INDEX_CORRUPT', `size ${size} differs from the manifest's ${file.bytes} (truncated?)`, { file: path });
  return path;
}

function checkDigest(path: string, file: ManifestFile, hash: Hash): void {
  if (hash.digest('hex') !== file.sha256) throw new SearchEngineError('E_INDEX_CORRUPT', 'checksum mismatch', { file: path });
}

/** Read a whole file after checking its size and (when `verify`) its sha256. */
function readChecked(dir: string, file: ManifestFile, verify: boolean): Buffer {
  const path = checkSize(dir, file);
  const buf = readFileSync(path);
  if (verify) checkDigest(path, file, createHash('sha256').update(buf));
  return buf;
}

/** Check a file that is read lazily later: size always, sha256 streamed (never held whole). */
function checkStreamed(dir: string, file: ManifestFile, verify: boolean): void {
  const path = checkSize(dir, file);
  if (!verify) return;
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 << 20);
    for (let read; (read = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  checkDigest(path, file, hash);
}

function corruptOnError<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SearchEngineError) throw error;
    throw new SearchEngineError('E_INDEX_CORRUPT', `cannot parse: ${(error as Error).message}`, { file: path });
  }
}

function readJson<T>(dir: string, file: ManifestFile, verify: boolean, key: string): T {
  return corruptOnError(join(dir, file.name), () => {
    const json = JSON.parse(readChecked(dir, file, verify).toString('utf8')) as Record<string, unknown>;
    if (json.formatVersion !== INDEX_FORMAT_VERSION || !(key in json)) throw new Error(`expected {formatVersion: ${INDEX_FORMAT_VERSION}, ${key}}`);
    return json[key] as T;
  });
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
function readThesaurus(dir: string, file: ManifestFile, verify: boolean): ThesaurusEntries {
  const path = join(dir, file.name);
  const json = corruptOnError(path, () => JSON.parse(readChecked(dir, file, verify).toString('utf8')) as unknown);
  const parsed = ThesaurusFileSchema.safeParse(json);
  if (!parsed.success) throw new SearchEngineError('E_INDEX_CORRUPT', `thesaurus fails its schema (format ${THESAURUS_FORMAT_VERSION} expected): ${parsed.error.issues[0]?.message ?? ''}`, { file: path });
  const entries: ThesaurusEntries = {};
  parsed.data.stems.forEach((s, i) => (entries[s] = parsed.data.related[i]!.split('|')));
  return entries;
}

const ARRAY_CTORS = { u8: Uint8Array, u32: Uint32Array, i32: Int32Array } as const;

function readArrays(dir: string, manifest: Manifest, verify: boolean) {
  return <T extends Uint8Array | Uint32Array | Int32Array>(name: string, expectedLength: number): T => {
    const entry = manifest.files.arrays[name];
    if (!entry) throw new SearchEngineError('E_INDEX_CORRUPT', `manifest lists no array "${name}"`, { file: join(dir, 'manifest.json') });
    const buf = readChecked(dir, entry, verify);
    const Ctor = ARRAY_CTORS[entry.type];
    if (entry.length !== expectedLength && expectedLength >= 0) {
      throw new SearchEngineError('E_INDEX_CORRUPT', `array "${name}" has ${entry.length} entries, expected ${expectedLength}`, { file: join(dir, entry.name) });
    }
    // Copy into an aligned buffer (Buffer slices may be unaligned for 32-bit views).
    const aligned = new Uint8Array(buf.byteLength);
    aligned.set(buf);
    return new Ctor(aligned.buffer, 0, entry.length) as T;
  };
}

/**
 * Load the index under `dir` (layout written by `writeIndex`).
 * @throws SearchEngineError E_INDEX_MISSING | E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function loadIndex(dir: string, options: LoadOptions = {}): LoadedIndex {
  const verify = options.verifyChecksums ?? true;
  const manifest = readManifest(dir);
  if (manifest.flexsearchVersion !== flexsearchVersion()) {
    throw new SearchEngineError('E_INDEX_FORMAT', `index was built with flexsearch ${manifest.flexsearchVersion}, this is ${flexsearchVersion()}; rebuild it`, {
      file: join(dir, 'manifest.json'),
    });
  }
  const dataDir = join(dir, manifest.dataDir);
  const { files, counts } = manifest;
  const n = counts.documents;
  const array = readArrays(dataDir, manifest, verify);

  const releases = readJson<ReleaseMeta[]>(dataDir, files.releaseMeta, verify, 'releases');
  const facets = readJson<FacetPostings>(dataDir, files.facets, verify, 'facets');
  const vocab = readJson<string[]>(dataDir, files.vocab, verify, 'vocab');
  if (releases.length !== counts.releases || vocab.length !== counts.terms) {
    throw new SearchEngineError('E_INDEX_CORRUPT', 'release or term counts disagree with the manifest', { file: join(dir, 'manifest.json') });
  }
  const columns: DocColumns = {
    release: array('col-release', n),
    ordinal: array('col-ordinal', n),
    section: array('col-section', n),
    kind: array('col-kind', n),
    boilerplate: array('col-boilerplate', n),
    topics: array('col-topics', n),
    owner: array('col-owner', n),
    figures: Object.fromEntries(FIGURE_KEYS.map((k) => [k, array(`col-${k}`, n)])) as DocColumns['figures'],
  };
  const forward = { vocab, starts: array<Uint32Array>('starts', n), ends: array<Uint32Array>('ends', n), terms: array<Uint32Array>('terms', -1) };
  const positions = (prefix: string, count: number): RecordPositions => ({
    file: array(`${prefix}-file`, count),
    offset: array(`${prefix}-offset`, count),
    length: array(`${prefix}-length`, count),
  });

  // Record files are read lazily; check them now (streamed, so they are never held whole).
  for (const f of [...files.documents, ...files.releases]) checkStreamed(dataDir, f, verify);
  const flex = createFlexIndex();
  corruptOnError(join(dataDir, 'flexsearch'), () => {
    for (const f of files.flexsearch) {
      // Checksum while reading, so the largest files are read once.
      const buf = readChecked(dataDir, f, verify);
      const text = buf.toString('utf8');
      for (let start = 0; start < text.length; ) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        if (end > start) {
          const tab = text.indexOf('\t', start);
          if (tab < 0 || tab > end) throw new Error('a FlexSearch line has no key');
          flex.import(text.slice(start, tab), text.slice(tab + 1, end));
        }
        start = end + 1;
      }
    }
  });
  const docReader = openRecordReader(dataDir, files.documents.map((f) => f.name), positions('doc-pos', n));
  const releaseReader = openRecordReader(dataDir, files.releases.map((f) => f.name), positions('release-pos', counts.releases));
  const releaseIndex = new Map(releases.map((r, i) => [r.slug, i] as const));
  readJson<Record<string, string>>(dataDir, files.aliases, verify, 'aliases');
  const thesaurus = readThesaurus(dataDir, files.thesaurus, verify);
  const sourcesDir = join(dir, SOURCES_DIR);
  for (const source of manifest.sources) {
    // Sizes only: the copies are content-addressed, and hashing every PDF at load would be slow.
    let size = -1;
    try {
      size = statSync(join(sourcesDir, source.sha256)).size;
    } catch {}
    if (size !== source.bytes) {
      throw new SearchEngineError('E_INDEX_CORRUPT', `stored copy of ${source.path} is missing or truncated`, { file: join(sourcesDir, source.sha256) });
    }
  }

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
    getDoc: (d) => corruptOnError(join(dataDir, 'documents'), () => docReader.read(d) as StoredDoc),
    getRelease: (slug) => {
      const i = releaseIndex.get(slug);
      return i === undefined ? null : corruptOnError(join(dataDir, 'releases'), () => releaseReader.read(i) as Release);
    },
    storedSource: (sha256) => (/^[0-9a-f]{64}$/.test(sha256) ? join(sourcesDir, sha256) : null),
    close: () => {
      docReader.close();
      releaseReader.close();
    },
  };
}
