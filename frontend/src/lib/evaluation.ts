import type { PeriodState, ProgressState, ScoreStatus, ScoringMethod } from '../gql/graphql';
import { enumLabelMap } from './enumLabels';

// Words and colours of the half-year workflow (DESIGN §3), shared by the
// scoring, verification, period, result and report pages. The words come
// from the server (lib/enumLabels); the colours are the UI's own.

export const periodStates: readonly PeriodState[] = ['DRAFT', 'OPEN', 'REVIEW', 'PUBLICITY', 'PUBLISHED'];

export const periodStateLabels = enumLabelMap('PeriodState');

export const periodStateColors: Record<PeriodState, string> = {
  DRAFT: 'default',
  OPEN: 'blue',
  REVIEW: 'orange',
  PUBLICITY: 'purple',
  PUBLISHED: 'green',
};

/** True when the period's results are frozen (公示 or 发布). */
export function isFrozen(state: PeriodState): boolean {
  return state === 'PUBLICITY' || state === 'PUBLISHED';
}

export const scoreStatusLabels = enumLabelMap('ScoreStatus');

export const scoreStatusColors: Record<ScoreStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'blue',
  VERIFIED: 'green',
  RETURNED: 'orange',
};

export const progressStates: readonly ProgressState[] = ['NOT_STARTED', 'IN_PROGRESS', 'STAGED_RESULTS', 'NOTABLE_RESULTS', 'COMPLETED'];

export const progressStateLabels = enumLabelMap('ProgressState');

export const progressStateColors: Record<ProgressState, string> = {
  NOT_STARTED: 'default',
  IN_PROGRESS: 'blue',
  STAGED_RESULTS: 'geekblue',
  NOTABLE_RESULTS: 'blue',
  COMPLETED: 'green',
};

export const scoringMethods: readonly ScoringMethod[] = ['DAILY_MONITORING', 'FIELD_VISITS', 'PUBLIC_OPINION', 'THIRD_PARTY'];

export const scoringMethodLabels = enumLabelMap('ScoringMethod');

/** What a score history line did, in words. */
export const scoreActionLabels: Readonly<Record<string, string>> = enumLabelMap('ScoreChangeAction');

/** 2023-07-10 09:02 on the Shanghai clock (lib/datetime); "" for nothing. */
export { formatTime } from './datetime';

/** File sizes as people read them: 812 B, 35.2 KB, 4.1 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
