import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Operation } from '@urql/core';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../../app/provider';
import type { MeQuery, PlanPeriodsQuery, ScoreSheetQuery } from '../../../gql/graphql';
import { mockClient } from '../../../test/mockClient';
import { ScoringPage } from './ScoringPage';

const me: MeQuery = {
  me: {
    restricted: false,
    pendingSteps: [],
    idleTimeoutSeconds: 1800,
    expiresAt: '2030-01-01T00:00:00Z',
    emailDelivery: false,
    user: {
      id: 'u1',
      username: 'scorer',
      displayName: '审批服务局评分员 王磊',
      roles: ['LEAD_SCORER'],
      mustChangePassword: false,
      totpEnabled: false,
      totpRequired: false,
      locale: 'ZH_CN',
      email: null,
      unit: { id: 'u22', name: '市审批服务局' },
    },
  },
};

const periods: PlanPeriodsQuery = {
  plan: {
    id: 'p1',
    name: '包头市数字政府建设考评',
    year: 2023,
    periods: [
      { id: 'h1', planId: 'p1', half: 1, name: '2023年上半年', state: 'PUBLISHED', version: 5, publishedAt: '2023-07-10T01:03:00Z', allowedActions: [] },
      { id: 'h2', planId: 'p1', half: 2, name: '2023年下半年', state: 'OPEN', version: 2, publishedAt: null, allowedActions: ['ENTER_SCORES'] },
    ],
  },
};

const deadline = { phrase: '6月底完成', month: 6, state: 'COMPLETED' as const, continuing: false };

function sheet(editable = true): ScoreSheetQuery {
  return {
    scoreSheet: {
      editable,
      period: { id: 'h2', name: '2023年下半年', state: editable ? 'OPEN' : 'PUBLISHED' },
      leadUnit: { id: 'u22', name: '市审批服务局' },
      tasks: [
        { id: 't1', number: 1, text: '政务服务事项全部开通全程网办', effectivePoints: '1.5', indicatorId: 'i1', deadline },
        { id: 't2', number: 2, text: '强化审批智能化', effectivePoints: '1', indicatorId: 'i1', deadline },
      ],
      evaluatees: [
        { id: 'e2', group: 'DEPARTMENTS', unit: { id: 'u22', name: '市审批服务局', sortKey: 100 } },
        { id: 'e1', group: 'DISTRICTS', unit: { id: 'u1', name: '昆都仑区', sortKey: 1 } },
      ],
      cells: [
        {
          evaluateeId: 'e1',
          taskId: 't1',
          maxPoints: '1.5',
          score: {
            id: 's1',
            evaluateeId: 'e1',
            taskId: 't1',
            value: '1.2',
            comment: '',
            status: 'RETURNED',
            version: 3,
            enteredBy: '审批服务局评分员 王磊',
            enteredAt: '2023-10-20T01:59:00Z',
            verifiedBy: null,
            verifiedAt: null,
            originalValue: null,
            reviewReason: '佐证材料不足',
            flags: [],
          },
          report: {
            id: 'r1',
            state: 'STAGED_RESULTS',
            narrative: '已上线运行',
            updatedBy: '昆都仑区联络员 孙丽',
            updatedAt: '2023-10-20T01:02:00Z',
            evidence: [{ id: '7', filename: '上线通知.pdf', contentType: 'application/pdf', size: 2048, url: '/files/evidence/7' }],
          },
        },
        { evaluateeId: 'e1', taskId: 't2', maxPoints: '1', score: null, report: null },
        { evaluateeId: 'e2', taskId: 't2', maxPoints: '1', score: null, report: null },
      ],
    },
  };
}

