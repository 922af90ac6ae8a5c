/**
 * Turn a parsed query into match plans over the vocabulary: every query word becomes an atom
 * (term ids with weights for exact, stem, prefix and typo matches); the thesaurus layers become
 * weighted alternatives of a clause — curated synonyms (`lib/data/synonyms.json`, see
 * synonym-rules.ts) for any word or run of words, then WordNet relations computed at build time
 * (`lexicon.related`) for a single word the index does not contain; quoted text becomes phrases.
 */
import { stem } from '../text/stem';
import { terms } from '../text/tokenize';
import { RANKING } from './score';
import { allowedEdits } from './edit-distance';
import { MAX_SYNONYM_WORDS, synonymTargets, type SynonymPhrase } from './synonym-rules';
import type { Lexicon } from './lexicon';
import type { Clause, OrClause, ParsedQuery } from './parse-query';
import { emptyFacetSelection } from '../facets';
import type { HighlightPlan } from '../highlight/highlight';
import type { MatchHow } from '../match-how';

export type { MatchHow };

export interface Atom {
  /** The folded query word this atom stands for. */
  word: string;
  /** Vocabulary term id → weight (the best way it matched). */
  ids: Map<number, number>;
  /** Vocabulary term id → how it matched (the way that gave its weight in `ids`). */
  via: Map<number, MatchHow>;
  /** Folded strings accepted in the force / title / topic / inspector fields (exact and stem forms). */
  fieldWords: Set<string>;
}

