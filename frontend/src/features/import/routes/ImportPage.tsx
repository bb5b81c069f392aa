import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Popconfirm, Result, Row, Spin, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { graphql } from '../../../gql';
import { formatDecimal } from '../../../lib/decimal';
import { describeError } from '../../../lib/errors';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { PreviewTree } from '../components/PreviewTree';
import { ProblemList } from '../components/ProblemList';
import { yearFromTitle } from '../problems';

const previewPlanImportMutation = graphql(`
  mutation PreviewPlanImport($file: Upload!) {
    previewPlanImport(file: $file) {
      title
      totalPoints
      newUnits
      problems {
        line
        severity
        code
        message
      }
      dimensions {
        number
        name
        points
        line
        indicators {
          number
          name
          points
          line
          tasks {
            number
            text
            points
            line
            deadline {
              phrase
              month
              state
              continuing
            }
            leadUnits {
              written
              name
              known
            }
          }
        }
      }
    }
  }
`);

const importPlanMutation = graphql(`
  mutation ImportPlan($input: ImportPlanInput!) {
    importPlan(input: $input) {
      plan {
        id
        name
        year
      }
      createdUnits {
        id
        name
      }
      problems {
        line
        severity
        code
        message
      }
    }
  }
`);

interface Values {
  name: string;
  year: number;
}

const accepted = ['.txt', '.docx'];

/** `/import`: upload a method document, review what was parsed and what is wrong, then import it as a new plan. */
export function ImportPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [previewState, preview] = useMutation(previewPlanImportMutation);
  const [importState, importPlan] = useMutation(importPlanMutation);

  const allowed = useSession().can('TASK_FORCE');
  const result = previewState.data?.previewPlanImport;
  const counts = result
    ? {
        indicators: result.dimensions.flatMap((d) => d.indicators).length,
        tasks: result.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.tasks)).length,
        errors: result.problems.filter((p) => p.severity === 'ERROR').length,
        warnings: result.problems.filter((p) => p.severity === 'WARNING').length,
      }
    : null;

  const choose = async (f: File) => {
    if (!accepted.some((ext) => f.name.toLowerCase().endsWith(ext))) {
      void message.error('只能导入 .txt 或 .docx 文件');
      return;
    }
    setFile(f);
    const r = await preview({ file: f });
    if (r.data) {
      const title = r.data.previewPlanImport.title;
      form.setFieldsValue({ name: title, year: yearFromTitle(title) });
    }
  };

  const confirm = async () => {
    if (!file) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const r = await importPlan({ input: { file, name: v.name.trim(), year: v.year } });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    const done = r.data?.importPlan;
    if (!done) return;
    const created = done.createdUnits.length;
    void message.success(`已导入“${done.plan.name}”${created > 0 ? `,新建 ${created} 个单位` : ''}`);
    navigate(`/plans/${done.plan.id}`);
  };

  const nothingParsed = !!result && result.dimensions.length === 0;
  const importButton = (onClick?: () => void) => (
    <Button type="primary" loading={importState.fetching} disabled={!result || nothingParsed} onClick={onClick}>
      确认导入
    </Button>
  );

  if (!allowed) {
    return <Result status="403" title="只有专班可以导入方案" subTitle="如需导入考评办法,请联系市政府办公室数字政府专班。" />;
  }

  return (
    <>
      <PageTitle title="导入方案" hint="上传考评办法(.txt 或 .docx 文件),先查看解析结果和发现的问题,确认后导入为新的考评方案。" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept={accepted.join(',')}
          multiple={false}
          showUploadList={false}
          beforeUpload={(f) => {
            void choose(f);
            return false;
          }}
          disabled={previewState.fetching || importState.fetching}
        >
          {file ? (
            <p className="ant-upload-text">
              <FileTextOutlined /> 已选择:{file.name}
            </p>
          ) : (
            <>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或将考评办法文件拖到这里</p>
            </>
          )}
          <p className="ant-upload-hint">{file ? '点击或拖入其他文件可重新选择' : '支持 .txt(UTF-8)和 .docx;此时只解析预览,不会写入任何数据'}</p>
        </Upload.Dragger>
      </Card>

      {previewState.fetching && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" tip="正在解析文件…">
            <div style={{ width: 200, height: 40 }} />
          </Spin>
        </Flex>
      )}

      {!previewState.fetching && previewState.error && (
        <Alert type="error" showIcon title="文件解析失败" description={describeError(previewState.error).message} style={{ marginBottom: 16 }} />
      )}

      {!previewState.fetching && result && counts && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex vertical gap={12}>
              <Typography.Text>
                解析出 <b>{result.dimensions.length}</b> 个方面、<b>{counts.indicators}</b> 个指标、<b>{counts.tasks}</b> 项任务,合计{' '}
                <b>{formatDecimal(result.totalPoints)}</b> 分;
                {counts.errors > 0 && <Tag color="red">{counts.errors} 个错误</Tag>}
                {counts.warnings > 0 && <Tag color="orange">{counts.warnings} 个警告</Tag>}
                {result.newUnits.length > 0 && <Tag color="gold">将新建 {result.newUnits.length} 个单位</Tag>}
                {result.problems.length === 0 && <Tag color="green">未发现问题</Tag>}
              </Typography.Text>
              <Form<Values> form={form} layout="inline" style={{ rowGap: 12 }}>
                <Form.Item name="name" label="方案名称" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }, { max: 200, message: '不超过 200 字' }]} style={{ flex: '1 1 320px' }}>
                  <Input />
                </Form.Item>
                <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
                  <InputNumber min={2000} max={2100} precision={0} suffix="年" style={{ width: 130 }} />
                </Form.Item>
                <Form.Item>
                  {counts.errors > 0 ? (
                    <Popconfirm
                      title={`有 ${counts.errors} 个错误`}
                      description="出错的内容不会导入,可导入后在方案页补录。仍要导入吗?"
                      okText="仍要导入"
                      cancelText="取消"
                      onConfirm={confirm}
                    >
                      {importButton()}
                    </Popconfirm>
                  ) : (
                    importButton(() => void confirm())
                  )}
                </Form.Item>
              </Form>
              {nothingParsed && <Alert type="error" showIcon title="没有解析出任何内容,不能导入。请检查文件是否为考评办法原文。" />}
            </Flex>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card size="small" title={`解析结果:${result.title || '(无标题)'}`} styles={{ body: { maxHeight: '75vh', overflow: 'auto' } }}>
                <PreviewTree preview={result} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Flex vertical gap={16}>
                <Card size="small" title={`发现的问题(${result.problems.length})`} styles={{ body: { maxHeight: '55vh', overflow: 'auto' } }}>
                  <ProblemList problems={result.problems} />
                </Card>
                <Card size="small" title={`将新建的单位(${result.newUnits.length})`}>
                  {result.newUnits.length === 0 ? (
                    <Typography.Text type="secondary">所有牵头单位都已在单位库中。</Typography.Text>
                  ) : (
                    <>
                      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                        这些牵头单位不在单位库中,确认导入时将作为“市直部门”新建,之后可在“单位管理”中修改。
                      </Typography.Paragraph>
                      <Flex gap={6} wrap="wrap">
                        {result.newUnits.map((u) => (
                          <Tag key={u} color="gold" style={{ marginInlineEnd: 0 }}>
                            {u}
                          </Tag>
                        ))}
                      </Flex>
                    </>
                  )}
                </Card>
              </Flex>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
