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
import { useSourcesT } from '../messages';

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

/** The value columns, in the current language (call during render). */
const valueColumns = (t: ReturnType<typeof useSourcesT>): TableColumnsType<ValueRow> => [
  {
    title: t('evaluatee'),
    key: 'evaluatee',
    render: (_, v) => (
      <Typography.Text strong data-i18n="data">
        {v.evaluatee.unit.name}
      </Typography.Text>
    ),
  },
  { title: t('group'), key: 'group', width: 110, responsive: ['sm'], render: (_, v) => rankingGroupLabels[v.evaluatee.group] },
  { title: t('source'), dataIndex: 'source', width: 200, render: (s: string) => <span data-i18n="data">{s}</span> },
  { title: t('value'), dataIndex: 'value', width: 90, align: 'right', render: (v: string) => formatDecimal(v) },
  { title: t('weight'), dataIndex: 'weight', width: 80, align: 'right', render: (v: string) => formatDecimal(v) },
];

function sortValues<T extends ValueRow>(rows: readonly T[]): T[] {
  const g = (r: ValueRow) => (r.evaluatee.group === 'DISTRICTS' ? 0 : 1);
  return [...rows].sort((a, b) => g(a) - g(b) || a.evaluatee.unit.sortKey - b.evaluatee.unit.sortKey || a.source.localeCompare(b.source, 'zh'));
}

/** `/plans/:planId/sources`: 民意调查 and 第三方评估 values per period, and their import. */
export function SourcesPage() {
  const { planId = '' } = useParams();
  const { can } = useSession();
  const t = useSourcesT();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const [method, setMethod] = useState<ImportMethod>('PUBLIC_OPINION');

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST')) return <Result status="403" title={t('noAccess')} />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={t('hint')}
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
          <Empty description={t('noPeriods')} />
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
  const t = useSourcesT();
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
      void message.error(t('wrongType'));
      return;
    }
    if (f.size > 10 * 1024 * 1024) {
      void message.error(t('tooLarge'));
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
      void message.success(t('imported', { label, count: result.values.length }));
      setFile(null);
      reload();
    }
  };

  return (
    <Flex vertical gap={16}>
      {canImport && (
        <Card size="small" title={t('importTitle', { label })}>
          {!open ? (
            <Alert
              type="info"
              showIcon
              title={
                <>
                  <span data-i18n="data">{periodName}</span>
                  {t('lockedTitle', { state: periodStateLabels[periodState] })}
                </>
              }
              description={t('lockedHint')}
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
                <p className="ant-upload-text">{file ? (
                    <>
                      {t('chosen')}
                      <span data-i18n="data">{file.name}</span>
                      {t('chooseAgain')}
                    </>
                  ) : (
                    t('drop', { label })
                  )}</p>
                <p className="ant-upload-hint">
                  {t('format', { label })}
                </p>
              </Upload.Dragger>
              {previewState.fetching && !confirming && (
                <Flex justify="center" style={{ padding: 24 }}>
                  <Spin tip={t('checking')}>
                    <div style={{ width: 160, height: 32 }} />
                  </Spin>
                </Flex>
              )}
              {preview && !previewState.fetching && (
                <Flex vertical gap={12} data-testid="source-preview">
                  <Flex gap={8} align="center" wrap="wrap">
                    <Typography.Text>
                      {t('parsed')}
                      <b>{preview.values.length}</b>
                      {t('parsedEnd')}
                    </Typography.Text>
                    {preview.errors.length > 0 ? <Tag color="red">{t('problems', { count: preview.errors.length })}</Tag> : <Tag color="green">{t('noProblems')}</Tag>}
                    <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
                      <Button onClick={() => setFile(null)}>{t('cancel')}</Button>
                      <Button type="primary" disabled={preview.errors.length > 0 || preview.values.length === 0} loading={confirming} onClick={() => void confirm()}>
                        {t('confirm')}
                        {current.length > 0 ? t('replace', { count: current.length }) : ''}
                      </Button>
                    </Flex>
                  </Flex>
                  {preview.errors.length > 0 && (
                    <>
                      <Alert type="error" showIcon title={t('badFile')} description={t('badFileHint')} />
                      <SheetErrorsTable errors={preview.errors} />
                    </>
                  )}
                  {preview.values.length > 0 && (
                    <Table<ValueRow>
                      size="small"
                      rowKey={(v) => `${v.evaluatee.id}:${v.source}`}
                      columns={valueColumns(t)}
                      dataSource={sortValues(preview.values)}
                      pagination={preview.values.length > 20 ? { pageSize: 20, size: 'small' } : false}
                      title={() => t('preview')}
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
            <span data-i18n="data">{periodName}</span>
            {t('current', { label })}
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
            columns={valueColumns(t)}
            dataSource={current}
            pagination={current.length > 30 ? { pageSize: 30, size: 'small' } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty', { label })} /> }}
          />
        )}
      </Card>
    </Flex>
  );
}
