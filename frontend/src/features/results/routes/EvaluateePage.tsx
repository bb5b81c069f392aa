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
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod, type PeriodData } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { EvaluateeProfileQuery, MissingComponentRule } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { describeError } from '../../../lib/errors';
import { formatFileSize, formatTime, progressStateColors, progressStateLabels, scoreStatusColors, scoreStatusLabels } from '../../../lib/evaluation';
import { chineseNumber, rankingGroupLabels } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { ResultBanner } from '../components/ResultBanner';
import { evaluateeProfileQuery, evaluateeTrendQuery, resultsPlanQuery } from '../documents';
import { explainDaily, explainDimension, explainFinal, percentText, ratePercent } from '../explain';
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

const judgementLabels: Record<string, { text: string; color: string }> = {
  DONE: { text: '已落实', color: 'success' },
  PARTIAL: { text: '部分落实', color: 'warning' },
  NOT_DONE: { text: '未落实', color: 'error' },
  NA: { text: '不适用', color: 'default' },
};

/** `/plans/:planId/results/:evaluateeId`: one evaluatee's page, from the final score down to the evidence of every task. */
export function EvaluateePage() {
  const { planId = '', evaluateeId = '' } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const { plan, periods, period, select, fetching, error, reload } = usePlanPeriod(planId);

  if (!can('TASK_FORCE', 'LEADER', 'ANALYST', 'EVALUATEE_CONTACT')) return <Result status="403" title="您没有查看得分明细的权限" />;
  if (!plan && fetching) return <PageLoading rows={12} />;
  if (error && !plan) return <QueryError error={error} onRetry={reload} />;
  if (!plan) return <Result status="404" title="未找到该考评方案" />;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/plans/${planId}/ranking${period ? `?period=${period.id}` : ''}`)}>
      返回排名
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
      <Empty description="本方案还没有考评周期" />
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
      return <Result status="info" title={`${period.name}的结果尚未公示`} subTitle="考评结果公示后,可在这里查看本单位的得分明细。" extra={back} />;
    return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} extra={back} />;
  }
  if (!p || !b) return null;

  // 公示: the contact may object to its result, overall or per task (features/objections).
  const objectTo = can('EVALUATEE_CONTACT') && b.period.state === 'PUBLICITY' ? `/plans/${planId}/objections?period=${period.id}&new=1` : undefined;
  const comps = componentCells(b.components, rule);
  const daily = b.components.find((c) => c.method === 'DAILY_MONITORING')?.value ?? null;
  const groupRates = new Map(p.groupRates.map((g) => [g.dimensionId, g]));
  const radarAxes = dims.map((d) => `${chineseNumber(d.number)}、${d.name}`);
  const radarSeries = [
    { name: b.evaluatee.unit.name, values: dims.map((d) => ratePercent(d.score, d.points)) },
    ...(p.groupRates.length
      ? [
          { name: '组内平均', values: dims.map((d) => numberOrNull(groupRates.get(d.dimensionId)?.average)), reference: true },
          { name: '组内最高', values: dims.map((d) => numberOrNull(groupRates.get(d.dimensionId)?.best)), reference: true },
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
      title: '方面',
      key: 'name',
      render: (_, d) => (
        <Typography.Text strong>
          {chineseNumber(d.number)}、{d.name}
        </Typography.Text>
      ),
    },
    { title: '分值', dataIndex: 'points', width: 72, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v)}</span> },
    { title: '得分', dataIndex: 'score', width: 80, align: 'right', render: (v: string) => <Typography.Text strong style={num}>{formatDecimal(v)}</Typography.Text> },
    { title: '得分率', key: 'rate', width: 88, align: 'right', render: (_, d) => <RateText rate={ratePercent(d.score, d.points)} /> },
    {
      title: '组内平均',
      key: 'avg',
      width: 88,
      align: 'right',
      responsive: ['md'],
      render: (_, d) => <span style={num}>{percentText(groupRates.get(d.dimensionId)?.average)}</span>,
    },
  ];
  const indicatorColumns: TableColumnsType<IndicatorData> = [
    { title: '指标', key: 'name', render: (_, i) => `${i.number}. ${i.name}` },
    { title: '承担分值', dataIndex: 'carriedPoints', width: 88, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v, 4)}</span> },
    { title: '任务得分', dataIndex: 'earned', width: 88, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v, 4)}</span> },
    { title: '得分率', dataIndex: 'rate', width: 88, align: 'right', render: (v: string | null) => <RateText rate={numberOrNull(v)} /> },
  ];
  const taskColumns: TableColumnsType<TaskData> = [
    {
      title: '任务',
      key: 'task',
      render: (_, t) => (
        <Flex gap={6} align="center" wrap="wrap">
          <Typography.Text>
            <Typography.Text strong>任务 {t.number}</Typography.Text> {t.text.length > 60 ? `${t.text.slice(0, 60)}…` : t.text}
          </Typography.Text>
          {evidenceByTask.get(t.taskId)?.report && (
            <Tooltip title="有进展报送">
              <Tag icon={<PaperClipOutlined />} color="processing" style={{ marginInlineEnd: 0 }}>
                {evidenceByTask.get(t.taskId)!.report!.evidence.length}
              </Tag>
            </Tooltip>
          )}
          {t.finding && (
            <Tag color={judgementLabels[t.finding.judgement]?.color} style={{ marginInlineEnd: 0 }}>
              实地:{judgementLabels[t.finding.judgement]?.text}
            </Tag>
          )}
          <TaskFlagsTag task={t} />
        </Flex>
      ),
    },
    { title: '分值', dataIndex: 'points', width: 72, align: 'right', render: (v: string) => <span style={num}>{formatDecimal(v, 4)}</span> },
    {
      title: '得分',
      key: 'score',
      width: 80,
      align: 'right',
      render: (_, t) =>
        t.missing ? (
          <Tooltip title="缺少经核实的分值">
            <Tag color="warning" style={{ marginInlineEnd: 0 }}>
              缺分
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text strong style={num}>
            {formatDecimal(t.score, 4)}
          </Typography.Text>
        ),
    },
    { title: '得分率', key: 'rate', width: 88, align: 'right', render: (_, t) => (t.missing ? null : <RateText rate={ratePercent(t.score, t.points)} />) },
  ];

  return (
    <>
      <PageTitle
        title={`${b.evaluatee.unit.name} · 考评结果`}
        hint={`${rankingGroupLabels[b.evaluatee.group]} · ${b.period.name} · 最终得分 → 四项得分 → 各方面 → 指标 → 任务,展开可看评分人、核实人、进展报送和实地调研`}
        actions={
          <>
            {picker}
            {can('TASK_FORCE', 'LEADER', 'ANALYST') && (
              <Button icon={<DiffOutlined />} onClick={() => navigate(`/plans/${planId}/compare?period=${period.id}&ids=${evaluateeId}`)}>
                与其他单位对比
              </Button>
            )}
            {objectTo && (
              <Button type="primary" icon={<MessageOutlined />} onClick={() => navigate(objectTo)}>
                提出异议
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
              title={b.preview ? '半年得分(预览)' : '半年得分'}
              value={scoreText(b.score)}
              suffix={b.score ? '分' : undefined}
              styles={{ content: { fontSize: 40, fontWeight: 600, color: b.preview ? token.colorWarningText : token.colorText } }}
            />
            <Flex vertical gap={4}>
              {p.rank != null && (
                <Typography.Text data-testid="profile-rank">
                  {rankingGroupLabels[b.evaluatee.group]}第 <Typography.Text strong>{p.rank}</Typography.Text> 名{p.groupSize ? ` / 共 ${p.groupSize} 个` : ''}
                </Typography.Text>
              )}
              <Button type="link" icon={<CalculatorOutlined />} style={{ padding: 0, alignSelf: 'flex-start' }} onClick={() => setFormulaOpen(true)} data-testid="open-formula">
                这个分数是怎么算的
              </Button>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} md={16} xl={18}>
          <Card size="small" title="四项得分" styles={{ body: { padding: 0 } }}>
            <Table
              size="small"
              rowKey="method"
              pagination={false}
              dataSource={comps}
              columns={[
                { title: '考评方式', dataIndex: 'label', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
                { title: '权重', key: 'w', width: 96, align: 'right', render: (_, c) => (c.missing && rule !== 'ZERO' ? <Typography.Text type="secondary">不计入</Typography.Text> : `${c.effectiveWeight}%`) },
                {
                  title: '得分',
                  dataIndex: 'text',
                  width: 110,
                  align: 'right',
                  render: (t: string, c) =>
                    c.missing ? (
                      <Typography.Text type="secondary">{MISSING} 暂无数据</Typography.Text>
                    ) : (
                      <Typography.Text strong style={num}>
                        {t}
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
          <Card size="small" title={p.groupRates.length ? '各方面得分率:本单位、组内平均与组内最高' : '各方面得分率'} style={{ height: '100%' }}>
            {dims.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本周期没有承担任务" />
            ) : (
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 320 }} />}>
                <RadarChart axes={radarAxes} series={radarSeries} />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="历次得分与名次" style={{ height: '100%' }} data-testid="trend">
            {trend.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无可比较的周期" />
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
        title="各方面 → 指标 → 任务"
        styles={{ body: { padding: 0 } }}
        data-testid="breakdown-tasks"
        extra={
          flaggedScores > 0 && (
            <Tooltip title="牵头单位评分与本单位进展报送、实地调研、截止时间或其他牵头单位不一致;展开任务可见原因。疑点不改变分值。">
              <Tag color="warning" data-testid="profile-flags" style={{ marginInlineEnd: 0 }}>
                {flaggedScores} 个评分有疑点
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
          locale={{ emptyText: '该考评对象本周期没有承担任务' }}
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

      <Drawer title="计算过程" open={formulaOpen} onClose={() => setFormulaOpen(false)} size="large" data-testid="formula-drawer">
        <Flex vertical gap={12}>
          <Typography.Paragraph strong style={{ margin: 0 }}>
            {explainFinal(b.score, comps)}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ margin: 0 }}>{explainDaily(daily, dims)}</Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {dims.map((d) => (
              <li key={d.dimensionId}>
                <Typography.Text>{explainDimension(d)}</Typography.Text>
              </li>
            ))}
          </ul>
          {b.exact && (
            <Typography.Text type="secondary" data-testid="exact">
              精确值 {b.exact},公布时四舍五入保留两位小数
            </Typography.Text>
          )}
          <Typography.Title level={5} style={{ marginBottom: 0 }}>
            逐步计算
          </Typography.Title>
          <Table
            size="small"
            rowKey={(s, i) => `${s.label}-${i}`}
            pagination={false}
            dataSource={b.steps}
            scroll={{ x: 560 }}
            columns={[
              { title: '步骤', dataIndex: 'label', width: 110 },
              { title: '公式', dataIndex: 'formula', width: '34%' },
              { title: '计算', dataIndex: 'detail', render: (x: string) => <span style={{ ...num, wordBreak: 'break-word' }}>{x}</span> },
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
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }} data-testid="task-detail">
      <Typography.Paragraph style={{ margin: 0 }}>{task.text}</Typography.Paragraph>
      {objectTo && (
        <Link to={`${objectTo}&task=${task.taskId}`}>
          <MessageOutlined /> 对本任务的得分提出异议
        </Link>
      )}
      <div>
        <Typography.Text strong>牵头单位评分</Typography.Text>
        <Flex vertical gap={6} style={{ marginTop: 4 }}>
          {task.scores.length === 0 ? <Typography.Text type="warning">尚无牵头单位评分</Typography.Text> : task.scores.map((s) => <ScoreLineView key={s.scoreId} line={s} />)}
        </Flex>
      </div>
      <div>
        <Typography.Text strong>进展报送</Typography.Text>
        {report ? (
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 4 }}
            items={[
              { key: 's', label: '进展', children: <Tag color={progressStateColors[report.state]}>{progressStateLabels[report.state]}</Tag> },
              { key: 'n', label: '说明', children: <span style={{ whiteSpace: 'pre-wrap' }}>{report.narrative || '(未填写)'}</span> },
              { key: 'u', label: '报送', children: `${report.updatedBy}(${formatTime(report.updatedAt)})` },
              {
                key: 'e',
                label: '佐证材料',
                children:
                  report.evidence.length === 0 ? (
                    <Typography.Text type="secondary">未上传</Typography.Text>
                  ) : (
                    <Space orientation="vertical" size={2}>
                      {report.evidence.map((f) => (
                        <Typography.Link key={f.id} href={f.url} download={f.filename} data-evidence-link="" style={{ wordBreak: 'break-all' }}>
                          <PaperClipOutlined /> {f.filename}({formatFileSize(f.size)})
                        </Typography.Link>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        ) : (
          <div>
            <Typography.Text type="secondary">本周期未报送进展</Typography.Text>
          </div>
        )}
      </div>
      {task.finding && (
        <div>
          <Typography.Text strong>实地调研(已审核)</Typography.Text>
          <Flex vertical gap={4} style={{ marginTop: 4 }}>
            <Flex gap={8} align="center" wrap="wrap">
              <Tag color={judgementLabels[task.finding.judgement]?.color}>{judgementLabels[task.finding.judgement]?.text}</Tag>
              <Typography.Text type="secondary">调研日期 {task.finding.visitDate.slice(0, 10)}</Typography.Text>
            </Flex>
            {task.finding.note && <Typography.Text>{task.finding.note}</Typography.Text>}
            {evidence && evidence.photos.length > 0 && (
              <Image.PreviewGroup>
                <Flex gap={8} wrap="wrap">
                  {evidence.photos.map((ph, i) => (
                    <Image key={ph.id} src={ph.url} width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt={`现场照片 ${i + 1}`} />
                  ))}
                </Flex>
              </Image.PreviewGroup>
            )}
            {evidence && evidence.photos.length === 0 && task.finding.photos > 0 && <Typography.Text type="secondary">{task.finding.photos} 张现场照片(无权查看)</Typography.Text>}
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
  const flagged = task.scores.filter((s) => s.flags.length > 0);
  if (flagged.length === 0) return null;
  return (
    <Tooltip
      title={
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {flagged.flatMap((s) => s.flags.map((f) => <li key={`${s.scoreId}-${f.rule}`}>{`${s.leadUnitName}:${f.label}。${f.reason}`}</li>))}
        </ul>
      }
    >
      <Tag color="warning" data-task-flags={flagged.length} style={{ marginInlineEnd: 0 }}>
        疑点 {flagged.reduce((n, s) => n + s.flags.length, 0)}
      </Tag>
    </Tooltip>
  );
}

/** One lead unit's score of a task: value, status, who entered and verified it, and any adjustment by the 专班. */
function ScoreLineView({ line }: { line: LineData }) {
  return (
    <div data-score-line="" style={{ borderInlineStart: `3px solid ${line.counted ? '#91caff' : '#d9d9d9'}`, paddingInlineStart: 8, opacity: line.counted ? 1 : 0.7 }}>
      <Flex gap={8} align="center" wrap="wrap">
        <Typography.Text>{line.leadUnitName}</Typography.Text>
        <Typography.Text strong style={num}>
          {formatDecimal(line.value)} 分
        </Typography.Text>
        <Tag color={scoreStatusColors[line.status]} style={{ marginInlineEnd: 0 }}>
          {scoreStatusLabels[line.status]}
        </Tag>
        {!line.counted && (
          <Tooltip title="草稿或未核实的分值不计入公布结果">
            <Tag style={{ marginInlineEnd: 0 }}>未计入</Tag>
          </Tooltip>
        )}
        <FlagTags flags={line.flags} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        评分人:{line.enteredBy}({formatTime(line.enteredAt)}) · 核实人:{line.verifiedBy ? `${line.verifiedBy}(${formatTime(line.verifiedAt)})` : '未核实'}
      </Typography.Text>
      {line.originalValue && (
        <div>
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            专班调整:原 {formatDecimal(line.originalValue)} 分 → {formatDecimal(line.value)} 分,理由:{line.reviewReason ?? '(未说明)'}
          </Typography.Text>
        </div>
      )}
      {!line.originalValue && line.reviewReason && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            专班意见:{line.reviewReason}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
