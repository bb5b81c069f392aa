import { ArrowRightOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Grid, Result, Row, Steps, Table, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodStateTag } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { PeriodWorkflowFieldsFragment } from '../../../gql/graphql';
import { enumLabel } from '../../../lib/enumLabels';
import { formatTime, periodStates } from '../../../lib/evaluation';
import { planLabel } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { MoveModal, type MoveTarget } from '../components/MoveModal';
import { periodsPageQuery } from '../documents';
import { usePeriodsT } from '../messages';
import { describeMove } from '../moves';

type PeriodData = PeriodWorkflowFieldsFragment;
type EventData = PeriodData['events'][number];

const pageContext = { additionalTypenames: ['Period'] };

/** `/plans/:planId/periods`: both halves of the plan, their state, moves and history. */
export function PeriodsPage() {
  const t = usePeriodsT();
  const { planId = '' } = useParams();
  const { message } = App.useApp();
  const { can } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: periodsPageQuery, variables: { planId }, context: useMemo(() => pageContext, []) });
  const [target, setTarget] = useState<MoveTarget | null>(null);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  if (!can('TASK_FORCE')) return <Result status="403" title={t('taskForceOnly')} />;
  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  const plan = data?.plan;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;
  const periods = [...plan.periods].sort((a, b) => a.half - b.half);

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={
          <>
            <span data-i18n="data">{planLabel(plan)}</span> · {t('hint', { states: periodStates.map((s) => enumLabel('PeriodState', s)).join(' → ') })}
          </>
        }
      />
      {periods.length === 0 ? (
        <Card>
          <Empty description={t('noPeriods')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {periods.map((p) => (
            <Col xs={24} xxl={12} key={p.id}>
              <PeriodCard period={p} onMove={(to) => setTarget({ period: p, to })} />
            </Col>
          ))}
        </Row>
      )}
      <MoveModal
        target={target}
        onClose={() => setTarget(null)}
        onMoved={(p) => {
          setTarget(null);
          void message.success(t('moved', { period: p.name, state: enumLabel('PeriodState', p.state) }));
        }}
        onStale={() => {
          setTarget(null);
          reload();
          void message.warning(t('stale'));
        }}
      />
    </>
  );
}

function PeriodCard({ period, onMove }: { period: PeriodData; onMove: (to: PeriodData['state']) => void }) {
  const t = usePeriodsT();
  const screens = Grid.useBreakpoint();
  const index = periodStates.indexOf(period.state);
  const events = [...period.events].reverse();
  // The server says whether this user may move the period now.
  const moves = period.allowedActions.includes('MOVE_PERIOD') ? period.nextStates : [];
  const forward = moves.filter((s) => !describeMove(period.state, s).back);
  const back = moves.filter((s) => describeMove(period.state, s).back);

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <span data-i18n="data">{period.name}</span>
          <PeriodStateTag state={period.state} />
        </Flex>
      }
      extra={
        period.publishedAt ? (
          <Typography.Text type="secondary">
            {t(period.state === 'PUBLISHED' ? 'publishedAt' : 'lastPublishedAt', { time: formatTime(period.publishedAt) })}
          </Typography.Text>
        ) : null
      }
      data-period={period.name}
    >
      <Steps
        current={index}
        status={period.state === 'PUBLISHED' ? 'finish' : 'process'}
        size="small"
        titlePlacement={screens.md ? 'horizontal' : 'vertical'}
        items={periodStates.map((s) => ({ title: enumLabel('PeriodState', s) }))}
        style={{ marginBottom: 20 }}
      />
      <Flex gap={8} wrap="wrap" style={{ marginBottom: 20 }}>
        {forward.map((s) => (
          <Button key={s} type="primary" icon={<ArrowRightOutlined />} onClick={() => onMove(s)}>
            {describeMove(period.state, s).label}
          </Button>
        ))}
        {back.map((s) => (
          <Button key={s} danger icon={<RollbackOutlined />} onClick={() => onMove(s)}>
            {describeMove(period.state, s).label}
          </Button>
        ))}
        {moves.length === 0 && <Typography.Text type="secondary">{t('noMoves')}</Typography.Text>}
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('history')}
      </Typography.Title>
      <Table<EventData>
        size="small"
        rowKey={(e) => `${e.at}-${e.toState}`}
        dataSource={events}
        pagination={events.length > 8 ? { pageSize: 8, size: 'small' } : false}
        columns={[
          { title: t('colTime'), dataIndex: 'at', width: 140, render: (at: string) => formatTime(at) },
          {
            title: t('colMove'),
            key: 'move',
            width: 130,
            render: (_, e) => (
              <Flex gap={4} align="center" style={{ whiteSpace: 'nowrap' }}>
                <PeriodStateTag state={e.fromState} />
                <ArrowRightOutlined style={{ fontSize: 10 }} />
                <PeriodStateTag state={e.toState} />
              </Flex>
            ),
          },
          { title: t('colUser'), dataIndex: 'username', width: 120, responsive: ['sm'], render: (u: string) => <span data-i18n="data">{u}</span> },
          { title: t('colReason'), dataIndex: 'reason', render: (r: string | null) => (r ? <span data-i18n="data">{r}</span> : <Typography.Text type="secondary">—</Typography.Text>) },
        ]}
        locale={{ emptyText: t('noHistory') }}
      />
    </Card>
  );
}
