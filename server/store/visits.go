package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// VisitStatus is where a field visit stands: planned (inspectors record
// findings), submitted (signed, waiting for the 专班), accepted (counts in
// 实地调研) or returned (back to the inspectors with a note).
type VisitStatus string

const (
	VisitPlanned   VisitStatus = "PLANNED"
	VisitSubmitted VisitStatus = "SUBMITTED"
	VisitAccepted  VisitStatus = "ACCEPTED"
	VisitReturned  VisitStatus = "RETURNED"
	// VisitCancelled: called off before submission, kept with its reason.
	VisitCancelled VisitStatus = "CANCELLED"
)

// FieldVisit is one visit to an evaluatee in a period.
type FieldVisit struct {
	bun.BaseModel `bun:"table:field_visits,alias:fv"`

	ID              int64       `bun:"id,pk,autoincrement"`
	PeriodID        int64       `bun:"period_id"`
	EvaluateeID     int64       `bun:"evaluatee_id"`
	Date            time.Time   `bun:"visit_date,type:date"`
	Status          VisitStatus `bun:"status"`
	ReviewNote      *string     `bun:"review_note"`
	ReviewedBy      *int64      `bun:"reviewed_by"`
	ReviewedByName  *string     `bun:"reviewed_by_name"`
	ReviewedAt      *time.Time  `bun:"reviewed_at"`
	SubmittedAt     *time.Time  `bun:"submitted_at"`
	SignedBy        *string     `bun:"signed_by"`
	SignatureSHA256 *string     `bun:"signature_sha256"`
	CreatedBy       *int64      `bun:"created_by"`
	CreatedByName   string      `bun:"created_by_name"`
	CreatedAt       time.Time   `bun:"created_at"`
	Version         int         `bun:"version"`
}

func (v *FieldVisit) currentVersion() int { return v.Version }

// Finding is an inspector's judgement of one checklist item.
type Finding struct {
	bun.BaseModel `bun:"table:field_findings,alias:ff"`

	ID             int64     `bun:"id,pk,autoincrement"`
	VisitID        int64     `bun:"visit_id"`
	TaskID         int64     `bun:"task_id"`
	Judgement      string    `bun:"judgement"`
	Note           string    `bun:"note"`
	ObservedAt     time.Time `bun:"observed_at"`
	Latitude       *float64  `bun:"latitude"`
	Longitude      *float64  `bun:"longitude"`
	AccuracyM      *float64  `bun:"accuracy_m"`
	RecordedBy     *int64    `bun:"recorded_by"`
	RecordedByName string    `bun:"recorded_by_name"`
	UpdatedAt      time.Time `bun:"updated_at"`
	Version        int       `bun:"version"`
}

func (f *Finding) currentVersion() int { return f.Version }

// FieldPhoto is a photo of a checklist item; its bytes are in files.
type FieldPhoto struct {
	bun.BaseModel `bun:"table:field_photos,alias:fp"`

	ID             int64     `bun:"id,pk,autoincrement"`
	ClientID       string    `bun:"client_id,type:uuid"`
	VisitID        int64     `bun:"visit_id"`
	TaskID         int64     `bun:"task_id"`
	FileSHA256     string    `bun:"file_sha256"`
	UploadedBy     int64     `bun:"uploaded_by"`
	UploadedByName string    `bun:"uploaded_by_name"`
	UploadedAt     time.Time `bun:"uploaded_at"`
	ContentType    string    `bun:"content_type,scanonly"`
	Size           int64     `bun:"size,scanonly"`
}

// VisitEvent is a change of a visit's status.
type VisitEvent struct {
	bun.BaseModel `bun:"table:field_visit_events,alias:fve"`

	ID         int64       `bun:"id,pk,autoincrement"`
	VisitID    int64       `bun:"visit_id"`
	FromStatus VisitStatus `bun:"from_status"`
	ToStatus   VisitStatus `bun:"to_status"`
	Reason     *string     `bun:"reason"`
	UserID     *int64      `bun:"user_id"`
	Username   string      `bun:"username"`
	At         time.Time   `bun:"at"`
}

// SyncWrite is the record of one write a phone sent, by its client UUID.
type SyncWrite struct {
	bun.BaseModel `bun:"table:field_sync_writes,alias:fsw"`

	ClientID string `bun:"client_id,pk,type:uuid"`
	UserID   int64  `bun:"user_id"`
	VisitID  int64  `bun:"visit_id"`
	TaskID   int64  `bun:"task_id"`
	Outcome  string `bun:"outcome"`
	// BaseVersion is the finding version the write started from,
	// ResultVersion the one it produced.
	BaseVersion   int       `bun:"base_version"`
	ResultVersion *int      `bun:"result_version"`
	At            time.Time `bun:"at"`
}

