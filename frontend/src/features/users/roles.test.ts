import { describe, expect, it } from 'vitest';
import { roleConflict, sortRoles, totpStatus } from './roles';

describe('roleConflict (三员分立)', () => {
  it('lets evaluation roles combine', () => {
    expect(roleConflict(['TASK_FORCE', 'LEADER'])).toBeNull();
    expect(roleConflict(['ADMIN'])).toBeNull();
    expect(roleConflict(['AUDITOR'])).toBeNull();
    expect(roleConflict([])).toBeNull();
  });

  it('refuses an admin or auditor with any other role', () => {
    expect(roleConflict(['ADMIN', 'AUDITOR'])).toContain('系统管理员与审计员');
    expect(roleConflict(['LEAD_SCORER', 'ADMIN'])).toContain('不参与评分');
    expect(roleConflict(['AUDITOR', 'ANALYST'])).toContain('审计员不能兼任');
  });
});

describe('totpStatus', () => {
  it('says 必须绑定 only when required and not bound', () => {
    expect(totpStatus({ totpEnabled: false, totpRequired: true }).label).toBe('必须绑定');
    expect(totpStatus({ totpEnabled: true, totpRequired: true }).label).toBe('已绑定');
    expect(totpStatus({ totpEnabled: false, totpRequired: false }).label).toBe('未绑定');
  });
});

describe('sortRoles', () => {
  it('orders as the role list, admin first and auditor last', () => {
    expect(sortRoles(['AUDITOR', 'LEADER', 'ADMIN', 'TASK_FORCE'])).toEqual(['ADMIN', 'TASK_FORCE', 'LEADER', 'AUDITOR']);
  });
});
