import type { Role } from '../../gql/graphql';
import { currentLocale } from '../../lib/i18n';
import { roleLabels } from '../../lib/session';

// Words for what the audit log stores as identifiers: operation (the
// GraphQL mutation), object type (the table), outcome, error code.

/** Every mutation of the schema, in Chinese (audit-labels.test.ts checks them against schema/). */
export const operationLabels: Record<string, string> = {
  login: '登录',
  logout: '退出登录',
  changePassword: '修改密码',
  beginTotpEnrollment: '开始绑定动态验证码',
  confirmTotpEnrollment: '确认绑定动态验证码',
  createUser: '新增用户',
  updateUser: '修改用户',
  resetPassword: '重置密码',
  unlockUser: '解锁用户',
  createUnit: '新增单位',
  updateUnit: '修改单位',
  deleteUnit: '删除单位',
  previewPlanImport: '预览导入方案',
  importPlan: '导入方案',
  createPlan: '新建方案',
  updatePlan: '修改方案',
  deletePlan: '删除方案',
  createDimension: '新增方面',
  updateDimension: '修改方面',
  deleteDimension: '删除方面',
  createIndicator: '新增指标',
  updateIndicator: '修改指标',
  deleteIndicator: '删除指标',
  createTask: '新增任务',
  updateTask: '修改任务',
  deleteTask: '删除任务',
  createEvaluatee: '新增考评对象',
  updateEvaluatee: '修改考评对象',
  deleteEvaluatee: '删除考评对象',
  setTaskAssignments: '设置任务承担对象',
  movePeriod: '考评期流转',
  saveProgressReport: '保存进展报告',
  uploadEvidence: '上传佐证材料',
  deleteEvidence: '删除佐证材料',
  saveScores: '保存评分',
  submitScores: '提交评分',
  importScoreSheet: '导入评分表',
  allocateTaskPoints: '分配任务分值',
  verifyScores: '核验评分',
  importSourceValues: '导入数据源',
};

/** The same operations in English (labels.test.ts checks both have the same keys). */
export const operationLabelsEn: Record<string, string> = {
  login: 'Sign in',
  logout: 'Sign out',
  changePassword: 'Change password',
  beginTotpEnrollment: 'Begin authenticator linking',
  confirmTotpEnrollment: 'Confirm authenticator linking',
  createUser: 'Create user',
  updateUser: 'Edit user',
  resetPassword: 'Reset password',
  unlockUser: 'Unlock user',
  createUnit: 'Create unit',
  updateUnit: 'Edit unit',
  deleteUnit: 'Delete unit',
  previewPlanImport: 'Preview plan import',
  importPlan: 'Import plan',
  createPlan: 'Create plan',
  updatePlan: 'Edit plan',
  deletePlan: 'Delete plan',
  createDimension: 'Create dimension',
  updateDimension: 'Edit dimension',
  deleteDimension: 'Delete dimension',
  createIndicator: 'Create indicator',
  updateIndicator: 'Edit indicator',
  deleteIndicator: 'Delete indicator',
  createTask: 'Create task',
  updateTask: 'Edit task',
  deleteTask: 'Delete task',
  createEvaluatee: 'Add evaluatee',
  updateEvaluatee: 'Edit evaluatee',
  deleteEvaluatee: 'Remove evaluatee',
  setTaskAssignments: 'Set task assignments',
  movePeriod: 'Move period',
  saveProgressReport: 'Save progress report',
  uploadEvidence: 'Upload evidence',
  deleteEvidence: 'Delete evidence',
  saveScores: 'Save scores',
  submitScores: 'Submit scores',
  importScoreSheet: 'Import score sheet',
  allocateTaskPoints: 'Allocate task points',
  verifyScores: 'Verify scores',
  importSourceValues: 'Import source values',
};

const en = () => currentLocale() === 'en';

export function operationLabel(op: string): string {
  return (en() ? operationLabelsEn[op] : undefined) ?? operationLabels[op] ?? op;
}

/** Choices of the 操作 filter: the name and the identifier, both searchable. */
export const operationOptions = () => Object.keys(operationLabels).map((value) => ({ value, label: `${operationLabel(value)}(${value})` }));

