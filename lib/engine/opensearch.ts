/**
 * `GET /opensearch.xml`: an OpenSearch 1.1 description, so browsers can add the site as a search
 * engine. URL templates point at the search page, its Atom feed and the JSON API.
 */
import { escapeXml, XML_DECLARATION } from './xml';

export const OPENSEARCH_CONTENT_TYPE = 'application/opensearchdescription+xml; charset=utf-8';

/** The description document for the site at `site` (no trailing slash). */
export function openSearchXml(site: string): string {
  const url = (type: string, path: string, rel = '') => `  <Url type="${type}"${rel ? ` rel="${rel}"` : ''} method="get" template="${escapeXml(`${site}${path}`)}"/>`;
  return [
    XML_DECLARATION,
    '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">',
    // ShortName: at most 16 characters (OpenSearch 1.1).
    '  <ShortName>Police integrity</ShortName>',
    '  <Description>Search the findings of HM Inspectorate of Constabulary’s police-integrity press releases.</Description>',
    '  <Tags>HMIC police integrity inspection findings</Tags>',
    '  <InputEncoding>UTF-8</InputEncoding>',
    '  <OutputEncoding>UTF-8</OutputEncoding>',
    '  <Language>en-gb</Language>',
    url('text/html', '/?q={searchTerms}'),
    url('application/atom+xml', '/search.atom?q={searchTerms}'),
    url('application/json', '/api/search?q={searchTerms}'),
    url('application/opensearchdescription+xml', '/opensearch.xml', 'self'),
    '</OpenSearchDescription>',
    '',
  ].join('\n');
}
