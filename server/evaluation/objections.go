package evaluation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/notify"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Objections (异议) during 公示 (issue 13): the evaluatee's contact objects
// to its own frozen result, per task or overall, until 公示 ends; the 专班
// upholds it (the scores are adjusted as in verification, with the objection
// as the reason, and the period is re-frozen as a new publication noting the
// change) or rejects it, with a reason either way. 发布 waits until every
// objection is answered (MovePeriod).

// MaxObjectionFiles bounds the evidence of one objection.
const MaxObjectionFiles = 5

// ObjectionFile is one evidence file as uploaded.
type ObjectionFile struct {
	Filename string
	Data     []byte
}

// FileObjectionInput is an objection as the contact files it.
type FileObjectionInput struct {
	PeriodID, EvaluateeID int64
	// TaskID nil: against the overall result.
	TaskID *int64
	Reason string
	Files  []ObjectionFile
}

// FileObjection files an objection of the contact's own unit during 公示.
func (s *Service) FileObjection(ctx context.Context, tx store.DB, id *auth.Identity, in FileObjectionInput) (*ObjectionView, error) {
	if !id.Has(auth.RoleEvaluateeContact) {
		return nil, forbidden("仅考评对象联络员可对本单位结果提出异议", "Only evaluatee contacts can object to their unit's results")
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return nil, apperr.Field("input.reason", "required", "请填写异议理由", "a reason is required")
	}
	p, err := store.FindPeriod(ctx, tx, in.PeriodID)
	if err != nil {
		return nil, err
	}
	e, err := store.FindEvaluatee(ctx, tx, in.EvaluateeID)
	if err != nil {
		return nil, err
	}
	if e.PlanID != p.PlanID {
		return nil, apperr.Field("input.evaluateeId", "samePlan", "考评对象不属于该周期的方案", "evaluatee of another plan")
	}
	if !id.InUnit(e.UnitID) {
		// The unit's name has no English; the English sentence does without it.
		return nil, forbidden(fmt.Sprintf("只能对本单位(%s)的结果提出异议", id.UnitName), "You can only object to your own unit's results")
	}
	now := s.Now()
	if p.State != workflow.Publicity {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("%s处于“%s”阶段,只能在公示期间提出异议", p.Name, p.State.Label()),
			fmt.Sprintf("%s is in the %s stage; objections can only be raised during publicity", p.EnglishName(), p.State.English()))
	}
	if p.PublicityEndsOn != nil && workflow.Today(now).After(*p.PublicityEndsOn) {
		ended := p.PublicityEndsOn.Format("2006-01-02")
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("%s的公示已于%s结束,不能再提出异议", p.Name, ended),
			fmt.Sprintf("Publicity of %s ended on %s; objections can no longer be raised", p.EnglishName(), ended))
	}
	if in.TaskID != nil {
		carried, err := store.CarriedTasks(ctx, tx, []int64{e.ID})
		if err != nil {
			return nil, err
		}
		if !slices.Contains(carried[e.ID], *in.TaskID) {
			return nil, apperr.Field("input.taskId", "carried", "本单位不承担该任务", "the evaluatee does not carry this task")
		}
	}
	if len(in.Files) > MaxObjectionFiles {
		return nil, apperr.Field("input.files", "max", fmt.Sprintf("佐证材料最多%d个文件", MaxObjectionFiles), fmt.Sprintf("at most %d files", MaxObjectionFiles))
	}
	evidence := make([]store.ObjectionEvidence, 0, len(in.Files))
	contents := make([][]byte, 0, len(in.Files))
	for i, f := range in.Files {
		field := fmt.Sprintf("input.files[%d]", i)
		if len(f.Data) == 0 {
			return nil, apperr.Field(field, "required", "文件为空", "the file is empty")
		}
		if len(f.Data) > MaxEvidenceSize {
			return nil, apperr.Field(field, "max", "文件超过10MB上限", "the file is larger than 10 MB")
		}
		ct := DetectType(f.Data)
		if !allowedEvidence[ct] {
			return nil, apperr.Field(field, "type", "只接受PDF、PNG、JPEG图片和Word、Excel、PowerPoint文件(按文件内容识别,而非扩展名)",
				"only PDF, PNG, JPEG and Office files are accepted (by content, not name)")
		}
		sum := sha256.Sum256(f.Data)
		name := filepath.Base(strings.ReplaceAll(f.Filename, "\\", "/"))
		if strings.TrimSpace(name) == "" || name == "." || name == "/" {
			name = "异议材料"
		}
		evidence = append(evidence, store.ObjectionEvidence{
			FileSHA256: hex.EncodeToString(sum[:]), Filename: name, ContentType: ct,
			UploadedBy: &id.UserID, UploadedByName: id.DisplayName, UploadedAt: now,
		})
		contents = append(contents, f.Data)
	}
	pub, err := store.CurrentPublication(ctx, tx, p.ID)
	if err != nil {
		return nil, err
	}
	o := &store.Objection{
		PeriodID: p.ID, EvaluateeID: e.ID, TaskID: in.TaskID, Reason: reason, Status: store.ObjectionOpen,
		FiledBy: &id.UserID, FiledByName: id.DisplayName, FiledAt: now,
	}
	if pub != nil {
		o.PublicationID = &pub.ID
	}
	if err := store.CreateObjection(ctx, tx, o, evidence, contents); err != nil {
		return nil, err
	}
	return &ObjectionView{Objection: *o, Evidence: evidence, Scores: []store.Score{}}, nil
}

