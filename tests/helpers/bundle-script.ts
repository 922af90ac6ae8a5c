/**
 * A script of scripts/ bundled into one file that any user can run: tests that start a script as
 * another user (uid 65534, so that mode bits bind for a root test run) cannot start tsx or the
 * script from the checkout, which that user may not reach (a clone under a 0700 directory, such
 * as root's home or `mktemp -d`). Bundled with the esbuild tsx brings.
 */
import { chmodSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundle `entry` (e.g. `scripts/ensure-index.ts`) into `<dir>/<name>.mjs` (mode 0644) and return its path.
 * The bundle holds the code of the dependencies, not the files they read at run time (WordNet's
 * dictionary, the word list, pdf.js's worker): fit for runs that decide and serve, not for builds.
 */
export async function bundleScript(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // The CommonJS dependencies (gray-matter, js-yaml) require node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  chmodSync(outfile, 0o644);
  return outfile;
}
