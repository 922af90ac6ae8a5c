/**
 * Redirects for former release slugs (`aliases` in a sidecar or front matter): a citation made
 * with an old slug keeps working. Read by `proxy.ts` from the index's small `aliases.json`, so the
 * proxy never loads the search index itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDocIdTail } from '../finding-id';
import { manifestStamp } from './index-dir';

/** Former slug → current slug. */
export type AliasTable = ReadonlyMap<string, string>;

/** URL prefixes whose next path segment is a release slug or starts with one (a document id). */
const SLUG_ROUTES = ['/releases/', '/sources/'];
const ID_ROUTES = ['/findings/', '/api/findings/', '/api/v1/findings/'];

/** Where `pathname` should permanently redirect to, or null when it names no alias. */
export function aliasRedirect(pathname: string, table: AliasTable): string | null {
  if (table.size === 0) return null;
  for (const prefix of SLUG_ROUTES) {
    if (!pathname.startsWith(prefix)) continue;
    const [segment = '', ...rest] = pathname.slice(prefix.length).split('/');
    const slug = table.get(segment);
    return slug ? [`${prefix}${slug}`, ...rest].join('/') : null;
  }
  for (const prefix of ID_ROUTES) {
    if (!pathname.startsWith(prefix)) continue;
    const [id = '', ...rest] = pathname.slice(prefix.length).split('/');
    // Slugs contain hyphens, so try each split of the id.
    for (let cut = id.indexOf('-'); cut > 0; cut = id.indexOf('-', cut + 1)) {
      const slug = table.get(id.slice(0, cut));
      if (slug && isDocIdTail(id.slice(cut))) return [`${prefix}${slug}${id.slice(cut)}`, ...rest].join('/');
    }
    return null;
  }
  return null;
}

let cached: { stamp: string; table: AliasTable; checkedAt: number } | null = null;

/**
 * The alias table of the index under `dir`, re-read when `manifest.json` changes (checked at most
 * once a second). Any problem gives an empty table: the routes then answer as usual (404).
 */
export function aliasTableOf(dir: string): AliasTable {
  const now = Date.now();
  if (cached && now - cached.checkedAt < 1000) return cached.table;
  const stamp = manifestStamp(dir);
  if (cached && cached.stamp === stamp) {
    cached.checkedAt = now;
    return cached.table;
  }
  let table: AliasTable = new Map();
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { dataDir: string; files: { aliases: { name: string } } };
    const file = JSON.parse(readFileSync(join(dir, manifest.dataDir, manifest.files.aliases.name), 'utf8')) as { aliases: Record<string, string> };
    table = new Map(Object.entries(file.aliases));
  } catch {}
  cached = { stamp, table, checkedAt: now };
  return table;
}
