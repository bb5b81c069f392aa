import { describe, expect, it } from 'vitest';
import { emptyUserFilter, filterUsers } from './filter';

const users = [
  { username: 'zhuanban1', displayName: '专班 李明', roles: ['TASK_FORCE' as const], enabled: true, unit: { name: '市政府办公室' } },
  { username: 'contact', displayName: '昆都仑区联络员 孙丽', roles: ['EVALUATEE_CONTACT' as const], enabled: false, unit: { name: '昆都仑区' } },
  { username: 'admin', displayName: '系统管理员', roles: ['ADMIN' as const], enabled: true, unit: null },
];

describe('filterUsers', () => {
  it('keeps everyone, by username, with the empty filter', () => {
    expect(filterUsers(users, emptyUserFilter).map((u) => u.username)).toEqual(['admin', 'contact', 'zhuanban1']);
  });

  it('matches username, name and unit, case-insensitively', () => {
    expect(filterUsers(users, { ...emptyUserFilter, search: 'ZHUAN' }).map((u) => u.username)).toEqual(['zhuanban1']);
    expect(filterUsers(users, { ...emptyUserFilter, search: '孙丽' }).map((u) => u.username)).toEqual(['contact']);
    expect(filterUsers(users, { ...emptyUserFilter, search: '昆都仑' }).map((u) => u.username)).toEqual(['contact']);
  });

  it('filters by role and by status', () => {
    expect(filterUsers(users, { ...emptyUserFilter, role: 'ADMIN' }).map((u) => u.username)).toEqual(['admin']);
    expect(filterUsers(users, { ...emptyUserFilter, status: 'DISABLED' }).map((u) => u.username)).toEqual(['contact']);
    expect(filterUsers(users, { ...emptyUserFilter, status: 'ENABLED', role: 'EVALUATEE_CONTACT' })).toEqual([]);
  });
});
