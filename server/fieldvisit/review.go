package fieldvisit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/notify"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// SubmitInput hands a visit to the 专班, signed by the receiving official.
type SubmitInput struct {
	VisitID   int64
	Version   int
	SignedBy  string
	Signature []byte
	Now       time.Time
}

// Submit sends a recorded visit for review. Every checklist item needs a
// finding (不适用 is a finding), and the official who received the
// inspectors signs.
func Submit(ctx context.Context, db store.DB, id *auth.Identity, in SubmitInput) (*Visit, error) {
	v, _, err := lockForInspector(ctx, db, id, in.VisitID, verbSubmit)
	if err != nil {
		return nil, err
	}
	if v.Version != in.Version {
		return nil, apperr.StaleVersion(apperr.FieldVisit, v.ID, v)
	}
	if trimmed(in.SignedBy) == "" {
		return nil, apperr.Field("input.signedBy", "required", "请填写接待人员姓名", "the receiving official's name is required")
	}
	ct, err := checkImage("input.signature", in.Signature, MaxSignatureSize, "1MB")
	if err != nil {
		return nil, err
	}
	checklist, err := store.ChecklistOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return nil, err
	}
	findings, err := store.FindingsOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return nil, err
	}
	if open := len(checklist[v.ID]) - len(findings[v.ID]); open > 0 {
		return nil, apperr.Field("input.visitId", "complete", fmt.Sprintf("还有%d项未作出结论(不适用也须选择),不能提交", open),
			fmt.Sprintf("%d checklist items have no finding yet", open))
	}
	sum := sha256.Sum256(in.Signature)
	sha := hex.EncodeToString(sum[:])
	if err := store.StoreFile(ctx, db, sha, ct, in.Signature); err != nil {
		return nil, err
	}
	from := v.Status
	signer := trimmed(in.SignedBy)
	v.Status, v.SubmittedAt, v.SignedBy, v.SignatureSHA256 = store.VisitSubmitted, &in.Now, &signer, &sha
	if err := store.UpdateVisit(ctx, db, v, from, nil, actor(id), in.Now); err != nil {
		return nil, err
	}
	return Get(ctx, db, id, v.ID)
}

// ReviewAction is the 专班's decision on a submitted visit.
type ReviewAction string

const (
	Accept ReviewAction = "ACCEPT" // the findings count in 实地调研
	Return ReviewAction = "RETURN" // back to the inspectors with a note
)

// ReviewInput is the 专班's decision.
type ReviewInput struct {
	VisitID int64
	Version int
	Action  ReviewAction
	Note    string
	Now     time.Time
}

// lockForTaskForce loads a visit for the 专班's decision while the
// period's results may still change.
func lockForTaskForce(ctx context.Context, db store.DB, id *auth.Identity, visitID, version int64) (*store.FieldVisit, error) {
	v, err := store.FindVisit(ctx, db, visitID, true)
	if err != nil {
		return nil, err
	}
	if int64(v.Version) != version {
		return nil, apperr.StaleVersion(apperr.FieldVisit, v.ID, v)
	}
	p, err := store.FindPeriod(ctx, db, v.PeriodID)
	if err != nil {
		return nil, err
	}
	if s := workflow.State(p.State); !workflow.Allows(s, workflow.VerifyScores) {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("%s处于“%s”阶段,实地调研结果不能再变动", p.Name, s.Label()),
			fmt.Sprintf("%s is in the %s stage; field-visit results can no longer change", p.EnglishName(), s.English()))
	}
	return v, nil
}

