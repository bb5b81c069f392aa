// The pure logic of the score grid: reading what people type or paste,
// checking a cell the way the server does (evaluation.CheckValue), moving
// between cells, and reading the server's conflict and validation answers.
import { compareDecimals, formatDecimal, parseDecimal, sumDecimals } from '../../lib/decimal';
import { inLanguage } from '../../lib/errors';
import type { ScoreStatus } from '../../gql/graphql';
import { useScoringT } from './messages';

// Called during render or an edit: the words follow the current language.
const t = useScoringT.translate;

/** The key of a cell: evaluatee × task. */
export function cellKey(evaluateeId: string, taskId: string): string {
  return `${evaluateeId}:${taskId}`;
}

/** A score as the grid keeps it. */
export interface ScoreLite {
  id: string;
  evaluateeId: string;
  taskId: string;
  value: string;
  comment: string;
  status: ScoreStatus;
  version: number;
  enteredBy?: string | null;
  enteredAt?: string | null;
  verifiedBy?: string | null;
  verifiedAt?: string | null;
  originalValue?: string | null;
  reviewReason?: string | null;
  /** Consistency flags (疑点) the score raises; absent in a conflict answer. */
  flags?: ReadonlyArray<{ label: string; reason: string; reasonEn?: string | null }>;
}

// ---------------------------------------------------------------- typing

const fullWidth: Record<string, string> = { '．': '.', '。': '.', '－': '-', '＋': '+', '，': ',' };

/**
 * What a person typed, as a plain number text: full-width digits and dots
 * (Chinese input methods) become ASCII, spaces and a trailing 分 go.
 */
export function normalizeNumberText(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。－＋，]/g, (c) => fullWidth[c] ?? c)
    .replace(/\s+/g, '')
    .replace(/分$/, '');
}

export type ParsedScore = { kind: 'empty' } | { kind: 'number'; value: string } | { kind: 'negative' } | { kind: 'invalid' };

/** Reads a cell's text: empty, a non-negative decimal ("1.5", ".5" → "0.5"), negative, or not a number. */
export function parseScoreText(text: string): ParsedScore {
  const t = normalizeNumberText(text);
  if (t === '') return { kind: 'empty' };
  if (/^-\d*\.?\d+$|^-\d+\.$/.test(t)) return { kind: 'negative' };
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || ((m[1] ?? '') === '' && (m[2] ?? '') === '')) return { kind: 'invalid' };
  const intPart = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = m[2] ?? '';
  return { kind: 'number', value: frac ? `${intPart}.${frac}` : intPart };
}

/** Decimal places that matter: 1.50 has one, 1.005 has three. */
export function decimalPlaces(value: string): number {
  const frac = value.split('.')[1] ?? '';
  return frac.replace(/0+$/, '').length;
}

