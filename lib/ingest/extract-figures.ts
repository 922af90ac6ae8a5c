import { FIGURE_KEYS, type FigureKey, type Figures, type FigureValue, type Finding } from '../schema';
import { foldForMatchFast } from '../text/fast-fold';
import { COUNT_PATTERN, parseCount } from './parse-number-words';

/** A number read from a finding: value and UTF-16 span in the finding's original text. */
interface Hit {
  value: number;
  start: number;
  end: number;
}

const COUNT = `(${COUNT_PATTERN})`;
/** A count, or the word "no" (= 0) where the phrasing allows it ("identified no cases"). */
const COUNT_OR_NO = `(${COUNT_PATTERN}|no)`;
const SECOND_JOBS = String.raw`second(?:ary)?[\s-]+(?:jobs?|employment)`;
const INSTANCES = String.raw`(?:instances?|cases?|incidents?|allegations?|reports?)`;
/** "inappropriate disclosure", "unauthorised disclosure", "disclosure(s) to the media". */
const DISCLOSURE =
  String.raw`(?:(?:inappropriate|unauthori[sz]ed|improper)\s+disclosures?|disclosures?\s+(?:of\s+information\s+)?to\s+(?:the\s+)?(?:media|press|journalists))`;

// All patterns run on the folded text (foldForMatch): lower case, quotes mapped, `*` → space; same length as
// the original, so match offsets are offsets into the finding's display text.
const APPLICATIONS = [
  new RegExp(String.raw`${COUNT}\s+(?:applications?|requests?)\s+(?:for|to\s+(?:have|undertake|take\s+up))\s+(?:an?\s+)?${SECOND_JOBS}`, 'gd'),
  new RegExp(String.raw`${COUNT}\s+${SECOND_JOBS}\s+(?:applications|requests)`, 'gd'),
];
const APPROVED_VERB = String.raw`(?:(?:have|has|had)\s+been|were|was|are|is)\s+(?:(?:subsequently|since|all)\s+)?approved`;
/** "56 of which", "all of which", "all but one of which", "none of which" … have been approved. */
const APPROVED_OF_WHICH = new RegExp(
  String.raw`(?<![\w-])((all\s+but\s+${COUNT}|all|none|${COUNT})\s+of\s+(?:which|these|them))\s+${APPROVED_VERB}`,
  'd',
);
/** "… of which 56 have been approved", "56 were approved". */
const APPROVED_PLAIN = new RegExp(String.raw`(?:of\s+(?:which|these|them)\s+)?${COUNT}\s+(?:\w+\s+)?${APPROVED_VERB}`, 'd');
const SOCIAL_MEDIA_CASES = new RegExp(
  String.raw`${COUNT_OR_NO}\s+(?:cases?|instances?|incidents?|examples?)\s+of\s+(?:['"]?[a-z]+['"]?\s+){0,3}?['"]?inappropriate['"]?\s+(?:behaviou?r|use|conduct|activity|postings?|comments?)\b`,
  'gd',
);
const SOCIAL_MEDIA_CONTEXT = /\b(?:facebook|twitter|social[\s-]+(?:media|networking))\b/;
const DISCLOSURE_NONE = new RegExp(String.raw`\b(not\s+investigated\s+any\s+${INSTANCES})\s+of\s+${DISCLOSURE}`, 'gd');
const DISCLOSURE_COUNT = new RegExp(
  String.raw`${COUNT_OR_NO}\s+(?:investigations?\s+into|${INSTANCES}\s+of)\s+(?:[a-z]+\s+){0,2}?${DISCLOSURE}`,
  'gd',
);
const CONDUCT_INVESTIGATIONS = [
  new RegExp(String.raw`${COUNT}\s+(?:(?:new|separate|misconduct|conduct)\s+)?investigations?\b[^.]{0,120}?\binto\s+the\s+(?:mis)?conduct\b`, 'gd'),
  new RegExp(String.raw`${COUNT}\s+(?:misconduct|conduct)\s+investigations?\b`, 'gd'),
];

/**
 * Figures stated by one finding. Each value carries `findingId` and the UTF-16 span in `text`
 * (the finding's original display text) of the words that state it: "60" for "60 applications
 * for second jobs", "all but one of which" for an approval count derived from the applications,
 * "not investigated any instances" for a zero. A figure the text does not state is absent,
 * never 0; "no change in the number of staff" states nothing. When a key is stated twice the
 * first occurrence wins. `folded` is foldForMatch(text), for a caller that has it already.
 */
export function extractFigures(text: string, findingId: string, folded: string = foldForMatchFast(text)): Figures {
  const hits: Partial<Record<FigureKey, Hit>> = {};
  // Each phrasing contains fixed words; testing for them first skips the costly count patterns
  // on the many findings that state no figure (every APPLICATIONS pattern holds "second" and
  // "application" or "request"; every CONDUCT_INVESTIGATIONS one "investigation" and "conduct";
  // a social media case counts only in a sentence naming social media).
  const applications =
    folded.includes('second') && (folded.includes('application') || folded.includes('request'))
      ? firstOf(APPLICATIONS.map((re) => firstCount(folded, re, 1)))
      : null;
  if (applications) {
    hits.secondJobApplications = applications.hit;
    hits.secondJobsApproved = readApproved(folded, applications.matchEnd, applications.hit.value) ?? undefined;
  }
  if (folded.includes('inappropriate') && SOCIAL_MEDIA_CONTEXT.test(folded)) hits.socialMediaCases = readSocialMediaCases(folded) ?? undefined;
  if (folded.includes('disclosure')) hits.mediaDisclosureInvestigations = readDisclosure(folded) ?? undefined;
  if (folded.includes('investigation') && folded.includes('conduct')) {
    hits.conductInvestigations = firstOf(CONDUCT_INVESTIGATIONS.map((re) => firstCount(folded, re, 1)))?.hit;
  }
  return toFigures(hits, findingId);
}

