import { Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { memo, useCallback, useMemo, useRef, type ClipboardEvent, type CSSProperties, type KeyboardEvent } from 'react';
import type { RankingGroup } from '../../../gql/graphql';
import { formatDecimal } from '../../../lib/decimal';
import { bilingual, currentLocale } from '../../../lib/i18n';
import { scoreStatusLabels } from '../../../lib/evaluation';
import { rankingGroupLabels } from '../../../lib/labels';
import { cellKey, moveFocus, parsePasteBlock, planPaste, type Direction, type GridLayout, type PastePlan, type Position } from '../grid';
import { useScoringT } from '../messages';
import type { CellView, SheetData } from '../useScoreGrid';

type T = ReturnType<typeof useScoringT>;
import './scoreGrid.css';

type SheetTask = SheetData['tasks'][number];
type SheetEvaluatee = SheetData['evaluatees'][number];

type Row = { key: string; kind: 'group'; group: RankingGroup; count: number } | { key: string; kind: 'row'; index: number; evaluatee: SheetEvaluatee };

const groupOrder: Record<RankingGroup, number> = { DISTRICTS: 0, DEPARTMENTS: 1 };

/** Rows (evaluatees by group, in official order) and columns (tasks by number) of a sheet. */
export function sheetLayout(sheet: SheetData): { evaluatees: SheetEvaluatee[]; tasks: SheetTask[]; layout: GridLayout } {
  const evaluatees = [...sheet.evaluatees].sort((a, b) => groupOrder[a.group] - groupOrder[b.group] || a.unit.sortKey - b.unit.sortKey);
  const tasks = [...sheet.tasks].sort((a, b) => a.number - b.number);
  const present = new Set(sheet.cells.map((c) => cellKey(c.evaluateeId, c.taskId)));
  const rows = evaluatees.map((e) => e.id);
  const cols = tasks.map((t) => t.id);
  return { evaluatees, tasks, layout: { rows, cols, has: (r, c) => present.has(cellKey(rows[r] ?? '', cols[c] ?? '')) } };
}

interface CellLook {
  bg?: string;
  ring?: string;
  stateColor?: string;
  label: string;
}

function lookOf(v: CellView, t: T): CellLook {
  if (v.conflict) return { bg: '#fff1f0', ring: '#ff4d4f', stateColor: '#cf1322', label: t('cellConflict') };
  if (v.problem) return { bg: '#fff1f0', ring: '#ff4d4f', stateColor: '#cf1322', label: t('cellInvalid') };
  if (v.saving) return { bg: '#fffbe6', stateColor: '#ad6800', label: t('cellSaving') };
  if (v.edit) return { bg: '#fffbe6', stateColor: '#ad6800', label: t('cellPending') };
  const s = v.score?.status;
  if (!s) return { label: t('cellEmpty'), stateColor: 'rgba(0,0,0,0.3)' };
  if (s === 'VERIFIED') return { bg: '#f6ffed', stateColor: '#389e0d', label: v.score?.originalValue ? t('cellAdjusted') : scoreStatusLabels[s] };
  if (s === 'SUBMITTED') return { bg: '#e6f4ff', stateColor: '#0958d9', label: scoreStatusLabels[s] };
  if (s === 'RETURNED') return { bg: '#fff7e6', ring: '#ffa940', stateColor: '#d46b08', label: scoreStatusLabels[s] };
  return { label: scoreStatusLabels[s] };
}

/** The state line of a cell, with 疑点 when the score raises a consistency flag. */
function stateLine(v: CellView, label: string, t: T): string {
  return v.score?.flags?.length ? t('cellFlagged', { label }) : label;
}

function tipOf(v: CellView, t: T): string | null {
  if (v.conflict) return t('tipConflict', { message: v.conflict.message });
  if (v.problem) return v.problem;
  if (v.score?.status === 'RETURNED') return t('tipReturned', { reason: v.score.reviewReason ?? t('noReasonGiven') });
  if (v.score?.flags?.length) return t('tipFlags', { reasons: v.score.flags.map((f) => bilingual(currentLocale(), f.reason, f.reasonEn)).join(t('reasonSeparator')) });
  return null;
}

export interface GridHandlers {
  focus: (pos: Position) => void;
  change: (key: string, value: string) => void;
  discard: (key: string) => void;
  keyDown: (e: KeyboardEvent<HTMLInputElement>, pos: Position) => void;
  paste: (e: ClipboardEvent<HTMLInputElement>, pos: Position) => void;
  register: (key: string, el: HTMLInputElement | null) => void;
}

interface CellProps {
  view: CellView;
  row: number;
  col: number;
  label: string;
  active: boolean;
  handlers: GridHandlers;
}

const GridCell = memo(function GridCell({ view, row, col, label, active, handlers }: CellProps) {
  const t = useScoringT();
  const pos = { row, col };
  const look = lookOf(view, t);
  const tip = tipOf(view, t);
  const classes = ['kp-cell', active ? 'kp-cell-active' : '', view.comment.trim() ? 'kp-cell-comment' : ''].filter(Boolean).join(' ');
  const body = (
    <div
      className={classes}
      data-cell={view.key}
      data-status={view.conflict ? 'CONFLICT' : view.problem ? 'INVALID' : view.edit ? 'PENDING' : (view.score?.status ?? 'EMPTY')}
      style={
        {
          '--kp-cell-bg': look.bg,
          '--kp-cell-ring': look.ring,
          '--kp-cell-ring-width': look.ring ? '1px' : '0',
          '--kp-cell-state': look.stateColor,
        } as CSSProperties
      }
    >
      <input
        ref={(el) => handlers.register(view.key, el)}
        aria-label={label}
        aria-invalid={!!view.problem || !!view.conflict}
        inputMode="decimal"
        autoComplete="off"
        value={view.text}
        readOnly={!view.editable}
        onChange={(e) => handlers.change(view.key, e.target.value)}
        onFocus={(e) => {
          e.target.select();
          handlers.focus(pos);
        }}
        onKeyDown={(e) => handlers.keyDown(e, pos)}
        onPaste={(e) => handlers.paste(e, pos)}
      />
      <div className="kp-cell-state" data-flags={view.score?.flags?.length || undefined}>
        {stateLine(view, look.label, t)}
      </div>
    </div>
  );
  // Always inside a Tooltip (empty when there is nothing to say), so the
  // input keeps its place in the tree and its focus when a problem appears.
  return (
    <Tooltip title={tip ?? undefined} placement="top" mouseEnterDelay={0.2}>
      {body}
    </Tooltip>
  );
});

export interface ScoreGridProps {
  sheet: SheetData;
  view: (key: string) => CellView | undefined;
  active: Position | null;
  onActivate: (pos: Position) => void;
  onChange: (key: string, value: string) => void;
  onDiscard: (key: string) => void;
  /** A block was pasted: what went where. */
  onPasted: (plan: PastePlan) => void;
  /** Column widths grow with the type (长辈模式). */
  scale?: number;
  /** Narrow columns for a phone. */
  compact?: boolean;
}

/**
 * The lead unit's score grid: evaluatees down (by group), its tasks across.
 * Arrows, Tab and Enter move between cells; a block copied from Excel is
 * pasted from the focused cell on.
 */
export function ScoreGrid({ sheet, view, active, onActivate, onChange, onDiscard, onPasted, scale = 1, compact = false }: ScoreGridProps) {
  const tr = useScoringT();
  const { evaluatees, tasks, layout } = useMemo(() => sheetLayout(sheet), [sheet]);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  // Handlers read the latest props through a ref so cells keep one identity.
  const latest = useRef({ view, onActivate, onChange, onDiscard, onPasted, layout });
  latest.current = { view, onActivate, onChange, onDiscard, onPasted, layout };

  const keyAt = useCallback((pos: Position) => cellKey(layout.rows[pos.row] ?? '', layout.cols[pos.col] ?? ''), [layout]);

  const handlers = useMemo<GridHandlers>(() => {
    const go = (pos: Position, dir: Direction): boolean => {
      const next = moveFocus(latest.current.layout, pos, dir);
      if (!next) return false;
      const el = inputs.current.get(cellKey(latest.current.layout.rows[next.row] ?? '', latest.current.layout.cols[next.col] ?? ''));
      el?.focus();
      return !!el;
    };
    return {
      focus: (pos) => latest.current.onActivate(pos),
      change: (key, value) => latest.current.onChange(key, value),
      discard: (key) => latest.current.onDiscard(key),
      register: (key, el) => {
        if (el) inputs.current.set(key, el);
        else inputs.current.delete(key);
      },
      keyDown: (e, pos) => {
        const input = e.currentTarget;
        const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
        const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
        const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
        let dir: Direction | null = null;
        switch (e.key) {
          case 'ArrowUp':
            dir = 'up';
            break;
          case 'ArrowDown':
            dir = 'down';
            break;
          case 'ArrowLeft':
            if (all || atStart) dir = 'left';
            break;
          case 'ArrowRight':
            if (all || atEnd) dir = 'right';
            break;
          case 'Enter':
            dir = e.shiftKey ? 'up' : 'down';
            break;
          case 'Tab':
            dir = e.shiftKey ? 'prev' : 'next';
            break;
          case 'Escape': {
            const key = cellKey(latest.current.layout.rows[pos.row] ?? '', latest.current.layout.cols[pos.col] ?? '');
            latest.current.onDiscard(key);
            e.preventDefault();
            return;
          }
        }
        if (!dir) return;
        if (go(pos, dir)) e.preventDefault();
        else if (e.key !== 'Tab') e.preventDefault();
      },
      paste: (e, pos) => {
        const text = e.clipboardData.getData('text/plain');
        const block = parsePasteBlock(text);
        if (block.length <= 1 && (block[0]?.length ?? 0) <= 1) return; // one value: an ordinary paste
        e.preventDefault();
        const { layout: l, view: v } = latest.current;
        const plan = planPaste(block, pos, l, (r, c) => !!v(cellKey(l.rows[r] ?? '', l.cols[c] ?? ''))?.editable);
        for (const t of plan.targets) latest.current.onChange(cellKey(l.rows[t.row] ?? '', l.cols[t.col] ?? ''), t.text);
        latest.current.onPasted(plan);
      },
    };
  }, []);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    let last: RankingGroup | null = null;
    evaluatees.forEach((e, index) => {
      if (e.group !== last) {
        last = e.group;
        out.push({ key: `group:${e.group}`, kind: 'group', group: e.group, count: evaluatees.filter((x) => x.group === e.group).length });
      }
      out.push({ key: e.id, kind: 'row', index, evaluatee: e });
    });
    return out;
  }, [evaluatees]);

  const w = (px: number) => Math.round(px * scale);
  const nameWidth = w(compact ? 96 : 150);
  const cellWidth = w(compact ? 104 : 124);
  const activeKey = active ? keyAt(active) : null;

  const columns: TableColumnsType<Row> = [
    {
      title: tr('evaluatee'),
      key: 'evaluatee',
      fixed: 'left',
      width: nameWidth,
      render: (_, r) =>
        r.kind === 'group' ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {rankingGroupLabels[r.group]}({r.count})
          </span>
        ) : (
          <Typography.Text strong={active?.row === r.index} data-i18n="data">
            {r.evaluatee.unit.name}
          </Typography.Text>
        ),
    },
    ...tasks.map(
      (t, col): TableColumnsType<Row>[number] => ({
        key: t.id,
        width: cellWidth,
        align: 'right',
        title: (
          <Tooltip title={`${t.number}. ${t.text}`} placement="bottom" mouseEnterDelay={0.4}>
            <div className="kp-task-head" data-task-number={t.number} style={{ textAlign: 'left' }}>
              <Typography.Text strong>{tr('taskN', { number: t.number })}</Typography.Text>
              <span className="kp-task-head-text" data-i18n="data">
                {t.text}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: '0.86em' }}>
                {tr('maxPoints', { points: formatDecimal(t.effectivePoints) })}
              </Typography.Text>
            </div>
          </Tooltip>
        ),
        onCell: (r) => ({ className: r.kind === 'row' ? 'kp-grid-cell' : undefined }),
        render: (_, r) => {
          if (r.kind === 'group') return null;
          const key = cellKey(r.evaluatee.id, t.id);
          const v = view(key);
          if (!v)
            return (
              <div className="kp-cell-none" title={tr('notAssigned')}>
                —
              </div>
            );
          return (
            <GridCell
              view={v}
              row={r.index}
              col={col}
              label={tr('cellLabel', { unit: r.evaluatee.unit.name, number: t.number })}
              active={activeKey === key}
              handlers={handlers}
            />
          );
        },
      }),
    ),
  ];

  return (
    <Table<Row>
      className="kp-grid"
      rowKey="key"
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      pagination={false}
      tableLayout="fixed"
      scroll={{ x: nameWidth + tasks.length * cellWidth }}
      sticky={{ offsetHeader: 64 }}
      rowClassName={(r) => (r.kind === 'group' ? 'kp-group-row' : '')}
      locale={{ emptyText: tr('noRows') }}
    />
  );
}
