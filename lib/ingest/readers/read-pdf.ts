/**
 * PDF reader: bytes → the release text a hand-converted `.txt` would hold (see {@link SourceText}).
 *
 * pdf.js (legacy build, Node, main-thread "fake" worker: no worker thread, no network, no
 * canvas, no eval) gives positioned text runs per page; {@link layoutPages} rebuilds lines,
 * paragraphs and list items from them, drops running headers/footers and page numbers and
 * joins words hyphenated at a line end.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';
import { SearchEngineError } from '../../errors';
import { layoutPages, type PageRuns, type TextRun } from './pdf-layout';
import type { SourceText } from './source-text';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * Load pdf.js once per process (or worker thread). The worker module is imported up front and
 * exposed as `globalThis.pdfjsWorker`, which pdf.js's fake worker uses directly: no
 * `GlobalWorkerOptions.workerSrc` path has to resolve (it would be resolved relative to pdf.mjs,
 * which breaks under bundlers), and nothing is fetched.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      const workerPath = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      g.pdfjsWorker = await import(/* @vite-ignore */ workerPath);
    }
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsPromise;
}

let words: Set<string> | null = null;

/**
 * English word list (npm `word-list`, 274k lower-case words), loaded on the first hyphenated
 * line end whose joined word the document itself does not use (~50 ms, once per process).
 */
function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words.has(word);
}

/** pdf.js exception names (its classes are not exported in a way that survives `instanceof`). */
const PASSWORD = 'PasswordException';

/**
 * Read a PDF release. `relPath` names the file in errors (`essex.pdf: page 3: …`).
 *
 * Throws {@link SearchEngineError}:
 * - `E_PDF_ENCRYPTED` — the PDF needs a password (or cannot be decrypted);
 * - `E_PDF_NO_TEXT` — no page has a text layer (a scan): OCR it first (e.g. `ocrmypdf`);
 * - `E_PDF_CORRUPT` — pdf.js cannot open the file or a page (truncated or damaged), with its message.
 */
export async function readPdf(bytes: Uint8Array, relPath: string): Promise<SourceText> {
  const pdfjs = await loadPdfJs();
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    stopAtErrors: true,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    throw openError(error, relPath, bytes);
  }
  try {
    const pages: PageRuns[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n, relPath));
    if (!pages.some((p) => p.runs.some((r) => /[\p{L}\p{N}]/u.test(r.str)))) {
      throw new SearchEngineError(
        'E_PDF_NO_TEXT',
        `no text layer in ${doc.numPages} page${doc.numPages === 1 ? '' : 's'} (a scanned PDF?): OCR it first, e.g. \`ocrmypdf in.pdf out.pdf\``,
        { file: relPath },
      );
    }
    const { text, linePages } = layoutPages(pages, isEnglishWord);
    return { text, linePages, pages: doc.numPages };
  } finally {
    await task.destroy().catch(() => {});
  }
}

type PdfDoc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

async function readPage(doc: PdfDoc, n: number, relPath: string): Promise<PageRuns> {
  try {
    const page = await doc.getPage(n);
    try {
      const content = await page.getTextContent({ includeMarkedContent: true });
      const [, y0, , y1] = page.view;
      return { runs: toRuns(content.items), height: Math.abs((y1 ?? 0) - (y0 ?? 0)) };
    } finally {
      page.cleanup();
    }
  } catch (error) {
    if (error instanceof SearchEngineError) throw error;
    if ((error as Error)?.name === PASSWORD) throw encrypted(relPath);
    throw new SearchEngineError('E_PDF_CORRUPT', `page ${n}: damaged PDF (pdf.js: ${describe(error)})`, { file: relPath });
  }
}

interface MarkedItem {
  type: 'beginMarkedContent' | 'beginMarkedContentProps' | 'endMarkedContent';
  tag?: string;
}
interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/**
 * Text items → runs. Tagged PDFs (Chromium's) wrap list labels in `Lbl` marked content: an `Lbl`
 * with no text means the bullet was drawn as a shape, so the next run starts a list item.
 * Rotated or vertical text is dropped.
 */
function toRuns(items: ReadonlyArray<unknown>): TextRun[] {
  const runs: TextRun[] = [];
  const stack: string[] = [];
  let labelText = false;
  let pendingLabel = false;
  for (const raw of items) {
    const item = raw as Partial<MarkedItem> & Partial<TextItemLike>;
    if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
      stack.push(item.tag ?? '');
      if (item.tag === 'Lbl') labelText = false;
      continue;
    }
    if (item.type === 'endMarkedContent') {
      if (stack.pop() === 'Lbl' && !labelText) pendingLabel = true;
      continue;
    }
    if (typeof item.str !== 'string' || !item.transform) continue;
    if (stack.includes('Lbl') && item.str.trim() !== '') labelText = true;
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue; // rotated / mirrored text
    if (item.str.trim() === '' && !pendingLabel) {
      // Keep spaces as runs only for their gap; empty strings carry nothing.
      if (item.str === '') continue;
    }
    const run: TextRun = { str: item.str, x, y, width: item.width ?? 0, size: Math.abs(d) || item.height || 0 };
    if (pendingLabel && item.str.trim() !== '') {
      run.labelBefore = true;
      pendingLabel = false;
    }
    runs.push(run);
  }
  return runs;
}

function openError(error: unknown, relPath: string, bytes: Uint8Array): SearchEngineError {
  if ((error as Error)?.name === PASSWORD) return encrypted(relPath);
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const what = !tail.includes('%%EOF') ? 'truncated or damaged PDF (no %%EOF at the end)' : 'damaged or not a PDF';
  return new SearchEngineError('E_PDF_CORRUPT', `${what} (pdf.js: ${describe(error)})`, { file: relPath });
}

function encrypted(relPath: string): SearchEngineError {
  return new SearchEngineError(
    'E_PDF_ENCRYPTED',
    'the PDF is encrypted (password-protected): it must be decrypted first (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)',
    { file: relPath },
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}
