// A ranking's rows as the server prepares them once (`Ranking.rowsJson`):
// one JSON array instead of ~100 typed fields a row, which a province's
// 1,200-row groups make worth it. This is the one place that reads it.
import type { RankingGroup } from '../../gql/graphql';
import { parseDecimal } from '../../lib/decimal';
import type { DimensionFigures } from './explain';
import type { ComponentLike } from './format';

/**
 * One element of `rowsJson`, in the shape schema/publications.graphqls
 * documents for `PublishedRanking.rows` (the fields of `RankingRow`).
 * Decimals and IDs are strings as the JSON gives them: never parsed to
 * numbers, so a score reads exactly as the server computed it.
 */
export interface RankingRowData {
  /** Shared when scores are equal (1, 2, 2, 4). */
  rank: number;
  /** Decimal; null when there is nothing to score. */
  score: string | null;
  /** Annual: true while the second half is not published. */
  provisional: boolean;
  missingScores: number;
  evaluatee: {
    id: string;
    group: RankingGroup;
    unit: { id: string; name: string; sortKey: number };
  };
  components: ComponentLike[];
  dimensions: (DimensionFigures & { dimensionId: string })[];
}

/** rowsJson is not the documented array: a server and SPA out of step, not a user's mistake. */
export class RankingRowsShapeError extends Error {
  constructor(detail: string) {
    super(`rowsJson does not have the documented shape: ${detail}`);
    this.name = 'RankingRowsShapeError';
  }
}

type Kind = 'string' | 'decimal' | 'id' | 'int' | 'boolean' | 'decimal?';

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

function what(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const isDecimal = (v: unknown) => typeof v === 'string' && parseDecimal(v) !== null;

function ok(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'id':
      return typeof v === 'string';
    case 'decimal':
      return isDecimal(v);
    case 'decimal?':
      return v === null || isDecimal(v);
    case 'int':
      return isInt(v);
    case 'boolean':
      return typeof v === 'boolean';
  }
}

const wanted: Record<Kind, string> = {
  string: 'a string',
  id: 'an ID string',
  decimal: 'a Decimal string',
  'decimal?': 'a Decimal string or null',
  int: 'an integer',
  boolean: 'a boolean',
};

function object(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new RankingRowsShapeError(`${at} is ${what(v)}, not an object`);
  return v as Record<string, unknown>;
}

function array(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new RankingRowsShapeError(`${at} is ${what(v)}, not an array`);
  return v;
}

function fields(o: Record<string, unknown>, at: string, kinds: Record<string, Kind>) {
  for (const [name, kind] of Object.entries(kinds)) {
    const v = o[name];
    if (!ok(kind, v)) throw new RankingRowsShapeError(`${at}.${name} is ${what(v)}, not ${wanted[kind]}`);
  }
}

const rowKinds = { rank: 'int', score: 'decimal?', provisional: 'boolean', missingScores: 'int' } as const;
const evaluateeKinds = { id: 'id', group: 'string' } as const;
const unitKinds = { id: 'id', name: 'string', sortKey: 'int' } as const;
const componentKinds = { method: 'string', weight: 'decimal', value: 'decimal?' } as const;
const dimensionKinds = { dimensionId: 'id', number: 'int', name: 'string', points: 'decimal', carriedPoints: 'decimal', earned: 'decimal', score: 'decimal' } as const;

/**
 * The rows of `rowsJson`, checked against the documented shape (each
 * field's JSON type, and that Decimals are decimal strings) and returned as
 * they are, without copying. Throws RankingRowsShapeError naming the first
 * field that is wrong ("rows[3].dimensions[1].score is the number 12.5, not
 * a Decimal string").
 */
export function decodeRankingRows(json: unknown): RankingRowData[] {
  const rows = array(json, 'rowsJson');
  rows.forEach((r, i) => {
    const at = `rows[${i}]`;
    const row = object(r, at);
    fields(row, at, rowKinds);
    const e = object(row['evaluatee'], `${at}.evaluatee`);
    fields(e, `${at}.evaluatee`, evaluateeKinds);
    fields(object(e['unit'], `${at}.evaluatee.unit`), `${at}.evaluatee.unit`, unitKinds);
    array(row['components'], `${at}.components`).forEach((c, k) => fields(object(c, `${at}.components[${k}]`), `${at}.components[${k}]`, componentKinds));
    array(row['dimensions'], `${at}.dimensions`).forEach((d, k) => fields(object(d, `${at}.dimensions[${k}]`), `${at}.dimensions[${k}]`, dimensionKinds));
  });
  return rows as RankingRowData[];
}

/** What a page draws from rowsJson: the rows, or the error to show in their place. */
export interface RankingRows {
  rows: RankingRowData[];
  error?: RankingRowsShapeError;
}

/** Before an answer: nothing to draw, nothing wrong. */
export const NO_ROWS: RankingRows = { rows: [] };

/** decodeRankingRows for a page: a shape error is returned to show, not thrown. */
export function readRankingRows(json: unknown): RankingRows {
  try {
    return { rows: decodeRankingRows(json) };
  } catch (e) {
    if (e instanceof RankingRowsShapeError) return { rows: [], error: e };
    throw e;
  }
}
