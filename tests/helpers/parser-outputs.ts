/**
 * Everything the release parser produces on a fixed, varied input set, as named JSON strings, so
 * that a faster parser can be checked to give exactly the same results (tests/ingest/parser-equality).
 *
 * Inputs: the seeds; every source fixture under tests/fixtures (txt, md, pdf, html; errors as data);
 * two generated corpora of 2,000 findings (seeds 7 and 11); deterministic mutants of the seed,
 * fixture and corpus texts (odd Unicode, spacing, markdown, bullets, flattening, truncation …, the
 * inputs on which fast paths could diverge); `markBoilerplate` over groups of them; and
 * `boilerplateKey` / `tokenize` / `foldForMatch` of every distinct paragraph and finding text.
 *
 * Run as a script to (re)write the committed hashes — only from a parser whose output is the
 * reference: `npx tsx tests/helpers/parser-outputs.ts write`. `... dump <dir>` writes every output
 * as a file, to diff two parsers' outputs (e.g. from a checkout of the previous commit).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../../bench/generate-corpus';
import { isSearchEngineError } from '../../lib/errors';
import { ingestFile, ingestSource } from '../../lib/ingest/ingest-file';
import { boilerplateKey, markBoilerplate } from '../../lib/ingest/mark-boilerplate';
import { parseRelease } from '../../lib/ingest/parse-release';
import { sourceFormatOrNull } from '../../lib/ingest/readers/source-format';
import type { Release } from '../../lib/schema';
import { foldForMatch } from '../../lib/text/normalize';
import { tokenize } from '../../lib/text/tokenize';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The committed hashes: output name → first 16 hex digits of the sha256 of its JSON. */
export const HASHES_FILE = join(ROOT, 'tests/fixtures/parser-equality/hashes.json');

export interface Output {
  name: string;
  json: string;
}

export const CORPUS_SEEDS = [7, 11] as const;
export const CORPUS_FINDINGS = 2000;
/** Mutants per source text. */
const MUTANTS_PER_TEXT = 6;

export function hashOf(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

/** A parse result as data: the release, or the error (code, message, line) it threw. */
function outcomeJson(run: () => Release): { json: string; release: Release | null } {
  try {
    const release = run();
    return { json: JSON.stringify(release), release };
  } catch (error) {
    if (!isSearchEngineError(error)) throw error;
    return { json: JSON.stringify({ error: error.code, message: error.message, file: error.file, line: error.line }), release: null };
  }
}

async function outcomeJsonAsync(run: () => Promise<Release>): Promise<{ json: string; release: Release | null }> {
  let release: Release;
  try {
    release = await run();
  } catch (error) {
    return outcomeJson(() => {
      throw error;
    });
  }
  return outcomeJson(() => release);
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (sourceFormatOrNull(entry.name) !== null) out.push(path);
  }
  return out;
}

