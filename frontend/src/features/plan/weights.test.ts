import { describe, expect, it } from 'vitest';
import { weightsProblem, weightsSum } from './weights';

describe('method weights', () => {
  it('accepts 60/20/10/10 and other exact sums of 100', () => {
    expect(weightsProblem({ dailyMonitoring: '60', fieldVisits: '20', publicOpinion: '10', thirdParty: '10' })).toBeNull();
    expect(weightsProblem({ dailyMonitoring: '33.3', fieldVisits: '33.3', publicOpinion: '33.4', thirdParty: '0' })).toBeNull();
  });

  it('rejects a sum other than 100 and says the sum', () => {
    const w = { dailyMonitoring: '60', fieldVisits: '20', publicOpinion: '10', thirdParty: '5' };
    expect(weightsSum(w)).toBe('95');
    expect(weightsProblem(w)).toBe('四项权重之和应为 100%,当前为 95%');
    expect(weightsProblem({ dailyMonitoring: '60', fieldVisits: '20', publicOpinion: '10', thirdParty: '10.01' })).toContain('100.01%');
  });

  it('names missing and out-of-range weights', () => {
    expect(weightsProblem({ dailyMonitoring: '60', fieldVisits: '', publicOpinion: null, thirdParty: '10' })).toBe('请填写实地调研、民意调查的权重');
    expect(weightsProblem({ dailyMonitoring: '120', fieldVisits: '-20', publicOpinion: '0', thirdParty: '0' })).toContain('日常监测、实地调研');
  });
});
