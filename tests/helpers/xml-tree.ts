/**
 * A real XML parser for tests: chromium's DOMParser (no XML library is installed). `parseXml`
 * parses in a page and returns the element tree as plain data, or the parser's error.
 */
import type { Page } from 'playwright-core';

export interface XmlNode {
  name: string;
  ns: string | null;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** textContent (all descendant text). */
  text: string;
}

export interface ParsedXml {
  /** The parser's message when the document is not well-formed XML. */
  error: string | null;
  root: XmlNode | null;
}

export async function parseXml(page: Page, xml: string): Promise<ParsedXml> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    const error = doc.getElementsByTagNameNS('*', 'parsererror')[0];
    if (error) return { error: error.textContent ?? 'parsererror', root: null };
    const walk = (el: Element): XmlNode => ({
      name: el.localName,
      ns: el.namespaceURI,
      attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
      children: [...el.children].map(walk),
      text: el.textContent ?? '',
    });
    return { error: null, root: walk(doc.documentElement) };
  }, xml);
}

/** Child elements of `node` named `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The first child element named `name` (throws when there is none). */
export function childNamed(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}
