/**
 * Persist an {@link IndexData} atomically.
 *
 * Layout: `<out>/manifest.json` points at `<out>/data-<buildId>/`. Files are written into
 * `<out>/.tmp-<buildId>/`, fsynced, the directory is renamed to `data-<buildId>`, and only then is
 * `manifest.json` replaced (write to a temp file + rename). A build killed at any point leaves the
 * previous manifest and its data directory untouched; stale directories are removed afterwards.
 */
import { randomBytes, createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { IndexData } from './build-index';
import { writeChunkedLines, type WrittenFile } from './chunked-lines';
import { INDEX_FIELDS, FLEX_FIELD_OPTIONS, INDEX_FORMAT_VERSION } from './options';
import type { Manifest } from './manifest';

export interface SourceInfo {
  path: string;
  sha256: string;
  bytes: number;
}

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

function typedArrayBuffer(array: Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** The installed FlexSearch version, recorded so an index built by another version is noticed. */
export function flexsearchVersion(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = join(require.resolve('flexsearch').split('/flexsearch/')[0]!, 'flexsearch', 'package.json');
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}

/** Remove data and temp directories that `keep` does not name. */
function removeStaleDirs(outDir: string, keep: string): void {
  for (const entry of readdirSync(outDir)) {
    if ((entry.startsWith('data-') || entry.startsWith('.tmp-')) && entry !== keep) {
      rmSync(join(outDir, entry), { recursive: true, force: true });
    }
  }
}

/**
 * Write `data` under `outDir` (created if missing) and switch `manifest.json` to it.
 * @returns the manifest written.
 */
export async function writeIndex(
  data: IndexData,
  outDir: string,
  meta: { sources: SourceInfo[]; buildMs: number },
): Promise<Manifest> {
  mkdirSync(outDir, { recursive: true });
  const buildId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const tmpName = `.tmp-${buildId}`;
  const dataDir = `data-${buildId}`;
  const tmp = join(outDir, tmpName);
  mkdirSync(tmp);

  const flexEntries = await data.flex.export();
  const files: Manifest['files'] = {
    releases: writeChunkedLines(tmp, 'releases', data.releases),
    documents: writeChunkedLines(tmp, 'documents', data.docs),
    flexsearch: writeChunkedLines(tmp, 'flexsearch', flexEntries),
    facets: writeWholeFile(tmp, 'facets.json', JSON.stringify({ formatVersion: INDEX_FORMAT_VERSION, facets: data.facets })),
    vocab: writeWholeFile(tmp, 'vocab.json', JSON.stringify({ formatVersion: INDEX_FORMAT_VERSION, vocab: data.forward.vocab })),
    offsets: writeWholeFile(tmp, 'offsets.u32', typedArrayBuffer(data.forward.offsets)),
    terms: writeWholeFile(tmp, 'terms.u32', typedArrayBuffer(data.forward.terms)),
  };

  const findings = data.docs.filter((d) => d.kind === 'finding').length;
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
      chunks: data.docs.length - findings,
      documents: data.docs.length,
      terms: data.forward.vocab.length,
    },
    sources: meta.sources,
    files,
  };

  renameSync(tmp, join(outDir, dataDir));
  const manifestTmp = join(outDir, `.manifest-${buildId}.json`);
  writeWholeFile(outDir, `.manifest-${buildId}.json`, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(manifestTmp, join(outDir, 'manifest.json'));
  removeStaleDirs(outDir, dataDir);
  for (const entry of readdirSync(outDir)) {
    if (entry.startsWith('.manifest-') && existsSync(join(outDir, entry))) rmSync(join(outDir, entry), { force: true });
  }
  return manifest;
}
