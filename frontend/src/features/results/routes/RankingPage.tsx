import { DiffOutlined, HeatMapOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Result, Skeleton, Switch, Table, Tabs, Tag, theme, Tooltip, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, PreviewTag, usePlanPeriod, type PeriodData } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { MissingComponentRule, RankingGroup } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { currentLocale } from '../../../lib/i18n';
import { describeError } from '../../../lib/errors';
import { chineseNumber, dimensionNumberLabel, rankingGroupLabels, rankingGroups } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { ExportXlsxButton } from '../components/ExportXlsxButton';
import { MalformedRows } from '../components/MalformedRows';
import { ResultBanner } from '../components/ResultBanner';
import { WithData } from '../components/WithData';
import { annualRankChangesQuery, annualRankingQuery, rankChangesQuery, rankingContext, rankingQuery, resultsPlanQuery } from '../documents';
import { componentCells, dimensionText, MISSING, scoreText } from '../format';
import { NO_ROWS, readRankingRows, type RankingRowData } from '../rankingRows';
import { defaultRankingView, missingScores, rankChangeText, scoreBars, type RankChangeLike } from '../rankingView';
import { compareProblem, MAX_COMPARED } from '../compareView';
import { useResultsT } from '../messages';

// ECharts is loaded with the chart, only on the pages that draw one.
const ScoreBarChart = lazy(() => import('../charts/ScoreBarChart'));

const ANNUAL = 'annual';

/** `/plans/:planId/ranking`: half-year and annual rankings by group. */
export function RankingPage() {
  const { planId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { can } = useSession();
  const t = useResultsT();
  const { plan, periods, period: selected, select, fetching, error, reload } = usePlanPeriod(planId);
  const group: RankingGroup = params.get('group') === 'DEPARTMENTS' ? 'DEPARTMENTS' : 'DISTRICTS';
  // Without a choice in the URL the page opens on what is published (the
  // year when both halves are), not on the preview of the half in progress.
  const chosen = params.has('period') || params.has('view');
  const opening = defaultRankingView(periods);
  const annual = chosen ? params.get('view') === ANNUAL : opening.annual;
  const period = chosen ? selected : (periods.find((p) => !opening.annual && p.id === opening.periodId) ?? selected);

  const setParam = useCallback(
    (key: string, value: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === null) next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST', 'EVALUATEE_CONTACT')) return <Result status="403" title={t('rankingForbidden')} />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;

  return (
    <>
      <PageTitle
        title={t('rankingTitle')}
        hint={t('rankingHint')}
        actions={
          <>
            {period && !annual && (
              <Link to={`/plans/${planId}/circular?period=${period.id}`}>
                <Button icon={<PrinterOutlined />}>{t('circular')}</Button>
              </Link>
            )}
            <PeriodPicker
            periods={periods}
            value={annual ? ANNUAL : period?.id}
            onChange={(v) => (v === ANNUAL ? setParam('view', ANNUAL) : select(v, { view: null }))}
            extra={[{ value: ANNUAL, label: t('annual') }]}
            />
          </>
        }
      />
      <Tabs
        activeKey={group}
        onChange={(k) => setParam('group', k)}
        items={rankingGroups.map((g) => ({ key: g, label: rankingGroupLabels[g] }))}
        style={{ marginBottom: 0 }}
      />
      {annual ? (
        <AnnualRanking planId={planId} group={group} periods={periods} />
      ) : period ? (
        <HalfRanking key={`${period.id}:${group}`} planId={planId} period={period} group={group} />
      ) : (
        <Card>
          <Empty description={t('noPeriods')} />
        </Card>
      )}
    </>
  );
}

function usePlanColumns(planId: string) {
  const [{ data }] = useQuery({ query: resultsPlanQuery, variables: { planId } });
  return {
    dimensions: [...(data?.plan?.dimensions ?? [])].sort((a, b) => a.number - b.number),
    rule: (data?.plan?.missingComponentRule ?? 'REDISTRIBUTE') as MissingComponentRule,
  };
}

function HalfRanking({ planId, period, group }: { planId: string; period: PeriodData; group: RankingGroup }) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: rankingQuery,
    variables: { periodId: period.id, group },
    context: useMemo(() => rankingContext, []),
  });
  const plan = usePlanColumns(planId);
  const { can } = useSession();
  const t = useResultsT();
  // Contacts see only their own row: rank changes are for whole groups.
  const [{ data: changeData }] = useQuery({
    query: rankChangesQuery,
    variables: { periodId: period.id, group },
    context: useMemo(() => rankingContext, []),
    pause: !can('TASK_FORCE', 'LEADER', 'ANALYST'),
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const decoded = useMemo(() => (data ? readRankingRows(data.ranking.rowsJson) : NO_ROWS), [data]);
  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) {
    if (describeError(error).code === 'FORBIDDEN')
      return <Result status="info" title={<WithData value={period.name} render={(slot) => t('notPublishedYet', { period: slot })} />} subTitle={t('notPublishedYetHint')} />;
    return <QueryError error={error} onRetry={reload} />;
  }
  const ranking = data?.ranking;
  if (!ranking) return null;
  if (decoded.error) return <MalformedRows error={decoded.error} onRetry={reload} />;
  const { rows } = decoded;
  const missing = missingScores(rows);
  return (
    <>
      <ResultBanner preview={ranking.preview} publishedAt={ranking.publishedAt} state={ranking.period?.state} periodName={period.name} missing={missing} />
      <RankingTable
        rows={rows}
        preview={ranking.preview}
        annual={false}
        dimensions={plan.dimensions}
        rule={plan.rule}
        link={(id) => `/plans/${planId}/results/${id}?period=${period.id}`}
        compareHref={(ids) => `/plans/${planId}/compare?period=${period.id}&ids=${ids.join(',')}`}
        heatmapHref={`/plans/${planId}/heatmap?period=${period.id}&group=${group}`}
        title={
          <>
            <span data-i18n="data">{period.name}</span> · {rankingGroupLabels[group]}
          </>
        }
        changes={changeData?.rankChanges}
        exportHref={`/files/ranking.xlsx?group=${group}&periodId=${period.id}`}
        exportName={t('exportName', { period: period.name, group: rankingGroupLabels[group] })}
      />
    </>
  );
}

