import { Flex, Segmented, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
// The ES module build: the CommonJS one (lib/) reaches the bundle as an object, not a component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { quartile } from '../rankingView';
import { useResultsT } from '../messages';
import { echarts, quartileColors, quartileLabels } from './echarts';

export interface ScoreBar {
  evaluateeId: string;
  name: string;
  rank: number;
  /** Decimal text; null = nothing to score (left out of the chart). */
  score: string | null;
  /** Dimension scores (points × rate; they add up to 日常监测) by dimension name, for the split by dimension. */
  dimensions: { name: string; score: number }[];
}

/** Above this many bars the chart shows a window of them with a scroll bar. */
const WINDOW = 30;

/**
 * The group's scores as horizontal bars, best on top, coloured by quartile,
 * or split by dimension on demand. A click on a bar opens the unit. Figures
 * that are not the published ones carry a mark over the chart.
 */
export default function ScoreBarChart({
  bars,
  mark,
  onOpen,
}: {
  bars: ScoreBar[];
  /** Written over the chart when the figures are not the published ones ("预览·未发布"). */
  mark?: string;
  onOpen: (evaluateeId: string) => void;
}) {
  const t = useResultsT();
  const [mode, setMode] = useState<'quartile' | 'dimension'>('quartile');
  const scored = useMemo(() => bars.filter((b) => b.score !== null), [bars]);
  const option = useMemo<EChartsOption>(() => {
    // Best on top: ECharts draws category 0 at the bottom, so reverse.
    const rows = [...scored].reverse();
    const names = rows.map((b) => `${b.rank}. ${b.name}`);
    const many = rows.length > WINDOW;
    const base: EChartsOption = {
      animation: rows.length <= 200,
      animationDuration: 300,
      grid: { left: 8, right: many ? 56 : 24, top: mark ? 36 : 12, bottom: mode === 'dimension' ? 56 : 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', min: 0, max: mode === 'dimension' ? undefined : 100, name: mode === 'dimension' ? t('axisDaily') : t('axisScore'), nameLocation: 'end' },
      yAxis: { type: 'category', data: names, axisLabel: { width: 120, overflow: 'truncate' } },
      dataZoom: many
        ? [
            { type: 'slider', yAxisIndex: 0, right: 8, width: 16, startValue: rows.length - WINDOW, endValue: rows.length - 1, showDetail: false },
            { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
          ]
        : [],
      graphic: mark ? [{ type: 'text', right: 16, top: 8, style: { text: mark, fill: '#b45309', font: 'bold 14px sans-serif' } }] : [],
    };
    if (mode === 'quartile') {
      return {
        ...base,
        series: [
          {
            type: 'bar',
            name: t('axisScore'),
            large: rows.length > 400,
            data: rows.map((b, i) => ({
              value: Number(b.score),
              evaluateeId: b.evaluateeId,
              // rows is reversed: position i from the bottom is place n-1-i in the ranking.
              itemStyle: { color: quartileColors[quartile(rows.length - 1 - i, rows.length)] },
            })),
            label: { show: rows.length <= WINDOW, position: 'right', formatter: (p) => Number(p.value).toFixed(2) },
          },
        ],
      };
    }
    const dimensionNames = [...new Set(rows.flatMap((b) => b.dimensions.map((d) => d.name)))];
    return {
      ...base,
      legend: { bottom: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      series: dimensionNames.map((name) => ({
        type: 'bar',
        stack: 'dimensions',
        name,
        data: rows.map((b) => ({ value: b.dimensions.find((d) => d.name === name)?.score ?? 0, evaluateeId: b.evaluateeId })),
      })),
    };
  }, [scored, mark, mode, t]);

  const height = Math.min(Math.max(scored.length, 4), WINDOW) * 26 + (mode === 'dimension' ? 96 : 64);
  // data-rendered tells tests (and screenshots) the bars are drawn, animation included.
  const [rendered, setRendered] = useState(false);
  const onEvents = useMemo(
    () => ({
      click: (p: { data?: { evaluateeId?: string } }) => {
        if (p.data?.evaluateeId) onOpen(p.data.evaluateeId);
      },
      finished: () => setRendered(true),
    }),
    [onOpen],
  );
  return (
    <div data-testid="score-chart" data-mark={mark ?? ''} data-rendered={rendered}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8} style={{ marginBottom: 4 }}>
        <Flex gap={12} wrap="wrap" aria-label={t('legend')}>
          {mode === 'quartile' &&
            quartileLabels().map((l, i) => (
              <Flex key={l} gap={4} align="center">
                <span style={{ width: 12, height: 12, background: quartileColors[i], display: 'inline-block', borderRadius: 2 }} />
                <Typography.Text style={{ fontSize: 12 }}>{l}</Typography.Text>
              </Flex>
            ))}
        </Flex>
        <Segmented
          size="small"
          value={mode}
          onChange={(v) => setMode(v as 'quartile' | 'dimension')}
          options={[
            { value: 'quartile', label: t('byQuartile') },
            { value: 'dimension', label: t('byDimension') },
          ]}
        />
      </Flex>
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height }} onEvents={onEvents} opts={{ renderer: 'canvas' }} />
    </div>
  );
}
