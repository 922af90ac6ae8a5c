/**
 * Query language (documented in README "Query syntax"):
 *
 * - bare words are ANDed;                     `second jobs`
 * - `"quoted phrase"` must occur contiguously; `"second jobs"`
 * - `-word` / `-"phrase"` exclude;            `facebook -twitter`
 * - uppercase `OR` between two words or phrases makes one clause of alternatives, binding tighter
 *   than the implicit AND (`a b OR c` = a AND (b OR c)); chains `a OR b OR c`; lowercase `or` is a
 *   word. A dangling `OR` (at either end, doubled, next to a filter, a comparison or an exclusion)
 *   is reported in `error` and dropped;
 * - inline filters on every facet of lib/facets.ts: `force:`, `region:`, `inspection:`, `year:`,
 *   `topic:`, `section:`, `kind:` (value may be quoted);
 * - figure comparisons on the five figure keys: `secondJobApplications>50`, `socialMediaCases>=5`,
 *   `mediaDisclosureInvestigations=0` (operators `= != > >= < <=`), and on the derived
 *   `approvalRate` (`approvalRate<95`).
 *
 * Never throws: a syntax problem yields `error` (with its position) and the offending part is read
 * as plain words.
 */
import { FIGURE_KEYS } from '../schema';
import { FACET_NAMES, emptyFacetSelection, type FacetName } from '../facets';
import type { QueryError } from './types';

/** Inline filter keys: the facet names. */
export const FILTER_KEYS: readonly FacetName[] = FACET_NAMES;
export type FilterKey = FacetName;

export type ComparisonOp = '=' | '!=' | '>' | '>=' | '<' | '<=';

export interface WordClause {
  type: 'word';
  text: string;
  negated: boolean;
  /** True for the last bare word when the query does not end in a space (search-as-you-type). */
  prefix: boolean;
  position: number;
}

export interface PhraseClause {
  type: 'phrase';
  text: string;
  negated: boolean;
  position: number;
}

/** `a OR "b c" OR d`: the document must match at least one operand. */
export interface OrClause {
  type: 'or';
  /** At least two, in query order. */
  operands: (WordClause | PhraseClause)[];
  /** The group as written (`leak OR "media contact"`). */
  text: string;
  /** An OR group cannot be excluded (`-a OR b` is a dangling OR). */
  negated: false;
  position: number;
}

export type Clause = WordClause | PhraseClause | OrClause;

import { COMPARABLE_FIGURES, type ComparableFigure } from '../schema';
export { COMPARABLE_FIGURES, type ComparableFigure };

export interface FigureFilter {
  key: ComparableFigure;
  op: ComparisonOp;
  value: number;
}

export interface ParsedQuery {
  clauses: Clause[];
  filters: Record<FilterKey, string[]>;
  figures: FigureFilter[];
  error?: QueryError;
}

const FIGURE_KEY_BY_LOWER = new Map(COMPARABLE_FIGURES.map((k) => [k.toLowerCase(), k] as const));
const FIGURE_RE = /^([A-Za-z]+)(>=|<=|!=|=|>|<)(.*)$/;
const FILTER_RE = /^([A-Za-z]+):(.*)$/;

const emptyFilters = emptyFacetSelection;

interface RawToken {
  text: string;
  quoted: boolean;
  negated: boolean;
  position: number;
  /** For `key:"quoted value"` tokens, the key. */
  key?: string;
}

/** Split into raw tokens, honouring quotes; reports the first unmatched quote. */
function lex(q: string): { tokens: RawToken[]; error?: QueryError } {
  const tokens: RawToken[] = [];
  let error: QueryError | undefined;
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i]!)) i++;
    if (i >= q.length) break;
    const start = i;
    let negated = false;
    if (q[i] === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!)) {
      negated = true;
      i++;
    }
    const keyMatch = /^([A-Za-z]+):"/.exec(q.slice(i));
    const key = keyMatch?.[1];
    if (keyMatch) i += keyMatch[1]!.length + 1;
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      if (close < 0) {
        error ??= { code: 'E_QUERY', message: 'unmatched quote: the phrase was read as plain words', position: i };
        tokens.push(...q.slice(i + 1).split(/\s+/).filter(Boolean).map((text) => ({ text, quoted: false, negated: false, position: i })));
        break;
      }
      tokens.push({ text: q.slice(i + 1, close), quoted: true, negated, position: start, key });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < q.length && !/\s/.test(q[end]!)) end++;
    tokens.push({ text: q.slice(i, end), quoted: false, negated, position: start });
    i = end;
  }
  return { tokens, error };
}

