import type { Judgement, VisitStatus } from '../../gql/graphql';
import { enumLabel, enumLabelMap, enumValues } from '../../lib/enumLabels';
import { inShanghai } from '../../lib/datetime';
import { useFieldVisitsT } from './messages';

// Judgement and status words come from the server (lib/enumLabels); the
// colours are the UI's own.
const judgementColors: Record<Judgement, string> = { DONE: '#389e0d', PARTIAL: '#d48806', NOT_DONE: '#cf1322', NA: '#595959' };

/** The four judgements in the server's order, with their words and colours. */
export function judgementOptions(): { value: Judgement; label: string; color: string }[] {
  return enumValues('Judgement').map((value) => ({ value, label: enumLabel('Judgement', value), color: judgementColors[value] }));
}

export const judgementLabel = (j: Judgement) => enumLabel('Judgement', j);

export const visitStatusLabels = enumLabelMap('VisitStatus');

export const visitStatusColors: Record<VisitStatus, string> = {
  PLANNED: 'blue',
  SUBMITTED: 'gold',
  ACCEPTED: 'green',
  RETURNED: 'red',
  CANCELLED: 'default',
};

/** "today", "upcoming" or "past" for a YYYY-MM-DD visit date, on the Shanghai calendar. */
export function when(date: string, now = new Date()): 'today' | 'upcoming' | 'past' {
  const today = inShanghai(now).format('YYYY-MM-DD');
  return date === today ? 'today' : date > today ? 'upcoming' : 'past';
}

export function formatPlace(lat: number | null, lng: number | null, accuracy: number | null): string {
  if (lat === null || lng === null) return useFieldVisitsT.translate('noPlace');
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}${accuracy !== null ? useFieldVisitsT.translate('accuracy', { meters: Math.round(accuracy) }) : ''}`;
}
