import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Empty, Flex, Form, Grid, Input, Popconfirm, Radio, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { DeadlineView } from '../../../components/DeadlineView';
import type { ProgressReportFieldsFragment, ProgressState, ReportsPlanQuery } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { formatFileSize, formatTime, progressStateLabels, progressStates } from '../../../lib/evaluation';
import { useShowError } from '../../../lib/useShowError';
import { deleteEvidenceMutation, saveProgressReportMutation, uploadEvidenceMutation } from '../documents';
import { evidenceExtensions, evidenceProblem } from '../evidence';
import { useReportsT } from '../messages';

type PlanTask = NonNullable<ReportsPlanQuery['plan']>['dimensions'][number]['indicators'][number]['tasks'][number];

interface Values {
  state: ProgressState;
  narrative: string;
}

const evidenceContext = { additionalTypenames: ['Evidence', 'ProgressReport'] };

/** One task's progress report: state, narrative and evidence files. */
export function ReportDrawer({
  task,
  report,
  periodId,
  evaluateeId,
  editable,
  onClose,
  onConflict,
}: {
  task: PlanTask | null;
  report: ProgressReportFieldsFragment | undefined;
  periodId: string;
  evaluateeId: string;
  editable: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const t = useReportsT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saveState, save] = useMutation(saveProgressReportMutation);
  const [, upload] = useMutation(uploadEvidenceMutation);
  const [, remove] = useMutation(deleteEvidenceMutation);
  const [uploading, setUploading] = useState(0);

  useEffect(() => {
    if (task) form.setFieldsValue({ state: report?.state ?? 'IN_PROGRESS', narrative: report?.narrative ?? '' });
    // Reset only when another task (or its saved version) is shown, so a
    // refetch of the same version does not wipe what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [task?.id, report?.version]);

  const submit = async (v: Values) => {
    if (!task) return;
    const r = await save({ input: { periodId, evaluateeId, taskId: task.id, state: v.state, narrative: v.narrative.trim(), version: report?.version ?? 0 } }, evidenceContext);
    if (r.error) showError(r.error, { form, onConflict });
    else void message.success(report ? t('updated') : t('saved'));
  };

  const sendFile = async (file: File) => {
    if (!report) return;
    const problem = evidenceProblem(file);
    if (problem) {
      void message.error(problem);
      return;
    }
    setUploading((n) => n + 1);
    const r = await upload({ reportId: report.id, file }, evidenceContext);
    setUploading((n) => n - 1);
    if (r.error) showError(r.error);
    else void message.success(t('uploaded', { name: file.name }));
  };

  return (
    <Drawer
      open={!!task}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={task ? t('drawerTitle', { number: task.number }) : ''}
      destroyOnHidden
      data-testid="report-drawer"
    >
      {task && (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
            items={[
              {
                key: 'text',
                label: t('taskText'),
                children: (
                  <Typography.Paragraph style={{ margin: 0 }} data-i18n="data">
                    {task.text}
                  </Typography.Paragraph>
                ),
              },
              { key: 'deadline', label: t('deadline'), children: <DeadlineView deadline={task.deadline} compact /> },
              { key: 'points', label: t('points'), children: t('pointsValue', { points: formatDecimal(task.effectivePoints) }) },
              {
                key: 'lead',
                label: t('leadUnits'),
                children: (
                  <Flex gap={4} wrap="wrap">
                    {task.leadUnits.map((u) => (
                      <Tag key={u.id} color="blue" style={{ marginInlineEnd: 0 }} data-i18n="data">
                        {u.name}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
          {!editable && <Alert type="info" showIcon title={t('notOpen')} />}
          <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={!editable} requiredMark={false}>
            <Form.Item name="state" label={t('state')} rules={[{ required: true, message: t('pickState') }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={progressStates.map((s) => ({ value: s, label: progressStateLabels[s] }))}
                style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
              />
            </Form.Item>
            <Form.Item
              name="narrative"
              label={t('narrative')}
              rules={[
                { required: true, whitespace: true, message: t('narrativeRequired') },
                { max: 5000, message: t('narrativeMax') },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={5000} showCount placeholder={t('narrativePlaceholder')} />
            </Form.Item>
            {editable && (
              <Flex gap={12} align="center" wrap="wrap">
                <Button type="primary" htmlType="submit" loading={saveState.fetching}>
                  {report ? t('saveChanges') : t('saveReport')}
                </Button>
                {report && (
                  <Typography.Text type="secondary">
                    {t('lastSavedBy')}
                    <span data-i18n="data">{report.updatedBy}</span>
                    {t('lastSavedAt', { time: formatTime(report.updatedAt) })}
                  </Typography.Text>
                )}
              </Flex>
            )}
          </Form>

          <div>
            <Flex justify="space-between" align="center" gap={8} wrap="wrap" style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('evidence')}
                {report ? `(${report.evidence.length})` : ''}
              </Typography.Title>
              {editable && report && (
                <Upload
                  multiple
                  showUploadList={false}
                  accept={evidenceExtensions.join(',')}
                  beforeUpload={(f) => {
                    void sendFile(f);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={uploading > 0}>
                    {t('uploadFile')}
                  </Button>
                </Upload>
              )}
            </Flex>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('fileHint')}
            </Typography.Paragraph>
            {!report ? (
              <Alert type="info" showIcon title={editable ? t('saveFirst') : t('notReported')} />
            ) : report.evidence.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noEvidence')} />
            ) : (
              <Flex vertical gap={8}>
                {report.evidence.map((f) => (
                  <Flex key={f.id} justify="space-between" align="center" gap={8} style={{ padding: '6px 10px', border: '1px solid rgba(0,0,0,0.06)', borderRadius: 6 }}>
                    <Flex vertical style={{ minWidth: 0 }}>
                      <Typography.Link href={f.url} download={f.filename} style={{ wordBreak: 'break-all' }}>
                        <PaperClipOutlined /> {f.filename}
                      </Typography.Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatFileSize(f.size)} · {f.uploadedBy} · {formatTime(f.uploadedAt)}
                      </Typography.Text>
                    </Flex>
                    {editable && (
                      <Popconfirm
                        title={t('deleteFile', { name: f.filename })}
                        okText={t('delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('cancel')}
                        onConfirm={async () => {
                          const r = await remove({ id: f.id }, evidenceContext);
                          if (r.error) showError(r.error);
                          else void message.success(t('deleted'));
                        }}
                      >
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('deleteLabel', { name: f.filename })} />
                      </Popconfirm>
                    )}
                  </Flex>
                ))}
              </Flex>
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
