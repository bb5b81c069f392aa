import type { AggregateMeasure } from '../../gql/graphql';
import { enumLabelMap } from '../../lib/enumLabels';

/** zh-CN names of the aggregate's measures, from the server's catalogue (server/labels; the exports use the same). */
export const measureNames = enumLabelMap('AggregateMeasure');

/** Measures that are shares or rates: shown as percentages. */
export const percentMeasures: ReadonlySet<AggregateMeasure> = new Set<AggregateMeasure>([
  'RATE', 'RATE_MEAN', 'RATE_MIN', 'RATE_MAX', 'RATE_STDDEV', 'FULL_MARKS_SHARE', 'BELOW_HALF_SHARE', 'ADJUSTED_SHARE', 'RETURNED_SHARE',
]);

export const groupingNames = enumLabelMap('AggregateGrouping');

export const chartNames = enumLabelMap('ViewChart');

/** A figure as the table shows it: shares as percentages with one decimal, others with up to two. */
export function formatValue(measure: AggregateMeasure, value: string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (percentMeasures.has(measure)) return `${(n * 100).toFixed(1)}%`;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