function renderPage(editable = true) {
  const saves: Operation[] = [];
  const mock = mockClient({
    Me: me,
    PlanPeriods: periods,
    ScoreSheet: sheet(editable),
    SaveScores: (op: Operation) => {
      saves.push(op);
      const entries = (op.variables as { input: { entries: Array<{ evaluateeId: string; taskId: string; value: string; comment: string; version: number }> } }).input.entries;
      return {
        saveScores: entries.map((e, i) => ({
          id: `n${i}`,
          evaluateeId: e.evaluateeId,
          taskId: e.taskId,
          value: e.value,
          comment: e.comment,
          status: 'DRAFT',
          version: e.version + 1,
          enteredBy: '审批服务局评分员 王磊',
          enteredAt: '2023-10-21T00:00:00Z',
          verifiedBy: null,
          verifiedAt: null,
          originalValue: null,
          reviewReason: null,
        })),
      };
    },
  });
  const router = createMemoryRouter([{ path: '/plans/:planId/scoring', element: <ScoringPage /> }], { initialEntries: ['/plans/p1/scoring?period=h2'] });
  render(
    <AppProviders client={mock.client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { saves };
}

describe('ScoringPage', () => {
  it('lays out districts before departments and leaves uncarried cells out', async () => {
    renderPage();
    const kundulun = await screen.findByLabelText('昆都仑区 任务1 得分');
    expect((kundulun as HTMLInputElement).value).toBe('1.2');
    expect(screen.getByLabelText('市审批服务局 任务2 得分')).toBeTruthy();
    expect(screen.queryByLabelText('市审批服务局 任务1 得分')).toBeNull();
    const rows = screen.getAllByRole('row').map((r) => r.textContent ?? '');
    expect(rows.findIndex((t) => t.includes('昆都仑区'))).toBeLessThan(rows.findIndex((t) => t.includes('市审批服务局') && !t.includes('任务')));
  });

  it('saves a typed cell with the version it was edited from, and marks an invalid one without sending it', async () => {
    const { saves } = renderPage();
    const cell = await screen.findByLabelText('昆都仑区 任务1 得分');
    fireEvent.change(cell, { target: { value: '1.4' } });
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect((saves[0]!.variables as { input: unknown }).input).toEqual({
      periodId: 'h2',
      submit: false,
      entries: [{ evaluateeId: 'e1', taskId: 't1', value: '1.4', comment: '', version: 3 }],
    });
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toContain('已保存'));

    const other = screen.getByLabelText('昆都仑区 任务2 得分');
    fireEvent.change(other, { target: { value: '0.3' } }); // below half of 1, no 说明
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toContain('有误'));
    expect(other.closest('[data-status]')?.getAttribute('data-status')).toBe('INVALID');
    await new Promise((r) => setTimeout(r, 1200));
    expect(saves).toHaveLength(1);
  });

  it('pastes a block from Excel from the focused cell on', async () => {
    const { saves } = renderPage();
    const start = await screen.findByLabelText('昆都仑区 任务1 得分');
    fireEvent.focus(start);
    fireEvent.paste(start, { clipboardData: { getData: () => '1.1\t0.9\r\n0.8\t0.7\r\n' } });
    expect((screen.getByLabelText('昆都仑区 任务1 得分') as HTMLInputElement).value).toBe('1.1');
    expect((screen.getByLabelText('昆都仑区 任务2 得分') as HTMLInputElement).value).toBe('0.9');
    // the department's task 1 is not carried: 0.8 is dropped, 0.7 lands on its task 2
    expect((screen.getByLabelText('市审批服务局 任务2 得分') as HTMLInputElement).value).toBe('0.7');
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 3000 });
    expect((saves[0]!.variables as { input: { entries: unknown[] } }).input.entries).toHaveLength(3);
  });

  it('shows the 专班’s reason and the report of the focused cell', async () => {
    renderPage();
    const cell = await screen.findByLabelText('昆都仑区 任务1 得分');
    fireEvent.focus(cell);
    const panel = await screen.findByTestId('cell-panel');
    expect(panel.textContent).toContain('佐证材料不足');
    expect(panel.textContent).toContain('已上线运行');
    expect(panel.querySelector('a[href="/files/evidence/7"]')).toBeTruthy();
  });

  it('is read-only with an explanation when the period is closed', async () => {
    renderPage(false);
    const cell = await screen.findByLabelText('昆都仑区 任务1 得分');
    expect((cell as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByText(/不能录入或修改分值/)).toBeTruthy();
  });
});
