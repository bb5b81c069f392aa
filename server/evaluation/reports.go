package evaluation

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// MaxEvidenceSize bounds one evidence file.
const MaxEvidenceSize = 10 << 20

// ReportInput is a progress report as submitted.
type ReportInput struct {
	PeriodID, EvaluateeID, TaskID int64
	State, Narrative              string
	Version                       int
}

// SaveReport writes a contact's report on a task their unit carries.
func (s *Service) SaveReport(ctx context.Context, tx store.DB, id *auth.Identity, in ReportInput) (*store.ProgressReport, error) {
	p, e, err := s.contactScope(ctx, tx, id, in.PeriodID, in.EvaluateeID)
	if err != nil {
		return nil, err
	}
	if err := requireState(p, workflow.ReportProgress, "报送进展", "report progress"); err != nil {
		return nil, err
	}
	carried, err := store.CarriedTasks(ctx, tx, []int64{e.ID})
	if err != nil {
		return nil, err
	}
	if !slices.Contains(carried[e.ID], in.TaskID) {
		return nil, apperr.Field("input.taskId", "carried", "本单位不承担该任务", "the evaluatee does not carry this task")
	}
	r := &store.ProgressReport{
		PeriodID: in.PeriodID, EvaluateeID: in.EvaluateeID, TaskID: in.TaskID, State: in.State,
		Narrative: strings.TrimSpace(in.Narrative), UpdatedBy: &id.UserID, UpdatedByName: id.DisplayName,
		UpdatedAt: s.Now(), Version: in.Version,
	}
	if err := store.SaveReport(ctx, tx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// contactScope loads period and evaluatee and checks the contact belongs to
// the evaluatee's unit.
func (s *Service) contactScope(ctx context.Context, tx store.DB, id *auth.Identity, periodID, evaluateeID int64) (*store.Period, *store.Evaluatee, error) {
	p, err := store.FindPeriod(ctx, tx, periodID)
	if err != nil {
		return nil, nil, err
	}
	e, err := store.FindEvaluatee(ctx, tx, evaluateeID)
	if err != nil {
		return nil, nil, err
	}
	if e.PlanID != p.PlanID {
		return nil, nil, apperr.Field("input.evaluateeId", "samePlan", "考评对象不属于该周期的方案", "evaluatee of another plan")
	}
	if !id.InUnit(e.UnitID) {
		return nil, nil, forbidden(fmt.Sprintf("只能报送本单位(%s)的进展", id.UnitName), "You can only report progress for your own unit")
	}
	return p, e, nil
}

// allowedEvidence are the types accepted, detected from the content.
var allowedEvidence = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
}

// DetectType names a file's type from its bytes, never its name; Office
// files are zips told apart by the part they contain.
func DetectType(data []byte) string {
	t := http.DetectContentType(data)
	if t != "application/zip" {
		if i := strings.Index(t, ";"); i > 0 {
			t = t[:i]
		}
		return t
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return t
	}
	for _, f := range z.File {
		switch {
		case strings.HasPrefix(f.Name, "word/"):
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case strings.HasPrefix(f.Name, "xl/"):
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		case strings.HasPrefix(f.Name, "ppt/"):
			return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
		}
	}
	return t
}

// AddEvidence attaches a file to a report of the contact's own unit.
func (s *Service) AddEvidence(ctx context.Context, tx store.DB, id *auth.Identity, reportID int64, filename string, data []byte) (*store.Evidence, error) {
	r, err := store.FindReport(ctx, tx, reportID)
	if err != nil {
		return nil, err
	}
	p, _, err := s.contactScope(ctx, tx, id, r.PeriodID, r.EvaluateeID)
	if err != nil {
		return nil, err
	}
	if err := requireState(p, workflow.ReportProgress, "上传佐证材料", "upload evidence"); err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, apperr.Field("file", "required", "文件为空", "the file is empty")
	}
	if len(data) > MaxEvidenceSize {
		return nil, apperr.Field("file", "max", "文件超过10MB上限", "the file is larger than 10 MB")
	}
	ct := DetectType(data)
	if !allowedEvidence[ct] {
		return nil, apperr.Field("file", "type", "只接受PDF、PNG、JPEG图片和Word、Excel、PowerPoint文件(按文件内容识别,而非扩展名)",
			"only PDF, PNG, JPEG and Office files are accepted (by content, not name)")
	}
	sum := sha256.Sum256(data)
	name := filepath.Base(strings.ReplaceAll(filename, "\\", "/"))
	if strings.TrimSpace(name) == "" || name == "." || name == "/" {
		name = "佐证材料"
	}
	e := &store.Evidence{
		ReportID: reportID, FileSHA256: hex.EncodeToString(sum[:]), Filename: name, ContentType: ct,
		UploadedBy: &id.UserID, UploadedByName: id.DisplayName, UploadedAt: s.Now(),
	}
	if err := store.AddEvidence(ctx, tx, e, data); err != nil {
		return nil, err
	}
	return e, nil
}

