import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Drawer, Empty, Flex, Form, Grid, Input, Modal, Result, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { FieldVisitFieldsFragment } from '../../../gql/graphql';
import { progressStateLabels } from '../../../lib/evaluation';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import {
  cancelFieldVisitMutation,
  checklistPreviewQuery,
  fieldVisitsQuery,
  myFieldVisitsQuery,
  planFieldVisitMutation,
  planningOptionsQuery,
  updateFieldVisitMutation,
} from '../documents';
import { visitStatusColors, visitStatusLabels } from '../labels';

type Visit = FieldVisitFieldsFragment;

// The list refetches after a plan, an edit or a cancellation: they all
// answer a FieldVisit, which urql's document cache ties to these queries.
const visitsContext = { additionalTypenames: ['FieldVisit'] };

/** 安排实地调研: the 专班 (or an inspector, for visits they take part in) plans, edits and cancels visits of a period. */
export function PlanningPage() {
  const { planId = '' } = useParams();
  const { can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  if (!can('TASK_FORCE', 'INSPECTOR')) return <Result status="403" title="只有专班和实地调研员可以安排实地调研" />;
  if (!plan && fetching) return <PageLoading rows={8} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  return (
    <>
      <PageTitle
        title="安排实地调研"
        hint="选定考评对象、日期和调研员;检查清单取自考评对象承担的任务,也可只选重点任务"
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      {period ? <Planner key={period.id} planId={planId} periodId={period.id} /> : <Empty description="本方案还没有考评周期" />}
    </>
  );
}

function Planner({ planId, periodId }: { planId: string; periodId: string }) {
  const { can } = useSession();
  const taskForce = can('TASK_FORCE');
  const screens = Grid.useBreakpoint();
  const context = useMemo(() => visitsContext, []);
  // The 专班 sees the period's visits; an inspector sees their own.
  const [period, reloadPeriod] = useQuery({ query: fieldVisitsQuery, variables: { periodId }, pause: !taskForce, context });
  const [mine, reloadMine] = useQuery({ query: myFieldVisitsQuery, pause: taskForce, context });
  const [show, setShow] = useState<'open' | 'all'>('open');
  const [editing, setEditing] = useState<Visit | 'new' | null>(null);
  const [cancelling, setCancelling] = useState<Visit | null>(null);
  const { data, error } = taskForce ? period : mine;
  const reload = () => (taskForce ? reloadPeriod : reloadMine)({ requestPolicy: 'network-only' });
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  const all = (taskForce ? period.data?.fieldVisits : mine.data?.myFieldVisits.filter((v) => v.period.id === periodId)) ?? [];
  const visits = show === 'open' ? all.filter((v) => v.status === 'PLANNED' || v.status === 'RETURNED') : all;
  const actions = (v: Visit) => (
    <Space size={4} wrap={!screens.md}>
      {v.canEdit && (
        <Button size={screens.md ? 'middle' : 'large'} onClick={() => setEditing(v)}>
          修改
        </Button>
      )}
      {v.canCancel && (
        <Button size={screens.md ? 'middle' : 'large'} danger onClick={() => setCancelling(v)}>
          取消调研
        </Button>
      )}
    </Space>
  );
  const cancelNote = (v: Visit) => (v.status === 'CANCELLED' ? [...v.events].reverse().find((e) => e.toStatus === 'CANCELLED')?.reason : null);
  return (
    <Card>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={show}
          onChange={(v) => setShow(v as 'open' | 'all')}
          options={[
            { value: 'open', label: `待调研 ${all.filter((v) => v.status === 'PLANNED' || v.status === 'RETURNED').length}` },
            { value: 'all', label: `全部 ${all.length}` },
          ]}
        />
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          安排调研
        </Button>
      </Flex>
      {screens.md ? (
        <Table
          rowKey="id"
          dataSource={visits}
          pagination={false}
          loading={!data}
          locale={{ emptyText: show === 'open' ? '本周期没有待调研的安排' : '本周期还没有安排实地调研' }}
          columns={[
            { title: '调研日期', dataIndex: 'date', width: 120, defaultSortOrder: 'ascend', sorter: (a, b) => a.date.localeCompare(b.date) },
            { title: '考评对象', render: (_, v) => v.evaluatee.unit.name },
            { title: '调研员', render: (_, v) => v.inspectors.map((i) => i.displayName).join('、') },
            { title: '检查清单', width: 100, render: (_, v) => `${v.items.length} 项` },
            {
              title: '状态',
              width: 220,
              render: (_, v) => (
                <>
                  <Tag color={visitStatusColors[v.status]}>{visitStatusLabels[v.status]}</Tag>
                  {cancelNote(v) && <Typography.Text type="secondary">{cancelNote(v)}</Typography.Text>}
                </>
              ),
            },
            { title: '操作', width: 200, render: (_, v) => actions(v) },
          ]}
        />
      ) : (
        <Flex vertical gap={10}>
          {visits.length === 0 && <Empty description={show === 'open' ? '本周期没有待调研的安排' : '本周期还没有安排实地调研'} />}
          {visits.map((v) => (
            <Card key={v.id} size="small" data-testid="planned-visit">
              <Flex justify="space-between" align="baseline" gap={8}>
                <Typography.Text strong style={{ fontSize: 17 }}>
                  {v.evaluatee.unit.name}
                </Typography.Text>
                <Tag color={visitStatusColors[v.status]} style={{ marginInlineEnd: 0 }}>
                  {visitStatusLabels[v.status]}
                </Tag>
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                {v.date} · {v.items.length} 项 · {v.inspectors.map((i) => i.displayName).join('、')}
                {cancelNote(v) && ` · 取消原因:${cancelNote(v)}`}
              </Typography.Paragraph>
              {actions(v)}
            </Card>
          ))}
        </Flex>
      )}
      {editing && <PlanDrawer planId={planId} periodId={periodId} visit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {cancelling && <CancelModal visit={cancelling} onClose={() => setCancelling(null)} />}
    </Card>
  );
}

interface PlanForm {
  evaluateeId?: string;
  date?: Dayjs;
  inspectorIds: string[];
  focusTaskIds: string[];
}

/** The form of a new or changed visit, with the checklist it will carry. */
function PlanDrawer({ planId, periodId, visit, onClose }: { planId: string; periodId: string; visit: Visit | null; onClose: () => void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const screens = Grid.useBreakpoint();
  const { session, can } = useSession();
  const [form] = Form.useForm<PlanForm>();
  const [{ data: options }] = useQuery({ query: planningOptionsQuery, variables: { planId } });
  const evaluateeId = Form.useWatch('evaluateeId', form);
  const focus = Form.useWatch('focusTaskIds', form) ?? [];
  const [{ data: preview, fetching: previewing, error: previewError }] = useQuery({
    query: checklistPreviewQuery,
    variables: { periodId, evaluateeId: evaluateeId ?? '' },
    pause: !evaluateeId,
  });
  const [{ fetching: planning }, plan] = useMutation(planFieldVisitMutation);
  const [{ fetching: updating }, update] = useMutation(updateFieldVisitMutation);
  const carried = evaluateeId ? (preview?.fieldVisitChecklist ?? []) : [];
  const checklist = focus.length > 0 ? carried.filter((i) => focus.includes(i.task.id)) : carried;
  // A visit's items with a finding or photo stay on it (the server refuses to drop them).
  const recorded = new Set(visit?.items.filter((i) => i.finding || i.photos.length > 0).map((i) => i.task.id) ?? []);
  const initial: PlanForm = visit
    ? {
        evaluateeId: visit.evaluatee.id,
        date: dayjs(visit.date),
        inspectorIds: visit.inspectors.map((i) => i.userId),
        // A checklist narrower than what the evaluatee carries was a focus subset.
        focusTaskIds: visit.items.map((i) => i.task.id),
      }
    : { inspectorIds: !can('TASK_FORCE') && session ? [session.user.id] : [], focusTaskIds: [] };

  const save = async (values: PlanForm) => {
    const everything = carried.length > 0 && values.focusTaskIds.length === carried.length;
    const common = {
      date: values.date!.format('YYYY-MM-DD'),
      inspectorIds: values.inspectorIds,
      focusTaskIds: everything || values.focusTaskIds.length === 0 ? null : values.focusTaskIds,
    };
    const r = visit
      ? await update({ input: { visitId: visit.id, version: visit.version, ...common } })
      : await plan({ input: { periodId, evaluateeId: values.evaluateeId!, ...common } });
    if (r.error) {
      showError(r.error, { form, onConflict: onClose });
      return;
    }
    void message.success(visit ? '已修改调研安排' : '已安排实地调研,调研员的手机上可以看到检查清单');
    onClose();
  };

  const evaluateeOptions = [...(options?.evaluatees ?? [])]
    .sort((a, b) => a.group.localeCompare(b.group, 'zh-CN') || a.unit.name.localeCompare(b.unit.name, 'zh-CN'))
    .map((e) => ({ value: e.id, label: e.unit.name }));
  return (
    <Drawer
      open
      rootClassName="visit-plan-drawer"
      onClose={onClose}
      size={screens.md ? 'large' : '100%'}
      title={visit ? `修改调研安排 · ${visit.evaluatee.unit.name}` : '安排实地调研'}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button size="large" onClick={onClose}>
            取消
          </Button>
          <Button size="large" type="primary" loading={planning || updating} onClick={() => form.submit()}>
            {visit ? '保存修改' : '安排调研'}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" size="large" initialValues={initial} onFinish={(v) => void save(v)} requiredMark="optional">
        <Form.Item name="evaluateeId" label="考评对象" rules={[{ required: true, message: '请选择考评对象' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!visit}
            placeholder="选择要调研的单位"
            options={evaluateeOptions}
            onChange={() => form.setFieldValue('focusTaskIds', [])}
          />
        </Form.Item>
        <Form.Item name="date" label="调研日期" rules={[{ required: true, message: '请选择调研日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={!screens.md} />
        </Form.Item>
        <Form.Item
          name="inspectorIds"
          label="调研员"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一名调研员' }]}
          extra={!can('TASK_FORCE') ? '调研员只能安排本人参加的调研' : undefined}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择一名或多名调研员"
            options={(options?.inspectors ?? []).map((u) => ({ value: u.id, label: u.unit ? `${u.displayName}(${u.unit.name})` : u.displayName }))}
          />
        </Form.Item>
        <Form.Item
          name="focusTaskIds"
          label="重点任务"
          extra={evaluateeId && carried.length > 0 ? `不选则核查该单位承担的全部 ${carried.length} 项任务` : undefined}
        >
          <Select
            mode="multiple"
            allowClear
            disabled={!evaluateeId}
            placeholder={evaluateeId ? '全部承担的任务' : '先选择考评对象'}
            optionFilterProp="label"
            maxTagCount="responsive"
            options={carried.map((i) => ({ value: i.task.id, label: `任务${i.task.number} ${i.task.text}`, disabled: recorded.has(i.task.id) && focus.includes(i.task.id) }))}
          />
        </Form.Item>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        检查清单预览{evaluateeId && !previewing && carried.length > 0 ? `(${checklist.length} 项)` : ''}
      </Typography.Title>
      {!evaluateeId ? (
        <Typography.Text type="secondary">选择考评对象后,这里列出调研员要逐项核实的任务、时限和该单位报送的进展。</Typography.Text>
      ) : previewError ? (
        <QueryError error={previewError} />
      ) : previewing && !preview ? (
        <PageLoading rows={4} />
      ) : (
        <Flex vertical gap={8} data-testid="checklist-preview">
          {checklist.map((i) => (
            <Card key={i.task.id} size="small">
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Typography.Text strong>任务{i.task.number}</Typography.Text> {i.task.text}
              </Typography.Paragraph>
              {i.task.deadline.phrase && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  时限:{i.task.deadline.phrase}
                </Typography.Paragraph>
              )}
              {i.report ? (
                <>
                  <Tag>{progressStateLabels[i.report.state]}</Tag>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                    {i.report.narrative || '(无文字说明)'}
                  </Typography.Paragraph>
                  {i.report.evidence.length > 0 && (
                    <Flex gap={12} wrap style={{ marginTop: 4 }}>
                      {i.report.evidence.map((e) => (
                        <a key={e.id} href={e.url}>
                          {e.filename}
                        </a>
                      ))}
                    </Flex>
                  )}
                </>
              ) : (
                <Tag color="default">未报送进展</Tag>
              )}
            </Card>
          ))}
        </Flex>
      )}
    </Drawer>
  );
}

/** Calls a visit off, with the reason the inspectors and the audit log will see. */
function CancelModal({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [reason, setReason] = useState('');
  const [{ fetching }, cancel] = useMutation(cancelFieldVisitMutation);
  const submit = async () => {
    const r = await cancel({ input: { visitId: visit.id, version: visit.version, reason: reason.trim() } });
    if (r.error) {
      showError(r.error, { onConflict: onClose });
      return;
    }
    void message.success('已取消该调研');
    onClose();
  };
  return (
    <Modal
      open
      rootClassName="visit-cancel-modal"
      title={`取消调研:${visit.evaluatee.unit.name} ${visit.date}`}
      okText="取消调研"
      cancelText="返回"
      okButtonProps={{ danger: true, disabled: !reason.trim(), loading: fetching }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        取消后调研员不能再记录结论;已记录的内容保留但不计分。取消原因会告知调研员并记入审计日志。
      </Typography.Paragraph>
      <Input.TextArea aria-label="取消原因" placeholder="取消原因(必填)" autoSize={{ minRows: 3 }} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
    </Modal>
  );
}
