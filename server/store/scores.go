package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
)

// ScoreStatus is where a score is in the verification workflow.
type ScoreStatus string

const (
	ScoreDraft     ScoreStatus = "DRAFT"
	ScoreSubmitted ScoreStatus = "SUBMITTED"
	ScoreVerified  ScoreStatus = "VERIFIED"
	ScoreReturned  ScoreStatus = "RETURNED"
)

// Score is one lead unit's score of one evaluatee's task in one period.
type Score struct {
	bun.BaseModel `bun:"table:scores,alias:s"`

	// JSON names match the API's, since a conflict answer carries the score.
	ID             int64       `bun:"id,pk,autoincrement" json:"id,string"`
	PeriodID       int64       `bun:"period_id" json:"periodId,string"`
	EvaluateeID    int64       `bun:"evaluatee_id" json:"evaluateeId,string"`
	TaskID         int64       `bun:"task_id" json:"taskId,string"`
	LeadUnitID     int64       `bun:"lead_unit_id" json:"leadUnitId,string"`
	Value          Decimal     `bun:"value" json:"value"`
	Comment        string      `bun:"comment" json:"comment"`
	Status         ScoreStatus `bun:"status" json:"status"`
	EnteredBy      *int64      `bun:"entered_by" json:"-"`
	EnteredByName  string      `bun:"entered_by_name" json:"enteredBy"`
	EnteredAt      time.Time   `bun:"entered_at" json:"enteredAt"`
	VerifiedBy     *int64      `bun:"verified_by" json:"-"`
	VerifiedByName *string     `bun:"verified_by_name" json:"verifiedBy"`
	VerifiedAt     *time.Time  `bun:"verified_at" json:"verifiedAt"`
	OriginalValue  *Decimal    `bun:"original_value" json:"originalValue"`
	ReviewReason   *string     `bun:"review_reason" json:"reviewReason"`
	Version        int         `bun:"version" json:"version"`
}

func (s *Score) currentVersion() int { return s.Version }

// ScoreChange is one line of a score's history.
type ScoreChange struct {
	bun.BaseModel `bun:"table:score_history"`

	ID        int64        `bun:"id,pk,autoincrement"`
	ScoreID   int64        `bun:"score_id"`
	At        time.Time    `bun:"at"`
	UserID    *int64       `bun:"user_id"`
	Username  string       `bun:"username"`
	Action    string       `bun:"action"`
	OldValue  *Decimal     `bun:"old_value"`
	NewValue  *Decimal     `bun:"new_value"`
	OldStatus *ScoreStatus `bun:"old_status"`
	NewStatus ScoreStatus  `bun:"new_status"`
	Reason    *string      `bun:"reason"`
}

// Actor is who does a write, for the rows that remember it.
type Actor struct {
	UserID   int64
	Username string
}

// ScoresOfPeriod returns a period's scores, optionally only some lead unit's,
// evaluatees' or statuses.
type ScoreFilter struct {
	PeriodID     int64
	LeadUnitID   *int64
	EvaluateeIDs []int64
	Statuses     []ScoreStatus
	IDs          []int64
}

// FindScoresByID returns the scores with the given ids, by id, in one
// statement; unknown ids are simply absent.
func FindScoresByID(ctx context.Context, db DB, ids []int64) (map[int64]*Score, error) {
	out := make(map[int64]*Score, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var scores []Score
	if err := db.NewSelect().Model(&scores).Where("s.id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("find %d scores: %w", len(ids), err)
	}
	for i := range scores {
		out[scores[i].ID] = &scores[i]
	}
	return out, nil
}

// FindScores returns the scores matching f, in a stable order.
func FindScores(ctx context.Context, db DB, f ScoreFilter) ([]Score, error) {
	var out []Score
	q := db.NewSelect().Model(&out).Where("s.period_id = ?", f.PeriodID)
	if f.LeadUnitID != nil {
		q = q.Where("s.lead_unit_id = ?", *f.LeadUnitID)
	}
	if f.EvaluateeIDs != nil {
		q = q.Where("s.evaluatee_id IN (?)", bun.In(f.EvaluateeIDs))
	}
	if f.Statuses != nil {
		q = q.Where("s.status IN (?)", bun.In(f.Statuses))
	}
	if f.IDs != nil {
		q = q.Where("s.id IN (?)", bun.In(f.IDs))
	}
	if err := q.Order("s.task_id", "s.evaluatee_id", "s.lead_unit_id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find scores of period %d: %w", f.PeriodID, err)
	}
	return out, nil
}

