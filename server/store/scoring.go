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

	ID             int64       `bun:"id,pk,autoincrement"`
	PeriodID       int64       `bun:"period_id"`
	EvaluateeID    int64       `bun:"evaluatee_id"`
	TaskID         int64       `bun:"task_id"`
	LeadUnitID     int64       `bun:"lead_unit_id"`
	Value          Decimal     `bun:"value"`
	Comment        string      `bun:"comment"`
	Status         ScoreStatus `bun:"status"`
	EnteredBy      *int64      `bun:"entered_by"`
	EnteredByName  string      `bun:"entered_by_name"`
	EnteredAt      time.Time   `bun:"entered_at"`
	VerifiedBy     *int64      `bun:"verified_by"`
	VerifiedByName *string     `bun:"verified_by_name"`
	VerifiedAt     *time.Time  `bun:"verified_at"`
	OriginalValue  *Decimal    `bun:"original_value"`
	ReviewReason   *string     `bun:"review_reason"`
	Version        int         `bun:"version"`
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

// SetScoreStatus moves a score through verification. value and reason are
// for ADJUST and RETURN; version must be what the 专班 saw.
func SetScoreStatus(ctx context.Context, db DB, id int64, version int, action string, value *Decimal, reason *string, by Actor, at time.Time) (*Score, error) {
	cur := new(Score)
	if err := db.NewSelect().Model(cur).Where("id = ?", id).For("UPDATE").Scan(ctx); err != nil {
		return nil, notFoundOr(err, "分值", id)
	}
	if cur.Version != version {
		return nil, apperr.StaleVersion("分值", id, cur)
	}
	next := *cur
	next.Version++
	switch action {
	case "SUBMIT":
		next.Status = ScoreSubmitted
	case "ACCEPT", "ADJUST":
		next.Status = ScoreVerified
		next.VerifiedBy, next.VerifiedByName, next.VerifiedAt = &by.UserID, &by.Username, &at
		next.ReviewReason = reason
		if action == "ADJUST" {
			original := cur.Value
			if cur.OriginalValue != nil {
				original = *cur.OriginalValue
			}
			next.OriginalValue, next.Value = &original, *value
		}
	case "RETURN":
		next.Status, next.ReviewReason = ScoreReturned, reason
	default:
		return nil, fmt.Errorf("unknown score action %q", action)
	}
	_, err := db.NewUpdate().Model(&next).
		Column("value", "status", "verified_by", "verified_by_name", "verified_at", "original_value", "review_reason", "version").
		WherePK().Exec(ctx)
	if err != nil {
		return nil, mapError(err)
	}
	if err := addScoreChange(ctx, db, id, by, at, action, &cur.Value, &next.Value, &cur.Status, next.Status, reason); err != nil {
		return nil, err
	}
	audit.Note(ctx, "scores", id, cur, &next)
	return &next, nil
}

func addScoreChange(ctx context.Context, db DB, scoreID int64, by Actor, at time.Time, action string, oldV, newV *Decimal, oldS *ScoreStatus, newS ScoreStatus, reason *string) error {
	_, err := db.NewInsert().Model(&ScoreChange{
		ScoreID: scoreID, At: at, UserID: &by.UserID, Username: by.Username, Action: action,
		OldValue: oldV, NewValue: newV, OldStatus: oldS, NewStatus: newS, Reason: reason,
	}).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record history of score %d: %w", scoreID, err)
	}
	return nil
}

// ProgressReport is an evaluatee's account of a task in a period.
type ProgressReport struct {
	bun.BaseModel `bun:"table:progress_reports,alias:r"`

	ID            int64     `bun:"id,pk,autoincrement"`
	PeriodID      int64     `bun:"period_id"`
	EvaluateeID   int64     `bun:"evaluatee_id"`
	TaskID        int64     `bun:"task_id"`
	State         string    `bun:"state"`
	Narrative     string    `bun:"narrative"`
	UpdatedBy     *int64    `bun:"updated_by"`
	UpdatedByName string    `bun:"updated_by_name"`
	UpdatedAt     time.Time `bun:"updated_at"`
	Version       int       `bun:"version"`
}

func (r *ProgressReport) currentVersion() int { return r.Version }

