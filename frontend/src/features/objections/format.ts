import type { ObjectionStatus, PeriodState } from '../../gql/graphql';
import { nowInShanghai, shanghaiDay } from '../../lib/datetime';
import { useObjectionsT } from './messages';

/** Days from today (Asia/Shanghai) to the last day of 公示: 0 on that day, negative after; null without a date. */
export function publicityDaysLeft(endsOn: string | null | undefined, today: string = nowInShanghai().format('YYYY-MM-DD')): number | null {
  if (!endsOn) return null;
  return shanghaiDay(endsOn).diff(shanghaiDay(today), 'day');
}

/** Whether the contact may still object: the period is in 公示 and its last day has not passed. */
export function canObject(state: PeriodState, daysLeft: number | null): boolean {
  return state === 'PUBLICITY' && (daysLeft === null || daysLeft >= 0);
}

/** The 公示 countdown in words, for the contact. */
export function publicityText(state: PeriodState, daysLeft: number | null, endsOn: string | null | undefined): string {
  const t = useObjectionsT.translate;
  if (state !== 'PUBLICITY') return state === 'PUBLISHED' ? t('publishedOver') : t('notYetPublicity');
  if (daysLeft === null) return t('publicityNoDate');
  if (daysLeft < 0) return t('publicityEnded', { date: endsOn });
  if (daysLeft === 0) return t('publicityLastDay', { date: endsOn });
  return t('publicityDaysLeft', { days: daysLeft, date: endsOn });
}

export const objectionStatusColors: Record<ObjectionStatus, string> = {
  OPEN: 'processing',
  UPHELD: 'success',
  REJECTED: 'default',
};

/** The score values an upheld answer sends: only those changed, each a plain decimal. */
export function changedCorrections(
  scores: ReadonlyArray<{ id: string; version: number; value: string }>,
  entered: Readonly<Record<string, string | null | undefined>>,
): { scoreId: string; version: number; value: string }[] {
  const out: { scoreId: string; version: number; value: string }[] = [];
  for (const s of scores) {
    const v = entered[s.id];
    if (v == null || String(v).trim() === '') continue;
    if (Number(v) === Number(s.value)) continue;
    out.push({ scoreId: s.id, version: s.version, value: String(v).trim() });
  }
  return out;
}