// ScoreHistories returns the history of each score, oldest first.
func ScoreHistories(ctx context.Context, db DB, scoreIDs []int64) (map[int64][]ScoreChange, error) {
	out := map[int64][]ScoreChange{}
	if len(scoreIDs) == 0 {
		return out, nil
	}
	var rows []ScoreChange
	if err := db.NewSelect().Model(&rows).Where("score_id IN (?)", bun.In(scoreIDs)).Order("score_id", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load score history: %w", err)
	}
	for _, r := range rows {
		out[r.ScoreID] = append(out[r.ScoreID], r)
	}
	return out, nil
}

// ScoreKey names a score cell.
type ScoreKey struct {
	PeriodID, EvaluateeID, TaskID, LeadUnitID int64
}

// ScoreWrite is one cell a lead unit saves. Version is what the user saw: 0
// for a cell without a score.
type ScoreWrite struct {
	EvaluateeID, TaskID int64
	Value               Decimal
	Comment             string
	Version             int
}

// ScoreConflict is a cell somebody else saved first (Current is their
// score), or one the 专班 has verified already.
type ScoreConflict struct {
	Index    int
	Current  *Score
	Verified bool
}

// SaveScores writes a lead unit's cells in a fixed number of statements,
// whatever their number: one locking read, one insert of the new cells, one
// update of the others, one insert into the history. When any cell's
// version is stale it writes nothing and returns the conflicts.
func SaveScores(ctx context.Context, db DB, periodID, leadUnitID int64, cells []ScoreWrite, submit bool, by Actor, at time.Time, action string) ([]Score, []ScoreConflict, error) {
	if len(cells) == 0 {
		return nil, nil, nil
	}
	evs, tasks := make([]int64, len(cells)), make([]int64, len(cells))
	for i, c := range cells {
		evs[i], tasks[i] = c.EvaluateeID, c.TaskID
	}
	var existing []Score
	err := db.NewSelect().Model(&existing).
		Where("period_id = ? AND lead_unit_id = ?", periodID, leadUnitID).
		Where("(evaluatee_id, task_id) IN (SELECT * FROM unnest(?::bigint[], ?::bigint[]))", pgdialect.Array(evs), pgdialect.Array(tasks)).
		For("UPDATE").Scan(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("lock scores: %w", err)
	}
	byCell := map[[2]int64]*Score{}
	for i := range existing {
		byCell[[2]int64{existing[i].EvaluateeID, existing[i].TaskID}] = &existing[i]
	}
	status := ScoreDraft
	if submit {
		status = ScoreSubmitted
	}
	var conflicts []ScoreConflict
	out := make([]Score, len(cells))
	var fresh []Score
	var freshIndex []int
	for i, c := range cells {
		cur := byCell[[2]int64{c.EvaluateeID, c.TaskID}]
		curVersion := 0
		if cur != nil {
			curVersion = cur.Version
		}
		switch {
		case cur != nil && cur.Status == ScoreVerified:
			// A submitted score may be taken back and changed until the 专班
			// has verified it; after that only the 专班 changes it.
			conflicts = append(conflicts, ScoreConflict{Index: i, Current: cur, Verified: true})
			continue
		case curVersion != c.Version:
			conflicts = append(conflicts, ScoreConflict{Index: i, Current: cur})
			continue
		}
		out[i] = Score{
			PeriodID: periodID, EvaluateeID: c.EvaluateeID, TaskID: c.TaskID, LeadUnitID: leadUnitID,
			Value: c.Value, Comment: c.Comment, Status: status,
			EnteredBy: &by.UserID, EnteredByName: by.Username, EnteredAt: at, Version: curVersion + 1,
		}
		if cur == nil {
			fresh = append(fresh, out[i])
			freshIndex = append(freshIndex, i)
		} else {
			out[i].ID = cur.ID
		}
	}
	if len(conflicts) > 0 {
		return nil, conflicts, nil
	}
	if conflicts, err := insertFresh(ctx, db, fresh, freshIndex, out); err != nil || len(conflicts) > 0 {
		return nil, conflicts, err
	}
	if err := updateCells(ctx, db, out, byCell); err != nil {
		return nil, nil, err
	}
	history := make([]ScoreChange, len(out))
	for i, sc := range out {
		h := ScoreChange{ScoreID: sc.ID, At: at, UserID: &by.UserID, Username: by.Username, Action: action, NewValue: &out[i].Value, NewStatus: status}
		var before any
		if cur := byCell[[2]int64{sc.EvaluateeID, sc.TaskID}]; cur != nil {
			h.OldValue, h.OldStatus, before = &cur.Value, &cur.Status, cur
		}
		history[i] = h
		audit.Note(ctx, "scores", sc.ID, before, &out[i])
	}
	if _, err := db.NewInsert().Model(&history).Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("record score history: %w", err)
	}
	return out, nil, nil
}

