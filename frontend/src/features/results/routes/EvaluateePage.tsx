import { ArrowLeftOutlined, CalculatorOutlined, DiffOutlined, MessageOutlined, PaperClipOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Image,
  Result,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  theme,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { FlagTags } from '../../../components/FlagTags';
import { ServerText } from '../../../components/ServerText';
import { ExportXlsxButton } from '../components/ExportXlsxButton';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod, type PeriodData } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { EvaluateeProfileQuery, MissingComponentRule } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { describeError } from '../../../lib/errors';
import { formatFileSize, formatTime, progressStateColors, progressStateLabels, scoreStatusColors, scoreStatusLabels } from '../../../lib/evaluation';
import { useEnumLabel } from '../../../lib/enumLabels';
import { rankingGroupLabels } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { ResultBanner } from '../components/ResultBanner';
import { WithData } from '../components/WithData';
import { evaluateeProfileQuery, evaluateeTrendQuery, resultsPlanQuery } from '../documents';
import { dimensionLabel, explainDaily, explainDimension, explainFinal, percentText, ratePercent } from '../explain';
import { useResultsT } from '../messages';
import { componentCells, MISSING, scoreText } from '../format';

// ECharts comes with the charts, only on the pages that draw one.
const RadarChart = lazy(() => import('../charts/RadarChart'));
const TrendChart = lazy(() => import('../charts/TrendChart'));

type Profile = EvaluateeProfileQuery['evaluateeProfile'];
type TaskData = Profile['breakdown']['tasks'][number];
type LineData = TaskData['scores'][number];
type DimensionData = Profile['breakdown']['dimensions'][number];
type IndicatorData = Profile['indicators'][number];
type EvidenceData = Profile['taskEvidence'][number];

const judgementColors: Record<string, string> = { DONE: 'success', PARTIAL: 'warning', NOT_DONE: 'error', NA: 'default' };

