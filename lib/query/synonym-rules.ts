/**
 * The curated synonym layer (`lib/data/synonyms.json`, validated here once): two-way groups and
 * one-way expansions, each as rules "a query phrase with these stems → these target phrases".
 */
import { z } from 'zod';
import synonymsFile from '../data/synonyms.json';
import { stem } from '../text/stem';
import { terms } from '../text/tokenize';

export const SYNONYMS_FORMAT_VERSION = 2;

const SynonymsFileSchema = z.object({
  formatVersion: z.literal(SYNONYMS_FORMAT_VERSION),
  comment: z.string(),
  groups: z.array(z.array(z.string().min(1)).min(2)),
  oneWay: z.array(z.object({ from: z.array(z.string().min(1)).min(1), to: z.array(z.string().min(1)).min(1) })),
});

/** A phrase of the synonym file: its folded words and their stems joined by spaces (the match key). */
export interface SynonymPhrase {
  words: string[];
  stems: string;
}

/** Query phrases (`from`) that expand to `to` (for a two-way group both are the group). */
export interface SynonymRule {
  from: SynonymPhrase[];
  to: SynonymPhrase[];
}

function phraseOf(text: string): SynonymPhrase {
  const words = terms(text);
  return { words, stems: words.map(stem).join(' ') };
}

function loadRules(): SynonymRule[] {
  const parsed = SynonymsFileSchema.safeParse(synonymsFile);
  if (!parsed.success) throw new Error(`lib/data/synonyms.json fails its schema: ${parsed.error.issues[0]?.message ?? ''}`);
  const groups = parsed.data.groups.map((group) => {
    const members = group.map(phraseOf);
    return { from: members, to: members };
  });
  const oneWay = parsed.data.oneWay.map((rule) => ({ from: rule.from.map(phraseOf), to: rule.to.map(phraseOf) }));
  return [...groups, ...oneWay];
}

export const SYNONYM_RULES: readonly SynonymRule[] = loadRules();

/** Longest query phrase of any rule, in words (how far a run of query words is tried). */
export const MAX_SYNONYM_WORDS = Math.max(...SYNONYM_RULES.flatMap((r) => r.from.map((p) => p.words.length)));

/**
 * The target phrases a query phrase with these stems expands to (every rule it is a `from` of),
 * without duplicates and without the query phrase itself; empty when no rule applies.
 */
export function synonymTargets(stems: string): SynonymPhrase[] {
  const seen = new Set<string>([stems]);
  const out: SynonymPhrase[] = [];
  for (const rule of SYNONYM_RULES) {
    if (!rule.from.some((p) => p.stems === stems)) continue;
    for (const target of rule.to) {
      if (seen.has(target.stems)) continue;
      seen.add(target.stems);
      out.push(target);
    }
  }
  return out;
}
