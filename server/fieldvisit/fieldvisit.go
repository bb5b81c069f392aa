// Package fieldvisit is 实地调研 (DESIGN §2.5, §4): the 专班 or an inspector
// plans a visit to an evaluatee, the assigned inspectors record a finding per
// checklist item on their phones (offline, synced later), the receiving
// official signs, and the 专班 accepts the visit (then it counts in the
// 实地调研 component) or returns it with a note.
//
// Phones sync in batches that may arrive twice or late. Every write carries
// a UUID the phone made, so a replay is stored once, and the version it was
// based on, so two inspectors editing one item get a conflict with both
// values instead of one silently winning. One exported function per use
// case, each (ctx, db, identity, input), each run in the caller's
// transaction.
package fieldvisit

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Visit is a visit with everything its screens show, loaded in a fixed
// number of statements however many visits and items there are.
type Visit struct {
	store.FieldVisit
	Period     store.Period
	Evaluatee  store.Evaluatee
	Inspectors []store.VisitInspector
	Items      []Item
	Events     []store.VisitEvent
	// What the asking user may do with it now.
	CanRecord, CanReview, CanReopen, CanEdit, CanCancel bool
}

// Item is one checklist entry: what to verify and what was found.
type Item struct {
	Task    store.Task
	Report  *store.ProgressReport
	Finding *store.Finding
	Photos  []store.FieldPhoto
}

func actor(id *auth.Identity) store.Actor {
	return store.Actor{UserID: id.UserID, Username: id.DisplayName}
}

// assigned says whether id is one of the visit's inspectors.
func assigned(id *auth.Identity, inspectors []store.VisitInspector) bool {
	return slices.ContainsFunc(inspectors, func(i store.VisitInspector) bool { return i.UserID == id.UserID })
}

// canSee: the 专班 and leaders see every visit, an inspector only those
// assigned to them.
func canSee(id *auth.Identity, inspectors []store.VisitInspector) bool {
	return SeesEveryVisit(id) || (id.Has(auth.RoleInspector) && assigned(id, inspectors))
}

// frozen: once a period's results are in publicity or published, no visit
// of it is planned, moved or called off.
func frozen(p store.Period) bool {
	s := workflow.State(p.State)
	return s == workflow.Publicity || s == workflow.Published
}

// SeesEveryVisit says whether id sees every visit and its photos (the 专班
// and leaders), without being one of its inspectors.
func SeesEveryVisit(id *auth.Identity) bool { return id.Has(auth.RoleTaskForce, auth.RoleLeader) }

func editable(s store.VisitStatus) bool { return s == store.VisitPlanned || s == store.VisitReturned }