// FindReports returns a period's reports, optionally of some evaluatees or tasks.
func FindReports(ctx context.Context, db DB, periodID int64, evaluateeIDs, taskIDs []int64) ([]ProgressReport, error) {
	var out []ProgressReport
	q := db.NewSelect().Model(&out).Where("period_id = ?", periodID)
	if evaluateeIDs != nil {
		q = q.Where("evaluatee_id IN (?)", bun.In(evaluateeIDs))
	}
	if taskIDs != nil {
		q = q.Where("task_id IN (?)", bun.In(taskIDs))
	}
	if err := q.Order("task_id", "evaluatee_id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find progress reports: %w", err)
	}
	return out, nil
}

// FindReport returns report id.
func FindReport(ctx context.Context, db DB, id int64) (*ProgressReport, error) {
	r := new(ProgressReport)
	if err := db.NewSelect().Model(r).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFoundOr(err, "进展报告", id)
	}
	return r, nil
}

// SaveReport creates or updates the report of (period, evaluatee, task).
// version 0 creates; otherwise it must match.
func SaveReport(ctx context.Context, db DB, r *ProgressReport) error {
	if r.Version == 0 {
		r.Version = 1
		_, err := db.NewInsert().Model(r).Returning("*").Exec(ctx)
		if err != nil {
			var pgErr interface{ SQLState() string }
			if errors.As(err, &pgErr) && pgErr.SQLState() == "23505" {
				return apperr.Errorf(apperr.Conflict, "该任务的进展已由他人报送,请刷新后重试")
			}
			return mapError(err)
		}
		audit.Note(ctx, "progress_reports", r.ID, nil, r)
		return nil
	}
	existing := new(ProgressReport)
	err := db.NewSelect().Model(existing).
		Where("period_id = ? AND evaluatee_id = ? AND task_id = ?", r.PeriodID, r.EvaluateeID, r.TaskID).Scan(ctx)
	if err != nil {
		return notFoundOr(err, "进展报告", 0)
	}
	r.ID = existing.ID
	return updateVersioned(ctx, db, r, "进展报告", "progress_reports", r.ID, r.Version, "state", "narrative", "updated_by", "updated_by_name", "updated_at")
}

// Evidence is a file attached to a report.
type Evidence struct {
	bun.BaseModel `bun:"table:evidence,alias:ev"`

	ID             int64     `bun:"id,pk,autoincrement"`
	ReportID       int64     `bun:"report_id"`
	FileSHA256     string    `bun:"file_sha256"`
	Filename       string    `bun:"filename"`
	UploadedBy     *int64    `bun:"uploaded_by"`
	UploadedByName string    `bun:"uploaded_by_name"`
	UploadedAt     time.Time `bun:"uploaded_at"`
	ContentType    string    `bun:"content_type,scanonly"`
	Size           int64     `bun:"size,scanonly"`
}

// EvidenceOfReports returns evidence keyed by report.
func EvidenceOfReports(ctx context.Context, db DB, reportIDs []int64) (map[int64][]Evidence, error) {
	out := map[int64][]Evidence{}
	if len(reportIDs) == 0 {
		return out, nil
	}
	var rows []Evidence
	err := db.NewSelect().Model(&rows).ColumnExpr("ev.*, f.content_type, f.size").
		Join("JOIN files AS f ON f.sha256 = ev.file_sha256").
		Where("ev.report_id IN (?)", bun.In(reportIDs)).Order("ev.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load evidence: %w", err)
	}
	for _, e := range rows {
		out[e.ReportID] = append(out[e.ReportID], e)
	}
	return out, nil
}

