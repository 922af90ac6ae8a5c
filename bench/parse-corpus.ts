/**
 * Child task "parse": parse the corpus once with our parser, the way our build does (ingestFile per
 * file, unique slugs, boilerplate marking, releasesToDocs), time it, and write the documents as
 * JSON lines for the peer engines (untimed). Peers are then timed on building from these
 * already-parsed documents, so parsing is reported once, separately.
 */
import { listReleaseFiles } from '../lib/index/build-from-directory';
import { releasesToDocs } from '../lib/index/documents';
import { ingestFile } from '../lib/ingest/ingest-file';
import { ensureUniqueSlugs } from '../lib/ingest/make-slug';
import { markBoilerplate } from '../lib/ingest/mark-boilerplate';
import { childMain, isMainModule, memory, type ChildConfig } from './child';
import { writeDocsJsonl } from './peer-docs';

export interface ParseConfig extends ChildConfig {
  source: string;
  docsPath: string;
}

export interface ParseResult {
  files: number;
  releases: number;
  documents: number;
  findings: number;
  /** Reading and parsing every file (ingestFile), in ms. */
  ingestMs: number;
  /** Slug check, boilerplate marking and flattening into documents, in ms. */
  docsMs: number;
  /** ingestMs + docsMs. */
  parseMs: number;
  maxRss: number;
}

export async function parseCorpus(config: ParseConfig): Promise<ParseResult> {
  const t0 = performance.now();
  const files = listReleaseFiles(config.source);
  const releases = [];
  for (const [i, file] of files.entries()) {
    if ((i + 1) % 20_000 === 0) console.error(`parsed ${i + 1}/${files.length} files`);
    releases.push((await ingestFile(file, config.source)).release);
  }
  const t1 = performance.now();
  const docs = releasesToDocs(markBoilerplate(ensureUniqueSlugs(releases)));
  const t2 = performance.now();
  await writeDocsJsonl(config.docsPath, docs);
  return {
    files: files.length,
    releases: releases.length,
    documents: docs.length,
    findings: docs.filter((d) => d.kind === 'finding').length,
    ingestMs: t1 - t0,
    docsMs: t2 - t1,
    parseMs: t2 - t0,
    maxRss: memory().maxRss,
  };
}

if (isMainModule(import.meta.url)) {
  void childMain({ parse: (c) => parseCorpus(c as ParseConfig) });
}
