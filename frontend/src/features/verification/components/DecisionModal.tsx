import { Descriptions, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { compareDecimals, formatDecimal } from '../../../lib/decimal';
import { enumLabel } from '../../../lib/enumLabels';
import { useCommonT } from '../../../lib/messages';
import { useVerificationT } from '../messages';
import type { QueueRow } from '../types';
import { FlagList } from './FlagTags';

/** ACCEPT here is the confirmation of a flagged score: it needs a note. */
export type Decision = 'ACCEPT' | 'ADJUST' | 'RETURN';

export interface DecisionValues {
  value?: string;
  reason: string;
}


/** A new value with the reason (调整), or only the reason (退回): the 专班's decision on one score. */
export function DecisionModal({
  row,
  decision,
  busy,
  onCancel,
  onOk,
}: {
  row: QueueRow | null;
  decision: Decision;
  busy: boolean;
  onCancel: () => void;
  onOk: (values: DecisionValues) => void;
}) {
  const tr = useVerificationT();
  const common = useCommonT();
  const [form] = Form.useForm<DecisionValues>();
  useEffect(() => {
    if (row) form.resetFields();
  }, [row, form]);

  const checkValue = async (_: unknown, v: string | undefined) => {
    const t = (v ?? '').trim();
    if (t === '') throw new Error(tr('valueMissing'));
    if (!/^\d+(\.\d+)?$/.test(t)) throw new Error(tr('valueNotNumber'));
    if ((t.split('.')[1] ?? '').replace(/0+$/, '').length > 2) throw new Error(tr('valueDecimals'));
    if (row?.maxPoints && compareDecimals(t, row.maxPoints) > 0) throw new Error(tr('valueAboveMax', { max: formatDecimal(row.maxPoints) }));
    if (row && compareDecimals(t, row.value) === 0) throw new Error(tr('valueUnchanged'));
  };

  return (
    <Modal
      open={!!row}
      title={decision === 'ACCEPT' ? tr('confirmFlagged') : enumLabel('VerifyAction', decision)}
      okText={tr(`ok${decision}`)}
      okButtonProps={{ danger: decision === 'RETURN', loading: busy }}
      cancelText={common('cancel')}
      onCancel={onCancel}
      onOk={() =>
        form
          .validateFields()
          .then((v) => onOk({ ...v, value: v.value?.trim(), reason: v.reason.trim() }))
          // The form shows what is missing; a failed validation is not an error of the page.
          .catch(() => undefined)
      }
      destroyOnHidden
    >
      {row && (
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 90, whiteSpace: 'nowrap' } }}
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'task',
              label: tr('task'),
              children: `${tr('taskNumber', { number: row.taskNumber })} · ${row.taskText.length > 40 ? `${row.taskText.slice(0, 40)}…` : row.taskText}`,
            },
            { key: 'evaluatee', label: tr('evaluatee'), children: row.evaluateeName },
            { key: 'lead', label: tr('lead'), children: tr('leadWithScorer', { unit: row.leadUnit.name, scorer: row.enteredBy }) },
            {
              key: 'value',
              label: tr('originalValue'),
              children: row.maxPoints
                ? tr('valueOfMax', { value: formatDecimal(row.value), max: formatDecimal(row.maxPoints) })
                : tr('valueOf', { value: formatDecimal(row.value) }),
            },
          ]}
        />
      )}
      {row && row.flags.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <FlagList flags={row.flags} />
        </div>
      )}
      <Form<DecisionValues> form={form} layout="vertical" requiredMark={false} preserve={false}>
        {decision === 'ADJUST' && (
          <Form.Item name="value" label={tr('newValue')} rules={[{ validator: checkValue }]}>
            <Input inputMode="decimal" suffix={tr('pointsSuffix')} style={{ maxWidth: 200 }} autoFocus />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={tr(`reason${decision}`)}
          rules={[
            { required: true, whitespace: true, message: tr(`required${decision}`) },
            { max: 1000, message: tr('reasonTooLong') },
          ]}
          extra={tr(`help${decision}`)}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} showCount autoFocus={decision !== 'ADJUST'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