/** A token read as a clause, an `OR`, or something else (a filter, a comparison, an empty phrase). */
type Item = { kind: 'clause'; clause: WordClause | PhraseClause } | { kind: 'or'; position: number } | { kind: 'other' };

/** Fold `x OR y` items into OR groups; a dangling `OR` is reported through `fail` and dropped. */
function groupAlternatives(items: Item[], fail: (message: string, position: number) => void): Clause[] {
  const out: Clause[] = [];
  const isOperand = (item: Item | undefined): item is { kind: 'clause'; clause: WordClause | PhraseClause } => item?.kind === 'clause' && !item.clause.negated;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'other') continue;
    if (item.kind === 'clause') {
      out.push(item.clause);
      continue;
    }
    const right = items[i + 1];
    if (!isOperand(items[i - 1]) || !isOperand(right)) {
      fail('OR needs a word or phrase on each side: it was ignored', item.position);
      continue;
    }
    // The left operand is the last clause out (alone, or already in a group: `a OR b OR c`).
    const left = out.pop()!;
    const group: OrClause = left.type === 'or' ? left : { type: 'or', operands: [left], text: '', negated: false, position: left.position };
    group.operands.push(right.clause);
    out.push(group);
    i++;
  }
  for (const clause of out) {
    if (clause.type === 'or') clause.text = clause.operands.map((o) => (o.type === 'phrase' ? `"${o.text}"` : o.text)).join(' OR ');
  }
  return out;
}

/** Parse a query string. Pure; never throws. */
export function parseQuery(q: string): ParsedQuery {
  const { tokens, error: lexError } = lex(q);
  let error = lexError;
  const items: Item[] = [];
  const filters = emptyFilters();
  const figures: FigureFilter[] = [];
  const fail = (message: string, position: number) => {
    error ??= { code: 'E_QUERY', message, position };
  };

  for (const token of tokens) {
    if (token.key !== undefined) {
      const key = token.key.toLowerCase();
      if ((FILTER_KEYS as readonly string[]).includes(key) && token.text.trim()) {
        filters[key as FilterKey].push(token.text.trim());
        items.push({ kind: 'other' });
      } else {
        items.push({ kind: 'clause', clause: { type: 'phrase', text: token.text, negated: token.negated, position: token.position } });
      }
      continue;
    }
    if (token.quoted) {
      if (token.text.trim()) items.push({ kind: 'clause', clause: { type: 'phrase', text: token.text, negated: token.negated, position: token.position } });
      else items.push({ kind: 'other' });
      continue;
    }
    const figure = FIGURE_RE.exec(token.text);
    const figureKey = figure && FIGURE_KEY_BY_LOWER.get(figure[1]!.toLowerCase());
    if (figure && figureKey) {
      const value = Number(figure[3]);
      if (figure[3] !== '' && Number.isFinite(value) && /^\d+$/.test(figure[3]!)) {
        figures.push({ key: figureKey, op: figure[2] as ComparisonOp, value });
      } else {
        fail(`"${figure[3]}" is not a whole number for ${figureKey}`, token.position);
      }
      items.push({ kind: 'other' });
      continue;
    }
    const filter = FILTER_RE.exec(token.text);
    if (filter && (FILTER_KEYS as readonly string[]).includes(filter[1]!.toLowerCase())) {
      if (filter[2]) filters[filter[1]!.toLowerCase() as FilterKey].push(filter[2]);
      else fail(`${filter[1]}: needs a value`, token.position);
      items.push({ kind: 'other' });
      continue;
    }
    if (token.text === 'OR' && !token.negated) {
      items.push({ kind: 'or', position: token.position });
      continue;
    }
    items.push({ kind: 'clause', clause: { type: 'word', text: token.text, negated: token.negated, prefix: false, position: token.position } });
  }

  const clauses = groupAlternatives(items, fail);
  const lastClause = clauses.at(-1);
  const last = lastClause?.type === 'or' ? lastClause.operands.at(-1) : lastClause;
  const lastToken = tokens.at(-1);
  if (last?.type === 'word' && !last.negated && lastToken?.position === last.position && !/\s$/.test(q)) last.prefix = true;
  return error ? { clauses, filters, figures, error } : { clauses, filters, figures };
}

/** True when `value op target` holds. */
export function compare(value: number, op: ComparisonOp, target: number): boolean {
  switch (op) {
    case '=':
      return value === target;
    case '!=':
      return value !== target;
    case '>':
      return value > target;
    case '>=':
      return value >= target;
    case '<':
      return value < target;
    case '<=':
      return value <= target;
  }
}
