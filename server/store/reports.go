package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
)

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
		return nil, notFoundOr(err, apperr.ProgressReport, id)
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
				return apperr.New(apperr.Conflict, "该任务的进展已由他人报送,请刷新后重试",
					"Someone else has already reported progress on this task; reload and try again")
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
		return notFoundOr(err, apperr.ProgressReport, 0)
	}
	r.ID = existing.ID
	return updateVersioned(ctx, db, r, apperr.ProgressReport, "progress_reports", r.ID, r.Version, "state", "narrative", "updated_by", "updated_by_name", "updated_at")
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
		return nil, nil, notFoundOr(err, apperr.Evidence, id)
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