/** Collect every output, in a fixed order. */
export async function collectOutputs(): Promise<Output[]> {
  const outputs: Output[] = [];
  const add = (name: string, json: string) => outputs.push({ name, json });
  const texts: Array<{ name: string; text: string }> = [];
  const groups: Record<string, Release[]> = {};
  const keep = (group: string, release: Release | null) => {
    if (release) (groups[group] ??= []).push(release);
  };

  for (const file of listFiles(join(ROOT, 'seeds'))) {
    const rel = file.slice(ROOT.length);
    const { json, release } = await outcomeJsonAsync(async () => (await ingestFile(file, ROOT)).release);
    add(`seed:${rel}`, json);
    keep('seeds', release);
    texts.push({ name: rel, text: readFileSync(file, 'utf8') });
  }
  for (const file of listFiles(join(ROOT, 'tests/fixtures'))) {
    const rel = file.slice(ROOT.length);
    const { json, release } = await outcomeJsonAsync(async () => (await ingestFile(file, ROOT)).release);
    add(`fixture:${rel}`, json);
    keep('fixtures', release);
    if (rel.includes('/inspections/')) keep('inspections', release);
    if (/\.(txt|md)$/.test(rel)) texts.push({ name: rel, text: readFileSync(file, 'utf8') });
  }
  for (const seed of CORPUS_SEEDS) {
    const dir = mkdtempSync(join(tmpdir(), `parser-equality-${seed}-`));
    try {
      const { dir: corpus } = await generateCorpus({ findings: CORPUS_FINDINGS, seed, outDir: join(dir, 'corpus') });
      const files = listFiles(corpus);
      for (const [i, file] of files.entries()) {
        const rel = file.slice(corpus.length + 1);
        const { json, release } = await outcomeJsonAsync(async () => (await ingestFile(file, corpus)).release);
        add(`corpus-${seed}:${rel}`, json);
        keep(`corpus-${seed}`, release);
        // Every 8th corpus text is a mutation source: enough variety, bounded test time.
        if (i % 8 === 0) texts.push({ name: `corpus-${seed}/${rel}`, text: readFileSync(file, 'utf8') });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rng = new Rng(20261201);
  for (const source of texts) {
    for (let k = 0; k < MUTANTS_PER_TEXT; k++) {
      const mutant = mutate(source.text, texts, rng);
      const { json, release } = outcomeJson(() => parseMutant(mutant, k, rng));
      add(`mutant:${source.name}#${k}`, json);
      keep(`mutants-${k % 3}`, release);
    }
  }
  for (const [group, releases] of Object.entries(groups)) add(`boilerplate:${group}`, JSON.stringify(markBoilerplate(releases)));

  // The text helpers other modules rely on (doc-columns keys, highlight offsets), on every distinct text.
  const distinct = new Set<string>();
  for (const releases of Object.values(groups)) {
    for (const r of releases) {
      distinct.add(r.title);
      for (const s of r.sections) for (const p of s.paragraphs) distinct.add(p.text);
      for (const f of r.findings) distinct.add(f.text);
    }
  }
  for (const t of texts) for (const line of t.text.split('\n')) distinct.add(line);
  const sorted = [...distinct].sort();
  add('text:boilerplateKey', JSON.stringify(sorted.map(boilerplateKey)));
  add('text:tokenize', JSON.stringify(sorted.map((t) => tokenize(t).map((x) => `${x.term}@${x.start}-${x.end}`).join(' '))));
  add('text:foldForMatch', JSON.stringify(sorted.map(foldForMatch)));
  return outputs;
}

/** A mutant parsed through one of the parser's entry points (plain text, markdown, stated headline, pages). */
function parseMutant(text: string, k: number, rng: Rng): Release {
  switch (k % 4) {
    case 0:
      return ingestSource({ relPath: `m${k}.txt`, text });
    case 1:
      return ingestSource({ relPath: `m${k}.md`, text: rng.chance(0.5) ? `${FRONT_MATTER[rng.int(FRONT_MATTER.length)]}${text}` : text });
    case 2: {
      // A stated headline: the first line (as an HTML page states it), another line, or with extra spaces.
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      const pick = lines.length === 0 ? 'Headline' : rng.chance(0.6) ? lines[0]! : lines[rng.int(lines.length)]!;
      return parseRelease(text, { source: `m${k}.html`, title: rng.chance(0.3) ? ` ${pick.replace(/ /g, '  ')} ` : pick });
    }
    default: {
      const lineCount = text.split('\n').length;
      const linePages: number[] = [];
      let page = 1;
      for (let i = 0; i < lineCount; i++) {
        if (rng.chance(0.05)) page++;
        linePages.push(page);
      }
      return parseRelease(text, { source: `m${k}.pdf`, linePages, lineOffset: rng.int(3) });
    }
  }
}

const FRONT_MATTER = [
  '---\ntitle: A stated title\nforce: Essex\ndate: 2013-01-02\n---\n',
  '---\nslug: stated-slug\nregion: Eastern Region\n---\n',
  '---\ninspection: Integrity matters\ndate: 2014-05-01\n---\n',
  '---\nforce: Ruritania\n---\n',
];

/** mulberry32: deterministic on every platform. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** Replace some matches of `re` (global) with `by(match)`, each with probability `p`. */
function some(text: string, re: RegExp, p: number, rng: Rng, by: (m: string) => string): string {
  return text.replace(re, (m) => (rng.chance(p) ? by(m) : m));
}

const ACCENTED: Record<string, string[]> = {
  a: ['á', 'à', 'ä', 'a\u0301'],
  e: ['é', 'ë', 'ê', 'e\u0301'],
  o: ['ö', 'ó', 'ø'],
  i: ['í', 'ï', 'ı'],
  u: ['ü', 'ú'],
  c: ['ç'],
  n: ['ñ'],
  s: ['ß', 'ś'],
  I: ['İ', 'Í'],
  E: ['É'],
  A: ['Å', 'Ä'],
};
const JUNK = ['\u200B', '\u00AD', '\uFEFF', 'ﬁ', 'ﬂ', '😀', '𝐀', 'Ω', 'Добро', '日本', 'שלום', '\u2028', '\u0085', '\u3000', '\u205F', '…', '«', '»', '\u2032', '´', '`', '‚', '„'];
const BULLETS = ['-', '*', '+', '•', '\uF0B7', '\uF0A7', '–', '—', '●', '▪', '◦', '·', '‣', '⁃', '∙'];
const SPACES = ['\u00A0', '\u2009', '\u202F', '\t', '  ', '\u2002'];
const NUMBER_WORDS: Record<string, string> = {
  '1': 'one', '2': 'two', '3': 'three', '10': 'ten', '12': 'twelve', '25': 'twenty-five', '56': 'fifty six',
  '60': 'sixty', '100': 'one hundred', '116': 'one hundred and sixteen', '1204': '1,204', '0': 'no',
};

type Mutation = (text: string, rng: Rng, others: ReadonlyArray<{ text: string }>) => string;

const MUTATIONS: Mutation[] = [
  (t, r) => some(t, / /g, 0.05, r, () => r.pick(SPACES)),
  (t, r) => some(t, /["']/g, 0.5, r, (q) => (q === '"' ? r.pick(['“', '”', '„', '″']) : r.pick(['‘', '’', '′', '`', '´']))),
  (t, r) => some(t, /[“”‘’]/g, 0.5, r, (q) => (q === '“' || q === '”' ? '"' : "'")),
  (t, r) => some(t, /[aeioucnsIEA]/g, 0.03, r, (c) => r.pick(ACCENTED[c]!)),
  (t, r) => some(t, /^.+$/gm, 0.15, r, (line) => (r.chance(0.5) ? line.toUpperCase() : line.replace(/\b\w/g, (c) => c.toUpperCase()))),
  (t, r) => (r.chance(0.5) ? t.replace(/\n/g, '\r\n') : some(t, /\n/g, 0.3, r, () => '\r')),
  (t) => `\uFEFF${t}`,
  (t, r) => some(t, /\n/g, 0.2, r, () => r.pick([' \n', '\t\n', '\n  ', '\n\n', '\n \n'])),
  // Flattened: one paragraph, or no blank lines.
  (t, r) => (r.chance(0.5) ? t.replace(/\s*\n\s*/g, ' ') : t.replace(/\n\s*\n/g, '\n')),
  (t, r) => {
    const bullet = r.pick(BULLETS);
    let n = 0;
    return t.replace(/^(\s*)[-*•]\s+/gm, (_, indent: string) => (r.chance(0.2) ? `${indent}${++n}. ` : `${indent}${bullet}${r.chance(0.8) ? ' ' : ''}`));
  },
  // Inline bullets: list items joined on one line.
  (t, r) => t.replace(/\n(?:[-*•] )/g, () => r.pick([' • ', ' \uF0B7 ', ' ● ', '\n- '])),
  (t, r) => some(t, /\b[A-Za-z]{4,}\b/g, 0.04, r, (w) => r.pick([`**${w}**`, `*${w}*`, `__${w}__`, `_${w}_`, `[${w}](http://x.org/${w})`, `<http://www.${w}.uk>`])),
  (t, r) => some(t, /^(.+)$/gm, 0.08, r, (line) => r.pick([`# ${line}`, `## ${line} ##`, `> ${line}`, `${line}\n---`, `***\n${line}`, `${line}\n\n* * *`])),
  (t, r) => {
    const lines = t.split('\n');
    const i = r.int(lines.length);
    const j = r.int(lines.length);
    const op = r.int(3);
    if (op === 0) lines.splice(i, 1);
    else if (op === 1) lines.splice(i, 0, lines[j]!);
    else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  },
  (t, r) => t.slice(0, Math.max(1, r.int(t.length))),
  (t, r) => some(t, / /g, 0.01, r, () => ` ${r.pick(JUNK)} `),
  (t, r) => some(t, /\b(?:1204|116|100|60|56|25|12|10|3|2|1|0)\b/g, 0.5, r, (d) => NUMBER_WORDS[d] ?? d),
  (t, r) => some(t, /\b(?:one|two|three|ten|twelve|sixty)\b/g, 0.5, r, (w) => String(['one', 'two', 'three', 'ten', 'twelve', 'sixty'].indexOf(w) + 1)),
  (t, r) => some(t, /-/g, 0.3, r, () => r.pick(['–', '—', '\u2212', '\u2010', '\u2011'])),
  (t, r) => some(t, /\./g, 0.05, r, () => r.pick(['..', '...', '. ', '.\n', '!', '?'])),
  (t, r) => some(t, /\n\n/g, 0.1, r, () => r.pick(['\n\nNotes to editors\n\n', '\n\n1. A note. ', ' HMIC found: ', '\n\nHM Inspector of Constabulary, Zoë Billingham, said: ', '\n\nThe full report for Kent Police can be found here.\n\n'])),
  (t, r, others) => {
    const other = r.pick(others).text;
    const from = r.int(other.length);
    const chunk = other.slice(from, from + 50 + r.int(400));
    const at = r.int(t.length);
    return t.slice(0, at) + chunk + t.slice(at);
  },
  (t, r) => t + r.pick(['\n<script>alert(1)</script>\n<p>In <b>Essex</b>, HMIC found:</p>', '\n&amp; <br/>\n- a <i>finding</i>']),
  (t, r) => some(t, /\b(?:HMIC found|found that|said:)/g, 0.5, r, (m) => r.pick([m.toUpperCase(), m.replace(' ', '\n'), m.replace(' ', '  '), m.replace(':', ' :')])),
];

function mutate(text: string, others: ReadonlyArray<{ text: string }>, rng: Rng): string {
  const count = 1 + rng.int(4);
  let out = text;
  for (let i = 0; i < count; i++) out = rng.pick(MUTATIONS)(out, rng, others);
  return out;
}

async function main(): Promise<void> {
  const [command, dir] = process.argv.slice(2);
  const outputs = await collectOutputs();
  if (command === 'write') {
    mkdirSync(join(HASHES_FILE, '..'), { recursive: true });
    const hashes = Object.fromEntries(outputs.map((o) => [o.name, hashOf(o.json)]));
    writeFileSync(HASHES_FILE, `${JSON.stringify(hashes, null, 0).replace(/,"/g, ',\n"')}\n`);
    console.log(`wrote ${outputs.length} hashes to ${HASHES_FILE}`);
  } else if (command === 'dump' && dir) {
    mkdirSync(dir, { recursive: true });
    for (const [i, o] of outputs.entries()) writeFileSync(join(dir, `${String(i).padStart(5, '0')}.json`), `${o.name}\n${o.json}\n`);
    console.log(`dumped ${outputs.length} outputs to ${dir}`);
  } else {
    console.error('usage: tsx tests/helpers/parser-outputs.ts write | dump <dir>');
    process.exitCode = 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
