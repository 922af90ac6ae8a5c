/**
 * Figure range selections as they live in the URL: comparisons in `q`
 * (`secondJobApplications>=50 secondJobApplications<100`, see parse-query.ts). Pure string
 * helpers for the bucket links and chips of `/` and `/figures` (safe in client components).
 */
import { COMPARABLE_FIGURES, type ComparableFigure, type ComparisonOp } from './parse-query';

const KEY_BY_LOWER = new Map<string, ComparableFigure>(COMPARABLE_FIGURES.map((k) => [k.toLowerCase(), k] as const));
const COMPARISON = /^([A-Za-z]+)(>=|<=|!=|=|>|<)(\d+)$/;

export interface Comparison {
  key: ComparableFigure;
  op: ComparisonOp;
  value: number;
}

/** The whitespace-separated parts of `q` outside quotes, with their comparison (if one). */
function parts(q: string): { text: string; comparison: Comparison | null }[] {
  const out: { text: string; comparison: Comparison | null }[] = [];
  const re = /"[^"]*"?|\S+/g;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const text = m[0];
    const c = COMPARISON.exec(text);
    const key = c && KEY_BY_LOWER.get(c[1]!.toLowerCase());
    out.push({ text, comparison: c && key ? { key, op: c[2] as ComparisonOp, value: Number(c[3]) } : null });
  }
  return out;
}

/** The figure comparisons in `q` (on `key`, or on every figure). */
export function figureComparisons(q: string, key?: ComparableFigure): Comparison[] {
  return parts(q)
    .map((p) => p.comparison)
    .filter((c): c is Comparison => c !== null && (key === undefined || c.key === key));
}

/** `q` without the comparisons on `key` (on every figure when no key is given). */
export function withoutFigureComparisons(q: string, key?: ComparableFigure): string {
  return parts(q)
    .filter((p) => !p.comparison || (key !== undefined && p.comparison.key !== key))
    .map((p) => p.text)
    .join(' ');
}

/** `q` with the range of `key` set to [from, to) (its previous comparisons replaced). */
export function withFigureRange(q: string, key: ComparableFigure, from: number, to: number): string {
  const rest = withoutFigureComparisons(q, key);
  return `${rest ? `${rest} ` : ''}${key}>=${from} ${key}<${to}`;
}

/** True when the comparisons on `key` in `q` are exactly `>= from` and `< to`. */
export function isFigureRange(q: string, key: ComparableFigure, from: number, to: number): boolean {
  const cs = figureComparisons(q, key);
  return cs.length === 2 && cs.some((c) => c.op === '>=' && c.value === from) && cs.some((c) => c.op === '<' && c.value === to);
}
