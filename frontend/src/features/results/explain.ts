// The formula in words, with one unit's numbers: what a leader reads
// before (or instead of) the exact steps.
import { formatDecimal } from '../../lib/decimal';
import { chineseNumber } from '../../lib/labels';
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

/** "一、营商环境 17.00 分 = 分值 20 分 × 得分率 85.00%(任务得分 8.5 ÷ 承担任务分值 10)". */
export function explainDimension(d: DimensionFigures): string {
  return `${chineseNumber(d.number)}、${d.name} ${two(d.score)} 分 = 分值 ${formatDecimal(d.points)} 分 × 得分率 ${percentText(ratePercent(d.earned, d.carriedPoints))}(任务得分 ${formatDecimal(d.earned, 4)} ÷ 承担任务分值 ${formatDecimal(d.carriedPoints, 4)})`;
}

/** "日常监测 82.61 分 = 各方面得分率按分值加权:…". */
export function explainDaily(daily: string | null | undefined, dims: DimensionFigures[]): string {
  if (daily == null) return '日常监测暂无数据:没有经核实的任务得分。';
  const parts = [...dims].sort((a, b) => a.number - b.number).map((d) => `${chineseNumber(d.number)}、${d.name} ${two(d.score)}`);
  const carried = dims.reduce((s, d) => s + Number(d.points), 0);
  const scaled = Math.abs(carried - 100) > 0.001 && carried > 0;
  if (!scaled) return `日常监测 ${two(daily)} 分 = 各方面得分率按分值加权:${parts.join(' + ')}。`;
  return `日常监测 ${two(daily)} 分 = 各方面得分率按分值加权:(${parts.join(' + ')}) ÷ 承担方面的分值 ${formatDecimal(String(carried))} × 100(未承担的方面不计)。`;
}

/** "半年得分 86.20 分 = 日常监测 82.61 × 60% + …". */
export function explainFinal(score: string | null | undefined, cells: ComponentCell[]): string {
  if (score == null) return '暂无得分:四项考评都没有可计入的数据。';
  const used = cells.filter((c) => !c.missing && c.effectiveWeight !== '0');
  const missing = cells.filter((c) => c.missing);
  const sum = used.map((c) => `${c.label} ${c.text} 分 × ${c.effectiveWeight}%`).join(' + ');
  const note = missing.length ? `(${missing.map((c) => c.label).join('、')}暂无数据,${used.some((c) => c.effectiveWeight !== c.weight) ? '其权重按比例分给其他各项' : '按 0 分计'})` : '';
  return `半年得分 ${two(score)} 分 = 四项得分按权重加权:${sum}${note},四舍五入保留两位小数。`;
}
