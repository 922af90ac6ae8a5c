/** Small markdown helpers for comparing text regardless of markup. */

/** Replace markdown links `[text](url)` with their text; autolinks `<http://…>` with the URL. */
export function unwrapMarkdownLinks(text: string): string {
  // Most texts hold no link: skip both replacements (each needs its opening characters).
  if (!text.includes('](') && !text.includes('<http')) return text;
  return text.replace(/\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1').replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
}
