import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { DeadlineState } from '../../../gql/graphql';
import { deadlineStateLabel, deadlineStates, guessDeadline } from '../../../lib/deadline';
import { unitKindLabels } from '../../../lib/labels';
import { useShowError } from '../../../lib/useShowError';
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

const months = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月底` }));

/** Add or edit a task (重点任务): text, points, deadline and lead units. */
export function TaskModal({ target, onClose, onConflict }: { target: TaskTarget | null; onClose: () => void; onConflict: () => void }) {
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
    void message.success(editing ? '已保存任务' : '已新增任务');
    onClose();
  };

  return (
    <Modal
      open
      width={720}
      title={editing ? `编辑任务 ${target.existing.number}` : `在“${target.indicatorName}”下添加任务`}
      okText="保存"
      cancelText="取消"
      confirmLoading={createState.fetching || updateState.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {editing && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          所属指标:{target.indicatorName}
        </Typography.Paragraph>
      )}
      <Form<Values> form={form} initialValues={initialValues} layout="vertical" onFinish={submit} requiredMark="optional" style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={12} sm={8}>
            <Form.Item name="number" label="任务序号" rules={[{ required: true, message: '请填写序号' }]}>
              <InputNumber min={1} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="points" label="分值" rules={[twoDecimalsRule]} extra="留空:按指标剩余分值均分">
              <InputNumber<string> stringMode min="0" max="100" step="0.5" suffix="分" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="text" label="任务内容" rules={[{ required: true, whitespace: true, message: '请填写任务内容' }, { max: 5000, message: '不超过 5000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} showCount maxLength={5000} />
        </Form.Item>
        <Form.Item
          name={['deadline', 'phrase']}
          label="完成时限(原文表述)"
          rules={[{ max: 200, message: '不超过 200 字' }]}
          extra="如“6月底完成”“5月底取得明显成效并持续推进”;填写后自动识别下面三项,请核对。"
        >
          <Input onBlur={fillFromPhrase} placeholder="6月底完成" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} sm={8}>
            <Form.Item name={['deadline', 'month']} label="时限月份">
              <Select allowClear placeholder="未注明" options={months} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['deadline', 'state']} label="预期状态">
              <Select allowClear placeholder="未注明" options={deadlineStates.map((s) => ({ value: s, label: deadlineStateLabel(s) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['deadline', 'continuing']} label="之后" valuePropName="checked">
              <Checkbox>持续推进</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="leadUnitIds"
          label="牵头考核单位"
          rules={[
            { required: true, type: 'array', min: 1, message: '请至少选择一个牵头考核单位' },
            { type: 'array', max: 10, message: '最多 10 个牵头考核单位' },
          ]}
        >
          <Select
            mode="multiple"
            loading={unitsLoading}
            placeholder="输入单位名称查找"
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
