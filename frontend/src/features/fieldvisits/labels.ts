import type { Judgement, VisitStatus } from '../../gql/graphql';
import { inShanghai } from '../../lib/datetime';

export const judgementOptions: { value: Judgement; label: string; color: string }[] = [
  { value: 'DONE', label: '已落实', color: '#389e0d' },
  { value: 'PARTIAL', label: '部分落实', color: '#d48806' },
  { value: 'NOT_DONE', label: '未落实', color: '#cf1322' },
  { value: 'NA', label: '不适用', color: '#595959' },
];

export const judgementLabel = (j: Judgement) => judgementOptions.find((o) => o.value === j)?.label ?? j;

export const visitStatusLabels: Record<VisitStatus, string> = {
  PLANNED: '待调研',
  SUBMITTED: '已提交待审核',
  ACCEPTED: '审核通过',
  RETURNED: '已退回',
};

export const visitStatusColors: Record<VisitStatus, string> = {
  PLANNED: 'blue',
  SUBMITTED: 'gold',
  ACCEPTED: 'green',
  RETURNED: 'red',
};

/** "today", "upcoming" or "past" for a YYYY-MM-DD visit date, on the Shanghai calendar. */
export function when(date: string, now = new Date()): 'today' | 'upcoming' | 'past' {
  const today = inShanghai(now).format('YYYY-MM-DD');
  return date === today ? 'today' : date > today ? 'upcoming' : 'past';
}

export function formatPlace(lat: number | null, lng: number | null, accuracy: number | null): string {
  if (lat === null || lng === null) return '未记录位置';
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}${accuracy !== null ? `(精度约 ${Math.round(accuracy)} 米)` : ''}`;
}
