/**
 * Vocabulary for the synthetic corpus: the forces, regions and inspectors releases are about,
 * words harvested at run time from `seeds/*.txt` (ranked by frequency, extended with a
 * deterministic tail of pseudo-words so posting lists have realistic long tails), number
 * wording, and sentence templates modelled on the real findings.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, ZipfSampler } from './prng';

// ---------------------------------------------------------------------------------------------
// Forces, regions, inspectors
// ---------------------------------------------------------------------------------------------

/** HMIC regions used in "HM Inspector of Constabulary for the <Region>". */
export const REGIONS = [
  'Eastern Region',
  'Northern Region',
  'Western Region',
  'Wales and Western Region',
  'Metropolitan Region',
  'South East Region',
] as const;

/** One of {@link REGIONS}. */
export type Region = (typeof REGIONS)[number];

/** A police force a release can be about. */
export interface Force {
  /** Canonical name as used in headlines, e.g. "Essex Police". */
  name: string;
  /** Place part used in "In Hertfordshire, HMIC found:"; null when the force has none. */
  short: string | null;
  /** HMIC region of the inspector who signs the quote. */
  region: Region;
  /** Kebab-case slug of {@link name}. */
  slug: string;
  /** Forces (short names, this one included) sharing an anti-corruption unit, or null. */
  collaboration: readonly string[] | null;
}

const FORCE_TABLE: ReadonlyArray<readonly [name: string, short: string | null, region: Region]> = [
  ['Avon and Somerset Constabulary', 'Avon and Somerset', 'Wales and Western Region'],
  ['Bedfordshire Police', 'Bedfordshire', 'Eastern Region'],
  ['Cambridgeshire Constabulary', 'Cambridgeshire', 'Eastern Region'],
  ['Cheshire Constabulary', 'Cheshire', 'Northern Region'],
  ['City of London Police', 'City of London', 'Metropolitan Region'],
  ['Cleveland Police', 'Cleveland', 'Northern Region'],
  ['Cumbria Constabulary', 'Cumbria', 'Northern Region'],
  ['Derbyshire Constabulary', 'Derbyshire', 'Eastern Region'],
  ['Devon and Cornwall Police', 'Devon and Cornwall', 'Wales and Western Region'],
  ['Dorset Police', 'Dorset', 'Wales and Western Region'],
  ['Durham Constabulary', 'Durham', 'Northern Region'],
  ['Dyfed-Powys Police', 'Dyfed-Powys', 'Wales and Western Region'],
  ['Essex Police', 'Essex', 'Eastern Region'],
  ['Gloucestershire Constabulary', 'Gloucestershire', 'Wales and Western Region'],
  ['Greater Manchester Police', 'Greater Manchester', 'Northern Region'],
  ['Gwent Police', 'Gwent', 'Wales and Western Region'],
  ['Hampshire Constabulary', 'Hampshire', 'Eastern Region'],
  ['Hertfordshire Constabulary', 'Hertfordshire', 'Eastern Region'],
  ['Humberside Police', 'Humberside', 'Northern Region'],
  ['Kent Police', 'Kent', 'South East Region'],
  ['Lancashire Constabulary', 'Lancashire', 'Northern Region'],
  ['Leicestershire Police', 'Leicestershire', 'Eastern Region'],
  ['Lincolnshire Police', 'Lincolnshire', 'Eastern Region'],
  ['Merseyside Police', 'Merseyside', 'Northern Region'],
  ['Metropolitan Police Service', null, 'Metropolitan Region'],
  ['Norfolk Constabulary', 'Norfolk', 'Eastern Region'],
  ['North Wales Police', 'North Wales', 'Wales and Western Region'],
  ['North Yorkshire Police', 'North Yorkshire', 'Northern Region'],
  ['Northamptonshire Police', 'Northamptonshire', 'Eastern Region'],
  ['Northumbria Police', 'Northumbria', 'Northern Region'],
  ['Nottinghamshire Police', 'Nottinghamshire', 'Eastern Region'],
  ['South Wales Police', 'South Wales', 'Wales and Western Region'],
  ['South Yorkshire Police', 'South Yorkshire', 'Northern Region'],
  ['Staffordshire Police', 'Staffordshire', 'Western Region'],
  ['Suffolk Constabulary', 'Suffolk', 'Eastern Region'],
  ['Surrey Police', 'Surrey', 'South East Region'],
  ['Sussex Police', 'Sussex', 'South East Region'],
  ['Thames Valley Police', 'Thames Valley', 'South East Region'],
  ['Warwickshire Police', 'Warwickshire', 'Western Region'],
  ['West Mercia Police', 'West Mercia', 'Western Region'],
  ['West Midlands Police', 'West Midlands', 'Western Region'],
  ['West Yorkshire Police', 'West Yorkshire', 'Northern Region'],
  ['Wiltshire Police', 'Wiltshire', 'Wales and Western Region'],
  ['British Transport Police', null, 'Metropolitan Region'],
  ['Police Service of Northern Ireland', null, 'Northern Region'],
];

