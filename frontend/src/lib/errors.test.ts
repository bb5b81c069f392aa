import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { assignFieldErrors, describeError, fieldPath } from './errors';

function gqlError(message: string, extensions: Record<string, unknown>) {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
}

describe('describeError', () => {
  it('lists the Chinese field messages of an INVALID error', () => {
    const d = describeError(
      gqlError('input is invalid', {
        code: 'INVALID',
        fields: [
          { field: 'name', rule: 'required', message: '请填写名称', messageEn: 'name is required' },
          { field: 'weights.thirdParty', rule: 'dlte', message: '不能大于 100', messageEn: 'at most 100' },
        ],
      }),
    );
    expect(d.code).toBe('INVALID');
    expect(d.fields.map((f) => f.field)).toEqual(['name', 'weights.thirdParty']);
    expect(d.message).toBe('请填写名称;不能大于 100');
  });

  it('says that someone else changed the record on a stale-version CONFLICT', () => {
    for (const msg of ['version mismatch', '任务 12 已被他人修改,请刷新后重试']) {
      const d = describeError(gqlError(msg, { code: 'CONFLICT' }));
      expect(d.code).toBe('CONFLICT');
      expect(d.message).toContain('其他人修改');
      expect(d.message).toContain('重新加载');
    }
  });

  it('keeps a Chinese server message and hides internals', () => {
    expect(describeError(gqlError('仍有数据引用该对象,不能删除', { code: 'CONFLICT' })).message).toBe('仍有数据引用该对象,不能删除');
    expect(describeError(gqlError('任务 9 不存在', { code: 'NOT_FOUND' })).message).toBe('任务 9 不存在');
    const internal = describeError(gqlError('pq: relation "x" does not exist', { code: 'INTERNAL', requestId: 'r-42' }));
    expect(internal.message).not.toContain('pq:');
    expect(internal.message).toContain('服务器');
    expect(internal.message).toContain('r-42');
  });

  it('asks to retry when the database was unavailable, whatever the server said', () => {
    for (const msg of ['网络或数据库暂时不可用,请重试', 'database connection lost']) {
      const d = describeError(gqlError(msg, { code: 'UNAVAILABLE' }));
      expect(d.code).toBe('UNAVAILABLE');
      expect(d.message).toContain('网络或数据库暂时不可用,请重试');
    }
  });

  it('names a network failure and an unknown code', () => {
    expect(describeError(new CombinedError({ networkError: new Error('Failed to fetch') }))).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('无法连接服务器') });
    expect(describeError(gqlError('boom', {})).code).toBe('UNKNOWN');
    expect(describeError('nonsense').message).toContain('操作未能完成');
  });
});

describe('describeError in English', () => {
  afterEach(() => void i18next.changeLanguage('zh-CN'));

  it("shows the server's English message and field messages, falling back to the Chinese", async () => {
    await i18next.changeLanguage('en');
    expect(describeError(gqlError('任务 9 不存在', { code: 'NOT_FOUND', messageEn: 'task 9 does not exist' })).message).toBe('task 9 does not exist');
    expect(
      describeError(gqlError('只能模拟本单位的得分', { code: 'FORBIDDEN', messageEn: "You can only simulate your own unit's score" })).message,
    ).toBe("You can only simulate your own unit's score");
    // A server without English (or an error without it) still says something specific.
    expect(describeError(gqlError('仍有数据引用该对象,不能删除', { code: 'CONFLICT' })).message).toBe('仍有数据引用该对象,不能删除');
    const invalid = describeError(
      gqlError('输入有误:请填写名称', {
        code: 'INVALID',
        messageEn: 'Invalid input: name is required',
        fields: [
          { field: 'name', rule: 'required', message: '请填写名称', messageEn: 'name is required' },
          { field: 'points', rule: 'dgte', message: '不能小于 0' },
        ],
      }),
    );
    expect(invalid.message).toBe('name is required; 不能小于 0');
    expect(invalid.fields.map((f) => f.message)).toEqual(['name is required', '不能小于 0']);
  });

  it('keeps the generic sentences for a stale version and for internals', async () => {
    await i18next.changeLanguage('en');
    const stale = describeError(gqlError('任务 12 已被他人修改,请刷新后重试', { code: 'CONFLICT', messageEn: 'Task 12 was changed by someone else; reload and try again' }));
    expect(stale.message).toContain('Someone else changed this record');
    const internal = describeError(gqlError('服务器内部错误', { code: 'INTERNAL', messageEn: 'Internal server error', requestId: 'r-7' }));
    expect(internal.message).toContain('r-7');
  });

  it('shows the Chinese when the UI is in Chinese', () => {
    expect(describeError(gqlError('任务 9 不存在', { code: 'NOT_FOUND', messageEn: 'task 9 does not exist' })).message).toBe('任务 9 不存在');
  });
});

describe('fieldPath and assignFieldErrors', () => {
  it('normalises server field names to form paths', () => {
    expect(fieldPath('input.weights.dailyMonitoring')).toEqual(['weights', 'dailyMonitoring']);
    expect(fieldPath('UpdatePlanInput.Weights.DailyMonitoring')).toEqual(['weights', 'dailyMonitoring']);
    expect(fieldPath('leadUnitIds[0]')).toEqual(['leadUnitIds']);
    expect(fieldPath('name')).toEqual(['name']);
  });

  it('puts known fields on the form and the rest aside', () => {
    const { onForm, rest } = assignFieldErrors(
      [
        { field: 'input.name', message: '名称已存在' },
        { field: 'input.name', message: '不超过 100 字' },
        { field: 'version', message: '版本无效' },
      ],
      [['name'], ['kind']],
    );
    expect(onForm).toEqual([{ name: ['name'], errors: ['名称已存在', '不超过 100 字'] }]);
    expect(rest.map((r) => r.field)).toEqual(['version']);
  });
});
