import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Result, Row, Segmented, Statistic, Table, Tag, theme, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { PeriodPicker, usePlanPeriod, type PeriodData } from '../../../components/PeriodPicker';
import { PageLoading, QueryError } from '../../../components/QueryState';
import type { BreakdownQuery, MissingComponentRule } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { describeError } from '../../../lib/errors';
import { formatTime, scoreStatusColors, scoreStatusLabels } from '../../../lib/evaluation';
import { chineseNumber, rankingGroupLabels } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { ResultBanner } from '../components/ResultBanner';
import { breakdownQuery, resultsPlanQuery } from '../documents';
import { componentCells, MISSING, scoreText } from '../format';

type BreakdownData = BreakdownQuery['breakdown'];
type TaskData = BreakdownData['tasks'][number];
type LineData = TaskData['scores'][number];

/** `/plans/:planId/results/:evaluateeId`: from an evaluatee's final score down to every lead unit's task score. */
export function BreakdownPage() {
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
    <BreakdownView key={period.id} planId={planId} evaluateeId={evaluateeId} period={period} picker={<PeriodPicker periods={periods} value={period.id} onChange={(id) => select(id)} />} back={back} />
  ) : (
    <Card>
      <Empty description="本方案还没有考评周期" />
    </Card>
  );
}

const filters = [
  { value: 'all', label: '全部任务' },
  { value: 'adjusted', label: '专班调整过' },
  { value: 'missing', label: '缺少分值' },
] as const;
type Filter = (typeof filters)[number]['value'];

