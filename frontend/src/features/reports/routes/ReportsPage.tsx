import { Alert, Button, Card, Empty, Flex, Grid, Progress, Result, Select, Table, Tag, theme, Typography, type TableColumnsType } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { DeadlineView } from '../../../components/DeadlineView';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod, type PeriodData } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { ProgressReportFieldsFragment, ReportsPlanQuery } from '../../../gql/graphql';
import { formatTime, periodStateLabels, progressStateColors, progressStateLabels } from '../../../lib/evaluation';
import { dimensionNumberLabel } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { ReportDrawer } from '../components/ReportDrawer';
import { progressReportsQuery, reportsPlanQuery } from '../documents';

type PlanData = NonNullable<ReportsPlanQuery['plan']>;
type PlanTask = PlanData['dimensions'][number]['indicators'][number]['tasks'][number];

type Row = { key: string; kind: 'dimension'; title: string; count: number } | { key: string; kind: 'task'; task: PlanTask; report: ProgressReportFieldsFragment | undefined };

/**
 * `/plans/:planId/reports`: the contact's own unit reports progress and
 * evidence on the tasks it carries; the 专班, inspectors, leaders and
 * analysts read any evaluatee's (?evaluatee=ID, ?task=ID opens one).
 */
export function ReportsPage() {
  const { planId = '' } = useParams();
  const { can, session } = useSession();
  const [params, setParams] = useSearchParams();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const [lookup, reexecuteLookup] = useQuery({ query: reportsPlanQuery, variables: { planId } });
  const contact = can('EVALUATEE_CONTACT');
  const reader = !contact && can('TASK_FORCE', 'INSPECTOR', 'LEADER', 'ANALYST');

  if (!contact && !reader) return <Result status="403" title="无权查看进展报送" subTitle="进展由考评对象联络员报送;专班、实地调研员、领导和分析员可以查阅。" />;
  if ((!plan && fetching) || (!lookup.data && lookup.fetching)) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (lookup.error && !lookup.data) return <QueryError error={lookup.error} onRetry={() => reexecuteLookup({ requestPolicy: 'network-only' })} />;
  if (!plan || !lookup.data?.plan) return <Result status="404" title="未找到该考评方案" />;

  const evaluatees = lookup.data.evaluatees;
  if (reader) {
    const chosen = evaluatees.find((e) => e.id === params.get('evaluatee')) ?? evaluatees[0];
    return (
      <>
        <PageTitle
          title="进展查阅"
          hint="考评对象报送的进展情况和佐证材料(只读;由考评对象联络员报送)"
          actions={
            <>
              <Select
                aria-label="考评对象"
                showSearch
                optionFilterProp="label"
                style={{ width: 200 }}
                value={chosen?.id}
                onChange={(id) =>
                  setParams((p) => {
                    p.set('evaluatee', id);
                    p.delete('task');
                    return p;
                  })
                }
                options={evaluatees.map((e) => ({ value: e.id, label: e.unit.name }))}
              />
              <PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />
            </>
          }
        />
        {!chosen ? (
          <Result status="info" title="本方案还没有考评对象" />
        ) : !period ? (
          <Card>
            <Empty description="本方案还没有考评周期" />
          </Card>
        ) : (
          <Reports key={`${period.id}:${chosen.id}`} plan={lookup.data.plan} evaluateeId={chosen.id} period={period} readOnly initialTask={params.get('task')} />
        )}
      </>
    );
  }

  const unit = session?.user.unit;
  const evaluatee = unit ? evaluatees.find((e) => e.unit.id === unit.id) : undefined;

  return (
    <>
      <PageTitle
        title="进展报送"
        hint={`${unit?.name ?? '本单位'}承担的任务:逐项报送进展情况并上传佐证材料,牵头单位据此评分`}
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      {!unit ? (
        <Result status="warning" title="您的账户未绑定单位" subTitle="请联系系统管理员为账户设置所属单位。" />
      ) : !evaluatee ? (
        <Result status="info" title={`${unit.name}不是本方案的考评对象`} subTitle="如有疑问请联系专班。" />
      ) : !period ? (
        <Card>
          <Empty description="本方案还没有考评周期" />
        </Card>
      ) : (
        <Reports key={period.id} plan={lookup.data.plan} evaluateeId={evaluatee.id} period={period} initialTask={params.get('task')} />
      )}
    </>
  );
}

