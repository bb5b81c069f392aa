import type { EChartsOption } from 'echarts';
// The ES module build: the CommonJS one (lib/) reaches the bundle as an object, not a component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { AggregateMeasure, ViewChart as Chart } from '../../../gql/graphql';
import { measureNames, percentMeasures } from '../catalogue';
import type { Pivot } from '../pivot';
import { echarts } from '../../../lib/echarts';
import { useViewsT } from '../messages';

/** Radar and heatmap axes stay readable up to this many rows. */
const MAX_RADAR = 12;

/**
 * A view drawn as a chart. With columns, the first measure per column (one
 * series per column); without, one series per measure. Heatmap: rows ×
 * columns, first measure. Figures that are not all published carry a mark.
 */
export default function ViewChart({ pivot, measures, chart, mark }: { pivot: Pivot; measures: readonly AggregateMeasure[]; chart: Chart; mark?: string }) {
  const t = useViewsT();
  const option = useMemo<EChartsOption>(() => {
    const names = pivot.lines.map((l) => l.labels.join(' / ') || t('total'));
    const pct = (m: AggregateMeasure) => percentMeasures.has(m);
    const num = (m: AggregateMeasure, v: string | null | undefined) => (v == null ? null : pct(m) ? Number(v) * 100 : Number(v));
    const series: { name: string; data: (number | null)[]; measure: AggregateMeasure }[] =
      pivot.columns.length > 0
        ? pivot.columns.map((c) => ({ name: c.labels.join(' / '), measure: measures[0]!, data: pivot.lines.map((l) => num(measures[0]!, l.cells.get(c.key)?.[0])) }))
        : measures.map((m, i) => ({ name: measureNames[m], measure: m, data: pivot.lines.map((l) => num(m, l.total?.[i])) }));
    const graphic = mark ? [{ type: 'text' as const, right: 16, top: 4, style: { text: mark, fill: '#b45309', font: 'bold 13px sans-serif' } }] : [];
    const unit = pct(measures[0]!) ? '%' : '';
    if (chart === 'HEATMAP' && pivot.columns.length > 0) {
      const data: [number, number, number | null][] = [];
      const values: number[] = [];
      pivot.lines.forEach((l, y) =>
        pivot.columns.forEach((c, x) => {
          const v = num(measures[0]!, l.cells.get(c.key)?.[0]);
          data.push([x, y, v]);
          if (v !== null) values.push(v);
        }),
      );
      return {
        graphic,
        tooltip: { position: 'top' },
        grid: { left: 8, right: 24, top: mark ? 32 : 12, bottom: 64, containLabel: true },
        xAxis: { type: 'category', data: pivot.columns.map((c) => c.labels.join(' / ')), splitArea: { show: true } },
        yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
        visualMap: { min: Math.min(...values, 0), max: Math.max(...values, 1), calculable: true, orient: 'horizontal', left: 'center', bottom: 8, inRange: { color: ['#c2410c', '#fdba74', '#f8fafc', '#60a5fa', '#1d4ed8'] } },
        series: [{ type: 'heatmap', name: measureNames[measures[0]!], data, label: { show: pivot.lines.length * pivot.columns.length <= 120, formatter: (p) => { const v = (p.value as number[])[2]; return v == null ? '' : `${v.toFixed(1)}${unit}`; } } }],
      };
    }
    if (chart === 'RADAR' && pivot.lines.length >= 3) {
      const lines = pivot.lines.slice(0, MAX_RADAR);
      const max = Math.max(1, ...series.flatMap((s) => s.data.slice(0, MAX_RADAR).map((v) => v ?? 0)));
      return {
        graphic,
        tooltip: {},
        legend: { bottom: 0, type: 'scroll' },
        radar: { indicator: lines.map((l) => ({ name: l.labels.join(' / '), max })), radius: '62%' },
        series: [{ type: 'radar', data: series.map((s) => ({ name: s.name, value: s.data.slice(0, MAX_RADAR).map((v) => v ?? 0) })) }],
      };
    }
    return {
      graphic,
      animationDuration: 300,
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(2)}${unit}` : '–') },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: mark ? 36 : 16, bottom: names.length > 8 ? 96 : 40, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 8 ? 40 : 0, width: 110, overflow: 'truncate', interval: 0 } },
      yAxis: { type: 'value', name: unit ? `${measureNames[measures[0]!]}(%)` : undefined },
      dataZoom: names.length > 40 ? [{ type: 'slider', bottom: 24, height: 14, startValue: 0, endValue: 39 }] : [],
      series: series.map((s) => ({ type: chart === 'LINE' ? 'line' : 'bar', name: s.name, data: s.data, connectNulls: false })),
    };
  }, [pivot, measures, chart, mark, t]);
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: chart === 'HEATMAP' ? Math.max(320, 28 * pivot.lines.length + 120) : 420, width: '100%' }} />;
}
