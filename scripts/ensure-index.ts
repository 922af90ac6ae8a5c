/**
 * Make sure `INDEX_DIR` (default `index`) holds an index to serve, and say in one line what was
 * done. Used by `npm start`, `npm run build` and `npm run dev`. The rules:
 *
 * - no index there → build one from `SOURCE_DIR` (default `seeds`);
 * - an index built from `SOURCE_DIR` (the manifest's `sourceDir`) that is stale (a source added,
 *   removed or changed), of another format or unreadable → rebuild it;
 * - an index built from other sources (a prebuilt or shared index) → serve it as it is, never
 *   rebuild it (an index written before `sourceDir` was recorded counts as built from `SOURCE_DIR`
 *   when every source it lists is still there);
 * - a directory this process cannot write (a read-only mount) → never written: serve what is there;
 * - an index of another format that is not rebuilt here (prebuilt, or read-only) → refused (exit 1)
 *   with the command that rebuilds it: this code cannot serve it.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { buildFromDirectory, listReleaseFiles } from '../lib/index/build-from-directory';
import { SIDECAR_SUFFIX } from '../lib/ingest/ingest-file';
import { readManifest, readSources, rebuildCommand } from '../lib/index/load-index';
import { INDEX_FORMAT_VERSION } from '../lib/index/options';
import type { Manifest } from '../lib/index/manifest';

/** Source files of `source`, sidecars included (editing one makes the index stale). */
function sourceFiles(source: string): string[] {
  return listReleaseFiles(source).flatMap((f) => (existsSync(f + SIDECAR_SUFFIX) ? [f, f + SIDECAR_SUFFIX] : [f]));
}

/** Why the index in `out` needs rebuilding from `source`, or null when it is current. */
export function staleReason(source: string, out: string): string | null {
  let sources;
  try {
    sources = readSources(out);
  } catch (error) {
    return (error as Error).message;
  }
  const files = sourceFiles(source);
  const built = new Map(sources.map((s) => [s.path, s.sha256] as const));
  if (files.length !== built.size) return `source files changed (${built.size} indexed, ${files.length} now)`;
  for (const file of files) {
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (built.get(relative(source, file)) !== sha) return `${relative(source, file)} changed`;
  }
  return null;
}

/** The source directory an index records, resolved; undefined when it records none (older indexes). */
function recordedSource(out: string, manifest: Pick<Manifest, 'sourceDir'>): string | undefined {
  return manifest.sourceDir === undefined ? undefined : resolve(out, manifest.sourceDir);
}

/** The manifest's JSON as far as it can be read (another format still names its `sourceDir`), or null. */
function rawManifest(out: string): { formatVersion?: unknown; sourceDir?: unknown; sources?: unknown } | null {
  try {
    const json = JSON.parse(readFileSync(resolve(out, 'manifest.json'), 'utf8')) as unknown;
    return json && typeof json === 'object' ? (json as { formatVersion?: unknown; sourceDir?: unknown; sources?: unknown }) : null;
  } catch {
    return null;
  }
}

/** Whether this process may write into `dir` (false on a read-only mount or without permission). */
export function isWritable(dir: string): boolean {
  try {
    accessSync(existsSync(dir) ? dir : resolve(dir, '..'), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export type IndexPlan = { action: 'build'; message: string } | { action: 'serve'; message: string } | { action: 'fail'; message: string };

/** What to do with the index in `out` given the sources in `source` (see the rules above). */
export function planIndex(source: string, out: string, writable = isWritable(out)): IndexPlan {
  const raw = rawManifest(out);
  const ownSource = resolve(source);
  if (!raw) {
    if (existsSync(resolve(out, 'manifest.json'))) {
      return writable ? { action: 'build', message: `rebuilding the index in ${out} from ${source} (its manifest is unreadable)` } : { action: 'fail', message: `the index in ${out} has an unreadable manifest and the directory is read-only` };
    }
    return writable ? { action: 'build', message: `building the index in ${out} from ${source} (no index there yet)` } : { action: 'fail', message: `no index in ${out}, and the directory is read-only` };
  }
  const recorded = typeof raw.sourceDir === 'string' ? recordedSource(out, { sourceDir: raw.sourceDir }) : undefined;
  const listed = Array.isArray(raw.sources) ? (raw.sources as { path?: unknown }[]).map((s) => String(s?.path)) : [];
  // Older indexes record no source directory: theirs is SOURCE_DIR when every source they list is still there.
  const own = recorded !== undefined ? recorded === ownSource : existsSync(ownSource) && listed.every((p) => existsSync(resolve(ownSource, p)));
  const origin = recorded !== undefined ? `built from ${relative(process.cwd(), recorded) || '.'}` : 'built from sources it does not name';
  if (raw.formatVersion !== INDEX_FORMAT_VERSION) {
    const format = `index format ${String(raw.formatVersion)} (this code reads format ${INDEX_FORMAT_VERSION})`;
    if (own && writable) return { action: 'build', message: `rebuilding the index in ${out} from ${source} (${format})` };
    return { action: 'fail', message: `the index in ${out} is ${format}, ${own ? 'in a read-only directory' : origin}; rebuild it: ${rebuildCommand(out, raw.sourceDir)}` };
  }
  if (!own) return { action: 'serve', message: `serving the index in ${out} as it is: ${origin}, not from ${source}; it is never rebuilt from ${source}` };
  const reason = staleReason(source, out);
  if (!reason) return { action: 'serve', message: `the index in ${out} is up to date with ${source}` };
  if (!writable) return { action: 'serve', message: `serving the index in ${out} as it is: the directory is read-only (it is out of date with ${source}: ${reason})` };
  return { action: 'build', message: `rebuilding the index in ${out} from ${source} (${reason})` };
}

async function main(): Promise<number> {
  const source = process.env.SOURCE_DIR ?? 'seeds';
  const out = process.env.INDEX_DIR ?? 'index';
  const plan = planIndex(source, out);
  console.error(plan.message);
  if (plan.action === 'fail') return 1;
  if (plan.action === 'serve') return 0;
  const { manifest } = await buildFromDirectory({ source, out });
  console.error(`indexed ${manifest?.counts.findings} findings from ${manifest?.counts.releases} releases`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    // exitCode, not exit(): let output drain into pipes before the process ends.
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}
