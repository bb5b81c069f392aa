import type { ScoringMethod } from '../../gql/graphql';
import { compareDecimals, parseDecimal, sumDecimals } from '../../lib/decimal';
import { enumLabel } from '../../lib/enumLabels';
import { usePlanT } from './messages';

// The four method weights of a plan (DESIGN R4): percentages that must sum
// to exactly 100.

export interface WeightsLike {
  dailyMonitoring: string | number | null | undefined;
  fieldVisits: string | number | null | undefined;
  publicOpinion: string | number | null | undefined;
  thirdParty: string | number | null | undefined;
}

// Each weight's name is its method's label (lib/enumLabels), read when shown.
function weightField<K extends keyof WeightsLike>(key: K, method: ScoringMethod) {
  return {
    key,
    method,
    get label() {
      return enumLabel('ScoringMethod', method);
    },
  };
}

export const weightFields = [
  weightField('dailyMonitoring', 'DAILY_MONITORING'),
  weightField('fieldVisits', 'FIELD_VISITS'),
  weightField('publicOpinion', 'PUBLIC_OPINION'),
  weightField('thirdParty', 'THIRD_PARTY'),
] as const;

export function weightsSum(w: WeightsLike): string {
  return sumDecimals(weightFields.map((f) => w[f.key]));
}

/** Null when the weights are complete, within 0–100 and sum to 100; else what is wrong, in the language in use. */
export function weightsProblem(w: WeightsLike): string | null {
  const t = usePlanT.translate;
  const missing = weightFields.filter((f) => parseDecimal(w[f.key]) === null);
  if (missing.length > 0) return t('weightsMissing', { methods: missing.map((f) => f.label).join(t('listSeparator')) });
  const outOfRange = weightFields.filter((f) => compareDecimals(w[f.key], 0) < 0 || compareDecimals(w[f.key], 100) > 0);
  if (outOfRange.length > 0) return t('weightsRange', { methods: outOfRange.map((f) => f.label).join(t('listSeparator')) });
  const sum = weightsSum(w);
  if (compareDecimals(sum, 100) !== 0) return t('weightsSum', { sum });
  return null;
}
