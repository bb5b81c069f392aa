package store

import (
	"context"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"
	"time"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/audit"
)

// ObjectionStatus is where an objection (异议) stands.
type ObjectionStatus string

const (
	ObjectionOpen     ObjectionStatus = "OPEN"
	ObjectionUpheld   ObjectionStatus = "UPHELD"
	ObjectionRejected ObjectionStatus = "REJECTED"
)

// Objection is an evaluatee's objection to its published result in 公示,
// for one task or (TaskID nil) overall.
type Objection struct {
	bun.BaseModel `bun:"table:objections,alias:o"`

	ID             int64           `bun:"id,pk,autoincrement"`
	PeriodID       int64           `bun:"period_id"`
	EvaluateeID    int64           `bun:"evaluatee_id"`
	TaskID         *int64          `bun:"task_id"`
	PublicationID  *int64          `bun:"publication_id"`
	Reason         string          `bun:"reason"`
	Status         ObjectionStatus `bun:"status"`
	FiledBy        *int64          `bun:"filed_by"`
	FiledByName    string          `bun:"filed_by_name"`
	FiledAt        time.Time       `bun:"filed_at"`
	Answer         *string         `bun:"answer"`
	AnsweredBy     *int64          `bun:"answered_by"`
	AnsweredByName *string         `bun:"answered_by_name"`
	AnsweredAt     *time.Time      `bun:"answered_at"`
	Correction     *string         `bun:"correction"`
	Version        int             `bun:"version"`
}

func (o *Objection) currentVersion() int { return o.Version }

// ObjectionEvidence is a file attached to an objection; the content is in
// files, stored once per SHA-256 like progress-report evidence.
type ObjectionEvidence struct {
	bun.BaseModel `bun:"table:objection_evidence,alias:oe"`

	ID             int64     `bun:"id,pk,autoincrement"`
	ObjectionID    int64     `bun:"objection_id"`
	FileSHA256     string    `bun:"file_sha256"`
	Filename       string    `bun:"filename"`
	UploadedBy     *int64    `bun:"uploaded_by"`
	UploadedByName string    `bun:"uploaded_by_name"`
	UploadedAt     time.Time `bun:"uploaded_at"`
	ContentType    string    `bun:"content_type,scanonly"`
	Size           int64     `bun:"size,scanonly"`
}

