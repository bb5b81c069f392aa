import { ArrowRightOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Grid, Result, Row, Steps, Table, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodStateTag } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { PeriodWorkflowFieldsFragment } from '../../../gql/graphql';
import { formatTime, periodStateLabels, periodStates } from '../../../lib/evaluation';
import { planLabel } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { MoveModal, type MoveTarget } from '../components/MoveModal';
import { periodsPageQuery } from '../documents';
import { describeMove } from '../moves';

type PeriodData = PeriodWorkflowFieldsFragment;
type EventData = PeriodData['events'][number];

const pageContext = { additionalTypenames: ['Period'] };

/** `/plans/:planId/periods`: both halves of the plan, their state, moves and history. */
export function PeriodsPage() {
  const { planId = '' } = useParams();
  const { message } = App.useApp();
  const { can } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: periodsPageQuery, variables: { planId }, context: useMemo(() => pageContext, []) });
  const [target, setTarget] = useState<MoveTarget | null>(null);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  if (!can('TASK_FORCE')) return <Result status="403" title="只有专班可以管理考评周期" />;
  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  const plan = data?.plan;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;
  const periods = [...plan.periods].sort((a, b) => a.half - b.half);

  return (
    <>
      <PageTitle title="考评周期" hint={`${planLabel(plan)} · 每半年一个周期:筹备 → 填报 → 审核 → 公示 → 发布;只有专班可以变更,退回须说明理由`} />
      {periods.length === 0 ? (
        <Card>
          <Empty description="本方案还没有考评周期" />
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
          void message.success(`${p.name}已进入“${periodStateLabels[p.state]}”阶段`);
        }}
        onStale={() => {
          setTarget(null);
          reload();
          void message.warning('该周期刚被其他人变更,已重新加载,请核对当前阶段后再操作。');
        }}
      />
    </>
  );
}

function PeriodCard({ period, onMove }: { period: PeriodData; onMove: (to: PeriodData['state']) => void }) {
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
          {period.name}
          <PeriodStateTag state={period.state} />
        </Flex>
      }
      extra={
        period.publishedAt ? (
          <Typography.Text type="secondary">
            {period.state === 'PUBLISHED' ? '发布于' : '上次发布于'} {formatTime(period.publishedAt)}
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
        items={periodStates.map((s) => ({ title: periodStateLabels[s] }))}
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
        {moves.length === 0 && <Typography.Text type="secondary">当前阶段没有可执行的变更。</Typography.Text>}
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        变更记录
      </Typography.Title>
      <Table<EventData>
        size="small"
        rowKey={(e) => `${e.at}-${e.toState}`}
        dataSource={events}
        pagination={events.length > 8 ? { pageSize: 8, size: 'small' } : false}
        columns={[
          { title: '时间', dataIndex: 'at', width: 140, render: (t: string) => formatTime(t) },
          {
            title: '变更',
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
          { title: '操作人', dataIndex: 'username', width: 120, responsive: ['sm'] },
          { title: '理由', dataIndex: 'reason', render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text> },
        ]}
        locale={{ emptyText: '尚无变更' }}
      />
    </Card>
  );
}
