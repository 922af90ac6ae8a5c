import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the server reads its index: `INDEX_DIR`, default `./index`. */
export function indexDir(): string {
  // Read at run time, never bundled: keep Next's file tracing from following the path.
  return resolve(/* turbopackIgnore: true */ process.env.INDEX_DIR ?? 'index');
}

/** A value that changes whenever `<dir>/manifest.json` is replaced (a new build), or 'missing'. */
export function manifestStamp(dir: string): string {
  try {
    const st = statSync(join(dir, 'manifest.json'));
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return 'missing';
  }
}
