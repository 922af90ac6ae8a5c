/** `index/manifest.json`: what was built from what, and how to check the files are intact. */
import { z } from 'zod';

export const ManifestFileSchema = z.object({
  name: z.string().regex(/^[a-z0-9._-]+$/i),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A source file the index was built from (release files and their sidecars). */
export const ManifestSourceSchema = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });

export const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  flexsearchVersion: z.string(),
  builtAt: z.string(),
  buildMs: z.number().nonnegative(),
  /** Sub-directory of the index directory holding this build's files (`data-<buildId>`). */
  dataDir: z.string().regex(/^data-[a-z0-9-]+$/),
  options: z.record(z.string(), z.unknown()),
  counts: z.object({
    releases: z.number().int().nonnegative(),
    findings: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
    documents: z.number().int().nonnegative(),
    terms: z.number().int().nonnegative(),
  }),
  /**
   * The source directory the build read, relative to the index directory (`../seeds`), so
   * `npm start` rebuilds only an index of its own `SOURCE_DIR`. Optional: indexes written before
   * it was recorded have none (readers of format 4 ignore unknown keys, so no version bump).
   */
  sourceDir: z.string().optional(),
  /** Every file read (release sources and their sidecars); copies live in `<index>/sources/<sha256>`. */
  sources: z.array(ManifestSourceSchema),
  /** Files of the index by role; every file is listed with its size and sha256. */
  files: z.object({
    releases: z.array(ManifestFileSchema),
    documents: z.array(ManifestFileSchema),
    flexsearch: z.array(ManifestFileSchema),
    facets: ManifestFileSchema,
    vocab: ManifestFileSchema,
    releaseMeta: ManifestFileSchema,
    /** `aliases.json`: former slug → current slug. */
    aliases: ManifestFileSchema,
    /** `thesaurus.json`: WordNet relations of words the index lacks (own `formatVersion`). */
    thesaurus: ManifestFileSchema,
    /** Little-endian typed arrays by name (forward index, record positions, document columns). */
    arrays: z.record(z.string(), ManifestFileSchema.extend({ type: z.enum(['u8', 'u32', 'i32']), length: z.number().int().nonnegative() })),
  }),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = z.infer<typeof ManifestFileSchema>;
