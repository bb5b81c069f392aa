import { DiffOutlined, DownloadOutlined, HeatMapOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Result, Skeleton, Switch, Table, Tabs, Tag, theme, Tooltip, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, PreviewTag, usePlanPeriod, type PeriodData } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { MissingComponentRule, RankingGroup, RankingRowFieldsFragment } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { downloadFile } from '../../../lib/download';
import { describeError } from '../../../lib/errors';
import { chineseNumber, rankingGroupLabels, rankingGroups } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { ResultBanner } from '../components/ResultBanner';
import type { ScoreBar } from '../charts/ScoreBarChart';
import { annualRankChangesQuery, annualRankingQuery, rankChangesQuery, rankingQuery, resultsPlanQuery } from '../documents';
import { componentCells, dimensionText, MISSING, scoreText } from '../format';
import { defaultRankingView, rankChangeText, type RankChangeLike } from '../rankingView';
import { compareProblem, MAX_COMPARED } from '../compareView';

// ECharts is loaded with the chart, only on the pages that draw one.
const ScoreBarChart = lazy(() => import('../charts/ScoreBarChart'));

const ANNUAL = 'annual';

/** `/plans/:planId/ranking`: half-year and annual rankings by group. */
export function RankingPage() {
  const { planId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { can } = useSession();
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

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST', 'EVALUATEE_CONTACT')) return <Result status="403" title="您没有查看考评排名的权限" />;
  if (!plan && fetching) return <PageLoading rows={10} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;

  return (
    <>
      <PageTitle
        title="考评排名"
        hint="半年得分按方案设定的权重合成日常监测、实地调研、民意调查、第三方评估四项得分;年度得分为上下半年平均。点击一行或一根柱条查看该单位的得分明细"
        actions={
          <>
            {period && !annual && (
              <Link to={`/plans/${planId}/circular?period=${period.id}`}>
                <Button icon={<PrinterOutlined />}>考评结果通报</Button>
              </Link>
            )}
            <PeriodPicker
            periods={periods}
            value={annual ? ANNUAL : period?.id}
            onChange={(v) => (v === ANNUAL ? setParam('view', ANNUAL) : select(v, { view: null }))}
            extra={[{ value: ANNUAL, label: '年度' }]}
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
          <Empty description="本方案还没有考评周期" />
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

const rankingContext = { additionalTypenames: ['Score', 'Period', 'SourceValue'] };

function HalfRanking({ planId, period, group }: { planId: string; period: PeriodData; group: RankingGroup }) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: rankingQuery,
    variables: { periodId: period.id, group },
    context: useMemo(() => rankingContext, []),
  });
  const plan = usePlanColumns(planId);
  const { can } = useSession();
  // Contacts see only their own row: rank changes are for whole groups.
  const [{ data: changeData }] = useQuery({
    query: rankChangesQuery,
    variables: { periodId: period.id, group },
    context: useMemo(() => rankingContext, []),
    pause: !can('TASK_FORCE', 'LEADER', 'ANALYST'),
  });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) {
    if (describeError(error).code === 'FORBIDDEN')
      return <Result status="info" title={`${period.name}的结果尚未公示`} subTitle="考评结果公示后,可在这里查看本单位的得分和排名。请选择已公示或发布的周期。" />;
    return <QueryError error={error} onRetry={reload} />;
  }
  const ranking = data?.ranking;
  if (!ranking) return null;
  const missing = ranking.rows.reduce((n, r) => n + r.missingScores, 0);
  return (
    <>
      <ResultBanner preview={ranking.preview} publishedAt={ranking.publishedAt} state={ranking.period?.state} periodName={period.name} missing={missing} />
      <RankingTable
        rows={ranking.rows}
        preview={ranking.preview}
        annual={false}
        dimensions={plan.dimensions}
        rule={plan.rule}
        link={(id) => `/plans/${planId}/results/${id}?period=${period.id}`}
        compareHref={(ids) => `/plans/${planId}/compare?period=${period.id}&ids=${ids.join(',')}`}
        heatmapHref={`/plans/${planId}/heatmap?period=${period.id}&group=${group}`}
        title={`${period.name} · ${rankingGroupLabels[group]}`}
        changes={changeData?.rankChanges}
        exportHref={`/files/ranking.xlsx?group=${group}&periodId=${period.id}`}
        exportName={`${period.name}-${rankingGroupLabels[group]}-考评排名.xlsx`}
      />
    </>
  );
}