/** The largest two-decimal score not above max: 0.6666… → 0.66. */
export function maxEnterable(max: string): string {
  const v = parseDecimal(max);
  if (!v || v.scale <= 2) return formatDecimal(max, 2);
  const units = v.units / 10n ** BigInt(v.scale - 2);
  const whole = units / 100n;
  const frac = (units % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/** True when value < max / 2 (exactly, without binary floating point). */
export function belowHalf(value: string, max: string): boolean {
  return compareDecimals(sumDecimals([value, value]), max) < 0;
}

export interface CellInput {
  text: string;
  comment: string;
  /** The task's points (满分), exact. */
  maxPoints: string;
  /** A saved score exists (it cannot be emptied). */
  hasScore?: boolean;
}

/**
 * The cell's problem in words, or null when it may be saved: the same rules
 * as the server's: 0 ≤ score ≤ 满分, at most two decimals, and a 说明 of at
 * least two characters when the score is below half the points. An empty
 * cell without a saved score is fine (nothing to save).
 */
export function validateCell({ text, comment, maxPoints, hasScore = false }: CellInput): string | null {
  const p = parseScoreText(text);
  if (p.kind === 'empty') return hasScore ? t('cantClear') : null;
  if (p.kind === 'negative') return t('negative');
  if (p.kind === 'invalid') return t('notNumber');
  if (decimalPlaces(p.value) > 2) return t('twoDecimals');
  if (compareDecimals(p.value, maxPoints) > 0) {
    const shown = formatDecimal(maxPoints);
    const top = maxEnterable(maxPoints);
    return top === shown ? t('overMax', { max: shown }) : t('overMaxTop', { max: shown, top });
  }
  if (belowHalf(p.value, maxPoints) && comment.trim().length < 2) {
    return t('belowHalf');
  }
  return null;
}

/** Two texts mean the same score ("1.5" and "1.50"). */
export function sameScore(a: string, b: string): boolean {
  const x = parseScoreText(a);
  const y = parseScoreText(b);
  if (x.kind === 'number' && y.kind === 'number') return compareDecimals(x.value, y.value) === 0;
  return x.kind === y.kind && normalizeNumberText(a) === normalizeNumberText(b);
}

// ----------------------------------------------------------------- paste

/**
 * A block copied from Excel or WPS: rows end with a newline (\r\n on
 * Windows, and Excel ends the last row with one too), cells are separated
 * by tabs. Returns rows of trimmed cell texts; a trailing empty line is
 * dropped, empty cells inside the block are kept ("" = leave as is).
 */
export function parsePasteBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t').map((c) => c.trim().replace(/^"(.*)"$/s, '$1').trim()));
}

/** Where the grid has cells: rows and columns in screen order. */
export interface GridLayout {
  rows: readonly string[];
  cols: readonly string[];
  /** True when (row, col) is a cell (the evaluatee carries the task). */
  has: (row: number, col: number) => boolean;
}

export interface Position {
  row: number;
  col: number;
}

export interface PasteTarget extends Position {
  text: string;
}

export interface PastePlan {
  targets: PasteTarget[];
  /** Values that fell on a place without a cell (task not carried) or a locked cell. */
  skipped: number;
  /** Values beyond the grid's last row or column. */
  outside: number;
}

/**
 * Lays a pasted block onto the grid from the focused cell, position by
 * position as it looks on screen. Empty values leave their cell alone.
 */
export function planPaste(block: string[][], start: Position, layout: GridLayout, editable: (row: number, col: number) => boolean = () => true): PastePlan {
  const plan: PastePlan = { targets: [], skipped: 0, outside: 0 };
  block.forEach((line, i) =>
    line.forEach((text, j) => {
      if (text === '') return;
      const row = start.row + i;
      const col = start.col + j;
      if (row >= layout.rows.length || col >= layout.cols.length) plan.outside++;
      else if (!layout.has(row, col) || !editable(row, col)) plan.skipped++;
      else plan.targets.push({ row, col, text });
    }),
  );
  return plan;
}

// ------------------------------------------------------------ navigation

export type Direction = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev';

/**
 * The cell reached from pos in a direction, skipping places without a cell;
 * null at the edge. next/prev (Tab, Shift+Tab) wrap to the following or
 * previous row.
 */
export function moveFocus(layout: GridLayout, pos: Position, dir: Direction): Position | null {
  const { rows, cols, has } = layout;
  if (dir === 'up' || dir === 'down') {
    const step = dir === 'down' ? 1 : -1;
    for (let r = pos.row + step; r >= 0 && r < rows.length; r += step) if (has(r, pos.col)) return { row: r, col: pos.col };
    return null;
  }
  if (dir === 'left' || dir === 'right') {
    const step = dir === 'right' ? 1 : -1;
    for (let c = pos.col + step; c >= 0 && c < cols.length; c += step) if (has(pos.row, c)) return { row: pos.row, col: c };
    return null;
  }
  const step = dir === 'next' ? 1 : -1;
  let r = pos.row;
  let c = pos.col + step;
  while (r >= 0 && r < rows.length) {
    while (c >= 0 && c < cols.length) {
      if (has(r, c)) return { row: r, col: c };
      c += step;
    }
    r += step;
    c = step > 0 ? 0 : cols.length - 1;
  }
  return null;
}

// ------------------------------------------------------ server answers

export interface SentEntry {
  key: string;
  evaluateeId: string;
  taskId: string;
  value: string;
  comment: string;
  version: number;
}

interface ErrorLike {
  graphQLErrors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface CellConflict {
  key: string;
  /** The score as it is now on the server; null when the server did not say. */
  theirs: ScoreLite | null;
  message: string;
}

export interface CellRejection {
  key: string;
  message: string;
}

/** input.entries[3] (or input.entries[3].value) → 3. */
export function entryIndex(field: string): number | null {
  const m = /entries\[(\d+)\]/.exec(field);
  return m ? Number(m[1]) : null;
}

function pick(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
}

const statuses: readonly ScoreStatus[] = ['DRAFT', 'SUBMITTED', 'VERIFIED', 'RETURNED'];

/**
 * A score the server put in extensions.current, in either spelling (the
 * GraphQL one, or the Go field names the store uses: ID, EvaluateeID,
 * Value, EnteredByName, Version…).
 */
export function readCurrentScore(raw: unknown): ScoreLite | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const str = (...names: string[]) => {
    const v = pick(o, ...names);
    return v === undefined ? '' : String(v);
  };
  const version = Number(pick(o, 'version', 'Version'));
  const status = str('status', 'Status') as ScoreStatus;
  if (!Number.isFinite(version)) return null;
  const optional = (...names: string[]) => {
    const v = pick(o, ...names);
    return v === undefined ? null : String(v);
  };
  return {
    id: str('id', 'ID'),
    evaluateeId: str('evaluateeId', 'EvaluateeID'),
    taskId: str('taskId', 'TaskID'),
    value: str('value', 'Value'),
    comment: str('comment', 'Comment'),
    status: statuses.includes(status) ? status : 'DRAFT',
    version,
    enteredBy: optional('enteredBy', 'EnteredByName'),
    enteredAt: optional('enteredAt', 'EnteredAt'),
    verifiedBy: optional('verifiedBy', 'VerifiedByName'),
    verifiedAt: optional('verifiedAt', 'VerifiedAt'),
    originalValue: optional('originalValue', 'OriginalValue'),
    reviewReason: optional('reviewReason', 'ReviewReason'),
  };
}

function firstError(error: unknown): { code: string; message: string; ext: Record<string, unknown> } | null {
  const e = (error as ErrorLike | null)?.graphQLErrors?.[0];
  if (!e) return null;
  const ext = e.extensions ?? {};
  return { code: typeof ext['code'] === 'string' ? ext['code'] : '', message: inLanguage(e.message, ext['messageEn']), ext };
}

function fieldsOf(ext: Record<string, unknown>): Array<{ field: string; message: string }> {
  const raw = ext['fields'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((f) => {
    if (typeof f !== 'object' || f === null) return [];
    const o = f as Record<string, unknown>;
    const message = typeof o['message'] === 'string' ? inLanguage(o['message'], o['messageEn']) : '';
    return typeof o['field'] === 'string' ? [{ field: o['field'], message }] : [];
  });
}

/**
 * The cells a CONFLICT answer of saveScores names (extensions.fields
 * input.entries[i], extensions.current the scores as they are now, in the
 * same order), matched back to what was sent. Empty for other errors.
 */
export function readConflicts(error: unknown, sent: readonly SentEntry[]): CellConflict[] {
  const e = firstError(error);
  if (!e || e.code !== 'CONFLICT') return [];
  const fields = fieldsOf(e.ext);
  const current = Array.isArray(e.ext['current']) ? (e.ext['current'] as unknown[]) : e.ext['current'] ? [e.ext['current']] : [];
  const scores = current.map(readCurrentScore);
  const out: CellConflict[] = [];
  fields.forEach((f, i) => {
    const idx = entryIndex(f.field);
    const entry = idx === null ? undefined : sent[idx];
    if (!entry) return;
    const theirs =
      scores.find((s) => s && s.evaluateeId === entry.evaluateeId && s.taskId === entry.taskId) ??
      (scores[i] && !scores[i]!.evaluateeId ? scores[i]! : null);
    out.push({ key: entry.key, theirs, message: f.message || e.message });
  });
  if (out.length === 0 && sent.length === 1) {
    // A single cell answered without fields: it is that one.
    out.push({ key: sent[0]!.key, theirs: scores[0] ?? null, message: e.message });
  }
  return out;
}

/** The cells an INVALID answer of saveScores names, with the server's words. */
export function readRejections(error: unknown, sent: readonly SentEntry[]): CellRejection[] {
  const e = firstError(error);
  if (!e || e.code !== 'INVALID') return [];
  return fieldsOf(e.ext).flatMap((f) => {
    const idx = entryIndex(f.field);
    const entry = idx === null ? undefined : sent[idx];
    return entry ? [{ key: entry.key, message: f.message || e.message }] : [];
  });
}

/** The newer of two copies of a score (by version; the incoming one on a tie). */
export function newerScore(known: ScoreLite | undefined, incoming: ScoreLite): ScoreLite {
  return known && known.version > incoming.version ? known : incoming;
}
