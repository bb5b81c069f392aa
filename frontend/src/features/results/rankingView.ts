// What the ranking page opens on and how a rank change reads.
import type { PeriodState } from '../../gql/graphql';

export interface PeriodLike {
  id: string;
  half: number;
  state: PeriodState;
}

const frozen = (s: PeriodState) => s === 'PUBLISHED' || s === 'PUBLICITY';

/**
 * The view a leader sees first: the year when both halves are published; else
 * the latest published half (发布 before 公示); else the latest half past
 * 筹备 as a preview; else the first.
 */
export function defaultRankingView(periods: readonly PeriodLike[]): { annual: true } | { annual: false; periodId: string | undefined } {
  const sorted = [...periods].sort((a, b) => a.half - b.half);
  if (sorted.length >= 2 && sorted.every((p) => p.state === 'PUBLISHED')) return { annual: true };
  const latest = [...sorted].reverse();
  const pick =
    latest.find((p) => p.state === 'PUBLISHED') ?? latest.find((p) => frozen(p.state)) ?? latest.find((p) => p.state !== 'DRAFT') ?? sorted[0];
  return { annual: false, periodId: pick?.id };
}

export interface RankChangeLike {
  previousRank?: number | null;
  change?: number | null;
}

export type ChangeTone = 'up' | 'down' | 'same' | 'new' | 'none';

/** ▲2 / ▼1 / – / 新, or nothing when there is no earlier ranking to compare with. */
export function rankChangeText(c: RankChangeLike | undefined, compared: boolean): { text: string; tone: ChangeTone; label: string } {
  if (!compared || !c) return { text: '', tone: 'none', label: '' };
  if (c.change === null || c.change === undefined) return { text: '新', tone: 'new', label: '上期未参评' };
  if (c.change > 0) return { text: `▲${c.change}`, tone: 'up', label: `上升 ${c.change} 位(上期第 ${c.previousRank} 名)` };
  if (c.change < 0) return { text: `▼${-c.change}`, tone: 'down', label: `下降 ${-c.change} 位(上期第 ${c.previousRank} 名)` };
  return { text: '–', tone: 'same', label: `名次不变(上期第 ${c.previousRank} 名)` };
}

/** Quartile (0 best … 3 worst) of the row at index i of n rows in ranking order. */
export function quartile(i: number, n: number): number {
  if (n <= 0) return 0;
  return Math.min(3, Math.floor((i * 4) / n));
}
