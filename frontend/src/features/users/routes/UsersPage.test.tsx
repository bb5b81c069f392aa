import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Operation } from '@urql/core';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../../app/provider';
import type { UsersPageQuery } from '../../../gql/graphql';
import { mockClient } from '../../../test/mockClient';
import { UsersPage } from './UsersPage';

const user = (id: string, username: string, displayName: string, roles: UsersPageQuery['users'][number]['roles'], extra: Partial<UsersPageQuery['users'][number]> = {}) => ({
  id,
  username,
  displayName,
  unit: { id: '11', name: '市政府办公室' },
  roles,
  enabled: true,
  mustChangePassword: false,
  totpEnabled: false,
  totpRequired: false,
  lastLoginAt: null,
  version: 1,
  ...extra,
});

const usersPage: UsersPageQuery = {
  users: [
    user('1', 'admin', '系统管理员', ['ADMIN'], { totpEnabled: true, totpRequired: true, lastLoginAt: '2026-11-27T04:31:00Z' }),
    user('2', 'auditor2', '新审计员', ['AUDITOR'], { totpRequired: true, mustChangePassword: true }),
    user('3', 'leader', '市领导 吴刚', ['LEADER'], { enabled: false }),
  ],
  units: [
    { id: '1', name: '昆都仑区', kind: 'DISTRICT' },
    { id: '11', name: '市政府办公室', kind: 'DEPARTMENT' },
  ],
};

function renderPage() {
  const mock = mockClient({
    Me: { me: { restricted: false, pendingSteps: [], idleTimeoutSeconds: 1800, expiresAt: '2026-11-27T20:00:00Z', user: { id: '1', username: 'admin', displayName: '系统管理员', roles: ['ADMIN'], mustChangePassword: false, totpEnabled: true, totpRequired: true, unit: null } } },
    UsersPage: usersPage,
    CreateUser: (op: Operation) => ({ createUser: { ...user('9', 'x', 'x', []), ...(op.variables as { input: object }).input } }),
  });
  const router = createMemoryRouter([{ path: '/users', element: <UsersPage /> }], { initialEntries: ['/users'] });
  render(
    <AppProviders client={mock.client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return mock;
}

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

describe('UsersPage', () => {
  it('shows roles, state and the second factor of each account', async () => {
    renderPage();
    await screen.findByText('auditor2');
    expect(within(rowOf('admin')).getByText('已绑定')).toBeTruthy();
    expect(within(rowOf('auditor2')).getByText('必须绑定')).toBeTruthy();
    expect(within(rowOf('auditor2')).getByText('待修改初始密码')).toBeTruthy();
    expect(within(rowOf('auditor2')).getByText('审计员')).toBeTruthy();
    expect(within(rowOf('leader')).getByText('停用')).toBeTruthy();
    expect(within(rowOf('leader')).getByText('从未登录')).toBeTruthy();
    expect(within(rowOf('leader')).getByText('未绑定')).toBeTruthy();
  });

  it('refuses an admin who also scores, and creates a user with the roles in order', async () => {
    const { operations } = renderPage();
    await screen.findByText('auditor2');
    fireEvent.click(screen.getByRole('button', { name: /新增用户/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('用户名'), { target: { value: 'zhangsan' } });
    fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: '张三' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /领导/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /系统管理员/ }));
    fireEvent.change(within(dialog).getByLabelText('初始密码'), { target: { value: 'Start@2026a' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText(/系统管理员不能兼任其他角色/)).toBeTruthy();
    expect(operations.some((o) => o.kind === 'mutation')).toBe(false);

    fireEvent.click(within(dialog).getByRole('checkbox', { name: /系统管理员/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /分析员/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(operations.some((o) => o.kind === 'mutation')).toBe(true));
    const create = operations.find((o) => o.kind === 'mutation')!;
    expect(create.variables).toEqual({ input: { username: 'zhangsan', displayName: '张三', unitId: null, roles: ['LEADER', 'ANALYST'], password: 'Start@2026a' } });
  });

  it('starts 新增用户 empty after editing someone', async () => {
    renderPage();
    await screen.findByText('auditor2');
    fireEvent.click(within(rowOf('leader')).getByRole('button', { name: '编辑' }));
    const edit = await screen.findByRole('dialog');
    expect((within(edit).getByLabelText('姓名') as HTMLInputElement).value).toBe('市领导 吴刚');
    fireEvent.click(within(edit).getByRole('button', { name: /取\s*消/ }));
    fireEvent.click(screen.getByRole('button', { name: /新增用户/ }));
    const create = (await screen.findByText('新增用户', { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;
    expect((within(create).getByLabelText('姓名') as HTMLInputElement).value).toBe('');
    expect((within(create).getByRole('checkbox', { name: /领导/ }) as HTMLInputElement).checked).toBe(false);
  });
});
