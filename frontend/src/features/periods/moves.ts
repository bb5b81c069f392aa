import type { PeriodState } from '../../gql/graphql';
import { periodStates } from '../../lib/evaluation';
import { usePeriodsT } from './messages';

type PeriodsKey = Parameters<typeof usePeriodsT.translate>[0];

export interface MoveInfo {
  /** The button's words. */
  label: string;
  /** Going back (reopening): a reason is required. */
  back: boolean;
  /** What happens, for the confirmation. */
  hint: string;
}

type MoveKey = `${PeriodState}>${PeriodState}`;

const moves: Partial<Record<MoveKey, { label: PeriodsKey; hint: PeriodsKey }>> = {
  'DRAFT>OPEN': { label: 'moveDraftOpen', hint: 'moveDraftOpenHint' },
  'OPEN>DRAFT': { label: 'moveOpenDraft', hint: 'moveOpenDraftHint' },
  'OPEN>REVIEW': { label: 'moveOpenReview', hint: 'moveOpenReviewHint' },
  'REVIEW>OPEN': { label: 'moveReviewOpen', hint: 'moveReviewOpenHint' },
  'REVIEW>PUBLICITY': { label: 'moveReviewPublicity', hint: 'moveReviewPublicityHint' },
  'PUBLICITY>REVIEW': { label: 'movePublicityReview', hint: 'movePublicityReviewHint' },
  'PUBLICITY>PUBLISHED': { label: 'movePublicityPublished', hint: 'movePublicityPublishedHint' },
  'PUBLISHED>REVIEW': { label: 'movePublishedReview', hint: 'movePublishedReviewHint' },
};

/** How a move of a period reads (in the language in use): its button, whether it goes back, what it does. */
export function describeMove(from: PeriodState, to: PeriodState): MoveInfo {
  const t = usePeriodsT.translate;
  const back = periodStates.indexOf(to) < periodStates.indexOf(from);
  const known = moves[`${from}>${to}`];
  return { label: known ? t(known.label) : back ? t('moveBack') : t('moveNext'), hint: known ? t(known.hint) : '', back };
}
