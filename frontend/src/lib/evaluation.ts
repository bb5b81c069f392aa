import type { PeriodState, ProgressState, ScoreStatus, ScoringMethod } from '../gql/graphql';

// Words and colours of the half-year workflow (DESIGN §3), shared by the
// scoring, verification, period, result and report pages.

export const periodStates: readonly PeriodState[] = ['DRAFT', 'OPEN', 'REVIEW', 'PUBLICITY', 'PUBLISHED'];

export const periodStateLabels: Record<PeriodState, string> = {
  DRAFT: '筹备',
  OPEN: '填报',
  REVIEW: '审核',
  PUBLICITY: '公示',
  PUBLISHED: '发布',
};

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

export const scoreStatusLabels: Record<ScoreStatus, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交',
  VERIFIED: '已核实',
  RETURNED: '已退回',
};

export const scoreStatusColors: Record<ScoreStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'blue',
  VERIFIED: 'green',
  RETURNED: 'orange',
};

export const progressStates: readonly ProgressState[] = ['NOT_STARTED', 'IN_PROGRESS', 'STAGED_RESULTS', 'NOTABLE_RESULTS', 'COMPLETED'];

export const progressStateLabels: Record<ProgressState, string> = {
  NOT_STARTED: '未启动',
  IN_PROGRESS: '推进中',
  STAGED_RESULTS: '取得阶段性成效',
  NOTABLE_RESULTS: '取得明显成效',
  COMPLETED: '已完成',
};

export const progressStateColors: Record<ProgressState, string> = {
  NOT_STARTED: 'default',
  IN_PROGRESS: 'processing',
  STAGED_RESULTS: 'cyan',
  NOTABLE_RESULTS: 'blue',
  COMPLETED: 'green',
};

export const scoringMethods: readonly ScoringMethod[] = ['DAILY_MONITORING', 'FIELD_VISITS', 'PUBLIC_OPINION', 'THIRD_PARTY'];

export const scoringMethodLabels: Record<ScoringMethod, string> = {
  DAILY_MONITORING: '日常监测',
  FIELD_VISITS: '实地调研',
  PUBLIC_OPINION: '民意调查',
  THIRD_PARTY: '第三方评估',
};

/** What a score history line did, in words. */
export const scoreActionLabels: Record<string, string> = {
  SAVE: '保存',
  SUBMIT: '提交',
  IMPORT: '模板导入',
  ACCEPT: '核实通过',
  ADJUST: '调整分值',
  RETURN: '退回',
};

/** 2023-07-10 09:02 on the Shanghai clock (lib/datetime); "" for nothing. */
export { formatTime } from './datetime';

/** File sizes as people read them: 812 B, 35.2 KB, 4.1 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
