import { CopyOutlined, DeleteOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, Modal, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { downloadFile } from '../../../lib/download';
import { useShowError } from '../../../lib/useShowError';
import type { AggregateGrouping, AggregateMeasure, Role, ViewChart as Chart, ViewSpecInput } from '../../../gql/graphql';
import { chartNames, formatValue, groupingNames, measureNames } from '../catalogue';
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

const measureOptions = (Object.keys(measureNames) as AggregateMeasure[]).map((m) => ({ value: m, label: measureNames[m] }));
const groupingOptions = (Object.keys(groupingNames) as AggregateGrouping[]).map((g) => ({ value: g, label: groupingNames[g] }));
const shareOptions: { value: Role; label: string }[] = [
  { value: 'LEADER', label: '领导' },
  { value: 'ANALYST', label: '分析员' },
  { value: 'TASK_FORCE', label: '专班' },
];

/** 统计分析: build a view over every score, see it as a pivot table or chart, save, share and export it. */
export function ViewsPage() {
  const { message } = App.useApp();
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
  const liveMark = answer?.live ? (answer.published ? '含实时数据(未公示周期)' : '实时数据·未公示') : undefined;

  const columns: ColumnsType<PivotLine> = useMemo(() => {
    if (!pivot) return [];
    const cols: ColumnsType<PivotLine> = spec.rows.map((g, i) => ({
      key: `r${i}`,
      title: groupingNames[g],
      fixed: 'left' as const,
      width: 180,
      render: (_: unknown, l: PivotLine) => (
        <Space size={4}>
          <span>{l.labels[i]}</span>
          {i === spec.rows.length - 1 && l.live && <Tag color="orange">实时</Tag>}
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
      cols.push({ key: 'total', title: '合计', align: 'right', render: (_: unknown, l: PivotLine) => <Typography.Text strong>{cell(l.total)}</Typography.Text> });
      if (compare) {
        cols.push({ key: 'change', title: '变化', align: 'right', render: (_: unknown, l: PivotLine) => { const d = change(l, pivot.columns); return d === null ? '–' : `${d > 0 ? '▲' : d < 0 ? '▼' : ''}${formatValue(measures[0]!, String(Math.abs(d)))}`; } });
      }
    }
    return cols;
  }, [pivot, spec.rows, measures, compare]);

  const exportHref = (format: 'xlsx' | 'csv') => `/files/view.${format}?${new URLSearchParams({ spec: JSON.stringify(spec), title: current?.name ?? '统计视图' }).toString()}`;
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
    void message.success('视图已保存');
    refetchViews({ requestPolicy: 'network-only' });
    const saved = res.data?.saveView;
    if (saved) setSpec({}, saved.id);
  };

  const emptyWithFilters = answer && answer.rows.every((r) => r.values.every((v) => v === null || v === '0')) && (spec.filters?.length ?? 0) > 0;

  return (
    <>
      <PageTitle
        title="统计分析"
        hint="选择度量、行和列的分组与筛选条件,以透视表或图表查看;已公示的周期取公示时冻结的结果,其余为实时数据并加以标注。"
        actions={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void doExport('xlsx')}>导出 Excel</Button>
            <Button icon={<DownloadOutlined />} onClick={() => void doExport('csv')}>导出 CSV</Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap="wrap" align="center">
          <Select
            aria-label="打开视图"
            placeholder="打开已保存的视图"
            style={{ minWidth: 260, flex: '1 1 260px' }}
            value={current?.id}
            onChange={open}
            options={[
              { label: '内置视图', options: views.filter((v) => v.builtin).map((v) => ({ value: v.id, label: v.name })) },
              { label: '我的视图', options: views.filter((v) => v.mine).map((v) => ({ value: v.id, label: v.name })) },
              { label: '共享给我的', options: views.filter((v) => !v.builtin && !v.mine).map((v) => ({ value: v.id, label: `${v.name}(${v.ownerName})` })) },
            ]}
          />
          <Button type="primary" icon={<SaveOutlined />} onClick={() => { form.setFieldsValue({ name: '', description: '', sharedWith: [] }); setSaving('new'); }}>另存为新视图</Button>
          {current?.mine && <Button onClick={() => { form.setFieldsValue({ name: current.name, description: current.description, sharedWith: current.sharedWith }); setSaving('edit'); }}>保存修改</Button>}
          {current && (
            <Button icon={<CopyOutlined />} onClick={async () => { const r = await duplicate({ id: current.id }); if (r.error) return showError(r.error); refetchViews({ requestPolicy: 'network-only' }); void message.success('已复制为我的视图'); if (r.data) setSpec({}, r.data.duplicateView.id); }}>复制</Button>
          )}
          {current?.mine && (
            <Popconfirm title="删除这个视图?" okText="删除" cancelText="取消" onConfirm={async () => { const r = await remove({ id: current.id, version: current.version }); if (r.error) return showError(r.error); refetchViews({ requestPolicy: 'network-only' }); setSpec({}, null); void message.success('视图已删除'); }}>
              <Button danger icon={<DeleteOutlined />}>删除</Button>
            </Popconfirm>
          )}
        </Flex>
        {current?.description && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{current.description}</Typography.Paragraph>}
        {current && current.problems.length > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon message="视图中有已不存在的内容" description={current.problems.join(';')} />}
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[12, 8]}>
          <Col xs={24} md={12} xl={6}>
            <Typography.Text type="secondary">度量</Typography.Text>
            <Select aria-label="度量" mode="multiple" style={{ width: '100%' }} value={spec.measures} options={measureOptions} onChange={(v: AggregateMeasure[]) => setSpec({ measures: v })} maxCount={8} />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Typography.Text type="secondary">行</Typography.Text>
            <Select aria-label="行" mode="multiple" style={{ width: '100%' }} value={spec.rows} options={groupingOptions} onChange={(v: AggregateGrouping[]) => setSpec({ rows: v })} />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Typography.Text type="secondary">列</Typography.Text>
            <Select aria-label="列" mode="multiple" style={{ width: '100%' }} value={spec.columns ?? []} options={groupingOptions} onChange={(v: AggregateGrouping[]) => setSpec({ columns: v })} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Typography.Text type="secondary">筛选(分组 = 编号或名称,可多个)</Typography.Text>
            <Space.Compact style={{ width: '100%' }}>
              <Select aria-label="筛选分组" style={{ width: 130 }} value={spec.filters?.[0]?.grouping ?? 'PERIOD'} options={groupingOptions}
                onChange={(g: AggregateGrouping) => setSpec({ filters: spec.filters?.[0] ? [{ grouping: g, values: spec.filters[0].values }] : [] })} />
              <Select aria-label="筛选值" mode="tags" style={{ flex: 1 }} placeholder="全部" value={spec.filters?.[0]?.values ?? []} tokenSeparators={[',', ',']}
                onChange={(vals: string[]) => setSpec({ filters: vals.length ? [{ grouping: spec.filters?.[0]?.grouping ?? 'PERIOD', values: vals }] : [] })} />
            </Space.Compact>
          </Col>
        </Row>
      </Card>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error.graphQLErrors[0]?.message ?? '统计失败,请重试'} />}
      {emptyWithFilters && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="没有符合筛选条件的评分;筛选条件可能引用了已删除或改名的对象。" />}
      <Card
        size="small"
        title={
          <Space wrap>
            <Segmented value={mode} onChange={(v) => setMode(v as 'table' | 'chart')} options={[{ value: 'table', label: '透视表' }, { value: 'chart', label: '图表' }]} />
            {mode === 'chart' && <Segmented aria-label="图表类型" value={spec.chart ?? 'BAR'} onChange={(v) => setSpec({ chart: v as Chart })} options={(Object.keys(chartNames) as Chart[]).map((c) => ({ value: c, label: chartNames[c] }))} />}
            <Checkbox checked={!!spec.compare} onChange={(e) => setSpec({ compare: e.target.checked })}>比较首末两列</Checkbox>
            {answer?.live && <Tag color="orange">{liveMark}</Tag>}
            {answer?.published && <Tag color="blue">含公布结果</Tag>}
          </Space>
        }
      >
        {!pivot && !fetching && <Empty description="请选择至少一个度量" />}
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
                    {spec.rows.map((_, i) => <Table.Summary.Cell key={i} index={i}>{i === 0 ? <Typography.Text strong>合计</Typography.Text> : null}</Table.Summary.Cell>)}
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
          <Suspense fallback={<Empty description="图表加载中" />}>
            <ViewChart pivot={{ ...pivot, lines }} measures={measures} chart={spec.chart ?? 'BAR'} mark={liveMark} />
          </Suspense>
        )}
      </Card>
      <Modal title={saving === 'edit' ? '保存修改' : '另存为新视图'} open={saving !== null} onOk={() => void submitSave()} onCancel={() => setSaving(null)} okText="保存" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写视图名称' }, { max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label="说明">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="sharedWith" label="共享给">
            <Checkbox.Group options={shareOptions} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
