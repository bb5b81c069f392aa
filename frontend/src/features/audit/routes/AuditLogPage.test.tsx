import { fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../../app/provider';
import type { AuditLogQuery } from '../../../gql/graphql';
import { mockClient } from '../../../test/mockClient';
import { timeBounds } from '../filter';
import { AuditLogPage } from './AuditLogPage';

const records: AuditLogQuery['auditLog']['records'] = [
  {
    id: '41',
    at: '2026-11-27T04:31:30Z',
    username: 'admin',
    roles: ['ADMIN'],
    unitName: '市政府办公室',
    clientAddr: '10.0.0.8',
    requestId: 'fe963e54649d47d6',
    operation: 'updateUser',
    outcome: 'OK',
    objectType: 'users',
    objectId: '23',
    before: '{"ID": 23, "Roles": ["LEADER"], "Enabled": true, "DisplayName": "张三"}',
    after: '{"ID": 23, "Roles": ["LEADER", "ANALYST"], "Enabled": true, "DisplayName": "张三"}',
    detail: null,
  },
  {
    id: '40',
    at: '2026-11-27T04:30:00Z',
    username: 'scorer',
    roles: ['LEAD_SCORER'],
    unitName: '市审批服务局',
    clientAddr: '10.0.0.9',
    requestId: 'aa11',
    operation: 'createUser',
    outcome: 'DENIED',
    objectType: null,
    objectId: null,
    before: 'null',
    after: 'null',
    detail: 'FORBIDDEN',
  },
];

function renderAt(path: string) {
  const mock = mockClient({
    Me: { me: { restricted: false, pendingSteps: [], idleTimeoutSeconds: 1800, expiresAt: '2026-11-27T20:00:00Z', user: { id: 'a', username: 'auditor', displayName: '审计员', roles: ['AUDITOR'], mustChangePassword: false, totpEnabled: true, totpRequired: true, unit: null } } },
    AuditLog: { auditLog: { total: 42, records } },
    AuditUnits: { auditLogUnits: [{ id: '11', name: '市政府办公室', kind: 'DEPARTMENT' }] },
  });
  const router = createMemoryRouter([{ path: '/audit', element: <AuditLogPage /> }], { initialEntries: [path] });
  render(
    <AppProviders client={mock.client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...mock, router };
}

describe('AuditLogPage', () => {
  it('asks the server for the page and filters in the address', async () => {
    const { operations } = renderAt('/audit?username=admin&outcome=OK&from=2026-11-01&to=2026-11-27&page=2&size=20');
    await screen.findByText('修改用户');
    const op = operations.find((o) => o.variables && 'filter' in o.variables);
    expect(op?.variables).toEqual({
      filter: { username: 'admin', outcome: 'OK', ...timeBounds({ from: '2026-11-01', to: '2026-11-27' }) },
      offset: 20,
      limit: 20,
    });
    expect(screen.getByText('共 42 条')).toBeTruthy();
  });

  it('colours outcomes, names operations and objects in Chinese, and explains refusals', async () => {
    renderAt('/audit');
    const denied = await screen.findByText('拒绝');
    expect(denied.closest('.ant-tag')?.className).toMatch(/error/);
    expect(screen.getByText('成功').closest('.ant-tag')?.className).toMatch(/success/);
    expect(screen.getByText('新增用户')).toBeTruthy();
    expect(screen.getByText('用户 23')).toBeTruthy();
  });

  it('opens a record to the fields that changed', async () => {
    renderAt('/audit');
    await screen.findByText('修改用户');
    const row = screen.getByText('修改用户').closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /展开/ }));
    const detail = await screen.findByTestId('audit-detail');
    expect(within(detail).getByText('fe963e54649d47d6')).toBeTruthy();
    // Only Roles changed; ID, Enabled and DisplayName are hidden until asked for.
    expect(within(detail).getByText('Roles')).toBeTruthy();
    expect(within(detail).getByText('["LEADER","ANALYST"]')).toBeTruthy();
    expect(within(detail).queryByText('DisplayName')).toBeNull();
    fireEvent.click(within(detail).getByRole('switch', { name: '只看变化的字段' }));
    expect(within(detail).getByText('DisplayName')).toBeTruthy();
  });

  it('says 无权限 for a refused operation and that nothing changed', async () => {
    renderAt('/audit');
    await screen.findByText('新增用户');
    const row = screen.getByText('新增用户').closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /展开/ }));
    const detail = await screen.findByTestId('audit-detail');
    expect(within(detail).getByText('无权限(FORBIDDEN)')).toBeTruthy();
    expect(within(detail).getByText('该操作没有修改数据')).toBeTruthy();
  });
});