function BreakdownView({ planId, evaluateeId, period, picker, back }: { planId: string; evaluateeId: string; period: PeriodData; picker: ReactNode; back: ReactNode }) {
  const { token } = theme.useToken();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: breakdownQuery, variables: { periodId: period.id, evaluateeId } });
  const [planData] = useQuery({ query: resultsPlanQuery, variables: { planId } });
  const [filter, setFilter] = useState<Filter>('all');
  const rule = (planData.data?.plan?.missingComponentRule ?? 'REDISTRIBUTE') as MissingComponentRule;
  const b = data?.breakdown;

  const groups = useMemo(() => {
    if (!b) return [];
    const dims = [...b.dimensions].sort((x, y) => x.number - y.number);
    const names = new Map((planData.data?.plan?.dimensions ?? []).map((d) => [d.id, d]));
    const byDim = new Map<string, TaskData[]>();
    for (const t of b.tasks) byDim.set(t.dimensionId, [...(byDim.get(t.dimensionId) ?? []), t]);
    const ids = [...new Set([...dims.map((d) => d.dimensionId), ...byDim.keys()])];
    return ids.map((id) => {
      const d = dims.find((x) => x.dimensionId === id);
      const n = names.get(id);
      return {
        id,
        title: d ? `${chineseNumber(d.number)}、${d.name}` : n ? `${chineseNumber(n.number)}、${n.name}` : '其他',
        dimension: d,
        tasks: (byDim.get(id) ?? []).sort((x, y) => x.number - y.number),
      };
    });
  }, [b, planData.data]);

  if (!data && fetching) return <PageLoading rows={12} />;
  if (error && !data) {
    if (describeError(error).code === 'FORBIDDEN')
      return <Result status="info" title={`${period.name}的结果尚未公示`} subTitle="考评结果公示后,可在这里查看本单位的得分明细。" extra={back} />;
    return <QueryError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} extra={back} />;
  }
  if (!b) return null;

  const comps = componentCells(b.components, rule);
  // Top-down: the published figure first, back to the components; the
  // dimension steps (the first the server lists) stay in their own order.
  const isDimensionStep = (label: string) => /^方面/.test(label);
  const steps = [...b.steps.filter((s) => !isDimensionStep(s.label)).reverse(), ...b.steps.filter((s) => isDimensionStep(s.label))];
  const keep = (t: TaskData) =>
    filter === 'all' ? true : filter === 'missing' ? t.missing || t.scores.some((s) => !s.counted) : t.scores.some((s) => !!s.originalValue);
  const num = { fontVariantNumeric: 'tabular-nums' as const };

  const taskColumns: TableColumnsType<TaskData> = [
    {
      title: '任务及各牵头单位评分',
      key: 'task',
      render: (_, t) => (
        <Flex vertical gap={6}>
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (o) => (o ? '收起' : '展开') }} style={{ margin: 0 }}>
            <Typography.Text strong>任务 {t.number}</Typography.Text> {t.text}
          </Typography.Paragraph>
          {t.scores.length === 0 ? (
            <Typography.Text type="warning">尚无牵头单位评分</Typography.Text>
          ) : (
            t.scores.map((s) => <ScoreLineView key={s.scoreId} line={s} />)
          )}
        </Flex>
      ),
    },
    { title: '分值', dataIndex: 'points', width: 70, align: 'right', render: (p: string) => <span style={num}>{formatDecimal(p)}</span> },
    {
      title: '得分',
      key: 'score',
      width: 86,
      align: 'right',
      render: (_, t) =>
        t.missing ? (
          <Tooltip title="缺少经核实的分值">
            <Tag color="warning" style={{ marginInlineEnd: 0 }}>
              缺分
            </Tag>
          </Tooltip>
        ) : (
          <Tooltip title={t.scores.filter((s) => s.counted).length > 1 ? '多个牵头单位评分的平均' : undefined}>
            <Typography.Text strong style={num}>
              {formatDecimal(t.score, 4)}
            </Typography.Text>
          </Tooltip>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={`${b.evaluatee.unit.name} · 得分明细`}
        hint={`${rankingGroupLabels[b.evaluatee.group]} · ${b.period.name} · 自上而下:最终得分 → 四项得分 → 各方面 → 每项任务及各牵头单位的评分`}
        actions={
          <>
            {picker}
            {back}
          </>
        }
      />
      <ResultBanner
        preview={b.preview}
        publishedAt={b.period.state === 'PUBLISHED' ? b.period.publishedAt : null}
        publishedLabel="发布于"
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
            {b.exact && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                精确值 {b.exact},四舍五入保留两位小数
              </Typography.Text>
            )}
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
                { title: '权重', dataIndex: 'weight', width: 80, align: 'right', render: (w: string) => `${w}%` },
                {
                  title: '实际权重',
                  dataIndex: 'effectiveWeight',
                  width: 96,
                  responsive: ['sm'],
                  align: 'right',
                  render: (w: string, c) => (c.missing && rule !== 'ZERO' ? <Typography.Text type="secondary">不计入</Typography.Text> : `${w}%`),
                },
                {
                  title: '得分',
                  dataIndex: 'text',
                  width: 110,
                  align: 'right',
                  render: (t: string, c) =>
                    c.missing ? (
                      <Tooltip title={rule === 'ZERO' ? '暂无数据,按 0 分计' : '暂无数据,其权重按比例分给其他各项'}>
                        <Typography.Text type="secondary">{MISSING} 暂无数据</Typography.Text>
                      </Tooltip>
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

      <Card size="small" title="计算过程" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey={(s, i) => `${s.label}-${i}`}
          pagination={false}
          dataSource={steps}
          scroll={{ x: 640 }}
          columns={[
            { title: '步骤', dataIndex: 'label', width: 110, render: (l: string) => <Typography.Text strong>{l}</Typography.Text> },
            { title: '公式', dataIndex: 'formula', width: '38%' },
            { title: '计算', dataIndex: 'detail', render: (d: string) => <span style={{ ...num, wordBreak: 'break-word' }}>{d}</span> },
          ]}
        />
      </Card>

      <Card size="small" title="各方面得分" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Table
          size="small"
          rowKey="dimensionId"
          pagination={false}
          dataSource={[...b.dimensions].sort((x, y) => x.number - y.number)}
          scroll={{ x: 600 }}
          columns={[
            { title: '方面', key: 'name', render: (_, d) => `${chineseNumber(d.number)}、${d.name}` },
            { title: '分值', dataIndex: 'points', width: 70, align: 'right', render: (p: string) => formatDecimal(p) },
            { title: '承担任务分值', dataIndex: 'carriedPoints', width: 110, align: 'right', render: (p: string) => formatDecimal(p, 4) },
            { title: '任务得分合计', dataIndex: 'earned', width: 110, align: 'right', render: (p: string) => formatDecimal(p, 4) },
            {
              title: '折算得分',
              dataIndex: 'score',
              width: 96,
              align: 'right',
              render: (p: string) => (
                <Tooltip title="方面分值 × 任务得分合计 ÷ 承担任务分值">
                  <Typography.Text strong>{formatDecimal(p)}</Typography.Text>
                </Tooltip>
              ),
            },
          ]}
          locale={{ emptyText: '该考评对象本周期没有承担任务' }}
        />
      </Card>

      <Card
        size="small"
        title="任务得分明细"
        extra={<Segmented<Filter> size="small" value={filter} onChange={setFilter} options={filters.map((f) => ({ ...f }))} />}
        styles={{ body: { display: 'flex', flexDirection: 'column', gap: 16 } }}
        data-testid="breakdown-tasks"
      >
        {groups.every((g) => g.tasks.filter(keep).length === 0) ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter === 'all' ? '没有承担的任务' : '没有符合条件的任务'} />
        ) : (
          groups
            .filter((g) => g.tasks.some(keep))
            .map((g) => (
              <div key={g.id}>
                <Flex justify="space-between" align="baseline" wrap="wrap" gap={8} style={{ marginBottom: 6 }}>
                  <Typography.Text strong style={{ fontSize: token.fontSizeLG }}>
                    {g.title}
                  </Typography.Text>
                  {g.dimension && (
                    <Typography.Text type="secondary">
                      任务得分合计 {formatDecimal(g.dimension.earned, 4)} / {formatDecimal(g.dimension.carriedPoints, 4)} → 折算 {formatDecimal(g.dimension.score)} /{' '}
                      {formatDecimal(g.dimension.points)} 分
                    </Typography.Text>
                  )}
                </Flex>
                <Table<TaskData> size="small" rowKey="taskId" pagination={false} columns={taskColumns} dataSource={g.tasks.filter(keep)} bordered />
              </div>
            ))
        )}
      </Card>
    </>
  );
}

/** One lead unit's score of a task: value, status, who entered and verified it, and any adjustment. */
function ScoreLineView({ line }: { line: LineData }) {
  return (
    <div
      data-score-line=""
      style={{ borderInlineStart: `3px solid ${line.counted ? '#91caff' : '#d9d9d9'}`, paddingInlineStart: 8, opacity: line.counted ? 1 : 0.7 }}
    >
      <Flex gap={8} align="center" wrap="wrap">
        <Typography.Text>{line.leadUnitName}</Typography.Text>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
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
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        录入人:{line.enteredBy}({formatTime(line.enteredAt)})
        {' · '}
        核实人:{line.verifiedBy ? `${line.verifiedBy}(${formatTime(line.verifiedAt)})` : '未核实'}
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
