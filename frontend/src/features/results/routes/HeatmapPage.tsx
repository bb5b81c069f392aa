import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Result, Select, Skeleton, Tabs, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, PreviewTag, usePlanPeriod } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { RankingGroup } from '../../../gql/graphql';
import { rankingGroupLabels, rankingGroups } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import type { HeatmapRow } from '../charts/HeatmapChart';
import { rankingContext, rankingQuery, resultsPlanQuery } from '../documents';
import { dimensionLabel, ratePercent } from '../explain';
import { useResultsT } from '../messages';
import { ExportXlsxButton } from '../components/ExportXlsxButton';
import { MalformedRows } from '../components/MalformedRows';
import { NO_ROWS, readRankingRows } from '../rankingRows';

const HeatmapChart = lazy(() => import('../charts/HeatmapChart'));

const BY_RANK = 'rank';

/** `/plans/:planId/heatmap?period=&group=&sort=`: a group × dimensions grid of rates; a cell opens that unit at that dimension. */
export function HeatmapPage() {
  const { planId = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { can } = useSession();
  const t = useResultsT();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);
  const group: RankingGroup = params.get('group') === 'DEPARTMENTS' ? 'DEPARTMENTS' : 'DISTRICTS';
  const sort = params.get('sort') ?? BY_RANK;
  const setParam = useCallback(
    (key: string, value: string) =>
      setParams(
        (prev) => {
          const q = new URLSearchParams(prev);
          q.set(key, value);
          return q;
        },
        { replace: true },
      ),
    [setParams],
  );
  const [{ data, fetching: loading, error: rankingError }, reexecute] = useQuery({
    query: rankingQuery,
    variables: { periodId: period?.id ?? '', group },
    context: useMemo(() => rankingContext, []),
    pause: !period,
  });
  const decoded = useMemo(() => (data ? readRankingRows(data.ranking.rowsJson) : NO_ROWS), [data]);
  const [planData] = useQuery({ query: resultsPlanQuery, variables: { planId } });
  const dims = useMemo(() => [...(planData.data?.plan?.dimensions ?? [])].sort((a, b) => a.number - b.number), [planData.data]);
  const columns = useMemo(() => dims.map((d) => ({ id: d.id, name: dimensionLabel(d.number, d.name) })), [dims]);
  const rows = useMemo<HeatmapRow[]>(() => {
    const base = decoded.rows
      .filter((r) => r.score != null)
      .map((r) => ({
        evaluateeId: r.evaluatee.id,
        name: `${r.rank}. ${r.evaluatee.unit.name}`,
        rank: r.rank,
        rates: dims.map((d) => {
          const x = r.dimensions.find((y) => y.dimensionId === d.id);
          return x ? ratePercent(x.score, x.points) : null;
        }),
      }));
    const k = dims.findIndex((d) => d.id === sort);
    if (k >= 0) base.sort((a, b) => (b.rates[k] ?? -1) - (a.rates[k] ?? -1) || a.rank - b.rank);
    return base;
  }, [decoded, dims, sort]);
  const open = useCallback(
    (evaluateeId: string, dimensionId: string) => navigate(`/plans/${planId}/results/${evaluateeId}?period=${period?.id ?? ''}&dimension=${dimensionId}`),
    [navigate, planId, period],
  );

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST')) return <Result status="403" title={t('heatmapForbidden')} />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;

  const ranking = data?.ranking;
  return (
    <>
      <PageTitle
        title={t('heatmapTitle')}
        hint={t('heatmapHint')}
        actions={
          <>
            <PeriodPicker periods={periods} value={period?.id} onChange={(v) => select(v)} />
            {period && <ExportXlsxButton href={`/files/heatmap.xlsx?periodId=${period.id}&group=${group}`} fileName={`${period.name}-heatmap.xlsx`} testId="export-heatmap" />}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/plans/${planId}/ranking${period ? `?period=${period.id}&group=${group}` : ''}`)}>
              {t('backToRanking')}
            </Button>
          </>
        }
      />
      <Tabs activeKey={group} onChange={(k) => setParam('group', k)} items={rankingGroups.map((g) => ({ key: g, label: rankingGroupLabels[g] }))} style={{ marginBottom: 0 }} />
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            <span data-i18n="data">{period?.name}</span> · {rankingGroupLabels[group]}
            {ranking?.preview && <PreviewTag />}
          </Flex>
        }
        extra={
          <Flex gap={8} align="center">
            <label htmlFor="heatmap-sort">
              <Typography.Text>{t('sortBy')}</Typography.Text>
            </label>
            <Select
              id="heatmap-sort"
              size="small"
              value={dims.some((d) => d.id === sort) ? sort : BY_RANK}
              onChange={(v) => setParam('sort', v)}
              style={{ minWidth: 180 }}
              options={[
                { value: BY_RANK, label: t('sortByRank') },
                ...columns.map((c) => ({ value: c.id, label: <span data-i18n="data">{t('sortByDimension', { name: c.name })}</span> })),
              ]}
              data-testid="heatmap-sort"
            />
          </Flex>
        }
      >
        {rankingError && !data ? (
          <QueryError error={rankingError} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : !data && loading ? (
          <Skeleton active />
        ) : decoded.error ? (
          <MalformedRows error={decoded.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : rows.length === 0 || columns.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('heatmapEmpty')} />
        ) : (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 400 }} />}>
            <HeatmapChart columns={columns} rows={rows} onOpen={open} />
          </Suspense>
        )}
      </Card>
    </>
  );
}
