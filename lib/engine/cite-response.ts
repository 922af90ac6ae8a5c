/**
 * `GET /findings/<id>/cite.bib` and `…/cite.ris`: a finding's citation as a download (BibTeX or
 * RIS), with its content type and a file name. Independent of Next.js for tests.
 */
import { isSlugShaped } from '../schema';
import { toBibtex, toRis } from './citation';
import type { Engine } from './engine';
import { absoluteUrl } from './site-url';

export const CITATION_FORMATS = {
  bib: { contentType: 'application/x-bibtex; charset=utf-8', write: toBibtex },
  ris: { contentType: 'application/x-research-info-systems; charset=utf-8', write: toRis },
} as const;
export type CitationFormat = keyof typeof CITATION_FORMATS;

export interface TextResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const plain = (status: number, body: string): TextResponse => ({
  status,
  body,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
});

/** The stable URL of a finding page. */
export function findingUrl(id: string): string {
  return absoluteUrl(`/findings/${id}`);
}

export function citeResponse(getEngine: () => Engine, id: string, format: CitationFormat, accessed = new Date()): TextResponse {
  if (!isSlugShaped(id)) return plain(404, 'no such finding\n');
  let context;
  try {
    context = getEngine().getFinding(id);
  } catch {
    return plain(503, 'the search index is not available\n');
  }
  if (!context) return plain(404, 'no such finding\n');
  const { contentType, write } = CITATION_FORMATS[format];
  return {
    status: 200,
    body: write(context, findingUrl(id), accessed),
    headers: {
      'Content-Type': contentType,
      // ids are lowercase kebab-case, so the name needs no quoting beyond the quotes.
      'Content-Disposition': `attachment; filename="${id}.${format}"`,
      // The accessed date changes daily.
      'Cache-Control': 'no-store',
    },
  };
}
