import type { EChartsOption } from 'echarts';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { useResultsT } from '../messages';
import { echarts } from './echarts';

export interface HeatmapRow {
  evaluateeId: string;
  name: string;
  /** Rate in percent per column; null = the unit does not carry the dimension. */
  rates: (number | null)[];
}

/** Rows shown at once; more scroll with the slider (a province group has over a thousand). */
const WINDOW = 30;

/**
 * A group × dimensions grid of rates, first row on top, in the order given
 * (the page sorts). A click on a cell opens that unit at that dimension.
 */
export default function HeatmapChart({
  columns,
  rows,
  onOpen,
}: {
  columns: { id: string; name: string }[];
  rows: HeatmapRow[];
  onOpen: (evaluateeId: string, dimensionId: string) => void;
}) {
  const t = useResultsT();
  const option = useMemo<EChartsOption>(() => {
    // ECharts draws category 0 at the bottom: reverse so the first row is on top.
    const ordered = [...rows].reverse();
    const many = ordered.length > WINDOW;
    const data: { value: [number, number, number | string]; evaluateeId: string; dimensionId: string }[] = [];
    ordered.forEach((r, y) =>
      r.rates.forEach((v, x) => data.push({ value: [x, y, v ?? '-'], evaluateeId: r.evaluateeId, dimensionId: columns[x]!.id })),
    );
    return {
      animation: false,
      tooltip: {
        formatter: (p) => {
          const d = (p as unknown as { data: { value: [number, number, number | string] } }).data.value;
          const unit = ordered[d[1]]?.name ?? '';
          return `${unit}<br/>${columns[d[0]]?.name ?? ''}:${typeof d[2] === 'number' ? `${d[2].toFixed(2)}%` : t('notCarried')}`;
        },
      },
      grid: { left: 8, right: many ? 40 : 8, top: 8, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: columns.map((c) => c.name), position: 'top', axisLabel: { interval: 0, width: 84, overflow: 'truncate' }, splitArea: { show: true } },
      yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { width: 110, overflow: 'truncate' }, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        text: ['100%', '0%'],
        // Colour-blind safe: orange (low) → blue (high).
        inRange: { color: ['#c2410c', '#fdba74', '#f5f5f5', '#93c5fd', '#1d4ed8'] },
      },
      dataZoom: many
        ? [
            { type: 'slider', yAxisIndex: 0, right: 8, width: 16, startValue: ordered.length - WINDOW, endValue: ordered.length - 1, showDetail: false },
            { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
          ]
        : [],
      series: [
        {
          type: 'heatmap',
          data,
          progressive: 2000,
          label: { show: ordered.length <= WINDOW && columns.length <= 8, formatter: (p) => (typeof (p.value as unknown[])[2] === 'number' ? Number((p.value as number[])[2]).toFixed(0) : '') },
          emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
        },
      ],
    };
  }, [columns, rows, t]);
  const height = Math.min(Math.max(rows.length, 4), WINDOW) * 26 + 120;
  const [rendered, setRendered] = useState(false);
  const onEvents = useMemo(
    () => ({
      click: (p: { data?: { evaluateeId?: string; dimensionId?: string } }) => {
        if (p.data?.evaluateeId && p.data.dimensionId) onOpen(p.data.evaluateeId, p.data.dimensionId);
      },
      finished: () => setRendered(true),
    }),
    [onOpen],
  );
  return (
    <div data-testid="heatmap-chart" data-rendered={rendered} data-rows={rows.length}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height }} onEvents={onEvents} opts={{ renderer: 'canvas' }} />
    </div>
  );
}
