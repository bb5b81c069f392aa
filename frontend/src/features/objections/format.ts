import type { ObjectionStatus, PeriodState } from '../../gql/graphql';
import { nowInShanghai, shanghaiDay } from '../../lib/datetime';

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
  if (state !== 'PUBLICITY') return state === 'PUBLISHED' ? '结果已正式发布,异议期已结束' : '结果尚未公示,公示期间可对本单位结果提出异议';
  if (daysLeft === null) return '公示中(尚未设置公示截止日期),可提出异议';
  if (daysLeft < 0) return `公示已于${endsOn}结束,不能再提出异议`;
  if (daysLeft === 0) return `今天(${endsOn})是公示最后一天,请尽快提出异议`;
  return `距公示结束还剩${daysLeft}天(截止${endsOn}),可提出异议`;
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
