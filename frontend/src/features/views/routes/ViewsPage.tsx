import { CopyOutlined, DeleteOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, Modal, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { downloadFile } from '../../../lib/download';
import { describeError } from '../../../lib/errors';
import { useShowError } from '../../../lib/useShowError';
import type { AggregateGrouping, AggregateMeasure, Role, ViewChart as Chart, ViewSpecInput } from '../../../gql/graphql';
import { chartNames, formatValue, groupingNames, measureNames } from '../catalogue';
import { useViewsT } from '../messages';
import { aggregateQuery, deleteViewMutation, duplicateViewMutation, savedViewsQuery, saveViewMutation } from '../documents';
import { buildPivot, byChange, change, type PivotLine } from '../pivot';

const ViewChart = lazy(() => import('../charts/ViewChart'));

const defaultSpec: ViewSpecInput = { measures: ['RATE_MEAN', 'SCORE_COUNT'], rows: ['LEAD_UNIT'], columns: [], filters: [], chart: 'BAR' };

/** The view in the page's URL (?spec=…), so a link opens it. */
function readSpec(params: URLSearchParams): ViewSpecInput | null {
  const raw = params.get('spec');
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as ViewSpecInput;
    return Array.isArray(s.measures) && Array.isArray(s.rows) ? { ...s, columns: s.columns ?? [], filters: s.filters ?? [] } : null;
  } catch {
    return null;
  }
}

// Built during render, so the names follow the language.
const measureOptions = () => (Object.keys(measureNames) as AggregateMeasure[]).map((m) => ({ value: m, label: measureNames[m] }));
const groupingOptions = () => (Object.keys(groupingNames) as AggregateGrouping[]).map((g) => ({ value: g, label: groupingNames[g] }));
const shareOptions = (t: ReturnType<typeof useViewsT>): { value: Role; label: string }[] => [
  { value: 'LEADER', label: t('leader') },
  { value: 'ANALYST', label: t('analyst') },
  { value: 'TASK_FORCE', label: t('taskForce') },
];

