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
import { useReportsT } from '../messages';

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
  const t = useReportsT();
  const [params, setParams] = useSearchParams();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const [lookup, reexecuteLookup] = useQuery({ query: reportsPlanQuery, variables: { planId } });
  const contact = can('EVALUATEE_CONTACT');
  const reader = !contact && can('TASK_FORCE', 'INSPECTOR', 'LEADER', 'ANALYST');

  if (!contact && !reader) return <Result status="403" title={t('noAccess')} subTitle={t('noAccessHint')} />;
  if ((!plan && fetching) || (!lookup.data && lookup.fetching)) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (lookup.error && !lookup.data) return <QueryError error={lookup.error} onRetry={() => reexecuteLookup({ requestPolicy: 'network-only' })} />;
  if (!plan || !lookup.data?.plan) return <Result status="404" title={t('planNotFound')} />;

  const evaluatees = lookup.data.evaluatees;
  if (reader) {
    const chosen = evaluatees.find((e) => e.id === params.get('evaluatee')) ?? evaluatees[0];
    return (
      <>
        <PageTitle
          title={t('readTitle')}
          hint={t('readHint')}
          actions={
            <>
              <Select
                aria-label={t('evaluatee')}
                labelRender={(o) => <span data-i18n="data">{o.label}</span>}
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
          <Result status="info" title={t('noEvaluatees')} />
        ) : !period ? (
          <Card>
            <Empty description={t('noPeriods')} />
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
        title={t('title')}
        hint={
          <>
            {unit ? <span data-i18n="data">{unit.name}</span> : t('ownUnit')}
            {t('hint')}
          </>
        }
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      {!unit ? (
        <Result status="warning" title={t('noUnit')} subTitle={t('noUnitHint')} />
      ) : !evaluatee ? (
        <Result
          status="info"
          title={
            <>
              <span data-i18n="data">{unit.name}</span>
              {t('notEvaluatee')}
            </>
          }
          subTitle={t('askTaskForce')}
        />
      ) : !period ? (
        <Card>
          <Empty description={t('noPeriods')} />
        </Card>
      ) : (
        <Reports key={period.id} plan={lookup.data.plan} evaluateeId={evaluatee.id} period={period} initialTask={params.get('task')} />
      )}
    </>
  );
}

function Reports({ plan, evaluateeId, period, readOnly = false, initialTask = null }: { plan: PlanData; evaluateeId: string; period: PeriodData; readOnly?: boolean; initialTask?: string | null }) {
  const t = useReportsT();
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
      <Tag style={{ marginInlineEnd: 0 }}>{t('unreported')}</Tag>
    );
  const phone = !(screens.sm ?? true);
  const all: Array<ColumnType<Row> & { show: boolean }> = [
    {
      title: t('task'),
      key: 'task',
      show: true,
      render: (_, r) =>
        r.kind === 'dimension' ? (
          <Typography.Text strong>
            <span data-i18n="data">{r.title}</span>
            {t('tasksCount', { count: r.count })}
          </Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, cursor: 'pointer' }} onClick={() => setOpenTask(r.task.id)}>
              <Typography.Text strong>{r.task.number}.</Typography.Text> <span data-i18n="data">{r.task.text}</span>
            </Typography.Paragraph>
            {phone && <div>{stateTag(r.report)}</div>}
          </Flex>
        ),
    },
    {
      title: t('deadline'),
      key: 'deadline',
      width: w(180),
      show: !!screens.lg,
      render: (_, r) => (r.kind === 'task' ? <DeadlineView deadline={r.task.deadline} /> : null),
    },
    { title: t('reportState'), key: 'state', width: w(130), show: !phone, render: (_, r) => (r.kind === 'task' ? stateTag(r.report) : null) },
    {
      title: t('evidence'),
      key: 'evidence',
      width: w(84),
      align: 'right',
      show: !phone,
      render: (_, r) => (r.kind === 'task' ? (r.report ? t('files', { count: r.report.evidence.length }) : '—') : null),
    },
    {
      title: t('updatedAt'),
      key: 'updated',
      width: w(140),
      show: !!screens.md,
      render: (_, r) => (r.kind === 'task' && r.report ? formatTime(r.report.updatedAt) : null),
    },
    {
      title: t('actions'),
      key: 'actions',
      width: w(64),
      show: true,
      render: (_, r) =>
        r.kind === 'task' ? (
          <Button type="link" size="small" onClick={() => setOpenTask(r.task.id)} style={{ paddingInline: 0 }}>
            {editable ? (r.report ? t('edit') : t('report')) : t('view')}
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
          title={
            <>
              <span data-i18n="data">{period.name}</span>
              {t('lockedTitle', { state: periodStateLabels[period.state] })}
            </>
          }
          description={t('lockedHint')}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={16} align="center" wrap="wrap">
          <Typography.Text>
            {t('carried')}
            <b>{tasks.length}</b>
            {t('carriedMid')}
            <b>{reported}</b>
            {t('carriedEnd')}
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
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noTasks')} /> }}
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
