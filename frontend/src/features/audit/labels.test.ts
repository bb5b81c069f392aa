import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detailLabel, operationLabel, operationLabels } from './labels';

// The mutation names of the contract, read from schema/*.graphqls.
function schemaMutations(): string[] {
  const dir = join(__dirname, '../../../../schema');
  const names: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphqls'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const block of text.matchAll(/(?:extend\s+)?type\s+Mutation\s*\{([\s\S]*?)\n\}/g)) {
      for (const m of block[1]!.matchAll(/^\s{2}([a-zA-Z]+)\s*[(:]/gm)) names.push(m[1]!);
    }
  }
  return names;
}

describe('operationLabels', () => {
  it('names only mutations that exist in the schema', () => {
    const names = schemaMutations();
    expect(names).toContain('createUser');
    expect(names).toContain('logout');
    expect(Object.keys(operationLabels).filter((op) => !names.includes(op))).toEqual([]);
  });

  it('covers the sign-in and account operations an auditor looks for first', () => {
    for (const op of ['login', 'logout', 'changePassword', 'createUser', 'updateUser', 'resetPassword', 'unlockUser']) expect(operationLabels[op]).toBeTruthy();
    expect(operationLabel('someFutureMutation')).toBe('someFutureMutation');
  });
});

describe('detailLabel', () => {
  it('explains error codes and keeps notes', () => {
    expect(detailLabel('INVALID')).toBe('输入有误(INVALID)');
    expect(detailLabel('UNAUTHENTICATED: 连续登录失败,账户已锁定')).toBe('未登录或用户名、密码错误(UNAUTHENTICATED):连续登录失败,账户已锁定');
    expect(detailLabel('密码正确,等待动态验证码')).toBe('密码正确,等待动态验证码');
    expect(detailLabel(null)).toBeNull();
  });
});
