/**
 * Gold tests on the five real seed releases: metadata, findings, every figure with provenance,
 * sections, notes, boilerplate flags and id stability.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestSource } from '../../lib/ingest/ingest-file';
import { markBoilerplate } from '../../lib/ingest/mark-boilerplate';
import { ensureUniqueSlugs } from '../../lib/ingest/make-slug';
import { FIGURE_KEYS, ReleaseSchema, type FigureKey, type Release } from '../../lib/schema';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A figure as the gold data states it: value, finding ordinal and the exact text of its span. */
type GoldFigure = { value: number; ordinal: number; span: string };

interface Gold {
  file: string;
  slug: string;
  title: string;
  force: string;
  findings: number;
  notes: number;
  /** Line of the first finding and of the last one (the last may follow a blank line). */
  findingLines: [number, number];
  intro: string;
  figures: Partial<Record<FigureKey, GoldFigure>>;
}

const NOT_INVESTIGATED = 'not investigated any instances';

const GOLD: Record<string, Gold> = {
  herts: {
    file: 'seeds/000_6c77aa43d88f53bc.txt',
    slug: 'hertfordshire-constabulary-2012',
    title: 'Hertfordshire Constabulary has made some improvements to how they identify, monitor and manage integrity issues',
    force: 'Hertfordshire Constabulary',
    findings: 6,
    notes: 6,
    findingLines: [15, 20],
    intro: 'In Hertfordshire, HMIC found:',
    figures: {
      secondJobApplications: { value: 60, ordinal: 6, span: '60' },
      secondJobsApproved: { value: 56, ordinal: 6, span: '56' },
      socialMediaCases: { value: 1, ordinal: 5, span: 'one' },
      mediaDisclosureInvestigations: { value: 0, ordinal: 3, span: NOT_INVESTIGATED },
    },
  },
  beds: {
    file: 'seeds/001_7d6499c3037ca9f2.txt',
    slug: 'bedfordshire-police-2012',
    title: 'Bedfordshire Police has made improvements to how they identify, monitor and manage integrity issues',
    force: 'Bedfordshire Police',
    findings: 10,
    notes: 6,
    findingLines: [13, 23],
    intro: 'In Bedfordshire Police, HMIC found:',
    figures: {
      secondJobApplications: { value: 54, ordinal: 9, span: '54' },
      secondJobsApproved: { value: 51, ordinal: 9, span: '51' },
      socialMediaCases: { value: 5, ordinal: 8, span: 'five' },
      mediaDisclosureInvestigations: { value: 0, ordinal: 5, span: NOT_INVESTIGATED },
    },
  },
  hants: {
    file: 'seeds/002_ae4bc8afb98bea69.txt',
    slug: 'hampshire-constabulary-2012',
    title: 'Hampshire Constabulary has made some improvements to how they identify, monitor and manage integrity issues',
    force: 'Hampshire Constabulary',
    findings: 5,
    notes: 6,
    findingLines: [15, 19],
    intro: 'In Hampshire, HMIC found:',
    figures: {
      secondJobApplications: { value: 71, ordinal: 4, span: '71' },
      secondJobsApproved: { value: 70, ordinal: 4, span: 'all but one of which' },
      socialMediaCases: { value: 7, ordinal: 3, span: 'seven' },
      mediaDisclosureInvestigations: { value: 0, ordinal: 2, span: NOT_INVESTIGATED },
    },
  },
  essex: {
    file: 'seeds/003_4f249c14dfe13b76.txt',
    slug: 'essex-police-2012',
    title: 'Essex Police has made improvements to how they identify, monitor and manage integrity issues',
    force: 'Essex Police',
    findings: 10,
    notes: 6,
    findingLines: [13, 22],
    intro: 'In Essex Police, HMIC found:',
    figures: {
      secondJobApplications: { value: 71, ordinal: 7, span: '71' },
      secondJobsApproved: { value: 71, ordinal: 7, span: 'all of which' },
      socialMediaCases: { value: 9, ordinal: 5, span: 'nine' },
      mediaDisclosureInvestigations: { value: 2, ordinal: 3, span: 'two' },
      conductInvestigations: { value: 116, ordinal: 10, span: '116' },
    },
  },
  cambs: {
    file: 'seeds/004_52fc5c0a52371e23.txt',
    slug: 'cambridgeshire-constabulary-2012',
    title: 'Cambridgeshire Constabulary made improvements to how they identify, monitor and manage integrity issues',
    force: 'Cambridgeshire Constabulary',
    findings: 11,
    notes: 8,
    findingLines: [13, 24],
    intro: 'In Cambridgeshire Constabulary, HMIC found:',
    figures: {
      secondJobApplications: { value: 32, ordinal: 9, span: '32' },
      secondJobsApproved: { value: 29, ordinal: 9, span: '29' },
      socialMediaCases: { value: 1, ordinal: 8, span: 'one' },
      mediaDisclosureInvestigations: { value: 0, ordinal: 6, span: NOT_INVESTIGATED },
    },
  },
};