// insertFresh inserts cells nobody has scored yet. Two first saves of one
// cell both found nothing to lock; the unique key decides, and the loser
// answers like any stale version, with the winner's score.
func insertFresh(ctx context.Context, db DB, fresh []Score, index []int, out []Score) ([]ScoreConflict, error) {
	if len(fresh) == 0 {
		return nil, nil
	}
	var ids []struct {
		ID          int64 `bun:"id"`
		EvaluateeID int64 `bun:"evaluatee_id"`
		TaskID      int64 `bun:"task_id"`
	}
	err := db.NewInsert().Model(&fresh).On("CONFLICT ON CONSTRAINT scores_key DO NOTHING").
		Returning("id, evaluatee_id, task_id").Scan(ctx, &ids)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, mapError(err)
	}
	got := map[[2]int64]int64{}
	for _, r := range ids {
		got[[2]int64{r.EvaluateeID, r.TaskID}] = r.ID
	}
	var conflicts []ScoreConflict
	for k, f := range fresh {
		id, ok := got[[2]int64{f.EvaluateeID, f.TaskID}]
		if ok {
			out[index[k]].ID = id
			continue
		}
		winner := new(Score)
		if err := db.NewSelect().Model(winner).
			Where("period_id = ? AND evaluatee_id = ? AND task_id = ? AND lead_unit_id = ?", f.PeriodID, f.EvaluateeID, f.TaskID, f.LeadUnitID).
			Scan(ctx); err != nil {
			return nil, fmt.Errorf("load concurrent score: %w", err)
		}
		conflicts = append(conflicts, ScoreConflict{Index: index[k], Current: winner})
	}
	return conflicts, nil
}

