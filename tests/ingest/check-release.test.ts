/**
 * isCanonicalRelease (which lets parseRelease skip zod's deep copy) says yes only when
 * ReleaseSchema.parse would succeed and return an equal object with the same keys in the same
 * order; and its key lists are the schema's.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { isCanonicalRelease, KEYS } from '../../lib/ingest/check-release';
import { ingestSource } from '../../lib/ingest/ingest-file';
import { FiguresSchema, FigureValueSchema, FindingSchema, ParagraphSchema, ReleaseSchema, SectionSchema, SourceRefSchema, type Release } from '../../lib/schema';

const keysOf = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([key, s]) => ((s as z.ZodType).safeParse(undefined).success ? `${key}?` : key));

/** JSON that also shows keys holding undefined, so key sets and order are compared exactly. */
const exact = (value: unknown) => JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : v));

const SEEDS = ['000_6c77aa43d88f53bc', '001_7d6499c3037ca9f2', '002_ae4bc8afb98bea69', '003_4f249c14dfe13b76', '004_52fc5c0a52371e23'];
const releases: Release[] = SEEDS.map((s) => ingestSource({ relPath: `seeds/${s}.txt`, text: readFileSync(`seeds/${s}.txt`, 'utf8') }));

describe('isCanonicalRelease', () => {
  it('lists the keys of the schemas, in order', () => {
    expect(KEYS.release).toEqual(keysOf(ReleaseSchema));
    expect(KEYS.source).toEqual(keysOf(SourceRefSchema));
    expect(KEYS.section).toEqual(keysOf(SectionSchema));
    expect(KEYS.paragraph).toEqual(keysOf(ParagraphSchema));
    expect(KEYS.finding).toEqual(keysOf(FindingSchema));
    expect(KEYS.figures).toEqual(keysOf(FiguresSchema));
    expect(KEYS.figure).toEqual(keysOf(FigureValueSchema));
  });

  it('accepts parsed releases', () => {
    for (const r of releases) expect(isCanonicalRelease(r)).toBe(true);
  });

  it('refuses sparse arrays: zod reads a hole as undefined', () => {
    // CI's random seed found this: a hole in `aliases` passed, and zod then refused the release.
    const holed = (pick: (r: Record<string, unknown[]>) => unknown[]) => {
      const release = structuredClone(releases[0]!) as unknown as Record<string, unknown[]>;
      const array = pick(release);
      array.length += 1; // a hole at the end
      return release as unknown as Release;
    };
    const arrays: Array<(r: Record<string, unknown[]>) => unknown[]> = [
      (r) => r.aliases!,
      (r) => r.topics!,
      (r) => r.sections!,
      (r) => r.findings!,
      (r) => (r.sections![0] as { paragraphs: unknown[] }).paragraphs,
      (r) => (r.findings![0] as { topics: unknown[] }).topics,
    ];
    for (const pick of arrays) {
      const release = holed(pick);
      expect(ReleaseSchema.safeParse(release).success).toBe(false);
      expect(isCanonicalRelease(release)).toBe(false);
    }
  });

  it('says yes only where zod returns the same object, on releases with random damage', () => {
    // Paths to every object and array in a release, to damage one of them.
    const targets = (r: unknown): Array<Record<string, unknown> | unknown[]> => {
      const out: Array<Record<string, unknown> | unknown[]> = [];
      const walk = (v: unknown) => {
        if (typeof v !== 'object' || v === null) return;
        out.push(v as Record<string, unknown>);
        for (const x of Object.values(v)) walk(x);
      };
      walk(r);
      return out;
    };
    const VALUES = [undefined, null, '', 'x', 'nope', 'Bad Slug', 'essex-2012', -1, 0, 1, 1.5, 2 ** 53, NaN, Infinity, true, [], {}, ['governance'], ['nope'], 'second-jobs', 'pdf', 'html', 'headline', 'other'];
    const damage = fc.tuple(fc.nat(4), fc.nat(200), fc.nat(30), fc.constantFrom(...VALUES), fc.constantFrom('extra', 'page', 'url', 'inspector', 'pages'));
    fc.assert(
      fc.property(fc.nat(releases.length - 1), fc.array(damage, { minLength: 1, maxLength: 3 }), (which, damages) => {
        const release = structuredClone(releases[which]!) as unknown as Record<string, unknown>;
        for (const [op, at, keyAt, constant, name] of damages) {
          // A copy: the constants must not be changed (or made cyclic) by later damage.
          const value: unknown = typeof constant === 'object' && constant !== null ? structuredClone(constant) : constant;
          const all = targets(release);
          const target = all[at % all.length]!;
          const keys = Object.keys(target);
          const key = keys.length > 0 ? keys[keyAt % keys.length]! : name;
          const t = target as Record<string, unknown>;
          if (op === 0) t[key] = value;
          else if (op === 1) delete t[key];
          else if (op === 2) t[name] = value;
          else if (op === 3 && keys.length > 1) {
            // Move a key to the end: same content, another order.
            const v = t[key];
            delete t[key];
            t[key] = v;
          } else if (Array.isArray(target)) target.push(value);
        }
        if (isCanonicalRelease(release as unknown as Release)) {
          const parsed = ReleaseSchema.safeParse(release);
          expect(parsed.success).toBe(true);
          expect(exact(parsed.data)).toBe(exact(release));
        }
      }),
      { numRuns: 4000 },
    );
  });
});