const parsed = Object.fromEntries(
  await Promise.all(Object.entries(GOLD).map(async ([key, gold]) => [key, (await ingestFile(`${ROOT}/${gold.file}`, ROOT)).release] as const)),
) as Record<keyof typeof GOLD, Release>;

function section(release: Release, kind: Release['sections'][number]['kind']) {
  const found = release.sections.filter((s) => s.kind === kind);
  expect(found, `${release.slug} has one ${kind} section`).toHaveLength(1);
  return found[0]!;
}

describe.each(Object.entries(GOLD))('seed %s', (key, gold) => {
  const release = parsed[key]!;

  it('validates against ReleaseSchema', () => {
    expect(ReleaseSchema.safeParse(release).success).toBe(true);
  });

  it('reads title, force, region, inspector, year, slug and kind', () => {
    expect(release).toMatchObject({
      kind: 'force-release',
      source: { path: gold.file, format: 'txt' },
      slug: gold.slug,
      title: gold.title,
      force: gold.force,
      region: 'Eastern Region',
      inspector: 'Zoë Billingham',
      year: 2012,
      date: null,
      inspection: 'Revisiting police relationships',
      aliases: [],
    });
    expect(release.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(release.source.url).toBeUndefined();
    expect(release.findings.every((f) => f.page === undefined)).toBe(true);
  });

  it('finds every bullet, in order, with ordinals, ids and source lines', () => {
    expect(release.findings).toHaveLength(gold.findings);
    release.findings.forEach((f, i) => {
      expect(f.ordinal).toBe(i + 1);
      expect(f.id).toBe(`${gold.slug}-${i + 1}`);
      expect(f.text).not.toMatch(/^[-*•\s]/);
      expect(f.text).not.toContain('\n');
    });
    expect(release.findings[0]!.line).toBe(gold.findingLines[0]);
    expect(release.findings.at(-1)!.line).toBe(gold.findingLines[1]);
    const lines = readFileSync(`${ROOT}/${gold.file}`, 'utf8').split('\n');
    for (const f of release.findings) expect(lines[f.line - 1]).toBe(`- ${f.text}`);
  });

  it('extracts every figure with value, finding id and exact span — and nothing else', () => {
    for (const finding of release.findings) {
      const expected = FIGURE_KEYS.filter((k) => gold.figures[k]?.ordinal === finding.ordinal);
      expect(Object.keys(finding.figures).sort(), `figures of finding ${finding.ordinal}`).toEqual([...expected].sort());
    }
    for (const key of FIGURE_KEYS) {
      const want = gold.figures[key];
      const got = release.figures[key];
      if (!want) {
        expect(got, `${key} is absent, not 0`).toBeUndefined();
        continue;
      }
      const finding = release.findings[want.ordinal - 1]!;
      expect(got).toEqual(finding.figures[key]);
      expect(got!.value).toBe(want.value);
      expect(got!.findingId).toBe(finding.id);
      expect(finding.text.slice(got!.start, got!.end)).toBe(want.span);
    }
  });

  it('orders sections and keeps only the intro line in the findings section', () => {
    expect(release.sections.map((s) => s.kind)).toEqual(['headline', 'background', 'findings', 'quote', 'report-link', 'notes']);
    expect(section(release, 'findings').paragraphs.map((p) => p.text)).toEqual([gold.intro]);
    expect(section(release, 'background').paragraphs).toHaveLength(3);
    const quote = section(release, 'quote').paragraphs;
    expect(quote).toHaveLength(4);
    expect(quote[0]!.text).toBe('HM Inspector of Constabulary for the Eastern Region, Zoë Billingham, said:');
    expect(section(release, 'report-link').paragraphs[0]!.text).toMatch(new RegExp(`^The full report for ${gold.force}, `));
  });

  it('splits notes to editors per numbered note, numbers stripped', () => {
    const notes = section(release, 'notes').paragraphs;
    expect(notes).toHaveLength(gold.notes);
    expect(notes[0]!.text).toMatch(/^A copy of the national report/);
    expect(notes.every((n) => !/^\d+\./.test(n.text))).toBe(true);
    expect(notes.map((n) => n.id)).toEqual(notes.map((_, i) => `${gold.slug}-notes-${i + 1}`));
  });

  it('gives paragraphs stable ids and 1-based source lines', () => {
    const lines = readFileSync(`${ROOT}/${gold.file}`, 'utf8').split('\n');
    for (const s of release.sections) {
      s.paragraphs.forEach((p, i) => {
        expect(p.id).toBe(`${gold.slug}-${s.kind}-${i + 1}`);
        expect(p.boilerplate).toBe(false);
        // The source line holds the paragraph's first words (markers and heading marks aside).
        expect(lines[p.line - 1]).toContain(p.text.slice(0, 20));
      });
    }
  });
});

describe('seeds across the corpus', () => {
  const releases = Object.values(parsed);

  it('hold 42 findings in total and unique slugs', () => {
    expect(releases.reduce((n, r) => n + r.findings.length, 0)).toBe(42);
    expect(() => ensureUniqueSlugs(releases)).not.toThrow();
  });

  it('parse to identical releases (and ids) every time', async () => {
    const { release: again } = await ingestFile(`${ROOT}/${GOLD.essex!.file}`, ROOT);
    expect(again).toEqual(parsed.essex);
    const seventh = again.findings.find((f) => f.id === 'essex-police-2012-7')!;
    expect(seventh.text).toBe('Since September 2011 there have been 71 applications for second jobs, all of which have been approved.');
  });

  it('flags shared paragraphs as boilerplate, never headlines, findings intros or force-specific text', () => {
    const marked = markBoilerplate(releases);
    const byKey = Object.fromEntries(Object.keys(GOLD).map((k, i) => [k, marked[i]!]));
    for (const release of marked) {
      expect(section(release, 'headline').paragraphs.every((p) => !p.boilerplate)).toBe(true);
      expect(section(release, 'findings').paragraphs.every((p) => !p.boilerplate)).toBe(true);
      expect(section(release, 'report-link').paragraphs.every((p) => !p.boilerplate)).toBe(true);
      expect(section(release, 'notes').paragraphs.every((p) => p.boilerplate)).toBe(true);
      const background = section(release, 'background').paragraphs;
      expect(background[0]!.text).toMatch(/^In 2011, the Home Secretary/);
      expect(background[0]!.boilerplate).toBe(true);
      expect(background[2]!.boilerplate).toBe(true); // "In 2012 HMIC revisited all forces …"
      const quote = section(release, 'quote').paragraphs;
      expect(quote[0]!.boilerplate).toBe(true); // the inspector line
      expect(quote[1]!.boilerplate).toBe(false); // names the force
      expect(ReleaseSchema.safeParse(release).success).toBe(true);
    }
    // Hampshire words its closing quote paragraphs differently: not boilerplate there.
    const hantsQuote = section(byKey.hants!, 'quote').paragraphs;
    expect(hantsQuote.slice(2).map((p) => p.boilerplate)).toEqual([false, false]);
    expect(section(byKey.essex!, 'quote').paragraphs.slice(2).map((p) => p.boilerplate)).toEqual([true, true]);
    // The inputs are not mutated.
    expect(releases.every((r) => r.sections.every((s) => s.paragraphs.every((p) => !p.boilerplate)))).toBe(true);
  });

  it('assigns topics to findings and rolls them up per release', () => {
    const essex = parsed.essex!;
    expect(essex.findings[6]!.topics).toContain('second-jobs');
    expect(essex.findings[4]!.topics).toContain('social-media');
    expect(essex.findings[4]!.topics).not.toContain('media-relations');
    expect(essex.findings[2]!.topics).toEqual(expect.arrayContaining(['media-relations', 'misconduct-investigations']));
    expect(essex.findings[7]!.topics).toEqual(expect.arrayContaining(['procurement', 'gifts-hospitality']));
    expect(essex.findings[0]!.topics).toContain('governance');
    expect(parsed.herts!.findings[3]!.topics).toContain('anti-corruption');
    expect(parsed.cambs!.findings[10]!.topics).toContain('training-awareness');
    const union = new Set(essex.findings.flatMap((f) => f.topics));
    expect(new Set(essex.topics)).toEqual(union);
  });

  it('parses the same text identically whatever the newline style', () => {
    const text = readFileSync(`${ROOT}/${GOLD.beds!.file}`, 'utf8');
    const lf = ingestSource({ relPath: GOLD.beds!.file, text });
    const crlf = ingestSource({ relPath: GOLD.beds!.file, text: `\uFEFF${text.replace(/\n/g, '\r\n')}` });
    const cr = ingestSource({ relPath: GOLD.beds!.file, text: text.replace(/\n/g, '\r') });
    expect(crlf).toEqual(lf);
    expect(cr).toEqual(lf);
  });
});
