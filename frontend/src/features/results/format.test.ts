import { describe, expect, it } from 'vitest';
import { componentCells, dimensionText, fixedDecimal, MISSING, rankingProblem, scoreText } from './format';

const full = [
  { method: 'DAILY_MONITORING' as const, weight: '60', value: '82.61' },
  { method: 'FIELD_VISITS' as const, weight: '20', value: null },
  { method: 'PUBLIC_OPINION' as const, weight: '10', value: '83.8' },
  { method: 'THIRD_PARTY' as const, weight: '10', value: '94.47' },
];

describe('componentCells', () => {
  it('shows a missing component as — and scales the others up (redistribute)', () => {
    const cells = componentCells(full);
    expect(cells.map((c) => c.label)).toEqual(['日常监测', '实地调研', '民意调查', '第三方评估']);
    expect(cells.map((c) => c.text)).toEqual(['82.61', MISSING, '83.80', '94.47']);
    expect(cells[1]).toMatchObject({ missing: true, weight: '20', effectiveWeight: '0' });
    expect(cells.map((c) => c.effectiveWeight)).toEqual(['75', '0', '12.5', '12.5']);
  });

  it('keeps the weights when the plan counts a missing component as 0', () => {
    expect(componentCells(full, 'ZERO').map((c) => c.effectiveWeight)).toEqual(['60', '20', '10', '10']);
  });

  it('puts the methods in their order and treats an absent one as missing', () => {
    const cells = componentCells([{ method: 'THIRD_PARTY', weight: '10', value: '90' }, { method: 'DAILY_MONITORING', weight: '60', value: '80' }]);
    expect(cells.map((c) => c.text)).toEqual(['80.00', MISSING, MISSING, '90.00']);
    expect(cells[0]!.effectiveWeight).toBe('85.71');
  });
});

describe('scores in tables', () => {
  it('keeps two decimals so columns line up, and — for nothing', () => {
    expect(scoreText('82.9')).toBe('82.90');
    expect(scoreText('84.245')).toBe('84.25');
    expect(scoreText(null)).toBe(MISSING);
    expect(fixedDecimal('7')).toBe('7.00');
  });

  it('shows — for a dimension the evaluatee carries no task of', () => {
    const dims = [{ dimensionId: '1', score: '20.06' }];
    expect(dimensionText(dims, '1')).toBe('20.06');
    expect(dimensionText(dims, '5')).toBe(MISSING);
  });
});

describe('rankingProblem', () => {
  it('accepts 1, 2, 2, 4 for tied scores', () => {
    expect(
      rankingProblem([
        { rank: 1, score: '90' },
        { rank: 2, score: '85.5' },
        { rank: 2, score: '85.50' },
        { rank: 4, score: '80' },
      ]),
    ).toBeNull();
  });

  it('finds a ranking out of order', () => {
    expect(rankingProblem([{ rank: 2, score: '90' }])).toContain('应为 1');
    expect(
      rankingProblem([
        { rank: 1, score: '80' },
        { rank: 2, score: '85' },
      ]),
    ).toContain('高于上一行');
    expect(
      rankingProblem([
        { rank: 1, score: '80' },
        { rank: 2, score: '80' },
      ]),
    ).toContain('名次应相同');
  });
});