function AnnualRanking({ planId, group, periods }: { planId: string; group: RankingGroup; periods: PeriodData[] }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: annualRankingQuery, variables: { planId, group }, context: useMemo(() => rankingContext, []) });
  const { can } = useSession();
  const [{ data: changeData }] = useQuery({
    query: annualRankChangesQuery,
    variables: { planId, group },
    context: useMemo(() => rankingContext, []),
    pause: !can('TASK_FORCE', 'LEADER', 'ANALYST'),
  });
  const plan = usePlanColumns(planId);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  if (!data && fetching) return <PageLoading rows={10} />;
  if (error && !data) return <QueryError error={error} onRetry={reload} />;
  const ranking = data?.annualRanking;
  if (!ranking) return null;
  const provisional = ranking.rows.some((r) => r.provisional);
  const first = periods[0];
  return (
    <>
      <Alert
        type={provisional ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="result-banner"
        title={provisional ? '年度排名(暂定):下半年尚未发布,暂按上半年得分排名' : '年度排名:上下半年已发布得分的平均'}
        description="年度得分 = (上半年公布得分 + 下半年公布得分) ÷ 2,四舍五入保留两位小数;只使用已公示的半年结果。各项得分与方面得分为上半年数据。"
      />
      <RankingTable
        rows={ranking.rows}
        preview={false}
        annual
        dimensions={plan.dimensions}
        rule={plan.rule}
        link={(id) => `/plans/${planId}/results/${id}${first ? `?period=${first.id}` : ''}`}
        compareHref={(ids) => `/plans/${planId}/compare?${first ? `period=${first.id}&` : ''}ids=${ids.join(',')}`}
        heatmapHref={`/plans/${planId}/heatmap?${first ? `period=${first.id}&` : ''}group=${group}`}
        title={`年度 · ${rankingGroupLabels[group]}`}
        changes={changeData?.annualRankChanges}
        exportHref={`/files/ranking.xlsx?group=${group}&planId=${planId}`}
        exportName={`年度-${rankingGroupLabels[group]}-考评排名.xlsx`}
      />
    </>
  );
}

/** Rows above which the table is virtualised. */
const VIRTUAL_FROM = 100;

