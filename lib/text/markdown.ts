/** Small markdown helpers for comparing text regardless of markup. */

/** Replace markdown links `[text](url)` with their text; autolinks `<http://…>` with the URL. */
export function unwrapMarkdownLinks(text: string): string {
  // Each rule only where its marks occur: every link holds "](", every autolink "<".
  const unlinked = text.includes('](') ? text.replace(/\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1') : text;
  return unlinked.includes('<') ? unlinked.replace(/<(https?:\/\/[^>\s]+)>/g, '$1') : unlinked;
}
