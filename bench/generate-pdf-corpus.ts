/**
 * A generated PDF corpus for the ingest benchmark: the first releases of a text corpus typeset
 * as PDFs the way a word processor prints them (headline in bold, wrapped paragraphs, "•" bullets
 * with a hanging indent, a running header and a "Page N of M" footer on every page), with pdfkit.
 * Deterministic (no creation date), cached under bench/corpus/pdf-<files>-<seed>/.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { listReleaseFiles } from '../lib/index/build-from-directory';
import { CORPUS_ROOT } from './generate-corpus';

export interface PdfCorpus {
  dir: string;
  files: number;
  bytes: number;
  cached: boolean;
}

const HEADER = 'HMIC press release: Revisiting police relationships';

/** Typeset one release text (the generator's `.txt` format) as a PDF file at `path`. */
export async function writeReleasePdf(text: string, path: string): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 72, right: 72 }, bufferPages: true, info: { CreationDate: new Date(0) } });
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });
  const blocks = text.trim().split(/\n{2,}/);
  blocks.forEach((block, i) => {
    const plain = block.replace(/\*\*?([^*]+)\*\*?/g, '$1').replace(/^#+\s*/, '');
    if (i === 0) {
      doc.font('Helvetica-Bold').fontSize(15).text(plain.trim(), { paragraphGap: 10 });
      return;
    }
    doc.font('Helvetica').fontSize(11);
    for (const line of plain.split('\n')) {
      const bullet = /^- (.*)$/.exec(line);
      const numbered = /^(\d+)\. (.*)$/.exec(line);
      if (bullet) doc.text(`•  ${bullet[1]}`, { indent: -14, paragraphGap: 4 }, );
      else if (numbered) doc.text(`${numbered[1]}.  ${numbered[2]}`, { paragraphGap: 4 });
      else doc.text(line, { paragraphGap: 4 });
    }
    doc.moveDown(0.6);
  });
  const range = doc.bufferedPageRange();
  for (let p = 0; p < range.count; p++) {
    doc.switchToPage(range.start + p);
    // Header and footer sit in the margins; lineBreak false keeps pdfkit from adding pages.
    doc.font('Helvetica').fontSize(8).text(HEADER, 72, 40, { lineBreak: false });
    doc.text(`Page ${p + 1} of ${range.count}`, 72, doc.page.height - 50, { lineBreak: false });
  }
  doc.end();
  await done;
}

/**
 * PDFs of the first `files` releases of the text corpus in `textDir` (cached: a complete folder
 * is reused).
 */
export async function generatePdfCorpus(textDir: string, files: number, seed: number, log: (line: string) => void = () => {}): Promise<PdfCorpus> {
  const dir = join(CORPUS_ROOT, `pdf-${files}-${seed}`);
  const marker = join(dir, '.complete');
  const sources = listReleaseFiles(textDir).slice(0, files);
  if (existsSync(marker)) return { dir, files: sources.length, bytes: Number(readFileSync(marker, 'utf8')) || 0, cached: true };
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let bytes = 0;
  for (const [i, file] of sources.entries()) {
    const out = join(tmp, `${String(i).padStart(5, '0')}.pdf`);
    await writeReleasePdf(readFileSync(file, 'utf8'), out);
    bytes += readFileSync(out).length;
    if ((i + 1) % 50 === 0) log(`typeset ${i + 1}/${sources.length} PDFs`);
  }
  writeFileSync(join(tmp, '.complete'), String(bytes));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, files: sources.length, bytes, cached: false };
}
