import type { Role } from '../../gql/graphql';

// Which pages each role may use, for the side menu, the start page and the
// guard around each page. The server enforces the same rules on every
// request; this only keeps the app from offering what a role cannot do.
//
// 三员分立 (separation of duties): the 系统管理员 manages accounts and units
// and never sees scoring; the 审计员 reads the audit log and nothing else.

/** Roles that take part in evaluations (everyone but the admin and the auditor). */
export const evaluationRoles: readonly Role[] = ['TASK_FORCE', 'LEAD_SCORER', 'EVALUATEE_CONTACT', 'INSPECTOR', 'LEADER', 'ANALYST'];

/** Pages of the side menu, by menu key, and the roles that may open them. */
export const pageRoles = {
  /** 我的待办 (the home page, `/`): everyone but the admin. */
  home: [...evaluationRoles, 'AUDITOR'],
  /** 考评方案: the 专班 edits it, the other evaluation roles read it. */
  plan: evaluationRoles,
  /** 考评对象 of a plan. */
  evaluatees: ['TASK_FORCE', 'LEAD_SCORER', 'INSPECTOR', 'LEADER', 'ANALYST'],
  /** 单位管理: the admin edits the catalogue, the 专班 reads it. */
  units: ['ADMIN', 'TASK_FORCE'],
  /** 导入方案 */
  import: ['TASK_FORCE'],
  /** 用户管理 */
  users: ['ADMIN'],
  /** 我的实地调研 (phone) */
  visits: ['INSPECTOR'],
  /** 安排实地调研: the 专班 plans any visit, an inspector those they take part in */
  'visit-plans': ['TASK_FORCE', 'INSPECTOR'],
  /** 实地调研审核 */
  'field-visits': ['TASK_FORCE', 'LEADER'],
  /** 督办: everyone who reports, scores or reads progress. */
  overdue: evaluationRoles,
  /** 进展报送: contacts write; inspectors, leaders, analysts and the 专班 read. */
  reports: ['EVALUATEE_CONTACT', 'TASK_FORCE', 'INSPECTOR', 'LEADER', 'ANALYST'],
  /** 异议: contacts object to their unit's result during 公示; the 专班 answers. */
  objections: ['TASK_FORCE', 'EVALUATEE_CONTACT'],
  /** 考评结果通报 (print) */
  circular: ['TASK_FORCE', 'LEADER', 'ANALYST'],
  /** 统计分析 (issue 12) */
  views: ['TASK_FORCE', 'LEADER', 'ANALYST'],
  /** GraphiQL (issue 12): the roles the server lets introspect (graph.IntrospectionRoles). */
  graphiql: ['TASK_FORCE', 'ANALYST'],
  /** 得分模拟 (what-if) */
  whatif: ['TASK_FORCE', 'LEADER', 'EVALUATEE_CONTACT'],
  /** 审计日志 */
  audit: ['AUDITOR'],
} as const satisfies Record<string, readonly Role[]>;

export type PageKey = keyof typeof pageRoles;

/**
 * True when one of `roles` may use the page with menu key `key`. Keys not in
 * `pageRoles` (pages added later, e.g. scoring) belong to the evaluation
 * roles: never to an admin or auditor.
 */
export function canUsePage(key: string, roles: readonly Role[]): boolean {
  const allowed: readonly Role[] = key in pageRoles ? pageRoles[key as PageKey] : evaluationRoles;
  return roles.some((r) => allowed.includes(r));
}

/** The menu keys of `keys` that `roles` may use, in the given order. */
export function visibleMenuKeys(keys: readonly string[], roles: readonly Role[]): string[] {
  return keys.filter((k) => canUsePage(k, roles));
}

/**
 * Where `/` leads: null for every role with a home page (the to-do list of
 * features/home: every role but the admin), else the first page the role
 * has: 用户管理 for the admin, the account page for a user without roles.
 */
export function homePath(roles: readonly Role[]): string | null {
  if (roles.some((r) => r !== 'ADMIN')) return null;
  if (canUsePage('users', roles)) return '/users';
  return '/account';
}
