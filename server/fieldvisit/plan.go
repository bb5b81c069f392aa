package fieldvisit

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// UpdateInput is a planned visit's new date, inspectors and checklist.
type UpdateInput struct {
	VisitID      int64
	Version      int
	Date         time.Time
	InspectorIDs []int64
	FocusTaskIDs []int64
}

// lockForPlanner loads a visit for a change of plan: the 专班, or one of
// its inspectors, while the period's results are not frozen.
func lockForPlanner(ctx context.Context, db store.DB, id *auth.Identity, visitID int64, version int) (*store.FieldVisit, *store.Period, error) {
	v, err := store.FindVisit(ctx, db, visitID, true)
	if err != nil {
		return nil, nil, err
	}
	inspectors, err := store.InspectorsOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return nil, nil, err
	}
	if !canSee(id, inspectors[v.ID]) {
		return nil, nil, apperr.NotFoundf(apperr.FieldVisit, visitID)
	}
	if !id.Has(auth.RoleTaskForce) && !assigned(id, inspectors[v.ID]) {
		return nil, nil, apperr.New(apperr.Forbidden, "只能调整本人参加的实地调研", "You can only change field visits you take part in")
	}
	if v.Version != version {
		return nil, nil, apperr.StaleVersion(apperr.FieldVisit, v.ID, v)
	}
	p, err := store.FindPeriod(ctx, db, v.PeriodID)
	if err != nil {
		return nil, nil, err
	}
	if frozen(*p) {
		s := workflow.State(p.State)
		return nil, nil, apperr.New(apperr.Invalid, fmt.Sprintf("%s已进入“%s”阶段,实地调研安排不能再变动", p.Name, s.Label()),
			fmt.Sprintf("%s has reached the %s stage; field-visit plans can no longer change", p.EnglishName(), s.English()))
	}
	return v, p, nil
}

// Update changes a planned visit. A checklist item that already has a
// finding or a photo stays: dropping it would throw away what an inspector
// recorded (perhaps offline, still on its way).
func Update(ctx context.Context, db store.DB, id *auth.Identity, in UpdateInput) (*Visit, error) {
	v, _, err := lockForPlanner(ctx, db, id, in.VisitID, in.Version)
	if err != nil {
		return nil, err
	}
	if v.Status != store.VisitPlanned {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("该实地调研%s,只有待调研的安排可以修改", statusLabel(v.Status)),
			fmt.Sprintf("The field visit is %s; only visits still to be made can be changed", statusEnglish(v.Status)))
	}
	e, err := store.FindEvaluatee(ctx, db, v.EvaluateeID)
	if err != nil {
		return nil, err
	}
	tasks, err := checkPlan(ctx, db, id, e, in.InspectorIDs, in.FocusTaskIDs)
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
	photos, err := store.PhotosOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return nil, err
	}
	for _, t := range checklist[v.ID] {
		_, judged := findings[v.ID][t.ID]
		if !slices.Contains(tasks, t.ID) && (judged || len(photos[v.ID][t.ID]) > 0) {
			return nil, apperr.Field("input.focusTaskIds", "recorded", fmt.Sprintf("任务%d已有调研结论或照片,不能从清单中移除", t.Number),
				fmt.Sprintf("task %d already has a finding or photos", t.Number))
		}
	}
	v.Date = in.Date
	if err := store.UpdateVisitPlan(ctx, db, v, in.InspectorIDs, tasks); err != nil {
		return nil, err
	}
	return Get(ctx, db, id, v.ID)
}

// CancelInput calls a visit off.
type CancelInput struct {
	VisitID int64
	Version int
	Reason  string
	Now     time.Time
}

// Cancel calls off a planned or returned visit. It is kept, with the reason
// in its events; its findings never count.
func Cancel(ctx context.Context, db store.DB, id *auth.Identity, in CancelInput) (*Visit, error) {
	v, _, err := lockForPlanner(ctx, db, id, in.VisitID, in.Version)
	if err != nil {
		return nil, err
	}
	if !editable(v.Status) {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("该实地调研%s,不能取消", statusLabel(v.Status)),
			fmt.Sprintf("The field visit is %s and cannot be cancelled", statusEnglish(v.Status)))
	}
	reason := trimmed(in.Reason)
	if reason == "" {
		return nil, apperr.Field("input.reason", "required", "取消须说明理由", "cancelling needs a reason")
	}
	from := v.Status
	v.Status = store.VisitCancelled
	if err := store.UpdateVisit(ctx, db, v, from, &reason, actor(id), in.Now); err != nil {
		return nil, err
	}
	return Get(ctx, db, id, v.ID)
}