/** `/plans/:planId/results/:evaluateeId`: one evaluatee's page, from the final score down to the evidence of every task. */
export function EvaluateePage() {
  const { planId = '', evaluateeId = '' } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const t = useResultsT();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST', 'EVALUATEE_CONTACT')) return <Result status="403" title={t('profileForbidden')} />;
  if (!plan && fetching) return <PageLoading rows={12} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title={t('planNotFound')} />;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/plans/${planId}/ranking${period ? `?period=${period.id}` : ''}`)}>
      {t('backToRanking')}
    </Button>
  );
  return period ? (
    <EvaluateeView
      key={period.id}
      planId={planId}
      evaluateeId={evaluateeId}
      period={period}
      picker={<PeriodPicker periods={periods} value={period.id} onChange={(id) => select(id)} />}
      back={back}
    />
  ) : (
    <Card>
      <Empty description={t('noPeriods')} />
    </Card>
  );
}

const num = { fontVariantNumeric: 'tabular-nums' as const };

function RateText({ rate }: { rate: number | null }) {
  const { token } = theme.useToken();
  if (rate === null) return <Typography.Text type="secondary">{MISSING}</Typography.Text>;
  const color = rate >= 90 ? token.colorSuccessText : rate < 60 ? token.colorErrorText : undefined;
  return <span style={{ ...num, color }}>{percentText(rate)}</span>;
}

function EvaluateeView({ planId, evaluateeId, period, picker, back }: { planId: string; evaluateeId: string; period: PeriodData; picker: ReactNode; back: ReactNode }) {
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const { can } = useSession();
  const t = useResultsT();
  const label = useEnumLabel();
  const [params] = useSearchParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: evaluateeProfileQuery, variables: { periodId: period.id, evaluateeId } });
  const [planData] = useQuery({ query: resultsPlanQuery, variables: { planId } });
  const [{ data: trendData }] = useQuery({ query: evaluateeTrendQuery, variables: { evaluateeId } });
  const [formulaOpen, setFormulaOpen] = useState(false);
  const focus = params.get('dimension');
  const [openDimensions, setOpenDimensions] = useState<readonly React.Key[]>(focus ? [focus] : []);
  const rule = (planData.data?.plan?.missingComponentRule ?? 'REDISTRIBUTE') as MissingComponentRule;
  const p = data?.evaluateeProfile;
  const b = p?.breakdown;

  const dims = useMemo(() => [...(b?.dimensions ?? [])].sort((x, y) => x.number - y.number), [b]);
  const evidenceByTask = useMemo(() => new Map((p?.taskEvidence ?? []).map((e) => [e.taskId, e])), [p]);
  const tasksById = useMemo(() => new Map((b?.tasks ?? []).map((t) => [t.taskId, t])), [b]);
  const flaggedScores = useMemo(() => (b?.tasks ?? []).flatMap((t) => t.scores).filter((s) => s.flags.length > 0).length, [b]);

  if (!data && fetching) return <PageLoading rows={12} />;
  if (error && !data) {
    if (describeError(error).code === 'FORBIDDEN')
      return <Result status="info" title={<WithData value={period.name} render={(slot) => t('notPublishedYet', { period: slot })} />} subTitle={t('profileNotPublishedHint')} extra={back} />;
    return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} extra={back} />;
  }
  if (!p || !b) return null;

  // 公示: the contact may object to its result, overall or per task (features/objections).
  const objectTo = can('EVALUATEE_CONTACT') && b.period.state === 'PUBLICITY' ? `/plans/${planId}/objections?period=${period.id}&new=1` : undefined;
  const comps = componentCells(b.components, rule);
  const daily = b.components.find((c) => c.method === 'DAILY_MONITORING')?.value ?? null;
  const groupRates = new Map(p.groupRates.map((g) => [g.dimensionId, g]));
  const radarAxes = dims.map((d) => dimensionLabel(d.number, d.name));
  const radarSeries = [
    { name: b.evaluatee.unit.name, values: dims.map((d) => ratePercent(d.score, d.points)) },
    ...(p.groupRates.length
      ? [
          { name: t('groupAverageShort'), values: dims.map((d) => numberOrNull(groupRates.get(d.dimensionId)?.average)), reference: true },
          { name: t('groupBest'), values: dims.map((d) => numberOrNull(groupRates.get(d.dimensionId)?.best)), reference: true },
        ]
      : []),
  ];
  const trend = (trendData?.evaluateeTrend ?? []).map((t) => ({
    label: t.period.name,
    score: numberOrNull(t.score),
    groupAverage: numberOrNull(t.groupAverage),
    rank: t.rank ?? null,
    groupSize: t.groupSize,
    preview: t.preview,
  }));

  const dimensionColumns: TableColumnsType<DimensionData> = [
    {
      title: t('colDimension'),
      key: 'name',
      render: (_, d) => (
        <Typography.Text strong data-i18n="data">
          {dimensionLabel(d.number, d.name)}
        </Typography.Text>
      ),
    },
    { title: t('colPoints'), dataIndex: 'points', width: 72, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v)}</span> },
    { title: t('colScore'), dataIndex: 'score', width: 80, align: 'right', render: (v: string) => <Typography.Text strong style={num}>{formatDecimal(v)}</Typography.Text> },
    { title: t('colRate'), key: 'rate', width: 88, align: 'right', render: (_, d) => <RateText rate={ratePercent(d.score, d.points)} /> },
    {
      title: t('groupAverageShort'),
      key: 'avg',
      width: 88,
      align: 'right',
      responsive: ['md'],
      render: (_, d) => <span style={num}>{percentText(groupRates.get(d.dimensionId)?.average)}</span>,
    },
  ];
  const indicatorColumns: TableColumnsType<IndicatorData> = [
    { title: t('colIndicator'), key: 'name', render: (_, i) => <span data-i18n="data">{`${i.number}. ${i.name}`}</span> },
    { title: t('colCarriedPoints'), dataIndex: 'carriedPoints', width: 88, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v, 4)}</span> },
    { title: t('colEarned'), dataIndex: 'earned', width: 88, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v, 4)}</span> },
    { title: t('colRate'), dataIndex: 'rate', width: 88, align: 'right', render: (v: string | null) => <RateText rate={numberOrNull(v)} /> },
  ];
  const taskColumns: TableColumnsType<TaskData> = [
    {
      title: t('colTask'),
      key: 'task',
      render: (_, task) => (
        <Flex gap={6} align="center" wrap="wrap">
          <Typography.Text>
            <Typography.Text strong>{t('taskNumber', { number: task.number })}</Typography.Text>{' '}
            <span data-i18n="data">{task.text.length > 60 ? `${task.text.slice(0, 60)}…` : task.text}</span>
          </Typography.Text>
          {evidenceByTask.get(task.taskId)?.report && (
            <Tooltip title={t('hasReport')}>
              <Tag icon={<PaperClipOutlined />} color="processing" style={{ marginInlineEnd: 0 }}>
                {evidenceByTask.get(task.taskId)!.report!.evidence.length}
              </Tag>
            </Tooltip>
          )}
          {task.finding && (
            <Tag color={judgementColors[task.finding.judgement]} style={{ marginInlineEnd: 0 }}>
              {t('fieldJudgement', { judgement: label('Judgement', task.finding.judgement) })}
            </Tag>
          )}
          <TaskFlagsTag task={task} />
        </Flex>
      ),
    },
    { title: t('colPoints'), dataIndex: 'points', width: 72, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v, 4)}</span> },
    {
      title: t('colScore'),
      key: 'score',
      width: 80,
      align: 'right',
      render: (_, task) =>
        task.missing ? (
          <Tooltip title={t('missingVerified')}>
            <Tag color="warning" style={{ marginInlineEnd: 0 }}>
              {t('missingScoreTag')}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text strong style={num}>
            {formatDecimal(task.score, 4)}
          </Typography.Text>
        ),
    },
    { title: t('colRate'), key: 'rate', width: 88, align: 'right', render: (_, task) => (task.missing ? null : <RateText rate={ratePercent(task.score, task.points)} />) },
  ];

  return (
    <>
      <PageTitle
        title={
          <>
            <span data-i18n="data">{b.evaluatee.unit.name}</span>
            {t('profileTitleSuffix')}
          </>
        }
        hint={
          <>
            {rankingGroupLabels[b.evaluatee.group]} · <span data-i18n="data">{b.period.name}</span> · {t('profileHint')}
          </>
        }
        actions={
          <>
            {picker}
            {can('TASK_FORCE', 'LEADER', 'ANALYST') && (
              <Button icon={<DiffOutlined />} onClick={() => navigate(`/plans/${planId}/compare?period=${period.id}&ids=${evaluateeId}`)}>
                {t('compareWithOthers')}
              </Button>
            )}
            <ExportXlsxButton href={`/files/evaluatee.xlsx?periodId=${period.id}&evaluateeId=${evaluateeId}`} fileName={`${b.period.name}-${b.evaluatee.unit.name}.xlsx`} testId="export-evaluatee" />
            {objectTo && (
              <Button type="primary" icon={<MessageOutlined />} onClick={() => navigate(objectTo)}>
                {t('raiseObjection')}
              </Button>
            )}
            {back}
          </>
        }
      />
      <ResultBanner
        preview={b.preview}
        publishedAt={b.period.state === 'PUBLISHED' ? b.period.publishedAt : null}
        publishedAs="release"
        state={b.period.state}
        periodName={b.period.name}
        missing={b.missingScores}
      />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8} xl={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={b.preview ? t('halfScorePreview') : t('halfScore')}
              value={scoreText(b.score)}
              suffix={b.score ? t('pointsSuffix') : undefined}
              styles={{ content: { fontSize: 40, fontWeight: 600, color: b.preview ? token.colorWarningText : token.colorText } }}
            />
            <Flex vertical gap={4}>
              {p.rank != null && (
                <Typography.Text data-testid="profile-rank">
                  {t('rankInGroup', { group: rankingGroupLabels[b.evaluatee.group] })}
                  <Typography.Text strong>{p.rank}</Typography.Text>
                  {t('rankInGroupAfter')}
                  {p.groupSize ? t('groupSizeOf', { count: p.groupSize }) : ''}
                </Typography.Text>
              )}
              <Button type="link" icon={<CalculatorOutlined />} style={{ padding: 0, alignSelf: 'flex-start' }} onClick={() => setFormulaOpen(true)} data-testid="open-formula">
                {t('howCalculated')}
              </Button>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={16} xl={18}>
          <Card size="small" title={t('fourComponents')} styles={{ body: { padding: 0 } }}>
            <Table
              size="small"
              rowKey="method"
              pagination={false}
              dataSource={comps}
              columns={[
                { title: t('colMethod'), dataIndex: 'label', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
                { title: t('colWeight'), key: 'w', width: 96, align: 'right', render: (_, c) => (c.missing && rule !== 'ZERO' ? <Typography.Text type="secondary">{t('notCounted')}</Typography.Text> : `${c.effectiveWeight}%`) },
                {
                  title: t('colScore'),
                  dataIndex: 'text',
                  width: 110,
                  align: 'right',
                  render: (text: string, c) =>
                    c.missing ? (
                      <Typography.Text type="secondary">
                        {MISSING} {t('noData')}
                      </Typography.Text>
                    ) : (
                      <Typography.Text strong style={num}>
                        {text}
                      </Typography.Text>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={p.groupRates.length ? t('radarTitleGroup') : t('radarTitle')} style={{ height: '100%' }}>
            {dims.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noTasksCarried')} />
            ) : (
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 320 }} />}>
                <RadarChart axes={radarAxes} series={radarSeries} />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('trendTitle')} style={{ height: '100%' }} data-testid="trend">
            {trend.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noTrend')} />
            ) : (
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
                <TrendChart points={trend} unitName={b.evaluatee.unit.name} />
              </Suspense>
            )}
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        title={t('breakdownTitle')}
        styles={{ body: { padding: 0 } }}
        data-testid="breakdown-tasks"
        extra={
          flaggedScores > 0 && (
            <Tooltip title={t('flagsHint')}>
              <Tag color="warning" data-testid="profile-flags" style={{ marginInlineEnd: 0 }}>
                {t('flaggedScores', { count: flaggedScores })}
              </Tag>
            </Tooltip>
          )
        }
      >
        <Table<DimensionData>
          size="middle"
          rowKey="dimensionId"
          pagination={false}
          columns={dimensionColumns}
          dataSource={dims}
          locale={{ emptyText: t('noTasksThisPeriod') }}
          onRow={(d) => ({ 'data-dimension-row': d.dimensionId }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowKeys: openDimensions,
            onExpandedRowsChange: setOpenDimensions,
            expandRowByClick: true,
            expandedRowRender: (d) => (
              <Table<IndicatorData>
                size="small"
                rowKey="indicatorId"
                pagination={false}
                columns={indicatorColumns}
                dataSource={p.indicators.filter((i) => i.dimensionId === d.dimensionId)}
                expandable={{
                  expandRowByClick: true,
                  defaultExpandAllRows: p.indicators.filter((i) => i.dimensionId === d.dimensionId).length === 1,
                  expandedRowRender: (i) => (
                    <Table<TaskData>
                      size="small"
                      rowKey="taskId"
                      pagination={false}
                      columns={taskColumns}
                      dataSource={i.taskIds.map((id) => tasksById.get(id)).filter((t): t is TaskData => !!t)}
                      expandable={{
                        expandRowByClick: true,
                        expandedRowRender: (t) => <TaskDetail task={t} evidence={evidenceByTask.get(t.taskId)} objectTo={objectTo} />,
                      }}
                      data-testid="task-table"
                    />
                  ),
                }}
              />
            ),
          }}
        />
      </Card>

      <Drawer title={t('formulaTitle')} open={formulaOpen} onClose={() => setFormulaOpen(false)} size="large" data-testid="formula-drawer">
        <Flex vertical gap={12}>
          <Typography.Paragraph strong style={{ margin: 0 }}>
            {explainFinal(b.score, comps)}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ margin: 0 }} data-i18n="data">
            {explainDaily(daily, dims)}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {dims.map((d) => (
              <li key={d.dimensionId}>
                <Typography.Text data-i18n="data">{explainDimension(d)}</Typography.Text>
              </li>
            ))}
          </ul>
          {b.exact && (
            <Typography.Text type="secondary" data-testid="exact">
              {t('exactValue', { exact: b.exact })}
            </Typography.Text>
          )}
          <Typography.Title level={5} style={{ marginBottom: 0 }}>
            {t('stepByStep')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(s, i) => `${s.label}-${i}`}
            pagination={false}
            dataSource={b.steps}
            scroll={{ x: 560 }}
            columns={[
              { title: t('colStep'), dataIndex: 'label', width: 110, render: (_: string, s) => <ServerText zh={s.label} en={s.labelEn} /> },
              { title: t('colFormula'), dataIndex: 'formula', width: '34%', render: (_: string, s) => <ServerText zh={s.formula} en={s.formulaEn} /> },
              {
                title: t('colCalculation'),
                dataIndex: 'detail',
                // Data: a source mean quotes the imported source names.
                render: (_: string, s) => (
                  <span data-i18n="data">
                    <ServerText zh={s.detail} en={s.detailEn} style={{ ...num, wordBreak: 'break-word' }} />
                  </span>
                ),
              },
            ]}
          />
        </Flex>
      </Drawer>
    </>
  );
}

function numberOrNull(v: string | null | undefined): number | null {
  return v == null || v === '' ? null : Number(v);
}

/** A task opened: each lead unit's score with who scored and verified it, the progress report with its files, the field-visit finding with photos. */
function TaskDetail({ task, evidence, objectTo }: { task: TaskData; evidence: EvidenceData | undefined; objectTo?: string }) {
  const report = evidence?.report;
  const t = useResultsT();
  const label = useEnumLabel();
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }} data-testid="task-detail">
      <Typography.Paragraph style={{ margin: 0 }} data-i18n="data">
        {task.text}
      </Typography.Paragraph>
      {objectTo && (
        <Link to={`${objectTo}&task=${task.taskId}`}>
          <MessageOutlined /> {t('objectToTask')}
        </Link>
      )}
      <div>
        <Typography.Text strong>{t('leadScores')}</Typography.Text>
        <Flex vertical gap={6} style={{ marginTop: 4 }}>
          {task.scores.length === 0 ? <Typography.Text type="warning">{t('noLeadScores')}</Typography.Text> : task.scores.map((s) => <ScoreLineView key={s.scoreId} line={s} />)}
        </Flex>
      </div>
      <div>
        <Typography.Text strong>{t('progressReport')}</Typography.Text>
        {report ? (
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 4 }}
            items={[
              { key: 's', label: t('progress'), children: <Tag color={progressStateColors[report.state]}>{progressStateLabels[report.state]}</Tag> },
              {
                key: 'n',
                label: t('narrative'),
                children: report.narrative ? (
                  <span style={{ whiteSpace: 'pre-wrap' }} data-i18n="data">
                    {report.narrative}
                  </span>
                ) : (
                  t('notFilled')
                ),
              },
              {
                key: 'u',
                label: t('reported'),
                children: (
                  <>
                    <span data-i18n="data">{report.updatedBy}</span>({formatTime(report.updatedAt)})
                  </>
                ),
              },
              {
                key: 'e',
                label: t('evidence'),
                children:
                  report.evidence.length === 0 ? (
                    <Typography.Text type="secondary">{t('notUploaded')}</Typography.Text>
                  ) : (
                    <Space orientation="vertical" size={2}>
                      {report.evidence.map((f) => (
                        <Typography.Link key={f.id} href={f.url} download={f.filename} data-evidence-link="" style={{ wordBreak: 'break-all' }}>
                          <PaperClipOutlined /> <span data-i18n="data">{f.filename}</span>({formatFileSize(f.size)})
                        </Typography.Link>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        ) : (
          <div>
            <Typography.Text type="secondary">{t('noReport')}</Typography.Text>
          </div>
        )}
      </div>
      {task.finding && (
        <div>
          <Typography.Text strong>{t('fieldVisitReviewed')}</Typography.Text>
          <Flex vertical gap={4} style={{ marginTop: 4 }}>
            <Flex gap={8} align="center" wrap="wrap">
              <Tag color={judgementColors[task.finding.judgement]}>{label('Judgement', task.finding.judgement)}</Tag>
              <Typography.Text type="secondary">{t('visitDate', { date: task.finding.visitDate.slice(0, 10) })}</Typography.Text>
            </Flex>
            {task.finding.note && <Typography.Text data-i18n="data">{task.finding.note}</Typography.Text>}
            {evidence && evidence.photos.length > 0 && (
              <Image.PreviewGroup>
                <Flex gap={8} wrap="wrap">
                  {evidence.photos.map((ph, i) => (
                    <Image key={ph.id} src={ph.url} width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt={t('photoAlt', { n: i + 1 })} />
                  ))}
                </Flex>
              </Image.PreviewGroup>
            )}
            {evidence && evidence.photos.length === 0 && task.finding.photos > 0 && <Typography.Text type="secondary">{t('photosHidden', { count: task.finding.photos })}</Typography.Text>}
          </Flex>
        </div>
      )}
    </Flex>
  );
}

/**
 * The task row's mark when any lead unit's score of it raises a consistency
 * flag (shown to the 专班 and leaders only; the server sends none to
 * others), so a doubt is visible before the row is expanded.
 */
function TaskFlagsTag({ task }: { task: TaskData }) {
  const t = useResultsT();
  const label = useEnumLabel();
  const flagged = task.scores.filter((s) => s.flags.length > 0);
  if (flagged.length === 0) return null;
  return (
    <Tooltip
      title={
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {flagged.flatMap((s) =>
            s.flags.map((f) => (
              <li key={`${s.scoreId}-${f.rule}`}>
                <span data-i18n="data">{s.leadUnitName}</span>
                {t('labelSeparator')}
                {label('ConsistencyRule', f.rule)}
                {t('sentenceEnd')}
                <ServerText zh={f.reason} en={f.reasonEn} />
              </li>
            )),
          )}
        </ul>
      }
    >
      <Tag color="warning" data-task-flags={flagged.length} style={{ marginInlineEnd: 0 }}>
        {t('flagsCount', { count: flagged.reduce((n, s) => n + s.flags.length, 0) })}
      </Tag>
    </Tooltip>
  );
}

/** One lead unit's score of a task: value, status, who entered and verified it, and any adjustment by the 专班. */
function ScoreLineView({ line }: { line: LineData }) {
  const t = useResultsT();
  return (
    <div data-score-line="" style={{ borderInlineStart: `3px solid ${line.counted ? '#91caff' : '#d9d9d9'}`, paddingInlineStart: 8, opacity: line.counted ? 1 : 0.7 }}>
      <Flex gap={8} align="center" wrap="wrap">
        <Typography.Text data-i18n="data">{line.leadUnitName}</Typography.Text>
        <Typography.Text strong style={num}>
          {t('scorePoints', { value: formatDecimal(line.value) })}
        </Typography.Text>
        <Tag color={scoreStatusColors[line.status]} style={{ marginInlineEnd: 0 }}>
          {scoreStatusLabels[line.status]}
        </Tag>
        {!line.counted && (
          <Tooltip title={t('notCountedHint')}>
            <Tag style={{ marginInlineEnd: 0 }}>{t('notCountedTag')}</Tag>
          </Tooltip>
        )}
        <FlagTags flags={line.flags} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('enteredBy')}
        <span data-i18n="data">{line.enteredBy}</span>({formatTime(line.enteredAt)}) · {t('verifiedBy')}
        {line.verifiedBy ? (
          <>
            <span data-i18n="data">{line.verifiedBy}</span>({formatTime(line.verifiedAt)})
          </>
        ) : (
          t('notVerified')
        )}
      </Typography.Text>
      {line.originalValue && (
        <div>
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('adjusted', { from: formatDecimal(line.originalValue), to: formatDecimal(line.value) })}
            {line.reviewReason ? <span data-i18n="data">{line.reviewReason}</span> : t('noReason')}
          </Typography.Text>
        </div>
      )}
      {!line.originalValue && line.reviewReason && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('taskForceNote')}
            <span data-i18n="data">{line.reviewReason}</span>
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
