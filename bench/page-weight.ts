/**
 * First-load JS of a route of the production build, gzipped.
 *
 * How it is computed (App Router, Next 16 / Turbopack output):
 * 1. `.next/build-manifest.json` → `rootMainFiles`: the framework/runtime chunks every App Router
 *    page loads (React, the Next client, the Turbopack runtime). `polyfillFiles` are excluded:
 *    they are `nomodule` scripts only legacy browsers download (Next's own "First Load JS" leaves
 *    them out too), as are `lowPriorityFiles` (pages-router manifests).
 * 2. `.next/server/app/<route>/page_client-reference-manifest.js` (for `/`:
 *    `.next/server/app/page_client-reference-manifest.js`) sets
 *    `globalThis.__RSC_MANIFEST["<route>/page"]`, whose `entryJSFiles` lists, per server entry
 *    (`[project]/app/layout`, `[project]/app/page`, nested layouts…), the client chunks that entry
 *    needs on first render. We take the page's entry and every layout entry above it.
 * 3. The union of those files (each counted once) is read from `.next/`, and each file's size
 *    after `zlib.gzipSync` (default level) is summed. CSS is not counted (JS only).
 * Chunks loaded later (dynamic imports, other routes) are not part of first load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './child';
import type { PageWeightReport } from './report';

type EntryFiles = Record<string, string[]>;

/** Parse a `*_client-reference-manifest.js` file: returns its `entryJSFiles` for `key`. */
export function entryJsFilesOf(manifestSource: string, key: string): EntryFiles {
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: EntryFiles }> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(manifestSource, sandbox, { timeout: 5000 });
  const manifest = sandbox.__RSC_MANIFEST?.[key];
  if (!manifest) throw new Error(`no __RSC_MANIFEST["${key}"] in the client reference manifest`);
  return manifest.entryJSFiles ?? {};
}

/**
 * Entries of `entryJSFiles` that a route's first load needs: the page entry
 * (`[project]/app<route>/page`) and every layout from the root down to it.
 */
export function firstLoadEntries(entries: EntryFiles, route: string): string[] {
  const segments = route === '/' ? [] : route.replace(/^\/|\/$/g, '').split('/');
  const wanted: string[] = [];
  for (let i = 0; i <= segments.length; i++) {
    const prefix = ['[project]/app', ...segments.slice(0, i)].join('/');
    wanted.push(`${prefix}/layout`);
  }
  wanted.push(`${['[project]/app', ...segments].join('/')}/page`);
  return wanted.filter((k) => k in entries);
}

/** First-load JS of `route` (default `/`) from the build under `nextDir`. */
export function measurePageWeight(route = '/', nextDir = join(REPO_ROOT, '.next')): PageWeightReport {
  if (!existsSync(join(nextDir, 'BUILD_ID'))) throw new Error('no production build (.next/BUILD_ID missing)');
  const buildManifest = JSON.parse(readFileSync(join(nextDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
  const routeDir = route === '/' ? '' : route.replace(/^\//, '');
  const manifestPath = join(nextDir, 'server/app', routeDir, 'page_client-reference-manifest.js');
  const key = `${route === '/' ? '' : route}/page`;
  const entries = entryJsFilesOf(readFileSync(manifestPath, 'utf8'), key);
  const used = firstLoadEntries(entries, route);
  if (!used.some((k) => k.endsWith('/page'))) throw new Error(`no page entry for ${route} in ${manifestPath}`);

  const files = [...new Set([...(buildManifest.rootMainFiles ?? []), ...used.flatMap((k) => entries[k]!)])].filter((f) => f.endsWith('.js'));
  const sized = files.map((file) => {
    const buf = readFileSync(join(nextDir, file));
    return { file, rawBytes: buf.length, gzipBytes: gzipSync(buf).length };
  });
  return {
    route,
    gzipBytes: sized.reduce((s, f) => s + f.gzipBytes, 0),
    rawBytes: sized.reduce((s, f) => s + f.rawBytes, 0),
    files: sized,
    method: `build-manifest.json rootMainFiles ∪ entryJSFiles[${used.join(', ')}] of ${manifestPath.slice(REPO_ROOT.length + 1)}, each file gzipped (zlib default level), summed; polyfills and CSS excluded`,
  };
}