/**
 * Per-release roll-up: for each key, the value of the first finding (in list order) stating it.
 * Provenance (`findingId`, span) is kept so the UI can point at the sentence.
 */
export function rollUpFigures(findings: ReadonlyArray<Pick<Finding, 'figures'>>): Figures {
  const rolled: Figures = {};
  for (const key of FIGURE_KEYS) {
    const first = findings.find((f) => f.figures[key] !== undefined)?.figures[key];
    if (first) rolled[key] = { ...first };
  }
  return rolled;
}

function toFigures(hits: Partial<Record<FigureKey, Hit>>, findingId: string): Figures {
  const figures: Figures = {};
  for (const key of FIGURE_KEYS) {
    const hit = hits[key];
    if (hit) figures[key] = { value: hit.value, findingId, start: hit.start, end: hit.end } satisfies FigureValue;
  }
  return figures;
}

interface CountMatch {
  hit: Hit;
  /** Where the whole phrase ends, to look for follow-on clauses ("…, 56 of which"). */
  matchEnd: number;
}

/** The first match of `re` whose capture `group` parses as a count (word "no" → 0). */
function firstCount(folded: string, re: RegExp, group: number, accept?: (folded: string, m: RegExpExecArray) => boolean): CountMatch | null {
  // An exec loop on the shared global regex: matchAll would clone the regex on every call.
  re.lastIndex = 0;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    if (m[0].length === 0) re.lastIndex++;
    const span = m.indices?.[group];
    const words = m[group];
    if (!span || words === undefined) continue;
    const value = words === 'no' ? 0 : parseCount(words);
    if (value === null || (accept && !accept(folded, m))) continue;
    return { hit: { value, start: span[0], end: span[1] }, matchEnd: m.index + m[0].length };
  }
  return null;
}

/** The earliest (by position in the text) of several candidate matches. */
function firstOf(candidates: Array<CountMatch | null>): CountMatch | null {
  let best: CountMatch | null = null;
  for (const c of candidates) if (c && (!best || c.hit.start < best.hit.start)) best = c;
  return best;
}

/** The approval clause following an applications count, in the same sentence. */
function readApproved(folded: string, from: number, applications: number): Hit | null {
  const clause = folded.slice(from, sentenceEnd(folded, from));
  const ofWhich = APPROVED_OF_WHICH.exec(clause);
  if (ofWhich?.indices) return approvedFromOfWhich(ofWhich, from, applications);
  const plain = APPROVED_PLAIN.exec(clause);
  const span = plain?.indices?.[1];
  const value = plain?.[1] === undefined ? null : parseCount(plain[1]);
  if (!span || value === null) return null;
  return { value, start: from + span[0], end: from + span[1] };
}

/** Turn "N / all / all but N / none of which" into a value relative to the applications count. */
function approvedFromOfWhich(m: RegExpExecArray, offset: number, applications: number): Hit | null {
  const [phraseStart, phraseEnd] = m.indices![1]!;
  const quantity = m[2]!;
  const phrase = { start: offset + phraseStart, end: offset + phraseEnd };
  if (quantity === 'all') return { value: applications, ...phrase };
  if (quantity === 'none') return { value: 0, ...phrase };
  if (quantity.startsWith('all')) {
    const excluded = parseCount(m[3]!);
    if (excluded === null || excluded > applications) return null;
    return { value: applications - excluded, ...phrase };
  }
  const value = parseCount(m[4]!);
  const [numStart, numEnd] = m.indices![4]!;
  return value === null ? null : { value, start: offset + numStart, end: offset + numEnd };
}

function readSocialMediaCases(folded: string): Hit | null {
  return firstCount(folded, SOCIAL_MEDIA_CASES, 1, inSocialMediaSentence)?.hit ?? null;
}

/** "cases of inappropriate behaviour" only counts when the sentence is about social media. */
function inSocialMediaSentence(folded: string, m: RegExpExecArray): boolean {
  return SOCIAL_MEDIA_CONTEXT.test(folded.slice(sentenceStart(folded, m.index), sentenceEnd(folded, m.index + m[0].length)));
}

function readDisclosure(folded: string): Hit | null {
  DISCLOSURE_NONE.lastIndex = 0;
  const none = DISCLOSURE_NONE.exec(folded);
  const noneHit = none?.indices?.[1] ? { value: 0, start: none.indices[1][0], end: none.indices[1][1] } : null;
  const counted = firstCount(folded, DISCLOSURE_COUNT, 1)?.hit ?? null;
  if (noneHit && counted) return noneHit.start <= counted.start ? noneHit : counted;
  return noneHit ?? counted;
}

/** Offset just past the sentence containing `from` (a full stop followed by space, or the end). */
function sentenceEnd(folded: string, from: number): number {
  const re = /[.!?;](?=\s|$)/g;
  re.lastIndex = from;
  const m = re.exec(folded);
  return m ? m.index + 1 : folded.length;
}

/** Offset where the sentence containing `at` starts. */
function sentenceStart(folded: string, at: number): number {
  for (let i = at - 1; i > 0; i--) {
    const c = folded.charCodeAt(i - 1);
    if ((c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b) && WHITESPACE.test(folded[i]!)) return i;
  }
  return 0;
}

const WHITESPACE = /\s/;
