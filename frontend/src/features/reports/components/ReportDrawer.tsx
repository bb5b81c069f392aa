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
    else void message.success(report ? '进展情况已更新' : '进展情况已保存,现在可以上传佐证材料');
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
    else void message.success(`已上传“${file.name}”`);
  };

  return (
    <Drawer
      open={!!task}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={task ? `任务 ${task.number} · 进展报送` : ''}
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
              { key: 'text', label: '任务内容', children: <Typography.Paragraph style={{ margin: 0 }}>{task.text}</Typography.Paragraph> },
              { key: 'deadline', label: '完成时限', children: <DeadlineView deadline={task.deadline} compact /> },
              { key: 'points', label: '分值', children: `${formatDecimal(task.effectivePoints)} 分` },
              {
                key: 'lead',
                label: '牵头单位',
                children: (
                  <Flex gap={4} wrap="wrap">
                    {task.leadUnits.map((u) => (
                      <Tag key={u.id} color="blue" style={{ marginInlineEnd: 0 }}>
                        {u.name}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
          {!editable && <Alert type="info" showIcon title="本周期当前不在填报阶段,进展报送仅可查看" />}
          <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={!editable} requiredMark={false}>
            <Form.Item name="state" label="状态" rules={[{ required: true, message: '请选择进展状态' }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={progressStates.map((s) => ({ value: s, label: progressStateLabels[s] }))}
                style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
              />
            </Form.Item>
            <Form.Item
              name="narrative"
              label="进展情况"
              rules={[
                { required: true, whitespace: true, message: '请填写进展情况' },
                { max: 5000, message: '不超过 5000 字' },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={5000} showCount placeholder="写明已开展的工作、取得的成效、存在的问题和下一步计划" />
            </Form.Item>
            {editable && (
              <Flex gap={12} align="center" wrap="wrap">
                <Button type="primary" htmlType="submit" loading={saveState.fetching}>
                  {report ? '保存修改' : '保存进展'}
                </Button>
                {report && (
                  <Typography.Text type="secondary">
                    最近由{report.updatedBy}于 {formatTime(report.updatedAt)} 保存
                  </Typography.Text>
                )}
              </Flex>
            )}
          </Form>

          <div>
            <Flex justify="space-between" align="center" gap={8} wrap="wrap" style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                佐证材料{report ? `(${report.evidence.length})` : ''}
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
                    上传文件
                  </Button>
                </Upload>
              )}
            </Flex>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              支持 PDF、PNG、JPEG 图片和 Word、Excel、PowerPoint(.docx/.xlsx/.pptx)文件,单个不超过 10MB;系统按文件内容识别类型。
            </Typography.Paragraph>
            {!report ? (
              <Alert type="info" showIcon title={editable ? '请先保存进展情况,再上传佐证材料' : '尚未报送本任务的进展'} />
            ) : report.evidence.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未上传佐证材料" />
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
                        title={`删除“${f.filename}”?`}
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={async () => {
                          const r = await remove({ id: f.id }, evidenceContext);
                          if (r.error) showError(r.error);
                          else void message.success('已删除');
                        }}
                      >
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除${f.filename}`} />
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
