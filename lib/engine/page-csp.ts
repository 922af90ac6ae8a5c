/**
 * The Content-Security-Policy of an HTML page (set per request by proxy.ts). Scripts run only when
 * they carry this response's nonce ('strict-dynamic' lets those load Next.js' chunks); there is no
 * 'unsafe-inline' for scripts, so markup injected into a page cannot run. Styles keep
 * 'unsafe-inline' (Mantine writes its CSS variables into inline <style> tags; styles run no code).
 * The other directives are lib/data/csp.json, shared with the static policy of non-page responses (next.config.js).
 */
import { randomBytes } from 'node:crypto';
import cspFile from '../data/csp.json';

/** 128 random bits, base64: unguessable, and in the character set CSP nonces allow. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function pageContentSecurityPolicy(nonce: string): string {
  return [...cspFile.directives, `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`].join('; ');
}
