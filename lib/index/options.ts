/** Index options in one place: the build and the loader both use these. */

/** Bumped whenever anything persisted under `index/` changes shape. Loaders refuse other versions. */
export const INDEX_FORMAT_VERSION = 6;

/** Sub-directory of an index holding a copy of every source file, named by its sha256. */
export const SOURCES_DIR = 'sources';
