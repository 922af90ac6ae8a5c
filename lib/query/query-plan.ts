/**
 * A compiled query flattened for execution: every atom with its idf, the forces and topics its
 * words name, and a term id → (atom, weight) table for scanning a document's positions.
 */
import type { Alternative, Atom, CompiledClause } from './compile-query';
import type { PreparedIndex } from './prepare-index';
import { idfOf } from './score';

export interface FlatAtom {
  atom: Atom;
  clause: number;
  idf: number;
  /** Upper bound of the atom's weighted term frequency in any document: Σ weight × maxTf over its terms. */
  maxTf: number;
  /** Largest weight of its terms (weighted tf ≤ maxWeight × document length). */
  maxWeight: number;
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
        let maxTf = 0;
        let maxWeight = 0;
        for (const [id, weight] of atom.ids) {
          df += lexicon.df[id]!;
          maxTf += weight * lexicon.maxTf[id]!;
          if (weight > maxWeight) maxWeight = weight;
        }
        const forceMatch = Uint8Array.from(index.forceWords, (words) => ([...atom.fieldWords].some((w) => words.has(w)) ? 1 : 0));
        let topicBits = 0;
        index.topicWords.forEach((words, bit) => {
          if ([...atom.fieldWords].some((w) => words.has(w))) topicBits |= 1 << bit;
        });
        atoms.push({ atom, clause: c, idf: idfOf(Math.min(df, lexicon.docCount), lexicon.docCount), maxTf, maxWeight, forceMatch, topicBits });
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

