/**
 * A compiled query flattened for execution: every atom with its idf, the forces and topics its
 * words name, and a term id → (atom, weight) table for scanning a document's positions.
 */
import type { Alternative, Atom, CompiledClause } from './compile-query';
import type { PreparedIndex } from './prepare-index';

export interface FlatAtom {
  atom: Atom;
  clause: number;
  idf: number;
  /** Per force value index: 1 when the atom matches a word of that force's name. */
  forceMatch: Uint8Array;
  /** Bitmask of topics whose label contains the atom's words. */
  topicBits: number;
}

export interface Plan {
  atoms: FlatAtom[];
  /** term id → [flat atom index, weight] pairs */
  roles: Map<number, [number, number][]>;
  clauses: { alternatives: { type: Alternative['type']; atoms: number[] }[] }[];
  positiveCount: number;
}

export function idfOf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function planOf(index: PreparedIndex, clauses: readonly CompiledClause[]): Plan {
  const { lexicon } = index;
  const atoms: FlatAtom[] = [];
  const roles = new Map<number, [number, number][]>();
  const planned = clauses.map((clause, c) => ({
    alternatives: clause.alternatives.map((alt) => ({
      type: alt.type,
      atoms: alt.atoms.map((atom) => {
        const g = atoms.length;
        let df = 0;
        for (const id of atom.ids.keys()) df += lexicon.df[id]!;
        const forceMatch = Uint8Array.from(index.forceWords, (words) => ([...atom.fieldWords].some((w) => words.has(w)) ? 1 : 0));
        let topicBits = 0;
        index.topicWords.forEach((words, bit) => {
          if ([...atom.fieldWords].some((w) => words.has(w))) topicBits |= 1 << bit;
        });
        atoms.push({ atom, clause: c, idf: idfOf(Math.min(df, lexicon.docCount), lexicon.docCount), forceMatch, topicBits });
        for (const [id, weight] of atom.ids) {
          const list = roles.get(id);
          if (list) list.push([g, weight]);
          else roles.set(id, [[g, weight]]);
        }
        return g;
      }),
    })),
  }));
  return { atoms, roles, clauses: planned, positiveCount: clauses.length };
}

