/**
 * `index/manifest.json`: which build is current and what its files are. Small on purpose: the proxy
 * (aliases), `npm start` (lib/engine and scripts/ensure-index.ts) and the loader read it often; the
 * list of source files, which grows with the corpus, is `sources.json` in the build's directory.
 */
import { z } from 'zod';

/** A file of the build, with its size and its CRC32 (the one its footer holds; JSON files: of all bytes). */
export const ManifestFileSchema = z.object({
  name: z.string().regex(/^[a-z0-9._-]+$/i),
  bytes: z.number().int().nonnegative(),
  crc32: z.number().int().nonnegative(),
});

/** A source file the index was built from (release files and their sidecars). */
export const ManifestSourceSchema = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });
export type ManifestSource = z.infer<typeof ManifestSourceSchema>;

export const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  builtAt: z.string(),
  buildMs: z.number().nonnegative(),
  /** Sub-directory of the index directory holding this build's files (`data-<buildId>`). */
  dataDir: z.string().regex(/^data-[a-z0-9-]+$/),
  /** The source directory the build read, relative to the index directory (`../seeds`), so `npm start` rebuilds only an index of its own `SOURCE_DIR`. */
  sourceDir: z.string(),
  counts: z.object({
    releases: z.number().int().nonnegative(),
    findings: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
    documents: z.number().int().nonnegative(),
    terms: z.number().int().nonnegative(),
  }),
  /** Every file of the build by role (lib/index/index-layout.ts names them). */
  files: z.object({
    core: ManifestFileSchema,
    terms: ManifestFileSchema,
    postings: ManifestFileSchema,
    forward: ManifestFileSchema,
    /** `suggest.hmx`: the as-you-type suggestions (candidates with their counts and their FlexSearch index). */
    suggest: ManifestFileSchema,
    docs: ManifestFileSchema,
    releases: ManifestFileSchema,
    /** `sources.json`: every file the build read (`{formatVersion, sources: [{path, sha256, bytes}]}`). */
    sources: ManifestFileSchema,
    /** `aliases.json`: former slug → current slug (read by the proxy to redirect without loading the index). */
    aliases: ManifestFileSchema,
  }),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = z.infer<typeof ManifestFileSchema>;
