import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The installed FlexSearch version, recorded so an index built by another version is noticed. */
export function flexsearchVersion(): string {
  const require = createRequire(import.meta.url);
  const resolved: unknown = require.resolve('flexsearch');
  // Bundled by Next.js (Turbopack), require.resolve returns a module id instead of a path.
  const base = typeof resolved === 'string' ? resolved.split('/flexsearch/')[0]! : join(process.cwd(), 'node_modules');
  const pkgPath = join(base, 'flexsearch', 'package.json');
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}
