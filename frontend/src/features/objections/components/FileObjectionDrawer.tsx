import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Form, Grid, Input, Select, Upload, type UploadFile } from 'antd';
import { useEffect, useMemo } from 'react';
import { useMutation } from 'urql';
import { evidenceExtensions, evidenceProblem } from '../../../lib/evidence';
import { useShowError } from '../../../lib/useShowError';
import { fileObjectionMutation } from '../documents';
import { useObjectionsT } from '../messages';
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
  const t = useObjectionsT();
  const [form] = Form.useForm<Values>();
  const [state, file] = useMutation(fileObjectionMutation);
  const showError = useShowError();
  const { message } = App.useApp();

  useEffect(() => {
    if (open) form.setFieldsValue({ target: initialTaskId && tasks.some((t) => t.id === initialTaskId) ? initialTaskId : OVERALL, reason: '', files: [] });
  }, [open, initialTaskId, tasks, form]);

  const options = useMemo(
    () => [
      { value: OVERALL, label: t('overallOption') },
      ...tasks.map((k) => ({ value: k.id, label: t('taskLabel', { number: k.number, text: k.text.length > 40 ? `${k.text.slice(0, 40)}…` : k.text }) })),
    ],
    [tasks, t],
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
    void message.success(t('filed'));
    onClose();
  };

  return (
    <Drawer
      title={t('fileTitle', { period: periodName })}
      open={open}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={state.fetching} onClick={() => form.submit()}>
            {t('submitObjection')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={
          <>
            <span data-i18n="data">{unitName}</span> · {countdown}
          </>
        } description={t('fileInfo')} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item name="target" label={t('target')} rules={[{ required: true, message: t('targetRequired') }]}>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} aria-label={t('target')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('reason')}
          rules={[
            { required: true, whitespace: true, message: t('reasonRequired') },
            { max: 2000, message: t('reasonMax') },
          ]}
        >
          <Input.TextArea rows={5} showCount maxLength={2000} placeholder={t('reasonPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="files"
          label={t('evidenceLabel', { max: MAX_FILES })}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          rules={[
            {
              validator: async (_, list: UploadFile[] | undefined) => {
                const files = list ?? [];
                if (files.length > MAX_FILES) throw new Error(t('tooManyFiles', { max: MAX_FILES, extra: files.length - MAX_FILES }));
                for (const f of files) {
                  const problem = evidenceProblem({ name: f.name, size: f.size ?? 0 });
                  if (problem) throw new Error(problem);
                }
              },
            },
          ]}
          extra={t('evidenceExtra')}
        >
          <Upload.Dragger multiple accept={evidenceExtensions.join(',')} beforeUpload={() => false} aria-label={t('evidence')}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('dropFiles')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
