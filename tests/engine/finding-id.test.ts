/** Document ids on the real seeds: every id is built, parsed and looked up by lib/finding-id.ts's one pattern. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index';
import { findingId, isDocIdTail, paragraphId, parseDocId } from '../../lib/finding-id';
import { sectionIsDocs } from '../../lib/index/doc-units';
import type { Release } from '../../lib/schema';

let seed: SeedIndex;
let releases: Release[];

beforeAll(async () => {
  seed = await buildSeedIndex();
  releases = seed.engine.listReleases().map((r) => seed.engine.getRelease(r.slug)!);
});
afterAll(() => seed?.cleanup());

describe('document ids of the seeds', () => {
  it('every finding is <slug>-<ordinal>, parses back and is found by its id', () => {
    const findings = releases.flatMap((r) => r.findings.map((f) => ({ slug: r.slug, f })));
    expect(findings.length).toBeGreaterThan(30);
    for (const { slug, f } of findings) {
      expect(f.id).toBe(findingId(slug, f.ordinal));
      expect(parseDocId(f.id)).toEqual({ slug, section: null, number: f.ordinal });
      expect(seed.engine.getFinding(f.id)?.finding.id).toBe(f.id);
    }
  });

  it('every paragraph is <slug>-<section>-<n>, n counting its section, parses back and (when indexed) is found by its id', () => {
    let paragraphs = 0;
    for (const release of releases) {
      const counts = new Map<string, number>();
      for (const section of release.sections) {
        for (const p of section.paragraphs) {
          const n = (counts.get(section.kind) ?? 0) + 1;
          counts.set(section.kind, n);
          expect(p.id).toBe(paragraphId(release.slug, section.kind, n));
          expect(parseDocId(p.id)).toEqual({ slug: release.slug, section: section.kind, number: n });
          // The findings section's intro ("HMIC found:") is not a document when the findings are.
          if (sectionIsDocs(section.kind, release)) expect(seed.engine.getFinding(p.id)?.finding.id).toBe(p.id);
          paragraphs++;
        }
      }
    }
    expect(paragraphs).toBeGreaterThan(20);
  });

  it('ids that name nothing give null', () => {
    const slug = releases[0]!.slug;
    expect(seed.engine.getFinding(findingId(slug, 9999))).toBeNull();
    expect(seed.engine.getFinding(paragraphId(slug, 'quote', 9999))).toBeNull();
    expect(seed.engine.getFinding(slug)).toBeNull();
    expect(parseDocId(slug.replace(/-\d+$/, ''))).toBeNull();
  });

  it('the tail after a slug is -<n> or -<section>-<n>', () => {
    expect(['-7', '-quote-1', '-report-link-2'].filter(isDocIdTail)).toEqual(['-7', '-quote-1', '-report-link-2']);
    expect(['-', '-x', '-quote', '-quote-', '7', '-7a', '-essex-7'].filter(isDocIdTail)).toEqual([]);
  });
});
