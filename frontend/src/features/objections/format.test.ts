import { describe, expect, it } from 'vitest';
import { canObject, changedCorrections, publicityDaysLeft, publicityText } from './format';

describe('publicity window', () => {
  it('counts days to the last day of 公示 on the Shanghai calendar', () => {
    expect(publicityDaysLeft('2024-07-20', '2024-07-17')).toBe(3);
    expect(publicityDaysLeft('2024-07-20', '2024-07-20')).toBe(0);
    expect(publicityDaysLeft('2024-07-20', '2024-07-22')).toBe(-2);
    expect(publicityDaysLeft(null, '2024-07-22')).toBeNull();
  });

  it('takes objections only in 公示 up to its last day', () => {
    expect(canObject('PUBLICITY', 0)).toBe(true);
    expect(canObject('PUBLICITY', null)).toBe(true);
    expect(canObject('PUBLICITY', -1)).toBe(false);
    expect(canObject('PUBLISHED', 5)).toBe(false);
    expect(canObject('REVIEW', 5)).toBe(false);
  });

  it('says how long is left, or why not', () => {
    expect(publicityText('PUBLICITY', 3, '2024-07-20')).toBe('距公示结束还剩3天(截止2024-07-20),可提出异议');
    expect(publicityText('PUBLICITY', 0, '2024-07-20')).toMatch(/最后一天/);
    expect(publicityText('PUBLICITY', -1, '2024-07-20')).toMatch(/已于2024-07-20结束/);
    expect(publicityText('PUBLISHED', null, null)).toMatch(/正式发布/);
  });
});

describe('changedCorrections', () => {
  const scores = [
    { id: '1', version: 2, value: '8.00' },
    { id: '2', version: 1, value: '5.50' },
    { id: '3', version: 4, value: '3.00' },
  ];
  it('sends only the values that changed', () => {
    expect(changedCorrections(scores, { '1': '9.5', '2': '5.5', '3': '' })).toEqual([{ scoreId: '1', version: 2, value: '9.5' }]);
  });
  it('sends nothing when nothing changed', () => {
    expect(changedCorrections(scores, {})).toEqual([]);
  });
});
