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
import { useImportT } from '../messages';

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
  const t = useImportT();
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
      void message.error(t('wrongType'));
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
    void message.success(t('imported', { name: done.plan.name }) + (created > 0 ? t('unitsCreated', { count: created }) : ''));
    navigate(`/plans/${done.plan.id}`);
  };

  const nothingParsed = !!result && result.dimensions.length === 0;
  const importButton = (onClick?: () => void) => (
    <Button type="primary" loading={importState.fetching} disabled={!result || nothingParsed} onClick={onClick}>
      {t('confirm')}
    </Button>
  );

  if (!allowed) {
    return <Result status="403" title={t('onlyTaskForce')} subTitle={t('onlyTaskForceHint')} />;
  }

  return (
    <>
      <PageTitle title={t('title')} hint={t('hint')} />
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
              <FileTextOutlined /> {t('chosen')}
              <span data-i18n="data">{file.name}</span>
            </p>
          ) : (
            <>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('drop')}</p>
            </>
          )}
          <p className="ant-upload-hint">{file ? t('chooseAgain') : t('dropHint')}</p>
        </Upload.Dragger>
      </Card>

      {previewState.fetching && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" tip={t('parsing')}>
            <div style={{ width: 200, height: 40 }} />
          </Spin>
        </Flex>
      )}

      {!previewState.fetching && previewState.error && (
        <Alert type="error" showIcon title={t('parseFailed')} description={<span data-i18n="data">{describeError(previewState.error).message}</span>} style={{ marginBottom: 16 }} />
      )}

      {!previewState.fetching && result && counts && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Flex vertical gap={12}>
              <Typography.Text>
                {t('parsed')}
                <b>{result.dimensions.length}</b>
                {t('dimensions')}
                <b>{counts.indicators}</b>
                {t('indicators')}
                <b>{counts.tasks}</b>
                {t('tasks')}{' '}
                <b>{formatDecimal(result.totalPoints)}</b>
                {t('totalEnd')}
                {counts.errors > 0 && <Tag color="red">{t('errors', { count: counts.errors })}</Tag>}
                {counts.warnings > 0 && <Tag color="orange">{t('warnings', { count: counts.warnings })}</Tag>}
                {result.newUnits.length > 0 && <Tag color="gold">{t('newUnits', { count: result.newUnits.length })}</Tag>}
                {result.problems.length === 0 && <Tag color="green">{t('clean')}</Tag>}
              </Typography.Text>
              <Form<Values> form={form} layout="inline" style={{ rowGap: 12 }}>
                <Form.Item name="name" label={t('planName')} rules={[{ required: true, whitespace: true, message: t('planNameRequired') }, { max: 200, message: t('planNameMax') }]} style={{ flex: '1 1 320px' }}>
                  <Input />
                </Form.Item>
                <Form.Item name="year" label={t('year')} rules={[{ required: true, message: t('yearRequired') }]}>
                  <InputNumber min={2000} max={2100} precision={0} suffix={t('yearSuffix') || undefined} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item>
                  {counts.errors > 0 ? (
                    <Popconfirm
                      title={t('hasErrors', { count: counts.errors })}
                      description={t('hasErrorsHint')}
                      okText={t('importAnyway')}
                      cancelText={t('cancel')}
                      onConfirm={confirm}
                    >
                      {importButton()}
                    </Popconfirm>
                  ) : (
                    importButton(() => void confirm())
                  )}
                </Form.Item>
              </Form>
              {nothingParsed && <Alert type="error" showIcon title={t('empty')} />}
            </Flex>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card size="small" title={
                  <>
                    {t('result')}
                    {result.title ? <span data-i18n="data">{result.title}</span> : t('untitled')}
                  </>
                } styles={{ body: { maxHeight: '75vh', overflow: 'auto' } }}>
                <PreviewTree preview={result} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Flex vertical gap={16}>
                <Card size="small" title={t('problems', { count: result.problems.length })} styles={{ body: { maxHeight: '55vh', overflow: 'auto' } }}>
                  <ProblemList problems={result.problems} />
                </Card>
                <Card size="small" title={t('newUnitsTitle', { count: result.newUnits.length })}>
                  {result.newUnits.length === 0 ? (
                    <Typography.Text type="secondary">{t('allKnown')}</Typography.Text>
                  ) : (
                    <>
                      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                        {t('newUnitsHint')}
                      </Typography.Paragraph>
                      <Flex gap={6} wrap="wrap">
                        {result.newUnits.map((u) => (
                          <Tag key={u} color="gold" style={{ marginInlineEnd: 0 }} data-i18n="data">
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
