import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  belowHalf,
  maxEnterable,
  moveFocus,
  parsePasteBlock,
  parseScoreText,
  planPaste,
  readConflicts,
  readCurrentScore,
  readRejections,
  validateCell,
  type GridLayout,
  type SentEntry,
} from './grid';

describe('parsePasteBlock', () => {
  it('reads a block copied from Excel: tabs between cells, a newline after every row', () => {
    expect(parsePasteBlock('1.5\t0.5\n1\t0.25\n')).toEqual([
      ['1.5', '0.5'],
      ['1', '0.25'],
    ]);
  });

  it('drops only the trailing newline Excel adds, and reads Windows \\r\\n', () => {
    expect(parsePasteBlock('1.2\t1.3\r\n0.8\t\r\n')).toEqual([
      ['1.2', '1.3'],
      ['0.8', ''],
    ]);
    expect(parsePasteBlock('0.5')).toEqual([['0.5']]);
  });

  it('keeps empty cells in place so values stay in their columns', () => {
    expect(parsePasteBlock('\t0.7\n0.6\t\n')).toEqual([
      ['', '0.7'],
      ['0.6', ''],
    ]);
  });

  it('trims spaces and the quotes Excel puts around some cells', () => {
    expect(parsePasteBlock(' 1.1 \t"0.9"\n')).toEqual([['1.1', '0.9']]);
  });
});

describe('parseScoreText', () => {
  it('reads full-width digits, a leading dot and a trailing 分', () => {
    expect(parseScoreText('１．５')).toEqual({ kind: 'number', value: '1.5' });
    expect(parseScoreText('.5')).toEqual({ kind: 'number', value: '0.5' });
    expect(parseScoreText('0.75分')).toEqual({ kind: 'number', value: '0.75' });
    expect(parseScoreText('  ')).toEqual({ kind: 'empty' });
  });

  it('tells negative numbers from text', () => {
    expect(parseScoreText('-1').kind).toBe('negative');
    expect(parseScoreText('一分').kind).toBe('invalid');
    expect(parseScoreText('1.2.3').kind).toBe('invalid');
  });
});

describe('validateCell', () => {
  const base = { comment: '', maxPoints: '1.5' };

  it('accepts 0, the full points and two decimals', () => {
    expect(validateCell({ ...base, text: '1.5' })).toBeNull();
    expect(validateCell({ ...base, text: '0.75' })).toBeNull();
    expect(validateCell({ ...base, text: '1.50' })).toBeNull();
    expect(validateCell({ ...base, text: '0', comment: '未开展工作' })).toBeNull();
  });

  it('refuses values above the points, negative values and a third decimal', () => {
    expect(validateCell({ ...base, text: '1.51' })).toContain('不能超过满分 1.5');
    expect(validateCell({ ...base, text: '-0.1' })).toBe('分值不能为负数');
    expect(validateCell({ ...base, text: '1.255' })).toBe('分值最多保留两位小数');
    expect(validateCell({ ...base, text: 'abc' })).toBe('请填写数字');
  });

  it('wants a 说明 of two characters when the score is below half the points', () => {
    expect(validateCell({ ...base, text: '0.74' })).toContain('须在“说明”中写明理由');
    expect(validateCell({ ...base, text: '0.74', comment: '差' })).toContain('说明');
    expect(validateCell({ ...base, text: '0.74', comment: '未按期完成' })).toBeNull();
    // exactly half needs none
    expect(validateCell({ ...base, text: '0.75' })).toBeNull();
  });

  it('compares exactly with shares like 2/3 of a point and says what can be entered', () => {
    const third = '0.66666666666666666667';
    expect(validateCell({ text: '0.67', comment: '', maxPoints: third })).toBe('不能超过满分 0.67 分(最多可填 0.66)');
    expect(validateCell({ text: '0.66', comment: '', maxPoints: third })).toBeNull();
    expect(maxEnterable(third)).toBe('0.66');
    expect(maxEnterable('1.5')).toBe('1.5');
    expect(belowHalf('0.33', third)).toBe(true);
    expect(belowHalf('0.34', third)).toBe(false);
  });

  it('lets an empty new cell be but not an emptied saved score', () => {
    expect(validateCell({ ...base, text: '' })).toBeNull();
    expect(validateCell({ ...base, text: '', hasScore: true })).toContain('不能清空');
  });
});

