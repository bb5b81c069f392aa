import type { DeadlineState } from '../gql/graphql';
import { enumLabelMap } from './enumLabels';
import { currentLocale } from './i18n';
import { useLibT } from './messages';

const t = useLibT.translate;

// How a task's deadline state reads and looks. The phrase itself stays as
// written in the document; these labels name the state it expects (words
// from the server, lib/enumLabels).

export const deadlineStates: readonly DeadlineState[] = ['COMPLETED', 'STAGED_RESULTS', 'NOTABLE_RESULTS', 'ONGOING'];

const labels = enumLabelMap('DeadlineState');

// Ant Design preset tag colours: finished work green, results blue shades,
// open-ended work neutral purple.
const colors: Record<DeadlineState, string> = {
  COMPLETED: 'green',
  STAGED_RESULTS: 'geekblue',
  NOTABLE_RESULTS: 'blue',
  ONGOING: 'purple',
};

export interface StateTag {
  label: string;
  color: string;
}

export function deadlineStateLabel(state: DeadlineState | null | undefined): string {
  return state ? labels[state] : t('deadlineUnstated');
}

export function deadlineStateTag(state: DeadlineState | null | undefined): StateTag | null {
  if (!state) return null;
  return { label: labels[state], color: colors[state] };
}

/** "6月底" (end of June), or "" when the phrase names no month. */
export function deadlineMonthLabel(month: number | null | undefined): string {
  if (!month) return '';
  const monthName = new Intl.DateTimeFormat(currentLocale(), { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
  return t('deadlineMonth', { month, monthName });
}

/**
 * The tags a deadline shows: its state, and 持续 when the work goes on after
 * the deadline (not repeated for a state that is itself 持续推进).
 */
export function deadlineTags(d: { state?: DeadlineState | null; continuing: boolean }): StateTag[] {
  const tags: StateTag[] = [];
  const state = deadlineStateTag(d.state);
  if (state) tags.push(state);
  if (d.continuing && d.state !== 'ONGOING') tags.push({ label: t('deadlineContinuing'), color: 'purple' });
  return tags;
}

export interface GuessedDeadline {
  month: number | null;
  state: DeadlineState | null;
  continuing: boolean;
}

/**
 * A first reading of a phrase such as 5月底取得明显成效并持续推进, used to fill
 * the form for the user to check; the server's importer is the reference.
 */
export function guessDeadline(phrase: string): GuessedDeadline {
  const text = phrase.trim();
  const m = /(\d{1,2})\s*月/.exec(text);
  const monthNumber = m ? Number(m[1]) : NaN;
  const month = monthNumber >= 1 && monthNumber <= 12 ? monthNumber : null;
  let state: DeadlineState | null = null;
  if (text.includes('阶段性成效')) state = 'STAGED_RESULTS';
  else if (text.includes('明显成效')) state = 'NOTABLE_RESULTS';
  else if (text.includes('完成')) state = 'COMPLETED';
  else if (/持续(推进|优化)/.test(text)) state = 'ONGOING';
  const continuing = /持续(推进|优化)/.test(text);
  return { month, state, continuing };
}
