import { describe, expect, test } from 'vitest';
import { buildPivot, byChange, change, type AnswerRow } from './pivot';

const row = (keys: (string | null)[], groupedBy: AnswerRow['groupedBy'], value: string): AnswerRow => ({
  keys,
  labels: keys.map((k) => (k === null ? null : `L${k}`)),
  values: [value],
  groupedBy,
  live: false,
});

describe('buildPivot', () => {
  test('cells, row totals, column totals and the grand total', () => {
    const rows = [
      row(['u1', 'p1'], ['LEAD_UNIT', 'PERIOD'], '1'),
      row(['u1', 'p2'], ['LEAD_UNIT', 'PERIOD'], '3'),
      row(['u2', 'p2'], ['LEAD_UNIT', 'PERIOD'], '5'),
      row(['u1', null], ['LEAD_UNIT'], '4'),
      row(['u2', null], ['LEAD_UNIT'], '5'),
      row([null, 'p1'], ['PERIOD'], '1'),
      row([null, 'p2'], ['PERIOD'], '8'),
      row([null, null], [], '9'),
    ];
    const p = buildPivot(rows, ['LEAD_UNIT'], ['PERIOD']);
    expect(p.columns.map((c) => c.labels[0])).toEqual(['Lp1', 'Lp2']);
    expect(p.lines.map((l) => [l.labels[0], l.cells.get('p1')?.[0] ?? null, l.cells.get('p2')?.[0], l.total?.[0]])).toEqual([
      ['Lu1', '1', '3', '4'],
      ['Lu2', null, '5', '5'],
    ]);
    expect(p.columnTotals.get('p2')).toEqual(['8']);
    expect(p.grandTotal).toEqual(['9']);
    expect(change(p.lines[0]!, p.columns)).toBe(2);
    expect(change(p.lines[1]!, p.columns)).toBeNull();
    expect(byChange(p.lines, p.columns).map((l) => l.key)).toEqual(['u1', 'u2']);
  });

  test('rows only: the cell is the line total', () => {
    const p = buildPivot([row(['u1'], ['LEAD_UNIT'], '2'), row([null], [], '2')], ['LEAD_UNIT'], []);
    expect(p.lines[0]!.total).toEqual(['2']);
    expect(p.columns).toEqual([]);
    expect(p.grandTotal).toEqual(['2']);
  });

  test('no groupings: one figure', () => {
    const p = buildPivot([row([], [], '7')], [], []);
    expect(p.lines).toEqual([]);
    expect(p.grandTotal).toEqual(['7']);
  });
});