/** Groups of forces (by short name) whose anti-corruption units work as one. */
const COLLABORATIONS: ReadonlyArray<readonly string[]> = [
  ['Bedfordshire', 'Cambridgeshire', 'Hertfordshire'],
  ['Norfolk', 'Suffolk'],
  ['Warwickshire', 'West Mercia'],
  ['Kent', 'Essex'],
  ['Dyfed-Powys', 'Gwent', 'North Wales', 'South Wales'],
  ['Cleveland', 'Durham'],
];

/** Kebab-case slug: lower case ASCII letters and digits joined by single hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The 45 forces: 43 in England and Wales, British Transport Police and PSNI (alphabetical, BTP and PSNI last). */
export const FORCES: readonly Force[] = FORCE_TABLE.map(([name, short, region]) => ({
  name,
  short,
  region,
  slug: slugify(name),
  collaboration: (short && COLLABORATIONS.find((g) => g.includes(short))) || null,
}));

/**
 * Inspectors per region; the first is the 2012 inspector. Zoë Billingham signs the seed releases;
 * the other names are fictional. Keeps a diacritic or two so folding gets exercised.
 */
export const INSPECTORS: Readonly<Record<Region, readonly string[]>> = {
  'Eastern Region': ['Zoë Billingham', 'Martin Ashdown'],
  'Northern Region': ['Graham Renshaw', 'Siân Hollister'],
  'Western Region': ['Keith Okafor', 'Anwen Pryce'],
  'Wales and Western Region': ['Anwen Pryce', 'Rhodri Llewellyn'],
  'Metropolitan Region': ['Helen Marchetti', 'Chloé Daventry'],
  'South East Region': ['Roger Whitcombe', 'Priya Chandran'],
};

/** Inspector signing a region's releases in a year (regions rotate inspectors every 3 years). */
export function inspectorFor(region: Region, year: number): string {
  const pool = INSPECTORS[region];
  const term = Math.floor(Math.max(0, year - 2012) / 3);
  return pool[term % pool.length]!;
}

// ---------------------------------------------------------------------------------------------
// Seed vocabulary
// ---------------------------------------------------------------------------------------------

/** Default location of the seed releases (`<repo>/seeds`). */
export const DEFAULT_SEEDS_DIR = fileURLToPath(new URL('../seeds', import.meta.url));

/** Words of the seed releases, most frequent first. */
export interface SeedVocabulary {
  /** Lower-cased words, ranked by descending frequency (ties alphabetical). */
  words: string[];
  /** `counts[i]` is the number of occurrences of `words[i]`. */
  counts: number[];
  /** sha256 (hex) of the seed files read, in name order; changes whenever the seeds change. */
  sourceHash: string;
}

