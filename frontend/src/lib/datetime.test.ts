import { describe, expect, it } from 'vitest';
import { formatDate, formatLongDate, formatTime, shanghaiDay } from './datetime';

describe('datetime', () => {
  it('shows UTC timestamps on the Shanghai clock', () => {
    expect(formatTime('2024-06-30T16:30:00Z')).toBe('2024-07-01 00:30');
    expect(formatDate('2024-06-30T16:30:00Z')).toBe('2024-07-01');
    expect(formatLongDate('2024-06-30T16:30:00Z')).toBe('2024年7月1日');
  });
  it('gives nothing for nothing', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime('not a time')).toBe('');
  });
  it('reads a calendar day as its Shanghai start', () => {
    expect(shanghaiDay('2024-07-01').toISOString()).toBe('2024-06-30T16:00:00.000Z');
  });
});
