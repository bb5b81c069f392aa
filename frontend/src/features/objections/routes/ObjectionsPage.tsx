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
import { useObjectionsT } from '../messages';
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
  const t = useObjectionsT();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);

  // Objections belong to 公示: open on the period in it unless one is named.
  const inPublicity = periods.find((p) => p.state === 'PUBLICITY');
  const named = params.get('period');
  useEffect(() => {
    if (!named && inPublicity && period?.id !== inPublicity.id) select(inPublicity.id);
  }, [named, inPublicity, period?.id, select]);

  if (!can('TASK_FORCE', 'EVALUATEE_CONTACT')) return <Result status="403" title={t('forbidden')} />;
  if (!plan && fetching) return <PageLoading rows={8} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;
  if (!period)
    return (
      <Card>
        <Empty description={t('noPeriods')} />
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
  const t = useObjectionsT();
  if (files.length === 0) return <Typography.Text type="secondary">{t('noEvidence')}</Typography.Text>;
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
  const t = useObjectionsT();
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
        title={t('contactTitle')}
        hint={
          <>
            <span data-i18n="data">{evaluatee?.unit.name ?? session?.user.unit?.name ?? ''}</span> · <span data-i18n="data">{period.name}</span> · {t('contactHint')}
          </>
        }
        actions={
          <>
            {picker}
            <Button type="primary" icon={<PlusOutlined />} disabled={!allowed} onClick={() => setFormOpen(true)}>
              {t('file')}
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
            ? t('notEvaluatee')
            : resultLink && (period.state === 'PUBLICITY' || period.state === 'PUBLISHED') ? (
                <Link to={resultLink}>{t('viewDetail', { period: period.name })}</Link>
              ) : undefined
        }
        data-testid="publicity-countdown"
      />
      <Card title={t('mine', { count: mine.length })} styles={{ body: { paddingBlock: 4 } }}>
        {mine.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={allowed ? t('noneYet') : t('none')} />
        ) : (
          <List
            dataSource={mine}
            rowKey={(o) => o.id}
            renderItem={(o) => (
              <List.Item data-objection={o.id}>
                <Flex vertical gap={8} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap="wrap">
                    <Typography.Text strong data-i18n="data">{objectionTarget(o.taskId, names.tasks)}</Typography.Text>
                    <Tag color={objectionStatusColors[o.status]} data-objection-status={o.status}>
                      {statusLabels[o.status]}
                    </Tag>
                  </Flex>
                  <Typography.Text type="secondary">
                    <span data-i18n="data">{o.filedBy}</span> {t('filedAt', { time: formatTime(o.filedAt) })}
                  </Typography.Text>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-i18n="data">{o.reason}</Typography.Paragraph>
                  <Evidence files={o.evidence} />
                  {o.status === 'OPEN' && <Typography.Text type="secondary">{t('verifying')}</Typography.Text>}
                  {o.status !== 'OPEN' && (
                    <Alert
                      type={o.status === 'UPHELD' ? 'success' : 'warning'}
                      showIcon
                      title={o.status === 'UPHELD' ? (o.correction ? (
                          <>
                            {t('upheldCorrectionBefore')}
                            <span data-i18n="data">{o.correction}</span>
                            {t('upheldCorrectionAfter')}
                          </>
                        ) : (
                          t('upheld')
                        )) : t('rejected')}
                      description={
                        <Flex vertical gap={4}>
                          <span style={{ whiteSpace: 'pre-wrap' }}>{t('answerLine')}
                            <span data-i18n="data">{o.answer}</span></span>
                          <Typography.Text type="secondary">
                            <span data-i18n="data">{o.answeredBy}</span> · {formatTime(o.answeredAt)}
                          </Typography.Text>
                          {o.status === 'UPHELD' && resultLink && <Link to={resultLink}>{t('viewCorrected')}</Link>}
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
  const t = useObjectionsT();
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
      <PageTitle title={t('taskForceTitle')} hint={
          <>
            <span data-i18n="data">{period.name}</span> · {t('taskForceHint')}
          </>
        } actions={picker} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('statOpen')} value={info?.objectionsOpen ?? '…'} styles={{ content: info?.objectionsOpen ? { color: '#cf1322' } : undefined }} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('statFiled')} value={info?.objectionsFiled ?? '…'} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('statUpheld')} value={info?.objectionsUpheld ?? '…'} />
          </Card>
        </Col>
        <Col xs={24} md={9}>
          <Card size="small">
            <Statistic
              title={t('statEnds')}
              value={info?.publicityEndsOn ?? t('notSet')}
              suffix={period.state === 'PUBLICITY' && daysLeft !== null ? (daysLeft >= 0 ? t('daysLeft', { days: daysLeft }) : t('ended')) : undefined}
            />
          </Card>
        </Col>
      </Row>
      {period.state !== 'PUBLICITY' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('notInPublicity', { period: period.name })}
          description={(info?.objectionsOpen ?? 0) > 0 ? undefined : t('answerAllBeforePublish')}
        />
      )}
      {period.state === 'PUBLICITY' && (info?.objectionsOpen ?? 0) > 0 && (
        <Alert type="warning" showIcon icon={<ExclamationCircleOutlined />} style={{ marginBottom: 16 }} title={t('openRemaining', { count: info?.objectionsOpen })} />
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
              { value: 'ALL', label: t('all') },
            ]}
            aria-label={t('filterByStatus')}
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
            locale={{ emptyText: filter === 'OPEN' ? t('emptyOpen') : t('empty') }}
            onRow={(o) => ({ onClick: () => setOpenId(o.id), style: { cursor: 'pointer' }, 'data-objection': o.id }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('colUnit'), key: 'unit', width: 150, render: (_, o) => <Typography.Text strong data-i18n="data">{names.units.get(o.evaluateeId) ?? o.evaluateeId}</Typography.Text> },
              { title: t('colTarget'), key: 'target', width: 220, render: (_, o) => <span data-i18n="data">{objectionTarget(o.taskId, names.tasks)}</span> },
              { title: t('colReason'), dataIndex: 'reason', ellipsis: true, responsive: ['md'], render: (v: string) => <span data-i18n="data">{v}</span> },
              { title: t('colFiles'), key: 'files', width: 64, align: 'right', responsive: ['md'], render: (_, o) => (o.evidence.length ? <Space size={2}><PaperClipOutlined />{o.evidence.length}</Space> : '—') },
              { title: t('colFiled'), key: 'filed', width: 170, responsive: ['md'], render: (_, o) => <span><span data-i18n="data">{o.filedBy}</span><br /><Typography.Text type="secondary">{formatTime(o.filedAt)}</Typography.Text></span> },
              { title: t('colStatus'), key: 'status', width: 96, render: (_, o) => <Tag color={objectionStatusColors[o.status]}>{statusLabels[o.status]}</Tag> },
              {
                title: t('colActions'),
                key: 'action',
                width: 88,
                fixed: 'right',
                render: (_, o) => (
                  <Button size="small" type={o.status === 'OPEN' && period.state === 'PUBLICITY' ? 'primary' : 'default'} onClick={(e) => { e.stopPropagation(); setOpenId(o.id); }}>
                    {o.status === 'OPEN' && period.state === 'PUBLICITY' ? t('answer') : t('view')}
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
