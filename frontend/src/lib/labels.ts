import type { RankingGroup, UnitKind } from '../gql/graphql';
import { enumLabelMap } from './enumLabels';
import { currentLocale } from './i18n';
import { useLibT } from './messages';

/** Words from the server (lib/enumLabels). */
export const unitKindLabels = enumLabelMap('UnitKind');

export const unitKindColors: Record<UnitKind, string> = {
  DISTRICT: 'geekblue',
  DEV_ZONE: 'cyan',
  DEPARTMENT: 'default',
};

export const unitKinds: readonly UnitKind[] = ['DISTRICT', 'DEV_ZONE', 'DEPARTMENT'];

export const rankingGroupLabels = enumLabelMap('RankingGroup');

export const rankingGroups: readonly RankingGroup[] = ['DISTRICTS', 'DEPARTMENTS'];

/** Districts and development zones rank together; departments apart (DESIGN R1). */
export function defaultGroupForKind(kind: UnitKind): RankingGroup {
  return kind === 'DEPARTMENT' ? 'DEPARTMENTS' : 'DISTRICTS';
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (1–99; other numbers as digits). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** 一、 as the document numbers dimensions (方面); "1." in English. */
export function dimensionNumberLabel(n: number): string {
  return currentLocale() === 'en' ? `${n}.` : `${chineseNumber(n)}、`;
}

/** (一) as the document numbers indicators (指标大项); "(1)" in English. */
export function indicatorNumberLabel(n: number): string {
  return currentLocale() === 'en' ? `(${n})` : `(${chineseNumber(n)})`;
}

/** A plan as lists name it: its name, with the year when the name lacks it. */
export function planLabel(plan: { name: string; year: number }): string {
  return plan.name.includes(String(plan.year)) ? plan.name : useLibT.translate('planWithYear', { name: plan.name, year: plan.year });
}