// Correction is one score an upheld objection corrects.
type Correction struct {
	ScoreID int64
	Version int
	Value   decimal.Decimal
	Field   string
}

// AnswerObjectionInput is the 专班's answer.
type AnswerObjectionInput struct {
	ObjectionID int64
	Version     int
	Uphold      bool
	Answer      string
	// Corrections: the scores an upheld objection changes (at least one).
	Corrections []Correction
}

// AnswerObjection upholds or rejects an objection during 公示. Upheld: each
// correction adjusts a score of the objection's evaluatee (and task) like a
// verification ADJUST with the objection as reason, then the period's
// results are frozen again as a new publication whose note names the change.
func (s *Service) AnswerObjection(ctx context.Context, tx store.DB, id *auth.Identity, in AnswerObjectionInput) (*ObjectionView, error) {
	if !id.Has(auth.RoleTaskForce) {
		return nil, forbidden("仅专班可答复异议", "Only the task force can answer objections")
	}
	answer := strings.TrimSpace(in.Answer)
	if answer == "" {
		return nil, apperr.Field("input.answer", "required", "请填写答复理由", "an answer needs a reason")
	}
	o, err := store.FindObjection(ctx, tx, in.ObjectionID, true)
	if err != nil {
		return nil, err
	}
	if o.Version != in.Version {
		return nil, apperr.StaleVersion(apperr.Objection, o.ID, o)
	}
	if o.Status != store.ObjectionOpen {
		return nil, apperr.New(apperr.Invalid, "该异议已答复", "The objection has already been answered")
	}
	p, err := store.FindPeriod(ctx, tx, o.PeriodID)
	if err != nil {
		return nil, err
	}
	if p.State != workflow.Publicity {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("%s处于“%s”阶段,只能在公示期间答复异议", p.Name, p.State.Label()),
			fmt.Sprintf("%s is in the %s stage; objections can only be answered during publicity", p.EnglishName(), p.State.English()))
	}
	now := s.Now()
	status := store.ObjectionRejected
	var correction *string
	if in.Uphold {
		status = store.ObjectionUpheld
		text, err := s.correct(ctx, tx, id, o, p, answer, in.Corrections)
		if err != nil {
			return nil, err
		}
		correction = &text
	} else if len(in.Corrections) > 0 {
		return nil, apperr.Field("input.corrections", "rejected", "驳回的异议不更正分值", "a rejected objection corrects no score")
	}
	if err := store.UpdateObjectionAnswer(ctx, tx, o, status, answer, correction, actor(id), now); err != nil {
		return nil, err
	}
	if err := notify.OnObjectionAnswered(ctx, tx, o, p.Name, now); err != nil {
		return nil, err
	}
	evidence, err := store.EvidenceOfObjections(ctx, tx, []int64{o.ID})
	if err != nil {
		return nil, err
	}
	return &ObjectionView{Objection: *o, Evidence: append([]store.ObjectionEvidence{}, evidence[o.ID]...), Scores: []store.Score{}}, nil
}