// CreateObjection files an objection with its evidence (contents by SHA-256
// in files).
func CreateObjection(ctx context.Context, db DB, o *Objection, evidence []ObjectionEvidence, contents [][]byte) error {
	if _, err := db.NewInsert().Model(o).Returning("id, version").Exec(ctx); err != nil {
		return mapError(err)
	}
	for i := range evidence {
		if _, err := db.NewRaw(`INSERT INTO files (sha256, content_type, size, content) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			evidence[i].FileSHA256, evidence[i].ContentType, len(contents[i]), contents[i]).Exec(ctx); err != nil {
			return fmt.Errorf("store file: %w", err)
		}
		evidence[i].ObjectionID = o.ID
		evidence[i].Size = int64(len(contents[i]))
	}
	if len(evidence) > 0 {
		if _, err := db.NewInsert().Model(&evidence).Returning("id").Exec(ctx); err != nil {
			return mapError(err)
		}
	}
	audit.Note(ctx, "objections", o.ID, nil, map[string]any{"objection": o, "evidence": len(evidence)})
	return nil
}

// FindObjection returns one objection, locked for update when forUpdate.
func FindObjection(ctx context.Context, db DB, id int64, forUpdate bool) (*Objection, error) {
	o := new(Objection)
	q := db.NewSelect().Model(o).Where("id = ?", id)
	if forUpdate {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFoundOr(err, apperr.Objection, id)
	}
	return o, nil
}

// ObjectionFilter narrows a period's objections.
type ObjectionFilter struct {
	PeriodID int64
	// EvaluateeIDs limits them to some evaluatees (a contact's own).
	EvaluateeIDs []int64
	Statuses     []ObjectionStatus
}

// FindObjections returns a period's objections, oldest first.
func FindObjections(ctx context.Context, db DB, f ObjectionFilter) ([]Objection, error) {
	var out []Objection
	q := db.NewSelect().Model(&out).Where("o.period_id = ?", f.PeriodID)
	if f.EvaluateeIDs != nil {
		q = q.Where("o.evaluatee_id IN (?)", bun.In(f.EvaluateeIDs))
	}
	if len(f.Statuses) > 0 {
		q = q.Where("o.status IN (?)", bun.In(f.Statuses))
	}
	if err := q.Order("o.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find objections of period %d: %w", f.PeriodID, err)
	}
	return out, nil
}

// EvidenceOfObjections returns each objection's files, keyed by objection.
func EvidenceOfObjections(ctx context.Context, db DB, ids []int64) (map[int64][]ObjectionEvidence, error) {
	out := map[int64][]ObjectionEvidence{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ObjectionEvidence
	err := db.NewSelect().Model(&rows).ColumnExpr("oe.*, f.content_type, f.size").
		Join("JOIN files AS f ON f.sha256 = oe.file_sha256").
		Where("oe.objection_id IN (?)", bun.In(ids)).Order("oe.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load objection evidence: %w", err)
	}
	for _, e := range rows {
		out[e.ObjectionID] = append(out[e.ObjectionID], e)
	}
	return out, nil
}

// FindObjectionEvidence returns one evidence row with its objection.
func FindObjectionEvidence(ctx context.Context, db DB, id int64) (*ObjectionEvidence, *Objection, error) {
	e := new(ObjectionEvidence)
	err := db.NewSelect().Model(e).ColumnExpr("oe.*, f.content_type, f.size").
		Join("JOIN files AS f ON f.sha256 = oe.file_sha256").Where("oe.id = ?", id).Scan(ctx)
	if err != nil {
		return nil, nil, notFoundOr(err, apperr.ObjectionEvidence, id)
	}
	o, err := FindObjection(ctx, db, e.ObjectionID, false)
	return e, o, err
}

// UpdateObjectionAnswer records the 专班's answer if the objection still has
// version.
func UpdateObjectionAnswer(ctx context.Context, db DB, o *Objection, status ObjectionStatus, answer string, correction *string, by Actor, at time.Time) error {
	next := *o
	next.Status, next.Answer, next.Correction = status, &answer, correction
	next.AnsweredBy, next.AnsweredByName, next.AnsweredAt = &by.UserID, &by.Username, &at
	if err := updateVersioned(ctx, db, &next, apperr.Objection, "objections", o.ID, o.Version,
		"status", "answer", "correction", "answered_by", "answered_by_name", "answered_at"); err != nil {
		return err
	}
	*o = next
	return nil
}

// ObjectionCounts is how many objections a period had and how many were upheld.
type ObjectionCounts struct {
	PeriodID int64 `bun:"period_id"`
	Filed    int   `bun:"filed"`
	Upheld   int   `bun:"upheld"`
	Open     int   `bun:"open"`
}

// CountObjections counts the objections of each period in one statement.
func CountObjections(ctx context.Context, db DB, periodIDs []int64) (map[int64]ObjectionCounts, error) {
	out := map[int64]ObjectionCounts{}
	if len(periodIDs) == 0 {
		return out, nil
	}
	var rows []ObjectionCounts
	err := db.NewRaw(`
		SELECT period_id, count(*) AS filed,
		       count(*) FILTER (WHERE status = 'UPHELD') AS upheld,
		       count(*) FILTER (WHERE status = 'OPEN') AS open
		FROM objections WHERE period_id IN (?) GROUP BY period_id`, bun.In(periodIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count objections: %w", err)
	}
	for _, r := range rows {
		out[r.PeriodID] = r
	}
	return out, nil
}
