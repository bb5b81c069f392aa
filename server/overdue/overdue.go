// Package overdue is the 督办 board: the tasks whose deadline month has
// passed without the evaluatee's progress report reaching the state the
// deadline phrase expects (DESIGN §4 督办). It judges against the calendar
// in Asia/Shanghai, where the plans' months are meant, on a date the caller
// passes (the server's clock; tests inject theirs).
package overdue

import (
	"context"
	"slices"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// shanghai is the zone the deadline months are written in. China has had no
// daylight saving since 1991, so the fixed zone is exact when tzdata is missing.
var shanghai = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()

// progress ranks the report states from nothing to done.
var progress = map[string]int{"NOT_STARTED": 0, "IN_PROGRESS": 1, "STAGED_RESULTS": 2, "NOTABLE_RESULTS": 3, "COMPLETED": 4}

// needed is the least report state that meets each deadline state: 持续推进
// asks only that the work has started; 阶段性成效 is met by 明显成效 or
// 完成 too, since those go further.
var needed = map[store.DeadlineState]int{
	store.DeadlineOngoing: 1, store.DeadlineStaged: 2, store.DeadlineNotable: 3, store.DeadlineCompleted: 4,
}

// Passed says whether a deadline at the end of month of year has passed on
// day now: from the first day of the next month in Asia/Shanghai.
func Passed(year, month int, now time.Time) bool {
	local := now.In(shanghai)
	return year*12+month < local.Year()*12+int(local.Month())
}

// Overdue is the rule: the deadline names a month and a state, the month has
// passed, and the latest report (nil: none) falls short of the state. The
// continuing flag does not change it: work that goes on after the deadline
// still had to reach the state by then.
func Overdue(year int, d store.Deadline, reportState *string, now time.Time) bool {
	if d.Month == nil || d.State == nil || !Passed(year, *d.Month, now) {
		return false
	}
	want, ok := needed[*d.State]
	if !ok {
		return false
	}
	if reportState == nil {
		return true
	}
	return progress[*reportState] < want
}

// Rule is Overdue as data for a statement that judges many pairs at once
// (the analysts' aggregate, store.OverdueRule), on day now.
func Rule(now time.Time) store.OverdueRule {
	local := now.In(shanghai)
	r := store.OverdueRule{Year: local.Year(), Month: int(local.Month()), Progress: map[string]int{}, Needed: map[string]int{}}
	for k, v := range progress {
		r.Progress[k] = v
	}
	for k, v := range needed {
		r.Needed[string(k)] = v
	}
	return r
}

// Filter narrows the board. Zero values mean "all".
type Filter struct {
	PlanID      int64
	EvaluateeID int64
	LeadUnitID  int64
	Group       store.RankingGroup
}

// Task is one overdue (evaluatee, task).
type Task = store.DeadlineCandidate

// Count is the number of overdue tasks of one evaluatee or lead unit.
type Count struct {
	ID    int64 // evaluatee or unit
	Name  string
	Count int
}

// Counts are the board's totals, as a home page shows them.
type Counts struct {
	Total       int
	ByEvaluatee []Count
	ByLeadUnit  []Count
	JudgedOn    time.Time // the day judged, in Asia/Shanghai
}

// readsAll see every evaluatee's reports (as evaluation.CanSeeEvaluatee).
var readsAll = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleInspector, auth.RoleAnalyst}

// visible says whether id may see the row: readers all of them, a contact
// its own unit's, a lead scorer the tasks its unit leads.
func visible(id *auth.Identity, t *Task) bool {
	switch {
	case id.Has(readsAll...):
		return true
	case id.Has(auth.RoleEvaluateeContact) && id.InUnit(t.UnitID):
		return true
	case id.Has(auth.RoleLeadScorer) && id.UnitID != nil && slices.Contains(t.LeadUnitIDs, *id.UnitID):
		return true
	}
	return false
}

// Board lists the overdue tasks of a plan that id may see, as of now. One
// statement whatever the plan's size.
func Board(ctx context.Context, db store.DB, id *auth.Identity, f Filter, now time.Time) ([]Task, error) {
	if id == nil || !id.Has(append(readsAll, auth.RoleEvaluateeContact, auth.RoleLeadScorer)...) {
		return nil, apperr.New(apperr.Forbidden, "无权查看督办事项", "You may not see overdue-task supervision")
	}
	if f.Group != "" && f.Group != store.GroupDistricts && f.Group != store.GroupDepartments {
		return nil, apperr.Field("group", "oneof", "分组须为旗县区组或市直部门组", "group must be DISTRICTS or DEPARTMENTS")
	}
	local := now.In(shanghai)
	rows, err := store.FindDeadlineCandidates(ctx, db, f.PlanID, local.Year(), int(local.Month()))
	if err != nil {
		return nil, err
	}
	out := []Task{}
	for i := range rows {
		t := &rows[i]
		if !Overdue(t.PlanYear, t.Deadline, t.ReportState, now) || !visible(id, t) {
			continue
		}
		if (f.EvaluateeID != 0 && t.EvaluateeID != f.EvaluateeID) || (f.Group != "" && t.Group != f.Group) ||
			(f.LeadUnitID != 0 && !slices.Contains(t.LeadUnitIDs, f.LeadUnitID)) {
			continue
		}
		out = append(out, *t)
	}
	return out, nil
}

// CountBoard is Board reduced to totals per evaluatee and per lead unit, in
// descending count (ties in the board's order).
func CountBoard(ctx context.Context, db store.DB, id *auth.Identity, f Filter, now time.Time) (*Counts, error) {
	tasks, err := Board(ctx, db, id, f, now)
	if err != nil {
		return nil, err
	}
	return count(tasks, now), nil
}

// count reduces a board's tasks to its totals.
func count(tasks []Task, now time.Time) *Counts {
	c := &Counts{Total: len(tasks), JudgedOn: now.In(shanghai), ByEvaluatee: []Count{}, ByLeadUnit: []Count{}}
	evaluatees, leads := map[int64]int{}, map[int64]int{}
	for _, t := range tasks {
		if i, ok := evaluatees[t.EvaluateeID]; ok {
			c.ByEvaluatee[i].Count++
		} else {
			evaluatees[t.EvaluateeID] = len(c.ByEvaluatee)
			c.ByEvaluatee = append(c.ByEvaluatee, Count{ID: t.EvaluateeID, Name: t.UnitName, Count: 1})
		}
		for j, u := range t.LeadUnitIDs {
			if i, ok := leads[u]; ok {
				c.ByLeadUnit[i].Count++
				continue
			}
			leads[u] = len(c.ByLeadUnit)
			name := ""
			if j < len(t.LeadUnitNames) {
				name = t.LeadUnitNames[j]
			}
			c.ByLeadUnit = append(c.ByLeadUnit, Count{ID: u, Name: name, Count: 1})
		}
	}
	byCount := func(a, b Count) int { return b.Count - a.Count }
	slices.SortStableFunc(c.ByEvaluatee, byCount)
	slices.SortStableFunc(c.ByLeadUnit, byCount)
	return c
}
