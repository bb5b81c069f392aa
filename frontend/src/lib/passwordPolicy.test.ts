import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblems } from './passwordPolicy';

describe('passwordProblems', () => {
  it('accepts the demo password and three classes of four', () => {
    expect(passwordProblems('Kaoping@2023', 'admin')).toEqual([]);
    expect(passwordProblems('kaoping@2023', 'admin')).toEqual([]); // lower, digit, symbol
    expect(passwordProblems('KAOPING2023x', 'admin')).toEqual([]); // upper, digit, lower
  });

  it('refuses short passwords, two classes and the username', () => {
    expect(passwordProblems('Ab1!', 'u')).toEqual(['密码至少 8 位']);
    expect(passwordProblems('abcdefgh12', 'u')).toEqual(['须含大写字母、小写字母、数字、符号中的至少三类']);
    expect(passwordProblems('Zhang.San1', 'zhang.san1')).toEqual(['不能与用户名相同']);
  });

  it('counts characters, not UTF-16 units, and Chinese as symbols like the server', () => {
    expect(passwordProblems('考评Aa1', 'u')).toEqual(['密码至少 8 位']);
    expect(passwordProblems('考评考评abcd1', 'u')).toEqual([]);
  });
});

describe('generatePassword', () => {
  it('always passes the policy', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(12);
      expect(passwordProblems(p, 'someone')).toEqual([]);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });
});
