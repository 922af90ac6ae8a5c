/** Public API of the release parser (lib/ingest). Everything here is pure except file reading. */
export { readSource, decodeSource, toRelPath, MAX_SOURCE_BYTES } from './read-source';
export type { SourceFile, ReadSourceOptions } from './read-source';
export { splitFrontMatter } from './front-matter';
export type { FrontMatterSplit, ReleaseFrontMatter } from './front-matter';
export { parseRelease, releaseTopics } from './parse-release';
export type { ParseReleaseOptions } from './parse-release';
export { extractFigures, rollUpFigures } from './extract-figures';
export { parseNumberWords, parseCount } from './parse-number-words';
export { assignTopics, mergeTopics, topicLabel, TOPICS, TOPIC_RULES } from './assign-topics';
export type { TopicRule } from './assign-topics';
export { markBoilerplate, boilerplateKey } from './mark-boilerplate';
export { makeSlug, ensureUniqueSlugs, toKebabCase } from './make-slug';
export type { SlugParts } from './make-slug';
export { ingestFile, ingestSource, MARKDOWN_EXTENSIONS } from './ingest-file';
export { resolveForce, findForceIn, FORCES, FORCE_NAMES } from './resolve-force';
export type { Force } from './resolve-force';
export { readInspectorLine, readYear } from './read-metadata';
