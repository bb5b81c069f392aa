import { describe, expect, it } from 'vitest';
import { bestAndWorst, compareProblem, parseIds } from './compareView';

describe('compare', () => {
  it('accepts 2 to 6 and says what is wrong otherwise', () => {
    expect(compareProblem(0)).toMatch(/2–6/);
    expect(compareProblem(1)).toMatch(/还需再选 1 个/);
    expect(compareProblem(2)).toBeNull();
    expect(compareProblem(6)).toBeNull();
    expect(compareProblem(7)).toMatch(/最多同时对比 6 个.*去掉 1 个/);
  });
  it('marks best and worst per row, ties included, ranks reversed', () => {
    expect(bestAndWorst({ values: [80, 90, null, 90, 70] })).toEqual({ best: new Set([1, 3]), worst: new Set([4]) });
    expect(bestAndWorst({ values: [3, 1, 2], lowerIsBetter: true })).toEqual({ best: new Set([1]), worst: new Set([0]) });
    expect(bestAndWorst({ values: [50, 50] })).toEqual({ best: new Set(), worst: new Set() });
    expect(bestAndWorst({ values: [50, null] })).toEqual({ best: new Set(), worst: new Set() });
  });
  it('reads ids from the URL once each', () => {
    expect(parseIds('3, 1,3,x,')).toEqual(['3', '1']);
    expect(parseIds(null)).toEqual([]);
  });
});
