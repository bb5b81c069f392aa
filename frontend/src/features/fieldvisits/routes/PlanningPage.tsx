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
import { useFieldVisitsT } from '../messages';

type Visit = FieldVisitFieldsFragment;

// The list refetches after a plan, an edit or a cancellation: they all
// answer a FieldVisit, which urql's document cache ties to these queries.
const visitsContext = { additionalTypenames: ['FieldVisit'] };

/** 安排实地调研: the 专班 (or an inspector, for visits they take part in) plans, edits and cancels visits of a period. */
export function PlanningPage() {
  const { planId = '' } = useParams();
  const { can } = useSession();
  const tr = useFieldVisitsT();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  if (!can('TASK_FORCE', 'INSPECTOR')) return <Result status="403" title={tr('planOnly')} />;
  if (!plan && fetching) return <PageLoading rows={8} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  return (
    <>
      <PageTitle
        title={tr('planTitle')}
        hint={tr('planHint')}
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      {period ? <Planner key={period.id} planId={planId} periodId={period.id} /> : <Empty description={tr('noPeriods')} />}
    </>
  );
}

function Planner({ planId, periodId }: { planId: string; periodId: string }) {
  const { can } = useSession();
  const tr = useFieldVisitsT();
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
          {tr('edit')}
        </Button>
      )}
      {v.canCancel && (
        <Button size={screens.md ? 'middle' : 'large'} danger onClick={() => setCancelling(v)}>
          {tr('cancelVisit')}
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
            { value: 'open', label: tr('openN', { count: all.filter((v) => v.status === 'PLANNED' || v.status === 'RETURNED').length }) },
            { value: 'all', label: tr('allN', { count: all.length }) },
          ]}
        />
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('schedule')}
        </Button>
      </Flex>
      {screens.md ? (
        <Table
          rowKey="id"
          dataSource={visits}
          pagination={false}
          loading={!data}
          locale={{ emptyText: show === 'open' ? tr('noOpen') : tr('noneYet') }}
          columns={[
            { title: tr('date'), dataIndex: 'date', width: 120, defaultSortOrder: 'ascend', sorter: (a, b) => a.date.localeCompare(b.date) },
            { title: tr('evaluatee'), render: (_, v) => <span data-i18n="data">{v.evaluatee.unit.name}</span> },
            { title: tr('inspectors'), render: (_, v) => <span data-i18n="data">{v.inspectors.map((i) => i.displayName).join('、')}</span> },
            { title: tr('checklist'), width: 100, render: (_, v) => tr('items', { count: v.items.length }) },
            {
              title: tr('state'),
              width: 220,
              render: (_, v) => (
                <>
                  <Tag color={visitStatusColors[v.status]}>{visitStatusLabels[v.status]}</Tag>
                  {cancelNote(v) && (
                    <Typography.Text type="secondary" data-i18n="data">
                      {cancelNote(v)}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            { title: tr('actions'), width: 200, render: (_, v) => actions(v) },
          ]}
        />
      ) : (
        <Flex vertical gap={10}>
          {visits.length === 0 && <Empty description={show === 'open' ? tr('noOpen') : tr('noneYet')} />}
          {visits.map((v) => (
            <Card key={v.id} size="small" data-testid="planned-visit">
              <Flex justify="space-between" align="baseline" gap={8}>
                <Typography.Text strong style={{ fontSize: 17 }} data-i18n="data">
                  {v.evaluatee.unit.name}
                </Typography.Text>
                <Tag color={visitStatusColors[v.status]} style={{ marginInlineEnd: 0 }}>
                  {visitStatusLabels[v.status]}
                </Tag>
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                {v.date} · {tr('items', { count: v.items.length })} · <span data-i18n="data">{v.inspectors.map((i) => i.displayName).join('、')}</span>
                {cancelNote(v) && (
                  <>
                    {` · ${tr('cancelReason')}`}
                    <span data-i18n="data">{cancelNote(v)}</span>
                  </>
                )}
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
  const tr = useFieldVisitsT();
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
    void message.success(visit ? tr('updated') : tr('scheduled'));
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
      title={
        visit ? (
          <>
            {tr('editTitle')}
            <span data-i18n="data">{visit.evaluatee.unit.name}</span>
          </>
        ) : (
          tr('planTitle')
        )
      }
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button size="large" onClick={onClose}>
            {tr('cancel')}
          </Button>
          <Button size="large" type="primary" loading={planning || updating} onClick={() => form.submit()}>
            {visit ? tr('saveChanges') : tr('schedule')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" size="large" initialValues={initial} onFinish={(v) => void save(v)} requiredMark="optional">
        <Form.Item name="evaluateeId" label={tr('evaluatee')} rules={[{ required: true, message: tr('pickEvaluatee') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!visit}
            placeholder={tr('pickUnit')}
            labelRender={(o) => <span data-i18n="data">{o.label}</span>}
            options={evaluateeOptions}
            onChange={() => form.setFieldValue('focusTaskIds', [])}
          />
        </Form.Item>
        <Form.Item name="date" label={tr('date')} rules={[{ required: true, message: tr('pickDate') }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly={!screens.md} />
        </Form.Item>
        <Form.Item
          name="inspectorIds"
          label={tr('inspectors')}
          rules={[{ required: true, type: 'array', min: 1, message: tr('pickInspector') }]}
          extra={!can('TASK_FORCE') ? tr('ownOnly') : undefined}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={tr('pickInspectors')}
            labelRender={(o) => <span data-i18n="data">{o.label}</span>}
            options={(options?.inspectors ?? []).map((u) => ({ value: u.id, label: u.unit ? `${u.displayName}(${u.unit.name})` : u.displayName }))}
          />
        </Form.Item>
        <Form.Item
          name="focusTaskIds"
          label={tr('focusTasks')}
          extra={evaluateeId && carried.length > 0 ? tr('focusAll', { count: carried.length }) : undefined}
        >
          <Select
            mode="multiple"
            allowClear
            disabled={!evaluateeId}
            placeholder={evaluateeId ? tr('allCarried') : tr('evaluateeFirst')}
            labelRender={(o) => <span data-i18n="data">{o.label}</span>}
            optionFilterProp="label"
            maxTagCount="responsive"
            options={carried.map((i) => ({ value: i.task.id, label: `${tr('taskN', { number: i.task.number })} ${i.task.text}`, disabled: recorded.has(i.task.id) && focus.includes(i.task.id) }))}
          />
        </Form.Item>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {tr('preview')}
        {evaluateeId && !previewing && carried.length > 0 ? tr('previewCount', { count: checklist.length }) : ''}
      </Typography.Title>
      {!evaluateeId ? (
        <Typography.Text type="secondary">{tr('previewHint')}</Typography.Text>
      ) : previewError ? (
        <QueryError error={previewError} />
      ) : previewing && !preview ? (
        <PageLoading rows={4} />
      ) : (
        <Flex vertical gap={8} data-testid="checklist-preview">
          {checklist.map((i) => (
            <Card key={i.task.id} size="small">
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Typography.Text strong>{tr('taskN', { number: i.task.number })}</Typography.Text> <span data-i18n="data">{i.task.text}</span>
              </Typography.Paragraph>
              {i.task.deadline.phrase && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  {tr('deadline')}
                  <span data-i18n="data">{i.task.deadline.phrase}</span>
                </Typography.Paragraph>
              )}
              {i.report ? (
                <>
                  <Tag>{progressStateLabels[i.report.state]}</Tag>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                    {i.report.narrative ? <span data-i18n="data">{i.report.narrative}</span> : tr('noNarrative')}
                  </Typography.Paragraph>
                  {i.report.evidence.length > 0 && (
                    <Flex gap={12} wrap style={{ marginTop: 4 }}>
                      {i.report.evidence.map((e) => (
                        <a key={e.id} href={e.url} data-i18n="data">
                          {e.filename}
                        </a>
                      ))}
                    </Flex>
                  )}
                </>
              ) : (
                <Tag color="default">{tr('noReport')}</Tag>
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
  const tr = useFieldVisitsT();
  const [reason, setReason] = useState('');
  const [{ fetching }, cancel] = useMutation(cancelFieldVisitMutation);
  const submit = async () => {
    const r = await cancel({ input: { visitId: visit.id, version: visit.version, reason: reason.trim() } });
    if (r.error) {
      showError(r.error, { onConflict: onClose });
      return;
    }
    void message.success(tr('cancelled'));
    onClose();
  };
  return (
    <Modal
      open
      rootClassName="visit-cancel-modal"
      title={
        <>
          {tr('cancelTitle')}
          <span data-i18n="data">{visit.evaluatee.unit.name}</span> {visit.date}
        </>
      }
      okText={tr('cancelVisit')}
      cancelText={tr('back')}
      okButtonProps={{ danger: true, disabled: !reason.trim(), loading: fetching }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        {tr('cancelHint')}
      </Typography.Paragraph>
      <Input.TextArea aria-label={tr('reasonLabel')} placeholder={tr('reasonPlaceholder')} autoSize={{ minRows: 3 }} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
    </Modal>
  );
}
