import matter from 'gray-matter';
import { SearchEngineError } from '../errors';
import { FrontMatterSchema, type FrontMatter } from '../schema';
import { resolveForce } from './resolve-force';
import { resolveInspection } from './resolve-inspection';

/** Validated front matter with derived values, ready to override what the text says. */
export interface ReleaseFrontMatter extends FrontMatter {
  /** `force` resolved to its canonical name ("Essex" → "Essex Police"). */
  force?: string;
  /** `date` as an ISO date string ("2012-10-01"); a YAML date is converted, a string kept. */
  date?: string;
  /** Year read from `date`. */
  year?: number;
  /** `inspection` resolved to its canonical name (lib/data/inspections.json). */
  inspection?: string;
}

/** Result of {@link splitFrontMatter}. */
export interface FrontMatterSplit {
  /** Validated front matter, or null when the file has none. */
  frontMatter: ReleaseFrontMatter | null;
  /** The text after the front matter (the whole text when there is none). */
  body: string;
  /** Lines before `body` in the original text: body line n is file line n + bodyLineOffset. */
  bodyLineOffset: number;
}

/**
 * Split and validate YAML front matter (`---` … `---` at the very top of a `.md` file).
 *
 * Throws `E_FRONT_MATTER` (file = `relPath`, line = best-effort line in the original file) when the
 * front matter is not closed, the YAML is broken, when it fails {@link FrontMatterSchema} (unknown key, wrong type, bad url or
 * slug), when `force` is not a known force or alias (lib/data/forces.json), or when `date` has
 * no readable year. Expects newlines already normalised to `\n`.
 */
export function splitFrontMatter(text: string, relPath: string): FrontMatterSplit {
  if (!/^---[ \t]*\n/.test(text)) return { frontMatter: null, body: text, bodyLineOffset: 0 };
  if (!/\n---[ \t]*(?:\n|$)/.test(text)) {
    // gray-matter would read the whole file as YAML; say what is actually wrong.
    throw new SearchEngineError('E_FRONT_MATTER', 'front matter is not closed by a "---" line', { file: relPath, line: 1 });
  }
  const parsed = parseYaml(text, relPath, 'E_FRONT_MATTER');
  const body = text.endsWith(parsed.content) ? parsed.content : '';
  const bodyLineOffset = countNewlines(text.slice(0, text.length - body.length));
  return { frontMatter: validate(parsed.data, text, relPath), body, bodyLineOffset };
}

/**
 * Read a `<file>.meta.yml` sidecar: the same keys as front matter (plus `inspection`, `aliases`),
 * validated the same way. Throws `E_SIDECAR` naming the sidecar file and line.
 */
export function readSidecar(yaml: string, relPath: string): ReleaseFrontMatter {
  // Wrapped as front matter so one parser and one validator serve both; lines shift by one.
  const wrapped = `---\n${yaml.replace(/\r\n?/g, '\n').replace(/\n*$/, '\n')}---\n`;
  try {
    const parsed = parseYaml(wrapped, relPath, 'E_SIDECAR');
    return validate(parsed.data ?? {}, wrapped, relPath);
  } catch (error) {
    if (!(error instanceof SearchEngineError)) throw error;
    const line = Math.max(1, (error.line ?? 2) - 1);
    const message = error.message.replace(/^[^:]*:\d+: /, '').replace(/front matter/g, 'sidecar metadata');
    throw new SearchEngineError('E_SIDECAR', message, { file: relPath, line });
  }
}

function parseYaml(text: string, relPath: string, code: 'E_FRONT_MATTER' | 'E_SIDECAR'): { data: unknown; content: string } {
  try {
    // Passing an options object disables gray-matter's content-keyed cache, which would
    // otherwise hand back a shared, mutable result for identical inputs.
    const result = matter(text, {});
    return { data: result.data, content: result.content };
  } catch (error) {
    const yaml = error as { reason?: string; message?: string; mark?: { line?: number } };
    // js-yaml counts from the rest of the opening `---` line (0), so YAML line k is file line k + 1.
    const line = typeof yaml.mark?.line === 'number' ? yaml.mark.line + 1 : 1;
    const reason = yaml.reason ?? String(yaml.message ?? error).split('\n')[0];
    throw new SearchEngineError(code, `broken YAML front matter: ${reason}`, { file: relPath, line });
  }
}

function validate(data: unknown, text: string, relPath: string): ReleaseFrontMatter {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SearchEngineError('E_FRONT_MATTER', 'front matter must be a mapping of keys to values', {
      file: relPath,
      line: 1,
    });
  }
  const result = FrontMatterSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
    const where = typeof key === 'string' ? `"${key}": ` : '';
    throw new SearchEngineError('E_FRONT_MATTER', `invalid front matter: ${where}${issue.message}`, {
      file: relPath,
      line: keyLine(text, key),
    });
  }
  return deriveValues(result.data, text, relPath);
}

function deriveValues(data: FrontMatter, text: string, relPath: string): ReleaseFrontMatter {
  const out: ReleaseFrontMatter = { ...data, force: undefined, date: undefined };
  if (data.force !== undefined) {
    const force = resolveForce(data.force);
    if (!force) {
      throw new SearchEngineError('E_FRONT_MATTER', `unknown force "${data.force}" (see lib/data/forces.json)`, {
        file: relPath,
        line: keyLine(text, 'force'),
      });
    }
    out.force = force;
  }
  if (data.date !== undefined) {
    const { date, year } = readDate(data.date);
    if (year === null) {
      throw new SearchEngineError('E_FRONT_MATTER', `"date": cannot read a year from "${String(data.date)}"`, {
        file: relPath,
        line: keyLine(text, 'date'),
      });
    }
    out.date = date;
    out.year = year;
  }
  if (data.inspection !== undefined) {
    const inspection = resolveInspection(data.inspection);
    if (!inspection) {
      throw new SearchEngineError('E_FRONT_MATTER', `unknown inspection "${data.inspection}" (see lib/data/inspections.json)`, {
        file: relPath,
        line: keyLine(text, 'inspection'),
      });
    }
    out.inspection = inspection.name;
  }
  return stripUndefined(out);
}

/** ISO string and year of a front matter date (YAML may already have made it a Date). */
function readDate(value: string | Date): { date: string; year: number | null } {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { date: '', year: null };
    return { date: value.toISOString().slice(0, 10), year: value.getUTCFullYear() };
  }
  const trimmed = value.trim();
  const iso = /^(\d{4})(?:-\d{2}(?:-\d{2})?)?\b/.exec(trimmed);
  if (iso) return { date: trimmed, year: Number(iso[1]) };
  const parsed = new Date(trimmed);
  const anyYear = /\b(1[89]\d{2}|2\d{3})\b/.exec(trimmed);
  return { date: trimmed, year: anyYear && !Number.isNaN(parsed.getTime()) ? Number(anyYear[1]) : null };
}

/** 1-based line of `key:` inside the front matter, or 1 when it cannot be found. */
function keyLine(text: string, key: PropertyKey | undefined): number {
  if (typeof key !== 'string') return 1;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length && !/^---\s*$/.test(lines[i]!); i++) {
    if (lines[i]!.trimStart().startsWith(`${key}:`)) return i + 1;
  }
  return 1;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) n++;
  return n;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
