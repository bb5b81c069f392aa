import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Form, Grid, Input, Select, Upload, type UploadFile } from 'antd';
import { useEffect, useMemo } from 'react';
import { useMutation } from 'urql';
import { evidenceExtensions, evidenceProblem } from '../../../lib/evidence';
import { useShowError } from '../../../lib/useShowError';
import { fileObjectionMutation } from '../documents';
import type { TaskName } from '../names';

const MAX_FILES = 5;
const OVERALL = 'overall';

interface Values {
  target: string;
  reason: string;
  files: UploadFile[];
}

const objectionContext = { additionalTypenames: ['Objection', 'Period'] };

/** The contact's objection form: what it is about (a task or the overall result), why, and evidence. */
export function FileObjectionDrawer({
  open,
  onClose,
  periodId,
  periodName,
  evaluateeId,
  unitName,
  tasks,
  initialTaskId,
  countdown,
}: {
  open: boolean;
  onClose: () => void;
  periodId: string;
  periodName: string;
  evaluateeId: string;
  unitName: string;
  /** The tasks the unit carries, in number order. */
  tasks: TaskName[];
  initialTaskId?: string | null;
  countdown: string;
}) {
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [state, file] = useMutation(fileObjectionMutation);
  const showError = useShowError();
  const { message } = App.useApp();

  useEffect(() => {
    if (open) form.setFieldsValue({ target: initialTaskId && tasks.some((t) => t.id === initialTaskId) ? initialTaskId : OVERALL, reason: '', files: [] });
  }, [open, initialTaskId, tasks, form]);

  const options = useMemo(
    () => [
      { value: OVERALL, label: '总体结果(本单位的最终得分或名次)' },
      ...tasks.map((t) => ({ value: t.id, label: `任务${t.number} ${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}` })),
    ],
    [tasks],
  );

  const submit = async (v: Values) => {
    const files = (v.files ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
    const r = await file(
      { input: { periodId, evaluateeId, taskId: v.target === OVERALL ? null : v.target, reason: v.reason.trim(), files: files.length ? files : undefined } },
      objectionContext,
    );
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    void message.success('异议已提交,专班答复后会显示在“我的异议”中');
    onClose();
  };

  return (
    <Drawer
      title={`对${periodName}结果提出异议`}
      open={open}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={state.fetching} onClick={() => form.submit()}>
            提交异议
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`${unitName} · ${countdown}`} description="专班将核实异议:成立的更正分值并重新公示结果,不成立的说明理由。每一步都记入审计日志。" />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="target" label="异议对象" rules={[{ required: true, message: '请选择对哪项结果提出异议' }]}>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} aria-label="异议对象" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="异议理由"
          rules={[
            { required: true, whitespace: true, message: '请填写异议理由:哪一项分值有误、依据是什么' },
            { max: 2000, message: '异议理由最多2000字' },
          ]}
        >
          <Input.TextArea rows={5} showCount maxLength={2000} placeholder="例如:该任务已于6月上线运行,牵头单位评分时未计入,附上线通知。" />
        </Form.Item>
        <Form.Item
          name="files"
          label={`佐证材料(最多${MAX_FILES}个)`}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          rules={[
            {
              validator: async (_, list: UploadFile[] | undefined) => {
                const files = list ?? [];
                if (files.length > MAX_FILES) throw new Error(`佐证材料最多${MAX_FILES}个文件,请删去${files.length - MAX_FILES}个`);
                for (const f of files) {
                  const problem = evidenceProblem({ name: f.name, size: f.size ?? 0 });
                  if (problem) throw new Error(problem);
                }
              },
            },
          ]}
          extra="PDF、PNG、JPEG 图片或 Word、Excel、PowerPoint 文件,每个不超过 10MB"
        >
          <Upload.Dragger multiple accept={evidenceExtensions.join(',')} beforeUpload={() => false} aria-label="佐证材料">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入文件</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
