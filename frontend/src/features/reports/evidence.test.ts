import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES, evidenceProblem } from './evidence';

describe('evidenceProblem', () => {
  it('lets PDF, images and Office files through', () => {
    for (const name of ['总结.pdf', '现场.JPG', '截图.png', '方案.docx', '台账.xlsx', '汇报.pptx']) expect(evidenceProblem({ name, size: 1000 })).toBeNull();
  });

  it('refuses empty, oversized, old Office and other files', () => {
    expect(evidenceProblem({ name: 'a.pdf', size: 0 })).toBe('文件为空');
    expect(evidenceProblem({ name: 'a.pdf', size: MAX_EVIDENCE_BYTES + 1 })).toContain('10MB');
    expect(evidenceProblem({ name: '旧.doc', size: 10 })).toContain('旧版 Office');
    expect(evidenceProblem({ name: 'x.zip', size: 10 })).toContain('不受支持');
  });
});
