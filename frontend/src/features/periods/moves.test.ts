import { describe, expect, it } from 'vitest';
import { describeMove } from './moves';

describe('describeMove', () => {
  it('asks for a reason only when a period goes back', () => {
    expect(describeMove('PUBLISHED', 'REVIEW')).toMatchObject({ back: true, label: '重新开放(退回审核)' });
    expect(describeMove('REVIEW', 'OPEN').back).toBe(true);
    expect(describeMove('REVIEW', 'PUBLICITY')).toMatchObject({ back: false, label: '公示结果' });
    expect(describeMove('PUBLICITY', 'PUBLISHED')).toMatchObject({ back: false, label: '正式发布' });
  });
});
