/** Release metadata read from the text: force, region, inspector, year. */
import { normalizeText } from '../text/normalize';
import { findForceIn, resolveForce } from './resolve-force';

/** Region and inspector from an inspector line. */
export interface InspectorLine {
  /** Region exactly as written, without a leading "the" ("Eastern Region"), or null. */
  region: string | null;
  /** Inspector's name as written ("Zoë Billingham"). */
  inspector: string;
}

const INSPECTOR_LINE =
  /^(?:HM|Her Majesty's|His Majesty's)\s+(?:Chief\s+)?Inspector\s+of\s+Constabulary(?:\s+(?:for|in)\s+(?:the\s+)?([^,]+?))?\s*,?\s+([^,]+?)\s*,?\s+(?:said|says|commented|added|stated)\b/i;

/**
 * Read "HM Inspector of Constabulary for the Eastern Region, Zoë Billingham, said:" →
 * `{ region: "Eastern Region", inspector: "Zoë Billingham" }`. Also "HM Chief Inspector of
 * Constabulary, Sir Denis O'Connor, said:" (region null). Null when the text is not such a line.
 */
export function readInspectorLine(text: string): InspectorLine | null {
  const m = INSPECTOR_LINE.exec(normalizeText(text));
  if (!m) return null;
  return { region: m[1]?.trim() || null, inspector: m[2]!.trim() };
}

/**
 * Force named by a findings intro ("In Hertfordshire, HMIC found:" → "Hertfordshire
 * Constabulary"), or null when the intro names no known force ("HMIC found that:").
 */
export function forceFromFindingsIntro(text: string): string | null {
  const m = /^(?:In|Across|Within|For)\s+(.+?),\s+(?:HMIC|we|inspectors)\b/i.exec(normalizeText(text));
  if (!m) return null;
  return resolveForce(m[1]!) ?? findForceIn(m[1]!);
}

/** Force named by "The full report for Essex Police, along with …", or null. */
export function forceFromReportLink(text: string): string | null {
  const m = /^The full report (?:for|on|into|of) (.+?)(?:,|\s+along with\b|\s+can be\b|\s+is\b|$)/i.exec(
    normalizeText(text),
  );
  if (!m) return null;
  return resolveForce(m[1]!) ?? findForceIn(m[1]!);
}

/**
 * Year of the release from the text: the year in "In 2012 HMIC revisited …", else the latest
 * plausible year (1980–2099) mentioned anywhere, else null.
 */
export function readYear(text: string): number | null {
  const normalized = deleteMarks(text);
  const revisited = /\bIn\s+(\d{4}),?\s+(?:HMIC|we|the\s+inspectorate)\s+revisited\b/i.exec(normalized);
  if (revisited) return Number(revisited[1]);
  let latest: number | null = null;
  for (const m of normalized.matchAll(/(?<![\d,.])(19[89]\d|20\d{2})(?![\d,]|\.\d)/g)) {
    const year = Number(m[1]);
    if (latest === null || year > latest) latest = year;
  }
  return latest;
}

/**
 * The text as {@link readYear}'s patterns would see it after {@link normalizeText}, without that
 * function's cost on a whole release: the patterns look only at digits, `.`, `,`, letters and
 * runs of whitespace, so of its rules only the deletions matter (emphasis and heading marks, runs
 * of `*` and `_`, doubled full stops — applied here the same way, in the same order); mapping
 * quotes, odd spaces and dashes (none a letter, digit, `.` or `,`) and collapsing whitespace do not
 * change what they match.
 */
function deleteMarks(text: string): string {
  let s = text;
  if (s.includes('*')) s = s.replace(/\*\*?([^*]+?)\*\*?/g, '$1');
  if (s.includes('#')) s = s.replace(/(^|\s)#{1,6}\s+/g, '$1');
  if (s.includes('*') || s.includes('_')) s = s.replace(/[*_]{2,}/g, '');
  if (s.includes('..')) s = s.replace(/\.{2}(?!\.)/g, '.');
  return s;
}