function tableWidth(columns: TableColumnsType<RankingRowFieldsFragment>): number {
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
  rows: RankingRowFieldsFragment[];
  preview: boolean;
  annual: boolean;
  dimensions: DimensionColumn[];
  rule: MissingComponentRule;
  link: (evaluateeId: string) => string;
  /** The comparison of the evaluatees ticked (by half year; the annual ranking compares 上半年). */
  compareHref: (evaluateeIds: string[]) => string;
  heatmapHref: string;
  title: string;
  changes: { previousName?: string | null; rows: (RankChangeLike & { evaluateeId: string })[] } | undefined;
  exportHref: string;
  exportName: string;
}) {
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [showDimensions, setShowDimensions] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [ticked, setTicked] = useState<string[]>([]);
  const compare = () => {
    const problem = compareProblem(ticked.length);
    if (problem) message.warning(problem);
    else navigate(compareHref(ticked));
  };
  const compared = !!changes?.previousName;
  const changeByEvaluatee = useMemo(() => new Map((changes?.rows ?? []).map((c) => [c.evaluateeId, c])), [changes]);
  const bars = useMemo<ScoreBar[]>(
    () =>
      rows.map((r) => ({
        evaluateeId: r.evaluatee.id,
        name: r.evaluatee.unit.name,
        rank: r.rank,
        score: r.score ?? null,
        dimensions: r.dimensions.map((d) => ({ name: `${chineseNumber(d.number)}、${d.name}`, score: Number(d.score) })),
      })),
    [rows],
  );
  const open = useCallback((evaluateeId: string) => navigate(link(evaluateeId)), [navigate, link]);
  const exportSheet = async () => {
    setExporting(true);
    try {
      await downloadFile(exportHref, exportName);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const w = (px: number) => Math.round((px * token.fontSize) / 14);
  const num = { fontVariantNumeric: 'tabular-nums' as const };
  // All provisional (the usual case before 下半年 is published): one mark on the table, not one per row.
  const allProvisional = annual && rows.length > 0 && rows.every((r) => r.provisional);

  const headCells = componentCells(rows[0]?.components ?? [], rule);
  const componentColumns: TableColumnsType<RankingRowFieldsFragment> = headCells.map((h, i) => ({
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
          <Tooltip title={rule === 'ZERO' ? '暂无数据,按 0 分计' : `暂无数据,其权重 ${c.weight}% 按比例分给其他各项`}>
            <Typography.Text type="secondary" style={{ cursor: 'help' }}>
              {MISSING}
            </Typography.Text>
          </Tooltip>
        );
      return (
        <Tooltip title={`权重 ${c.weight}%${c.effectiveWeight !== c.weight ? `,缺项后按 ${c.effectiveWeight}% 计` : ''}`}>
          <span style={num}>{c.text}</span>
        </Tooltip>
      );
    },
  }));

  const dimensionColumns: TableColumnsType<RankingRowFieldsFragment> = (showDimensions ? dimensions : []).map((d) => ({
    title: (
      <Tooltip title={`方面${chineseNumber(d.number)}(满分 ${formatDecimal(d.points)} 分)`}>
        <span data-dimension-header="">
          {chineseNumber(d.number)}、{d.name}
        </span>
      </Tooltip>
    ),
    key: `d${d.id}`,
    width: w(112),
    align: 'right',
    render: (_, r) => {
      const t = dimensionText(r.dimensions, d.id);
      return t === MISSING ? (
        <Tooltip title="未承担该方面任务,不计入">
          <Typography.Text type="secondary">{MISSING}</Typography.Text>
        </Tooltip>
      ) : (
        <span style={num}>{t}</span>
      );
    },
  }));

  const columns: TableColumnsType<RankingRowFieldsFragment> = [
    {
      title: '名次',
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
      title: '单位',
      key: 'unit',
      width: w(146),
      fixed: 'left',
      render: (_, r) => (
        <Flex gap={4} align="center" wrap="wrap">
          <Link to={link(r.evaluatee.id)} data-unit-link="" onClick={(e) => e.stopPropagation()}>
            {r.evaluatee.unit.name}
          </Link>
          {annual && r.provisional && !allProvisional && (
            <Tooltip title="下半年尚未发布,暂按上半年得分">
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                暂定
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: annual ? '年度得分' : '得分',
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
              <Tooltip title={`与${changes?.previousName}相比`}>
                <span style={{ whiteSpace: 'nowrap' }}>名次变化</span>
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
        ] satisfies TableColumnsType<RankingRowFieldsFragment>)
      : []),
    ...(preview
      ? ([
          {
            title: '缺少分值',
            dataIndex: 'missingScores',
            width: w(84),
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n} 项</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>),
          },
        ] satisfies TableColumnsType<RankingRowFieldsFragment>)
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
            <Tooltip title="下半年尚未发布,年度得分暂按上半年得分">
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                暂定
              </Tag>
            </Tooltip>
          )}
        </Flex>
      }
      styles={{ body: { padding: 0 } }}
    >
      <div style={{ padding: '12px 16px 0' }}>
        <Flex gap={12} align="center" justify="flex-end" wrap="wrap">
          {compared && <Typography.Text type="secondary">名次变化与{changes?.previousName}相比</Typography.Text>}
          <Flex gap={4} align="center">
            <Switch size="small" checked={showDimensions} onChange={setShowDimensions} aria-label="显示各方面得分" id="show-dimensions" />
            <label htmlFor="show-dimensions">显示各方面得分</label>
          </Flex>
          <Tooltip title={`勾选 2–${MAX_COMPARED} 个单位后对比`}>
            <Button icon={<DiffOutlined />} onClick={compare} data-testid="compare-ticked">
              对比所选{ticked.length ? `(${ticked.length})` : ''}
            </Button>
          </Tooltip>
          <Button icon={<HeatMapOutlined />} onClick={() => navigate(heatmapHref)}>
            热力图
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportSheet} data-testid="export-ranking">
            导出 Excel
          </Button>
        </Flex>
      </div>
      {rows.length > 0 && (
        <div style={{ padding: '12px 16px 0' }}>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 240 }} />}>
            <ScoreBarChart
              bars={bars}
              mark={preview ? '预览·未发布,不作为正式结果' : allProvisional ? '暂定:下半年尚未发布' : undefined}
              onOpen={open}
            />
          </Suspense>
        </div>
      )}
      <Table<RankingRowFieldsFragment>
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
          getCheckboxProps: (r) => ({ 'aria-label': `选择${r.evaluatee.unit.name}进行对比` }) as Record<string, string>,
        }}
        data-testid="ranking-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无排名:本组还没有考评对象,或您只能查看公示后的本单位结果" /> }}
      />
    </Card>
  );
}
