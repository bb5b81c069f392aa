import { describe, expect, it } from 'vitest';
import { decodeRankingRows } from './rankingRows';
import { rowsJsonSample } from './rankingRows.fixture';
import { defaultRankingView, missingScores, quartile, rankChangeText, scoreBars } from './rankingView';

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

describe('the rows decoded from rowsJson', () => {
  const rows = decodeRankingRows(JSON.parse(rowsJsonSample));
  it('count the scores still missing in the group', () => {
    expect(missingScores(rows)).toBe(3);
    expect(missingScores([])).toBe(0);
  });
  it('give the chart one bar a row in rank order, the score as the exact text', () => {
    const bars = scoreBars(rows);
    expect(bars.map((b) => [b.rank, b.evaluateeId, b.name, b.score])).toEqual([
      [1, '10', '稀土高新区', '84.25'],
      [11, '16', '市人社局', '0'],
      [11, '17', '市住建局', '0'],
    ]);
    expect(bars[0]!.dimensions[0]).toEqual({ name: '一、政务服务“一网通办”', score: 20.06 });
    expect(bars[0]!.dimensions).toHaveLength(5);
  });
});
