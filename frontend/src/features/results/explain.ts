// The formula in words, with one unit's numbers: what a leader reads
// before (or instead of) the exact steps.
import { formatDecimal } from '../../lib/decimal';
import { currentLocale } from '../../lib/i18n';
import { dimensionNumberLabel } from '../../lib/labels';
import { resultsT } from './messages';
import type { ComponentCell } from './format';

export interface DimensionFigures {
  number: number;
  name: string;
  points: string;
  carriedPoints: string;
  earned: string;
  score: string;
}

/** score ÷ points in percent, two decimals ("85.00"); null when points are 0. */
export function ratePercent(score: string | number | null | undefined, points: string | number | null | undefined): number | null {
  const s = Number(score);
  const p = Number(points);
  if (score == null || points == null || !Number.isFinite(s) || !Number.isFinite(p) || p === 0) return null;
  return Math.round((s * 10000) / p) / 100;
}

export function percentText(rate: number | string | null | undefined): string {
  if (rate == null || rate === '') return '—';
  return `${Number(rate).toFixed(2)}%`;
}

const two = (v: string | number) => Number(v).toFixed(2);

/** "一、营商环境" / "1. Business environment" (call during render). */
export function dimensionLabel(number: number, name: string): string {
  return `${dimensionNumberLabel(number)}${currentLocale() === 'en' ? ' ' : ''}${name}`;
}

/** "一、营商环境 17.00 分 = 分值 20 分 × 得分率 85.00%(任务得分 8.5 ÷ 承担任务分值 10)". */
export function explainDimension(d: DimensionFigures): string {
  return resultsT('explainDimension', {
    label: dimensionLabel(d.number, d.name),
    score: two(d.score),
    points: formatDecimal(d.points),
    rate: percentText(ratePercent(d.earned, d.carriedPoints)),
    earned: formatDecimal(d.earned, 4),
    carried: formatDecimal(d.carriedPoints, 4),
  });
}

/** "日常监测 82.61 分 = 各方面得分率按分值加权:…". */
export function explainDaily(daily: string | null | undefined, dims: DimensionFigures[]): string {
  if (daily == null) return resultsT('explainDailyNone');
  const parts = [...dims].sort((a, b) => a.number - b.number).map((d) => resultsT('explainDailyPart', { label: dimensionLabel(d.number, d.name), score: two(d.score) }));
  const carried = dims.reduce((s, d) => s + Number(d.points), 0);
  const scaled = Math.abs(carried - 100) > 0.001 && carried > 0;
  if (!scaled) return resultsT('explainDaily', { daily: two(daily), parts: parts.join(' + ') });
  return resultsT('explainDailyScaled', { daily: two(daily), parts: parts.join(' + '), carried: formatDecimal(String(carried)) });
}

/** "半年得分 86.20 分 = 日常监测 82.61 × 60% + …". */
export function explainFinal(score: string | null | undefined, cells: ComponentCell[]): string {
  if (score == null) return resultsT('explainFinalNone');
  const used = cells.filter((c) => !c.missing && c.effectiveWeight !== '0');
  const missing = cells.filter((c) => c.missing);
  const sum = used.map((c) => resultsT('explainFinalPart', { label: c.label, text: c.text, weight: c.effectiveWeight })).join(' + ');
  const labels = missing.map((c) => c.label).join(resultsT('listSeparator'));
  const shared = used.some((c) => c.effectiveWeight !== c.weight);
  const note = missing.length ? resultsT(shared ? 'explainFinalMissingShared' : 'explainFinalMissingZero', { labels }) : '';
  return resultsT('explainFinal', { score: two(score), sum, note });
}
