/**
 * Errors with a stable machine-readable `.code` (documented in README "Limits and errors").
 * `file` and `line` are set when the error points at a source position; `message` then reads
 * `file:line: text` so CLIs can print it as is.
 */
export const ERROR_CODES = [
  'E_PARSE', // a release could not be parsed
  'E_FRONT_MATTER', // front matter is broken YAML or fails the schema
  'E_ENCODING', // binary or undecodable input
  'E_EMPTY', // empty source file
  'E_TOO_LARGE', // source file over the size limit
  'E_DUPLICATE_SLUG', // two releases share a slug
  'E_READ', // the file could not be read (missing, vanished)
  'E_PDF_ENCRYPTED', // a PDF protected by a password or encryption
  'E_PDF_NO_TEXT', // a PDF with no text layer (scanned): OCR it first
  'E_PDF_CORRUPT', // a truncated or damaged PDF
  'E_HTML_NO_ARTICLE', // an HTML page with no article body to index
  'E_SIDECAR', // a `<file>.meta.yml` sidecar is broken YAML or fails its schema
  'E_NO_SOURCES', // the source directory holds no releases
  'E_INDEX_MISSING', // no index at the path
  'E_INDEX_FORMAT', // formatVersion mismatch
  'E_INDEX_CORRUPT', // unreadable, truncated or checksum mismatch
  'E_INDEX_LOADING', // the server has not finished loading its first index
  'E_QUERY', // malformed query (returned, not thrown, by the parser)
  'E_PARAMS', // invalid search params
  'E_NOT_FOUND', // unknown id or slug
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class SearchEngineError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;

  constructor(code: ErrorCode, message: string, where?: { file?: string; line?: number }) {
    const prefix = where?.file ? `${where.file}${where.line ? `:${where.line}` : ''}: ` : '';
    super(prefix + message);
    this.name = 'SearchEngineError';
    this.code = code;
    this.file = where?.file;
    this.line = where?.line;
  }
}

/** Plain-data form of a {@link SearchEngineError} (survives structured cloning to and from workers). */
export interface SearchEngineErrorData {
  code: ErrorCode;
  /** The full message, already prefixed with `file:line: ` where there is a position. */
  message: string;
  file?: string;
  line?: number;
}

/** Rebuild an error from its plain-data form. */
export function errorFromData(data: SearchEngineErrorData): SearchEngineError {
  const error = new SearchEngineError(data.code, data.message);
  return Object.assign(error, { file: data.file, line: data.line });
}

/** True for errors raised by this project (as opposed to programming errors). */
export function isSearchEngineError(error: unknown): error is SearchEngineError {
  return error instanceof SearchEngineError;
}