function AnnualRanking({ planId, group, periods }: { planId: string; group: RankingGroup; periods: PeriodData[] }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: annualRankingQuery, variables: { planId, group }, context: useMemo(() => rankingContext, []) });
  const { can } = useSession();
  const t = useResultsT();
  const [{ data: changeData }] = useQuery({
    query: annualRankChangesQuery,
    variables: { planId, group },
    context: useMemo(() => rankingContext, []),
    pause: !can('TASK_FORCE', 'LEADER', 'ANALYST'),
  });
  const plan = usePlanColumns(planId);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const decoded = useMemo(() => (data ? readRankingRows(data.annualRanking.rowsJson) : NO_ROWS), [data]);
  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  const ranking = data?.annualRanking;
  if (!ranking) return null;
  if (decoded.error) return <MalformedRows error={decoded.error} onRetry={reload} />;
  const { rows } = decoded;
  const provisional = rows.some((r) => r.provisional);
  const first = periods[0];
  return (
    <>
      <Alert
        type={provisional ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="result-banner"
        title={provisional ? t('annualProvisional') : t('annualFinal')}
        description={t('annualDescription')}
      />
      <RankingTable
        rows={rows}
        preview={false}
        annual
        dimensions={plan.dimensions}
        rule={plan.rule}
        link={(id) => `/plans/${planId}/results/${id}${first ? `?period=${first.id}` : ''}`}
        compareHref={(ids) => `/plans/${planId}/compare?${first ? `period=${first.id}&` : ''}ids=${ids.join(',')}`}
        heatmapHref={`/plans/${planId}/heatmap?${first ? `period=${first.id}&` : ''}group=${group}`}
        title={`${t('annual')} · ${rankingGroupLabels[group]}`}
        changes={changeData?.annualRankChanges}
        exportHref={`/files/ranking.xlsx?group=${group}&planId=${planId}`}
        exportName={t('exportName', { period: t('annual'), group: rankingGroupLabels[group] })}
      />
    </>
  );
}

/** Rows above which the table is virtualised. */
const VIRTUAL_FROM = 100;

function tableWidth(columns: TableColumnsType<RankingRowData>): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 100), 0);
}

interface DimensionColumn {
  id: string;
  number: number;
  name: string;
  points: string;
}

