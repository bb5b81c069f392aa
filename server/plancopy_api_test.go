package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

const copyPlanMutation = `mutation($in: CopyPlanInput!) { copyPlan(input: $in) { id name year version periods { half name state } } }`

type copiedPlan struct {
	ID, Name string
	Year     int
	Periods  []struct {
		Half        int
		Name, State string
	}
}

// structure is what a copy must carry over: every task with its numbers,
// points, deadline, lead units and the units that carry it (ids differ).
func structure(p planTree) string {
	type task struct {
		Path       string
		Text       string
		Points     *string
		Effective  string
		Deadline   any
		Leads      []string
		Evaluatees []string
	}
	var out []any
	out = append(out, p.Plan.TotalPoints, p.Plan.Weights)
	for _, d := range p.Plan.Dimensions {
		out = append(out, fmt.Sprintf("%d %s %s", d.Number, d.Name, d.Points))
		for _, i := range d.Indicators {
			out = append(out, fmt.Sprintf("%d.%d %s %s", d.Number, i.Number, i.Name, i.Points))
			for _, t := range i.Tasks {
				x := task{Path: fmt.Sprintf("%d.%d.%d", d.Number, i.Number, t.Number), Text: t.Text, Points: t.Points, Effective: t.EffectivePoints, Deadline: t.Deadline}
				for _, l := range t.LeadUnits {
					x.Leads = append(x.Leads, l.Name)
				}
				for _, e := range t.Evaluatees {
					x.Evaluatees = append(x.Evaluatees, e.Unit.Name+" "+e.Group)
				}
				out = append(out, x)
			}
		}
	}
	for _, e := range p.Plan.Evaluatees {
		out = append(out, e.Unit.Name+" "+e.Group)
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// rawOf returns the JSON answer of query as bytes, for byte-for-byte comparison.
func (a *api) rawOf(query string, vars map[string]any) string {
	a.t.Helper()
	var out json.RawMessage
	a.must(query, vars, &out)
	return string(out)
}

const publishedTotals = `query($p: ID!) { d: ranking(periodId: $p, group: DISTRICTS) { rows { evaluatee { id } rank score } } ` +
	`e: ranking(periodId: $p, group: DEPARTMENTS) { rows { evaluatee { id } rank score } } }`

// Copying the demo plan (2023) into 2024 (issue 13 §4): the copy has the
// same dimensions, indicators, tasks, points, deadlines, lead units,
// evaluatees and assignments and the same weights and thresholds, two
// periods in 筹备 and no scores, reports or results; it is editable; the
// 2023 plan, its published ranking and its totals answer byte for byte as
// before; the trend of a unit of the 2024 plan still shows 2023; a year with
// a plan is refused naming the field; a lead scorer may not copy; the copy
// takes as many statements for a plan with 40 more tasks; it is audited.
func TestCopyPlanIntoNewYear(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	ctx := context.Background()
	src := firstPlanID(a)
	var old planTree
	a.must(planTreeQuery, map[string]any{"id": src}, &old)
	var periods struct {
		Plan struct {
			Periods []struct {
				ID    string
				Half  int
				State string
			}
		}
	}
	a.must(`query($id: ID!) { plan(id: $id) { periods { id half state } } }`, map[string]any{"id": src}, &periods)
	h1 := periods.Plan.Periods[0].ID
	oldTree := a.rawOf(planTreeQuery, map[string]any{"id": src})
	oldTotals := a.rawOf(publishedTotals, map[string]any{"p": h1})
	thresholds := `query($id: ID!) { plan(id: $id) { missingComponentRule consistencyThresholds { highRate lowRate leadSpread } } }`
	oldRules := a.rawOf(thresholds, map[string]any{"id": src})

	var copied struct{ CopyPlan copiedPlan }
	a.must(copyPlanMutation, map[string]any{"in": map[string]any{"planId": src, "year": 2024}}, &copied)
	firstCopy := a.statements.Load()
	c := copied.CopyPlan
	if c.Year != 2024 || !strings.Contains(c.Name, "2024") || c.Name == old.Plan.Name {
		t.Errorf("copy: %+v (source %q)", c, old.Plan.Name)
	}
	if len(c.Periods) != 2 || c.Periods[0].Name != "2024年上半年" || c.Periods[0].State != "DRAFT" || c.Periods[1].State != "DRAFT" {
		t.Errorf("periods of the copy: %+v", c.Periods)
	}

	var fresh planTree
	a.must(planTreeQuery, map[string]any{"id": c.ID}, &fresh)
	if got, want := structure(fresh), structure(old); got != want {
		t.Errorf("the copy's structure differs:\n got %s\nwant %s", got, want)
	}
	if countTasks(fresh) < 20 || len(fresh.Plan.Evaluatees) < 10 {
		t.Fatalf("copy has %d tasks and %d evaluatees", countTasks(fresh), len(fresh.Plan.Evaluatees))
	}
	if got := a.rawOf(thresholds, map[string]any{"id": c.ID}); got != oldRules {
		t.Errorf("rules and thresholds: %s, source %s", got, oldRules)
	}
	for _, table := range []string{"scores", "progress_reports", "publications", "source_values", "field_visits"} {
		var n int
		if err := a.st.DB.NewRaw(`SELECT count(*) FROM `+table+` x JOIN periods p ON p.id = x.period_id WHERE p.plan_id = ?`, c.ID).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("the copy has %d rows in %s", n, table)
		}
	}

	// The old year is untouched, answer for answer.
	if got := a.rawOf(planTreeQuery, map[string]any{"id": src}); got != oldTree {
		t.Errorf("the 2023 plan tree changed")
	}
	if got := a.rawOf(publishedTotals, map[string]any{"p": h1}); got != oldTotals {
		t.Errorf("the 2023 published totals changed:\n%s\n%s", got, oldTotals)
	}
	// Trends across years follow the unit from the 2024 plan back to 2023.
	var trend struct {
		EvaluateeTrend []struct {
			Year  int
			Score *string
		}
	}
	a.must(`query($e: ID!) { evaluateeTrend(evaluateeId: $e) { year score } }`, map[string]any{"e": fresh.Plan.Evaluatees[0].ID}, &trend)
	has2023 := false
	for _, p := range trend.EvaluateeTrend {
		has2023 = has2023 || (p.Year == 2023 && p.Score != nil)
	}
	if !has2023 {
		t.Errorf("trend of a 2024 evaluatee: %+v", trend.EvaluateeTrend)
	}

	// The copy is editable: 40 more tasks, then copied again into 2025 in as many statements.
	var ind struct {
		Plan struct {
			Dimensions []struct{ Indicators []struct{ ID string } }
		}
	}
	a.must(`query($id: ID!) { plan(id: $id) { dimensions { indicators { id } } } }`, map[string]any{"id": c.ID}, &ind)
	var evs []string
	for _, e := range fresh.Plan.Evaluatees {
		evs = append(evs, e.ID)
	}
	lead := fresh.Plan.Dimensions[0].Indicators[0].Tasks[0].LeadUnits[0].ID
	for n := 0; n < 40; n++ {
		var created struct{ CreateTask struct{ ID string } }
		a.must(`mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"indicatorId": ind.Plan.Dimensions[n%7].Indicators[0].ID, "number": 100 + n, "text": fmt.Sprintf("2024年新增任务%d", n),
			"deadline": map[string]any{"phrase": "持续推进", "continuing": true}, "leadUnitIds": []string{lead},
		}}, &created)
		a.must(`mutation($in: SetTaskAssignmentsInput!) { setTaskAssignments(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"taskId": created.CreateTask.ID, "evaluateeIds": evs}}, nil)
	}
	var second struct{ CopyPlan copiedPlan }
	a.must(copyPlanMutation, map[string]any{"in": map[string]any{"planId": c.ID, "year": 2025, "name": "  2025年方案  "}}, &second)
	if n := a.statements.Load(); n != firstCopy {
		t.Errorf("copying took %d statements for %d tasks and %d for %d: it grows with the plan", firstCopy, countTasks(fresh), n, countTasks(fresh)+40)
	}
	t.Logf("copy: %d statements, %d tasks, %d evaluatees", firstCopy, countTasks(fresh), len(fresh.Plan.Evaluatees))
	if firstCopy > 20 {
		t.Errorf("copying took %d statements, want at most 20", firstCopy)
	}
	var third planTree
	a.must(planTreeQuery, map[string]any{"id": second.CopyPlan.ID}, &third)
	if second.CopyPlan.Name != "2025年方案" || countTasks(third) != countTasks(fresh)+40 || len(third.task(139).Evaluatees) != len(evs) {
		t.Errorf("second copy %q: %d tasks, task 139 carried by %d", second.CopyPlan.Name, countTasks(third), len(third.task(139).Evaluatees))
	}

	// A year that has a plan, a year out of range, a plan that does not exist.
	for name, tc := range map[string]struct {
		in    map[string]any
		code  string
		field string
	}{
		"taken year":   {map[string]any{"planId": src, "year": 2024}, "INVALID", "input.year"},
		"source year":  {map[string]any{"planId": c.ID, "year": 2023}, "INVALID", "input.year"},
		"out of range": {map[string]any{"planId": src, "year": 1999}, "INVALID", "input.year"},
		"no plan":      {map[string]any{"planId": "999999", "year": 2030}, "NOT_FOUND", ""},
	} {
		errs := a.do(copyPlanMutation, map[string]any{"in": tc.in}, nil)
		if codeOf(errs) != tc.code {
			t.Errorf("%s: %+v", name, errs)
			continue
		}
		if field, _, zh, _ := fieldOfFirst(errs); field != tc.field || (tc.field != "" && zh == "") {
			t.Errorf("%s: field %q %q", name, field, zh)
		}
	}
	var plans struct{ Plans []struct{ Year int } }
	a.must(`{ plans { year } }`, nil, &plans)
	if len(plans.Plans) != 3 {
		t.Errorf("plans after refused copies: %+v", plans.Plans)
	}

	for _, role := range []auth.Role{auth.RoleLeadScorer, auth.RoleLeader, auth.RoleEvaluateeContact} {
		a.loginAs(role)
		if errs := a.do(copyPlanMutation, map[string]any{"in": map[string]any{"planId": src, "year": 2031}}, nil); codeOf(errs) != "FORBIDDEN" {
			t.Errorf("%s copies a plan: %+v", role, errs)
		}
	}

	a.loginAs(auth.RoleAuditor)
	var log struct {
		AuditLog struct {
			Records []struct{ Outcome string }
		}
	}
	a.must(`{ auditLog(filter: {operation: "copyPlan"}) { records { outcome } } }`, nil, &log)
	outcomes := map[string]int{}
	for _, r := range log.AuditLog.Records {
		outcomes[r.Outcome]++
	}
	if outcomes["OK"] != 2 || outcomes["DENIED"] != 3 {
		t.Errorf("audit of copyPlan: %v", outcomes)
	}
}
