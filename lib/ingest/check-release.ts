/**
 * A fast exact check that a parsed release is what `ReleaseSchema.parse` would return unchanged:
 * every value valid, and every object holding only its schema's keys, in the schema's order (zod
 * builds its output in that order and drops other keys). When it holds, the release can be used as
 * is instead of zod's deep copy, which cost about a tenth of parsing a release. When it does not,
 * the caller asks zod (for the copy, or for the error message). KEYS must list each schema's
 * shape; tests/ingest/check-release.test.ts compares them with lib/schema.ts.
 */
import { FIGURE_KEYS, RELEASE_FORMAT_VERSION, SECTION_KINDS, SLUG_PATTERN, TOPIC_IDS, type Release } from '../schema';
import { SOURCE_FORMATS } from './readers/source-text';

/** Each object schema's keys in shape order; `?` marks optional ones. */
export const KEYS = {
  release: ['formatVersion', 'slug', 'source', 'kind', 'title', 'force', 'region', 'inspector', 'year', 'date', 'inspection', 'aliases', 'sections', 'findings', 'figures', 'topics'],
  source: ['path', 'format', 'sha256', 'bytes', 'pages?', 'url?'],
  section: ['kind', 'paragraphs'],
  paragraph: ['id', 'text', 'line', 'page?', 'boilerplate', 'topics', 'inspector?'],
  finding: ['id', 'ordinal', 'text', 'line', 'page?', 'topics', 'figures'],
  figures: FIGURE_KEYS.map((k) => `${k}?`),
  figure: ['value', 'findingId', 'start', 'end'],
} as const;

type Obj = Record<string, unknown>;

/** A key list split into names and whether each is optional (no string building while checking). */
interface Shape {
  names: readonly string[];
  optional: readonly boolean[];
}

function shapeOf(keys: readonly string[]): Shape {
  return { names: keys.map((k) => k.replace(/\?$/, '')), optional: keys.map((k) => k.endsWith('?')) };
}

const SHAPES = {
  release: shapeOf(KEYS.release),
  source: shapeOf(KEYS.source),
  section: shapeOf(KEYS.section),
  paragraph: shapeOf(KEYS.paragraph),
  finding: shapeOf(KEYS.finding),
  figures: shapeOf(KEYS.figures),
  figure: shapeOf(KEYS.figure),
};

const SECTION_KIND_SET = new Set<unknown>(SECTION_KINDS);
const TOPIC_SET = new Set<unknown>(TOPIC_IDS);
const FORMAT_SET = new Set<unknown>(SOURCE_FORMATS);

/** True when `value` is a plain object whose own keys are the shape's (optional ones may be missing), in that order. */
function hasKeys(value: unknown, shape: Shape): value is Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const { names, optional } = shape;
  let k = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    // Skip the optional keys the object lacks, up to this one.
    while (k < names.length && names[k] !== key) {
      if (!optional[k]) return false;
      k++;
    }
    if (k === names.length) return false;
    k++;
  }
  for (; k < names.length; k++) if (!optional[k]) return false;
  return true;
}

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNullableStr = (v: unknown) => v === null || typeof v === 'string';

function isTopics(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const t of v) if (!TOPIC_SET.has(t)) return false;
  return true;
}

function isFigures(v: unknown): boolean {
  if (!hasKeys(v, SHAPES.figures)) return false;
  for (const key in v) {
    const f = v[key];
    if (f === undefined) continue;
    if (!hasKeys(f, SHAPES.figure)) return false;
    if (!(isInt(f.value) && f.value >= 0 && isStr(f.findingId) && isInt(f.start) && f.start >= 0 && isInt(f.end) && f.end >= 0)) return false;
  }
  return true;
}

/** An optional positive integer (`page`, `pages`): absent, undefined, or a positive safe integer. */
const isOptionalPositive = (o: Obj, key: string) => !(key in o) || o[key] === undefined || (isInt(o[key]) && (o[key] as number) > 0);

function isParagraph(p: unknown): boolean {
  if (!hasKeys(p, SHAPES.paragraph)) return false;
  return (
    isStr(p.id) &&
    isStr(p.text) &&
    isInt(p.line) &&
    p.line > 0 &&
    isOptionalPositive(p, 'page') &&
    typeof p.boilerplate === 'boolean' &&
    isTopics(p.topics) &&
    (p.inspector === undefined || isStr(p.inspector))
  );
}

function isFinding(f: unknown): boolean {
  if (!hasKeys(f, SHAPES.finding)) return false;
  return (
    isStr(f.id) &&
    isInt(f.ordinal) &&
    f.ordinal > 0 &&
    isStr(f.text) &&
    isInt(f.line) &&
    f.line > 0 &&
    isOptionalPositive(f, 'page') &&
    isTopics(f.topics) &&
    isFigures(f.figures)
  );
}

function isSource(s: unknown): boolean {
  if (!hasKeys(s, SHAPES.source)) return false;
  return (
    isStr(s.path) &&
    FORMAT_SET.has(s.format) &&
    isStr(s.sha256) &&
    isInt(s.bytes) &&
    s.bytes >= 0 &&
    isOptionalPositive(s, 'pages') &&
    (s.url === undefined || isStr(s.url))
  );
}

/** True when `ReleaseSchema.parse(release)` would succeed and return an equal object with the same key order. */
export function isCanonicalRelease(release: Release): boolean {
  const r: unknown = release;
  if (!hasKeys(r, SHAPES.release)) return false;
  if (r.formatVersion !== RELEASE_FORMAT_VERSION || !isStr(r.slug) || !SLUG_PATTERN.test(r.slug) || !isSource(r.source)) return false;
  if (r.kind !== 'force-release' && r.kind !== 'other') return false;
  if (!isStr(r.title) || !isNullableStr(r.force) || !isNullableStr(r.region) || !isNullableStr(r.inspector)) return false;
  if (!(r.year === null || isInt(r.year)) || !isNullableStr(r.date) || !isNullableStr(r.inspection)) return false;
  if (!Array.isArray(r.aliases)) return false;
  // for…of, not every(): every() skips the holes of a sparse array, which zod reads as undefined.
  for (const a of r.aliases) if (!isStr(a) || !SLUG_PATTERN.test(a)) return false;
  if (!Array.isArray(r.sections)) return false;
  for (const s of r.sections) {
    if (!hasKeys(s, SHAPES.section) || !SECTION_KIND_SET.has(s.kind) || !Array.isArray(s.paragraphs)) return false;
    for (const p of s.paragraphs) if (!isParagraph(p)) return false;
  }
  if (!Array.isArray(r.findings)) return false;
  for (const f of r.findings) if (!isFinding(f)) return false;
  return isFigures(r.figures) && isTopics(r.topics);
}
