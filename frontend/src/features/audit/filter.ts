import dayjs from 'dayjs';
import { shanghaiDay } from '../../lib/datetime';
import type { AuditFilter } from '../../gql/graphql';
import { outcomes, type Outcome } from './labels';

// The audit log's filter lives in the page address (so a reload, the back
// button or signing in again after the session expired keeps it) and goes
// to the server twice: as the auditLog query's AuditFilter and as the
// query string of the Excel export, /files/audit.xlsx.

export interface AuditFilterValues {
  username: string;
  unitId: string;
  operation: string;
  objectType: string;
  objectId: string;
  outcome: Outcome | '';
  /** First and last day, YYYY-MM-DD, both included; '' for open. */
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilterValues = {
  username: '',
  unitId: '',
  operation: '',
  objectType: '',
  objectId: '',
  outcome: '',
  from: '',
  to: '',
};

const textKeys = ['username', 'unitId', 'operation', 'objectType', 'objectId'] as const;

export const pageSizes = [20, 50, 100] as const;
export const defaultPageSize = 20;

export interface AuditPageState {
  filter: AuditFilterValues;
  /** 1-based */
  page: number;
  pageSize: number;
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s, 'YYYY-MM-DD').isValid() && dayjs(s).format('YYYY-MM-DD') === s;

/** Reads the page state from the address; malformed values are dropped. */
export function stateFromSearch(params: URLSearchParams): AuditPageState {
  const f: AuditFilterValues = { ...emptyAuditFilter };
  for (const k of textKeys) f[k] = (params.get(k) ?? '').trim();
  const outcome = params.get('outcome') ?? '';
  f.outcome = (outcomes as readonly string[]).includes(outcome) ? (outcome as Outcome) : '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  f.from = isDay(from) ? from : '';
  f.to = isDay(to) ? to : '';
  if (f.from && f.to && f.to < f.from) [f.from, f.to] = [f.to, f.from];
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    filter: f,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (pageSizes as readonly number[]).includes(size) ? size : defaultPageSize,
  };
}

/** The page address for a state: only what differs from the defaults. */
export function stateToSearch(s: AuditPageState): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of [...textKeys, 'outcome', 'from', 'to'] as const) {
    const v = s.filter[k].trim();
    if (v) p.set(k, v);
  }
  if (s.page > 1) p.set('page', String(s.page));
  if (s.pageSize !== defaultPageSize) p.set('size', String(s.pageSize));
  return p;
}

/**
 * RFC 3339 bounds of Shanghai days: `from` the start of the first
 * day, `to` the start of the day after the last (the server's `to` is
 * exclusive, so the last day is included whole).
 */
export function timeBounds(f: Pick<AuditFilterValues, 'from' | 'to'>): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (f.from) out.from = shanghaiDay(f.from).format('YYYY-MM-DDTHH:mm:ssZ');
  if (f.to) out.to = shanghaiDay(f.to).add(1, 'day').format('YYYY-MM-DDTHH:mm:ssZ');
  return out;
}

/** The auditLog query's filter: only the fields that are set. */
export function toGraphQLFilter(f: AuditFilterValues): AuditFilter {
  const out: AuditFilter = {};
  for (const k of textKeys) {
    const v = f[k].trim();
    if (v) out[k] = v;
  }
  if (f.outcome) out.outcome = f.outcome;
  return { ...out, ...timeBounds(f) };
}

/** The Excel export of the same records (same origin: the session cookie goes along). */
export function exportHref(f: AuditFilterValues): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(toGraphQLFilter(f))) if (typeof v === 'string') p.set(k, v);
  const q = p.toString();
  return `/files/audit.xlsx${q ? `?${q}` : ''}`;
}

/** How many filters are set (for the 已筛选 count). */
export function activeFilterCount(f: AuditFilterValues): number {
  return [...textKeys, 'outcome'].filter((k) => f[k as keyof AuditFilterValues].trim() !== '').length + (f.from || f.to ? 1 : 0);
}
