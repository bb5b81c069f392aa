import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { activeFilterCount, emptyAuditFilter, exportHref, stateFromSearch, stateToSearch, timeBounds, toGraphQLFilter } from './filter';

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/;

describe('timeBounds', () => {
  it('runs from the start of the first day to the start of the day after the last, in RFC 3339', () => {
    const b = timeBounds({ from: '2026-11-01', to: '2026-11-27' });
    expect(b.from).toMatch(rfc3339);
    expect(b.to).toMatch(rfc3339);
    expect(b.from!.startsWith('2026-11-01T00:00:00')).toBe(true);
    expect(b.to!.startsWith('2026-11-28T00:00:00')).toBe(true);
    // Midnight in Shanghai, whatever the browser's time zone.
    expect(dayjs(b.from).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(dayjs(b.to).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('crosses month and year ends and leaves open ends out', () => {
    expect(timeBounds({ from: '', to: '2026-12-31' }).to!.startsWith('2027-01-01T00:00:00')).toBe(true);
    expect(timeBounds({ from: '', to: '' })).toEqual({});
  });
});

describe('toGraphQLFilter', () => {
  it('sends only what is set, trimmed', () => {
    expect(toGraphQLFilter(emptyAuditFilter)).toEqual({});
    const f = toGraphQLFilter({ ...emptyAuditFilter, username: ' zhuanban1 ', operation: 'updateTask', outcome: 'DENIED', unitId: '22', from: '2026-11-01' });
    expect(f).toEqual({ username: 'zhuanban1', operation: 'updateTask', outcome: 'DENIED', unitId: '22', from: timeBounds({ from: '2026-11-01', to: '' }).from });
    expect(f).not.toHaveProperty('to');
  });
});

describe('exportHref', () => {
  it('is the bare export without filters', () => {
    expect(exportHref(emptyAuditFilter)).toBe('/files/audit.xlsx');
  });

  it('carries every filter as the query parameter the server reads', () => {
    const href = exportHref({
      username: 'admin',
      unitId: '11',
      operation: 'createUser',
      objectType: 'users',
      objectId: '22',
      outcome: 'OK',
      from: '2026-11-01',
      to: '2026-11-02',
    });
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/files/audit.xlsx');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      username: 'admin',
      unitId: '11',
      operation: 'createUser',
      objectType: 'users',
      objectId: '22',
      outcome: 'OK',
      from: timeBounds({ from: '2026-11-01', to: '' }).from,
      to: timeBounds({ from: '', to: '2026-11-02' }).to,
    });
    // "+08:00" must survive the query string (a bare + would read as a space).
    expect(href).not.toMatch(/T\d\d:\d\d:\d\d\+/);
  });
});

describe('page address', () => {
  it('round-trips a filter with page and size', () => {
    const state = { filter: { ...emptyAuditFilter, username: 'auditor', outcome: 'FAILED' as const, from: '2026-11-01', to: '2026-11-03' }, page: 3, pageSize: 50 };
    const search = stateToSearch(state);
    expect(search.toString()).toBe('username=auditor&outcome=FAILED&from=2026-11-01&to=2026-11-03&page=3&size=50');
    expect(stateFromSearch(search)).toEqual(state);
  });

  it('drops malformed values and swaps a reversed range', () => {
    const s = stateFromSearch(new URLSearchParams('outcome=MAYBE&from=2026-13-01&to=yesterday&page=-2&size=7'));
    expect(s).toEqual({ filter: emptyAuditFilter, page: 1, pageSize: 20 });
    const r = stateFromSearch(new URLSearchParams('from=2026-11-09&to=2026-11-01'));
    expect([r.filter.from, r.filter.to]).toEqual(['2026-11-01', '2026-11-09']);
  });

  it('counts a date range as one filter', () => {
    expect(activeFilterCount({ ...emptyAuditFilter, from: '2026-11-01', to: '2026-11-02', outcome: 'OK' })).toBe(2);
    expect(activeFilterCount(emptyAuditFilter)).toBe(0);
  });
});