// correct applies an upheld objection's corrections and re-freezes the
// period; it returns what changed, for the objection and the publication.
func (s *Service) correct(ctx context.Context, tx store.DB, id *auth.Identity, o *store.Objection, p *store.Period, answer string, cs []Correction) (string, error) {
	if len(cs) == 0 {
		return "", apperr.Field("input.corrections", "required", "异议成立须更正至少一项分值", "an upheld objection corrects at least one score")
	}
	points, err := planPoints(ctx, tx, p.PlanID)
	if err != nil {
		return "", err
	}
	tasks, err := store.TasksByPlans(ctx, tx, []int64{p.PlanID})
	if err != nil {
		return "", err
	}
	number := map[int64]int{}
	for _, t := range tasks[p.PlanID] {
		number[t.ID] = t.Number
	}
	reason := fmt.Sprintf("异议#%d成立:%s", o.ID, answer)
	now := s.Now()
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ScoreID
	}
	found, err := store.FindScoresByID(ctx, tx, ids)
	if err != nil {
		return "", err
	}
	adjust := make([]store.StatusChange, len(cs))
	for i, c := range cs {
		cur := found[c.ScoreID]
		if cur == nil {
			return "", apperr.NotFoundf(apperr.Score, c.ScoreID)
		}
		if cur.PeriodID != o.PeriodID || cur.EvaluateeID != o.EvaluateeID || (o.TaskID != nil && cur.TaskID != *o.TaskID) {
			return "", apperr.Field(c.Field+".scoreId", "objection", "该分值不属于异议所指的单位和任务", "the score is not one the objection is about")
		}
		if EnteredBy(id, cur) {
			return "", forbidden("不能更正自己录入的分值,请由另一位专班成员答复",
				"You cannot correct a score you entered yourself; another task-force member must answer")
		}
		if fe := CheckValue(c.Value, reason, points[cur.TaskID], c.Field+".value"); fe != nil {
			return "", apperr.Fielded(*fe)
		}
		v := c.Value
		adjust[i] = store.StatusChange{ScoreID: c.ScoreID, Version: c.Version, Action: "ADJUST", Value: &v, Reason: &reason}
	}
	next, err := store.SetScoreStatuses(ctx, tx, adjust, actor(id), now)
	if err != nil {
		return "", err
	}
	changes := make([]string, len(cs))
	for i, c := range cs {
		cur := found[c.ScoreID]
		changes[i] = fmt.Sprintf("任务%d %s → %s", number[cur.TaskID], cur.Value.StringFixed(2), next[i].Value.StringFixed(2))
	}
	text := strings.Join(changes, ";")
	if err := store.Supersede(ctx, tx, p.ID, now); err != nil {
		return "", err
	}
	pub, err := s.publish(ctx, tx, id, p, now)
	if err != nil {
		return "", err
	}
	if err := store.SetPublicationNote(ctx, tx, pub.ID, fmt.Sprintf("异议#%d成立,更正%s", o.ID, text)); err != nil {
		return "", err
	}
	return text, nil
}

// ObjectionView is an objection as listed, with its evidence and, for the
// 专班, the current scores it may correct.
type ObjectionView struct {
	store.Objection
	Evidence []store.ObjectionEvidence
	Scores   []store.Score
}

// Objections lists a period's objections: all of them for the 专班, those
// of the contact's own unit for a contact. Three statements whatever the
// number of objections.
func (s *Service) Objections(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, statuses []store.ObjectionStatus) ([]ObjectionView, error) {
	f := store.ObjectionFilter{PeriodID: periodID, Statuses: statuses}
	switch {
	case id.Has(auth.RoleTaskForce):
	case id.Has(auth.RoleEvaluateeContact):
		if id.UnitID == nil {
			return []ObjectionView{}, nil
		}
		p, err := store.FindPeriod(ctx, db, periodID)
		if err != nil {
			return nil, err
		}
		es, err := store.EvaluateesByPlans(ctx, db, []int64{p.PlanID})
		if err != nil {
			return nil, err
		}
		f.EvaluateeIDs = []int64{}
		for _, e := range es[p.PlanID] {
			if e.UnitID == *id.UnitID {
				f.EvaluateeIDs = append(f.EvaluateeIDs, e.ID)
			}
		}
	default:
		return nil, forbidden("仅专班和考评对象联络员可查看异议", "Only the task force and evaluatee contacts can see objections")
	}
	os, err := store.FindObjections(ctx, db, f)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(os))
	var evaluatees []int64
	for _, o := range os {
		ids = append(ids, o.ID)
		evaluatees = append(evaluatees, o.EvaluateeID)
	}
	evidence, err := store.EvidenceOfObjections(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	var scores []store.Score
	if id.Has(auth.RoleTaskForce) && len(evaluatees) > 0 {
		if scores, err = store.FindScores(ctx, db, store.ScoreFilter{PeriodID: periodID, EvaluateeIDs: evaluatees}); err != nil {
			return nil, err
		}
	}
	out := make([]ObjectionView, 0, len(os))
	for _, o := range os {
		v := ObjectionView{Objection: o, Evidence: evidence[o.ID], Scores: []store.Score{}}
		if v.Evidence == nil {
			v.Evidence = []store.ObjectionEvidence{}
		}
		for _, sc := range scores {
			if sc.EvaluateeID == o.EvaluateeID && (o.TaskID == nil || sc.TaskID == *o.TaskID) {
				v.Scores = append(v.Scores, sc)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// OpenObjectionEvidence returns an objection's file to the 专班 or the
// contact of its unit; anyone else gets NOT_FOUND.
func OpenObjectionEvidence(ctx context.Context, db store.DB, id *auth.Identity, evidenceID int64) (*store.ObjectionEvidence, []byte, error) {
	e, o, err := store.FindObjectionEvidence(ctx, db, evidenceID)
	if err != nil {
		return nil, nil, err
	}
	if !id.Has(auth.RoleTaskForce) {
		ev, err := store.FindEvaluatee(ctx, db, o.EvaluateeID)
		if err != nil {
			return nil, nil, err
		}
		if !id.Has(auth.RoleEvaluateeContact) || !id.InUnit(ev.UnitID) {
			return nil, nil, apperr.NotFoundf(apperr.ObjectionEvidence, evidenceID)
		}
	}
	content, err := store.FileContent(ctx, db, e.FileSHA256)
	return e, content, err
}
