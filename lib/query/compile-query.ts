/**
 * Turn a parsed query into match plans over the vocabulary: every query word becomes an atom
 * (term ids with weights for exact, stem, prefix and typo matches), synonyms from
 * `lib/data/synonyms.json` become weighted alternatives, quoted text becomes phrases.
 */
import synonymsFile from '../data/synonyms.json';
import { stem } from '../text/stem';
import { terms } from '../text/tokenize';
import { RANKING } from './score';
import { allowedEdits } from './edit-distance';
import type { Lexicon } from './lexicon';
import type { Clause, OrClause, ParsedQuery } from './parse-query';
import { emptyFacetSelection } from '../facets';
import type { HighlightPlan } from '../highlight/highlight';

export type MatchHow = keyof typeof RANKING.matchWeight;

export interface Atom {
  /** The folded query word this atom stands for. */
  word: string;
  /** Vocabulary term id → weight (the best way it matched). */
  ids: Map<number, number>;
  /** Folded strings accepted in the force / title / topic fields (exact and stem forms). */
  fieldWords: Set<string>;
}

export interface Alternative {
  type: 'and' | 'phrase';
  atoms: Atom[];
  /** The user's own wording (scored at full weight). Default: only a clause's first alternative; an OR group has one per operand. */
  own?: boolean;
  /** Atoms of the own wording this alternative stands for (scales synonyms). Default: the clause's first alternative's. */
  ownAtoms?: number;
}

export interface CompiledClause {
  alternatives: Alternative[];
  negated: boolean;
}

export interface CompiledQuery {
  positive: CompiledClause[];
  negative: CompiledClause[];
  /** Query words that matched nothing and were read as their nearest vocabulary word. */
  corrections: Map<string, string>;
  /** Positive query words that match nothing at all, even after correction. */
  unmatched: string[];
}

interface SynonymMember {
  words: string[];
  stems: string;
}

const SYNONYM_GROUPS: SynonymMember[][] = (synonymsFile as { groups: string[][] }).groups.map((group) =>
  group.map((phrase) => {
    const words = terms(phrase);
    return { words, stems: words.map(stem).join(' ') };
  }),
);

function setWeight(ids: Map<number, number>, id: number, weight: number) {
  if ((ids.get(id) ?? 0) < weight) ids.set(id, weight);
}

interface AtomOptions {
  prefix: boolean;
  typo: boolean;
  scale: number;
  knownFieldWords: ReadonlySet<string>;
}

function buildAtom(word: string, lexicon: Lexicon, options: AtomOptions, corrections: Map<string, string>): Atom {
  const w = RANKING.matchWeight;
  const ids = new Map<number, number>();
  const fieldWords = new Set<string>([word]);
  const exact = lexicon.idOf.get(word);
  if (exact !== undefined) setWeight(ids, exact, w.exact * options.scale);
  for (const id of lexicon.stemGroup(stem(word))) {
    setWeight(ids, id, w.stem * options.scale);
    fieldWords.add(lexicon.vocab[id]!);
  }
  if (options.prefix) {
    for (const id of lexicon.withPrefix(word, RANKING.maxPrefixExpansions)) setWeight(ids, id, w.prefix * options.scale);
  }
  const known = ids.size > 0 || options.knownFieldWords.has(word);
  const edits = allowedEdits(word.length);
  if (!known && options.typo && edits > 0) {
    const near = lexicon.near(word, edits, RANKING.maxTypoExpansions);
    for (const { termId } of near) {
      setWeight(ids, termId, w.typo * options.scale);
      fieldWords.add(lexicon.vocab[termId]!);
    }
    if (near[0]) corrections.set(word, lexicon.vocab[near[0].termId]!);
  }
  return { word, ids, fieldWords };
}

function memberAlternatives(members: SynonymMember[], except: string, lexicon: Lexicon, knownFieldWords: ReadonlySet<string>): Alternative[] {
  const options: AtomOptions = { prefix: false, typo: false, scale: RANKING.matchWeight.synonym, knownFieldWords };
  const unused = new Map<string, string>();
  const seen = new Set<string>([except]);
  const alternatives: Alternative[] = [];
  for (const member of members) {
    if (seen.has(member.stems)) continue;
    seen.add(member.stems);
    const atoms = member.words.map((word) => buildAtom(word, lexicon, options, unused));
    alternatives.push({ type: atoms.length > 1 ? 'phrase' : 'and', atoms });
  }
  return alternatives;
}

function groupOf(stems: string): SynonymMember[] | undefined {
  return SYNONYM_GROUPS.find((group) => group.some((m) => m.stems === stems));
}

/**
 * Compile `parsed` against `lexicon`.
 * @param knownFieldWords folded words of force names etc., which count as known (no typo expansion).
 */
