import { Flex, Segmented, Tag, Tooltip } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { PeriodState, PlanPeriodsQuery } from '../gql/graphql';
import { useEnumLabel } from '../lib/enumLabels';
import { periodStateColors } from '../lib/evaluation';
import { readStored, writeStored } from '../lib/storage';
import { useComponentsT } from './messages';

// The half-year (period) the scoring, verification, result and report pages
// work on: chosen with ?period=ID, remembered per plan, defaulting to the
// half in progress.

export const planPeriodsQuery = graphql(`
  query PlanPeriods($planId: ID!) {
    plan(id: $planId) {
      id
      name
      year
      periods {
        id
        planId
        half
        name
        state
        version
        publishedAt
        allowedActions
      }
    }
  }
`);

export type PlanPeriodsPlan = NonNullable<PlanPeriodsQuery['plan']>;
export type PeriodData = PlanPeriodsPlan['periods'][number];

const rememberKey = (planId: string) => `kaoping.period.${planId}`;

/**
 * The period a page opens on when none is chosen: the half being filled in
 * or reviewed, else the latest one past 筹备, else the first.
 */
export function defaultPeriod<P extends { half: number; state: PeriodState }>(periods: readonly P[]): P | undefined {
  const sorted = [...periods].sort((a, b) => a.half - b.half);
  return (
    sorted.find((p) => p.state === 'OPEN' || p.state === 'REVIEW') ??
    [...sorted].reverse().find((p) => p.state !== 'DRAFT') ??
    sorted[0]
  );
}

/** Short name of a half: 上半年 / 下半年 (the period's name when it is another half). */
export function halfLabel(p: { half: number; name: string }): string {
  const t = useComponentsT.translate;
  return p.half === 1 ? t('firstHalf') : p.half === 2 ? t('secondHalf') : p.name;
}

export interface PlanPeriodSelection {
  plan: PlanPeriodsPlan | null | undefined;
  periods: PeriodData[];
  period: PeriodData | undefined;
  /** Chooses a period; `also` sets (or, with null, removes) other URL parameters at once. */
  select: (periodId: string, also?: Record<string, string | null>) => void;
  fetching: boolean;
  error: unknown;
  reload: () => void;
}

const periodsContext = { additionalTypenames: ['Period'] };

/** The plan's periods and the one chosen (URL ?period=, else remembered, else the current half). */
export function usePlanPeriod(planId: string): PlanPeriodSelection {
  const [params, setParams] = useSearchParams();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: planPeriodsQuery,
    variables: { planId },
    context: useMemo(() => periodsContext, []),
  });
  const plan = data?.plan;
  const periods = useMemo(() => [...(plan?.periods ?? [])].sort((a, b) => a.half - b.half), [plan]);
  const wanted = params.get('period') ?? readStored(rememberKey(planId));
  const period = periods.find((p) => p.id === wanted) ?? defaultPeriod(periods);
  const select = useCallback(
    (periodId: string, also: Record<string, string | null> = {}) => {
      writeStored(rememberKey(planId), periodId);
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('period', periodId);
          for (const [k, v] of Object.entries(also)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [planId, setParams],
  );
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return { plan, periods, period, select, fetching, error: data ? undefined : error, reload };
}

/** A period's state as a coloured tag: 筹备 / 填报 / 审核 / 公示 / 发布. */
export function PeriodStateTag({ state }: { state: PeriodState }) {
  const label = useEnumLabel();
  return (
    <Tag color={periodStateColors[state]} style={{ marginInlineEnd: 0 }} data-period-state={state}>
      {label('PeriodState', state)}
    </Tag>
  );
}

/** The marker of numbers that are not frozen yet. */
export function PreviewTag({ title }: { title?: string }) {
  const t = useComponentsT();
  return (
    <Tooltip title={title ?? t('previewHint')}>
      <Tag color="warning" style={{ marginInlineEnd: 0 }}>
        {t('preview')}
      </Tag>
    </Tooltip>
  );
}

export interface PeriodPickerOption {
  value: string;
  label: string;
}

/** 上半年 [发布] | 下半年 [填报], plus any extra choices (e.g. 全年). */
export function PeriodPicker({
  periods,
  value,
  onChange,
  extra = [],
}: {
  periods: readonly PeriodData[];
  value: string | undefined;
  onChange: (value: string) => void;
  extra?: readonly PeriodPickerOption[];
}) {
  const t = useComponentsT();
  if (periods.length === 0) return <Tag>{t('noPeriods')}</Tag>;
  return (
    <Segmented<string>
      aria-label={t('period')}
      value={value}
      onChange={onChange}
      options={[
        ...periods.map((p) => ({
          value: p.id,
          label: (
            <Flex gap={6} align="center" style={{ padding: '2px 0' }} title={p.name}>
              <span data-i18n={p.half === 1 || p.half === 2 ? undefined : 'data'}>{halfLabel(p)}</span>
              <PeriodStateTag state={p.state} />
            </Flex>
          ),
        })),
        ...extra.map((o) => ({
          value: o.value,
          label: (
            <Flex align="center" style={{ padding: '2px 4px', minHeight: 26 }}>
              {o.label}
            </Flex>
          ),
        })),
      ]}
    />
  );
}
