/**
 * Build the index when it is missing, of another format, or stale (a source file added, removed
 * or changed since the last build). Used by `npm start`, `npm run build` and `npm run dev`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildFromDirectory, listReleaseFiles } from '../lib/index/build-from-directory';
import { SIDECAR_SUFFIX } from '../lib/ingest/ingest-file';
import { readManifest } from '../lib/index/load-index';

/** Why the index needs rebuilding, or null when it is current. */
export function staleReason(source: string, out: string): string | null {
  let manifest;
  try {
    manifest = readManifest(out);
  } catch (error) {
    return (error as Error).message;
  }
  // Sidecars count as sources: editing one makes the index stale.
  const files = listReleaseFiles(source).flatMap((f) => (existsSync(f + SIDECAR_SUFFIX) ? [f, f + SIDECAR_SUFFIX] : [f]));
  const built = new Map(manifest.sources.map((s) => [s.path, s.sha256] as const));
  if (files.length !== built.size) return `source files changed (${built.size} indexed, ${files.length} now)`;
  for (const file of files) {
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (built.get(relative(source, file)) !== sha) return `${relative(source, file)} changed`;
  }
  return null;
}

async function main(): Promise<number> {
  const source = process.env.SOURCE_DIR ?? 'seeds';
  const out = process.env.INDEX_DIR ?? 'index';
  const reason = staleReason(source, out);
  if (!reason) {
    console.error(`index in ${out} is up to date`);
    return 0;
  }
  console.error(`building index (${reason})`);
  const { manifest } = await buildFromDirectory({ source, out, log: (l) => console.error(l) });
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
