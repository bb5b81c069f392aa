// How results read in tables: the four components in a fixed order with
// missing ones as “—”, the weights as they apply after redistribution, and
// dimension scores by dimension.
import type { MissingComponentRule, ScoringMethod } from '../../gql/graphql';
import { compareDecimals, formatDecimal, parseDecimal, sumDecimals } from '../../lib/decimal';
import { scoringMethodLabels, scoringMethods } from '../../lib/evaluation';

export const MISSING = '—';

export interface ComponentLike {
  method: ScoringMethod;
  weight: string;
  value: string | null;
}

export interface ComponentCell {
  method: ScoringMethod;
  label: string;
  /** Weight in percent from the plan, for display ("60"). */
  weight: string;
  /** Weight as it applies to this row: scaled up when others are missing (redistribute), "0" when missing. */
  effectiveWeight: string;
  /** "82.61", or — when the method has no data. */
  text: string;
  missing: boolean;
}

/** a × 100 / b to two decimals (display only). */
function percentOf(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y || y.units === 0n) return '0';
  // Scale both to the same number of decimals, then divide with 4 extra digits.
  const scale = Math.max(x.scale, y.scale);
  const xs = x.units * 10n ** BigInt(scale - x.scale);
  const ys = y.units * 10n ** BigInt(scale - y.scale);
  const q = (xs * 100n * 10000n) / ys; // ×10^4
  const whole = q / 10000n;
  const frac = (q % 10000n).toString().padStart(4, '0');
  return formatDecimal(`${whole}.${frac}`);
}

/**
 * The four components of a row in the method order 日常监测, 实地调研,
 * 民意调查, 第三方评估; a method the server did not send, or sent without a
 * value, is missing (—). Under `REDISTRIBUTE` the present weights are
 * scaled up to 100%; under `ZERO` a missing component keeps its weight and
 * counts 0.
 */
export function componentCells(components: readonly ComponentLike[], rule: MissingComponentRule = 'REDISTRIBUTE'): ComponentCell[] {
  const byMethod = new Map(components.map((c) => [c.method, c]));
  const present = components.filter((c) => c.value !== null && c.value !== '');
  const presentWeight = sumDecimals(present.map((c) => c.weight));
  return scoringMethods.map((method) => {
    const c = byMethod.get(method);
    const missing = !c || c.value === null || c.value === '';
    const weight = c ? formatDecimal(c.weight) : '0';
    let effectiveWeight = weight;
    if (missing) effectiveWeight = rule === 'ZERO' ? weight : '0';
    else if (rule === 'REDISTRIBUTE' && compareDecimals(presentWeight, '100') !== 0) effectiveWeight = percentOf(c.weight, presentWeight);
    return { method, label: scoringMethodLabels[method], weight, effectiveWeight, text: missing ? MISSING : fixedDecimal(c.value), missing };
  });
}

/** Rounds half up to `places` decimals and keeps them all ("82.9" → "82.90"), so columns of figures line up. */
export function fixedDecimal(value: string | null | undefined, places = 2): string {
  const t = formatDecimal(value, places);
  if (t === '') return '';
  const [whole, frac = ''] = t.split('.');
  return places > 0 ? `${whole}.${frac.padEnd(places, '0')}` : (whole ?? '');
}

/** A result's score for a table: two decimals, or — when there is nothing to score. */
export function scoreText(score: string | null | undefined): string {
  const t = fixedDecimal(score);
  return t === '' ? MISSING : t;
}

export interface DimensionLike {
  dimensionId: string;
  score: string;
}

/** A row's dimension score by dimension id: the score, or — when the evaluatee carries no task there. */
export function dimensionText(dimensions: readonly DimensionLike[], dimensionId: string): string {
  const d = dimensions.find((x) => x.dimensionId === dimensionId);
  return d ? fixedDecimal(d.score) : MISSING;
}

/**
 * Checks a ranking as shown: ranks ascend from 1, scores descend, and equal
 * scores share a rank (1, 2, 2, 4). Returns the first problem in words, or
 * null. Used by the tests to pin the page to the rule of DESIGN §2.9.
 */
export function rankingProblem(rows: ReadonlyArray<{ rank: number; score: string | null }>): string | null {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i === 0 && r.rank !== 1) return `第一行名次是 ${r.rank},应为 1`;
    if (i === 0) continue;
    const p = rows[i - 1]!;
    if (r.rank < p.rank) return `第 ${i + 1} 行名次 ${r.rank} 小于上一行 ${p.rank}`;
    if (p.score !== null && r.score !== null) {
      const c = compareDecimals(r.score, p.score);
      if (c > 0) return `第 ${i + 1} 行得分 ${r.score} 高于上一行 ${p.score}`;
      if (c === 0 && r.rank !== p.rank) return `第 ${i + 1} 行与上一行得分相同,名次应相同`;
      if (c < 0 && r.rank !== i + 1) return `第 ${i + 1} 行名次应为 ${i + 1}`;
    }
  }
  return null;
}
