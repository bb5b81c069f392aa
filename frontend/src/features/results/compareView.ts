// The comparison table: one row per figure, one column per evaluatee, the
// best and worst of every row marked.
import { resultsT } from './messages';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 6;

/** Why a selection cannot be compared yet, or null when it can. */
export function compareProblem(count: number): string | null {
  if (count < MIN_COMPARED) return resultsT('compareTooFew', { min: MIN_COMPARED, max: MAX_COMPARED }) + (count === 1 ? resultsT('compareOneMore') : '');
  if (count > MAX_COMPARED) return resultsT('compareTooMany', { max: MAX_COMPARED, count, extra: count - MAX_COMPARED });
  return null;
}

export interface CompareRow {
  key: string;
  label: string;
  /** One value per evaluatee column; null = no figure (not carried, no data). */
  values: (number | null)[];
  /** For ranks, lower is better. */
  lowerIsBetter?: boolean;
  /** The label is data (a dimension's or indicator's name), not a word of the UI. */
  data?: boolean;
  /** How a value reads: "82.61", "85.00%", "第 2 名". */
  format: (v: number) => string;
}

/** Which columns hold the best and the worst value of a row; none when fewer than two values differ. */
export function bestAndWorst(row: Pick<CompareRow, 'values' | 'lowerIsBetter'>): { best: Set<number>; worst: Set<number> } {
  const present = row.values.map((v, i) => [v, i] as const).filter((x): x is readonly [number, number] => x[0] !== null);
  const best = new Set<number>();
  const worst = new Set<number>();
  if (present.length < 2) return { best, worst };
  const vals = present.map(([v]) => v);
  const hi = Math.max(...vals);
  const lo = Math.min(...vals);
  if (hi === lo) return { best, worst };
  const [top, bottom] = row.lowerIsBetter ? [lo, hi] : [hi, lo];
  for (const [v, i] of present) {
    if (v === top) best.add(i);
    if (v === bottom) worst.add(i);
  }
  return { best, worst };
}

/** The ids in ?ids=1,2,3: distinct, in order. */
export function parseIds(param: string | null): string[] {
  return [...new Set((param ?? '').split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s)))];
}
