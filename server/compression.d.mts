/** Types of compression.mjs (plain JS so it runs beside the standalone server.js without a build step). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Coding = 'br' | 'gzip';

export interface CompressionOptions {
  /** Bytes below which a body is sent as it is (default {@link THRESHOLD}). */
  threshold?: number;
  gzipLevel?: number;
  brotliQuality?: number;
  /** Bytes held back waiting for the end of a body (then compressed in one go) before streaming it (default {@link HOLD_LIMIT}). */
  holdLimit?: number;
}

export const THRESHOLD: number;
export const GZIP_LEVEL: number;
export const BROTLI_QUALITY: number;
export const HOLD_LIMIT: number;

export function negotiate(header: string | string[] | undefined): Coding | null;
export function compressibleType(contentType: unknown): boolean;
export function codedEtag(etag: string, coding: Coding): string | null;
export function rewriteIfNoneMatch(header: string, acceptEncoding: string | string[] | undefined): { header: string; coded: Map<string, Coding[]> };
export function compress(req: IncomingMessage, res: ServerResponse, options?: CompressionOptions): void;
export function compressing<L extends (req: IncomingMessage, res: ServerResponse) => unknown>(listener: L, options?: CompressionOptions): L;