// PreviewInput names the visit being planned.
type PreviewInput struct {
	PeriodID, EvaluateeID int64
	FocusTaskIDs          []int64
}

// Preview returns the checklist a visit would get, before it is planned:
// each task with the evaluatee's progress report of the period, so the
// planner sees what the inspectors will verify. Five statements.
func Preview(ctx context.Context, db store.DB, _ *auth.Identity, in PreviewInput) ([]Item, error) {
	p, err := store.FindPeriod(ctx, db, in.PeriodID)
	if err != nil {
		return nil, err
	}
	e, err := store.FindEvaluatee(ctx, db, in.EvaluateeID)
	if err != nil {
		return nil, err
	}
	if e.PlanID != p.PlanID {
		return nil, apperr.Field("evaluateeId", "samePlan", "考评对象不属于该周期的方案", "evaluatee of another plan")
	}
	taskIDs, err := checklistTasks(ctx, db, e, in.FocusTaskIDs, "")
	if err != nil {
		return nil, err
	}
	all, err := store.TasksByPlans(ctx, db, []int64{p.PlanID})
	if err != nil {
		return nil, err
	}
	reports, err := store.FindReports(ctx, db, p.ID, []int64{e.ID}, taskIDs)
	if err != nil {
		return nil, err
	}
	out := []Item{}
	for _, t := range all[p.PlanID] {
		if !slices.Contains(taskIDs, t.ID) {
			continue
		}
		it := Item{Task: t, Photos: []store.FieldPhoto{}}
		for _, r := range reports {
			if r.TaskID == t.ID {
				it.Report = &r
			}
		}
		out = append(out, it)
	}
	return out, nil
}

// EvaluateeFinding is a finding behind an evaluatee's 实地调研 figure.
type EvaluateeFinding struct {
	Task      store.Task
	VisitID   int64
	VisitDate time.Time
	Finding   store.Finding
	Photos    []store.FieldPhoto
}

// EvaluateeFindings returns, per task, the finding of the latest accepted
// visit that judged it (the one the formula reads, DESIGN §2.5; 不适用
// included so the page can say it was left out), with its photos, by task
// id. Four statements however many tasks and photos.
func EvaluateeFindings(ctx context.Context, db store.DB, _ *auth.Identity, periodID, evaluateeID int64) ([]EvaluateeFinding, error) {
	latest, err := store.LatestAcceptedFindings(ctx, db, periodID, []int64{evaluateeID})
	if err != nil {
		return nil, err
	}
	out := []EvaluateeFinding{}
	if len(latest) == 0 {
		return out, nil
	}
	var visitIDs []int64
	for _, l := range latest {
		if !slices.Contains(visitIDs, l.VisitID) {
			visitIDs = append(visitIDs, l.VisitID)
		}
	}
	checklists, err := store.ChecklistOfVisits(ctx, db, visitIDs)
	if err != nil {
		return nil, err
	}
	findings, err := store.FindingsOfVisits(ctx, db, visitIDs)
	if err != nil {
		return nil, err
	}
	photos, err := store.PhotosOfVisits(ctx, db, visitIDs)
	if err != nil {
		return nil, err
	}
	for _, l := range latest {
		f, ok := findings[l.VisitID][l.TaskID]
		if !ok {
			continue
		}
		i := slices.IndexFunc(checklists[l.VisitID], func(t store.Task) bool { return t.ID == l.TaskID })
		if i < 0 {
			continue
		}
		out = append(out, EvaluateeFinding{Task: checklists[l.VisitID][i], VisitID: l.VisitID, VisitDate: l.VisitDate,
			Finding: f, Photos: nonNil(photos[l.VisitID][l.TaskID])})
	}
	return out, nil
}