function RankingTable({
  rows,
  preview,
  annual,
  dimensions,
  rule,
  link,
  compareHref,
  heatmapHref,
  title,
  changes,
  exportHref,
  exportName,
}: {
  rows: RankingRowData[];
  preview: boolean;
  annual: boolean;
  dimensions: DimensionColumn[];
  rule: MissingComponentRule;
  link: (evaluateeId: string) => string;
  /** The comparison of the evaluatees ticked (by half year; the annual ranking compares 上半年). */
  compareHref: (evaluateeIds: string[]) => string;
  heatmapHref: string;
  title: ReactNode;
  changes: { previousName?: string | null; rows: (RankChangeLike & { evaluateeId: string })[] } | undefined;
  exportHref: string;
  exportName: string;
}) {
  const { token } = theme.useToken();
  const t = useResultsT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [showDimensions, setShowDimensions] = useState(false);
  const [ticked, setTicked] = useState<string[]>([]);
  const compare = () => {
    const problem = compareProblem(ticked.length);
    if (problem) message.warning(problem);
    else navigate(compareHref(ticked));
  };
  const compared = !!changes?.previousName;
  const changeByEvaluatee = useMemo(() => new Map((changes?.rows ?? []).map((c) => [c.evaluateeId, c])), [changes]);
  const bars = useMemo(() => scoreBars(rows), [rows]);
  const open = useCallback((evaluateeId: string) => navigate(link(evaluateeId)), [navigate, link]);
  const w = (px: number) => Math.round((px * token.fontSize) / 14);
  const num = { fontVariantNumeric: 'tabular-nums' as const };
  // All provisional (the usual case before 下半年 is published): one mark on the table, not one per row.
  const allProvisional = annual && rows.length > 0 && rows.every((r) => r.provisional);

  const headCells = componentCells(rows[0]?.components ?? [], rule);
  const componentColumns: TableColumnsType<RankingRowData> = headCells.map((h, i) => ({
    title: (
      <span style={{ whiteSpace: 'nowrap' }}>
        {h.label}
        {rows.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}> {h.weight}%</Typography.Text>}
      </span>
    ),
    key: `c${i}`,
    width: w(i === 3 ? 104 : 96),
    align: 'right',
    responsive: ['md'],
    render: (_, r) => {
      const c = componentCells(r.components, rule)[i]!;
      if (c.missing)
        return (
          <Tooltip title={rule === 'ZERO' ? t('missingZero') : t('missingRedistribute', { weight: c.weight })}>
            <Typography.Text type="secondary" style={{ cursor: 'help' }}>
              {MISSING}
            </Typography.Text>
          </Tooltip>
        );
      return (
        <Tooltip title={t('weightTip', { weight: c.weight }) + (c.effectiveWeight !== c.weight ? t('weightAfterMissing', { effective: c.effectiveWeight }) : '')}>
          <span style={num}>{c.text}</span>
        </Tooltip>
      );
    },
  }));

  const dimensionColumns: TableColumnsType<RankingRowData> = (showDimensions ? dimensions : []).map((d) => ({
    title: (
      <Tooltip title={t('dimensionTip', { number: currentLocale() === 'en' ? d.number : chineseNumber(d.number), points: formatDecimal(d.points) })}>
        <span data-dimension-header="">
          {dimensionNumberLabel(d.number)}
          {currentLocale() === 'en' ? ' ' : ''}
          <span data-i18n="data">{d.name}</span>
        </span>
      </Tooltip>
    ),
    key: `d${d.id}`,
    width: w(112),
    align: 'right',
    render: (_, r) => {
      const text = dimensionText(r.dimensions, d.id);
      return text === MISSING ? (
        <Tooltip title={t('dimensionNotCarried')}>
          <Typography.Text type="secondary">{MISSING}</Typography.Text>
        </Tooltip>
      ) : (
        <span style={num}>{text}</span>
      );
    },
  }));

  const columns: TableColumnsType<RankingRowData> = [
    {
      title: t('colRank'),
      dataIndex: 'rank',
      width: w(60),
      align: 'center',
      fixed: 'left',
      render: (rank: number) => (
        <span data-rank={rank} style={{ fontWeight: rank <= 3 ? 700 : undefined, ...num }}>
          {rank}
        </span>
      ),
    },
    {
      title: t('colUnit'),
      key: 'unit',
      width: w(146),
      fixed: 'left',
      render: (_, r) => (
        <Flex gap={4} align="center" wrap="wrap">
          <Link to={link(r.evaluatee.id)} data-unit-link="" data-i18n="data" onClick={(e) => e.stopPropagation()}>
            {r.evaluatee.unit.name}
          </Link>
          {annual && r.provisional && !allProvisional && (
            <Tooltip title={t('provisionalRow')}>
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                {t('provisional')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: annual ? t('colAnnualScore') : t('colScore'),
      dataIndex: 'score',
      width: w(84),
      align: 'right',
      render: (s: string | null) => (
        <Typography.Text strong data-score={s ?? ''} style={{ fontSize: token.fontSizeLG, ...num }}>
          {scoreText(s)}
        </Typography.Text>
      ),
    },
    ...(compared
      ? ([
          {
            title: (
              <Tooltip title={<WithData value={changes?.previousName} render={(slot) => t('comparedWith', { previous: slot })} />}>
                <span style={{ whiteSpace: 'nowrap' }}>{t('colChange')}</span>
              </Tooltip>
            ),
            key: 'change',
            width: w(84),
            align: 'center',
            render: (_, r) => {
              const c = rankChangeText(changeByEvaluatee.get(r.evaluatee.id), compared);
              const color = { up: token.colorSuccessText, down: token.colorErrorText, new: token.colorPrimaryText, same: token.colorTextSecondary, none: undefined }[c.tone];
              return c.text ? (
                <Tooltip title={c.label}>
                  <span data-change={c.text} aria-label={c.label} style={{ color, fontWeight: 600, ...num }}>
                    {c.text}
                  </span>
                </Tooltip>
              ) : null;
            },
          },
        ] satisfies TableColumnsType<RankingRowData>)
      : []),
    ...(preview
      ? ([
          {
            title: t('colMissing'),
            dataIndex: 'missingScores',
            width: w(84),
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="warning">{t('missingCount', { count: n })}</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>),
          },
        ] satisfies TableColumnsType<RankingRowData>)
      : []),
    ...componentColumns,
    ...dimensionColumns,
  ];

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap="wrap">
          {title}
          {preview && <PreviewTag />}
          {allProvisional && (
            <Tooltip title={t('provisionalAll')}>
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                {t('provisional')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      }
      styles={{ body: { padding: 0 } }}
    >
      <div style={{ padding: '12px 16px 0' }}>
        <Flex gap={12} align="center" justify="flex-end" wrap="wrap">
          {compared && <Typography.Text type="secondary">
              <WithData value={changes?.previousName} render={(slot) => t('changeComparedWith', { previous: slot })} />
            </Typography.Text>}
          <Flex gap={4} align="center">
            <Switch size="small" checked={showDimensions} onChange={setShowDimensions} aria-label={t('showDimensions')} id="show-dimensions" />
            <label htmlFor="show-dimensions">{t('showDimensions')}</label>
          </Flex>
          <Tooltip title={t('compareHint', { max: MAX_COMPARED })}>
            <Button icon={<DiffOutlined />} onClick={compare} data-testid="compare-ticked">
              {t('compareTicked')}
              {ticked.length ? t('tickedCount', { count: ticked.length }) : ''}
            </Button>
          </Tooltip>
          <Button icon={<HeatMapOutlined />} onClick={() => navigate(heatmapHref)}>
            {t('heatmap')}
          </Button>
          <ExportXlsxButton href={exportHref} fileName={exportName} testId="export-ranking" />
        </Flex>
      </div>
      {rows.length > 0 && (
        <div style={{ padding: '12px 16px 0' }}>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 240 }} />}>
            <ScoreBarChart
              bars={bars}
              mark={preview ? t('markPreview') : allProvisional ? t('markProvisional') : undefined}
              onOpen={open}
            />
          </Suspense>
        </div>
      )}
      <Table<RankingRowData>
        rowKey={(r) => r.evaluatee.id}
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        // A province's group has over a thousand rows: render only those in view.
        virtual={rows.length > VIRTUAL_FROM}
        scroll={rows.length > VIRTUAL_FROM ? { x: tableWidth(columns), y: 640 } : { x: 'max-content' }}
        onRow={(r) => ({ onClick: () => open(r.evaluatee.id), style: { cursor: 'pointer' } })}
        rowSelection={{
          selectedRowKeys: ticked,
          onChange: (keys) => setTicked(keys.map(String)),
          columnWidth: 40,
          fixed: true,
          hideSelectAll: true,
          // A click beside the box ticks nothing and must not open the unit either.
          onCell: () => ({ onClick: (e) => e.stopPropagation() }),
          getCheckboxProps: (r) => ({ 'aria-label': t('tickToCompare', { unit: r.evaluatee.unit.name }) }) as Record<string, string>,
        }}
        data-testid="ranking-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rankingEmpty')} /> }}
      />
    </Card>
  );
}
