import { describe, expect, it } from 'vitest';
import { ownIndicators } from './AllocateModal';

const task = (id: string, leads: string[]) => ({ id, number: Number(id), text: `任务${id}`, points: null, effectivePoints: '0.5', leadUnits: leads.map((l) => ({ id: l })) });
const plan = {
  id: 'p1',
  dimensions: [
    {
      id: 'd1',
      number: 1,
      indicators: [
        { id: 'alone', number: 1, name: '独自牵头', points: '1', tasks: [task('1', ['u1']), task('2', ['u1'])] },
        { id: 'shared', number: 2, name: '共同牵头', points: '1', tasks: [task('3', ['u1', 'u2'])] },
        { id: 'mixed', number: 3, name: '部分牵头', points: '1', tasks: [task('4', ['u1']), task('5', ['u2'])] },
        { id: 'empty', number: 4, name: '无任务', points: '1', tasks: [] },
      ],
    },
  ],
};

describe('ownIndicators', () => {
  it('offers only indicators whose every task the unit leads alone (R8)', () => {
    expect(ownIndicators(plan, 'u1').map((i) => i.id)).toEqual(['alone']);
    expect(ownIndicators(plan, 'u2')).toEqual([]);
    expect(ownIndicators(undefined, 'u1')).toEqual([]);
  });
});
