import { describe, expect, it } from 'vitest';
import { defaultRankingView, quartile, rankChangeText } from './rankingView';

describe('defaultRankingView', () => {
  it('opens on the year when both halves are published', () => {
    expect(defaultRankingView([{ id: '2', half: 2, state: 'PUBLISHED' }, { id: '1', half: 1, state: 'PUBLISHED' }])).toEqual({ annual: true });
  });
  it('opens on the published half, not the preview of the half in progress', () => {
    expect(defaultRankingView([{ id: '1', half: 1, state: 'PUBLISHED' }, { id: '2', half: 2, state: 'OPEN' }])).toEqual({ annual: false, periodId: '1' });
  });
  it('takes a half in 公示 when none is released', () => {
    expect(defaultRankingView([{ id: '1', half: 1, state: 'PUBLICITY' }, { id: '2', half: 2, state: 'DRAFT' }])).toEqual({ annual: false, periodId: '1' });
  });
  it('falls back to the latest half past 筹备 (a preview)', () => {
    expect(defaultRankingView([{ id: '1', half: 1, state: 'OPEN' }, { id: '2', half: 2, state: 'DRAFT' }])).toEqual({ annual: false, periodId: '1' });
    expect(defaultRankingView([])).toEqual({ annual: false, periodId: undefined });
  });
});

describe('rankChangeText', () => {
  it('writes rises, falls, no change and new units', () => {
    expect(rankChangeText({ previousRank: 3, change: 2 }, true).text).toBe('▲2');
    expect(rankChangeText({ previousRank: 1, change: -1 }, true).text).toBe('▼1');
    expect(rankChangeText({ previousRank: 4, change: 0 }, true).text).toBe('–');
    expect(rankChangeText({ previousRank: null, change: null }, true)).toMatchObject({ text: '新', tone: 'new' });
  });
  it('says nothing without an earlier ranking', () => {
    expect(rankChangeText({ previousRank: null, change: null }, false).text).toBe('');
    expect(rankChangeText(undefined, true).text).toBe('');
  });
});

describe('quartile', () => {
  it('splits a ranking into four bands', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => quartile(i, 8))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(quartile(0, 1)).toBe(0);
  });
});
