import type { PeriodState } from '../../gql/graphql';
import { useHomeT } from './messages';

const t = useHomeT.translate;

/** How close a window's last day is, in words: 今天截止, 还剩3天, 已截止2天. */
export function daysLeftText(days: number): string {
  if (days === 0) return t('dueToday');
  if (days > 0) return t('daysLeft', { days });
  return t('daysOverdue', { days: -days });
}

/** Which window a period is in: 填报 while OPEN, 公示 while PUBLICITY. */
export function windowName(state: PeriodState): string | null {
  if (state === 'OPEN') return t('windowEntry');
  if (state === 'PUBLICITY') return t('windowPublicity');
  return null;
}

/** A window closes soon within this many days (the server's home.SoonDays). */
export const soonDays = 7;

/** The tag colour of a countdown: red once closing soon or past, else default. */
export function daysLeftColor(days: number): string {
  if (days < 0) return 'red';
  if (days <= soonDays) return 'orange';
  return 'default';
}
