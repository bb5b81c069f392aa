import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Segmented, Select, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { DeadlineView } from '../../../components/DeadlineView';
import { PageTitle } from '../../../components/PageTitle';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { OverdueBoardQuery, RankingGroup } from '../../../gql/graphql';
import { formatDate, formatTime } from '../../../lib/datetime';
import { downloadFile } from '../../../lib/download';
import { useCommonT } from '../../../lib/messages';
import { useShowError } from '../../../lib/useShowError';
import { progressStateColors, progressStateLabels } from '../../../lib/evaluation';
import { enumLabel } from '../../../lib/enumLabels';
import { rankingGroups } from '../../../lib/labels';
import { overdueBoardQuery } from '../documents';
import { useOverdueT } from '../messages';

type Task = OverdueBoardQuery['overdueTasks'][number];


/**
 * `/plans/:planId/overdue`: 督办 — tasks whose deadline month has passed
 * without the evaluatee's report reaching the state the deadline expects.
 * Filters live in the address (?group, ?evaluatee, ?lead) so a link to a
 * filtered board can be sent on.
 */
export function OverduePage() {
  const tr = useOverdueT();
  const common = useCommonT();
  const { planId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const group = (params.get('group') ?? '') as RankingGroup | '';
  const evaluatee = params.get('evaluatee') ?? '';
  const lead = params.get('lead') ?? '';
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const filter = useMemo(
    () => ({ planId, group: group || null, evaluateeId: evaluatee || null, leadUnitId: lead || null }),
    [planId, group, evaluatee, lead],
  );
  const all = useMemo(() => ({ planId }), [planId]);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: overdueBoardQuery, variables: { filter, all } });
  const showError = useShowError();
  const [exporting, setExporting] = useState(false);

  if (!data && fetching) return <PageLoading rows={8} />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const tasks = data?.overdueTasks ?? [];
  const counts = data?.overdueCounts;

  const groupOptions = [{ value: '', label: common('all') }, ...rankingGroups.map((g) => ({ value: g, label: enumLabel('RankingGroup', g) }))];
  // The server writes the .xlsx (server/overdue Workbook) from the same
  // board, with the page's filters.
  const exportXlsx = async () => {
    const q = new URLSearchParams({ planId });
    if (evaluatee) q.set('evaluateeId', evaluatee);
    if (lead) q.set('leadUnitId', lead);
    if (group) q.set('group', group);
    setExporting(true);
    try {
      await downloadFile(`/files/overdue.xlsx?${q.toString()}`, tr('xlsxName'));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Task> = [
    { title: tr('colEvaluatee'), dataIndex: 'unitName', key: 'unit', width: 110, render: (name: string, t) => <Link to={`?${withParam(params, 'evaluatee', t.evaluateeId)}`} data-i18n="data">{name}</Link> },
    {
      title: tr('colTask'),
      key: 'task',
      render: (_, t) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: t.taskText }} style={{ margin: 0 }}>
          <Typography.Text strong>{t.taskNumber}.</Typography.Text> <span data-i18n="data">{t.taskText}</span>
        </Typography.Paragraph>
      ),
    },
    { title: tr('colDeadline'), key: 'deadline', width: 190, responsive: ['md'], render: (_, t) => <DeadlineView deadline={t.deadline} /> },
    { title: tr('colLead'), key: 'lead', width: 150, responsive: ['lg'], render: (_, t) => <span data-i18n="data">{t.leadUnits.map((u) => u.name).join(tr('listSeparator')) || '—'}</span> },
    {
      title: tr('colReport'),
      key: 'report',
      width: 150,
      // On a phone the task text needs the width: the state shows in the report.
      responsive: ['sm'],
      render: (_, t) =>
        t.reportState ? (
          <Flex vertical gap={2}>
            <Tag color={progressStateColors[t.reportState]} style={{ marginInlineEnd: 0, width: 'fit-content' }}>
              {progressStateLabels[t.reportState]}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(t.reportUpdatedAt)}
            </Typography.Text>
          </Flex>
        ) : (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {tr('notReported')}
          </Tag>
        ),
    },
    {
      title: tr('colActions'),
      key: 'open',
      width: 90,
      render: (_, t) => (
        <Link to={`/plans/${planId}/reports?evaluatee=${t.evaluateeId}&task=${t.taskId}${t.reportPeriodId ? `&period=${t.reportPeriodId}` : ''}`}>
          {tr('openReport')}
        </Link>
      ),
    },
  ];

  const countList = (title: string, key: 'evaluatee' | 'lead', rows: { id: string; name: string; count: number }[]) => (
    <Card size="small" title={title}>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{tr('none')}</Typography.Text>
      ) : (
        <Flex wrap="wrap" gap={8}>
          {rows.slice(0, 12).map((r) => (
            <Button key={r.id} size="small" type={(key === 'evaluatee' ? evaluatee : lead) === r.id ? 'primary' : 'default'} onClick={() => set(key, (key === 'evaluatee' ? evaluatee : lead) === r.id ? '' : r.id)}>
              <span data-i18n="data">{r.name}</span> <b>{r.count}</b>
            </Button>
          ))}
        </Flex>
      )}
    </Card>
  );

  return (
    <>
      <PageTitle
        title={tr('title')}
        hint={tr('hint')}
        actions={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            {common('exportXlsx')}
          </Button>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={6}>
          <Card size="small">
            <Statistic title={tr('overdueCount')} value={counts?.total ?? 0} suffix={tr('countSuffix')} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {tr('judgedOn', { date: formatDate(counts?.judgedOn) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={9}>
          {countList(tr('byEvaluatee'), 'evaluatee', counts?.byEvaluatee ?? [])}
        </Col>
        <Col xs={24} md={9}>
          {countList(tr('byLead'), 'lead', counts?.byLeadUnit ?? [])}
        </Col>
      </Row>
      <Flex gap={12} wrap="wrap" align="center" style={{ marginBottom: 12 }}>
        <Segmented aria-label={tr('group')} options={groupOptions} value={group} onChange={(v) => set('group', String(v))} />
        <Select
          aria-label={tr('evaluatee')}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={tr('allEvaluatees')}
          style={{ width: 200 }}
          value={evaluatee || undefined}
          onChange={(v) => set('evaluatee', v ?? '')}
          options={(counts?.byEvaluatee ?? []).map((e) => ({ value: e.id, label: e.name }))}
        />
        <Select
          aria-label={tr('lead')}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={tr('allLeads')}
          style={{ width: 200 }}
          value={lead || undefined}
          onChange={(v) => set('lead', v ?? '')}
          options={(counts?.byLeadUnit ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Typography.Text type="secondary">{tr('listed', { count: tasks.length })}</Typography.Text>
      </Flex>
      {group && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={tr('onlyGroup', { group: enumLabel('RankingGroup', group) })} />
      )}
      <Table<Task>
        rowKey={(t) => `${t.evaluateeId}:${t.taskId}`}
        size="middle"
        columns={columns}
        dataSource={tasks}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        tableLayout="fixed"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('empty')} /> }}
      />
    </>
  );
}

function withParam(params: URLSearchParams, key: string, value: string): string {
  const p = new URLSearchParams(params);
  p.set(key, value);
  return p.toString();
}
