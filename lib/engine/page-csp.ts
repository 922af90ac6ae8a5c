/**
 * The Content-Security-Policy of an HTML page (set per request by proxy.ts). Scripts run only when
 * they carry this response's nonce ('strict-dynamic' lets those load Next.js' chunks); there is no
 * 'unsafe-inline' for scripts, so markup injected into a page cannot run. Styles keep
 * 'unsafe-inline' (Mantine writes its CSS variables into inline <style> tags; styles run no code).
 * The other directives are the same as the static policy of non-page responses in next.config.js.
 */
import { randomBytes } from 'node:crypto';

/** 128 random bits, base64: unguessable, and in the character set CSP nonces allow. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
