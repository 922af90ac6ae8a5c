/**
 * PDF ingest speed: a generated PDF corpus (bench/generate-pdf-corpus.ts) is built with the real
 * `build-index` path (parallel parse workers, write, copy of the sources) and read once more file
 * by file on one thread; reported as pages per second. No target: recorded, not judged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFromDirectory, listReleaseFiles } from '../lib/index/build-from-directory';
import { loadIndex } from '../lib/index/load-index';
import { ingestFile } from '../lib/ingest/ingest-file';
import { generatePdfCorpus } from './generate-pdf-corpus';

export interface PdfIngestReport {
  files: number;
  pages: number;
  bytes: number;
  /** The whole build of the PDF folder (parse workers, index, write), in ms. */
  buildMs: number;
  /** Pages per second of the whole build. */
  buildPagesPerSec: number;
  /** Reading and parsing the PDFs one after another on one thread, in ms. */
  sequentialMs: number;
  sequentialPagesPerSec: number;
  /** Findings read from the PDFs and from the same releases' text: equal when extraction is right. */
  findings: number;
  textFindings: number;
}

export async function measurePdfIngest(textCorpusDir: string, files: number, seed: number, log: (line: string) => void): Promise<PdfIngestReport> {
  const corpus = await generatePdfCorpus(textCorpusDir, files, seed, log);
  const out = mkdtempSync(join(tmpdir(), 'hmic-pdf-bench-'));
  try {
    let started = performance.now();
    const { manifest } = await buildFromDirectory({ source: corpus.dir, out });
    const buildMs = performance.now() - started;
    const index = loadIndex(out);
    const pages = index.releases.reduce((n, r) => n + (r.source.pages ?? 0), 0);
    index.close();

    started = performance.now();
    for (const file of listReleaseFiles(corpus.dir)) await ingestFile(file, corpus.dir);
    const sequentialMs = performance.now() - started;

    let textFindings = 0;
    for (const file of listReleaseFiles(textCorpusDir).slice(0, files)) textFindings += (await ingestFile(file, textCorpusDir)).release.findings.length;
    return {
      files: corpus.files,
      pages,
      bytes: corpus.bytes,
      buildMs,
      buildPagesPerSec: pages / (buildMs / 1000),
      sequentialMs,
      sequentialPagesPerSec: pages / (sequentialMs / 1000),
      findings: manifest?.counts.findings ?? 0,
      textFindings,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
