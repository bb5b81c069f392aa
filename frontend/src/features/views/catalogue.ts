import type { AggregateGrouping, AggregateMeasure, ViewChart } from '../../gql/graphql';

/** zh-CN names of the aggregate's measures (the exports use the same, server/analytics/export.go). */
export const measureNames: Record<AggregateMeasure, string> = {
  SCORE_SUM: '得分合计',
  SCORE_MEAN: '平均得分',
  SCORE_MIN: '最低得分',
  SCORE_MAX: '最高得分',
  SCORE_STDDEV: '得分标准差',
  POINTS_SUM: '分值合计',
  RATE: '得分率',
  RATE_MEAN: '平均得分率',
  RATE_MIN: '最低得分率',
  RATE_MAX: '最高得分率',
  RATE_STDDEV: '得分率标准差',
  SCORE_COUNT: '评分条数',
  EVALUATEE_COUNT: '考评对象数',
  FULL_MARKS_SHARE: '满分占比',
  BELOW_HALF_SHARE: '不足一半占比',
  ADJUSTED_SHARE: '被专班调整占比',
  ADJUSTMENT_MEAN: '平均调整幅度',
  RETURNED_SHARE: '被退回占比',
};

/** Measures that are shares or rates: shown as percentages. */
export const percentMeasures: ReadonlySet<AggregateMeasure> = new Set<AggregateMeasure>([
  'RATE', 'RATE_MEAN', 'RATE_MIN', 'RATE_MAX', 'RATE_STDDEV', 'FULL_MARKS_SHARE', 'BELOW_HALF_SHARE', 'ADJUSTED_SHARE', 'RETURNED_SHARE',
]);

export const groupingNames: Record<AggregateGrouping, string> = {
  PLAN_YEAR: '年度',
  PERIOD: '考评周期',
  RANKING_GROUP: '排名组',
  EVALUATEE: '考评对象',
  DIMENSION: '维度',
  INDICATOR: '指标',
  TASK: '任务',
  LEAD_UNIT: '牵头单位',
  SCORE_STATE: '评分状态',
  DATA_SOURCE: '数据来源',
};

export const chartNames: Record<ViewChart, string> = { BAR: '柱状图', LINE: '折线图', HEATMAP: '热力图', RADAR: '雷达图' };

/** A figure as the table shows it: shares as percentages with one decimal, others with up to two. */
export function formatValue(measure: AggregateMeasure, value: string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (percentMeasures.has(measure)) return `${(n * 100).toFixed(1)}%`;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
