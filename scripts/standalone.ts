/**
 * The standalone server as `npm start`, the Dockerfile, the e2e tests and the bench run it: Next's
 * `.next/standalone/server.js` (written by `next build`, `output: 'standalone'`), `.next/static`
 * and `public/` beside it, and our entry `serve.mjs` with the compression layer
 * (`server/serve.mjs`, `server/compression.mjs`) copied next to `server.js`.
 */
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `next build` writes the standalone server, relative to the repository. */
export const STANDALONE_DIR = join('.next', 'standalone');
/** The entry to run with `node` (what the Dockerfile's CMD names): Next's server.js behind the compression layer. */
export const STANDALONE_ENTRY = 'serve.mjs';
/** Our files that sit beside server.js (from `server/`). */
export const SERVER_FILES = ['serve.mjs', 'compression.mjs'] as const;

/**
 * Copy static assets, `public/` and the entry with its compression layer into the standalone
 * build of `root`; returns the absolute path of the entry. Cheap to repeat (a few MB).
 */
export function prepareStandalone(root: string): string {
  const standalone = join(root, STANDALONE_DIR);
  if (!existsSync(join(standalone, 'server.js'))) throw new Error(`no standalone build in ${standalone} (run \`next build\`)`);
  // The standalone server serves static assets from beside itself (what the Dockerfile copies too).
  cpSync(join(root, '.next', 'static'), join(standalone, '.next', 'static'), { recursive: true });
  if (existsSync(join(root, 'public'))) cpSync(join(root, 'public'), join(standalone, 'public'), { recursive: true });
  for (const file of SERVER_FILES) cpSync(join(root, 'server', file), join(standalone, file));
  return join(standalone, STANDALONE_ENTRY);
}