/** Tables the audit log names as object types. */
export const objectTypeLabels: Record<string, string> = {
  users: '用户',
  units: '单位',
  plans: '方案',
  dimensions: '方面',
  indicators: '指标',
  tasks: '任务',
  task_lead_units: '牵头单位',
  evaluatees: '考评对象',
  assignments: '任务承担对象',
  periods: '考评期',
  progress_reports: '进展报告',
  evidence: '佐证材料',
  scores: '评分',
  source_values: '数据源分值',
  publications: '结果发布',
  sessions: '会话',
};

export const objectTypeLabelsEn: Record<string, string> = {
  users: 'User',
  units: 'Unit',
  plans: 'Plan',
  dimensions: 'Dimension',
  indicators: 'Indicator',
  tasks: 'Task',
  task_lead_units: 'Lead unit',
  evaluatees: 'Evaluatee',
  assignments: 'Task assignment',
  periods: 'Period',
  progress_reports: 'Progress report',
  evidence: 'Evidence',
  scores: 'Score',
  source_values: 'Source value',
  publications: 'Publication',
  sessions: 'Session',
};

export function objectTypeLabel(t: string): string {
  return (en() ? objectTypeLabelsEn[t] : undefined) ?? objectTypeLabels[t] ?? t;
}

export const objectTypeOptions = () => Object.keys(objectTypeLabels).map((value) => ({ value, label: `${objectTypeLabel(value)}(${value})` }));

export type Outcome = 'OK' | 'DENIED' | 'FAILED';

export const outcomes: readonly Outcome[] = ['OK', 'DENIED', 'FAILED'];

const outcomeMetaZh: Record<Outcome, { label: string; color: string; hint: string }> = {
  OK: { label: '成功', color: 'success', hint: '操作已完成' },
  DENIED: { label: '拒绝', color: 'error', hint: '未登录或角色、单位无权执行' },
  FAILED: { label: '失败', color: 'warning', hint: '输入有误、版本冲突或服务器出错,未作修改' },
};

const outcomeMetaEn: Record<Outcome, { label: string; color: string; hint: string }> = {
  OK: { label: 'Succeeded', color: 'success', hint: 'The operation was done' },
  DENIED: { label: 'Refused', color: 'error', hint: 'Not signed in, or the role or unit may not do it' },
  FAILED: { label: 'Failed', color: 'warning', hint: 'Bad input, a version conflict or a server error; nothing was changed' },
};

/** An outcome's label, colour and hint in the current language. */
export function outcomeMeta(o: Outcome): { label: string; color: string; hint: string } {
  return (en() ? outcomeMetaEn : outcomeMetaZh)[o];
}

export function outcomeOf(s: string): { label: string; color: string; hint: string } {
  return (outcomes as readonly string[]).includes(s) ? outcomeMeta(s as Outcome) : { label: s, color: 'default', hint: '' };
}

/** Error codes the log keeps as 说明 of a refused or failed operation. */
const codeLabels: Record<string, string> = {
  INVALID: '输入有误',
  NOT_FOUND: '记录不存在',
  CONFLICT: '版本冲突(他人已修改)',
  FORBIDDEN: '无权限',
  UNAUTHENTICATED: '未登录或用户名、密码错误',
  INTERNAL: '服务器内部错误',
  TIMEOUT: '超时',
  UNAVAILABLE: '数据库暂时不可用',
};

const codeLabelsEn: Record<string, string> = {
  INVALID: 'Bad input',
  NOT_FOUND: 'Record not found',
  CONFLICT: 'Version conflict (changed by someone else)',
  FORBIDDEN: 'Not permitted',
  UNAUTHENTICATED: 'Not signed in, or wrong username or password',
  INTERNAL: 'Internal server error',
  TIMEOUT: 'Timed out',
  UNAVAILABLE: 'Database temporarily unavailable',
};

/**
 * The 说明 of a record in words. Refusals are stored as "CODE" or
 * "CODE: note"; the code gets its meaning, other notes stay as they are.
 */
export function detailLabel(detail: string | null | undefined): string | null {
  if (!detail) return null;
  const m = /^([A-Z_]+)(?::\s*([\s\S]*))?$/.exec(detail);
  const label = m ? (en() ? codeLabelsEn : codeLabels)[m[1]!] : undefined;
  if (!m || !label) return detail;
  return `${label}(${m[1]})${m[2] ? (en() ? `: ${m[2]}` : `:${m[2]}`) : ''}`;
}

/** A role as the log stores it (a string), in Chinese. */
export function auditRoleLabel(r: string): string {
  return (roleLabels as Record<string, string | undefined>)[r as Role] ?? r;
}
