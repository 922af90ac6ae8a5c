/**
 * Persist a {@link BuiltIndex} atomically.
 *
 * Layout: `<out>/manifest.json` points at `<out>/data-<buildId>/`. Files are written into
 * `<out>/.tmp-<buildId>/`, fsynced, the directory is renamed to `data-<buildId>`, and only then is
 * `manifest.json` replaced (write to a temp file + rename). A build killed at any point leaves the
 * previous manifest and its data directory untouched; stale directories are removed afterwards.
 */
import { randomBytes, createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { BuiltIndex } from './build-index';
import { writeChunkedLines, type RecordPositions, type WrittenFile } from './chunked-lines';
import { COLUMN_NAMES, columnArray } from './doc-columns';
import { INDEX_FIELDS, FLEX_FIELD_OPTIONS, INDEX_FORMAT_VERSION, SOURCES_DIR } from './options';
import { flexsearchVersion } from './flexsearch-version';
import type { Manifest } from './manifest';
import { thesaurusFile } from './thesaurus-format';
import type { SourceInfo } from '../ingest/ingest-file';


type TypedArray = Uint8Array | Uint32Array | Int32Array;
type ArrayEntry = Manifest['files']['arrays'][string];

function writeWholeFile(dir: string, name: string, data: Buffer | string): WrittenFile {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(join(dir, name), 'w');
  try {
    writeFileSync(fd, buf);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { name, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
}

function arrayType(array: TypedArray): ArrayEntry['type'] {
  return array instanceof Uint8Array ? 'u8' : array instanceof Int32Array ? 'i32' : 'u32';
}

function writeArray(dir: string, name: string, array: TypedArray): ArrayEntry {
  const file = writeWholeFile(dir, `${name}.bin`, Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  return { ...file, type: arrayType(array), length: array.length };
}

function positionArrays(prefix: string, positions: RecordPositions): [string, TypedArray][] {
  return [
    [`${prefix}-file`, positions.file],
    [`${prefix}-offset`, positions.offset],
    [`${prefix}-length`, positions.length],
  ];
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

/**
 * Copy every source file into `<out>/sources/<sha256>` (content-addressed: a rebuild copies only
 * new or changed files, and a copy never changes), so an index is self-contained and a server
 * holding only the index serves the original files. Hard links where the file system allows.
 */
function storeSources(outDir: string, sourceDir: string, sources: readonly SourceInfo[]): void {
  const dir = join(outDir, SOURCES_DIR);
  mkdirSync(dir, { recursive: true });
  for (const source of sources) {
    const target = join(dir, source.sha256);
    if (existsSync(target)) continue;
    const from = join(sourceDir, source.path);
    const tmp = `${target}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      linkSync(from, tmp);
    } catch {
      copyFileSync(from, tmp);
    }
    const copied = createHash('sha256').update(readFileSync(tmp)).digest('hex');
    if (copied !== source.sha256) {
      rmSync(tmp, { force: true });
      throw new Error(`${source.path} changed while the index was being built; build again`);
    }
    renameSync(tmp, target);
  }
}

/**
 * Write `data` under `outDir` (created if missing) and switch `manifest.json` to it.
 * @returns the manifest written.
 */
export async function writeIndex(data: BuiltIndex, outDir: string, meta: { sources: SourceInfo[]; sourceDir: string; buildMs: number }): Promise<Manifest> {
  mkdirSync(outDir, { recursive: true });
  storeSources(outDir, meta.sourceDir, meta.sources);
  const buildId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const dataDir = `data-${buildId}`;
  const tmp = join(outDir, `.tmp-${buildId}`);
  mkdirSync(tmp);

  const releases = writeChunkedLines(tmp, 'releases', data.fullReleases);
  const documents = writeChunkedLines(tmp, 'documents', data.docs);
  // FlexSearch's data is already JSON (never a raw newline): stored as `key<TAB>data`, not re-encoded.
  const flexsearch = writeChunkedLines(tmp, 'flexsearch', await data.flex.export(), {
    encode: ([key, value]) => `${key}\t${value}`,
    extension: 'tsv',
  });
  const arrays: Record<string, ArrayEntry> = {};
  const namedArrays: [string, TypedArray][] = [
    ['starts', data.forward.starts],
    ['ends', data.forward.ends],
    ['terms', data.forward.terms],
    ...positionArrays('release-pos', releases.positions),
    ...positionArrays('doc-pos', documents.positions),
    ...COLUMN_NAMES.map((name) => [`col-${name}`, columnArray(data.columns, name)] as [string, TypedArray]),
  ];
  for (const [name, array] of namedArrays) arrays[name] = writeArray(tmp, name, array);
  const versioned = (body: object) => JSON.stringify({ formatVersion: INDEX_FORMAT_VERSION, ...body });

  const findings = data.columns.kind.reduce((n, k) => n + (k === 0 ? 1 : 0), 0);
  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    flexsearchVersion: flexsearchVersion(),
    builtAt: new Date().toISOString(),
    buildMs: Math.round(meta.buildMs),
    dataDir,
    options: { fields: [...INDEX_FIELDS], ...FLEX_FIELD_OPTIONS, littleEndian: true },
    counts: {
      releases: data.releases.length,
      findings,
      chunks: data.docCount - findings,
      documents: data.docCount,
      terms: data.forward.vocab.length,
    },
    sourceDir: relative(resolve(outDir), resolve(meta.sourceDir)) || '.',
    sources: meta.sources,
    files: {
      releases: releases.files,
      documents: documents.files,
      flexsearch: flexsearch.files,
      facets: writeWholeFile(tmp, 'facets.json', versioned({ facets: data.facets })),
      vocab: writeWholeFile(tmp, 'vocab.json', versioned({ vocab: data.forward.vocab })),
      releaseMeta: writeWholeFile(tmp, 'release-meta.json', versioned({ releases: data.releases })),
      aliases: writeWholeFile(tmp, 'aliases.json', versioned({ aliases: aliasTable(data.releases) })),
      thesaurus: writeWholeFile(tmp, 'thesaurus.json', JSON.stringify(thesaurusFile(data.thesaurus))),
      arrays,
    },
  };

  renameSync(tmp, join(outDir, dataDir));
  const manifestTmp = `.manifest-${buildId}.json`;
  writeWholeFile(outDir, manifestTmp, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(join(outDir, manifestTmp), join(outDir, 'manifest.json'));
  removeStaleEntries(outDir, dataDir, meta.sources);
  return manifest;
}
