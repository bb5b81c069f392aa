import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Grid, Input, InputNumber, Radio, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import type { ObjectionFieldsFragment } from '../../../gql/graphql';
import { enumLabelMap } from '../../../lib/enumLabels';
import { formatDecimal } from '../../../lib/decimal';
import { formatFileSize, formatTime, scoreStatusColors, scoreStatusLabels } from '../../../lib/evaluation';
import { useShowError } from '../../../lib/useShowError';
import { answerObjectionMutation } from '../documents';
import { changedCorrections, objectionStatusColors } from '../format';
import { objectionTarget, type TaskName } from '../names';

type Decision = 'uphold' | 'reject';

interface Values {
  decision: Decision;
  answer: string;
  values: Record<string, string | null>;
}

const objectionContext = { additionalTypenames: ['Objection', 'Period', 'Score'] };

/** The 专班's answer to one objection: the reason and evidence, the scores it is about, 采纳 (with corrections) or 维持原分. */
export function AnswerObjectionDrawer({
  objection,
  unitName,
  tasks,
  canAnswer,
  onClose,
  onConflict,
}: {
  objection: ObjectionFieldsFragment | null;
  unitName: string;
  tasks: ReadonlyMap<string, TaskName>;
  /** False outside 公示: the objection is shown, not answered. */
  canAnswer: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [state, answer] = useMutation(answerObjectionMutation);
  const showError = useShowError();
  const { message, modal } = App.useApp();
  const decision = Form.useWatch('decision', form);
  const [correctionError, setCorrectionError] = useState<string | null>(null);
  const statusLabels = enumLabelMap('ObjectionStatus');
  const o = objection;
  const open = o !== null;
  const answerable = canAnswer && o?.status === 'OPEN';

  useEffect(() => {
    if (o) {
      form.setFieldsValue({ decision: undefined, answer: '', values: {} });
      setCorrectionError(null);
    }
  }, [o?.id, o?.version, form]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!o) return <Drawer open={false} />;

  const submit = (v: Values) => {
    const corrections = v.decision === 'uphold' ? changedCorrections(o.scores, v.values ?? {}) : [];
    if (v.decision === 'uphold' && corrections.length === 0) {
      setCorrectionError('采纳异议须更正至少一项分值:在“更正为”一栏填写新的分值');
      return;
    }
    setCorrectionError(null);
    const byId = new Map(o.scores.map((s) => [s.id, s]));
    const summary = corrections.map((c) => {
      const s = byId.get(c.scoreId);
      return `${s ? `任务${tasks.get(s.taskId)?.number ?? ''} ${s.leadUnit.name}` : ''}:${formatDecimal(s?.value ?? '')} → ${formatDecimal(c.value)}`;
    });
    modal.confirm({
      title: v.decision === 'uphold' ? '确认采纳这条异议?' : '确认维持原分?',
      content:
        v.decision === 'uphold' ? (
          <Flex vertical gap={4}>
            <span>将按以下更正调整分值(理由记为本条异议),并重新冻结{unitName}所在周期的结果,作为新一次公示:</span>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {summary.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </Flex>
        ) : (
          '分值不变,联络员将看到您填写的驳回理由。'
        ),
      okText: v.decision === 'uphold' ? '采纳并更正' : '维持原分',
      cancelText: '再想想',
      onOk: async () => {
        const r = await answer({ input: { objectionId: o.id, version: o.version, uphold: v.decision === 'uphold', answer: v.answer.trim(), corrections: corrections.length ? corrections : undefined } }, objectionContext);
        if (r.error) {
          showError(r.error, { form, onConflict });
          return;
        }
        void message.success(v.decision === 'uphold' ? '已采纳异议:分值已更正,结果已重新公示' : '已维持原分,答复已送达联络员');
        onClose();
      },
    });
  };

  return (
    <Drawer
      title={`${unitName} · ${objectionTarget(o.taskId, tasks)}`}
      open={open}
      onClose={onClose}
      size={screens.lg ? 720 : '100%'}
      destroyOnHidden
      footer={
        answerable && (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={state.fetching} onClick={() => form.submit()} disabled={!decision}>
              提交答复
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'status', label: '状态', children: <Tag color={objectionStatusColors[o.status]}>{statusLabels[o.status]}</Tag> },
            { key: 'target', label: '异议对象', children: objectionTarget(o.taskId, tasks, true) },
            { key: 'filed', label: '提出', children: `${o.filedBy}(${formatTime(o.filedAt)})` },
            { key: 'reason', label: '异议理由', children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.reason}</span> },
            {
              key: 'evidence',
              label: '佐证材料',
              children:
                o.evidence.length === 0 ? (
                  <Typography.Text type="secondary">未提供</Typography.Text>
                ) : (
                  <Flex vertical gap={2}>
                    {o.evidence.map((f) => (
                      <Typography.Link key={f.id} href={f.url} download={f.filename} target="_blank" data-evidence-link="" style={{ wordBreak: 'break-all' }}>
                        <PaperClipOutlined /> {f.filename}({formatFileSize(f.size)})
                      </Typography.Link>
                    ))}
                  </Flex>
                ),
            },
            ...(o.answer
              ? [
                  { key: 'answer', label: '答复', children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.answer}</span> },
                  { key: 'by', label: '答复人', children: `${o.answeredBy ?? ''}(${formatTime(o.answeredAt)})` },
                ]
              : []),
            ...(o.correction ? [{ key: 'correction', label: '更正', children: o.correction }] : []),
          ]}
        />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" disabled={!answerable} onValuesChange={() => setCorrectionError(null)}>
          <Typography.Text strong>当前分值</Typography.Text>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            style={{ marginTop: 8, marginBottom: 16 }}
            scroll={{ x: 520, y: 360 }}
            dataSource={o.scores}
            locale={{ emptyText: answerable ? '该单位在本周期没有可更正的分值' : '—' }}
            columns={[
              ...(o.taskId ? [] : [{ title: '任务', key: 'task', width: 80, render: (_: unknown, s: (typeof o.scores)[number]) => `任务${tasks.get(s.taskId)?.number ?? ''}` }]),
              { title: '牵头单位', key: 'lead', render: (_, s) => s.leadUnit.name },
              { title: '分值', dataIndex: 'value', width: 80, align: 'right', render: (v: string) => formatDecimal(v) },
              { title: '状态', key: 'status', width: 96, render: (_, s) => <Tag color={scoreStatusColors[s.status]}>{scoreStatusLabels[s.status]}</Tag> },
              ...(decision === 'uphold'
                ? [
                    {
                      title: '更正为',
                      key: 'new',
                      width: 130,
                      render: (_: unknown, s: (typeof o.scores)[number]) =>
                        s.enteredByMe ? (
                          <Tooltip title="不能更正自己录入的分值,请由另一位专班成员答复">
                            <Typography.Text type="secondary">本人录入</Typography.Text>
                          </Tooltip>
                        ) : (
                          <Form.Item name={['values', s.id]} noStyle>
                            <InputNumber<string> stringMode min="0" step="0.5" precision={2} placeholder={formatDecimal(s.value)} style={{ width: '100%' }} aria-label={`${s.leadUnit.name}更正为`} />
                          </Form.Item>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          {correctionError && <Alert type="error" showIcon title={correctionError} style={{ marginBottom: 16 }} />}
          {answerable && (
            <>
              <Form.Item name="decision" label="答复结果" rules={[{ required: true, message: '请选择采纳或维持原分' }]}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 'uphold', label: '采纳(异议成立,更正分值)' },
                    { value: 'reject', label: '维持原分(驳回)' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="answer"
                label={decision === 'reject' ? '驳回理由' : '答复理由'}
                rules={[
                  { required: true, whitespace: true, message: decision === 'reject' ? '维持原分须说明理由' : '请填写答复理由' },
                  { max: 2000, message: '答复最多2000字' },
                ]}
                extra="联络员将看到这段答复;采纳时它也是分值调整的理由"
              >
                <Input.TextArea rows={4} showCount maxLength={2000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Flex>
    </Drawer>
  );
}
