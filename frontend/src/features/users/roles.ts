import type { Role } from '../../gql/graphql';
import { roleLabels } from '../../lib/session';

/** The roles in the order forms and tables list them. */
export const allRoles: readonly Role[] = ['ADMIN', 'TASK_FORCE', 'LEAD_SCORER', 'EVALUATEE_CONTACT', 'INSPECTOR', 'LEADER', 'ANALYST', 'AUDITOR'];

export const roleColors: Record<Role, string> = {
  ADMIN: 'red',
  AUDITOR: 'purple',
  TASK_FORCE: 'blue',
  LEAD_SCORER: 'geekblue',
  EVALUATEE_CONTACT: 'cyan',
  INSPECTOR: 'green',
  LEADER: 'gold',
  ANALYST: 'lime',
};

/** What each role does, for the role picker. */
export const roleHints: Record<Role, string> = {
  ADMIN: '管理用户和单位,不参与评分',
  TASK_FORCE: '方案、考评期、核验与发布',
  LEAD_SCORER: '为本单位牵头的任务评分',
  EVALUATEE_CONTACT: '本单位的进展报告与佐证材料',
  INSPECTOR: '实地调研',
  LEADER: '查看排名与明细',
  ANALYST: '自定义分析与导出',
  AUDITOR: '查阅审计日志,须绑定动态验证码',
};

/** Sorted as `allRoles`. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => allRoles.indexOf(a) - allRoles.indexOf(b));
}

/**
 * 三员分立: the 系统管理员 and the 审计员 each hold that one role only, so
 * no one both manages accounts and audits them, or scores. Returns the
 * reason a combination is refused, or null.
 */
export function roleConflict(roles: readonly Role[]): string | null {
  if (roles.length < 2) return null;
  if (roles.includes('ADMIN') && roles.includes('AUDITOR')) return '系统管理员与审计员不能由同一人担任(三员分立)';
  if (roles.includes('ADMIN')) return '系统管理员不能兼任其他角色(三员分立:管理员不参与评分)';
  if (roles.includes('AUDITOR')) return '审计员不能兼任其他角色(三员分立)';
  return null;
}

/** The 动态验证码 column: bound, not bound, or required but not yet bound. */
export function totpStatus(u: { totpEnabled: boolean; totpRequired: boolean }): { label: string; color: string } {
  if (u.totpEnabled) return { label: '已绑定', color: 'green' };
  if (u.totpRequired) return { label: '必须绑定', color: 'orange' };
  return { label: '未绑定', color: 'default' };
}

export function roleLabel(r: Role): string {
  return roleLabels[r];
}
