import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './download';

describe('filenameFromDisposition', () => {
  it('reads the UTF-8 name Go writes for Chinese file names', () => {
    expect(filenameFromDisposition("attachment; filename*=utf-8''%E8%AF%84%E5%88%86%E6%A8%A1%E6%9D%BF.xlsx")).toBe('评分模板.xlsx');
  });

  it('reads a plain quoted or bare name, and nothing from nothing', () => {
    expect(filenameFromDisposition('attachment; filename="scores.xlsx"')).toBe('scores.xlsx');
    expect(filenameFromDisposition('attachment; filename=scores.xlsx')).toBe('scores.xlsx');
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
