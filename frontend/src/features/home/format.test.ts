import { describe, expect, it } from 'vitest';
import { daysLeftColor, daysLeftText, windowName } from './format';

describe('countdowns', () => {
  it('says how close the last day is', () => {
    expect(daysLeftText(0)).toBe('今天截止');
    expect(daysLeftText(3)).toBe('还剩3天');
    expect(daysLeftText(-2)).toBe('已截止2天');
  });
  it('warns within a week and after the close', () => {
    expect(daysLeftColor(20)).toBe('default');
    expect(daysLeftColor(7)).toBe('orange');
    expect(daysLeftColor(-1)).toBe('red');
  });
  it('names the window of the state', () => {
    expect(windowName('OPEN')).toBe('填报');
    expect(windowName('PUBLICITY')).toBe('公示');
    expect(windowName('REVIEW')).toBeNull();
  });
});
