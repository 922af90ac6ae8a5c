/**
 * A compiled query flattened for execution: every atom with its idf, the forces, topics and
 * inspectors its words name, and a term id → (atom, weight) table for scanning a document's positions.
 */
import type { Alternative, Atom, CompiledClause } from './compile-query';
import type { PreparedIndex } from './prepare-index';
import { idfOf } from './score';
import { FUNCTION_WORDS } from '../text/function-words';

export interface FlatAtom {
  atom: Atom;
  clause: number;
  idf: number;
  /** Per force value index: 1 when the atom matches a word of that force's name. */
  forceMatch: Uint8Array;
  /** Bitmask of topics whose label contains the atom's words (a ranking boost). */
  topicBits: number;
  /**
   * Topics whose documents the atom matches as a word of their label (`topicBits` without function
   * words; 0 in a plan built without label matches): "misconduct" finds the documents of
   * "Misconduct and investigations", at the topic field's weight, below any text match.
   */
  topicMatch: number;
  /** Per inspector value index: 1 when the atom matches a word of that inspector's name (quote paragraphs). */
  inspectorMatch: Uint8Array;
  /** The atom's field words that occur in some release title (`index.titleWordIds`). */
  titleWordIds: number[];
}

export interface Plan {
  atoms: FlatAtom[];
  /** term id → [flat atom index, weight] pairs */
  roles: Map<number, [number, number][]>;
  /** Per clause, its alternatives: `own` (the user's wording) and `ownAtoms` as in {@link Alternative}. */
  clauses: { alternatives: { type: Alternative['type']; atoms: number[]; own: boolean; ownAtoms: number }[] }[];
  positiveCount: number;
  /** True while `index.scratchTerms` marks this plan's terms (see `withTermRoles`). */
  termsMarked: boolean;
  /** True when some clause has a phrase alternative (whose order only positions can check). */
  hasPhrases: boolean;
  /** Clause of each atom. */
  atomClause: Int32Array;
  /** True when some term belongs to atoms of two clauses (they can then match at one position). */
  clausesShareTerms: boolean;
  /** Per release × atom: 1 when the atom matches a title word, 0 when not, -1 not looked up yet. */
  titleHits: Int8Array | null;
}

/**
 * Flatten `clauses` for execution over `index`.
 * @param labelMatches let words match topic labels and inspector names (default true; false for the
 *   negative clauses: "-social" excludes the documents saying it, not a whole topic).
 */
export function planOf(index: PreparedIndex, clauses: readonly CompiledClause[], labelMatches = true): Plan {
  const { lexicon } = index;
  const atoms: FlatAtom[] = [];
  const roles = new Map<number, [number, number][]>();
  const planned = clauses.map((clause, c) => ({
    alternatives: clause.alternatives.map((alt) => ({
      type: alt.type,
      own: alt.own,
      ownAtoms: alt.ownAtoms,
      atoms: alt.atoms.map((atom) => {
        const g = atoms.length;
        let df = 0;
        for (const id of atom.ids.keys()) df += lexicon.df[id]!;
        const forceMatch = Uint8Array.from(index.forceWords, (words) => ([...atom.fieldWords].some((w) => words.has(w)) ? 1 : 0));
        let topicBits = 0;
        index.topicWords.forEach((words, bit) => {
          if ([...atom.fieldWords].some((w) => words.has(w))) topicBits |= 1 << bit;
        });
        const labelWord = labelMatches && !FUNCTION_WORDS.has(atom.word);
        const inspectorMatch = Uint8Array.from(index.inspectorWords, (words) => (labelWord && [...atom.fieldWords].some((w) => words.has(w)) ? 1 : 0));
        atoms.push({ atom, clause: c, idf: idfOf(Math.min(df, lexicon.docCount), lexicon.docCount), forceMatch, topicBits, topicMatch: labelWord ? topicBits : 0, inspectorMatch, titleWordIds: index.titleWordIds(atom.fieldWords) });
        for (const [id, weight] of atom.ids) {
          const list = roles.get(id);
          if (list) list.push([g, weight]);
          else roles.set(id, [[g, weight]]);
        }
        return g;
      }),
    })),
  }));
  const hasPhrases = planned.some((c) => c.alternatives.some((a) => a.type === 'phrase'));
  const atomClause = Int32Array.from(atoms, (a) => a.clause);
  let clausesShareTerms = false;
  for (const list of roles.values()) if (new Set(list.map(([g]) => atoms[g]!.clause)).size > 1) clausesShareTerms = true;
  // Title matches are per release: remembered for the query (bounded: skipped for huge plans).
  const titleCells = index.core.releaseCount * atoms.length;
  const titleHits = titleCells > 0 && titleCells <= 4_000_000 ? new Int8Array(titleCells).fill(-1) : null;
  return { atoms, roles, clauses: planned, positiveCount: clauses.length, termsMarked: false, hasPhrases, atomClause, clausesShareTerms, titleHits };
}