export interface Alternative {
  type: 'and' | 'phrase';
  atoms: Atom[];
  /** The user's own wording (scored at full weight): a clause's first alternative; an OR group has one per operand. */
  own: boolean;
  /** Atoms of the own wording this alternative stands for (scales synonyms). */
  ownAtoms: number;
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

function setWeight(atom: Pick<Atom, 'ids' | 'via'>, id: number, weight: number, how: MatchHow) {
  if ((atom.ids.get(id) ?? 0) < weight) {
    atom.ids.set(id, weight);
    atom.via.set(id, how);
  }
}

interface AtomOptions {
  prefix: boolean;
  typo: boolean;
  scale: number;
  knownFieldWords: ReadonlySet<string>;
  /** For an atom of a thesaurus alternative: every term it matches is marked this way. */
  layer?: 'synonym' | 'thesaurus';
}

function buildAtom(word: string, lexicon: Lexicon, options: AtomOptions, corrections: Map<string, string>): Atom {
  const w = RANKING.matchWeight;
  const atom: Atom = { word, ids: new Map(), via: new Map(), fieldWords: new Set([word]) };
  const how = (own: MatchHow) => options.layer ?? own;
  const exact = lexicon.idOf.get(word);
  if (exact !== undefined) setWeight(atom, exact, w.exact * options.scale, how('exact'));
  for (const id of lexicon.stemGroup(stem(word))) {
    setWeight(atom, id, w.stem * options.scale, how('stem'));
    atom.fieldWords.add(lexicon.vocab[id]!);
  }
  if (options.prefix) {
    for (const id of lexicon.withPrefix(word, RANKING.maxPrefixExpansions)) setWeight(atom, id, w.prefix * options.scale, how('prefix'));
  }
  const known = atom.ids.size > 0 || options.knownFieldWords.has(word);
  const edits = allowedEdits(word.length);
  if (!known && options.typo && edits > 0) {
    const near = lexicon.near(word, edits, RANKING.maxTypoExpansions);
    for (const { termId } of near) {
      setWeight(atom, termId, w.typo * options.scale, how('typo'));
      atom.fieldWords.add(lexicon.vocab[termId]!);
    }
    if (near[0]) corrections.set(word, lexicon.vocab[near[0].termId]!);
  }
  return atom;
}

/** One alternative per target phrase (a phrase alternative when it has several words), scaled by `layer`'s weight. */
function layerAlternatives(targets: readonly (readonly string[])[], layer: 'synonym' | 'thesaurus', ownAtoms: number, lexicon: Lexicon, knownFieldWords: ReadonlySet<string>): Alternative[] {
  const options: AtomOptions = { prefix: false, typo: false, scale: RANKING.matchWeight[layer], knownFieldWords, layer };
  const unused = new Map<string, string>();
  return targets.map((words) => {
    const atoms = words.map((word) => buildAtom(word, lexicon, options, unused));
    return { type: atoms.length > 1 ? 'phrase' : 'and', atoms, own: false, ownAtoms };
  });
}

/**
 * WordNet relations (computed at build time into the index, see lib/index/build-thesaurus.ts) of a
 * single query word the index does not contain (neither the word nor its stem).
 */
function thesaurusTargets(word: string, lexicon: Lexicon): readonly string[][] {
  const wordStem = stem(word);
  if (lexicon.idOf.has(word) || lexicon.stemGroup(wordStem).length > 0) return [];
  return lexicon.related(wordStem);
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
      alternatives.push(...one.alternatives);
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
      negative.push({ negated: true, alternatives: [{ type: atoms.length > 1 ? 'phrase' : 'and', atoms, own: true, ownAtoms: atoms.length }] });
      continue;
    }
    // Longest run of consecutive single-word clauses (or one phrase) that a synonym rule expands.
    let runEnd = i;
    let targets: SynonymPhrase[] = [];
    if (clause.type === 'word' && words.length === 1) {
      for (let j = Math.min(clauses.length - 1, i + MAX_SYNONYM_WORDS - 1); j >= i; j--) {
        const run = clauses.slice(i, j + 1);
        if (run.some((c) => c.clause.negated || c.clause.type !== 'word' || c.words.length !== 1)) continue;
        const found = synonymTargets(run.map((c) => stem(spelling(c.words[0]!))).join(' '));
        if (found.length > 0) {
          targets = found;
          runEnd = j;
          break;
        }
      }
    } else {
      targets = synonymTargets(words.map(stem).join(' '));
    }
    const run = clauses.slice(i, runEnd + 1);
    const lastIndex = clauses.length - 1;
    const wording =
      clause.type === 'phrase' || words.length > 1
        ? { type: 'phrase' as const, atoms: words.map((w, k) => atomFor(w, clause, i === lastIndex && k === words.length - 1)) }
        : { type: 'and' as const, atoms: run.map((c, k) => atomFor(c.words[0]!, c.clause, i + k === lastIndex)) };
    const own: Alternative = { ...wording, own: true, ownAtoms: wording.atoms.length };
    // WordNet is the fallback layer: a curated rule, where one applies, knows the domain better.
    const related = targets.length === 0 && run.length === 1 && words.length === 1 ? thesaurusTargets(words[0]!, lexicon) : [];
    const alternatives = [
      own,
      ...layerAlternatives(targets.map((t) => t.words), 'synonym', own.ownAtoms, lexicon, knownFieldWords),
      ...layerAlternatives(related, 'thesaurus', own.ownAtoms, lexicon, knownFieldWords),
    ];
    positive.push({ negated: false, alternatives });
    i = runEnd;
  }
  const unmatched = positive.flatMap((c) => c.alternatives.filter((alt) => alt.own).flatMap((alt) => alt.atoms.filter((a) => a.ids.size === 0 && !knownFieldWords.has(a.word)).map((a) => a.word)));
  return { positive, negative, corrections, unmatched };
}

/**
 * The highlight plan of a compiled query (positive clauses only): single atoms mark anywhere,
 * phrases only where they occur; each term carries how it matched (the strongest way, by weight).
 */
export function highlightPlanOf(query: CompiledQuery, lexicon: Lexicon): HighlightPlan {
  const words = new Map<string, MatchHow>();
  const phrases: Map<string, MatchHow>[][] = [];
  const weight = RANKING.matchWeight;
  const add = (into: Map<string, MatchHow>, term: string, how: MatchHow) => {
    const had = into.get(term);
    if (had === undefined || weight[how] > weight[had]) into.set(term, how);
  };
  const strings = (atom: Atom) => {
    const out = new Map<string, MatchHow>();
    for (const [id, how] of atom.via) add(out, lexicon.vocab[id]!, how);
    return out;
  };
  for (const clause of query.positive) {
    for (const alt of clause.alternatives) {
      if (alt.type === 'phrase') phrases.push(alt.atoms.map(strings));
      else for (const atom of alt.atoms) for (const [term, how] of strings(atom)) add(words, term, how);
    }
  }
  return { words, phrases };
}
