import { describe, expect, it } from 'vitest';
import { canUsePage, homePath, visibleMenuKeys } from './access';

const menu = ['plan', 'evaluatees', 'units', 'import', 'users', 'audit', 'results'];

describe('visibleMenuKeys', () => {
  it('gives the admin accounts and units only, nothing of scoring (三员分立)', () => {
    expect(visibleMenuKeys(menu, ['ADMIN'])).toEqual(['units', 'users']);
  });

  it('gives the auditor the audit log only', () => {
    expect(visibleMenuKeys(menu, ['AUDITOR'])).toEqual(['audit']);
  });

  it('gives the 专班 the plan, evaluatees, units and import, but not users or the log', () => {
    expect(visibleMenuKeys(menu, ['TASK_FORCE'])).toEqual(['plan', 'evaluatees', 'units', 'import', 'results']);
  });

  it('gives leaders and analysts the plan to read and results, not units, users or import', () => {
    for (const role of ['LEADER', 'ANALYST'] as const) {
      const keys = visibleMenuKeys(menu, [role]);
      expect(keys).toContain('plan');
      expect(keys).toContain('results');
      expect(keys).not.toContain('units');
      expect(keys).not.toContain('users');
      expect(keys).not.toContain('import');
      expect(keys).not.toContain('audit');
    }
  });

  it('gives a contact the plan but not the evaluatee list of every unit', () => {
    expect(visibleMenuKeys(menu, ['EVALUATEE_CONTACT'])).toEqual(['plan', 'results']);
  });

  it('joins the pages of several roles', () => {
    expect(visibleMenuKeys(menu, ['LEADER', 'TASK_FORCE'])).toEqual(['plan', 'evaluatees', 'units', 'import', 'results']);
    expect(visibleMenuKeys(menu, [])).toEqual([]);
  });
});

describe('canUsePage', () => {
  it('keeps pages added later (unknown keys) from the admin and the auditor', () => {
    expect(canUsePage('verification', ['ADMIN'])).toBe(false);
    expect(canUsePage('verification', ['AUDITOR'])).toBe(false);
    expect(canUsePage('verification', ['LEAD_SCORER'])).toBe(true);
  });
});

describe('homePath', () => {
  it('sends the admin to 用户管理 and keeps every other role on its home (我的待办)', () => {
    expect(homePath(['ADMIN'])).toBe('/users');
    expect(homePath(['AUDITOR'])).toBeNull();
    expect(homePath(['LEADER'])).toBeNull();
    expect(homePath(['INSPECTOR'])).toBeNull();
    expect(homePath(['EVALUATEE_CONTACT'])).toBeNull();
    expect(homePath(['INSPECTOR', 'LEADER'])).toBeNull();
    expect(homePath([])).toBe('/account');
  });
});
