import { Descriptions, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { compareDecimals, formatDecimal } from '../../../lib/decimal';
import { enumLabel } from '../../../lib/enumLabels';
import type { QueueRow } from '../types';
import { FlagList } from './FlagTags';

/** ACCEPT here is the confirmation of a flagged score: it needs a note. */
export type Decision = 'ACCEPT' | 'ADJUST' | 'RETURN';

export interface DecisionValues {
  value?: string;
  reason: string;
}

const okTexts: Record<Decision, string> = { ACCEPT: '确认通过', ADJUST: '调整并核实', RETURN: '退回' };
const reasonLabels: Record<Decision, string> = { ACCEPT: '确认说明', ADJUST: '调整理由', RETURN: '退回理由' };
const reasonRequired: Record<Decision, string> = { ACCEPT: '有疑点的分值须填写确认说明', ADJUST: '调整分值须说明理由', RETURN: '退回须说明理由' };
const reasonHelp: Record<Decision, string> = {
  ACCEPT: '请说明为何疑点不影响该分值(如已电话核实、材料另行报送),说明保存在核实记录中。',
  ADJUST: '理由与原分值一并保留,在得分明细中可查。',
  RETURN: '理由将显示给牵头单位评分员,请写明需要修改之处。',
};

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
  const [form] = Form.useForm<DecisionValues>();
  useEffect(() => {
    if (row) form.resetFields();
  }, [row, form]);

  const checkValue = async (_: unknown, v: string | undefined) => {
    const t = (v ?? '').trim();
    if (t === '') throw new Error('请填写调整后的分值');
    if (!/^\d+(\.\d+)?$/.test(t)) throw new Error('请填写数字');
    if ((t.split('.')[1] ?? '').replace(/0+$/, '').length > 2) throw new Error('最多保留两位小数');
    if (row?.maxPoints && compareDecimals(t, row.maxPoints) > 0) throw new Error(`不能超过满分 ${formatDecimal(row.maxPoints)} 分`);
    if (row && compareDecimals(t, row.value) === 0) throw new Error('与原分值相同;如无需调整请点“核实通过”');
  };

  return (
    <Modal
      open={!!row}
      title={decision === 'ACCEPT' ? '确认核实通过(有疑点)' : enumLabel('VerifyAction', decision)}
      okText={okTexts[decision]}
      okButtonProps={{ danger: decision === 'RETURN', loading: busy }}
      cancelText="取消"
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
            { key: 'task', label: '任务', children: `任务 ${row.taskNumber} · ${row.taskText.length > 40 ? `${row.taskText.slice(0, 40)}…` : row.taskText}` },
            { key: 'evaluatee', label: '考评对象', children: row.evaluateeName },
            { key: 'lead', label: '牵头单位', children: `${row.leadUnit.name}(${row.enteredBy})` },
            { key: 'value', label: '原分值', children: `${formatDecimal(row.value)}${row.maxPoints ? ` / 满分 ${formatDecimal(row.maxPoints)}` : ''} 分` },
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
          <Form.Item name="value" label="调整后的分值" rules={[{ validator: checkValue }]}>
            <Input inputMode="decimal" suffix="分" style={{ maxWidth: 200 }} autoFocus />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={reasonLabels[decision]}
          rules={[
            { required: true, whitespace: true, message: reasonRequired[decision] },
            { max: 1000, message: '不超过 1000 字' },
          ]}
          extra={reasonHelp[decision]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} showCount autoFocus={decision !== 'ADJUST'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