// DeleteEvidence removes a file from a report of the contact's own unit.
func (s *Service) DeleteEvidence(ctx context.Context, tx store.DB, id *auth.Identity, evidenceID int64) error {
	_, r, err := store.FindEvidence(ctx, tx, evidenceID)
	if err != nil {
		return err
	}
	p, _, err := s.contactScope(ctx, tx, id, r.PeriodID, r.EvaluateeID)
	if err != nil {
		return err
	}
	if err := requireState(p, workflow.ReportProgress, "删除佐证材料", "delete evidence"); err != nil {
		return err
	}
	return store.DeleteEvidence(ctx, tx, evidenceID)
}

// ProgressReports returns an evaluatee's reports of a period that id may
// see: all of them for those who see the evaluatee, the reports on the
// tasks its unit leads for a lead scorer.
func ProgressReports(ctx context.Context, db store.DB, id *auth.Identity, periodID, evaluateeID int64) ([]store.ProgressReport, error) {
	e, err := store.FindEvaluatee(ctx, db, evaluateeID)
	if err != nil {
		return nil, err
	}
	if !CanSeeEvaluatee(id, e, nil) && !id.Has(auth.RoleLeadScorer) {
		return nil, forbidden("只能查看本单位的进展报送", "You can only see your own unit's progress reports")
	}
	reports, err := store.FindReports(ctx, db, periodID, []int64{evaluateeID}, nil)
	if err != nil {
		return nil, err
	}
	leads, err := store.LeadUnitsByPlans(ctx, db, []int64{e.PlanID})
	if err != nil {
		return nil, err
	}
	out := []store.ProgressReport{}
	for _, rep := range reports {
		var taskLeads []int64
		for _, u := range leads[e.PlanID][rep.TaskID] {
			taskLeads = append(taskLeads, u.ID)
		}
		if CanSeeEvaluatee(id, e, taskLeads) {
			out = append(out, rep)
		}
	}
	return out, nil
}

// OpenEvidence returns an evidence file for download if id may see it.
func OpenEvidence(ctx context.Context, db store.DB, id *auth.Identity, evidenceID int64) (*store.Evidence, []byte, error) {
	e, r, err := store.FindEvidence(ctx, db, evidenceID)
	if err != nil {
		return nil, nil, err
	}
	ev, err := store.FindEvaluatee(ctx, db, r.EvaluateeID)
	if err != nil {
		return nil, nil, err
	}
	leads, err := leadUnitsOf(ctx, db, ev.PlanID, r.TaskID)
	if err != nil {
		return nil, nil, err
	}
	if !CanSeeEvaluatee(id, ev, leads) {
		// Not found rather than forbidden: the id says nothing to outsiders.
		return nil, nil, apperr.NotFoundf(apperr.Evidence, evidenceID)
	}
	content, err := store.FileContent(ctx, db, e.FileSHA256)
	return e, content, err
}