export function compileQuery(parsed: ParsedQuery, lexicon: Lexicon, knownFieldWords: ReadonlySet<string> = new Set()): CompiledQuery {
  const corrections = new Map<string, string>();
  const positive: CompiledClause[] = [];
  const negative: CompiledClause[] = [];
  const atomFor = (word: string, clause: Clause, isLastWord: boolean) =>
    buildAtom(
      word,
      lexicon,
      { prefix: clause.type === 'word' && clause.prefix && isLastWord, typo: !clause.negated, scale: 1, knownFieldWords },
      corrections,
    );

  // A misspelt word takes part in synonym matching as its correction ("facebok" → facebook → Twitter…).
  const spelling = (word: string) => {
    const edits = allowedEdits(word.length);
    if (edits === 0 || lexicon.idOf.has(word) || knownFieldWords.has(word) || lexicon.stemGroup(stem(word)).length > 0) return word;
    const nearest = lexicon.near(word, edits, 1)[0];
    return nearest ? lexicon.vocab[nearest.termId]! : word;
  };
  // `a OR "b c"`: one clause whose alternatives are each operand compiled as a clause of its own
  // (own wording at full weight, then its synonyms scaled to it).
  const orGroup = (clause: OrClause): CompiledClause | null => {
    const alternatives: Alternative[] = [];
    for (const operand of clause.operands) {
      const compiled = compileQuery({ clauses: [operand], filters: emptyFacetSelection(), figures: [] }, lexicon, knownFieldWords);
      for (const [word, fixed] of compiled.corrections) corrections.set(word, fixed);
      const one = compiled.positive[0];
      if (!one) continue;
      const ownAtoms = one.alternatives[0]!.atoms.length;
      one.alternatives.forEach((alt, a) => alternatives.push({ ...alt, own: a === 0, ownAtoms }));
    }
    return alternatives.length > 0 ? { negated: false, alternatives } : null;
  };
  // Single-term positive words, in order, are candidates for multi-word synonym matches.
  const clauses = parsed.clauses.map((clause) => ({ clause, words: clause.type === 'or' ? [] : terms(clause.text) })).filter((c) => c.clause.type === 'or' || c.words.length > 0);
  for (let i = 0; i < clauses.length; i++) {
    const { clause, words } = clauses[i]!;
    if (clause.type === 'or') {
      const group = orGroup(clause);
      if (group) positive.push(group);
      continue;
    }
    if (clause.negated) {
      const atoms = words.map((w) => buildAtom(w, lexicon, { prefix: false, typo: false, scale: 1, knownFieldWords }, corrections));
      negative.push({ negated: true, alternatives: [{ type: atoms.length > 1 ? 'phrase' : 'and', atoms }] });
      continue;
    }
    // Longest run of consecutive single-word clauses (or one phrase) that is a synonym member.
    let runEnd = i;
    let group: SynonymMember[] | undefined;
    let runStems = words.map(stem).join(' ');
    if (clause.type === 'word' && words.length === 1) {
      for (let j = Math.min(clauses.length - 1, i + 3); j >= i; j--) {
        const run = clauses.slice(i, j + 1);
        if (run.some((c) => c.clause.negated || c.clause.type !== 'word' || c.words.length !== 1)) continue;
        const stems = run.map((c) => stem(spelling(c.words[0]!))).join(' ');
        const g = groupOf(stems);
        if (g) {
          group = g;
          runEnd = j;
          runStems = stems;
          break;
        }
      }
    } else {
      group = groupOf(runStems);
    }
    const run = clauses.slice(i, runEnd + 1);
    const lastIndex = clauses.length - 1;
    const own: Alternative =
      clause.type === 'phrase' || words.length > 1
        ? { type: 'phrase', atoms: words.map((w, k) => atomFor(w, clause, i === lastIndex && k === words.length - 1)) }
        : { type: 'and', atoms: run.map((c, k) => atomFor(c.words[0]!, c.clause, i + k === lastIndex)) };
    const alternatives = [own, ...(group ? memberAlternatives(group, runStems, lexicon, knownFieldWords) : [])];
    positive.push({ negated: false, alternatives });
    i = runEnd;
  }
  const ownWording = (c: CompiledClause) => c.alternatives.filter((alt, a) => alt.own ?? a === 0);
  const unmatched = positive.flatMap((c) => ownWording(c).flatMap((alt) => alt.atoms.filter((a) => a.ids.size === 0 && !knownFieldWords.has(a.word)).map((a) => a.word)));
  return { positive, negative, corrections, unmatched };
}

/** The highlight plan of a compiled query (positive clauses only): single atoms mark anywhere, phrases only where they occur. */
export function highlightPlanOf(query: CompiledQuery, lexicon: Lexicon): HighlightPlan {
  const words = new Set<string>();
  const phrases: Set<string>[][] = [];
  const strings = (atom: Atom) => new Set([...atom.ids.keys()].map((id) => lexicon.vocab[id]!));
  for (const clause of query.positive) {
    for (const alt of clause.alternatives) {
      if (alt.type === 'phrase') phrases.push(alt.atoms.map(strings));
      else for (const atom of alt.atoms) for (const s of strings(atom)) words.add(s);
    }
  }
  return { words, phrases };
}