// WriteThatMade returns the write that produced a finding's version, or nil.
func WriteThatMade(ctx context.Context, db DB, visitID, taskID int64, version int) (*SyncWrite, error) {
	w := new(SyncWrite)
	err := db.NewSelect().Model(w).Where("visit_id = ? AND task_id = ? AND result_version = ?", visitID, taskID, version).
		Order("at DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the write of finding %d/%d v%d: %w", visitID, taskID, version, err)
	}
	return w, nil
}

// CreateVisit inserts a visit with its inspectors and checklist.
func CreateVisit(ctx context.Context, db DB, v *FieldVisit, inspectorIDs, taskIDs []int64) error {
	v.Version = 1
	if err := insert(ctx, db, v, "field_visits", func() int64 { return v.ID }); err != nil {
		return err
	}
	type link struct {
		bun.BaseModel `bun:"table:field_visit_inspectors"`
		VisitID       int64 `bun:"visit_id"`
		UserID        int64 `bun:"user_id"`
	}
	links := make([]link, len(inspectorIDs))
	for i, u := range inspectorIDs {
		links[i] = link{VisitID: v.ID, UserID: u}
	}
	if _, err := db.NewInsert().Model(&links).Exec(ctx); err != nil {
		return fmt.Errorf("assign inspectors to visit %d: %w", v.ID, mapError(err))
	}
	type item struct {
		bun.BaseModel `bun:"table:field_visit_items"`
		VisitID       int64 `bun:"visit_id"`
		TaskID        int64 `bun:"task_id"`
	}
	items := make([]item, len(taskIDs))
	for i, t := range taskIDs {
		items[i] = item{VisitID: v.ID, TaskID: t}
	}
	if _, err := db.NewInsert().Model(&items).Exec(ctx); err != nil {
		return fmt.Errorf("checklist of visit %d: %w", v.ID, mapError(err))
	}
	return nil
}

// UpdateVisitPlan moves a planned visit to v.Date if it still has
// v.Version, and replaces its inspectors and checklist. The caller makes
// sure no dropped item has a finding or photo: dropping an item cascades
// to them.
func UpdateVisitPlan(ctx context.Context, db DB, v *FieldVisit, inspectorIDs, taskIDs []int64) error {
	if err := updateVersioned(ctx, db, v, apperr.FieldVisit, "field_visits", v.ID, v.Version, "visit_date"); err != nil {
		return err
	}
	if _, err := db.NewRaw(`DELETE FROM field_visit_inspectors WHERE visit_id = ? AND user_id NOT IN (?)`, v.ID, bun.In(inspectorIDs)).Exec(ctx); err != nil {
		return fmt.Errorf("drop inspectors of visit %d: %w", v.ID, err)
	}
	if _, err := db.NewRaw(`INSERT INTO field_visit_inspectors (visit_id, user_id) SELECT ?, unnest(?::bigint[]) ON CONFLICT DO NOTHING`,
		v.ID, pgdialect.Array(inspectorIDs)).Exec(ctx); err != nil {
		return fmt.Errorf("assign inspectors to visit %d: %w", v.ID, mapError(err))
	}
	if _, err := db.NewRaw(`DELETE FROM field_visit_items WHERE visit_id = ? AND task_id NOT IN (?)`, v.ID, bun.In(taskIDs)).Exec(ctx); err != nil {
		return fmt.Errorf("drop checklist items of visit %d: %w", v.ID, err)
	}
	if _, err := db.NewRaw(`INSERT INTO field_visit_items (visit_id, task_id) SELECT ?, unnest(?::bigint[]) ON CONFLICT DO NOTHING`,
		v.ID, pgdialect.Array(taskIDs)).Exec(ctx); err != nil {
		return fmt.Errorf("checklist of visit %d: %w", v.ID, mapError(err))
	}
	return nil
}

// FindVisit returns visit id; forUpdate locks it for the transaction, so
// writes to one visit (sync, submit, review) happen one after the other.
func FindVisit(ctx context.Context, db DB, id int64, forUpdate bool) (*FieldVisit, error) {
	v := new(FieldVisit)
	q := db.NewSelect().Model(v).Where("id = ?", id)
	if forUpdate {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFoundOr(err, apperr.FieldVisit, id)
	}
	return v, nil
}

// VisitFilter selects visits; zero fields do not filter.
type VisitFilter struct {
	IDs         []int64
	InspectorID int64
	PeriodID    int64
	EvaluateeID int64
	Statuses    []VisitStatus
}

