import { Alert, Button, Card, Empty, Flex, Input, Result, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { WhatIfQuery, WhatIfTryQuery } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { whatIfEvaluateesQuery, whatIfQuery, whatIfTryQuery } from '../documents';

type TaskRow = WhatIfQuery['whatIf']['tasks'][number];
type Outcome = WhatIfTryQuery['whatIfTry'];

/** `/plans/:planId/whatif`: where effort counts most, and a trial of scores (nothing is saved). */
export function WhatIfPage() {
  const { planId = '' } = useParams();
  const { session, can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const [params, setParams] = useSearchParams();
  const [evaluatees] = useQuery({ query: whatIfEvaluateesQuery, variables: { planId } });
  const seesAll = can('TASK_FORCE', 'LEADER');
  const ownUnit = session?.user.unit?.id;
  const options = useMemo(
    () =>
      [...(evaluatees.data?.evaluatees ?? [])]
        .filter((e) => seesAll || e.unit.id === ownUnit)
        .sort((a, b) => (a.group === b.group ? a.unit.sortKey - b.unit.sortKey : a.group === 'DISTRICTS' ? -1 : 1))
        .map((e) => ({ value: e.id, label: e.unit.name })),
    [evaluatees.data, seesAll, ownUnit],
  );
  const evaluateeId = params.get('evaluatee') ?? options[0]?.value;

  if (!plan && fetching) return <PageLoading rows={8} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;
  const open = period && (period.state === 'OPEN' || period.state === 'REVIEW');

  return (
    <>
      <PageTitle
        title="得分模拟"
        hint="看哪项任务做到满分对本单位得分和名次帮助最大,也可试填分值看结果;模拟不保存、不影响任何分值"
        actions={
          <Space wrap>
            {seesAll && (
              <Select
                aria-label="考评对象"
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 200 }}
                value={evaluateeId}
                options={options}
                onChange={(v) => setParams((p) => ({ ...Object.fromEntries(p), evaluatee: v }), { replace: true })}
              />
            )}
            <PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />
          </Space>
        }
      />
      {!period ? (
        <Card>
          <Empty description="本方案还没有考评周期" />
        </Card>
      ) : !open ? (
        <Alert type="info" showIcon title={`${period.name}不在填报或审核阶段`} description="得分模拟用于仍可改进的周期;已公示、发布或未开始的周期请查看考评排名。" />
      ) : !evaluateeId ? (
        <Card>
          <Empty description={seesAll ? '本方案还没有考评对象' : '您所在单位不是本方案的考评对象'} />
        </Card>
      ) : (
        <Analysis key={`${period.id}/${evaluateeId}`} periodId={period.id} evaluateeId={evaluateeId} />
      )}
    </>
  );
}

function Analysis({ periodId, evaluateeId }: { periodId: string; evaluateeId: string }) {
  const client = useClient();
  const showError = useShowError();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: whatIfQuery, variables: { periodId, evaluateeId }, requestPolicy: 'network-only' });
  const [trial, setTrial] = useState<Record<string, string>>({});
  const [tried, setTried] = useState<Outcome | null>(null);
  const [trying, setTrying] = useState(false);

  if (fetching && !data) return <PageLoading rows={8} />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return null;
  const w = data.whatIf;

  const runTrial = async () => {
    const changes = Object.entries(trial)
      .filter(([, v]) => v.trim() !== '')
      .map(([taskId, value]) => ({ taskId, value: value.trim() }));
    if (changes.length === 0) return;
    setTrying(true);
    const r = await client.query(whatIfTryQuery, { periodId, evaluateeId, changes }, { requestPolicy: 'network-only' }).toPromise();
    setTrying(false);
    if (r.error) showError(r.error);
    else if (r.data) setTried(r.data.whatIfTry);
  };

  const columns: TableColumnsType<TaskRow> = [
    {
      title: '任务',
      key: 'task',
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.task.text }} style={{ margin: 0 }}>
          <Typography.Text strong>任务 {r.task.number}</Typography.Text> {r.task.text}
        </Typography.Paragraph>
      ),
    },
    {
      title: '当前 / 满分',
      key: 'now',
      width: 130,
      align: 'right',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {r.currentScores.length > 0 ? r.currentScores.map(formatDecimal).join(' / ') : <Typography.Text type="secondary">未评分</Typography.Text>}
          <Typography.Text type="secondary"> / {formatDecimal(r.maxPoints)}</Typography.Text>
        </span>
      ),
    },
    {
      title: '满分后得分',
      key: 'after',
      width: 110,
      align: 'right',
      render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDecimal(r.outcome.score)}</span>,
    },
    {
      title: '可提高',
      key: 'gain',
      width: 100,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => Number(a.gainExact) - Number(b.gainExact),
      render: (_, r) => (
        <Typography.Text strong type={Number(r.gain) > 0 ? 'success' : 'secondary'} style={{ fontVariantNumeric: 'tabular-nums' }}>
          +{formatDecimal(r.gain)}
        </Typography.Text>
      ),
    },
    {
      title: '名次',
      key: 'rank',
      width: 110,
      responsive: ['sm'],
      render: (_, r) =>
        r.rankGain > 0 ? (
          <Tag color="green">
            ▲{r.rankGain} → 第 {r.outcome.rank}
          </Tag>
        ) : (
          <Typography.Text type="secondary">不变</Typography.Text>
        ),
    },
    {
      title: '试填分值',
      key: 'try',
      width: 130,
      render: (_, r) => (
        <Input
          size="small"
          inputMode="decimal"
          aria-label={`任务 ${r.task.number} 试填分值`}
          placeholder={`0–${formatDecimal(r.maxPoints)}`}
          value={trial[r.task.id] ?? ''}
          onChange={(e) => setTrial((t) => ({ ...t, [r.task.id]: e.target.value }))}
          style={{ width: 110 }}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex gap={32} wrap="wrap" align="center">
          <Statistic title="当前半年得分(预览)" value={w.current.score ? formatDecimal(w.current.score) : '—'} />
          <Statistic title="组内名次" value={w.current.score ? `${w.current.rank} / ${w.current.groupSize}` : '—'} />
          {tried && (
            <>
              <Statistic title="试算得分" value={tried.score ? formatDecimal(tried.score) : '—'} styles={{ content: { color: '#389e0d' } }} />
              <Statistic title="试算名次" value={`${tried.rank} / ${tried.groupSize}`} styles={{ content: { color: '#389e0d' } }} />
            </>
          )}
          <Space>
            <Button type="primary" loading={trying} disabled={Object.values(trial).every((v) => v.trim() === '')} onClick={() => void runTrial()}>
              试算
            </Button>
            <Button
              onClick={() => {
                setTrial({});
                setTried(null);
              }}
            >
              清空
            </Button>
          </Space>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {w.assumption}
        </Typography.Paragraph>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<TaskRow>
          rowKey={(r) => r.task.id}
          size="middle"
          columns={columns}
          dataSource={w.tasks}
          pagination={w.tasks.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所有任务都已是满分" /> }}
        />
      </Card>
    </Flex>
  );
}
