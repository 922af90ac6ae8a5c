import { resolve } from 'node:path';

/** Where the server keeps what it learns while running (the zero-result log): `DATA_DIR`, default `./data`. */
export function dataDir(): string {
  // Read at run time, never bundled: keep Next's file tracing from following the path.
  return resolve(/* turbopackIgnore: true */ process.env.DATA_DIR ?? 'data');
}