// load builds the views of visits in seven statements.
func load(ctx context.Context, db store.DB, id *auth.Identity, visits []store.FieldVisit) ([]Visit, error) {
	ids := make([]int64, len(visits))
	var periodIDs, evaluateeIDs []int64
	for i, v := range visits {
		ids[i] = v.ID
		periodIDs = append(periodIDs, v.PeriodID)
		evaluateeIDs = append(evaluateeIDs, v.EvaluateeID)
	}
	inspectors, err := store.InspectorsOfVisits(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	periods, err := store.PeriodsByIDs(ctx, db, periodIDs)
	if err != nil {
		return nil, err
	}
	evaluatees, err := store.EvaluateesByIDs(ctx, db, evaluateeIDs)
	if err != nil {
		return nil, err
	}
	checklists, err := store.ChecklistOfVisits(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	reports, err := store.ReportsOfVisits(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	findings, err := store.FindingsOfVisits(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	photos, err := store.PhotosOfVisits(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	events, err := store.EventsOfVisits(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Visit, 0, len(visits))
	for _, v := range visits {
		view := Visit{FieldVisit: v, Period: periods[v.PeriodID], Evaluatee: evaluatees[v.EvaluateeID],
			Inspectors: nonNil(inspectors[v.ID]), Events: nonNil(events[v.ID]), Items: []Item{}}
		if !canSee(id, view.Inspectors) {
			continue
		}
		open := workflow.Allows(workflow.State(view.Period.State), workflow.VerifyScores)
		view.CanRecord = editable(v.Status) && assigned(id, view.Inspectors) && open
		view.CanReview = v.Status == store.VisitSubmitted && id.Has(auth.RoleTaskForce) && !assigned(id, view.Inspectors) && open
		view.CanReopen = v.Status == store.VisitAccepted && id.Has(auth.RoleTaskForce) && open
		planner := id.Has(auth.RoleTaskForce) || assigned(id, view.Inspectors)
		planning := !frozen(view.Period)
		view.CanEdit = v.Status == store.VisitPlanned && planner && planning
		view.CanCancel = editable(v.Status) && planner && planning
		for _, t := range checklists[v.ID] {
			it := Item{Task: t, Photos: nonNil(photos[v.ID][t.ID])}
			if r, ok := reports[v.ID][t.ID]; ok {
				it.Report = &r
			}
			if f, ok := findings[v.ID][t.ID]; ok {
				it.Finding = &f
			}
			view.Items = append(view.Items, it)
		}
		out = append(out, view)
	}
	return out, nil
}

// Get returns one visit if id may see it (not found otherwise: ids reveal
// nothing).
func Get(ctx context.Context, db store.DB, id *auth.Identity, visitID int64) (*Visit, error) {
	v, err := store.FindVisit(ctx, db, visitID, false)
	if err != nil {
		return nil, err
	}
	views, err := load(ctx, db, id, []store.FieldVisit{*v})
	if err != nil {
		return nil, err
	}
	if len(views) == 0 {
		return nil, apperr.NotFoundf(apperr.FieldVisit, visitID)
	}
	return &views[0], nil
}

// Mine returns the visits assigned to the inspector, by date.
func Mine(ctx context.Context, db store.DB, id *auth.Identity) ([]Visit, error) {
	visits, err := store.FindVisits(ctx, db, store.VisitFilter{InspectorID: id.UserID})
	if err != nil {
		return nil, err
	}
	return load(ctx, db, id, visits)
}

// ListInput filters the 专班's list of visits.
type ListInput struct {
	PeriodID int64
	Statuses []store.VisitStatus
}

// List returns a period's visits for the 专班 and leaders.
func List(ctx context.Context, db store.DB, id *auth.Identity, in ListInput) ([]Visit, error) {
	visits, err := store.FindVisits(ctx, db, store.VisitFilter{PeriodID: in.PeriodID, Statuses: in.Statuses})
	if err != nil {
		return nil, err
	}
	return load(ctx, db, id, visits)
}

// PlanInput is a visit as planned.
type PlanInput struct {
	PeriodID, EvaluateeID int64
	Date                  time.Time
	InspectorIDs          []int64
	// FocusTaskIDs narrows the checklist; empty means every carried task.
	FocusTaskIDs []int64
	Now          time.Time
}

// Plan creates a visit. The 专班 plans for any inspectors; an inspector
// plans only visits they take part in.
func Plan(ctx context.Context, db store.DB, id *auth.Identity, in PlanInput) (*Visit, error) {
	p, err := store.FindPeriod(ctx, db, in.PeriodID)
	if err != nil {
		return nil, err
	}
	e, err := store.FindEvaluatee(ctx, db, in.EvaluateeID)
	if err != nil {
		return nil, err
	}
	if e.PlanID != p.PlanID {
		return nil, apperr.Field("input.evaluateeId", "samePlan", "考评对象不属于该周期的方案", "evaluatee of another plan")
	}
	if frozen(*p) {
		return nil, apperr.Field("input.periodId", "state", fmt.Sprintf("%s已进入“%s”阶段,不能再安排实地调研", p.Name, workflow.State(p.State).Label()),
			fmt.Sprintf("%s has reached the %s stage; no more field visits can be planned", p.EnglishName(), workflow.State(p.State).English()))
	}
	tasks, err := checkPlan(ctx, db, id, e, in.InspectorIDs, in.FocusTaskIDs)
	if err != nil {
		return nil, err
	}
	v := &store.FieldVisit{PeriodID: p.ID, EvaluateeID: e.ID, Date: in.Date, Status: store.VisitPlanned,
		CreatedBy: &id.UserID, CreatedByName: id.DisplayName, CreatedAt: in.Now}
	if err := store.CreateVisit(ctx, db, v, in.InspectorIDs, tasks); err != nil {
		return nil, err
	}
	return Get(ctx, db, id, v.ID)
}

// checkPlan checks a visit's inspectors and focus tasks and returns its
// checklist: the tasks the evaluatee carries, or the focus subset of them.
func checkPlan(ctx context.Context, db store.DB, id *auth.Identity, e *store.Evaluatee, inspectorIDs, focusTaskIDs []int64) ([]int64, error) {
	if !id.Has(auth.RoleTaskForce) && !slices.Contains(inspectorIDs, id.UserID) {
		return nil, apperr.Field("input.inspectorIds", "self", "调研员只能安排本人参加的实地调研", "an inspector plans only visits they take part in")
	}
	found, err := store.InspectorIDs(ctx, db, inspectorIDs)
	if err != nil {
		return nil, err
	}
	for i, u := range inspectorIDs {
		if !found[u] {
			return nil, apperr.Field(fmt.Sprintf("input.inspectorIds[%d]", i), "inspector", "所选用户不是在岗的实地调研员", "not an enabled inspector")
		}
	}
	return checklistTasks(ctx, db, e, focusTaskIDs, "input.")
}

// checklistTasks returns the tasks e carries, narrowed to focus when given.
// prefix is where the arguments are in the request ("input." for a
// mutation's input, "" for a query's arguments).
func checklistTasks(ctx context.Context, db store.DB, e *store.Evaluatee, focus []int64, prefix string) ([]int64, error) {
	carried, err := store.CarriedTasks(ctx, db, []int64{e.ID})
	if err != nil {
		return nil, err
	}
	tasks := carried[e.ID]
	if len(focus) > 0 {
		for i, t := range focus {
			if !slices.Contains(tasks, t) {
				return nil, apperr.Field(fmt.Sprintf("%sfocusTaskIds[%d]", prefix, i), "carried", "考评对象不承担该任务", "the evaluatee does not carry this task")
			}
		}
		tasks = slices.DeleteFunc(slices.Clone(tasks), func(t int64) bool { return !slices.Contains(focus, t) })
	}
	if len(tasks) == 0 {
		return nil, apperr.Field(prefix+"evaluateeId", "tasks", "考评对象没有承担任何任务,无可调研的内容", "the evaluatee carries no task")
	}
	return tasks, nil
}

// verb is what an inspector does to a visit, for refusals in both
// languages: "只能提交…" / "You can only submit …" / "cannot be submitted".
type verb struct{ zh, en, past string }

var (
	verbSubmit = verb{"提交", "submit", "submitted"}
	verbRecord = verb{"记录", "record", "recorded"}
)

// lockForInspector loads a visit for a write by one of its inspectors.
func lockForInspector(ctx context.Context, db store.DB, id *auth.Identity, visitID int64, what verb) (*store.FieldVisit, *store.Period, error) {
	v, err := store.FindVisit(ctx, db, visitID, true)
	if err != nil {
		return nil, nil, err
	}
	inspectors, err := store.InspectorsOfVisits(ctx, db, []int64{v.ID})
	if err != nil {
		return nil, nil, err
	}
	if !assigned(id, inspectors[v.ID]) {
		return nil, nil, apperr.New(apperr.Forbidden, fmt.Sprintf("只能%s指派给本人的实地调研", what.zh),
			fmt.Sprintf("You can only %s field visits assigned to you", what.en))
	}
	p, err := store.FindPeriod(ctx, db, v.PeriodID)
	if err != nil {
		return nil, nil, err
	}
	if !workflow.Allows(workflow.State(p.State), workflow.VerifyScores) {
		s := workflow.State(p.State)
		return nil, nil, apperr.New(apperr.Invalid, fmt.Sprintf("%s处于“%s”阶段,不能%s实地调研", p.Name, s.Label(), what.zh),
			fmt.Sprintf("%s is in the %s stage; field visits cannot be %s now", p.EnglishName(), s.English(), what.past))
	}
	if !editable(v.Status) {
		return nil, nil, apperr.New(apperr.Invalid, fmt.Sprintf("该实地调研%s,不能再修改", statusLabel(v.Status)),
			fmt.Sprintf("The field visit is %s and can no longer be changed", statusEnglish(v.Status)))
	}
	return v, p, nil
}

func statusLabel(s store.VisitStatus) string {
	return map[store.VisitStatus]string{
		store.VisitPlanned: "待调研", store.VisitSubmitted: "已提交待审核", store.VisitAccepted: "已审核通过", store.VisitReturned: "已退回",
		store.VisitCancelled: "已取消",
	}[s]
}

// statusEnglish is statusLabel as it reads inside an English sentence.
func statusEnglish(s store.VisitStatus) string {
	return map[store.VisitStatus]string{
		store.VisitPlanned: "still to be visited", store.VisitSubmitted: "submitted for review", store.VisitAccepted: "accepted",
		store.VisitReturned: "returned", store.VisitCancelled: "cancelled",
	}[s]
}

// nonNil makes an absent list an empty one (the API's lists are non-null).
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func trimmed(s string) string { return strings.TrimSpace(s) }

// Inspectors lists the enabled inspectors a visit may be planned for.
func Inspectors(ctx context.Context, db store.DB, _ *auth.Identity) ([]store.User, error) {
	return store.Inspectors(ctx, db)
}
