import { App, Button, Card, Descriptions, Drawer, Empty, Flex, Input, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { FieldVisitFieldsFragment } from '../../../gql/graphql';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { fieldVisitsQuery, reopenFieldVisitMutation, reviewFieldVisitMutation } from '../documents';
import { formatTimeSeconds } from '../../../lib/datetime';
import { formatPlace, judgementLabel, judgementOptions, visitStatusColors, visitStatusLabels } from '../labels';
import { useFieldVisitsT } from '../messages';

/** 调研审核: the 专班 reads submitted visits (findings, photos, places, signature) and accepts or returns them. */
export function ReviewPage() {
  const { planId = '' } = useParams();
  const { can } = useSession();
  const tr = useFieldVisitsT();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  if (!can('TASK_FORCE', 'LEADER')) return <Result status="403" title={tr('reviewOnly')} />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  return (
    <>
      <PageTitle title={tr('reviewTitle')} hint={tr('reviewHint')} actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />} />
      {period ? <VisitList key={period.id} periodId={period.id} /> : <Empty description={tr('noPeriods')} />}
    </>
  );
}

function VisitList({ periodId }: { periodId: string }) {
  const [{ data, error }, reexecute] = useQuery({ query: fieldVisitsQuery, variables: { periodId } });
  const tr = useFieldVisitsT();
  const [openId, setOpenId] = useState<string | null>(null);
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const visits = data?.fieldVisits ?? [];
  const open = visits.find((v) => v.id === openId) ?? null;
  return (
    <Card>
      <Table
        rowKey="id"
        dataSource={visits}
        pagination={false}
        locale={{ emptyText: tr('noVisits') }}
        onRow={(v) => ({ onClick: () => setOpenId(v.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: tr('date'), dataIndex: 'date', width: 120 },
          { title: tr('evaluatee'), render: (_, v) => <span data-i18n="data">{v.evaluatee.unit.name}</span> },
          { title: tr('inspectors'), render: (_, v) => <span data-i18n="data">{v.inspectors.map((i) => i.displayName).join('、')}</span> },
          { title: tr('findings'), render: (_, v) => tr('findingsCount', { done: v.items.filter((i) => i.finding).length, total: v.items.length }) },
          { title: tr('state'), render: (_, v) => <Tag color={visitStatusColors[v.status]}>{visitStatusLabels[v.status]}</Tag> },
          { title: '', render: (_, v) => <Button type="link">{v.canReview ? tr('review') : tr('view')}</Button> },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpenId(null)} size="large" title={open ? <span data-i18n="data">{`${open.evaluatee.unit.name} · ${open.date}`}</span> : ''} destroyOnHidden>
        {open && <VisitReview visit={open} />}
      </Drawer>
    </Card>
  );
}

function VisitReview({ visit }: { visit: FieldVisitFieldsFragment }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const tr = useFieldVisitsT();
  const [note, setNote] = useState('');
  const [{ fetching }, review] = useMutation(reviewFieldVisitMutation);
  const [{ fetching: reopening }, reopen] = useMutation(reopenFieldVisitMutation);
  const decide = async (action: 'ACCEPT' | 'RETURN') => {
    const r = await review({ input: { visitId: visit.id, version: visit.version, action, note: note.trim() || null } });
    if (r.error) showError(r.error);
    else message.success(action === 'ACCEPT' ? tr('accepted') : tr('returned'));
  };
  const doReopen = async () => {
    const r = await reopen({ input: { visitId: visit.id, version: visit.version, reason: note.trim() } });
    if (r.error) showError(r.error);
    else message.success(tr('reopened'));
  };
  const counts = judgementOptions().map((o) => `${o.label} ${visit.items.filter((i) => i.finding?.judgement === o.value).length}`).join(' · ');
  return (
    <>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={tr('state')}>
          <Tag color={visitStatusColors[visit.status]}>{visitStatusLabels[visit.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={tr('inspectors')}>
          <span data-i18n="data">{visit.inspectors.map((i) => i.displayName).join('、')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={tr('findings')}>{counts}</Descriptions.Item>
        <Descriptions.Item label={tr('signature')}>
          {visit.signedBy ? <span data-i18n="data">{visit.signedBy}</span> : tr('unsigned')}
          {visit.signatureUrl && <img src={visit.signatureUrl} alt={tr('signatureAlt')} style={{ display: 'block', height: 80, marginTop: 4 }} />}
        </Descriptions.Item>
        {visit.events.map((e, i) => (
          <Descriptions.Item key={i} label={visitStatusLabels[e.toStatus]}>
            <span data-i18n="data">{e.username}</span> {formatTimeSeconds(e.at)}
            {e.reason && (
              <>
                :<span data-i18n="data">{e.reason}</span>
              </>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Flex vertical gap={10}>
        {visit.items.map((it) => (
          <Card key={it.task.id} size="small" title={tr('taskN', { number: it.task.number })}
            extra={it.finding ? <Tag>{judgementLabel(it.finding.judgement)}</Tag> : <Tag color="red">{tr('noFinding')}</Tag>}
          >
            <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }}>
              <span data-i18n="data">{it.task.text}</span>
            </Typography.Paragraph>
            {it.finding && (
              <>
                {it.finding.note && (
                  <Typography.Paragraph>
                    {tr('note')}
                    <span data-i18n="data">{it.finding.note}</span>
                  </Typography.Paragraph>
                )}
                <Typography.Text type="secondary">
                  <span data-i18n="data">{it.finding.recordedBy}</span> · {formatTimeSeconds(it.finding.observedAt)} · {formatPlace(it.finding.latitude, it.finding.longitude, it.finding.accuracy)}
                </Typography.Text>
              </>
            )}
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              {it.photos.map((p) => (
                <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                  <img src={p.url} alt={tr('sitePhoto')} style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 6 }} />
                </a>
              ))}
            </Flex>
          </Card>
        ))}
      </Flex>
      {(visit.canReview || visit.canReopen) && (
        <Card size="small" style={{ marginTop: 12 }}>
          <Input.TextArea aria-label={tr('reviewNote')} placeholder={visit.canReview ? tr('returnNeedsNote') : tr('reopenNeedsNote')} value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2 }} />
          <Space style={{ marginTop: 8 }}>
            {visit.canReview && (
              <>
                <Button type="primary" loading={fetching} onClick={() => void decide('ACCEPT')}>
                  {tr('accept')}
                </Button>
                <Button danger loading={fetching} disabled={!note.trim()} onClick={() => void decide('RETURN')}>
                  {tr('returnToInspector')}
                </Button>
              </>
            )}
            {visit.canReopen && (
              <Button loading={reopening} disabled={!note.trim()} onClick={() => void doReopen()}>
                {tr('reopen')}
              </Button>
            )}
          </Space>
        </Card>
      )}
    </>
  );
}