// FindVisits returns visits by date, then id.
func FindVisits(ctx context.Context, db DB, f VisitFilter) ([]FieldVisit, error) {
	var out []FieldVisit
	q := db.NewSelect().Model(&out)
	if f.IDs != nil {
		q = q.Where("fv.id IN (?)", bun.In(f.IDs))
	}
	if f.InspectorID != 0 {
		q = q.Where("fv.id IN (SELECT visit_id FROM field_visit_inspectors WHERE user_id = ?)", f.InspectorID)
	}
	if f.PeriodID != 0 {
		q = q.Where("fv.period_id = ?", f.PeriodID)
	}
	if f.EvaluateeID != 0 {
		q = q.Where("fv.evaluatee_id = ?", f.EvaluateeID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("fv.status IN (?)", bun.In(f.Statuses))
	}
	if err := q.Order("fv.visit_date", "fv.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find field visits: %w", err)
	}
	return out, nil
}

// VisitInspector is an inspector assigned to a visit.
type VisitInspector struct {
	VisitID     int64  `bun:"visit_id"`
	UserID      int64  `bun:"user_id"`
	DisplayName string `bun:"display_name"`
}

// InspectorsOfVisits returns each visit's inspectors.
func InspectorsOfVisits(ctx context.Context, db DB, visitIDs []int64) (map[int64][]VisitInspector, error) {
	out := map[int64][]VisitInspector{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []VisitInspector
	err := db.NewRaw(`SELECT i.visit_id, i.user_id, u.display_name FROM field_visit_inspectors i JOIN users u ON u.id = i.user_id
		WHERE i.visit_id IN (?) ORDER BY i.visit_id, u.username`, bun.In(visitIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load visit inspectors: %w", err)
	}
	for _, r := range rows {
		out[r.VisitID] = append(out[r.VisitID], r)
	}
	return out, nil
}

// ChecklistOfVisits returns each visit's checklist tasks in plan order.
func ChecklistOfVisits(ctx context.Context, db DB, visitIDs []int64) (map[int64][]Task, error) {
	out := map[int64][]Task{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		VisitID int64 `bun:"visit_id"`
		Task
	}
	err := db.NewSelect().TableExpr("field_visit_items AS vi").
		ColumnExpr("vi.visit_id, t.*, d.plan_id").
		Join("JOIN tasks AS t ON t.id = vi.task_id").
		Join("JOIN indicators AS i ON i.id = t.indicator_id").
		Join("JOIN dimensions AS d ON d.id = i.dimension_id").
		Where("vi.visit_id IN (?)", bun.In(visitIDs)).
		OrderExpr("vi.visit_id, d.number, i.number, t.number").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load visit checklists: %w", err)
	}
	for _, r := range rows {
		out[r.VisitID] = append(out[r.VisitID], r.Task)
	}
	return out, nil
}

// FindingsOfVisits returns each visit's findings keyed by task.
func FindingsOfVisits(ctx context.Context, db DB, visitIDs []int64) (map[int64]map[int64]Finding, error) {
	out := map[int64]map[int64]Finding{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []Finding
	if err := db.NewSelect().Model(&rows).Where("visit_id IN (?)", bun.In(visitIDs)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load findings: %w", err)
	}
	for _, f := range rows {
		if out[f.VisitID] == nil {
			out[f.VisitID] = map[int64]Finding{}
		}
		out[f.VisitID][f.TaskID] = f
	}
	return out, nil
}

// PhotosOfVisits returns each visit's photos keyed by task, oldest first.
func PhotosOfVisits(ctx context.Context, db DB, visitIDs []int64) (map[int64]map[int64][]FieldPhoto, error) {
	out := map[int64]map[int64][]FieldPhoto{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []FieldPhoto
	err := db.NewSelect().Model(&rows).ColumnExpr("fp.*, f.content_type, f.size").
		Join("JOIN files AS f ON f.sha256 = fp.file_sha256").
		Where("fp.visit_id IN (?)", bun.In(visitIDs)).Order("fp.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load field photos: %w", err)
	}
	for _, p := range rows {
		if out[p.VisitID] == nil {
			out[p.VisitID] = map[int64][]FieldPhoto{}
		}
		out[p.VisitID][p.TaskID] = append(out[p.VisitID][p.TaskID], p)
	}
	return out, nil
}

// EventsOfVisits returns each visit's status changes, oldest first.
func EventsOfVisits(ctx context.Context, db DB, visitIDs []int64) (map[int64][]VisitEvent, error) {
	out := map[int64][]VisitEvent{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []VisitEvent
	if err := db.NewSelect().Model(&rows).Where("visit_id IN (?)", bun.In(visitIDs)).Order("visit_id", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load visit events: %w", err)
	}
	for _, e := range rows {
		out[e.VisitID] = append(out[e.VisitID], e)
	}
	return out, nil
}

// FindSyncWrite returns the record of a write by its client UUID, or nil.
func FindSyncWrite(ctx context.Context, db DB, clientID string) (*SyncWrite, error) {
	w := new(SyncWrite)
	err := db.NewSelect().Model(w).Where("client_id = ?", clientID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find sync write %s: %w", clientID, err)
	}
	return w, nil
}

// RecordSyncWrite remembers a write so its replay is recognised.
func RecordSyncWrite(ctx context.Context, db DB, w *SyncWrite) error {
	if _, err := db.NewInsert().Model(w).Exec(ctx); err != nil {
		return fmt.Errorf("record sync write %s: %w", w.ClientID, mapError(err))
	}
	return nil
}

// FindFindingForUpdate returns the finding of a checklist item, locked, or
// nil when the item has none yet.
func FindFindingForUpdate(ctx context.Context, db DB, visitID, taskID int64) (*Finding, error) {
	f := new(Finding)
	err := db.NewSelect().Model(f).Where("visit_id = ? AND task_id = ?", visitID, taskID).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find finding of visit %d task %d: %w", visitID, taskID, err)
	}
	return f, nil
}

// findingColumns are what an inspector's edit changes.
var findingColumns = []string{"judgement", "note", "observed_at", "latitude", "longitude", "accuracy_m", "recorded_by", "recorded_by_name", "updated_at"}

// SaveFinding inserts f when its version is 0, else updates it if the row
// still has that version (Conflict with the current row otherwise).
func SaveFinding(ctx context.Context, db DB, f *Finding) error {
	if f.Version == 0 {
		f.Version = 1
		return insert(ctx, db, f, "field_findings", func() int64 { return f.ID })
	}
	return updateVersioned(ctx, db, f, apperr.Finding, "field_findings", f.ID, f.Version, findingColumns...)
}

// FindPhotoByClientID returns the photo stored under a client UUID, or nil.
func FindPhotoByClientID(ctx context.Context, db DB, clientID string) (*FieldPhoto, error) {
	p := new(FieldPhoto)
	err := db.NewSelect().Model(p).ColumnExpr("fp.*, f.content_type, f.size").
		Join("JOIN files AS f ON f.sha256 = fp.file_sha256").Where("fp.client_id = ?", clientID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find photo %s: %w", clientID, err)
	}
	return p, nil
}

// FindPhoto returns photo id.
func FindPhoto(ctx context.Context, db DB, id int64) (*FieldPhoto, error) {
	p := new(FieldPhoto)
	err := db.NewSelect().Model(p).ColumnExpr("fp.*, f.content_type, f.size").
		Join("JOIN files AS f ON f.sha256 = fp.file_sha256").Where("fp.id = ?", id).Scan(ctx)
	if err != nil {
		return nil, notFoundOr(err, apperr.Photo, id)
	}
	return p, nil
}

// StoreFile keeps content once per hash (evidence, photos and signatures
// share the table).
func StoreFile(ctx context.Context, db DB, sha, contentType string, content []byte) error {
	_, err := db.NewRaw(`INSERT INTO files (sha256, content_type, size, content) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		sha, contentType, len(content), content).Exec(ctx)
	if err != nil {
		return fmt.Errorf("store file %s: %w", sha, err)
	}
	return nil
}

// AddPhoto links a stored file to a checklist item.
func AddPhoto(ctx context.Context, db DB, p *FieldPhoto) error {
	return insert(ctx, db, p, "field_photos", func() int64 { return p.ID })
}

// FileType returns a stored file's content type.
func FileType(ctx context.Context, db DB, sha string) (string, error) {
	var ct string
	if err := db.NewRaw(`SELECT content_type FROM files WHERE sha256 = ?`, sha).Scan(ctx, &ct); err != nil {
		return "", notFoundOr(err, apperr.File, 0)
	}
	return ct, nil
}

// UpdateVisit writes a visit's status and review columns if it still has
// version, and records the status change with its reason.
func UpdateVisit(ctx context.Context, db DB, v *FieldVisit, from VisitStatus, reason *string, by Actor, at time.Time) error {
	if err := updateVersioned(ctx, db, v, apperr.FieldVisit, "field_visits", v.ID, v.Version,
		"status", "review_note", "reviewed_by", "reviewed_by_name", "reviewed_at", "submitted_at", "signed_by", "signature_sha256"); err != nil {
		return err
	}
	if from == v.Status {
		return nil
	}
	_, err := db.NewInsert().Model(&VisitEvent{VisitID: v.ID, FromStatus: from, ToStatus: v.Status, Reason: reason, UserID: &by.UserID, Username: by.Username, At: at}).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record visit %d event: %w", v.ID, err)
	}
	return nil
}

// InspectorIDs returns which of ids are enabled users with the INSPECTOR role.
func InspectorIDs(ctx context.Context, db DB, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	var found []int64
	err := db.NewRaw(`SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'INSPECTOR'
		WHERE u.enabled AND u.id IN (?)`, bun.In(ids)).Scan(ctx, &found)
	if err != nil {
		return nil, fmt.Errorf("find inspectors: %w", err)
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// Inspectors lists every enabled inspector, for planning a visit.
func Inspectors(ctx context.Context, db DB) ([]User, error) {
	var users []User
	err := selectUsers(db).Where("u.enabled").
		Where("EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'INSPECTOR')").
		Order("u.username").Scan(ctx, &users)
	if err != nil {
		return nil, fmt.Errorf("list inspectors: %w", err)
	}
	return users, nil
}

// FieldJudgement is a finding as the formula reads it.
type FieldJudgement struct {
	EvaluateeID int64     `bun:"evaluatee_id"`
	TaskID      int64     `bun:"task_id"`
	Judgement   string    `bun:"judgement"`
	Note        string    `bun:"note"`
	VisitID     int64     `bun:"visit_id"`
	VisitDate   time.Time `bun:"visit_date"`
	FindingID   int64     `bun:"finding_id"`
	Photos      int       `bun:"photos"`
}

// LatestAcceptedFindings returns, per evaluatee and task, the finding of the
// latest accepted visit that judged the task (DESIGN §2.5), in one statement.
func LatestAcceptedFindings(ctx context.Context, db DB, periodID int64, evaluateeIDs []int64) ([]FieldJudgement, error) {
	if len(evaluateeIDs) == 0 {
		return nil, nil
	}
	var rows []FieldJudgement
	err := db.NewRaw(`
		SELECT DISTINCT ON (v.evaluatee_id, f.task_id)
			v.evaluatee_id, f.task_id, f.judgement, f.note, v.id AS visit_id, v.visit_date, f.id AS finding_id,
			(SELECT count(*) FROM field_photos p WHERE p.visit_id = v.id AND p.task_id = f.task_id) AS photos
		FROM field_findings f
		JOIN field_visits v ON v.id = f.visit_id
		WHERE v.period_id = ? AND v.status = 'ACCEPTED' AND v.evaluatee_id IN (?)
		ORDER BY v.evaluatee_id, f.task_id, v.visit_date DESC, v.reviewed_at DESC, v.id DESC`,
		periodID, bun.In(evaluateeIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load accepted findings of period %d: %w", periodID, err)
	}
	return rows, nil
}

// VisitOfPhoto returns a photo with its visit.
func VisitOfPhoto(ctx context.Context, db DB, photoID int64) (*FieldPhoto, *FieldVisit, error) {
	p, err := FindPhoto(ctx, db, photoID)
	if err != nil {
		return nil, nil, err
	}
	v, err := FindVisit(ctx, db, p.VisitID, false)
	return p, v, err
}

// PeriodsByIDs returns periods keyed by id.
func PeriodsByIDs(ctx context.Context, db DB, ids []int64) (map[int64]Period, error) {
	out := map[int64]Period{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Period
	if err := db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load periods: %w", err)
	}
	for _, p := range rows {
		out[p.ID] = p
	}
	return out, nil
}

// ReportsOfVisits returns, per visit and checklist task, the evaluatee's
// progress report of the visit's period: what the inspector verifies.
func ReportsOfVisits(ctx context.Context, db DB, visitIDs []int64) (map[int64]map[int64]ProgressReport, error) {
	out := map[int64]map[int64]ProgressReport{}
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		VisitID int64 `bun:"visit_id"`
		ProgressReport
	}
	err := db.NewRaw(`SELECT vi.visit_id, r.* FROM field_visit_items vi
		JOIN field_visits v ON v.id = vi.visit_id
		JOIN progress_reports r ON r.period_id = v.period_id AND r.evaluatee_id = v.evaluatee_id AND r.task_id = vi.task_id
		WHERE vi.visit_id IN (?)`, bun.In(visitIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load reports of visits: %w", err)
	}
	for _, r := range rows {
		if out[r.VisitID] == nil {
			out[r.VisitID] = map[int64]ProgressReport{}
		}
		out[r.VisitID][r.TaskID] = r.ProgressReport
	}
	return out, nil
}
