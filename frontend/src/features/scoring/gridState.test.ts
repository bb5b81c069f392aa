import { describe, expect, it } from 'vitest';
import type { ScoreLite } from './grid';
import { emptyGrid, gridReducer, pendingEntries, type GridAction, type GridState } from './gridState';

const mine: ScoreLite = { id: 's1', evaluateeId: 'e1', taskId: 't1', value: '1', comment: '', status: 'SUBMITTED', version: 3 };

function run(...actions: GridAction[]): GridState {
  return actions.reduce(gridReducer, emptyGrid);
}

const valid = () => true;

describe('gridReducer', () => {
  it('sends an edit with the version it started from, as a canonical number', () => {
    const s = run({ type: 'load', scores: [mine] }, { type: 'edit', key: 'e1:t1', value: '１．２' }, { type: 'edit', key: 'e2:t1', value: '0.9' });
    expect(pendingEntries(s, valid)).toEqual([
      { key: 'e1:t1', evaluateeId: 'e1', taskId: 't1', value: '1.2', comment: '', version: 3 },
      { key: 'e2:t1', evaluateeId: 'e2', taskId: 't1', value: '0.9', comment: '', version: 0 },
    ]);
  });

  it('forgets an edit typed back to the saved value', () => {
    const s = run({ type: 'load', scores: [mine] }, { type: 'edit', key: 'e1:t1', value: '2' }, { type: 'edit', key: 'e1:t1', value: '1.0' });
    expect(s.edits).toEqual({});
  });

  it('keeps a newer copy when an older answer arrives late', () => {
    const s = run({ type: 'load', scores: [{ ...mine, version: 5, value: '1.4' }] }, { type: 'load', scores: [mine] });
    expect(s.scores['e1:t1']).toMatchObject({ version: 5, value: '1.4' });
  });

  it('after a save, drops what was saved and rebases what changed meanwhile', () => {
    const sentState = run({ type: 'load', scores: [mine] }, { type: 'edit', key: 'e1:t1', value: '1.2' }, { type: 'edit', key: 'e2:t1', value: '0.9' });
    const started = gridReducer(sentState, { type: 'saveStart', entries: pendingEntries(sentState, valid) });
    const typedMore = gridReducer(started, { type: 'edit', key: 'e1:t1', value: '1.3' });
    const saved = gridReducer(typedMore, {
      type: 'saved',
      at: 1,
      scores: [
        { ...mine, value: '1.2', status: 'DRAFT', version: 4 },
        { id: 's2', evaluateeId: 'e2', taskId: 't1', value: '0.9', comment: '', status: 'DRAFT', version: 1 },
      ],
    });
    expect(saved.edits['e2:t1']).toBeUndefined();
    expect(saved.edits['e1:t1']).toEqual({ value: '1.3', comment: '', base: 4 });
    expect(pendingEntries(saved, valid)).toEqual([{ key: 'e1:t1', evaluateeId: 'e1', taskId: 't1', value: '1.3', comment: '', version: 4 }]);
  });

  it('holds a conflicting cell back and sends the others again', () => {
    const s = run({ type: 'load', scores: [mine] }, { type: 'edit', key: 'e1:t1', value: '1.2' }, { type: 'edit', key: 'e2:t1', value: '0.9' });
    const theirs: ScoreLite = { ...mine, value: '0.8', version: 4, enteredBy: '李四' };
    const c = gridReducer(s, { type: 'conflict', conflicts: [{ key: 'e1:t1', theirs, message: '已被他人修改' }] });
    expect(pendingEntries(c, valid).map((e) => e.key)).toEqual(['e2:t1']);

    // 保留我的: mine again, now over their version
    const keep = gridReducer(c, { type: 'keepMine', key: 'e1:t1' });
    expect(keep.conflicts).toEqual({});
    expect(pendingEntries(keep, valid).find((e) => e.key === 'e1:t1')).toMatchObject({ value: '1.2', version: 4 });

    // 采用对方的: their value, my edit gone
    const take = gridReducer(c, { type: 'takeTheirs', key: 'e1:t1' });
    expect(take.edits['e1:t1']).toBeUndefined();
    expect(take.scores['e1:t1']).toMatchObject({ value: '0.8', version: 4 });
  });

  it('holds a cell the server refused until it is edited again', () => {
    const s = run({ type: 'edit', key: 'e1:t1', value: '1.2' }, { type: 'rejected', rejections: [{ key: 'e1:t1', message: '分值不能超过该任务的满分1' }] });
    expect(s.rejected['e1:t1']).toContain('满分');
    expect(pendingEntries(s, valid)).toEqual([]);
    const again = gridReducer(s, { type: 'edit', key: 'e1:t1', value: '1' });
    expect(again.rejected).toEqual({});
    expect(pendingEntries(again, valid)).toHaveLength(1);
  });

  it('does not send cells that are invalid here or empty', () => {
    const s = run({ type: 'edit', key: 'e1:t1', value: '9' }, { type: 'edit', key: 'e2:t1', value: 'x' });
    expect(pendingEntries(s, (key) => key !== 'e1:t1')).toEqual([]);
  });
});
