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

/** 调研审核: the 专班 reads submitted visits (findings, photos, places, signature) and accepts or returns them. */
export function ReviewPage() {
  const { planId = '' } = useParams();
  const { can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  if (!can('TASK_FORCE', 'LEADER')) return <Result status="403" title="只有专班可以审核实地调研" />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  return (
    <>
      <PageTitle title="实地调研审核" hint="审核通过的调研结论计入实地调研得分(20%);退回须说明需要修改的内容" actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />} />
      {period ? <VisitList key={period.id} periodId={period.id} /> : <Empty description="本方案还没有考评周期" />}
    </>
  );
}

function VisitList({ periodId }: { periodId: string }) {
  const [{ data, error }, reexecute] = useQuery({ query: fieldVisitsQuery, variables: { periodId } });
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
        locale={{ emptyText: '本周期暂无实地调研' }}
        onRow={(v) => ({ onClick: () => setOpenId(v.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '调研日期', dataIndex: 'date', width: 120 },
          { title: '考评对象', render: (_, v) => v.evaluatee.unit.name },
          { title: '调研员', render: (_, v) => v.inspectors.map((i) => i.displayName).join('、') },
          { title: '结论', render: (_, v) => `${v.items.filter((i) => i.finding).length}/${v.items.length} 项` },
          { title: '状态', render: (_, v) => <Tag color={visitStatusColors[v.status]}>{visitStatusLabels[v.status]}</Tag> },
          { title: '', render: (_, v) => <Button type="link">{v.canReview ? '审核' : '查看'}</Button> },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpenId(null)} size="large" title={open ? `${open.evaluatee.unit.name} · ${open.date}` : ''} destroyOnHidden>
        {open && <VisitReview visit={open} />}
      </Drawer>
    </Card>
  );
}

function VisitReview({ visit }: { visit: FieldVisitFieldsFragment }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [note, setNote] = useState('');
  const [{ fetching }, review] = useMutation(reviewFieldVisitMutation);
  const [{ fetching: reopening }, reopen] = useMutation(reopenFieldVisitMutation);
  const decide = async (action: 'ACCEPT' | 'RETURN') => {
    const r = await review({ input: { visitId: visit.id, version: visit.version, action, note: note.trim() || null } });
    if (r.error) showError(r.error);
    else message.success(action === 'ACCEPT' ? '已审核通过,结论计入实地调研得分' : '已退回调研员');
  };
  const doReopen = async () => {
    const r = await reopen({ input: { visitId: visit.id, version: visit.version, reason: note.trim() } });
    if (r.error) showError(r.error);
    else message.success('已重新打开,待再次审核');
  };
  const counts = judgementOptions().map((o) => `${o.label} ${visit.items.filter((i) => i.finding?.judgement === o.value).length}`).join(' · ');
  return (
    <>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="状态">
          <Tag color={visitStatusColors[visit.status]}>{visitStatusLabels[visit.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="调研员">{visit.inspectors.map((i) => i.displayName).join('、')}</Descriptions.Item>
        <Descriptions.Item label="结论">{counts}</Descriptions.Item>
        <Descriptions.Item label="接待人员签名">
          {visit.signedBy ?? '未签名'}
          {visit.signatureUrl && <img src={visit.signatureUrl} alt="签名" style={{ display: 'block', height: 80, marginTop: 4 }} />}
        </Descriptions.Item>
        {visit.events.map((e, i) => (
          <Descriptions.Item key={i} label={visitStatusLabels[e.toStatus]}>
            {e.username} {formatTimeSeconds(e.at)}
            {e.reason && `:${e.reason}`}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Flex vertical gap={10}>
        {visit.items.map((it) => (
          <Card key={it.task.id} size="small" title={`任务${it.task.number}`} extra={it.finding ? <Tag>{judgementLabel(it.finding.judgement)}</Tag> : <Tag color="red">未作结论</Tag>}>
            <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }}>{it.task.text}</Typography.Paragraph>
            {it.finding && (
              <>
                {it.finding.note && <Typography.Paragraph>说明:{it.finding.note}</Typography.Paragraph>}
                <Typography.Text type="secondary">
                  {it.finding.recordedBy} · {formatTimeSeconds(it.finding.observedAt)} · {formatPlace(it.finding.latitude, it.finding.longitude, it.finding.accuracy)}
                </Typography.Text>
              </>
            )}
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              {it.photos.map((p) => (
                <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                  <img src={p.url} alt="现场照片" style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 6 }} />
                </a>
              ))}
            </Flex>
          </Card>
        ))}
      </Flex>
      {(visit.canReview || visit.canReopen) && (
        <Card size="small" style={{ marginTop: 12 }}>
          <Input.TextArea aria-label="审核意见" placeholder={visit.canReview ? '退回时必填:需要调研员修改的内容' : '重新打开的理由(必填)'} value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2 }} />
          <Space style={{ marginTop: 8 }}>
            {visit.canReview && (
              <>
                <Button type="primary" loading={fetching} onClick={() => void decide('ACCEPT')}>
                  审核通过
                </Button>
                <Button danger loading={fetching} disabled={!note.trim()} onClick={() => void decide('RETURN')}>
                  退回调研员
                </Button>
              </>
            )}
            {visit.canReopen && (
              <Button loading={reopening} disabled={!note.trim()} onClick={() => void doReopen()}>
                重新打开
              </Button>
            )}
          </Space>
        </Card>
      )}
    </>
  );
}
