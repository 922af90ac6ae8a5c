/** Small markdown helpers for comparing text regardless of markup. */

/** Replace markdown links `[text](url)` with their text; autolinks `<http://…>` with the URL. */
export function unwrapMarkdownLinks(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1').replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
}
