import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Result, Segmented, Spin, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, PeriodStateTag, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import { SheetErrorsTable } from '../../../components/SheetErrorsTable';
import { graphql } from '../../../gql';
import type { PeriodAction, PeriodState, ScoringMethod, SourceValuesQuery } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { periodStateLabels, scoringMethodLabels } from '../../../lib/evaluation';
import { rankingGroupLabels } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';

const sourceValuesQuery = graphql(`
  query SourceValues($periodId: ID!, $method: ScoringMethod!) {
    sourceValues(periodId: $periodId, method: $method) {
      id
      method
      source
      value
      weight
      evaluatee {
        id
        group
        unit {
          id
          name
          sortKey
        }
      }
    }
  }
`);

const importSourceValuesMutation = graphql(`
  mutation ImportSourceValues($input: ImportSourceValuesInput!) {
    importSourceValues(input: $input) {
      written
      errors {
        row
        column
        message
      }
      values {
        id
        source
        value
        weight
        evaluatee {
          id
          group
          unit {
            id
            name
            sortKey
          }
        }
      }
    }
  }
`);

type ImportMethod = Extract<ScoringMethod, 'PUBLIC_OPINION' | 'THIRD_PARTY'>;
const methods: ImportMethod[] = ['PUBLIC_OPINION', 'THIRD_PARTY'];

interface ValueRow {
  id: string;
  source: string;
  value: string;
  weight: string;
  evaluatee: SourceValuesQuery['sourceValues'][number]['evaluatee'];
}

const valueColumns: TableColumnsType<ValueRow> = [
  { title: '考评对象', key: 'evaluatee', render: (_, v) => <Typography.Text strong>{v.evaluatee.unit.name}</Typography.Text> },
  { title: '组别', key: 'group', width: 110, responsive: ['sm'], render: (_, v) => rankingGroupLabels[v.evaluatee.group] },
  { title: '来源', dataIndex: 'source', width: 200 },
  { title: '分值', dataIndex: 'value', width: 90, align: 'right', render: (v: string) => formatDecimal(v) },
  { title: '权重', dataIndex: 'weight', width: 80, align: 'right', render: (v: string) => formatDecimal(v) },
];

function sortValues<T extends ValueRow>(rows: readonly T[]): T[] {
  const g = (r: ValueRow) => (r.evaluatee.group === 'DISTRICTS' ? 0 : 1);
  return [...rows].sort((a, b) => g(a) - g(b) || a.evaluatee.unit.sortKey - b.evaluatee.unit.sortKey || a.source.localeCompare(b.source, 'zh'));
}