// A 3 × 3 grid where (1, 1) is not a cell (the evaluatee does not carry the task).
const layout: GridLayout = {
  rows: ['e1', 'e2', 'e3'],
  cols: ['t1', 't2', 't3'],
  has: (r, c) => !(r === 1 && c === 1),
};

describe('moveFocus', () => {
  it('skips places without a cell', () => {
    expect(moveFocus(layout, { row: 0, col: 1 }, 'down')).toEqual({ row: 2, col: 1 });
    expect(moveFocus(layout, { row: 1, col: 0 }, 'right')).toEqual({ row: 1, col: 2 });
  });

  it('stops at the edges and wraps Tab to the next row', () => {
    expect(moveFocus(layout, { row: 0, col: 0 }, 'up')).toBeNull();
    expect(moveFocus(layout, { row: 0, col: 2 }, 'next')).toEqual({ row: 1, col: 0 });
    expect(moveFocus(layout, { row: 1, col: 0 }, 'prev')).toEqual({ row: 0, col: 2 });
    expect(moveFocus(layout, { row: 2, col: 2 }, 'next')).toBeNull();
  });
});

describe('planPaste', () => {
  it('lays a block from the focused cell, position by position', () => {
    const plan = planPaste(parsePasteBlock('1\t2\n3\t4\n'), { row: 0, col: 0 }, layout);
    expect(plan.targets).toEqual([
      { row: 0, col: 0, text: '1' },
      { row: 0, col: 1, text: '2' },
      { row: 1, col: 0, text: '3' },
    ]);
    // (1, 1) has no cell: its value is not moved elsewhere
    expect(plan.skipped).toBe(1);
    expect(plan.outside).toBe(0);
  });

  it('counts what falls outside the grid or on locked cells', () => {
    const plan = planPaste([['1', '2', '3']], { row: 2, col: 1 }, layout, (r, c) => !(r === 2 && c === 2));
    expect(plan.targets).toEqual([{ row: 2, col: 1, text: '1' }]);
    expect(plan.skipped).toBe(1);
    expect(plan.outside).toBe(1);
  });
});

function gqlError(message: string, extensions: Record<string, unknown>) {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
}

const sent: SentEntry[] = [
  { key: 'e1:t1', evaluateeId: 'e1', taskId: 't1', value: '1', comment: '', version: 1 },
  { key: 'e2:t1', evaluateeId: 'e2', taskId: 't1', value: '0.5', comment: '好', version: 0 },
];

describe('readConflicts', () => {
  it('matches input.entries[i] to the cell sent and reads the current score (Go field names)', () => {
    const error = gqlError('1个分值已被他人修改', {
      code: 'CONFLICT',
      fields: [{ field: 'input.entries[1]', rule: 'version', message: '该分值已被他人修改,请刷新后重试' }],
      current: [{ ID: 9, EvaluateeID: 'e2', TaskID: 't1', Value: '0.6', Comment: '他人', Status: 'DRAFT', EnteredByName: '李四', Version: 2 }],
    });
    const conflicts = readConflicts(error, sent);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.key).toBe('e2:t1');
    expect(conflicts[0]!.theirs).toMatchObject({ id: '9', value: '0.6', version: 2, enteredBy: '李四', status: 'DRAFT' });
  });

  it('reads the GraphQL spelling too, and nothing from other errors', () => {
    expect(readCurrentScore({ id: '3', evaluateeId: 'e1', taskId: 't1', value: '1', comment: '', status: 'SUBMITTED', version: 4 })).toMatchObject({ version: 4, status: 'SUBMITTED' });
    expect(readConflicts(gqlError('bad', { code: 'INVALID' }), sent)).toEqual([]);
  });

  it('keeps a conflict whose current score is unknown', () => {
    const error = gqlError('x', { code: 'CONFLICT', fields: [{ field: 'input.entries[0]', message: '该分值已由专班核实,不能再修改' }], current: [null] });
    expect(readConflicts(error, sent)).toEqual([{ key: 'e1:t1', theirs: null, message: '该分值已由专班核实,不能再修改' }]);
  });
});

describe('readRejections', () => {
  it('puts the server’s words on the cells it names', () => {
    const error = gqlError('有1处分值不符合要求', { code: 'INVALID', fields: [{ field: 'input.entries[0]', rule: 'dlte', message: '分值不能超过该任务的满分1.5' }] });
    expect(readRejections(error, sent)).toEqual([{ key: 'e1:t1', message: '分值不能超过该任务的满分1.5' }]);
  });
});
