import { describe, expect, it } from 'vitest';
import { explainDaily, explainDimension, explainFinal, ratePercent } from './explain';
import { componentCells } from './format';

const dims = [
  { number: 2, name: '数据共享', points: '30', carriedPoints: '10', earned: '5', score: '15' },
  { number: 1, name: '营商环境', points: '70', carriedPoints: '20', earned: '19.5', score: '68.25' },
];

describe('explain', () => {
  it('reads a rate as score over points', () => {
    expect(ratePercent('68.25', '70')).toBe(97.5);
    expect(ratePercent('1', '0')).toBeNull();
  });
  it('says a dimension in words with its numbers', () => {
    expect(explainDimension(dims[1]!)).toBe('一、营商环境 68.25 分 = 分值 70 分 × 得分率 97.50%(任务得分 19.5 ÷ 承担任务分值 20)');
  });
  it('sums the dimensions in plan order for 日常监测', () => {
    expect(explainDaily('83.25', dims)).toBe('日常监测 83.25 分 = 各方面得分率按分值加权:一、营商环境 68.25 + 二、数据共享 15.00。');
    expect(explainDaily(null, dims)).toMatch(/暂无数据/);
  });
  it('weights the components, saying what is missing', () => {
    const cells = componentCells(
      [
        { method: 'DAILY_MONITORING', weight: '60', value: '80' },
        { method: 'FIELD_VISITS', weight: '20', value: null },
        { method: 'PUBLIC_OPINION', weight: '10', value: '90' },
        { method: 'THIRD_PARTY', weight: '10', value: '70' },
      ],
      'REDISTRIBUTE',
    );
    const text = explainFinal('80', cells);
    expect(text).toContain('日常监测 80.00 分 × 75%');
    expect(text).toContain('实地调研暂无数据,其权重按比例分给其他各项');
  });
});
