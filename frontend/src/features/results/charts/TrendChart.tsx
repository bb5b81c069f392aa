import type { EChartsOption } from 'echarts';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { useResultsT } from '../messages';
import { echarts, seriesColors } from './echarts';

export interface TrendPointView {
  label: string;
  score: number | null;
  groupAverage: number | null;
  rank: number | null;
  groupSize: number;
  preview: boolean;
}

/**
 * Score and the group's average over the periods (left axis), rank on the
 * right axis with 1 on top. Preview points (not published) are hollow and
 * named so in the axis label.
 */
export default function TrendChart({ points, unitName }: { points: TrendPointView[]; unitName: string }) {
  const t = useResultsT();
  const option = useMemo<EChartsOption>(
    () => ({
      animation: points.length <= 200,
      color: seriesColors,
      legend: { bottom: 0 },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 36, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => (p.preview ? t('previewPoint', { label: p.label }) : p.label)), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: [
        { type: 'value', name: t('axisScore'), min: (v) => Math.max(0, Math.floor(v.min / 10) * 10), max: 100 },
        { type: 'value', name: t('axisRank'), inverse: true, min: 1, minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'line',
          name: t('unitScore', { unit: unitName }),
          data: points.map((p) => ({ value: p.score ?? undefined, symbol: p.preview ? 'emptyCircle' : 'circle', symbolSize: 8 })),
          connectNulls: true,
          label: { show: points.length <= 12, position: 'top', formatter: (x) => (x.value == null ? '' : Number(x.value).toFixed(2)) },
        },
        {
          type: 'line',
          name: t('groupAverage'),
          data: points.map((p) => p.groupAverage ?? undefined),
          lineStyle: { type: 'dashed' },
          connectNulls: true,
        },
        {
          type: 'line',
          name: t('axisRank'),
          yAxisIndex: 1,
          lineStyle: { width: 1, type: 'dotted' },
          data: points.map((p) => p.rank ?? undefined),
          connectNulls: true,
          tooltip: { valueFormatter: (v) => (v == null ? '—' : t('rankNth', { rank: String(v) })) },
        },
      ],
    }),
    [points, unitName, t],
  );
  const [rendered, setRendered] = useState(false);
  const onEvents = useMemo(() => ({ finished: () => setRendered(true) }), []);
  return (
    <div data-testid="trend-chart" data-rendered={rendered} data-points={points.length}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height: 300 }} onEvents={onEvents} opts={{ renderer: 'canvas' }} />
    </div>
  );
}
