import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { useMutation } from 'urql';
import type { ScoreSheetQuery } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { saveScoresMutation } from './documents';
import { cellKey, readConflicts, readRejections, validateCell, type ScoreLite, type SentEntry } from './grid';
import { emptyGrid, gridReducer, pendingEntries, type CellEdit, type GridState } from './gridState';

export type SheetData = ScoreSheetQuery['scoreSheet'];
export type SheetCell = SheetData['cells'][number];

/** How long typing pauses before the changed cells are saved. */
export const AUTOSAVE_DELAY_MS = 800;

export type SaveStatus = 'saved' | 'saving' | 'pending' | 'conflict' | 'invalid' | 'failed' | 'idle';

export interface CellView {
  key: string;
  cell: SheetCell;
  score: ScoreLite | undefined;
  edit: CellEdit | undefined;
  /** What the cell shows. */
  text: string;
  comment: string;
  /** Problem found here or by the server; null when fine. */
  problem: string | null;
  conflict: GridState['conflicts'][string] | undefined;
  saving: boolean;
  /** False for verified scores and closed periods. */
  editable: boolean;
}

/**
 * The grid's state for one sheet, with drafts saved as you go: changed
 * cells are sent (saveScores, submit false, each with the version it was
 * edited from) once typing pauses; conflicts and refused cells are held
 * back until the user settles them.
 */
export function useScoreGrid(periodId: string, sheet: SheetData | undefined) {
  const [state, dispatch] = useReducer(gridReducer, emptyGrid);
  const [, saveScores] = useMutation(saveScoresMutation);
  const stateRef = useRef(state);
  stateRef.current = state;
  const running = useRef<Promise<boolean> | null>(null);

  useEffect(() => {
    if (sheet) dispatch({ type: 'load', scores: sheet.cells.flatMap((c) => (c.score ? [c.score] : [])) });
  }, [sheet]);

  const cells = useMemo(() => new Map((sheet?.cells ?? []).map((c) => [cellKey(c.evaluateeId, c.taskId), c])), [sheet]);
  const editable = !!sheet?.editable;

  const isValid = useCallback(
    (key: string, edit: CellEdit) => {
      const cell = cells.get(key);
      if (!cell) return false;
      return validateCell({ text: edit.value, comment: edit.comment, maxPoints: cell.maxPoints, hasScore: !!stateRef.current.scores[key] }) === null;
    },
    [cells],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (running.current) return running.current;
    const entries: SentEntry[] = pendingEntries(stateRef.current, isValid);
    if (entries.length === 0) return true;
    const run = (async () => {
      dispatch({ type: 'saveStart', entries });
      const r = await saveScores(
        {
          input: {
            periodId,
            submit: false,
            entries: entries.map((e) => ({ evaluateeId: e.evaluateeId, taskId: e.taskId, value: e.value, comment: e.comment, version: e.version })),
          },
        },
        { additionalTypenames: ['Score'] },
      );
      if (r.error) {
        const conflicts = readConflicts(r.error, entries);
        const rejections = readRejections(r.error, entries);
        if (conflicts.length > 0) dispatch({ type: 'conflict', conflicts });
        else if (rejections.length > 0) dispatch({ type: 'rejected', rejections });
        else dispatch({ type: 'failed', message: describeError(r.error).message });
        return false;
      }
      dispatch({ type: 'saved', scores: (r.data?.saveScores ?? []) as ScoreLite[], at: Date.now() });
      return true;
    })();
    running.current = run;
    try {
      return await run;
    } finally {
      running.current = null;
    }
  }, [isValid, periodId, saveScores]);

  const pending = useMemo(() => pendingEntries(state, isValid), [state, isValid]);

  // Save as you go: once typing pauses, and again when a save finishes
  // with more changes waiting. A failed save waits for the next edit or 重试.
  useEffect(() => {
    if (!editable || pending.length === 0 || state.inflight || state.failure) return;
    const timer = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [editable, pending, state.inflight, state.failure, save]);

  // Leaving the page: what is pending is still sent, and closing the tab
  // with changes not yet saved asks first.
  const saveRef = useRef(save);
  saveRef.current = save;
  const hasUnsaved = useRef<() => boolean>(() => false);
  hasUnsaved.current = () => !!stateRef.current.inflight || pendingEntries(stateRef.current, isValid).length > 0;
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (hasUnsaved.current()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (hasUnsaved.current()) void saveRef.current();
    };
  }, []);

  /** Saves everything pending now (before submitting or importing); false when something is left. */
  const flush = useCallback(async (): Promise<boolean> => {
    for (let i = 0; i < 5; i++) {
      if (running.current) await running.current;
      if (pendingEntries(stateRef.current, isValid).length === 0) break;
      if (!(await save())) return false;
    }
    const s = stateRef.current;
    return Object.keys(s.conflicts).length === 0 && pendingEntries(s, isValid).length === 0;
  }, [isValid, save]);

  const view = useCallback(
    (key: string): CellView | undefined => {
      const cell = cells.get(key);
      if (!cell) return undefined;
      const score = state.scores[key];
      const edit = state.edits[key];
      const text = edit?.value ?? score?.value ?? '';
      const comment = edit?.comment ?? score?.comment ?? '';
      const local = edit ? validateCell({ text, comment, maxPoints: cell.maxPoints, hasScore: !!score }) : null;
      return {
        key,
        cell,
        score,
        edit,
        text,
        comment,
        problem: local ?? state.rejected[key] ?? null,
        conflict: state.conflicts[key],
        saving: !!state.inflight?.[key],
        editable: editable && score?.status !== 'VERIFIED',
      };
    },
    [cells, state, editable],
  );

  const invalidCount = useMemo(
    () =>
      Object.entries(state.edits).filter(([key, edit]) => {
        const cell = cells.get(key);
        return !!cell && validateCell({ text: edit.value, comment: edit.comment, maxPoints: cell.maxPoints, hasScore: !!state.scores[key] }) !== null;
      }).length + Object.keys(state.rejected).length,
    [state, cells],
  );
  const conflictCount = Object.keys(state.conflicts).length;

  let status: SaveStatus = 'idle';
  if (state.inflight) status = 'saving';
  else if (conflictCount > 0) status = 'conflict';
  else if (state.failure) status = 'failed';
  else if (invalidCount > 0) status = 'invalid';
  else if (pending.length > 0) status = 'pending';
  else if (state.savedAt) status = 'saved';

  return {
    state,
    dispatch,
    view,
    save,
    flush,
    status,
    pendingCount: pending.length,
    invalidCount,
    conflictCount,
    editable,
  };
}

export type ScoreGridApi = ReturnType<typeof useScoreGrid>;
