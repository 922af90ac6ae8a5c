/**
 * Load a persisted index, refusing anything that is not exactly what this code writes:
 * a manifest that fails its schema, another format or FlexSearch version, a missing file, a size
 * or checksum mismatch, or unparsable content. Errors carry a stable `.code`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SearchEngineError } from '../errors';
import { ReleaseSchema, type Release } from '../schema';
import type { IndexData } from './build-index';
import { readChunkedLines } from './chunked-lines';
import type { StoredDoc } from './documents';
import type { FacetPostings } from './facet-postings';
import { createFlexIndex } from './flex-index';
import { ManifestSchema, type Manifest, type ManifestFile } from './manifest';
import { INDEX_FORMAT_VERSION } from './options';
import { flexsearchVersion } from './write-index';

export interface LoadedIndex extends IndexData {
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

function readChecked(dir: string, file: ManifestFile, verify: boolean): Buffer {
  const path = join(dir, file.name);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new SearchEngineError('E_INDEX_CORRUPT', 'file listed in the manifest is missing', { file: path });
  }
  if (size !== file.bytes) {
    throw new SearchEngineError('E_INDEX_CORRUPT', `size ${size} differs from the manifest's ${file.bytes} (truncated?)`, { file: path });
  }
  const buf = readFileSync(path);
  if (verify && createHash('sha256').update(buf).digest('hex') !== file.sha256) {
    throw new SearchEngineError('E_INDEX_CORRUPT', 'checksum mismatch', { file: path });
  }
  return buf;
}

function checkFiles(dir: string, files: readonly ManifestFile[], verify: boolean): void {
  for (const f of files) readChecked(dir, f, verify);
}

function parseOrCorrupt<T>(dir: string, name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SearchEngineError) throw error;
    throw new SearchEngineError('E_INDEX_CORRUPT', `cannot parse: ${(error as Error).message}`, { file: join(dir, name) });
  }
}

function toUint32(buf: Buffer): Uint32Array {
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Uint32Array(copy.buffer, 0, buf.byteLength / 4);
}

/**
 * Load the index under `dir` (default layout written by `writeIndex`).
 * @throws SearchEngineError E_INDEX_MISSING | E_INDEX_FORMAT | E_INDEX_CORRUPT
 */
export function loadIndex(dir: string, options: LoadOptions = {}): LoadedIndex {
  const verify = options.verifyChecksums ?? true;
  const manifest = readManifest(dir);
  if (manifest.flexsearchVersion !== flexsearchVersion()) {
    throw new SearchEngineError(
      'E_INDEX_FORMAT',
      `index was built with flexsearch ${manifest.flexsearchVersion}, this is ${flexsearchVersion()}; rebuild it`,
      { file: join(dir, 'manifest.json') },
    );
  }
  const dataDir = join(dir, manifest.dataDir);
  const { files } = manifest;
  checkFiles(dataDir, [...files.releases, ...files.documents, ...files.flexsearch], verify);

  const releases = parseOrCorrupt(dataDir, 'releases', () =>
    [...readChunkedLines(dataDir, files.releases.map((f) => f.name))].map((r) => ReleaseSchema.parse(r) as Release),
  );
  const docs = parseOrCorrupt(dataDir, 'documents', () => [...readChunkedLines(dataDir, files.documents.map((f) => f.name))] as StoredDoc[]);
  const flex = createFlexIndex();
  parseOrCorrupt(dataDir, 'flexsearch', () => flex.import(readChunkedLines(dataDir, files.flexsearch.map((f) => f.name)) as Iterable<[string, string]>));
  const facets = parseOrCorrupt(dataDir, files.facets.name, () => (JSON.parse(readChecked(dataDir, files.facets, verify).toString('utf8')) as { facets: FacetPostings }).facets);
  const vocab = parseOrCorrupt(dataDir, files.vocab.name, () => (JSON.parse(readChecked(dataDir, files.vocab, verify).toString('utf8')) as { vocab: string[] }).vocab);
  const offsets = toUint32(readChecked(dataDir, files.offsets, verify));
  const terms = toUint32(readChecked(dataDir, files.terms, verify));

  if (docs.length !== manifest.counts.documents || offsets.length !== docs.length + 1 || vocab.length !== manifest.counts.terms) {
    throw new SearchEngineError('E_INDEX_CORRUPT', 'document or term counts disagree with the manifest', { file: join(dir, 'manifest.json') });
  }
  return { manifest, dir, releases, docs, flex, facets, forward: { vocab, offsets, terms } };
}
