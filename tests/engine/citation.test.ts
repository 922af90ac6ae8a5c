/** Citation string, BibTeX, RIS and Highwire tags of a real seed finding; escaping of hostile titles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import { citationText, escapeBibtex, highwireTags, toBibtex, toRis, type CitationSource } from '../../lib/engine/citation';
import { citeResponse } from '../../lib/engine/cite-response';
import { absoluteUrl } from '../../lib/engine/site-url';

const URL_7 = 'https://example.org/findings/essex-police-2012-7';
const ACCESSED = new Date('2026-05-01T12:00:00Z');
const TITLE = 'Essex Police has made improvements to how they identify, monitor and manage integrity issues';

let seed: SeedIndex;
let essex7: CitationSource;

beforeAll(async () => {
  seed = await buildSeedIndex();
  essex7 = seed.engine.getFinding('essex-police-2012-7')!;
});
afterAll(() => seed?.cleanup());

/** A made-up release whose title and force carry every character the formats treat specially. */
function hostile(title: string, force = 'Essex Police'): CitationSource {
  return {
    finding: { id: 'essex-police-2012-7', kind: 'finding', ordinal: 7, section: 'findings' },
    release: { title, force, year: 2012, date: '2012-12-13', inspection: 'Revisiting police relationships' },
  };
}

/** BibTeX counts every brace, escaped or not: the entry must stay balanced. */
function bracesBalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '{') depth++;
    if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('citation of essex-police-2012-7', () => {
  it('reads as inspectorate, year, title, force, finding number, URL, accessed date', () => {
    expect(citationText(essex7, URL_7, ACCESSED)).toBe(
      `HM Inspectorate of Constabulary (2012) ${TITLE}. Essex Police, finding 7. Press release, Revisiting police relationships. ` +
        `Available at: ${URL_7} (accessed 1 May 2026).`,
    );
  });

  it('is a complete @misc BibTeX entry', () => {
    expect(toBibtex(essex7, URL_7, ACCESSED)).toBe(
      [
        '@misc{essex-police-2012-7,',
        '  author       = {{HM Inspectorate of Constabulary}},',
        `  title        = {{${TITLE}}},`,
        '  howpublished = {Press release, Revisiting police relationships},',
        '  year         = {2012},',
        '  note         = {Essex Police, finding 7. Accessed 2026-05-01},',
        `  url          = {${URL_7}},`,
        '  urldate      = {2026-05-01}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('is a RIS press-release record with CRLF lines', () => {
    expect(toRis(essex7, URL_7, ACCESSED)).toBe(
      [
        'TY  - PRESS',
        'AU  - HM Inspectorate of Constabulary',
        `TI  - ${TITLE}`,
        'T2  - Revisiting police relationships',
        'PY  - 2012',
        'PB  - HM Inspectorate of Constabulary',
        'N1  - Essex Police, finding 7',
        `UR  - ${URL_7}`,
        'Y2  - 2026/05/01',
        'ID  - essex-police-2012-7',
        'ER  - ',
        '',
      ].join('\r\n'),
    );
  });

  it('gives the Highwire tags Google Scholar reads', () => {
    expect(highwireTags(essex7, URL_7)).toEqual({
      citation_title: TITLE,
      citation_author: 'HM Inspectorate of Constabulary',
      citation_publication_date: '2012',
      citation_public_url: URL_7,
      citation_publisher: 'HM Inspectorate of Constabulary',
    });
    // A release with a date: YYYY/MM/DD.
    expect(highwireTags(hostile(TITLE), URL_7).citation_publication_date).toBe('2012/12/13');
  });

  it('serves .bib and .ris downloads with their content types and file names (404 for unknown ids)', () => {
    const bib = citeResponse(() => seed.engine, 'essex-police-2012-7', 'bib', ACCESSED);
    expect(bib.status).toBe(200);
    expect(bib.headers['Content-Type']).toBe('application/x-bibtex; charset=utf-8');
    expect(bib.headers['Content-Disposition']).toBe('attachment; filename="essex-police-2012-7.bib"');
    expect(bib.body).toBe(toBibtex(essex7, absoluteUrl('/findings/essex-police-2012-7'), ACCESSED));
    const ris = citeResponse(() => seed.engine, 'essex-police-2012-7', 'ris', ACCESSED);
    expect(ris.headers['Content-Type']).toBe('application/x-research-info-systems; charset=utf-8');
    expect(ris.headers['Content-Disposition']).toBe('attachment; filename="essex-police-2012-7.ris"');
    expect(citeResponse(() => seed.engine, 'essex-police-2012-99', 'bib').status).toBe(404);
    expect(citeResponse(() => seed.engine, '../etc/passwd', 'ris').status).toBe(404);
  });
});

describe('escaping', () => {
  const title = 'Pay {rises} & perks: 10% up} at #1 $5_a~b^c \\end';

  it('escapes LaTeX specials in BibTeX and keeps the braces balanced', () => {
    expect(escapeBibtex('{a} & 10%')).toBe('\\textbraceleft{}a\\textbraceright{} \\& 10\\%');
    const bib = toBibtex(hostile(title, 'Essex & {Kent}'), 'https://example.org/a{b}c', ACCESSED);
    expect(bib).toContain(
      'title        = {{Pay \\textbraceleft{}rises\\textbraceright{} \\& perks: 10\\% up\\textbraceright{} at \\#1 \\$5\\_a\\textasciitilde{}b\\textasciicircum{}c \\textbackslash{}end}},',
    );
    expect(bib).toContain('note         = {Essex \\& \\textbraceleft{}Kent\\textbraceright{}, finding 7. Accessed 2026-05-01},');
    expect(bib).toContain('url          = {https://example.org/a%7Bb%7Dc},');
    expect(bib).toContain('date         = {2012-12-13},');
    expect(bracesBalanced(bib)).toBe(true);
    // Nothing unescaped is left: no bare %, & or # in any value but the (verbatim) url.
    expect(bib.split('\n').filter((l) => !l.trimStart().startsWith('url'))).not.toContainEqual(expect.stringMatching(/(?<!\\)[%&#]/));
  });

  it('keeps every RIS value on its line (no injected tags)', () => {
    const ris = toRis(hostile(`${title}\r\nER  - \nTY  - JOUR`), URL_7, ACCESSED);
    const lines = ris.split('\r\n');
    expect(lines.filter((l) => l.startsWith('TY  - '))).toEqual(['TY  - PRESS']);
    expect(lines.filter((l) => l.startsWith('ER  - '))).toHaveLength(1);
    expect(lines).toContain(`TI  - ${title} ER - TY - JOUR`);
    expect(lines).toContain('DA  - 2012/12/13');
    expect(ris).not.toMatch(/[^\r]\n/);
  });

  it('keeps the citation string to one line', () => {
    expect(citationText(hostile('A\ntitle {x} & 5%'), URL_7, ACCESSED)).toContain(' A title {x} & 5%. Essex Police, finding 7.');
  });
});
