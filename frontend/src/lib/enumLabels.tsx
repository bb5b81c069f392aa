import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { EnumLabelsDocument } from '../gql/graphql';
import type {
  AggregateGrouping,
  ConsistencyRule,
  AggregateMeasure,
  DeadlineState,
  Judgement,
  MissingComponentRule,
  NotificationKind,
  ObjectionStatus,
  PeriodAction,
  PeriodState,
  ProgressState,
  RankingGroup,
  Role,
  ScoreStatus,
  ScoringMethod,
  SyncOutcome,
  UnitKind,
  VerifyAction,
  VisitReviewAction,
  VisitStatus,
  ViewChart,
} from '../gql/graphql';
import { currentLocale, useLocale, type Locale } from './i18n';
import { useLibT } from './messages';
import { readStored, storageKeys, writeStored } from './storage';

// The words for enum values come from the server (Query.enumLabels, from
// server/labels), read once when the app starts: the SPA keeps no copy of
// them. The answer is remembered in localStorage so a phone in the field
// (offline, DESIGN field visits) still shows words, and so later starts do
// not wait for it. Until the first answer the app shows a spinner; if it
// never comes, values show as their codes rather than as nothing.
//
// Each value comes in both languages, so switching language asks nothing:
// enumLabel() and enumLabelMap read the language in use at each call. A
// component re-renders on a switch when it uses its folder's messages
// (useXxxT) or useLocale(); one that shows enum words and nothing else to
// translate calls useEnumLabel(), which also subscribes it.

export const enumLabelsQuery = EnumLabelsDocument;

/** Each labelled enum and its values' type. */
export interface LabelledEnums {
  AggregateGrouping: AggregateGrouping;
  AggregateMeasure: AggregateMeasure;
  ConsistencyRule: ConsistencyRule;
  DeadlineState: DeadlineState;
  Judgement: Judgement;
  MissingComponentRule: MissingComponentRule;
  NotificationKind: NotificationKind;
  PeriodAction: PeriodAction;
  PeriodState: PeriodState;
  ProgressState: ProgressState;
  RankingGroup: RankingGroup;
  Role: Role;
  ScoreStatus: ScoreStatus;
  ScoringMethod: ScoringMethod;
  SyncOutcome: SyncOutcome;
  UnitKind: UnitKind;
  VerifyAction: VerifyAction;
  VisitReviewAction: VisitReviewAction;
  VisitStatus: VisitStatus;
  ViewChart: ViewChart;
  /** ScoreChange.action: SAVE, SUBMIT, IMPORT, ACCEPT, ADJUST, RETURN. */
  ScoreChangeAction: string;
  ObjectionStatus: ObjectionStatus;
}

export type EnumName = keyof LabelledEnums;

export interface EnumLabelEntry {
  enum: string;
  value: string;
  /** The zh-CN word. */
  label: string;
  /** The English word; missing in a catalogue remembered before English existed. */
  english?: string;
}

const languages: readonly Locale[] = ['zh-CN', 'en'];
let labels = new Map<Locale, Map<string, string>>();
let order = new Map<string, string[]>();

/** Replaces the catalogue (the provider does this; tests load the server's fixture). */
export function setEnumLabels(entries: readonly EnumLabelEntry[]): void {
  const zh = new Map<string, string>();
  const en = new Map<string, string>();
  const nextOrder = new Map<string, string[]>();
  for (const e of entries) {
    zh.set(`${e.enum}.${e.value}`, e.label);
    // A remembered catalogue from before English shows Chinese until the fresh answer.
    en.set(`${e.enum}.${e.value}`, e.english || e.label);
    const values = nextOrder.get(e.enum) ?? [];
    values.push(e.value);
    nextOrder.set(e.enum, values);
  }
  labels = new Map(languages.map((l) => [l, l === 'en' ? en : zh]));
  order = nextOrder;
}

function has(name: string, value: string): boolean {
  return labels.get('zh-CN')?.has(`${name}.${value}`) ?? false;
}

/** The word for a value in locale; the value itself when the catalogue has none. */
export function enumLabelIn<E extends EnumName>(locale: Locale, name: E, value: LabelledEnums[E]): string {
  return labels.get(locale)?.get(`${name}.${value}`) ?? value;
}

/** The word for a value in the language in use; the value itself when the catalogue has none. */
export function enumLabel<E extends EnumName>(name: E, value: LabelledEnums[E]): string {
  return enumLabelIn(currentLocale(), name, value);
}

/**
 * enumLabel for a component that has nothing else to translate: calling it
 * re-renders the component when the language switches.
 */
export function useEnumLabel(): <E extends EnumName>(name: E, value: LabelledEnums[E]) => string {
  const { locale } = useLocale();
  return useCallback(<E extends EnumName>(name: E, value: LabelledEnums[E]) => enumLabelIn(locale, name, value), [locale]);
}

/** An enum's values in the order the server lists them (for pickers). */
export function enumValues<E extends EnumName>(name: E): LabelledEnums[E][] {
  return [...(order.get(name) ?? [])] as LabelledEnums[E][];
}

/**
 * A read-only view of one enum's labels that reads like a record
 * (`periodStateLabels[state]`), looked up in the catalogue on each read, in
 * the language in use, so it is never older than the server's answer nor
 * than the last language switch. Read it while rendering, not at module level.
 */
export function enumLabelMap<E extends EnumName>(name: E): Readonly<Record<LabelledEnums[E], string>> {
  return new Proxy({} as Record<LabelledEnums[E], string>, {
    get: (_, value) => (typeof value === 'string' ? enumLabel(name, value as LabelledEnums[E]) : undefined),
    has: (_, value) => typeof value === 'string' && has(name, value),
    ownKeys: () => order.get(name) ?? [],
    getOwnPropertyDescriptor: (_, value) =>
      typeof value === 'string' && has(name, value)
        ? { enumerable: true, configurable: true, value: enumLabel(name, value as LabelledEnums[E]) }
        : undefined,
  });
}

/** True when labels are at hand: loaded already, or remembered from an earlier start. */
function loadStored(): boolean {
  if (order.size > 0) return true;
  const raw = readStored(storageKeys.enumLabels);
  if (!raw) return false;
  try {
    const entries = JSON.parse(raw) as unknown;
    if (!Array.isArray(entries) || entries.length === 0) return false;
    setEnumLabels(entries as EnumLabelEntry[]);
    return true;
  } catch {
    return false;
  }
}

const queryContext = { requestPolicy: 'network-only' as const };

/** Loads the labels once, before the pages render. */
export function EnumLabelsProvider({ children }: { children: ReactNode }) {
  const t = useLibT();
  const [stored] = useState(loadStored);
  const [{ data, error }] = useQuery({ query: enumLabelsQuery, context: useMemo(() => queryContext, []) });
  // Applied while rendering, not in an effect, so the children's first
  // render with the answer already reads it. setEnumLabels is idempotent.
  const fresh = useMemo(() => {
    if (!data?.enumLabels) return false;
    setEnumLabels(data.enumLabels);
    return true;
  }, [data]);
  useEffect(() => {
    if (data?.enumLabels) writeStored(storageKeys.enumLabels, JSON.stringify(data.enumLabels));
  }, [data]);
  // A plain placeholder, not antd's Spin: this runs before every page,
  // the sign-in page included, and must not grow the entry chunk.
  if (!stored && !fresh && !error)
    return (
      <div role="status" style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center', color: 'rgba(0,0,0,0.65)' }}>
        {t('loading')}
      </div>
    );
  return children;
}