/** `/plans/:planId/sources`: 民意调查 and 第三方评估 values per period, and their import. */
export function SourcesPage() {
  const { planId = '' } = useParams();
  const { can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const [method, setMethod] = useState<ImportMethod>('PUBLIC_OPINION');

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST')) return <Result status="403" title="您没有查看民意调查和第三方评估数据的权限" />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;

  return (
    <>
      <PageTitle
        title="民意调查与第三方评估"
        hint="按考评对象导入民意调查、第三方评估得分(0–100);同一方法有多个来源时按权重加权平均"
        actions={<PeriodPicker periods={periods} value={period?.id} onChange={(id) => select(id)} />}
      />
      <Segmented<ImportMethod>
        value={method}
        onChange={setMethod}
        options={methods.map((m) => ({ value: m, label: scoringMethodLabels[m] }))}
        style={{ marginBottom: 16 }}
      />
      {!period ? (
        <Card>
          <Empty description="本方案还没有考评周期" />
        </Card>
      ) : (
        <MethodValues key={`${period.id}:${method}`} periodId={period.id} periodName={period.name} periodState={period.state} allowedActions={period.allowedActions} method={method} />
      )}
    </>
  );
}

function MethodValues({
  periodId,
  periodName,
  periodState,
  allowedActions,
  method,
}: {
  periodId: string;
  periodName: string;
  periodState: PeriodState;
  allowedActions: readonly PeriodAction[];
  method: ImportMethod;
}) {
  const { message } = App.useApp();
  const showError = useShowError();
  const canImport = useSession().can('TASK_FORCE');
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: sourceValuesQuery,
    variables: { periodId, method },
    context: useMemo(() => ({ additionalTypenames: ['SourceValue'] }), []),
  });
  const [previewState, runImport] = useMutation(importSourceValuesMutation);
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const open = allowedActions.includes('IMPORT_SOURCES');
  const label = scoringMethodLabels[method];
  const current = useMemo(() => sortValues(data?.sourceValues ?? []), [data]);
  const preview = file ? previewState.data?.importSourceValues : undefined;

  const choose = async (f: File) => {
    if (!/\.(xlsx|csv)$/i.test(f.name)) {
      void message.error('请上传 .xlsx 或 .csv 文件');
      return;
    }
    if (f.size > 10 * 1024 * 1024) {
      void message.error('文件超过 10MB');
      return;
    }
    setFile(f);
    const r = await runImport({ input: { periodId, method, file: f, dryRun: true } });
    if (r.error) showError(r.error);
  };

  const confirm = async () => {
    if (!file) return;
    setConfirming(true);
    const r = await runImport({ input: { periodId, method, file, dryRun: false } }, { additionalTypenames: ['SourceValue'] });
    setConfirming(false);
    if (r.error) {
      showError(r.error);
      return;
    }
    const result = r.data?.importSourceValues;
    if (result?.written) {
      void message.success(`已导入${label}数据 ${result.values.length} 条`);
      setFile(null);
      reload();
    }
  };

  return (
    <Flex vertical gap={16}>
      {canImport && (
        <Card size="small" title={`导入${label}数据`}>
          {!open ? (
            <Alert
              type="info"
              showIcon
              title={`${periodName}处于“${periodStateLabels[periodState]}”阶段,不能导入`}
              description="只有填报和审核阶段可以导入民意调查和第三方评估数据。"
            />
          ) : (
            <Flex vertical gap={12}>
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                disabled={previewState.fetching}
                beforeUpload={(f) => {
                  void choose(f);
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon">{file ? <FileExcelOutlined /> : <InboxOutlined />}</p>
                <p className="ant-upload-text">{file ? `已选择:${file.name}(点击或拖入其他文件可重新选择)` : `点击或将${label}结果表拖到这里`}</p>
                <p className="ant-upload-hint">
                  .xlsx 或 .csv,列为“考评对象、来源、分值(0–100)、权重(可选,默认 1)”;上传后先预览,确认后才写入,并替换本周期已有的{label}数据
                </p>
              </Upload.Dragger>
              {previewState.fetching && !confirming && (
                <Flex justify="center" style={{ padding: 24 }}>
                  <Spin tip="正在检查文件…">
                    <div style={{ width: 160, height: 32 }} />
                  </Spin>
                </Flex>
              )}
              {preview && !previewState.fetching && (
                <Flex vertical gap={12} data-testid="source-preview">
                  <Flex gap={8} align="center" wrap="wrap">
                    <Typography.Text>
                      解析出 <b>{preview.values.length}</b> 条分值
                    </Typography.Text>
                    {preview.errors.length > 0 ? <Tag color="red">{preview.errors.length} 处问题</Tag> : <Tag color="green">未发现问题</Tag>}
                    <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
                      <Button onClick={() => setFile(null)}>取消</Button>
                      <Button type="primary" disabled={preview.errors.length > 0 || preview.values.length === 0} loading={confirming} onClick={() => void confirm()}>
                        确认导入{current.length > 0 ? `(替换现有 ${current.length} 条)` : ''}
                      </Button>
                    </Flex>
                  </Flex>
                  {preview.errors.length > 0 && (
                    <>
                      <Alert type="error" showIcon title="文件有误,不能导入" description="请按下表改正后重新上传;全部无误才会写入。" />
                      <SheetErrorsTable errors={preview.errors} />
                    </>
                  )}
                  {preview.values.length > 0 && (
                    <Table<ValueRow>
                      size="small"
                      rowKey={(v) => `${v.evaluatee.id}:${v.source}`}
                      columns={valueColumns}
                      dataSource={sortValues(preview.values)}
                      pagination={preview.values.length > 20 ? { pageSize: 20, size: 'small' } : false}
                      title={() => '预览(尚未写入)'}
                    />
                  )}
                </Flex>
              )}
            </Flex>
          )}
        </Card>
      )}
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            {periodName}现有{label}数据
            <PeriodStateTag state={periodState} />
          </Flex>
        }
      >
        {!data && fetching ? (
          <PageLoading rows={4} />
        ) : error && !data ? (
          <QueryError error={error} onRetry={reload} />
        ) : (
          <Table<ValueRow>
            size="small"
            rowKey="id"
            columns={valueColumns}
            dataSource={current}
            pagination={current.length > 30 ? { pageSize: 30, size: 'small' } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`本周期尚未导入${label}数据;排名中该项显示为“—”,权重按比例分给其他各项`} /> }}
          />
        )}
      </Card>
    </Flex>
  );
}
