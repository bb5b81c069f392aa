import type { Role } from '../../gql/graphql';
import { roleLabels } from '../../lib/session';
import { useUsersT } from './messages';

const t = useUsersT.translate;

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

/** What a role does, for the role picker (in the language in use). */
export function roleHint(role: Role): string {
  return t(`hint${role}`);
}

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
  if (roles.includes('ADMIN') && roles.includes('AUDITOR')) return t('conflictAdminAuditor');
  if (roles.includes('ADMIN')) return t('conflictAdmin');
  if (roles.includes('AUDITOR')) return t('conflictAuditor');
  return null;
}

/** The 动态验证码 column: bound, not bound, or required but not yet bound. */
export function totpStatus(u: { totpEnabled: boolean; totpRequired: boolean }): { label: string; color: string } {
  if (u.totpEnabled) return { label: t('totpBound'), color: 'green' };
  if (u.totpRequired) return { label: t('totpRequired'), color: 'orange' };
  return { label: t('totpNotBound'), color: 'default' };
}

export function roleLabel(r: Role): string {
  return roleLabels[r];
}