const WORD_RE = /\p{L}+(?:['\u2019]\p{L}+)*/gu;

/** Words that would make filler look like it names a force, region or person. */
function nameWords(): Set<string> {
  const out = new Set<string>();
  const add = (text: string) => {
    for (const m of text.toLowerCase().matchAll(WORD_RE)) out.add(m[0]);
  };
  for (const f of FORCES) add(f.name.replace(/\b(Police|Constabulary|Service|of|and|the)\b/g, ''));
  for (const pool of Object.values(INSPECTORS)) pool.forEach(add);
  return out;
}

/**
 * Tokenise the prose of every seed release (headline, background, findings and quote; the notes to
 * editors are skipped) into lower-cased words and rank them by frequency. Numbers, markdown, URLs
 * and words naming forces or inspectors are dropped.
 *
 * @param seedsDir Directory of `*.txt` seed releases (default {@link DEFAULT_SEEDS_DIR}).
 */
export function harvestSeedVocabulary(seedsDir: string = DEFAULT_SEEDS_DIR): SeedVocabulary {
  const files = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (files.length === 0) throw new Error(`no seed releases (*.txt) in ${seedsDir}`);
  const hash = createHash('sha256');
  const counts = new Map<string, number>();
  const excluded = nameWords();
  for (const file of files) {
    const text = readFileSync(join(seedsDir, file), 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    const prose = text.split(/^#*\s*\**Notes to editors/m)[0] ?? text;
    const cleaned = prose
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\b(?:https?:\/\/)?www\.[^\s)]+/g, ' ');
    for (const m of cleaned.toLowerCase().matchAll(WORD_RE)) {
      const word = m[0].replace(/\u2019/g, "'");
      if (excluded.has(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { words: ranked.map((e) => e[0]), counts: ranked.map((e) => e[1]), sourceHash: hash.digest('hex') };
}

const ONSETS = ['b', 'br', 'c', 'ch', 'cl', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'v', 'w', 'y', 'z'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'th', 'ck', 'nd', 'rt', 'm', 'x', 'ft'];

/**
 * Deterministic pronounceable pseudo-words (2–3 syllables, lower case), none in `exclude`.
 * Independent of the corpus seed so the vocabulary is the same for every corpus.
 */
export function pseudoWords(count: number, exclude: ReadonlySet<string> = new Set()): string[] {
  const rng = new Rng(0x5eed_70c5);
  const seen = new Set<string>();
  const out: string[] = [];
  let guard = 0;
  while (out.length < count) {
    if (++guard > count * 50) throw new Error(`could not make ${count} distinct pseudo-words`);
    const syllables = rng.chance(0.6) ? 2 : 3;
    let w = '';
    for (let s = 0; s < syllables; s++) w += rng.pick(ONSETS) + rng.pick(NUCLEI) + (s === syllables - 1 || rng.chance(0.3) ? rng.pick(CODAS) : '');
    if (w.length < 4 || seen.has(w) || exclude.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

/** Default number of pseudo-words appended after the seed words. */
export const DEFAULT_TAIL_SIZE = 40_000;

/**
 * Ranked filler vocabulary: the seed words (most frequent first) followed by `tailSize`
 * pseudo-words. Sampled with {@link ZipfSampler} the seed words get most draws and the tail gives
 * rare terms with short posting lists.
 */
export function buildRankedVocabulary(seed: SeedVocabulary, tailSize: number = DEFAULT_TAIL_SIZE): string[] {
  return [...seed.words, ...pseudoWords(tailSize, new Set(seed.words))];
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * British English words for a non-negative integer below one million:
 * 71 → "seventy-one", 116 → "one hundred and sixteen", 2005 → "two thousand and five".
 */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`numberToWords: ${n}`);
  if (n < 20) return SMALL[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${SMALL[n % 10]}` : '');
  if (n < 1000) {
    const rest = n % 100;
    return `${SMALL[Math.floor(n / 100)]} hundred${rest ? ` and ${numberToWords(rest)}` : ''}`;
  }
  const rest = n % 1000;
  const head = `${numberToWords(Math.floor(n / 1000))} thousand`;
  if (!rest) return head;
  return rest < 100 ? `${head} and ${numberToWords(rest)}` : `${head} ${numberToWords(rest)}`;
}

/**
 * A count as the releases write it: small numbers mostly in words ("nine cases"), larger ones
 * mostly in digits ("71 applications") but sometimes in words ("seventy-one").
 */
export function formatCount(n: number, rng: Rng): string {
  const words = n <= 10 ? rng.chance(0.85) : rng.chance(0.2);
  return words ? numberToWords(n) : String(n);
}

/** Singular or plural noun for a count. */
function noun(n: number, singular: string, plural: string): string {
  return n === 1 ? singular : plural;
}

/** A count skewed towards small values: `round(max * u^power)`, at least `min`. */
function skewed(rng: Rng, min: number, max: number, power = 2): number {
  return Math.max(min, Math.round(max * Math.pow(rng.next(), power)));
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

/** Everything a finding template may refer to. */
export interface FindingContext {
  /** The force the release is about. */
  force: Force;
  /** Year of the revisit (2012 for the real releases). */
  year: number;
  /** How the release refers to the force in running text: "force" or "constabulary". */
  selfNoun: 'force' | 'constabulary';
  /** The release's random stream. */
  rng: Rng;
  /** Zipf sampler over the ranked filler vocabulary. */
  filler: ZipfSampler<string>;
}

/** A kind of finding: a topic, a relative frequency and a renderer. */
export interface FindingTemplate {
  /** Stable identifier. */
  id: string;
  /** Topic the finding is about (matches the ids in `lib/schema.ts`, or "filler"). */
  topic: string;
  /** Relative weight when a release's findings are drawn. */
  weight: number;
  /** Whether the template makes sense for this release (default: always). */
  applies?: (ctx: FindingContext) => boolean;
  /** One finding's text (no bullet marker, no line breaks). */
  render: (ctx: FindingContext) => string;
}

function possessive(name: string): string {
  return `${name}'s`;
}

function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function since(ctx: FindingContext): string {
  return `Since September ${ctx.year - 1}`;
}

function socialMediaCases(ctx: FindingContext): string {
  const { rng, force } = ctx;
  const n = rng.chance(0.06) ? 0 : skewed(rng, 1, 30, 2.2);
  if (n === 0) {
    return `HMIC's independently commissioned research identified no cases of inappropriate behaviour on Facebook or Twitter by officers and staff in ${force.name}.`;
  }
  const potentially = rng.chance(0.6) ? 'potentially ' : '';
  const back = rng.chance(0.7) ? `the ${ctx.selfNoun}` : 'the force';
  const verb = n === 1 || rng.chance(0.3) ? 'has' : 'have';
  const stop = rng.chance(0.03) ? '..' : '.';
  return `HMIC's independently commissioned research identified ${formatCount(n, rng)} ${noun(n, 'case', 'cases')} of ${potentially}inappropriate behaviour on Facebook or Twitter by officers and staff in ${force.name}, which ${verb} been referred back to ${back}${stop}`;
}

function mediaDisclosure(ctx: FindingContext): string {
  const { rng } = ctx;
  const self = rng.chance(0.5) ? ctx.selfNoun : 'force';
  if (rng.chance(0.55)) return `${since(ctx)} the ${self} has not investigated any instances of inappropriate disclosure to the media.`;
  const n = skewed(rng, 1, 12, 2.5);
  const tail = rng.pick([
    n === 1 ? ', which was ongoing at the time of the inspection' : ', which were ongoing at the time of the inspection',
    n === 1 ? ', which has since been concluded' : ', all of which have since been concluded',
    '',
  ]);
  return `${since(ctx)} the ${self} has investigated ${formatCount(n, rng)} ${noun(n, 'instance', 'instances')} of inappropriate disclosure to the media${tail}.`;
}

function secondJobs(ctx: FindingContext): string {
  const { rng } = ctx;
  const applications = skewed(rng, 2, 260, 1.6);
  const r = rng.next();
  const refused = r < 0.3 ? 0 : r < 0.5 ? 1 : Math.min(applications - 1, 1 + skewed(rng, 1, Math.max(1, Math.floor(applications * 0.2)), 1.5));
  const approved = applications - refused;
  const which = refused === 0 ? 'all of which' : refused === 1 ? 'all but one of which' : `${formatCount(approved, rng)} of which`;
  return `${since(ctx)} there have been ${formatCount(applications, rng)} applications for second jobs, ${which} have been approved.`;
}

function conductInvestigations(ctx: FindingContext): string {
  const { rng } = ctx;
  const n = skewed(rng, 1, 400, 1.8);
  return `The force has instigated ${formatCount(n, rng)} ${noun(n, 'investigation', 'investigations')} between September ${ctx.year - 1} and May ${ctx.year} into the conduct of its officers and staff in relation to the areas covered by this report.`;
}

const FILLER_FRAMES: readonly (readonly [string, string])[] = [
  ['Inspectors also noted ', '.'],
  ['This work covered ', '.'],
  ['Further work is planned on ', '.'],
  ['Staff in focus groups mentioned ', '.'],
  ['The force told HMIC about ', '.'],
  ['Local plans refer to ', '.'],
  ['HMIC will revisit ', ' at the next inspection.'],
];

/**
 * A filler sentence around 2–7 Zipf-sampled vocabulary words, e.g.
 * "Inspectors also noted the staff of kelvor and media." Gives findings a realistic spread of
 * frequent and rare terms.
 */
export function fillerSentence(rng: Rng, filler: ZipfSampler<string>): string {
  const [before, after] = rng.pick(FILLER_FRAMES);
  const k = rng.int(2, 7);
  const words: string[] = [];
  for (let i = 0; i < k; i++) words.push(filler.sample(rng));
  if (k >= 3 && rng.chance(0.4)) words.splice(k - 1, 0, 'and');
  return before + words.join(' ') + after;
}

/**
 * The finding templates, in the order findings usually appear in a release. Wording follows the
 * seed findings; figures (second jobs, social media cases, media disclosures, conduct
 * investigations) use the seeds' phrasing so a figure extractor finds them.
 */
export const FINDING_TEMPLATES: readonly FindingTemplate[] = [
  {
    id: 'health-check',
    topic: 'governance',
    weight: 8,
    render: (ctx) => {
      const { rng, force, year } = ctx;
      const v = rng.int(0, 2);
      if (v === 0) {
        const verb = rng.pick(['conducted', 'has conducted', 'has carried out']);
        const checklist = rng.pick(['Self- Assessment Checklist', 'Self-Assessment Checklist', 'Self Assessment Checklist']);
        const extra = rng.chance(0.4)
          ? ' Several policies covering relationships with the media, gifts and hospitality, social media use, and second jobs have been reviewed and, where necessary, updated.'
          : '';
        return `Since 2011 ${force.name} ${verb} an integrity 'health check', using the ${checklist} provided in HMIC's 2011 report, *Without Fear or Favour*.${extra}`;
      }
      if (v === 1) {
        const body = year >= 2013 && rng.chance(0.7) ? 'police and crime commissioner' : 'police authority';
        return `Since 2011 ${force.name} has conducted a self evaluation against the HMIC Self Assessment Checklist provided in the 2011 *Without Fear or Favour* report, and reports regularly to the ${body} on actions it has subsequently taken.`;
      }
      const chair = rng.pick(['deputy chief constable', 'assistant chief constable', 'chief constable', 'head of professional standards']);
      return `Since 2011 ${force.name} has carried out an integrity 'health check' using the Self-Assessment Checklist provided in HMIC's 2011 report, *Without Fear or Favour* and progress has been overseen by a group, chaired by the ${chair}.`;
    },
  },
  {
    id: 'integrity-committee',
    topic: 'governance',
    weight: 3,
    render: (ctx) =>
      `The force has introduced an Integrity and Standards Committee which provides oversight of ${possessive(ctx.force.name)} values in support of the delivery of policing across the ${ctx.rng.pick(['county', 'force area', 'region'])}.`,
  },
  {
    id: 'policies-reviewed',
    topic: 'policies-guidance',
    weight: 6,
    render: (ctx) =>
      ctx.rng.pick([
        'Several policies (covering relationships with the media, gifts and hospitality, social media use and second jobs) have been reviewed and where necessary updated.',
        'Several policies covering relationships with the media, gifts and hospitality, social media use and second jobs have been reviewed and where necessary updated.',
        'Several policies covering relationships with the media, gifts and hospitality, social media use and second jobs have been updated or are in the process of being reviewed.',
      ]),
  },
  {
    id: 'awareness',
    topic: 'training-awareness',
    weight: 5,
    render: (ctx) =>
      ctx.rng.pick([
        'In general there was good awareness and staff understood their responsibilities in relation to these policies.',
        'In general there was good awareness and staff understood their responsibilities in relation to these policies.',
        'Awareness of the revised policies was mixed, and some staff were unclear about their responsibilities.',
      ]),
  },
  {
    id: 'media-policy',
    topic: 'media-relations',
    weight: 6,
    render: (ctx) => {
      const { rng } = ctx;
      const v = rng.int(0, 2);
      if (v === 0) {
        const extra = rng.chance(0.4) ? ' It also stipulates that staff and officers must notify the Media Office of all contact with journalists.' : '';
        return `Since 2011 the ${ctx.selfNoun} has completed a review of its media policy and is satisfied that it clearly outlines how relationships with the press should work.${extra}`;
      }
      if (v === 1) {
        return `Since 2011 the ${ctx.selfNoun} has completed a health check on its media policy and they are satisfied that it clearly outlines how relationships with the press should work.`;
      }
      return 'The force has revised its guidance to staff about how they should engage with the media.';
    },
  },
  {
    id: 'media-disclosure',
    topic: 'media-relations',
    weight: 9,
    render: mediaDisclosure,
  },
  {
    id: 'media-training',
    topic: 'training-awareness',
    weight: 2,
    render: (ctx) =>
      ctx.rng.chance(0.5)
        ? 'We found that staff knew about the requirements of the policy. Media skills training is also provided to staff as required.'
        : 'Media skills training is also provided to staff as required.',
  },
  {
    id: 'social-guidance',
    topic: 'social-media',
    weight: 6,
    render: (ctx) => {
      const { rng } = ctx;
      if (rng.chance(0.2)) {
        return "Social media guidance was already in place before HMIC's 2011 visit; over the last year, the force has reiterated the expectations and boundaries around staff use of sites such as Facebook and Twitter.";
      }
      const tail = rng.pick([
        ', which covers the standards of behaviour expected when staff are both at work and off duty',
        ' (such as Facebook and Twitter)',
        '',
      ]);
      return `The ${ctx.selfNoun} has reinforced its guidance to staff on how they should behave on social networking sites${tail}.`;
    },
  },
  {
    id: 'social-media-cases',
    topic: 'social-media',
    weight: 9,
    render: socialMediaCases,
  },
  {
    id: 'second-jobs-policy',
    topic: 'second-jobs',
    weight: 4,
    render: (ctx) =>
      ctx.rng.pick([
        `${possessive(ctx.force.name)} policy for second jobs requires all requests to be assessed by the PSD.`,
        `${possessive(ctx.force.name)} policy for second jobs and business interests has recently been changed to incorporate new national guidance.`,
      ]),
  },
  {
    id: 'second-jobs',
    topic: 'second-jobs',
    weight: 10,
    render: (ctx) => {
      const figure = secondJobs(ctx);
      if (!ctx.rng.chance(0.3)) return figure;
      return `${possessive(ctx.force.name)} policy for seeking approval to have a second job requires all applications to be assessed and approved by the Professional Standards Department. ${figure}`;
    },
  },
  {
    id: 'procurement',
    topic: 'procurement',
    weight: 4,
    render: (ctx) =>
      ctx.rng.pick([
        'Monitoring to cross-reference contract and procurement registers with the gifts and hospitality register to help ensure the integrity of the procurement process is currently limited to those cases where specific concerns have been identified.',
        `The ${ctx.selfNoun} now cross-references contract and procurement registers with the gifts and hospitality register on a ${ctx.rng.pick(['monthly', 'quarterly'])} basis.`,
        'The force does not routinely cross-reference contract and procurement registers with the gifts and hospitality register.',
      ]),
  },
  {
    id: 'gifts-hospitality',
    topic: 'gifts-hospitality',
    weight: 4,
    render: (ctx) => {
      const { rng } = ctx;
      const v = rng.int(0, 2);
      if (v === 0) {
        return 'It has updated policies around relationships with the media and receiving gifts and hospitality so that they incorporated recent national guidance, and taken steps to improve staff understanding of this revised guidance and what is considered acceptable.';
      }
      if (v === 1) {
        const entries = skewed(rng, 3, 500, 1.7);
        const declined = Math.min(entries, skewed(rng, 0, Math.ceil(entries / 3), 1.5));
        return `The gifts and hospitality register recorded ${formatCount(entries, rng)} entries since September ${ctx.year - 1}, ${formatCount(declined, rng)} of which were declined.`;
      }
      return 'The gifts and hospitality register is now published on the force website.';
    },
  },
  {
    id: 'acu-staffing',
    topic: 'anti-corruption',
    weight: 5,
    render: (ctx) => {
      const { rng } = ctx;
      if (rng.chance(0.6)) {
        return 'Data provided by the force to HMIC shows that there has been no change in the number of staff working in the anti-corruption unit since our 2011 inspection.';
      }
      const before = rng.int(2, 40);
      const after = Math.max(1, before + rng.pick([-3, -2, -1, 1, 2, 3, 5]));
      const dir = after > before ? 'increased' : 'decreased';
      return `Data provided by the force to HMIC shows that the number of staff working in the anti-corruption unit has ${dir} from ${formatCount(before, rng)} to ${formatCount(after, rng)} since our 2011 inspection.`;
    },
  },
  {
    id: 'acu-collaboration',
    topic: 'anti-corruption',
    weight: 6,
    applies: (ctx) => ctx.force.collaboration !== null,
    render: (ctx) => `The ${listJoin(ctx.force.collaboration ?? [])} anti corruption units have been brought together to work collaboratively as one.`,
  },
  {
    id: 'conduct-investigations',
    topic: 'misconduct-investigations',
    weight: 7,
    render: conductInvestigations,
  },
  {
    id: 'policy-communication',
    topic: 'policies-guidance',
    weight: 3,
    render: () =>
      'Changes to policies and guidance are communicated to staff via email and intranet systems but there is no mechanism to check that officers and staff have read and understood them.',
  },
  {
    id: 'training',
    topic: 'training-awareness',
    weight: 4,
    render: (ctx) => {
      const { rng } = ctx;
      if (rng.chance(0.5)) return `There has been no specific training on integrity issues since our last inspection in 2011.`;
      const n = skewed(rng, 12, 3000, 2);
      return `${since(ctx)} ${formatCount(n, rng)} officers and staff have received training on integrity issues.`;
    },
  },
  {
    id: 'filler',
    topic: 'filler',
    weight: 3,
    render: (ctx) => {
      const first = fillerSentence(ctx.rng, ctx.filler);
      return ctx.rng.chance(0.5) ? `${first} ${fillerSentence(ctx.rng, ctx.filler)}` : first;
    },
  },
];
