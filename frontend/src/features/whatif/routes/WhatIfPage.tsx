import { Alert, Button, Card, Empty, Flex, Input, Result, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { ServerText } from '../../../components/ServerText';
import { PeriodPicker, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { WhatIfQuery, WhatIfTryQuery } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { whatIfEvaluateesQuery, whatIfQuery, whatIfTryQuery } from '../documents';
import { useWhatifT } from '../messages';

type TaskRow = WhatIfQuery['whatIf']['tasks'][number];
type Outcome = WhatIfTryQuery['whatIfTry'];

/** `/plans/:planId/whatif`: where effort counts most, and a trial of scores (nothing is saved). */
export function WhatIfPage() {
  const t = useWhatifT();
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
  if (!plan) return <Result status="404" title={t('planNotFound')} />;
  const open = period && (period.state === 'OPEN' || period.state === 'REVIEW');

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={t('hint')}
        actions={
          <Space wrap>
            {seesAll && (
              <Select
                aria-label={t('evaluatee')}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 200 }}
                value={evaluateeId}
                options={options}
                labelRender={(o) => <span data-i18n="data">{o.label}</span>}
                optionRender={(o) => <span data-i18n="data">{o.label}</span>}
                onChange={(v) => setParams((p) => ({ ...Object.fromEntries(p), evaluatee: v }), { replace: true })}
              />
            )}
            <PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />
          </Space>
        }
      />
      {!period ? (
        <Card>
          <Empty description={t('noPeriods')} />
        </Card>
      ) : !open ? (
        <Alert type="info" showIcon title={t('notOpen', { period: period.name })} description={t('notOpenHint')} />
      ) : !evaluateeId ? (
        <Card>
          <Empty description={seesAll ? t('noEvaluatees') : t('notEvaluatee')} />
        </Card>
      ) : (
        <Analysis key={`${period.id}/${evaluateeId}`} periodId={period.id} evaluateeId={evaluateeId} />
      )}
    </>
  );
}

function Analysis({ periodId, evaluateeId }: { periodId: string; evaluateeId: string }) {
  const t = useWhatifT();
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
      title: t('colTask'),
      key: 'task',
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.task.text }} style={{ margin: 0 }}>
          <Typography.Text strong>{t('taskNumber', { number: r.task.number })}</Typography.Text> <span data-i18n="data">{r.task.text}</span>
        </Typography.Paragraph>
      ),
    },
    {
      title: t('colNow'),
      key: 'now',
      width: 130,
      align: 'right',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {r.currentScores.length > 0 ? r.currentScores.map(formatDecimal).join(' / ') : <Typography.Text type="secondary">{t('notScored')}</Typography.Text>}
          <Typography.Text type="secondary"> / {formatDecimal(r.maxPoints)}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('colAfter'),
      key: 'after',
      width: 110,
      align: 'right',
      render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDecimal(r.outcome.score)}</span>,
    },
    {
      title: t('colGain'),
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
      title: t('colRank'),
      key: 'rank',
      width: 110,
      responsive: ['sm'],
      render: (_, r) =>
        r.rankGain > 0 ? (
          <Tag color="green">
            {t('rankGain', { gain: r.rankGain, rank: r.outcome.rank })}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('unchanged')}</Typography.Text>
        ),
    },
    {
      title: t('colTry'),
      key: 'try',
      width: 130,
      render: (_, r) => (
        <Input
          size="small"
          inputMode="decimal"
          aria-label={t('tryLabel', { number: r.task.number })}
          placeholder={`0–${formatDecimal(r.maxPoints)}`}
          value={trial[r.task.id] ?? ''}
          onChange={(e) => setTrial((prev) => ({ ...prev, [r.task.id]: e.target.value }))}
          style={{ width: 110 }}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex gap={32} wrap="wrap" align="center">
          <Statistic title={t('currentScore')} value={w.current.score ? formatDecimal(w.current.score) : '—'} />
          <Statistic title={t('groupRank')} value={w.current.score ? `${w.current.rank} / ${w.current.groupSize}` : '—'} />
          {tried && (
            <>
              <Statistic title={t('triedScore')} value={tried.score ? formatDecimal(tried.score) : '—'} styles={{ content: { color: '#389e0d' } }} />
              <Statistic title={t('triedRank')} value={`${tried.rank} / ${tried.groupSize}`} styles={{ content: { color: '#389e0d' } }} />
            </>
          )}
          <Space>
            <Button type="primary" loading={trying} disabled={Object.values(trial).every((v) => v.trim() === '')} onClick={() => void runTrial()}>
              {t('run')}
            </Button>
            <Button
              onClick={() => {
                setTrial({});
                setTried(null);
              }}
            >
              {t('clear')}
            </Button>
          </Space>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          <ServerText zh={w.assumption} en={w.assumptionEn} />
        </Typography.Paragraph>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<TaskRow>
          rowKey={(r) => r.task.id}
          size="middle"
          columns={columns}
          dataSource={w.tasks}
          pagination={w.tasks.length > 50 ? { pageSize: 50 } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('allFull')} /> }}
        />
      </Card>
    </Flex>
  );
}