// AddEvidence stores content once per hash and links it to a report.
func AddEvidence(ctx context.Context, db DB, e *Evidence, content []byte) error {
	_, err := db.NewRaw(`INSERT INTO files (sha256, content_type, size, content) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		e.FileSHA256, e.ContentType, len(content), content).Exec(ctx)
	if err != nil {
		return fmt.Errorf("store file: %w", err)
	}
	e.Size = int64(len(content))
	if _, err := db.NewInsert().Model(e).Returning("id").Exec(ctx); err != nil {
		return mapError(err)
	}
	audit.Note(ctx, "evidence", e.ID, nil, e)
	return nil
}

// FindEvidence returns one evidence row with its report.
func FindEvidence(ctx context.Context, db DB, id int64) (*Evidence, *ProgressReport, error) {
	e := new(Evidence)
	err := db.NewSelect().Model(e).ColumnExpr("ev.*, f.content_type, f.size").
		Join("JOIN files AS f ON f.sha256 = ev.file_sha256").Where("ev.id = ?", id).Scan(ctx)
	if err != nil {
		return nil, nil, notFoundOr(err, "佐证材料", id)
	}
	r, err := FindReport(ctx, db, e.ReportID)
	return e, r, err
}

// FileContent returns a stored file's bytes.
func FileContent(ctx context.Context, db DB, sha string) ([]byte, error) {
	var content []byte
	if err := db.NewRaw(`SELECT content FROM files WHERE sha256 = ?`, sha).Scan(ctx, &content); err != nil {
		return nil, fmt.Errorf("read file %s: %w", sha, err)
	}
	return content, nil
}

// DeleteEvidence unlinks a file from its report (the content stays: another
// report may share it, and the audit log refers to it).
func DeleteEvidence(ctx context.Context, db DB, id int64) error {
	e, _, err := FindEvidence(ctx, db, id)
	if err != nil {
		return err
	}
	if _, err := db.NewDelete().Model((*Evidence)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
		return err
	}
	audit.Note(ctx, "evidence", id, e, nil)
	return nil
}

// SourceValue is a 民意调查 or 第三方评估 value.
type SourceValue struct {
	bun.BaseModel `bun:"table:source_values,alias:sv"`

	ID             int64     `bun:"id,pk,autoincrement"`
	PeriodID       int64     `bun:"period_id"`
	EvaluateeID    int64     `bun:"evaluatee_id"`
	Method         string    `bun:"method"`
	Source         string    `bun:"source"`
	Value          Decimal   `bun:"value"`
	Weight         Decimal   `bun:"weight"`
	ImportedByName string    `bun:"imported_by_name"`
	ImportedAt     time.Time `bun:"imported_at"`
}

// FindSourceValues returns a period's values of a method (all methods when "").
func FindSourceValues(ctx context.Context, db DB, periodID int64, method string, evaluateeIDs []int64) ([]SourceValue, error) {
	var out []SourceValue
	q := db.NewSelect().Model(&out).Where("period_id = ?", periodID)
	if method != "" {
		q = q.Where("method = ?", method)
	}
	if evaluateeIDs != nil {
		q = q.Where("evaluatee_id IN (?)", bun.In(evaluateeIDs))
	}
	if err := q.Order("evaluatee_id", "method", "source").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find source values: %w", err)
	}
	return out, nil
}

// ReplaceSourceValues replaces a period's values of one method: an import
// is the complete set for that method.
func ReplaceSourceValues(ctx context.Context, db DB, periodID int64, method string, values []SourceValue) error {
	var before []SourceValue
	if err := db.NewSelect().Model(&before).Where("period_id = ? AND method = ?", periodID, method).Scan(ctx); err != nil {
		return err
	}
	if _, err := db.NewDelete().Model((*SourceValue)(nil)).Where("period_id = ? AND method = ?", periodID, method).Exec(ctx); err != nil {
		return err
	}
	if len(values) > 0 {
		if _, err := db.NewInsert().Model(&values).Exec(ctx); err != nil {
			return mapError(err)
		}
	}
	audit.Note(ctx, "source_values", periodID, before, values)
	return nil
}

// PeriodEvent records a move of a period.
type PeriodEvent struct {
	bun.BaseModel `bun:"table:period_events"`

	ID        int64       `bun:"id,pk,autoincrement"`
	PeriodID  int64       `bun:"period_id"`
	FromState PeriodState `bun:"from_state"`
	ToState   PeriodState `bun:"to_state"`
	Reason    *string     `bun:"reason"`
	UserID    *int64      `bun:"user_id"`
	Username  string      `bun:"username"`
	At        time.Time   `bun:"at"`
}

// FindPeriod returns period id.
func FindPeriod(ctx context.Context, db DB, id int64) (*Period, error) {
	p := new(Period)
	if err := db.NewSelect().Model(p).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFoundOr(err, "考评周期", id)
	}
	return p, nil
}

// MovePeriod changes a period's state if it still has version, and records
// the event.
func MovePeriod(ctx context.Context, db DB, p *Period, to PeriodState, reason *string, by Actor, at time.Time) error {
	from := p.State
	next := *p
	next.State = to
	if to == PeriodPublished {
		next.PublishedAt = &at
	}
	if err := updateVersioned(ctx, db, &next, "考评周期", "periods", p.ID, p.Version, "state", "published_at"); err != nil {
		return err
	}
	*p = next
	_, err := db.NewInsert().Model(&PeriodEvent{PeriodID: p.ID, FromState: from, ToState: to, Reason: reason, UserID: &by.UserID, Username: by.Username, At: at}).Exec(ctx)
	return err
}

// PeriodEvents returns each period's events, oldest first.
func PeriodEvents(ctx context.Context, db DB, periodIDs []int64) (map[int64][]PeriodEvent, error) {
	var rows []PeriodEvent
	if err := db.NewSelect().Model(&rows).Where("period_id IN (?)", bun.In(periodIDs)).Order("period_id", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load period events: %w", err)
	}
	out := map[int64][]PeriodEvent{}
	for _, e := range rows {
		out[e.PeriodID] = append(out[e.PeriodID], e)
	}
	return out, nil
}

// Publication freezes a period's results.
type Publication struct {
	bun.BaseModel `bun:"table:publications"`

	ID            int64      `bun:"id,pk,autoincrement"`
	PeriodID      int64      `bun:"period_id"`
	Number        int        `bun:"number"`
	CreatedAt     time.Time  `bun:"created_at"`
	CreatedByName string     `bun:"created_by_name"`
	SupersededAt  *time.Time `bun:"superseded_at"`
}

// PublishedResult is one evaluatee's frozen result.
type PublishedResult struct {
	bun.BaseModel `bun:"table:published_results,alias:pr"`

	PublicationID int64           `bun:"publication_id,pk"`
	EvaluateeID   int64           `bun:"evaluatee_id,pk"`
	Group         RankingGroup    `bun:"ranking_group"`
	Rank          int             `bun:"rank"`
	Score         *Decimal        `bun:"score"`
	Exact         *string         `bun:"exact"`
	MissingScores int             `bun:"missing_scores"`
	Summary       json.RawMessage `bun:"summary,type:jsonb"`
	Breakdown     json.RawMessage `bun:"breakdown,type:jsonb"`
}

// CurrentPublication returns the period's publication in force, or nil.
func CurrentPublication(ctx context.Context, db DB, periodID int64) (*Publication, error) {
	p := new(Publication)
	err := db.NewSelect().Model(p).Where("period_id = ? AND superseded_at IS NULL", periodID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return p, err
}

// Publish stores a new publication of the period with its results.
func Publish(ctx context.Context, db DB, periodID int64, byName string, at time.Time, results []PublishedResult) (*Publication, error) {
	var n int
	if err := db.NewRaw(`SELECT coalesce(max(number), 0) FROM publications WHERE period_id = ?`, periodID).Scan(ctx, &n); err != nil {
		return nil, err
	}
	pub := &Publication{PeriodID: periodID, Number: n + 1, CreatedAt: at, CreatedByName: byName}
	if _, err := db.NewInsert().Model(pub).Returning("id").Exec(ctx); err != nil {
		return nil, mapError(err)
	}
	for i := range results {
		results[i].PublicationID = pub.ID
	}
	// Chunked: PostgreSQL takes at most 65,535 parameters per statement.
	for start := 0; start < len(results); start += 5000 {
		chunk := results[start:min(start+5000, len(results))]
		if _, err := db.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return nil, mapError(err)
		}
	}
	audit.Note(ctx, "publications", pub.ID, nil, map[string]any{"periodId": periodID, "number": pub.Number, "results": len(results)})
	return pub, nil
}

// Supersede marks the period's publication as no longer in force.
func Supersede(ctx context.Context, db DB, periodID int64, at time.Time) error {
	_, err := db.NewUpdate().Model((*Publication)(nil)).Set("superseded_at = ?", at).
		Where("period_id = ? AND superseded_at IS NULL", periodID).Exec(ctx)
	return err
}

// PublishedResults returns a publication's results, optionally of one group
// or one evaluatee, in rank order (then the units' official order).
func PublishedResults(ctx context.Context, db DB, publicationID int64, group *RankingGroup, evaluateeID *int64, withBreakdown bool) ([]PublishedResult, error) {
	var out []PublishedResult
	q := db.NewSelect().Model(&out).
		Join("JOIN evaluatees AS e ON e.id = pr.evaluatee_id").
		Join("JOIN units AS u ON u.id = e.unit_id").
		Where("pr.publication_id = ?", publicationID)
	if withBreakdown {
		q = q.ColumnExpr("pr.*")
	} else {
		q = q.ExcludeColumn("breakdown")
	}
	if group != nil {
		q = q.Where("pr.ranking_group = ?", *group)
	}
	if evaluateeID != nil {
		q = q.Where("pr.evaluatee_id = ?", *evaluateeID)
	}
	if err := q.Order("pr.rank", "u.sort_key", "u.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load published results: %w", err)
	}
	return out, nil
}