/** 统计分析: build a view over every score, see it as a pivot table or chart, save, share and export it. */
export function ViewsPage() {
  const { message } = App.useApp();
  const t = useViewsT();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const spec = readSpec(params) ?? defaultSpec;
  const viewId = params.get('view');
  const [mode, setMode] = useState<'table' | 'chart'>('table');
  const [saving, setSaving] = useState<null | 'new' | 'edit'>(null);
  const [form] = Form.useForm<{ name: string; description: string; sharedWith: Role[] }>();

  const [{ data: viewsData }, refetchViews] = useQuery({ query: savedViewsQuery });
  const views = viewsData?.savedViews ?? [];
  const current = views.find((v) => v.id === viewId);
  const [{ data, fetching, error }] = useQuery({ query: aggregateQuery, variables: { spec }, pause: spec.measures.length === 0 });
  const [, save] = useMutation(saveViewMutation);
  const [, duplicate] = useMutation(duplicateViewMutation);
  const [, remove] = useMutation(deleteViewMutation);

  const setSpec = (next: Partial<ViewSpecInput>, id: string | null = viewId) => {
    const p = new URLSearchParams();
    p.set('spec', JSON.stringify({ ...spec, ...next }));
    if (id) p.set('view', id);
    setParams(p);
  };
  const open = (id: string) => {
    const v = views.find((x) => x.id === id);
    if (!v) return;
    const s = v.spec;
    const next: ViewSpecInput = { measures: s.measures, rows: s.rows, columns: s.columns, filters: s.filters.map((f) => ({ grouping: f.grouping, values: f.values })), chart: s.chart ?? 'BAR' };
    if (s.compare) next.compare = true;
    for (const k of ['scoreMin', 'scoreMax', 'rateMin', 'rateMax'] as const) if (s[k] != null) next[k] = s[k];
    const p = new URLSearchParams();
    p.set('spec', JSON.stringify(next));
    p.set('view', id);
    setParams(p);
  };

  const answer = data?.aggregate;
  const pivot = useMemo(() => (answer ? buildPivot(answer.rows, spec.rows, spec.columns ?? []) : null), [answer, spec.rows, spec.columns]);
  const compare = !!spec.compare && (pivot?.columns.length ?? 0) >= 2;
  const lines = pivot ? (compare ? byChange(pivot.lines, pivot.columns) : pivot.lines) : [];
  const measures = spec.measures;
  const liveMark = answer?.live ? (answer.published ? t('liveAndPublished') : t('liveOnly')) : undefined;

  const columns: ColumnsType<PivotLine> = useMemo(() => {
    if (!pivot) return [];
    const cols: ColumnsType<PivotLine> = spec.rows.map((g, i) => ({
      key: `r${i}`,
      title: groupingNames[g],
      fixed: 'left' as const,
      width: 180,
      render: (_: unknown, l: PivotLine) => (
        <Space size={4}>
          <span data-i18n="data">{l.labels[i]}</span>
          {i === spec.rows.length - 1 && l.live && <Tag color="orange">{t('live')}</Tag>}
        </Space>
      ),
    }));
    const figures = (values: readonly (string | null)[] | null | undefined) => measures.map((m, i) => formatValue(m, values?.[i]));
    const cell = (values: readonly (string | null)[] | null | undefined) =>
      measures.length === 1 ? figures(values)[0] : <span style={{ whiteSpace: 'pre' }}>{figures(values).map((f, i) => `${measureNames[measures[i]!]} ${f}`).join('\n')}</span>;
    for (const c of pivot.columns.length > 0 ? pivot.columns : []) {
      cols.push({ key: `c${c.key}`, title: c.labels.join(' / '), align: 'right', render: (_: unknown, l: PivotLine) => cell(l.cells.get(c.key)) });
    }
    if (pivot.columns.length === 0) {
      measures.forEach((m, i) => cols.push({ key: `m${m}`, title: measureNames[m], align: 'right', render: (_: unknown, l: PivotLine) => formatValue(m, l.total?.[i]) }));
    } else {
      cols.push({ key: 'total', title: t('total'), align: 'right', render: (_: unknown, l: PivotLine) => <Typography.Text strong>{cell(l.total)}</Typography.Text> });
      if (compare) {
        cols.push({ key: 'change', title: t('change'), align: 'right', render: (_: unknown, l: PivotLine) => { const d = change(l, pivot.columns); return d === null ? '–' : `${d > 0 ? '▲' : d < 0 ? '▼' : ''}${formatValue(measures[0]!, String(Math.abs(d)))}`; } });
      }
    }
    return cols;
  }, [pivot, spec.rows, measures, compare, t]);

  const exportHref = (format: 'xlsx' | 'csv') => `/files/view.${format}?${new URLSearchParams({ spec: JSON.stringify(spec), title: current?.name ?? t('defaultTitle') }).toString()}`;
  const doExport = async (format: 'xlsx' | 'csv') => {
    try {
      await downloadFile(exportHref(format), `统计视图.${format}`);
    } catch (e) {
      showError(e);
    }
  };

  const submitSave = async () => {
    const values = await form.validateFields();
    const input = { ...values, spec, ...(saving === 'edit' && current ? { id: current.id, version: current.version } : {}) };
    const res = await save({ input });
    if (res.error) return showError(res.error, { form, onConflict: () => refetchViews({ requestPolicy: 'network-only' }) });
    setSaving(null);
    void message.success(t('saved'));
    refetchViews({ requestPolicy: 'network-only' });
    const saved = res.data?.saveView;
    if (saved) setSpec({}, saved.id);
  };

  const emptyWithFilters = answer && answer.rows.every((r) => r.values.every((v) => v === null || v === '0')) && (spec.filters?.length ?? 0) > 0;

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={t('hint')}
        actions={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void doExport('xlsx')}>{t('exportXlsx')}</Button>
            <Button icon={<DownloadOutlined />} onClick={() => void doExport('csv')}>{t('exportCsv')}</Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap="wrap" align="center">
          <Select
            aria-label={t('openView')}
            placeholder={t('openSaved')}
            labelRender={(o) => <span data-i18n="data">{o.label}</span>}
            style={{ minWidth: 260, flex: '1 1 260px' }}
            value={current?.id}
            onChange={open}
            options={[
              { label: t('builtin'), options: views.filter((v) => v.builtin).map((v) => ({ value: v.id, label: v.name })) },
              { label: t('mine'), options: views.filter((v) => v.mine).map((v) => ({ value: v.id, label: v.name })) },
              { label: t('shared'), options: views.filter((v) => !v.builtin && !v.mine).map((v) => ({ value: v.id, label: `${v.name}(${v.ownerName})` })) },
            ]}
          />
          <Button type="primary" icon={<SaveOutlined />} onClick={() => { form.setFieldsValue({ name: '', description: '', sharedWith: [] }); setSaving('new'); }}>{t('saveAsNew')}</Button>
          {current?.mine && <Button onClick={() => { form.setFieldsValue({ name: current.name, description: current.description, sharedWith: current.sharedWith }); setSaving('edit'); }}>{t('saveChanges')}</Button>}
          {current && (
            <Button icon={<CopyOutlined />} onClick={async () => { const r = await duplicate({ id: current.id }); if (r.error) return showError(r.error); refetchViews({ requestPolicy: 'network-only' }); void message.success(t('duplicated')); if (r.data) setSpec({}, r.data.duplicateView.id); }}>{t('duplicate')}</Button>
          )}
          {current?.mine && (
            <Popconfirm title={t('deleteTitle')} okText={t('delete')} cancelText={t('cancel')} onConfirm={async () => { const r = await remove({ id: current.id, version: current.version }); if (r.error) return showError(r.error); refetchViews({ requestPolicy: 'network-only' }); setSpec({}, null); void message.success(t('deleted')); }}>
              <Button danger icon={<DeleteOutlined />}>{t('delete')}</Button>
            </Popconfirm>
          )}
        </Flex>
        {current?.description && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{current.description}</Typography.Paragraph>}
        {current && current.problems.length > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={t('stale')} description={<span data-i18n="data">{current.problems.join(';')}</span>} />}
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 8]}>
          <Col xs={24} md={12} xl={6}>
            <Typography.Text type="secondary">{t('measures')}</Typography.Text>
            <Select aria-label={t('measures')} mode="multiple" style={{ width: '100%' }} value={spec.measures} options={measureOptions()} onChange={(v: AggregateMeasure[]) => setSpec({ measures: v })} maxCount={8} />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Typography.Text type="secondary">{t('rows')}</Typography.Text>
            <Select aria-label={t('rows')} mode="multiple" style={{ width: '100%' }} value={spec.rows} options={groupingOptions()} onChange={(v: AggregateGrouping[]) => setSpec({ rows: v })} />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Typography.Text type="secondary">{t('columns')}</Typography.Text>
            <Select aria-label={t('columns')} mode="multiple" style={{ width: '100%' }} value={spec.columns ?? []} options={groupingOptions()} onChange={(v: AggregateGrouping[]) => setSpec({ columns: v })} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Typography.Text type="secondary">{t('filterHint')}</Typography.Text>
            <Space.Compact style={{ width: '100%' }}>
              <Select aria-label={t('filterGrouping')} style={{ width: 130 }} value={spec.filters?.[0]?.grouping ?? 'PERIOD'} options={groupingOptions()}
                onChange={(g: AggregateGrouping) => setSpec({ filters: spec.filters?.[0] ? [{ grouping: g, values: spec.filters[0].values }] : [] })} />
              <Select aria-label={t('filterValues')} mode="tags" style={{ flex: 1 }} placeholder={t('all')} value={spec.filters?.[0]?.values ?? []} tokenSeparators={[',', ',']}
                onChange={(vals: string[]) => setSpec({ filters: vals.length ? [{ grouping: spec.filters?.[0]?.grouping ?? 'PERIOD', values: vals }] : [] })} />
            </Space.Compact>
          </Col>
        </Row>
      </Card>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error.graphQLErrors[0] ? describeError(error).message : t('failed')} />}
      {emptyWithFilters && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('noMatch')} />}
      <Card
        size="small"
        title={
          <Space wrap>
            <Segmented value={mode} onChange={(v) => setMode(v as 'table' | 'chart')} options={[{ value: 'table', label: t('table') }, { value: 'chart', label: t('chart') }]} />
            {mode === 'chart' && <Segmented aria-label={t('chartType')} value={spec.chart ?? 'BAR'} onChange={(v) => setSpec({ chart: v as Chart })} options={(Object.keys(chartNames) as Chart[]).map((c) => ({ value: c, label: chartNames[c] }))} />}
            <Checkbox checked={!!spec.compare} onChange={(e) => setSpec({ compare: e.target.checked })}>{t('compare')}</Checkbox>
            {answer?.live && <Tag color="orange">{liveMark}</Tag>}
            {answer?.published && <Tag color="blue">{t('published')}</Tag>}
          </Space>
        }
      >
        {!pivot && !fetching && <Empty description={t('pickMeasure')} />}
        {pivot && mode === 'table' && (
          <Table<PivotLine>
            size="small"
            rowKey="key"
            loading={fetching}
            columns={columns}
            dataSource={lines}
            scroll={{ x: 'max-content' }}
            pagination={lines.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            summary={() =>
              pivot.grandTotal ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    {spec.rows.map((_, i) => <Table.Summary.Cell key={i} index={i}>{i === 0 ? <Typography.Text strong>{t('total')}</Typography.Text> : null}</Table.Summary.Cell>)}
                    {(pivot.columns.length > 0 ? pivot.columns.map((c) => pivot.columnTotals.get(c.key)) : measures.map(() => pivot.grandTotal)).map((vals, j) => (
                      <Table.Summary.Cell key={`t${j}`} index={spec.rows.length + j} align="right">
                        {pivot.columns.length > 0 ? measures.map((m, i) => formatValue(m, vals?.[i])).join(' · ') : formatValue(measures[j]!, vals?.[j])}
                      </Table.Summary.Cell>
                    ))}
                    {pivot.columns.length > 0 && <Table.Summary.Cell index={99} align="right"><Typography.Text strong>{measures.map((m, i) => formatValue(m, pivot.grandTotal?.[i])).join(' · ')}</Typography.Text></Table.Summary.Cell>}
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        )}
        {pivot && mode === 'chart' && (
          <Suspense fallback={<Empty description={t('chartLoading')} />}>
            <ViewChart pivot={{ ...pivot, lines }} measures={measures} chart={spec.chart ?? 'BAR'} mark={liveMark} />
          </Suspense>
        )}
      </Card>
      <Modal title={saving === 'edit' ? t('saveChanges') : t('saveAsNew')} open={saving !== null} onOk={() => void submitSave()} onCancel={() => setSaving(null)} okText={t('save')} cancelText={t('cancel')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('nameRequired') }, { max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="sharedWith" label={t('sharedWith')}>
            <Checkbox.Group options={shareOptions(t)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
