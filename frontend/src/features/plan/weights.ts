import { compareDecimals, parseDecimal, sumDecimals } from '../../lib/decimal';

// The four method weights of a plan (DESIGN R4): percentages that must sum
// to exactly 100.

export interface WeightsLike {
  dailyMonitoring: string | number | null | undefined;
  fieldVisits: string | number | null | undefined;
  publicOpinion: string | number | null | undefined;
  thirdParty: string | number | null | undefined;
}

export const weightFields = [
  { key: 'dailyMonitoring', label: '日常监测' },
  { key: 'fieldVisits', label: '实地调研' },
  { key: 'publicOpinion', label: '民意调查' },
  { key: 'thirdParty', label: '第三方评估' },
] as const satisfies ReadonlyArray<{ key: keyof WeightsLike; label: string }>;

export function weightsSum(w: WeightsLike): string {
  return sumDecimals(weightFields.map((f) => w[f.key]));
}

/** Null when the weights are complete, within 0–100 and sum to 100; else what is wrong, in Chinese. */
export function weightsProblem(w: WeightsLike): string | null {
  const missing = weightFields.filter((f) => parseDecimal(w[f.key]) === null);
  if (missing.length > 0) return `请填写${missing.map((f) => f.label).join('、')}的权重`;
  const outOfRange = weightFields.filter((f) => compareDecimals(w[f.key], 0) < 0 || compareDecimals(w[f.key], 100) > 0);
  if (outOfRange.length > 0) return `${outOfRange.map((f) => f.label).join('、')}的权重应在 0 到 100 之间`;
  const sum = weightsSum(w);
  if (compareDecimals(sum, 100) !== 0) return `四项权重之和应为 100%,当前为 ${sum}%`;
  return null;
}