function Reports({ plan, evaluateeId, period, readOnly = false, initialTask = null }: { plan: PlanData; evaluateeId: string; period: PeriodData; readOnly?: boolean; initialTask?: string | null }) {
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: progressReportsQuery,
    variables: { periodId: period.id, evaluateeId },
    context: useMemo(() => ({ additionalTypenames: ['ProgressReport', 'Evidence'] }), []),
  });
  const [openTask, setOpenTask] = useState<string | null>(initialTask);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const editable = !readOnly && period.allowedActions.includes('REPORT_PROGRESS');

  const reports = useMemo(() => new Map((data?.progressReports ?? []).map((r) => [r.taskId, r])), [data]);
  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    for (const d of [...plan.dimensions].sort((a, b) => a.number - b.number)) {
      const tasks = d.indicators.flatMap((i) => i.tasks).filter((t) => t.evaluatees.some((e) => e.id === evaluateeId));
      if (tasks.length === 0) continue;
      out.push({ key: `d:${d.id}`, kind: 'dimension', title: `${dimensionNumberLabel(d.number)}${d.name}`, count: tasks.length });
      for (const t of tasks.sort((a, b) => a.number - b.number)) out.push({ key: t.id, kind: 'task', task: t, report: reports.get(t.id) });
    }
    return out;
  }, [plan, evaluateeId, reports]);

  if (!data && fetching) return <PageLoading rows={8} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;

  const tasks = rows.filter((r): r is Extract<Row, { kind: 'task' }> => r.kind === 'task');
  const reported = tasks.filter((r) => r.report).length;
  const open = tasks.find((r) => r.task.id === openTask);
  const w = (px: number) => Math.round((px * token.fontSize) / 14);

  const stateTag = (report: ProgressReportFieldsFragment | undefined) =>
    report ? (
      <Tag color={progressStateColors[report.state]} style={{ marginInlineEnd: 0 }}>
        {progressStateLabels[report.state]}
      </Tag>
    ) : (
      <Tag style={{ marginInlineEnd: 0 }}>未报送</Tag>
    );
  const phone = !(screens.sm ?? true);
  const all: Array<ColumnType<Row> & { show: boolean }> = [
    {
      title: '任务',
      key: 'task',
      show: true,
      render: (_, r) =>
        r.kind === 'dimension' ? (
          <Typography.Text strong>
            {r.title}({r.count} 项)
          </Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, cursor: 'pointer' }} onClick={() => setOpenTask(r.task.id)}>
              <Typography.Text strong>{r.task.number}.</Typography.Text> {r.task.text}
            </Typography.Paragraph>
            {phone && <div>{stateTag(r.report)}</div>}
          </Flex>
        ),
    },
    {
      title: '完成时限',
      key: 'deadline',
      width: w(180),
      show: !!screens.lg,
      render: (_, r) => (r.kind === 'task' ? <DeadlineView deadline={r.task.deadline} /> : null),
    },
    { title: '报送状态', key: 'state', width: w(130), show: !phone, render: (_, r) => (r.kind === 'task' ? stateTag(r.report) : null) },
    {
      title: '佐证材料',
      key: 'evidence',
      width: w(84),
      align: 'right',
      show: !phone,
      render: (_, r) => (r.kind === 'task' ? (r.report ? `${r.report.evidence.length} 个` : '—') : null),
    },
    {
      title: '更新时间',
      key: 'updated',
      width: w(140),
      show: !!screens.md,
      render: (_, r) => (r.kind === 'task' && r.report ? formatTime(r.report.updatedAt) : null),
    },
    {
      title: '操作',
      key: 'actions',
      width: w(64),
      show: true,
      render: (_, r) =>
        r.kind === 'task' ? (
          <Button type="link" size="small" onClick={() => setOpenTask(r.task.id)} style={{ paddingInline: 0 }}>
            {editable ? (r.report ? '修改' : '填报') : '查看'}
          </Button>
        ) : null,
    },
  ];
  const visible = all.filter((c) => c.show);
  // A dimension's row is one cell across the table.
  const columns: TableColumnsType<Row> = visible.map(({ show: _show, ...c }, i) => ({
    ...c,
    onCell: (r: Row) => (r.kind === 'dimension' ? { colSpan: i === 0 ? visible.length : 0 } : {}),
  }));

  return (
    <>
      {!editable && !readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${period.name}处于“${periodStateLabels[period.state]}”阶段,不能报送或修改`}
          description="只有填报阶段可以报送进展和上传佐证材料;以下内容仅供查看。"
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={16} align="center" wrap="wrap">
          <Typography.Text>
            承担任务 <b>{tasks.length}</b> 项,已报送 <b>{reported}</b> 项
          </Typography.Text>
          <Progress percent={tasks.length ? Math.round((reported * 100) / tasks.length) : 0} size="small" style={{ width: 220, margin: 0 }} />
        </Flex>
      </Card>
      <Table<Row>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        onRow={(r) => (r.kind === 'dimension' ? { style: { background: token.colorFillQuaternary } } : {})}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本单位在本方案中没有承担的任务" /> }}
      />
      <ReportDrawer
        task={open?.task ?? null}
        report={open?.report}
        periodId={period.id}
        evaluateeId={evaluateeId}
        editable={editable}
        onClose={() => setOpenTask(null)}
        onConflict={reload}
      />
    </>
  );
}
