import type { AggregateGrouping } from '../../gql/graphql';

/** An aggregate row as the API answers it. */
export interface AnswerRow {
  keys: readonly (string | null)[];
  labels: readonly (string | null)[];
  values: readonly (string | null)[];
  groupedBy: readonly AggregateGrouping[];
  live: boolean;
}

export interface PivotLine {
  key: string;
  labels: string[];
  /** Column key → the measures' values. */
  cells: Map<string, readonly (string | null)[]>;
  /** The row's total over the columns. */
  total: readonly (string | null)[] | null;
  live: boolean;
}

export interface Pivot {
  columns: { key: string; labels: string[] }[];
  lines: PivotLine[];
  /** Totals per column over the rows, and the grand total under key ''. */
  columnTotals: Map<string, readonly (string | null)[]>;
  grandTotal: readonly (string | null)[] | null;
}

const SEP = '\u0001';

/**
 * Lays the answer out as a pivot table: the detail rows (grouped by every
 * grouping) as cells, the rows grouped by the row groupings only as each
 * line's total, those grouped by the column groupings only as the column
 * totals, the row grouped by nothing as the grand total. Order is the
 * server's (the plan's order).
 */
export function buildPivot(rows: readonly AnswerRow[], rowGroupings: readonly AggregateGrouping[], columnGroupings: readonly AggregateGrouping[]): Pivot {
  const r = rowGroupings.length;
  const c = columnGroupings.length;
  const lines = new Map<string, PivotLine>();
  const columns = new Map<string, { key: string; labels: string[] }>();
  const columnTotals = new Map<string, readonly (string | null)[]>();
  let grandTotal: readonly (string | null)[] | null = null;
  const line = (row: AnswerRow) => {
    const key = row.keys.slice(0, r).join(SEP);
    let l = lines.get(key);
    if (!l) {
      l = { key, labels: row.labels.slice(0, r).map((x) => x ?? ''), cells: new Map(), total: null, live: false };
      lines.set(key, l);
    }
    l.live = l.live || row.live;
    return l;
  };
  for (const row of rows) {
    const n = row.groupedBy.length;
    const byRows = rowGroupings.every((g) => row.groupedBy.includes(g));
    const byCols = columnGroupings.every((g) => row.groupedBy.includes(g));
    const colKey = row.keys.slice(r).join(SEP);
    if (n === r + c && (r > 0 || c > 0)) {
      // Without column groupings there are no columns: the cell is the line's total.
      if (c > 0 && !columns.has(colKey)) columns.set(colKey, { key: colKey, labels: row.labels.slice(r).map((x) => x ?? '') });
      line(row).cells.set(colKey, row.values);
    } else if (n === 0) {
      grandTotal = row.values;
    } else if (byRows && n === r) {
      line(row).total = row.values;
    } else if (byCols && n === c) {
      columnTotals.set(colKey, row.values);
    }
  }
  if (r === 0 && c === 0) {
    return { columns: [], lines: [], columnTotals, grandTotal: rows[0]?.values ?? null };
  }
  // Without columns the detail cell is the line's total too.
  if (c === 0) for (const l of lines.values()) l.total = l.cells.get('') ?? l.total;
  return { columns: [...columns.values()], lines: [...lines.values()], columnTotals, grandTotal };
}

/**
 * The change of measure 0 between the first and the last column of a line
 * (the biggest movers); null when either is missing.
 */
export function change(line: PivotLine, columns: Pivot['columns']): number | null {
  if (columns.length < 2) return null;
  const first = line.cells.get(columns[0]!.key)?.[0];
  const last = line.cells.get(columns[columns.length - 1]!.key)?.[0];
  if (first == null || last == null) return null;
  return Number(last) - Number(first);
}

/** Lines by the size of their change, biggest first; lines without one last. */
export function byChange(lines: readonly PivotLine[], columns: Pivot['columns']): PivotLine[] {
  return [...lines].sort((a, b) => Math.abs(change(b, columns) ?? -1) - Math.abs(change(a, columns) ?? -1));
}
