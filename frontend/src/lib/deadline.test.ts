import { describe, expect, it } from 'vitest';
import { deadlineMonthLabel, deadlineStateLabel, deadlineStateTag, deadlineTags, guessDeadline } from './deadline';

describe('deadline state labels and tags', () => {
  it('names every state as the method writes it', () => {
    expect(deadlineStateLabel('COMPLETED')).toBe('完成');
    expect(deadlineStateLabel('STAGED_RESULTS')).toBe('取得阶段性成效');
    expect(deadlineStateLabel('NOTABLE_RESULTS')).toBe('取得明显成效');
    expect(deadlineStateLabel('ONGOING')).toBe('持续推进');
    expect(deadlineStateLabel(null)).toBe('未注明');
  });

  it('gives each state its own colour and none to a missing state', () => {
    const colours = (['COMPLETED', 'STAGED_RESULTS', 'NOTABLE_RESULTS', 'ONGOING'] as const).map((s) => deadlineStateTag(s)?.color);
    expect(new Set(colours).size).toBe(4);
    expect(deadlineStateTag('COMPLETED')).toEqual({ label: '完成', color: 'green' });
    expect(deadlineStateTag(undefined)).toBeNull();
  });

  it('adds 持续 for continuing work but not twice for 持续推进', () => {
    expect(deadlineTags({ state: 'NOTABLE_RESULTS', continuing: true }).map((t) => t.label)).toEqual(['取得明显成效', '持续']);
    expect(deadlineTags({ state: 'COMPLETED', continuing: false }).map((t) => t.label)).toEqual(['完成']);
    expect(deadlineTags({ state: 'ONGOING', continuing: true }).map((t) => t.label)).toEqual(['持续推进']);
    expect(deadlineTags({ state: null, continuing: false })).toEqual([]);
  });

  it('labels the month', () => {
    expect(deadlineMonthLabel(6)).toBe('6月底');
    expect(deadlineMonthLabel(null)).toBe('');
  });
});

describe('guessDeadline', () => {
  it('reads the phrases of the method', () => {
    expect(guessDeadline('5月底取得明显成效并持续推进')).toEqual({ month: 5, state: 'NOTABLE_RESULTS', continuing: true });
    expect(guessDeadline('5月底取得阶段性成效并持续推进')).toEqual({ month: 5, state: 'STAGED_RESULTS', continuing: true });
    expect(guessDeadline('6月底完成')).toEqual({ month: 6, state: 'COMPLETED', continuing: false });
    expect(guessDeadline('持续优化')).toEqual({ month: null, state: 'ONGOING', continuing: true });
    expect(guessDeadline('13月底完成').month).toBeNull();
  });
});
