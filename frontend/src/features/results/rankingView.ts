// What the ranking page opens on, how a rank change reads, and what its
// banner and chart take from the rows.
import type { PeriodState } from '../../gql/graphql';
import type { ScoreBar } from './charts/ScoreBarChart';
import { dimensionLabel } from './explain';
import { resultsT } from './messages';
import type { RankingRowData } from './rankingRows';

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
  if (c.change === null || c.change === undefined) return { text: resultsT('changeNew'), tone: 'new', label: resultsT('changeNewLabel') };
  const previous = c.previousRank;
  if (c.change > 0) return { text: `▲${c.change}`, tone: 'up', label: resultsT('changeUp', { count: c.change, previous }) };
  if (c.change < 0) return { text: `▼${-c.change}`, tone: 'down', label: resultsT('changeDown', { count: -c.change, previous }) };
  return { text: '–', tone: 'same', label: resultsT('changeSame', { previous }) };
}

/** Quartile (0 best … 3 worst) of the row at index i of n rows in ranking order. */
export function quartile(i: number, n: number): number {
  if (n <= 0) return 0;
  return Math.min(3, Math.floor((i * 4) / n));
}

/** Carried scores not yet counted in the whole group (the preview banner says how many). */
export function missingScores(rows: readonly RankingRowData[]): number {
  return rows.reduce((n, r) => n + r.missingScores, 0);
}

/**
 * The bar chart's bars in ranking order. The score stays the Decimal text
 * the server sent (the chart prints it); dimension scores become numbers
 * only as lengths of the split bars.
 */
export function scoreBars(rows: readonly RankingRowData[]): ScoreBar[] {
  return rows.map((r) => ({
    evaluateeId: r.evaluatee.id,
    name: r.evaluatee.unit.name,
    rank: r.rank,
    score: r.score,
    dimensions: r.dimensions.map((d) => ({ name: dimensionLabel(d.number, d.name), score: Number(d.score) })),
  }));
}
