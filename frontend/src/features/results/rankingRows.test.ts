import { describe, expect, it } from 'vitest';
import { componentCells, dimensionText, scoreText } from './format';
import { decodeRankingRows, readRankingRows, RankingRowsShapeError } from './rankingRows';
import { rowsJsonSample as sample } from './rankingRows.fixture';

const parsed = () => JSON.parse(sample) as unknown;

describe('decodeRankingRows', () => {
  it('reads real rowsJson output as it is, without copying', () => {
    const json = parsed();
    const rows = decodeRankingRows(json);
    expect(rows).toBe(json);
    expect(rows.map((r) => [r.rank, r.evaluatee.unit.name, r.score])).toEqual([
      [1, '稀土高新区', '84.25'],
      [11, '市人社局', '0'],
      [11, '市住建局', '0'],
    ]);
    expect(rows[0]!.evaluatee).toEqual({ id: '10', group: 'DISTRICTS', unit: { id: '10', name: '稀土高新区', sortKey: 100 } });
  });

  it('keeps Decimals as the exact strings the JSON gives', () => {
    const rows = decodeRankingRows(parsed());
    // More digits than a float holds: a number would print 0.6666666666666666.
    expect(rows[2]!.dimensions[0]!.carriedPoints).toBe('0.66666666666666666667');
    expect(rows[0]!.dimensions[0]).toEqual({ dimensionId: '1', number: 1, name: '政务服务“一网通办”', points: '25', carriedPoints: '13.5', earned: '10.835', score: '20.06' });
    expect(rows[0]!.components.map((c) => c.value)).toEqual(['82.61', null, '83.83', '94.47']);
  });

  it('gives the table what typed rows gave it', () => {
    const [first, tied] = decodeRankingRows(parsed());
    expect(scoreText(first!.score)).toBe('84.25');
    expect(scoreText(tied!.score)).toBe('0.00');
    expect(componentCells(first!.components).map((c) => [c.text, c.effectiveWeight])).toEqual([
      ['82.61', '75'],
      ['—', '0'],
      ['83.83', '12.5'],
      ['94.47', '12.5'],
    ]);
    expect(dimensionText(first!.dimensions, '2')).toBe('13.64');
    expect(dimensionText(tied!.dimensions, '2')).toBe('—');
  });

  it('takes a score of null (nothing to score) and an empty group', () => {
    const json = parsed() as Record<string, unknown>[];
    json[1]!['score'] = null;
    expect(decodeRankingRows(json)[1]!.score).toBeNull();
    expect(decodeRankingRows([])).toEqual([]);
  });

  /** decodeRankingRows of the sample with the field at path ("0.evaluatee.id") set to value, or removed for undefined. */
  const broken = (path: string, value: unknown) => () => {
    const json = parsed();
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((o, k) => (o as Record<string, unknown>)[k], json) as Record<string, unknown>;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return decodeRankingRows(json);
  };

  it('fails clearly, naming the first field that is wrong', () => {
    expect(broken('0.score', 84.25)).toThrow('rowsJson does not have the documented shape: rows[0].score is the number 84.25, not a Decimal string or null');
    expect(broken('2.dimensions.0.carriedPoints', 0.6666666666666666)).toThrow('rows[2].dimensions[0].carriedPoints is the number 0.6666666666666666, not a Decimal string');
    expect(broken('1.evaluatee.unit', undefined)).toThrow('rows[1].evaluatee.unit is missing, not an object');
    expect(broken('0.rank', '1')).toThrow('rows[0].rank is the string "1", not an integer');
    expect(broken('0.components', null)).toThrow('rows[0].components is null, not an array');
    expect(broken('0.components.1.value', 'n/a')).toThrow('rows[0].components[1].value is the string "n/a", not a Decimal string or null');
    expect(broken('0.evaluatee.id', 10)).toThrow('rows[0].evaluatee.id is the number 10, not an ID string');
    expect(broken('1.missingScores', undefined)).toThrow('rows[1].missingScores is missing, not an integer');
  });

  it('fails on rowsJson that is not the array: a string of JSON, the typed shape, nothing', () => {
    expect(() => decodeRankingRows(sample)).toThrow(/documented shape: rowsJson is the string "\[.*…", not an array$/);
    expect(() => decodeRankingRows({ rows: parsed() })).toThrow('rowsJson is an object, not an array');
    expect(() => decodeRankingRows(undefined)).toThrow('rowsJson is missing, not an array');
    expect(() => decodeRankingRows([null])).toThrow('rows[0] is null, not an object');
    expect(() => decodeRankingRows([[]])).toThrow('rows[0] is an array, not an object');
  });
});

describe('readRankingRows', () => {
  it('returns the rows, or the shape error to show instead of throwing it', () => {
    expect(readRankingRows(parsed()).rows).toHaveLength(3);
    expect(readRankingRows(parsed()).error).toBeUndefined();
    const bad = readRankingRows({ rows: [] });
    expect(bad.rows).toEqual([]);
    expect(bad.error).toBeInstanceOf(RankingRowsShapeError);
    expect(bad.error?.message).toMatch(/documented shape: rowsJson is an object/);
  });
});
