import { resolve } from 'node:path';

/** Where the server reads its index: `INDEX_DIR`, default `./index`. */
export function indexDir(): string {
  return resolve(process.env.INDEX_DIR ?? 'index');
}