// updateCells writes the cells that had a score, in one statement.
func updateCells(ctx context.Context, db DB, out []Score, byCell map[[2]int64]*Score) error {
	var ids []int64
	var values []string
	var comments []string
	for _, sc := range out {
		if byCell[[2]int64{sc.EvaluateeID, sc.TaskID}] != nil {
			ids, values, comments = append(ids, sc.ID), append(values, sc.Value.String()), append(comments, sc.Comment)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	first := out[0]
	_, err := db.NewRaw(`
		UPDATE scores AS s
		SET value = d.value, comment = d.comment, status = ?, entered_by = ?, entered_by_name = ?, entered_at = ?,
		    version = s.version + 1,
		    verified_by = NULL, verified_by_name = NULL, verified_at = NULL, original_value = NULL, review_reason = NULL
		FROM unnest(?::bigint[], ?::numeric[], ?::text[]) AS d(id, value, comment)
		WHERE s.id = d.id`,
		first.Status, first.EnteredBy, first.EnteredByName, first.EnteredAt,
		pgdialect.Array(ids), pgdialect.Array(values), pgdialect.Array(comments)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("update scores: %w", mapError(err))
	}
	return nil
}

// StatusChange is one score's move through verification: SUBMIT, ACCEPT,
// ADJUST (with Value) or RETURN. Reason is the 专班's note, if any.
type StatusChange struct {
	ScoreID int64
	Version int
	Action  string
	Value   *Decimal
	Reason  *string
}

// SetScoreStatuses moves scores through verification in a fixed number of
// statements, however many: one locking read, one update, one insert into
// the history. A stale version or a missing score fails the whole batch,
// and a score listed twice meets its own first change as a newer version.
func SetScoreStatuses(ctx context.Context, db DB, changes []StatusChange, by Actor, at time.Time) ([]Score, error) {
	if len(changes) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(changes))
	for i, c := range changes {
		ids[i] = c.ScoreID
	}
	var locked []Score
	// In id order, so two batches over the same scores cannot deadlock.
	if err := db.NewSelect().Model(&locked).Where("id IN (?)", bun.In(ids)).Order("id").For("UPDATE").Scan(ctx); err != nil {
		return nil, fmt.Errorf("lock scores: %w", err)
	}
	current := make(map[int64]*Score, len(locked))
	for i := range locked {
		current[locked[i].ID] = &locked[i]
	}
	out := make([]Score, len(changes))
	history := make([]ScoreChange, len(changes))
	for i, c := range changes {
		cur := current[c.ScoreID]
		if cur == nil {
			return nil, apperr.NotFoundf(apperr.Score, c.ScoreID)
		}
		if cur.Version != c.Version {
			return nil, apperr.StaleVersion(apperr.Score, c.ScoreID, cur)
		}
		next, err := nextStatus(*cur, c, by, at)
		if err != nil {
			return nil, err
		}
		before := *cur
		history[i] = ScoreChange{
			ScoreID: c.ScoreID, At: at, UserID: &by.UserID, Username: by.Username, Action: c.Action,
			OldValue: &before.Value, NewValue: &next.Value, OldStatus: &before.Status, NewStatus: next.Status, Reason: c.Reason,
		}
		audit.Note(ctx, "scores", c.ScoreID, &before, &next)
		*cur, out[i] = next, next
	}
	if err := updateStatuses(ctx, db, current); err != nil {
		return nil, err
	}
	if _, err := db.NewInsert().Model(&history).Exec(ctx); err != nil {
		return nil, fmt.Errorf("record score history: %w", err)
	}
	return out, nil
}

// nextStatus is a score after one verification step.
func nextStatus(cur Score, c StatusChange, by Actor, at time.Time) (Score, error) {
	next := cur
	next.Version++
	switch c.Action {
	case "SUBMIT":
		next.Status = ScoreSubmitted
	case "ACCEPT", "ADJUST":
		next.Status = ScoreVerified
		next.VerifiedBy, next.VerifiedByName, next.VerifiedAt = &by.UserID, &by.Username, &at
		next.ReviewReason = c.Reason
		if c.Action == "ADJUST" {
			original := cur.Value
			if cur.OriginalValue != nil {
				original = *cur.OriginalValue
			}
			next.OriginalValue, next.Value = &original, *c.Value
		}
	case "RETURN":
		next.Status, next.ReviewReason = ScoreReturned, c.Reason
	default:
		return Score{}, fmt.Errorf("unknown score action %q", c.Action)
	}
	return next, nil
}

// updateStatuses writes the verification columns of the given scores in one
// statement; the rows travel as one JSON array so that NULLs stay NULLs.
func updateStatuses(ctx context.Context, db DB, scores map[int64]*Score) error {
	type row struct {
		ID             int64      `json:"id"`
		Value          string     `json:"value"`
		Status         string     `json:"status"`
		VerifiedBy     *int64     `json:"verified_by"`
		VerifiedByName *string    `json:"verified_by_name"`
		VerifiedAt     *time.Time `json:"verified_at"`
		OriginalValue  *string    `json:"original_value"`
		ReviewReason   *string    `json:"review_reason"`
		Version        int        `json:"version"`
	}
	rows := make([]row, 0, len(scores))
	for _, sc := range scores {
		r := row{ID: sc.ID, Value: sc.Value.String(), Status: string(sc.Status), VerifiedBy: sc.VerifiedBy,
			VerifiedByName: sc.VerifiedByName, VerifiedAt: sc.VerifiedAt, ReviewReason: sc.ReviewReason, Version: sc.Version}
		if sc.OriginalValue != nil {
			v := sc.OriginalValue.String()
			r.OriginalValue = &v
		}
		rows = append(rows, r)
	}
	data, err := json.Marshal(rows)
	if err != nil {
		return fmt.Errorf("encode score statuses: %w", err)
	}
	_, err = db.NewRaw(`
		UPDATE scores AS s
		SET value = d.value, status = d.status, verified_by = d.verified_by, verified_by_name = d.verified_by_name,
		    verified_at = d.verified_at, original_value = d.original_value, review_reason = d.review_reason, version = d.version
		FROM jsonb_to_recordset(?::jsonb) AS d(id bigint, value numeric, status text, verified_by bigint,
		     verified_by_name text, verified_at timestamptz, original_value numeric, review_reason text, version integer)
		WHERE s.id = d.id`, string(data)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("update score statuses: %w", mapError(err))
	}
	return nil
}

// CellScope is what a save needs to know about one submitted cell: whether
// the lead unit scores it (it leads the task, the evaluatee carries it, the
// task is in the period's plan) and the task's indicator with all its
// tasks, whose shares decide the task's points (DESIGN §2.1).
type CellScope struct {
	InScope         bool
	IndicatorID     int64
	IndicatorPoints Decimal
	IndicatorTasks  []IndicatorTask
}

// IndicatorTask is one task of an indicator, in the plan's order; Points is
// nil for a task sharing the indicator's remainder.
type IndicatorTask struct {
	ID     int64    `json:"id"`
	Points *Decimal `json:"points"`
}

// CellScopes answers, in one statement, whether each (evaluatee, task) pair a
// lead unit submits is one of its cells in plan, and the points of the
// task's indicator: a save checks only the cells it writes, not the unit's
// whole sheet. The answer has one element per pair, in order.
func CellScopes(ctx context.Context, db DB, planID, leadUnitID int64, evaluateeIDs, taskIDs []int64) ([]CellScope, error) {
	if len(evaluateeIDs) == 0 {
		return nil, nil
	}
	var rows []struct {
		Ord             int64    `bun:"ord"`
		InScope         bool     `bun:"in_scope"`
		IndicatorID     *int64   `bun:"indicator_id"`
		IndicatorPoints *Decimal `bun:"indicator_points"`
		IndicatorTasks  []byte   `bun:"indicator_tasks"`
	}
	err := db.NewRaw(`
		SELECT c.ord,
		       d.id IS NOT NULL
		         AND EXISTS (SELECT 1 FROM task_lead_units l WHERE l.task_id = c.task_id AND l.unit_id = ?)
		         AND EXISTS (SELECT 1 FROM assignments a WHERE a.evaluatee_id = c.evaluatee_id AND a.task_id = c.task_id) AS in_scope,
		       i.id AS indicator_id, i.points AS indicator_points,
		       CASE WHEN d.id IS NOT NULL THEN
		         (SELECT json_agg(json_build_object('id', s.id, 'points', s.points) ORDER BY s.number) FROM tasks s WHERE s.indicator_id = i.id)
		       END AS indicator_tasks
		FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS c(evaluatee_id, task_id, ord)
		LEFT JOIN tasks t ON t.id = c.task_id
		LEFT JOIN indicators i ON i.id = t.indicator_id
		LEFT JOIN dimensions d ON d.id = i.dimension_id AND d.plan_id = ?
		ORDER BY c.ord`,
		leadUnitID, pgdialect.Array(evaluateeIDs), pgdialect.Array(taskIDs), planID).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("check %d cells of unit %d in plan %d: %w", len(evaluateeIDs), leadUnitID, planID, err)
	}
	out := make([]CellScope, len(evaluateeIDs))
	for _, r := range rows {
		c := &out[r.Ord-1]
		c.InScope = r.InScope
		if r.IndicatorID == nil || r.IndicatorTasks == nil {
			continue
		}
		c.IndicatorID, c.IndicatorPoints = *r.IndicatorID, *r.IndicatorPoints
		if err := json.Unmarshal(r.IndicatorTasks, &c.IndicatorTasks); err != nil {
			return nil, fmt.Errorf("read tasks of indicator %d: %w", c.IndicatorID, err)
		}
	}
	return out, nil
}
