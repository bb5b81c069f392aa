import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { PeriodStateTag } from '../../../components/PeriodPicker';
import type { PeriodState, PeriodWorkflowFieldsFragment } from '../../../gql/graphql';
import { describeError } from '../../../lib/errors';
import { movePeriodMutation } from '../documents';
import { describeMove } from '../moves';

export interface MoveTarget {
  period: PeriodWorkflowFieldsFragment;
  to: PeriodState;
}

/**
 * Confirms a move of a period; going back needs a reason. A refusal (e.g.
 * scores not verified yet) stays in the dialog, in the server's words.
 */
export function MoveModal({
  target,
  onClose,
  onMoved,
  onStale,
}: {
  target: MoveTarget | null;
  onClose: () => void;
  onMoved: (p: PeriodWorkflowFieldsFragment) => void;
  /** The period changed meanwhile: reload it. */
  onStale: () => void;
}) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [state, move] = useMutation(movePeriodMutation);
  const [problem, setProblem] = useState<{ title: string; detail: string } | null>(null);

  useEffect(() => {
    setProblem(null);
    form.resetFields();
  }, [target, form]);

  if (!target) return <Modal open={false} />;
  const info = describeMove(target.period.state, target.to);

  const ok = async () => {
    let values: { reason?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setProblem(null);
    const reason = values.reason?.trim();
    const r = await move({ input: { periodId: target.period.id, version: target.period.version, to: target.to, ...(reason ? { reason } : {}) } });
    if (r.error) {
      const d = describeError(r.error);
      if (d.code === 'CONFLICT') {
        onStale();
        return;
      }
      const publishing = target.to === 'PUBLICITY';
      setProblem({
        title: publishing ? '不能公示' : d.code === 'FORBIDDEN' ? '没有权限' : '未能变更周期状态',
        detail: publishing && d.code === 'INVALID' ? `${d.message}。请先催办牵头单位录入提交,并在“分值核实”中核实全部分值后再公示。` : d.message,
      });
      return;
    }
    if (r.data) onMoved(r.data.movePeriod);
  };

  return (
    <Modal
      open
      title={`${target.period.name}:${info.label}`}
      okText={info.label}
      okButtonProps={{ danger: info.back, loading: state.fetching }}
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void ok()}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Flex align="center" gap={8}>
          <PeriodStateTag state={target.period.state} />
          <ArrowRightOutlined />
          <PeriodStateTag state={target.to} />
        </Flex>
        {info.hint && <Typography.Paragraph style={{ margin: 0 }}>{info.hint}</Typography.Paragraph>}
        {problem && <Alert type="error" showIcon title={problem.title} description={problem.detail} data-testid="move-problem" />}
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="reason"
            label={info.back ? '理由(必填)' : '备注(可选)'}
            rules={[
              ...(info.back ? [{ required: true, whitespace: true, message: '退回或重新开放须说明理由' }] : []),
              { max: 500, message: '不超过 500 字' },
            ]}
            extra={info.back ? '理由记入周期变更记录和审计日志。' : undefined}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount aria-label="变更理由" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
