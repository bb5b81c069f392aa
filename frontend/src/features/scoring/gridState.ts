// What the score grid knows: the server's scores, the user's unsaved edits,
// what is being saved, and the cells the server refused (conflict or rule).
// A pure reducer, so the merge rules can be tested without a browser.
import { newerScore, parseScoreText, sameScore, type CellConflict, type CellRejection, type ScoreLite, type SentEntry } from './grid';

export interface CellEdit {
  value: string;
  comment: string;
  /** The score version this edit starts from (0 for a new score): sent as `version`. */
  base: number;
}

export interface GridState {
  scores: Record<string, ScoreLite>;
  edits: Record<string, CellEdit>;
  /** The entries of the save in flight, by cell. */
  inflight: Record<string, SentEntry> | null;
  conflicts: Record<string, CellConflict>;
  rejected: Record<string, string>;
  /** A save failed for another reason (network, period closed): its message. */
  failure: string | null;
  savedAt: number | null;
}

export const emptyGrid: GridState = { scores: {}, edits: {}, inflight: null, conflicts: {}, rejected: {}, failure: null, savedAt: null };

export type GridAction =
  | { type: 'load'; scores: ScoreLite[] }
  | { type: 'edit'; key: string; value?: string; comment?: string }
  | { type: 'saveStart'; entries: SentEntry[] }
  | { type: 'saved'; scores: ScoreLite[]; at: number }
  | { type: 'conflict'; conflicts: CellConflict[] }
  | { type: 'rejected'; rejections: CellRejection[] }
  | { type: 'failed'; message: string }
  | { type: 'keepMine'; key: string }
  | { type: 'takeTheirs'; key: string }
  | { type: 'discard'; keys: string[] };

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/** True when an edit says what the server already has. */
function matchesServer(edit: CellEdit, score: ScoreLite | undefined): boolean {
  if (!score) return edit.value.trim() === '' && edit.comment.trim() === '';
  return sameScore(edit.value, score.value) && edit.comment.trim() === score.comment.trim() && edit.base === score.version;
}

function keyOf(s: ScoreLite): string {
  return `${s.evaluateeId}:${s.taskId}`;
}

function mergeScores(known: Record<string, ScoreLite>, incoming: readonly ScoreLite[]): Record<string, ScoreLite> {
  const next = { ...known };
  for (const s of incoming) next[keyOf(s)] = newerScore(next[keyOf(s)], s);
  return next;
}

export function gridReducer(state: GridState, action: GridAction): GridState {
  switch (action.type) {
    case 'load':
      return { ...state, scores: mergeScores(state.scores, action.scores) };
    case 'edit': {
      const score = state.scores[action.key];
      const current = state.edits[action.key];
      const edit: CellEdit = {
        value: action.value ?? current?.value ?? score?.value ?? '',
        comment: action.comment ?? current?.comment ?? score?.comment ?? '',
        base: current?.base ?? score?.version ?? 0,
      };
      const edits = matchesServer(edit, score) ? without(state.edits, action.key) : { ...state.edits, [action.key]: edit };
      return { ...state, edits, rejected: without(state.rejected, action.key), failure: null };
    }
    case 'saveStart':
      return { ...state, inflight: Object.fromEntries(action.entries.map((e) => [e.key, e])), failure: null };
    case 'saved': {
      const scores = mergeScores(state.scores, action.scores);
      const edits = { ...state.edits };
      for (const s of action.scores) {
        const key = keyOf(s);
        const sent = state.inflight?.[key];
        const edit = edits[key];
        if (!edit) continue;
        // Unchanged since it was sent: saved. Changed meanwhile: it now
        // starts from the version just saved.
        if (sent && sameScore(edit.value, sent.value) && edit.comment.trim() === sent.comment) delete edits[key];
        else edits[key] = { ...edit, base: s.version };
      }
      return { ...state, scores, edits, inflight: null, savedAt: action.at, failure: null };
    }
    case 'conflict': {
      const conflicts = { ...state.conflicts };
      for (const c of action.conflicts) conflicts[c.key] = c;
      return { ...state, conflicts, inflight: null };
    }
    case 'rejected': {
      const rejected = { ...state.rejected };
      for (const r of action.rejections) rejected[r.key] = r.message;
      return { ...state, rejected, inflight: null };
    }
    case 'failed':
      return { ...state, inflight: null, failure: action.message };
    case 'keepMine': {
      // Save mine over theirs: start from their version.
      const c = state.conflicts[action.key];
      const edit = state.edits[action.key];
      if (!c) return state;
      const scores = c.theirs ? mergeScores(state.scores, [c.theirs]) : state.scores;
      const base = c.theirs?.version ?? scores[action.key]?.version ?? 0;
      return {
        ...state,
        scores,
        conflicts: without(state.conflicts, action.key),
        edits: edit ? { ...state.edits, [action.key]: { ...edit, base } } : state.edits,
      };
    }
    case 'takeTheirs': {
      const c = state.conflicts[action.key];
      const scores = c?.theirs ? { ...state.scores, [action.key]: newerScore(state.scores[action.key], c.theirs) } : state.scores;
      return { ...state, scores, conflicts: without(state.conflicts, action.key), edits: without(state.edits, action.key) };
    }
    case 'discard': {
      let { edits, conflicts, rejected } = state;
      for (const k of action.keys) {
        edits = without(edits, k);
        conflicts = without(conflicts, k);
        rejected = without(rejected, k);
      }
      return { ...state, edits, conflicts, rejected };
    }
  }
}

/**
 * The edits to send now: not in conflict, not refused by the server, valid
 * here, and not identical to what is already being saved.
 */
export function pendingEntries(state: GridState, isValid: (key: string, edit: CellEdit) => boolean): SentEntry[] {
  const out: SentEntry[] = [];
  for (const [key, edit] of Object.entries(state.edits)) {
    if (state.conflicts[key] || state.rejected[key] !== undefined) continue;
    const parsed = parseScoreText(edit.value);
    if (parsed.kind !== 'number' || !isValid(key, edit)) continue;
    const sending = state.inflight?.[key];
    if (sending && sameScore(sending.value, parsed.value) && sending.comment === edit.comment.trim()) continue;
    const [evaluateeId = '', taskId = ''] = key.split(':');
    out.push({ key, evaluateeId, taskId, value: parsed.value, comment: edit.comment.trim(), version: edit.base });
  }
  return out;
}
