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
import { currentLocale } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { compareChoicesQuery, compareEvaluateesQuery, resultsPlanQuery } from '../documents';
import { bestAndWorst, compareProblem, MAX_COMPARED, parseIds, type CompareRow } from '../compareView';
import { dimensionLabel, percentText, ratePercent } from '../explain';
import { useResultsT } from '../messages';
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
  const t = useResultsT();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const ids = parseIds(params.get('ids'));
  const [{ data: choices }] = useQuery({ query: compareChoicesQuery, variables: { planId }, pause: !planId });
  const options = useMemo(() => {
    const evs = [...(choices?.evaluatees ?? [])].sort((a, b) => a.unit.sortKey - b.unit.sortKey);
    return (['DISTRICTS', 'DEPARTMENTS'] as const).map((g) => ({
      label: rankingGroupLabels[g],
      title: rankingGroupLabels[g],
      options: evs.filter((e) => e.group === g).map((e) => ({ value: e.id, name: e.unit.name, label: <span data-i18n="data">{e.unit.name}</span> })),
    }));
  }, [choices]);

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST')) return <Result status="403" title={t('compareForbidden')} />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;

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
        title={t('compareTitle')}
        hint={t('compareHintPage', { max: MAX_COMPARED })}
        actions={
          <>
            <PeriodPicker periods={periods} value={period?.id} onChange={(v) => select(v)} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/plans/${planId}/ranking${period ? `?period=${period.id}` : ''}`)}>
              {t('backToRanking')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={8}>
          <label htmlFor="compare-pick">
            <Typography.Text strong>{t('comparePick')}</Typography.Text>
          </label>
          <Select
            id="compare-pick"
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'name' }}
            placeholder={t('comparePlaceholder')}
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
  const t = useResultsT();
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
      indicators.set(i.indicatorId, { key: i.indicatorId, label: `${d ? `${currentLocale() === 'en' ? d.number : chineseNumber(d.number)}.` : ''}${i.number} ${i.name}`, dim: d?.number ?? 0, num: i.number });
    }
  const two = (v: number) => v.toFixed(2);
  const sections: { title: string; rows: CompareRow[] }[] = [
    {
      title: t('sectionTotals'),
      rows: [
        { key: 'score', label: t('rowHalfScore'), values: c.rows.map((r) => (r.score == null ? null : Number(r.score))), format: two },
        { key: 'rank', label: t('rowGroupRank'), values: c.rows.map((r) => r.rank ?? null), lowerIsBetter: true, format: (v) => t('rankNth', { rank: v }) },
        ...componentCells(c.rows[0]?.components ?? [], rule).map((h, k) => ({
          key: h.method,
          label: t('componentWithWeight', { label: h.label, weight: h.weight }),
          values: c.rows.map((r) => {
            const cell = componentCells(r.components, rule)[k]!;
            return cell.missing ? null : Number(cell.text);
          }),
          format: two,
        })),
      ],
    },
    {
      title: t('sectionDimensions'),
      rows: dims.map((d) => ({ key: d.id, label: dimensionLabel(d.number, d.name), data: true, values: c.rows.map((r) => rate(r, d.id)), format: (v) => percentText(v) })),
    },
    {
      title: t('sectionIndicators'),
      rows: [...indicators.values()]
        .sort((a, b) => a.dim - b.dim || a.num - b.num)
        .map((i) => ({
          key: i.key,
          label: i.label,
          data: true,
          values: c.rows.map((r) => {
            const x = r.indicators.find((y) => y.indicatorId === i.key);
            return x?.rate == null ? null : Number(x.rate);
          }),
          format: (v) => percentText(v),
        })),
    },
  ];
  const columns: TableColumnsType<CompareRow> = [
    {
      title: t('colItem'),
      dataIndex: 'label',
      fixed: 'left',
      width: 180,
      render: (l: string, row) => <Typography.Text data-i18n={row.data ? 'data' : undefined}>{l}</Typography.Text>,
    },
    ...c.rows.map((r, k) => ({
      title: (
        <Link to={`/plans/${planId}/results/${r.evaluatee.id}?period=${periodId}`} data-compare-head="" data-i18n="data">
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
            {m.best.has(k) && <span style={srOnly}>{t('bestSr')}</span>}
            {m.worst.has(k) && <span style={srOnly}>{t('worstSr')}</span>}
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
            <span data-i18n="data">{c.period.name}</span> · {t('sectionDimensions')}
            {c.preview && <PreviewTag />}
          </Flex>
        }
        style={{ marginBottom: 16 }}
      >
        {radarDims.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compareNoScores')} />
        ) : (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
            <RadarChart axes={radarDims.map((d) => dimensionLabel(d.number, d.name))} series={c.rows.map((r) => ({ name: r.evaluatee.unit.name, values: radarDims.map((d) => rate(r, d.id)) }))} height={360} />
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
  const t = useResultsT();
  return (
    <Flex gap={8}>
      <Tag style={{ background: token.colorSuccessBg, marginInlineEnd: 0 }}>{t('best')}</Tag>
      <Tag style={{ background: token.colorWarningBg, marginInlineEnd: 0 }}>{t('worst')}</Tag>
    </Flex>
  );
}
