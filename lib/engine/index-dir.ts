import { resolve } from 'node:path';

/** Where the server reads its index: `INDEX_DIR`, default `./index`. */
export function indexDir(): string {
  // Read at run time, never bundled: keep Next's file tracing from following the path.
  return resolve(/* turbopackIgnore: true */ process.env.INDEX_DIR ?? 'index');
}
