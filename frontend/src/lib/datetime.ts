import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { currentLocale } from './i18n';

// Every time and date the SPA shows is on the clock of the people it serves,
// Asia/Shanghai, whatever the browser's own zone (test machines run in UTC,
// a leader may travel). Pages format through these functions only.

dayjs.extend(utc);
dayjs.extend(timezone);

export const timeZone = 'Asia/Shanghai';

/** A timestamp on the Shanghai clock; invalid for nothing. */
export function inShanghai(value: string | number | Date | Dayjs | null | undefined): Dayjs {
  if (value === null || value === undefined || value === '') return dayjs(NaN);
  return dayjs(value).tz(timeZone);
}

/** Now on the Shanghai clock. */
export function nowInShanghai(): Dayjs {
  return dayjs().tz(timeZone);
}

/** A calendar day (YYYY-MM-DD) as its start in Shanghai. */
export function shanghaiDay(day: string): Dayjs {
  return dayjs.tz(day, 'YYYY-MM-DD', timeZone);
}

function format(value: string | null | undefined, pattern: string): string {
  if (!value) return '';
  const t = inShanghai(value);
  return t.isValid() ? t.format(pattern) : '';
}

/** 2023-07-10 09:02; "" for nothing. */
export const formatTime = (value: string | null | undefined) => format(value, 'YYYY-MM-DD HH:mm');

/** 2023-07-10 09:02:05 */
export const formatTimeSeconds = (value: string | null | undefined) => format(value, 'YYYY-MM-DD HH:mm:ss');

/** 2023-07-10 */
export const formatDate = (value: string | null | undefined) => format(value, 'YYYY-MM-DD');

/** 09:02:05 */
export const formatClock = (value: string | null | undefined) => format(value, 'HH:mm:ss');

/**
 * 2023年7月10日, as a printed notice dates itself; Jul 10, 2023 in English.
 * The numeric formats above read the same in both languages.
 */
export const formatLongDate = (value: string | null | undefined) =>
  format(value, currentLocale() === 'en' ? 'MMM D, YYYY' : 'YYYY年M月D日');
