import { describe, expect, it } from 'vitest';
import { defaultPeriod } from './PeriodPicker';

describe('defaultPeriod', () => {
  it('opens the half being filled in or reviewed', () => {
    expect(defaultPeriod([{ half: 1, state: 'PUBLISHED' as const }, { half: 2, state: 'OPEN' as const }])?.half).toBe(2);
    expect(defaultPeriod([{ half: 2, state: 'DRAFT' as const }, { half: 1, state: 'REVIEW' as const }])?.half).toBe(1);
  });

  it('else the latest half past 筹备, else the first', () => {
    expect(defaultPeriod([{ half: 1, state: 'PUBLISHED' as const }, { half: 2, state: 'DRAFT' as const }])?.half).toBe(1);
    expect(defaultPeriod([{ half: 2, state: 'DRAFT' as const }, { half: 1, state: 'DRAFT' as const }])?.half).toBe(1);
    expect(defaultPeriod([])).toBeUndefined();
  });
});
