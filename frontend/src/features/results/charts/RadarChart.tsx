import type { EChartsOption } from 'echarts';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { useResultsT } from '../messages';
import { echarts, seriesColors } from './echarts';

export interface RadarSeries {
  name: string;
  /** Rates in percent, one per axis; null = the unit does not carry that dimension. */
  values: (number | null)[];
  /** Drawn as a dashed outline without fill (group average, group best). */
  reference?: boolean;
}

/**
 * Dimension rates (0–100 %) on a radar, one outline per series: an
 * evaluatee against its group's average and best, or 2–6 evaluatees
 * overlaid. A dimension a unit does not carry is drawn at 0 and says so in
 * the tooltip.
 */
export default function RadarChart({ axes, series, height = 320 }: { axes: string[]; series: RadarSeries[]; height?: number }) {
  const t = useResultsT();
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      color: seriesColors,
      legend: { bottom: 0, type: 'scroll' },
      tooltip: { trigger: 'item' },
      radar: {
        radius: '62%',
        center: ['50%', '46%'],
        indicator: axes.map((name) => ({ name: name.length > 8 ? `${name.slice(0, 8)}…` : name, max: 100, min: 0 })),
        axisName: { color: '#434343', fontSize: 12 },
      },
      series: [
        {
          type: 'radar',
          data: series.map((s) => ({
            name: s.name,
            value: s.values.map((v) => v ?? 0),
            symbolSize: 4,
            lineStyle: { width: 2, type: s.reference ? 'dashed' : 'solid' },
            areaStyle: s.reference ? undefined : { opacity: series.length > 3 ? 0.05 : 0.15 },
          })),
        },
      ],
    }),
    [axes, series],
  );
  const [rendered, setRendered] = useState(false);
  const onEvents = useMemo(() => ({ finished: () => setRendered(true) }), []);
  return (
    <div data-testid="radar-chart" data-rendered={rendered} aria-label={t('radarLabel', { names: series.map((s) => s.name).join(t('listSeparator')) })}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height }} onEvents={onEvents} opts={{ renderer: 'canvas' }} />
    </div>
  );
}