// Review accepts or returns a submitted visit. Nobody reviews a visit they
// took part in.
func Review(ctx context.Context, db store.DB, id *auth.Identity, in ReviewInput) (*Visit, error) {
	v, err := lockForTaskForce(ctx, db, id, in.VisitID, int64(in.Version))
	if err != nil {
		return nil, err
	}
	if v.Status != store.VisitSubmitted {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("该实地调研%s,不能审核", statusLabel(v.Status)),
			fmt.Sprintf("The field visit is %s and cannot be reviewed", statusEnglish(v.Status)))
	}
	inspectors, err := store.InspectorsOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return nil, err
	}
	if assigned(id, inspectors[v.ID]) {
		return nil, apperr.New(apperr.Forbidden, "不能审核本人参加的实地调研", "You cannot review a field visit you took part in")
	}
	note := trimmed(in.Note)
	from := v.Status
	switch in.Action {
	case Accept:
		v.Status = store.VisitAccepted
	case Return:
		if note == "" {
			return nil, apperr.Field("input.note", "required", "退回须说明需要调研员修改的内容", "a return needs a note")
		}
		v.Status = store.VisitReturned
	default:
		return nil, apperr.Field("input.action", "oneof", "审核操作无效", "unknown action")
	}
	var reason *string
	if note != "" {
		reason = &note
	}
	v.ReviewNote, v.ReviewedBy, v.ReviewedByName, v.ReviewedAt = reason, &id.UserID, &id.DisplayName, &in.Now
	if err := store.UpdateVisit(ctx, db, v, from, reason, actor(id), in.Now); err != nil {
		return nil, err
	}
	if v.Status == store.VisitReturned {
		ids := make([]int64, 0, len(inspectors[v.ID]))
		for _, i := range inspectors[v.ID] {
			ids = append(ids, i.UserID)
		}
		if err := notify.OnVisitReturned(ctx, db, v, ids, note, in.Now); err != nil {
			return nil, err
		}
	}
	return Get(ctx, db, id, v.ID)
}

// ReopenInput reopens an accepted visit.
type ReopenInput struct {
	VisitID int64
	Version int
	Reason  string
	Now     time.Time
}

// Reopen takes an accepted visit back to 待审核, with a reason: its
// findings stop counting until it is accepted again.
func Reopen(ctx context.Context, db store.DB, id *auth.Identity, in ReopenInput) (*Visit, error) {
	v, err := lockForTaskForce(ctx, db, id, in.VisitID, int64(in.Version))
	if err != nil {
		return nil, err
	}
	if v.Status != store.VisitAccepted {
		return nil, apperr.New(apperr.Invalid, "只有审核通过的实地调研可以重新打开", "Only accepted field visits can be reopened")
	}
	reason := trimmed(in.Reason)
	if reason == "" {
		return nil, apperr.Field("input.reason", "required", "重新打开须说明理由", "reopening needs a reason")
	}
	from := v.Status
	v.Status = store.VisitSubmitted
	if err := store.UpdateVisit(ctx, db, v, from, &reason, actor(id), in.Now); err != nil {
		return nil, err
	}
	return Get(ctx, db, id, v.ID)
}

// OpenPhoto returns a photo's bytes if id may see its visit.
func OpenPhoto(ctx context.Context, db store.DB, id *auth.Identity, photoID int64) (*store.FieldPhoto, []byte, error) {
	p, v, err := store.VisitOfPhoto(ctx, db, photoID)
	if err != nil {
		return nil, nil, err
	}
	if err := mustSee(ctx, db, id, v, apperr.Photo, photoID); err != nil {
		return nil, nil, err
	}
	content, err := store.FileContent(ctx, db, p.FileSHA256)
	return p, content, err
}

// OpenSignature returns a visit's signature image if id may see the visit.
func OpenSignature(ctx context.Context, db store.DB, id *auth.Identity, visitID int64) (string, []byte, error) {
	v, err := store.FindVisit(ctx, db, visitID, false)
	if err != nil {
		return "", nil, err
	}
	if err := mustSee(ctx, db, id, v, apperr.Signature, visitID); err != nil {
		return "", nil, err
	}
	if v.SignatureSHA256 == nil {
		return "", nil, apperr.NotFoundf(apperr.Signature, visitID)
	}
	ct, err := store.FileType(ctx, db, *v.SignatureSHA256)
	if err != nil {
		return "", nil, err
	}
	content, err := store.FileContent(ctx, db, *v.SignatureSHA256)
	return ct, content, err
}

// mustSee refuses outsiders with not found, so ids reveal nothing.
func mustSee(ctx context.Context, db store.DB, id *auth.Identity, v *store.FieldVisit, what apperr.What, objectID int64) error {
	inspectors, err := store.InspectorsOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return err
	}
	if !canSee(id, inspectors[v.ID]) {
		return apperr.NotFoundf(what, objectID)
	}
	return nil
}
