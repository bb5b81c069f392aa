import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { PeriodStateTag } from '../../../components/PeriodPicker';
import type { PeriodState, PeriodWorkflowFieldsFragment } from '../../../gql/graphql';
import { describeError } from '../../../lib/errors';
import { movePeriodMutation } from '../documents';
import { useCommonT } from '../../../lib/messages';
import { usePeriodsT } from '../messages';
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
  const t = usePeriodsT();
  const common = useCommonT();
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
        title: publishing ? t('cannotPublish') : d.code === 'FORBIDDEN' ? t('forbidden') : t('moveFailed'),
        detail: publishing && d.code === 'INVALID' ? t('publishRefused', { message: d.message }) : d.message,
      });
      return;
    }
    if (r.data) onMoved(r.data.movePeriod);
  };

  return (
    <Modal
      open
      title={t('modalTitle', { period: target.period.name, move: info.label })}
      okText={info.label}
      okButtonProps={{ danger: info.back, loading: state.fetching }}
      cancelText={common('cancel')}
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
            label={info.back ? t('reasonRequired') : t('noteOptional')}
            rules={[
              ...(info.back ? [{ required: true, whitespace: true, message: t('reasonMissing') }] : []),
              { max: 500, message: t('reasonTooLong') },
            ]}
            extra={info.back ? t('reasonLogged') : undefined}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount aria-label={t('reasonLabel')} />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
