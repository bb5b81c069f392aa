import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../../app/provider';
import { mockClient } from '../../../test/mockClient';
import { meResult, planPageResult, task3DetailResult, task3Text } from '../fixtures';
import { PlanPage } from './PlanPage';
import { TaskDetailDrawer } from './TaskDetailDrawer';

function renderPlan(path = '/plans/p1', roles: Parameters<typeof meResult>[0] = ['TASK_FORCE']) {
  const mock = mockClient({ Me: meResult(roles), PlanPage: planPageResult, TaskDetail: task3DetailResult });
  const router = createMemoryRouter(
    [{ path: '/plans/:planId', element: <PlanPage />, children: [{ path: 'tasks/:taskId', element: <TaskDetailDrawer /> }] }],
    { initialEntries: [path] },
  );
  render(
    <AppProviders client={mock.client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...mock, router };
}

async function taskRow(textStart: string): Promise<HTMLElement> {
  const text = await screen.findByText((_, el) => el?.getAttribute('data-task-text') !== null && (el?.textContent ?? '').includes(textStart));
  const row = text.closest('tr');
  if (!row) throw new Error('task text is not in a table row');
  return row;
}

describe('PlanPage', () => {
  it('shows task 3 with its lead units 市政府办公室 and 市公安局', async () => {
    const { operations } = renderPlan();
    const row = await taskRow('全面提升“12345”政务热线服务水平');
    expect(within(row).getByText('市政府办公室')).toBeTruthy();
    expect(within(row).getByText('市公安局')).toBeTruthy();
    expect(row.textContent).toContain('6月底完成');
    expect(within(row).getByText('完成')).toBeTruthy();
    // Task 3 has no points of its own: its share is marked.
    expect(within(row).getByText('均分')).toBeTruthy();
    expect(operations.find((o) => o.variables && 'id' in o.variables)?.variables).toEqual({ id: 'p1' });
  });

  it('keeps lead units to their own task and marks only shared points', async () => {
    renderPlan();
    const task1 = await taskRow('除涉密');
    expect(within(task1).queryByText('市公安局')).toBeNull();
    expect(within(task1).getByText('市审批服务局')).toBeTruthy();
    expect(within(task1).getByText('持续')).toBeTruthy();
    const task4 = await taskRow('成立各级政务服务便民热线');
    expect(within(task4).queryByText('均分')).toBeNull();
  });

  it('summarises the plan against 100 points and the 60/20/10/10 weights', async () => {
    renderPlan();
    expect(await screen.findByText('包头市数字政府建设考评')).toBeTruthy();
    expect(screen.getByText(/各方面分值合计 25 分/)).toBeTruthy();
    expect(screen.getByText('日常监测权重')).toBeTruthy();
    expect(screen.getByText('一、政务服务“一网通办”', { exact: false })).toBeTruthy();
    expect(screen.getByText('(二)政务服务便民热线升级', { exact: false })).toBeTruthy();
  });

  it('opens task 3 in a drawer with its evaluatees by group', async () => {
    const { router } = renderPlan();
    const row = await taskRow('全面提升“12345”政务热线服务水平');
    fireEvent.click(within(row).getByText('详情'));
    expect(router.state.location.pathname).toBe('/plans/p1/tasks/t3');
    const list = await screen.findByTestId('task-evaluatees');
    expect(within(list).getByText('旗县区组(1)')).toBeTruthy();
    expect(within(list).getByText('市直部门组(2)')).toBeTruthy();
    expect(within(list).getByText('昆都仑区')).toBeTruthy();
    expect(screen.getAllByText(task3Text).length).toBeGreaterThan(0);
  });

  it('offers editing to 专班 only', async () => {
    renderPlan();
    const row = await taskRow('全面提升“12345”政务热线服务水平');
    expect(await screen.findByRole('button', { name: /新增方面/ })).toBeTruthy();
    expect(within(row).getByText('编辑')).toBeTruthy();
    cleanup();

    renderPlan('/plans/p1', ['LEADER']);
    const readOnlyRow = await taskRow('全面提升“12345”政务热线服务水平');
    expect(within(readOnlyRow).getByText('详情')).toBeTruthy();
    expect(within(readOnlyRow).queryByText('编辑')).toBeNull();
    expect(screen.queryByRole('button', { name: /新增方面/ })).toBeNull();
  });
});
