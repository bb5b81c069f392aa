import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Result, Select, Skeleton, Table, Tag, theme, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, PreviewTag, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { MissingComponentRule } from '../../../gql/graphql';
import { chineseNumber, rankingGroupLabels } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { compareChoicesQuery, compareEvaluateesQuery, resultsPlanQuery } from '../documents';
import { bestAndWorst, compareProblem, MAX_COMPARED, parseIds, type CompareRow } from '../compareView';
import { percentText, ratePercent } from '../explain';
import { componentCells } from '../format';

// Read out by screen readers, not shown: the colour says it on screen.
const srOnly = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

const RadarChart = lazy(() => import('../charts/RadarChart'));

/** `/plans/:planId/compare?period=&ids=1,2`: 2–6 evaluatees side by side. */
export function ComparePage() {
  const { planId = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const ids = parseIds(params.get('ids'));
  const [{ data: choices }] = useQuery({ query: compareChoicesQuery, variables: { planId }, pause: !planId });
  const options = useMemo(() => {
    const evs = [...(choices?.evaluatees ?? [])].sort((a, b) => a.unit.sortKey - b.unit.sortKey);
    return (['DISTRICTS', 'DEPARTMENTS'] as const).map((g) => ({
      label: rankingGroupLabels[g],
      title: rankingGroupLabels[g],
      options: evs.filter((e) => e.group === g).map((e) => ({ value: e.id, label: e.unit.name })),
    }));
  }, [choices]);

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST')) return <Result status="403" title="您没有对比考评对象的权限" />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;

  const setIds = (next: string[]) =>
    setParams(
      (prev) => {
        const q = new URLSearchParams(prev);
        q.set('ids', next.join(','));
        return q;
      },
      { replace: true },
    );
  const problem = compareProblem(ids.length);
  return (
    <>
      <PageTitle
        title="对比分析"
        hint={`选择 2–${MAX_COMPARED} 个考评对象(可在排名表中勾选,或在此搜索单位名称),对比四项得分、各方面和各指标得分率;每行最高的标绿,最低的标橙`}
        actions={
          <>
            <PeriodPicker periods={periods} value={period?.id} onChange={(v) => select(v)} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/plans/${planId}/ranking${period ? `?period=${period.id}` : ''}`)}>
              返回排名
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={8}>
          <label htmlFor="compare-pick">
            <Typography.Text strong>对比对象</Typography.Text>
          </label>
          <Select
            id="compare-pick"
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="输入单位名称搜索"
            value={ids}
            onChange={setIds}
            options={options}
            style={{ width: '100%' }}
            data-testid="compare-pick"
          />
          {problem && <Alert type={ids.length > MAX_COMPARED ? 'error' : 'info'} showIcon title={problem} data-testid="compare-problem" />}
        </Flex>
      </Card>
      {!problem && period && <Comparison planId={planId} periodId={period.id} ids={ids} />}
    </>
  );
}

function Comparison({ planId, periodId, ids }: { planId: string; periodId: string; ids: string[] }) {
  const { token } = theme.useToken();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: compareEvaluateesQuery, variables: { periodId, evaluateeIds: ids } });
  const [planData] = useQuery({ query: resultsPlanQuery, variables: { planId } });
  const rule = (planData.data?.plan?.missingComponentRule ?? 'REDISTRIBUTE') as MissingComponentRule;
  if (!data && fetching) return <PageLoading rows={8} />;
  if (error && !data) return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const c = data?.compareEvaluatees;
  if (!c) return null;

  const dims = (planData.data?.plan?.dimensions ?? []).slice().sort((a, b) => a.number - b.number);
  const rate = (r: (typeof c.rows)[number], dimensionId: string) => {
    const d = r.dimensions.find((x) => x.dimensionId === dimensionId);
    return d ? ratePercent(d.score, d.points) : null;
  };
  const indicators = new Map<string, { key: string; label: string; dim: number; num: number }>();
  for (const r of c.rows)
    for (const i of r.indicators) {
      const d = dims.find((x) => x.id === i.dimensionId);
      indicators.set(i.indicatorId, { key: i.indicatorId, label: `${d ? `${chineseNumber(d.number)}.` : ''}${i.number} ${i.name}`, dim: d?.number ?? 0, num: i.number });
    }
  const two = (v: number) => v.toFixed(2);
  const sections: { title: string; rows: CompareRow[] }[] = [
    {
      title: '总分与四项得分',
      rows: [
        { key: 'score', label: '半年得分', values: c.rows.map((r) => (r.score == null ? null : Number(r.score))), format: two },
        { key: 'rank', label: '组内名次', values: c.rows.map((r) => r.rank ?? null), lowerIsBetter: true, format: (v) => `第 ${v} 名` },
        ...componentCells(c.rows[0]?.components ?? [], rule).map((h, k) => ({
          key: h.method,
          label: `${h.label}(${h.weight}%)`,
          values: c.rows.map((r) => {
            const cell = componentCells(r.components, rule)[k]!;
            return cell.missing ? null : Number(cell.text);
          }),
          format: two,
        })),
      ],
    },
    {
      title: '各方面得分率',
      rows: dims.map((d) => ({ key: d.id, label: `${chineseNumber(d.number)}、${d.name}`, values: c.rows.map((r) => rate(r, d.id)), format: (v) => percentText(v) })),
    },
    {
      title: '各指标得分率',
      rows: [...indicators.values()]
        .sort((a, b) => a.dim - b.dim || a.num - b.num)
        .map((i) => ({
          key: i.key,
          label: i.label,
          values: c.rows.map((r) => {
            const x = r.indicators.find((y) => y.indicatorId === i.key);
            return x?.rate == null ? null : Number(x.rate);
          }),
          format: (v) => percentText(v),
        })),
    },
  ];
  const columns: TableColumnsType<CompareRow> = [
    { title: '项目', dataIndex: 'label', fixed: 'left', width: 180, render: (l: string) => <Typography.Text>{l}</Typography.Text> },
    ...c.rows.map((r, k) => ({
      title: (
        <Link to={`/plans/${planId}/results/${r.evaluatee.id}?period=${periodId}`} data-compare-head="">
          {r.evaluatee.unit.name}
        </Link>
      ),
      key: r.evaluatee.id,
      width: 120,
      align: 'right' as const,
      onCell: (row: CompareRow) => {
        const m = bestAndWorst(row);
        const bg = m.best.has(k) ? token.colorSuccessBg : m.worst.has(k) ? token.colorWarningBg : undefined;
        return { style: { background: bg }, 'data-mark': m.best.has(k) ? 'best' : m.worst.has(k) ? 'worst' : '' } as React.TdHTMLAttributes<HTMLTableCellElement>;
      },
      render: (_: unknown, row: CompareRow) => {
        const v = row.values[k];
        const m = bestAndWorst(row);
        if (v == null) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: m.best.has(k) ? 600 : undefined }}>
            {row.format(v)}
            {m.best.has(k) && <span style={srOnly}>(最高)</span>}
            {m.worst.has(k) && <span style={srOnly}>(最低)</span>}
          </span>
        );
      },
    })),
  ];
  const radarDims = dims.filter((d) => c.rows.some((r) => r.dimensions.some((x) => x.dimensionId === d.id)));
  return (
    <>
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            {c.period.name} · 各方面得分率{c.preview && <PreviewTag />}
          </Flex>
        }
        style={{ marginBottom: 16 }}
      >
        {radarDims.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所选单位本周期没有得分" />
        ) : (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
            <RadarChart axes={radarDims.map((d) => `${chineseNumber(d.number)}、${d.name}`)} series={c.rows.map((r) => ({ name: r.evaluatee.unit.name, values: radarDims.map((d) => rate(r, d.id)) }))} height={360} />
          </Suspense>
        )}
      </Card>
      <Flex vertical gap={16} data-testid="compare-table">
        {sections.map((s) => (
          <Card key={s.title} size="small" title={s.title} styles={{ body: { padding: 0 } }} extra={<Legend />}>
            <Table<CompareRow> size="small" rowKey="key" pagination={false} columns={columns} dataSource={s.rows} scroll={{ x: 'max-content' }} />
          </Card>
        ))}
      </Flex>
    </>
  );
}

function Legend() {
  const { token } = theme.useToken();
  return (
    <Flex gap={8}>
      <Tag style={{ background: token.colorSuccessBg, marginInlineEnd: 0 }}>最高</Tag>
      <Tag style={{ background: token.colorWarningBg, marginInlineEnd: 0 }}>最低</Tag>
    </Flex>
  );
}
