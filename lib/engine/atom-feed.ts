/**
 * An Atom 1.0 document (RFC 4287) from plain data. Pure: every string is XML-escaped here and
 * nowhere else.
 */
import { escapeXml, XML_DECLARATION } from './xml';

export interface AtomEntry {
  /** A permanent IRI (here: the finding's absolute URL). */
  id: string;
  title: string;
  /** RFC 3339 date-time. */
  updated: string;
  /** The entry's page (rel="alternate"). */
  link: string;
  /** Plain text. */
  summary: string;
  /** Category terms (e.g. the force). */
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** RFC 3339 date-time. */
  updated: string;
  /** The feed's own URL (rel="self"). */
  selfUrl: string;
  /** The HTML page the feed follows (rel="alternate"). */
  alternateUrl: string;
  author: string;
  entries: AtomEntry[];
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${escapeXml(text)}</${name}>`;

function entryXml(e: AtomEntry): string {
  return [
    '  <entry>',
    `    ${el('id', e.id)}`,
    `    ${el('title', e.title, ' type="text"')}`,
    `    ${el('updated', e.updated)}`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
    ...(e.categories ?? []).map((c) => `    <category term="${escapeXml(c)}"/>`),
    `    ${el('summary', e.summary, ' type="text"')}`,
    '  </entry>',
  ].join('\n');
}

/** The feed as an XML string. */
export function atomXml(feed: AtomFeed): string {
  return [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  ${el('id', feed.id)}`,
    `  ${el('title', feed.title, ' type="text"')}`,
    ...(feed.subtitle ? [`  ${el('subtitle', feed.subtitle, ' type="text"')}`] : []),
    `  ${el('updated', feed.updated)}`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternateUrl)}"/>`,
    `  <author>${el('name', feed.author)}</author>`,
    ...feed.entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
