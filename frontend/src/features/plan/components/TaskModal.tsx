import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { DeadlineState } from '../../../gql/graphql';
import { deadlineMonthLabel, deadlineStateLabel, deadlineStates, guessDeadline } from '../../../lib/deadline';
import { unitKindLabels } from '../../../lib/labels';
import { useShowError } from '../../../lib/useShowError';
import { usePlanT } from '../messages';
import type { TaskData } from '../types';
import { twoDecimalsRule } from './formRules';

const leadUnitOptionsQuery = graphql(`
  query TaskFormUnits {
    units {
      id
      name
      kind
      aliases
    }
  }
`);

const createTaskMutation = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      indicatorId
      number
      version
    }
  }
`);

const updateTaskMutation = graphql(`
  mutation UpdateTask($input: UpdateTaskInput!) {
    updateTask(input: $input) {
      ...PlanTaskFields
    }
  }
`);

export type TaskTarget =
  | { indicatorId: string; indicatorName: string; nextNumber: number; existing?: undefined }
  | { existing: TaskData; indicatorName: string };

interface Values {
  number: number;
  text: string;
  points?: string | null;
  deadline: { phrase: string; month?: number | null; state?: DeadlineState | null; continuing: boolean };
  leadUnitIds: string[];
}

const monthOptions = () => Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: deadlineMonthLabel(i + 1) }));

/** Add or edit a task (重点任务): text, points, deadline and lead units. */
export function TaskModal({ target, onClose, onConflict }: { target: TaskTarget | null; onClose: () => void; onConflict: () => void }) {
  const tp = usePlanT();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const { message } = App.useApp();
  const [{ data: unitData, fetching: unitsLoading }] = useQuery({ query: leadUnitOptionsQuery, pause: !target });
  const [createState, createTask] = useMutation(createTaskMutation);
  const [updateState, updateTask] = useMutation(updateTaskMutation);

  const unitOptions = useMemo(
    () =>
      (unitData?.units ?? []).map((u) => ({
        value: u.id,
        label: u.name,
        search: [u.name, ...u.aliases].join(' '),
        kind: unitKindLabels[u.kind],
      })),
    [unitData],
  );

  if (!target) return null;
  const editing = !!target.existing;
  const t = target.existing;
  const initialValues: Partial<Values> = t
    ? {
        number: t.number,
        text: t.text,
        points: t.points ?? null,
        deadline: { phrase: t.deadline.phrase, month: t.deadline.month ?? null, state: t.deadline.state ?? null, continuing: t.deadline.continuing },
        leadUnitIds: t.leadUnits.map((u) => u.id),
      }
    : { number: target.nextNumber, deadline: { phrase: '', continuing: false }, leadUnitIds: [] };

  // Fill month, state and 持续 from the phrase while they are still empty.
  const fillFromPhrase = () => {
    const d = form.getFieldValue('deadline') as Values['deadline'] | undefined;
    if (!d?.phrase || d.month || d.state) return;
    const g = guessDeadline(d.phrase);
    form.setFieldsValue({ deadline: { ...d, month: g.month, state: g.state, continuing: g.continuing } });
  };

  const submit = async (v: Values) => {
    const points = v.points === null || v.points === undefined || v.points === '' ? null : String(v.points);
    const input = {
      number: v.number,
      text: v.text.trim(),
      points,
      deadline: {
        phrase: (v.deadline.phrase ?? '').trim(),
        month: v.deadline.month ?? null,
        state: v.deadline.state ?? null,
        continuing: !!v.deadline.continuing,
      },
      leadUnitIds: v.leadUnitIds,
    };
    const result = target.existing
      ? await updateTask({ input: { id: target.existing.id, version: target.existing.version, ...input } })
      : await createTask({ input: { indicatorId: target.indicatorId, ...input } }, { additionalTypenames: ['Task'] });
    if (result.error) {
      const d = showError(result.error, { form, onConflict });
      if (d.code === 'CONFLICT' || d.code === 'NOT_FOUND') onClose();
      return;
    }
    void message.success(editing ? tp('taskSaved') : tp('taskAdded'));
    onClose();
  };

  return (
    <Modal
      open
      width={720}
      title={editing ? tp('editTaskNumber', { number: target.existing.number }) : tp('addTaskUnder', { indicator: target.indicatorName })}
      okText={tp('save')}
      cancelText={tp('cancel')}
      confirmLoading={createState.fetching || updateState.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {editing && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {tp('inIndicatorLine', { name: target.indicatorName })}
        </Typography.Paragraph>
      )}
      <Form<Values> form={form} initialValues={initialValues} layout="vertical" onFinish={submit} requiredMark="optional" style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={12} sm={8}>
            <Form.Item name="number" label={tp('taskNumber')} rules={[{ required: true, message: tp('numberMissing') }]}>
              <InputNumber min={1} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="points" label={tp('colPoints')} rules={[twoDecimalsRule]} extra={tp('pointsEmptyHint')}>
              <InputNumber<string> stringMode min="0" max="100" step="0.5" suffix={tp('pointsSuffix')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="text" label={tp('taskText')} rules={[{ required: true, whitespace: true, message: tp('taskTextMissing') }, { max: 5000, message: tp('tooLong5000') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} showCount maxLength={5000} />
        </Form.Item>
        <Form.Item
          name={['deadline', 'phrase']}
          label={tp('deadlinePhrase')}
          rules={[{ max: 200, message: tp('tooLong200') }]}
          extra={tp('deadlinePhraseHint')}
        >
          <Input onBlur={fillFromPhrase} placeholder={tp('deadlinePlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} sm={8}>
            <Form.Item name={['deadline', 'month']} label={tp('deadlineMonth')}>
              <Select allowClear placeholder={tp('unstated')} options={monthOptions()} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['deadline', 'state']} label={tp('deadlineState')}>
              <Select allowClear placeholder={tp('unstated')} options={deadlineStates.map((s) => ({ value: s, label: deadlineStateLabel(s) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['deadline', 'continuing']} label={tp('after')} valuePropName="checked">
              <Checkbox>{tp('continuing')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="leadUnitIds"
          label={tp('colLeads')}
          rules={[
            { required: true, type: 'array', min: 1, message: tp('leadsMissing') },
            { type: 'array', max: 10, message: tp('leadsMax') },
          ]}
        >
          <Select
            mode="multiple"
            loading={unitsLoading}
            placeholder={tp('findUnit')}
            options={unitOptions}
            showSearch={{ optionFilterProp: 'search' }}
            optionRender={(o) => (
              <span>
                {o.data.label} <Typography.Text type="secondary">{o.data.kind}</Typography.Text>
              </span>
            )}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
