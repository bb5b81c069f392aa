import { ExclamationCircleOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, List, Result, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod, type PeriodData } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { ObjectionFieldsFragment, ObjectionStatus } from '../../../gql/graphql';
import { enumLabelMap } from '../../../lib/enumLabels';
import { formatFileSize, formatTime } from '../../../lib/evaluation';
import { useSession } from '../../../lib/session';
import { AnswerObjectionDrawer } from '../components/AnswerObjectionDrawer';
import { FileObjectionDrawer } from '../components/FileObjectionDrawer';
import { objectionPeriodQuery, objectionPlanQuery, objectionsQuery } from '../documents';
import { canObject, objectionStatusColors, publicityDaysLeft, publicityText } from '../format';
import { objectionTarget, planNames, type TaskName } from '../names';

const objectionContext = { additionalTypenames: ['Objection'] };

/**
 * `/plans/:planId/objections`: 异议 during 公示 (issue 13 §3). The contact
 * files objections to its own unit's result and reads the answers; the 专班
 * works through the queue. `?period=` chooses the half (default: the one in
 * 公示), `?new=1&task=ID` opens the contact's form on a task.
 */
export function ObjectionsPage() {
  const { planId = '' } = useParams();
  const [params] = useSearchParams();
  const { can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);

  // Objections belong to 公示: open on the period in it unless one is named.
  const inPublicity = periods.find((p) => p.state === 'PUBLICITY');
  const named = params.get('period');
  useEffect(() => {
    if (!named && inPublicity && period?.id !== inPublicity.id) select(inPublicity.id);
  }, [named, inPublicity, period?.id, select]);

  if (!can('TASK_FORCE', 'EVALUATEE_CONTACT')) return <Result status="403" title="只有专班和考评对象联络员可以处理异议" />;
  if (!plan && fetching) return <PageLoading rows={8} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;
  if (!period)
    return (
      <Card>
        <Empty description="本方案还没有考评周期" />
      </Card>
    );
  const picker = <PeriodPicker periods={periods} value={period.id} onChange={(id) => select(id)} />;
  return can('TASK_FORCE') ? (
    <TaskForceObjections key={period.id} planId={planId} period={period} picker={picker} />
  ) : (
    <ContactObjections key={period.id} planId={planId} period={period} picker={picker} />
  );
}

function usePlanData(planId: string) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: objectionPlanQuery, variables: { planId } });
  const names = useMemo(() => planNames(data?.plan), [data]);
  return { plan: data?.plan, ...names, fetching, error, reload: () => reexecute({ requestPolicy: 'network-only' }) };
}

function usePeriodWindow(periodId: string) {
  const [{ data }] = useQuery({ query: objectionPeriodQuery, variables: { periodId }, context: useMemo(() => ({ additionalTypenames: ['Objection', 'Period'] }), []) });
  return data?.period;
}

function Evidence({ files }: { files: ObjectionFieldsFragment['evidence'] }) {
  if (files.length === 0) return <Typography.Text type="secondary">未提供佐证材料</Typography.Text>;
  return (
    <Flex gap={12} wrap="wrap">
      {files.map((f) => (
        <Typography.Link key={f.id} href={f.url} download={f.filename} data-evidence-link="" style={{ wordBreak: 'break-all' }}>
          <PaperClipOutlined /> {f.filename}({formatFileSize(f.size)})
        </Typography.Link>
      ))}
    </Flex>
  );
}

