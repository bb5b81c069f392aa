import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { filenameFromDisposition, refusalMessage } from './download';

describe('refusalMessage', () => {
  afterEach(() => void i18next.changeLanguage('zh-CN'));
  const body = JSON.stringify({ code: 'INVALID', message: '请选择排名组', messageEn: 'choose a ranking group' });

  it("reads the server's JSON refusal in the language in use", async () => {
    expect(refusalMessage(body)).toBe('请选择排名组');
    await i18next.changeLanguage('en');
    expect(refusalMessage(body)).toBe('choose a ranking group');
    expect(refusalMessage(JSON.stringify({ code: 'INVALID', message: '请选择排名组' }))).toBe('请选择排名组');
  });

  it('shows Chinese plain text and hides anything else', () => {
    expect(refusalMessage('没有权限\n')).toBe('没有权限');
    expect(refusalMessage('internal error')).toBe('');
    expect(refusalMessage('')).toBe('');
  });
});

describe('filenameFromDisposition', () => {
  it('decodes the RFC 5987 name Go sends for Chinese file names', () => {
    expect(filenameFromDisposition("attachment; filename*=utf-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97-20261127-1204.xlsx", 'x.xlsx')).toBe('审计日志-20261127-1204.xlsx');
    expect(filenameFromDisposition("attachment; filename*=utf-8''%E8%AF%84%E5%88%86%E6%A8%A1%E6%9D%BF.xlsx", 'x.xlsx')).toBe('评分模板.xlsx');
  });

  it('reads plain names, quoted or not, and falls back', () => {
    expect(filenameFromDisposition('attachment; filename="audit.xlsx"', 'x.xlsx')).toBe('audit.xlsx');
    expect(filenameFromDisposition('attachment; filename=audit.xlsx', 'x.xlsx')).toBe('audit.xlsx');
    expect(filenameFromDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
    expect(filenameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