function ContactObjections({ planId, period, picker }: { planId: string; period: PeriodData; picker: ReactNode }) {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const statusLabels = enumLabelMap('ObjectionStatus');
  const names = usePlanData(planId);
  const info = usePeriodWindow(period.id);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: objectionsQuery, variables: { periodId: period.id }, context: useMemo(() => objectionContext, []) });
  const unitId = session?.user.unit?.id;
  const evaluatee = names.plan?.evaluatees.find((e) => e.unit.id === unitId);
  const carried: TaskName[] = useMemo(
    () => (evaluatee ? [...names.tasks.values()].filter((t) => t.evaluateeIds.includes(evaluatee.id)).sort((a, b) => a.number - b.number) : []),
    [names.tasks, evaluatee],
  );
  const endsOn = info?.publicityEndsOn ?? null;
  const daysLeft = publicityDaysLeft(endsOn);
  const allowed = canObject(period.state, daysLeft) && !!evaluatee;
  const countdown = publicityText(period.state, daysLeft, endsOn);
  const formOpen = params.get('new') === '1' && allowed;
  const setFormOpen = (open: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (open) next.set('new', '1');
        else {
          next.delete('new');
          next.delete('task');
        }
        return next;
      },
      { replace: true },
    );

  if ((!data && fetching) || (!names.plan && names.fetching)) return <PageLoading rows={8} />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  // Newest first: the one just filed is on top.
  const mine = [...(data?.objections ?? [])].sort((a, b) => Number(b.id) - Number(a.id));
  const resultLink = evaluatee && `/plans/${planId}/results/${evaluatee.id}?period=${period.id}`;

  return (
    <div style={{ maxWidth: 1000 }}>
      <PageTitle
        title="结果异议"
        hint={`${evaluatee?.unit.name ?? session?.user.unit?.name ?? ''} · ${period.name} · 公示期间可对本单位的总体结果或某项任务的得分提出异议`}
        actions={
          <>
            {picker}
            <Button type="primary" icon={<PlusOutlined />} disabled={!allowed} onClick={() => setFormOpen(true)}>
              提出异议
            </Button>
          </>
        }
      />
      <Alert
        type={allowed ? (daysLeft !== null && daysLeft <= 2 ? 'warning' : 'info') : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={countdown}
        description={
          !evaluatee
            ? '您所在单位不是本方案的考评对象。'
            : resultLink && (period.state === 'PUBLICITY' || period.state === 'PUBLISHED') ? (
                <Link to={resultLink}>查看本单位{period.name}的得分明细</Link>
              ) : undefined
        }
        data-testid="publicity-countdown"
      />
      <Card title={`我的异议(${mine.length})`} styles={{ body: { paddingBlock: 4 } }}>
        {mine.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={allowed ? '本周期尚未提出异议' : '本周期没有异议'} />
        ) : (
          <List
            dataSource={mine}
            rowKey={(o) => o.id}
            renderItem={(o) => (
              <List.Item data-objection={o.id}>
                <Flex vertical gap={8} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap="wrap">
                    <Typography.Text strong>{objectionTarget(o.taskId, names.tasks)}</Typography.Text>
                    <Tag color={objectionStatusColors[o.status]} data-objection-status={o.status}>
                      {statusLabels[o.status]}
                    </Tag>
                  </Flex>
                  <Typography.Text type="secondary">
                    {o.filedBy} 于 {formatTime(o.filedAt)} 提出
                  </Typography.Text>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{o.reason}</Typography.Paragraph>
                  <Evidence files={o.evidence} />
                  {o.status === 'OPEN' && <Typography.Text type="secondary">专班正在核实,答复后会显示在这里。</Typography.Text>}
                  {o.status !== 'OPEN' && (
                    <Alert
                      type={o.status === 'UPHELD' ? 'success' : 'warning'}
                      showIcon
                      title={o.status === 'UPHELD' ? `专班采纳了异议${o.correction ? `:更正${o.correction}` : ''},结果已重新公示` : '专班维持原分'}
                      description={
                        <Flex vertical gap={4}>
                          <span style={{ whiteSpace: 'pre-wrap' }}>答复:{o.answer}</span>
                          <Typography.Text type="secondary">
                            {o.answeredBy} · {formatTime(o.answeredAt)}
                          </Typography.Text>
                          {o.status === 'UPHELD' && resultLink && <Link to={resultLink}>查看更正后的结果</Link>}
                        </Flex>
                      }
                    />
                  )}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      {evaluatee && (
        <FileObjectionDrawer
          open={formOpen}
          onClose={() => setFormOpen(false)}
          periodId={period.id}
          periodName={period.name}
          evaluateeId={evaluatee.id}
          unitName={evaluatee.unit.name}
          tasks={carried}
          initialTaskId={params.get('task')}
          countdown={countdown}
        />
      )}
    </div>
  );
}

type Filter = ObjectionStatus | 'ALL';

function TaskForceObjections({ planId, period, picker }: { planId: string; period: PeriodData; picker: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const statusLabels = enumLabelMap('ObjectionStatus');
  const filter = (params.get('status') as Filter | null) ?? 'OPEN';
  const names = usePlanData(planId);
  const info = usePeriodWindow(period.id);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: objectionsQuery,
    variables: { periodId: period.id, status: filter === 'ALL' ? null : filter },
    context: useMemo(() => objectionContext, []),
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = useMemo(() => data?.objections ?? [], [data]);
  const opened = rows.find((o) => o.id === openId) ?? null;
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const daysLeft = publicityDaysLeft(info?.publicityEndsOn);

  return (
    <div>
      <PageTitle title="异议处理" hint={`${period.name} · 公示期间联络员对结果提出的异议:核实后采纳(更正分值并重新公示)或维持原分`} actions={picker} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title="待答复" value={info?.objectionsOpen ?? '…'} styles={{ content: info?.objectionsOpen ? { color: '#cf1322' } : undefined }} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title="已提出" value={info?.objectionsFiled ?? '…'} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title="已采纳" value={info?.objectionsUpheld ?? '…'} />
          </Card>
        </Col>
        <Col xs={24} md={9}>
          <Card size="small">
            <Statistic
              title="公示截止"
              value={info?.publicityEndsOn ?? '未设置'}
              suffix={period.state === 'PUBLICITY' && daysLeft !== null ? (daysLeft >= 0 ? `还剩${daysLeft}天` : '已结束') : undefined}
            />
          </Card>
        </Col>
      </Row>
      {period.state !== 'PUBLICITY' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${period.name}不在公示阶段,只能查看异议,不能答复`}
          description={(info?.objectionsOpen ?? 0) > 0 ? undefined : '正式发布前须答复全部异议。'}
        />
      )}
      {period.state === 'PUBLICITY' && (info?.objectionsOpen ?? 0) > 0 && (
        <Alert type="warning" showIcon icon={<ExclamationCircleOutlined />} style={{ marginBottom: 16 }} title={`还有${info?.objectionsOpen}条异议未答复,答复全部异议后才能正式发布`} />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Flex style={{ padding: 12 }}>
          <Segmented<Filter>
            value={filter}
            onChange={(v) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('status', v);
                  return next;
                },
                { replace: true },
              )
            }
            options={[
              { value: 'OPEN', label: statusLabels.OPEN },
              { value: 'UPHELD', label: statusLabels.UPHELD },
              { value: 'REJECTED', label: statusLabels.REJECTED },
              { value: 'ALL', label: '全部' },
            ]}
            aria-label="按状态筛选"
          />
        </Flex>
        {error && !data ? (
          <QueryError error={error} onRetry={reload} />
        ) : (
          <Table
            size="middle"
            rowKey="id"
            loading={fetching && !data}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: filter === 'OPEN' ? '没有待答复的异议' : '没有异议' }}
            onRow={(o) => ({ onClick: () => setOpenId(o.id), style: { cursor: 'pointer' }, 'data-objection': o.id }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: '单位', key: 'unit', width: 150, render: (_, o) => <Typography.Text strong>{names.units.get(o.evaluateeId) ?? o.evaluateeId}</Typography.Text> },
              { title: '异议对象', key: 'target', width: 220, render: (_, o) => objectionTarget(o.taskId, names.tasks) },
              { title: '理由', dataIndex: 'reason', ellipsis: true, responsive: ['md'] },
              { title: '材料', key: 'files', width: 64, align: 'right', responsive: ['md'], render: (_, o) => (o.evidence.length ? <Space size={2}><PaperClipOutlined />{o.evidence.length}</Space> : '—') },
              { title: '提出', key: 'filed', width: 170, responsive: ['md'], render: (_, o) => <span>{o.filedBy}<br /><Typography.Text type="secondary">{formatTime(o.filedAt)}</Typography.Text></span> },
              { title: '状态', key: 'status', width: 96, render: (_, o) => <Tag color={objectionStatusColors[o.status]}>{statusLabels[o.status]}</Tag> },
              {
                title: '操作',
                key: 'action',
                width: 88,
                fixed: 'right',
                render: (_, o) => (
                  <Button size="small" type={o.status === 'OPEN' && period.state === 'PUBLICITY' ? 'primary' : 'default'} onClick={(e) => { e.stopPropagation(); setOpenId(o.id); }}>
                    {o.status === 'OPEN' && period.state === 'PUBLICITY' ? '答复' : '查看'}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <AnswerObjectionDrawer
        objection={opened}
        unitName={opened ? (names.units.get(opened.evaluateeId) ?? '') : ''}
        tasks={names.tasks}
        canAnswer={period.state === 'PUBLICITY'}
        onClose={() => setOpenId(null)}
        onConflict={reload}
      />
    </div>
  );
}
