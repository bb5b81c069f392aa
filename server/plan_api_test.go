package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

const planTreeQuery = `query($id: ID!) { plan(id: $id) {
  name year totalPoints weights { dailyMonitoring fieldVisits publicOpinion thirdParty }
  periods { half name state }
  dimensions { number name points indicators { number name points tasks {
    id number text points effectivePoints version
    deadline { phrase month state continuing }
    leadUnits { id name }
    evaluatees { id unit { name } group } } } }
  evaluatees { id unit { name } group }
} }`

type planTree struct {
	Plan struct {
		Name        string
		Year        int
		TotalPoints string
		Weights     map[string]string
		Periods     []struct {
			Half        int
			Name, State string
		}
		Dimensions []struct {
			Number     int
			Name       string
			Points     string
			Indicators []struct {
				Number int
				Name   string
				Points string
				Tasks  []taskJSON
			}
		}
		Evaluatees []evaluateeJSON
	}
}

type taskJSON struct {
	ID              string
	Number          int
	Text            string
	Points          *string
	EffectivePoints string
	Version         int
	Deadline        struct {
		Phrase     string
		Month      *int
		State      *string
		Continuing bool
	}
	LeadUnits  []struct{ ID, Name string }
	Evaluatees []evaluateeJSON
}

type evaluateeJSON struct {
	ID    string
	Unit  struct{ Name string }
	Group string
}

func (p planTree) task(number int) taskJSON {
	for _, d := range p.Plan.Dimensions {
		for _, i := range d.Indicators {
			for _, t := range i.Tasks {
				if t.Number == number {
					return t
				}
			}
		}
	}
	return taskJSON{}
}

func TestPlanTreeOfDemoPlan(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	var tree planTree
	a.must(planTreeQuery, map[string]any{"id": firstPlanID(a)}, &tree)
	p := tree.Plan

	if p.TotalPoints != "100" || p.Weights["dailyMonitoring"] != "60" || p.Weights["fieldVisits"] != "20" {
		t.Errorf("plan points/weights = %s %v", p.TotalPoints, p.Weights)
	}
	if len(p.Periods) != 2 || p.Periods[0].Name != "2023年上半年" || p.Periods[0].State != "PUBLISHED" || p.Periods[1].State != "OPEN" {
		t.Errorf("periods = %+v", p.Periods)
	}
	if len(p.Dimensions) != 7 {
		t.Fatalf("%d dimensions, want 7", len(p.Dimensions))
	}
	d1 := p.Dimensions[0]
	var got []string
	for _, i := range d1.Indicators {
		got = append(got, i.Points)
	}
	if d1.Points != "25" || strings.Join(got, " ") != "3 2 1.5 2 1 2 1 0.5 12" {
		t.Errorf("dimension 一 = %s with indicator points %v", d1.Points, got)
	}
	for _, d := range p.Dimensions[1:] {
		if !strings.Contains(d.Name, "示例") {
			t.Errorf("sample dimension %d %q is not marked 示例", d.Number, d.Name)
		}
	}

	t3 := tree.task(3)
	var leads []string
	for _, u := range t3.LeadUnits {
		leads = append(leads, u.Name)
	}
	if strings.Join(leads, "、") != "市政府办公室、市公安局" {
		t.Errorf("task 3 lead units = %v", leads)
	}
	if t3.Deadline.Phrase != "6月底完成" || *t3.Deadline.Month != 6 || *t3.Deadline.State != "COMPLETED" || t3.Deadline.Continuing {
		t.Errorf("task 3 deadline = %+v", t3.Deadline)
	}
	// Indicator (二) has 2 points and two tasks without their own: 1 each.
	if t3.Points != nil || t3.EffectivePoints != "1" {
		t.Errorf("task 3 points = %v effective %s, want none and 1", t3.Points, t3.EffectivePoints)
	}
	if t19 := tree.task(19); t19.Points == nil || *t19.Points != "0.5" {
		t.Errorf("task 19 points = %v, want 0.5", t19.Points)
	}
	// Districts carry the service tasks; the department carries what it leads.
	carriers := map[string]string{}
	for _, e := range t3.Evaluatees {
		carriers[e.Unit.Name] = e.Group
	}
	if carriers["昆都仑区"] != "DISTRICTS" || carriers["稀土高新区"] != "DISTRICTS" || carriers["市公安局"] != "DEPARTMENTS" {
		t.Errorf("task 3 carriers = %v", carriers)
	}
	if _, ok := carriers["市教育局"]; ok {
		t.Error("市教育局 carries task 3 although it does not lead it")
	}
	t25 := tree.task(25)
	if len(t25.Evaluatees) != 1 || t25.Evaluatees[0].Unit.Name != "市教育局" {
		t.Errorf("task 25 (市教育局's own) carriers = %+v", t25.Evaluatees)
	}
	groups := map[string]int{}
	for _, e := range p.Evaluatees {
		groups[e.Group]++
	}
	if groups["DISTRICTS"] != 10 {
		t.Errorf("%d evaluatees in 旗县区组, want 10", groups["DISTRICTS"])
	}
}

// TestPlanTreeStatementsDoNotGrow fetches the whole nested plan, then adds
// tasks, evaluatees and assignments and fetches it again: the number of SQL
// statements must stay the same (no N+1).
func TestPlanTreeStatementsDoNotGrow(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	id := firstPlanID(a)
	a.must(planTreeQuery, map[string]any{"id": id}, nil)
	before := a.statements.Load()

	var tree planTree
	a.must(planTreeQuery, map[string]any{"id": id}, &tree)
	var ind struct {
		Plan struct {
			Dimensions []struct{ Indicators []struct{ ID string } }
		}
	}
	a.must(`query($id: ID!) { plan(id: $id) { dimensions { indicators { id } } } }`, map[string]any{"id": id}, &ind)
	var units struct{ Units []struct{ ID string } }
	a.must(`{ units { id } }`, nil, &units)
	var evs []string
	for _, e := range tree.Plan.Evaluatees {
		evs = append(evs, e.ID)
	}
	for n := 0; n < 40; n++ {
		var created struct{ CreateTask struct{ ID string } }
		a.must(`mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"indicatorId": ind.Plan.Dimensions[n%7].Indicators[0].ID, "number": 100 + n, "text": fmt.Sprintf("新增任务%d", n),
			"deadline": map[string]any{"phrase": "持续推进", "continuing": true}, "leadUnitIds": []string{units.Units[n%len(units.Units)].ID},
		}}, &created)
		a.must(`mutation($in: SetTaskAssignmentsInput!) { setTaskAssignments(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"taskId": created.CreateTask.ID, "evaluateeIds": evs}}, nil)
	}

	var bigger planTree
	a.must(planTreeQuery, map[string]any{"id": id}, &bigger)
	after := a.statements.Load()
	if n := countTasks(bigger); n != countTasks(tree)+40 {
		t.Fatalf("tree has %d tasks after adding 40 to %d", n, countTasks(tree))
	}
	if after != before {
		t.Errorf("plan tree took %d statements with %d tasks and %d with %d: it grows with the list sizes",
			before, countTasks(tree), after, countTasks(bigger))
	}
	if before > 10 {
		t.Errorf("plan tree took %d statements, want at most 10 (one per level)", before)
	}
}

func countTasks(p planTree) int {
	n := 0
	for _, d := range p.Plan.Dimensions {
		for _, i := range d.Indicators {
			n += len(i.Tasks)
		}
	}
	return n
}

func TestInvalidInputNamesFieldAndRuleAndChangesNothing(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	id := firstPlanID(a)
	cases := []struct {
		name      string
		input     map[string]any
		field     string
		rule      string
		zhMessage string
	}{
		{"negative points", map[string]any{"planId": id, "number": 8, "name": "新方面", "points": "-1"}, "input.points", "dgte", "分值不能小于0"},
		{"three decimals", map[string]any{"planId": id, "number": 8, "name": "新方面", "points": "1.125"}, "input.points", "dplaces", "分值最多保留2位小数"},
		{"empty name", map[string]any{"planId": id, "number": 8, "name": "", "points": "5"}, "input.name", "required", "名称为必填字段"},
		{"number zero", map[string]any{"planId": id, "number": 0, "name": "新方面", "points": "5"}, "input.number", "min", "序号最小只能为1"},
		{"duplicate number", map[string]any{"planId": id, "number": 1, "name": "重复", "points": "5"}, "input.number", "unique", "该方案中已有相同序号的方面"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			errs := a.do(`mutation($in: CreateDimensionInput!) { createDimension(input: $in) { id } }`, map[string]any{"in": tc.input}, nil)
			if codeOf(errs) != "INVALID" {
				t.Fatalf("errors = %+v, want INVALID", errs)
			}
			field, rule, zh, en := fieldOf(errs[0])
			if field != tc.field || rule != tc.rule || zh != tc.zhMessage || en == "" {
				t.Errorf("field error = %q %q %q %q, want %q %q %q", field, rule, zh, en, tc.field, tc.rule, tc.zhMessage)
			}
		})
	}
	var tree planTree
	a.must(planTreeQuery, map[string]any{"id": id}, &tree)
	if len(tree.Plan.Dimensions) != 7 {
		t.Errorf("rejected inputs changed the plan: %d dimensions", len(tree.Plan.Dimensions))
	}
}

func TestWeightsMustSumTo100(t *testing.T) {
	t.Parallel()
	a := newAPI(t, false)
	errs := a.do(`mutation { createPlan(input: {name: "测试", year: 2024, weights: {dailyMonitoring: "60", fieldVisits: "20", publicOpinion: "10", thirdParty: "5"}}) { id } }`, nil, nil)
	field, rule, zh, _ := fieldOf(errs[0])
	if field != "input.weights" || rule != "sum100" || !strings.Contains(zh, "95") {
		t.Errorf("got %q %q %q", field, rule, zh)
	}
}

func TestStaleVersionIsAConflictWithTheCurrentValue(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	var tree planTree
	a.must(planTreeQuery, map[string]any{"id": firstPlanID(a)}, &tree)
	t1 := tree.task(1)
	update := func(text string) []gqlError {
		return a.do(`mutation($in: UpdateTaskInput!) { updateTask(input: $in) { version text } }`, map[string]any{"in": map[string]any{
			"id": t1.ID, "version": t1.Version, "number": 1, "text": text,
			"deadline": map[string]any{"phrase": t1.Deadline.Phrase, "continuing": true}, "leadUnitIds": []string{t1.LeadUnits[0].ID},
		}}, nil)
	}
	if errs := update("第一位编辑者的修改"); len(errs) > 0 {
		t.Fatalf("first save: %+v", errs)
	}
	errs := update("第二位编辑者基于旧版本的修改")
	if codeOf(errs) != "CONFLICT" {
		t.Fatalf("second save with the old version: %+v, want CONFLICT", errs)
	}
	current, _ := errs[0].Extensions["current"].(map[string]any)
	if current["Text"] != "第一位编辑者的修改" {
		t.Errorf("conflict carries current %v, want the first editor's text", current)
	}
}

func TestConcurrentEditorsOneWinsOneConflicts(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAdmin)
	var units struct {
		Units []struct {
			ID      string
			Version int
		}
	}
	a.must(`{ units { id version } }`, nil, &units)
	u := units.Units[0]
	var wg sync.WaitGroup
	results := make([][]gqlError, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = a.do(`mutation($in: UpdateUnitInput!) { updateUnit(input: $in) { version } }`, map[string]any{"in": map[string]any{
				"id": u.ID, "version": u.Version, "name": fmt.Sprintf("昆都仑区%d", i), "kind": "DISTRICT", "aliases": []string{}, "sortKey": 10,
			}}, nil)
		}()
	}
	wg.Wait()
	codes := codeOf(results[0]) + "|" + codeOf(results[1])
	if codes != "|CONFLICT" && codes != "CONFLICT|" {
		t.Errorf("two concurrent saves of version %d gave %q, want exactly one CONFLICT", u.Version, codes)
	}
}

func TestFailedAssignmentLeavesPreviousAssignments(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	id := firstPlanID(a)
	var tree planTree
	a.must(planTreeQuery, map[string]any{"id": id}, &tree)
	t3 := tree.task(3)
	// An evaluatee of another plan is refused by the database trigger after
	// the old assignments were already deleted inside the transaction.
	var other struct{ CreatePlan struct{ ID string } }
	a.must(`mutation { createPlan(input: {name: "另一方案", year: 2024}) { id } }`, nil, &other)
	var units struct{ Units []struct{ ID string } }
	a.must(`{ units { id } }`, nil, &units)
	var ev struct{ CreateEvaluatee struct{ ID string } }
	a.must(`mutation($in: CreateEvaluateeInput!) { createEvaluatee(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"planId": other.CreatePlan.ID, "unitId": units.Units[0].ID, "group": "DISTRICTS"}}, &ev)

	errs := a.do(`mutation($in: SetTaskAssignmentsInput!) { setTaskAssignments(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"taskId": t3.ID, "evaluateeIds": []string{t3.Evaluatees[0].ID, ev.CreateEvaluatee.ID}}}, nil)
	if codeOf(errs) != "INVALID" {
		t.Fatalf("cross-plan assignment: %+v, want INVALID", errs)
	}
	var again planTree
	a.must(planTreeQuery, map[string]any{"id": id}, &again)
	if n := len(again.task(3).Evaluatees); n != len(t3.Evaluatees) {
		t.Errorf("failed assignment changed task 3's carriers from %d to %d", len(t3.Evaluatees), n)
	}
}

func TestDeletingAUnitInUseIsRefused(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAdmin)
	var units struct {
		Units []struct {
			ID, Name string
			Version  int
		}
	}
	a.must(`{ units { id name version } }`, nil, &units)
	errs := a.do(`mutation($id: ID!, $v: Int!) { deleteUnit(id: $id, version: $v) }`,
		map[string]any{"id": units.Units[0].ID, "v": units.Units[0].Version}, nil)
	if codeOf(errs) != "CONFLICT" || !strings.Contains(errs[0].Message, "考评对象") {
		t.Errorf("deleting evaluatee %s: %+v, want a CONFLICT saying it is an evaluatee", units.Units[0].Name, errs)
	}
	// 市审批服务局 leads tasks and is an evaluatee; remove it from the plan
	// first, then the lead-task rule answers.
	var lead struct {
		Units []struct {
			ID, Name string
			Version  int
		}
	}
	a.must(`{ units { id name version } }`, nil, &lead)
	for _, u := range lead.Units {
		if u.Name != "市委网信办" {
			continue
		}
		_, _ = a.st.DB.ExecContext(t.Context(), `DELETE FROM evaluatees WHERE unit_id = ?`, u.ID)
		errs = a.do(`mutation($id: ID!, $v: Int!) { deleteUnit(id: $id, version: $v) }`, map[string]any{"id": u.ID, "v": u.Version}, nil)
		if codeOf(errs) != "CONFLICT" || !strings.Contains(errs[0].Message, "牵头考核单位") {
			t.Errorf("deleting a lead unit: %+v", errs)
		}
	}
}

func TestUnknownIDsAndBadScalars(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	var out struct{ Plan *struct{ ID string } }
	a.must(`{ plan(id: "999999") { id } }`, nil, &out)
	if out.Plan != nil {
		t.Error("unknown plan id returned a plan")
	}
	errs := a.do(`mutation { createDimension(input: {planId: "999999", number: 9, name: "x", points: "1"}) { id } }`, nil, nil)
	if codeOf(errs) != "NOT_FOUND" {
		t.Errorf("dimension of an unknown plan: %+v", errs)
	}
	errs = a.do(`mutation { createDimension(input: {planId: "1", number: 9, name: "x", points: "abc"}) { id } }`, nil, nil)
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "abc") {
		t.Errorf("bad decimal: %+v", errs)
	}
}

func TestHierarchyCRUD(t *testing.T) {
	t.Parallel()
	a := newAPI(t, false)
	var plan struct {
		CreatePlan struct {
			ID      string
			Version int
		}
	}
	a.must(`mutation { createPlan(input: {name: "测试方案", year: 2024}) { id version } }`, nil, &plan)
	var dim struct {
		CreateDimension struct {
			ID      string
			Version int
		}
	}
	a.must(`mutation($p: ID!) { createDimension(input: {planId: $p, number: 1, name: "方面一", points: "100"}) { id version } }`,
		map[string]any{"p": plan.CreatePlan.ID}, &dim)
	var ind struct {
		CreateIndicator struct {
			ID      string
			Version int
		}
	}
	a.must(`mutation($d: ID!) { createIndicator(input: {dimensionId: $d, number: 1, name: "指标一", points: "100"}) { id version } }`,
		map[string]any{"d": dim.CreateDimension.ID}, &ind)
	var unit struct{ CreateUnit struct{ ID string } }
	a.loginAs(auth.RoleAdmin)
	a.must(`mutation { createUnit(input: {name: "市测试局", kind: DEPARTMENT, aliases: ["测试局"], sortKey: 5}) { id } }`, nil, &unit)
	a.loginAs(auth.RoleTaskForce)
	var task struct {
		CreateTask struct {
			ID              string
			Version         int
			EffectivePoints string
			LeadUnits       []struct{ Name string }
		}
	}
	a.must(`mutation($i: ID!, $u: ID!) { createTask(input: {indicatorId: $i, number: 1, text: "任务一", deadline: {phrase: "6月底完成", month: 6, state: COMPLETED, continuing: false}, leadUnitIds: [$u]}) { id version effectivePoints leadUnits { name } } }`,
		map[string]any{"i": ind.CreateIndicator.ID, "u": unit.CreateUnit.ID}, &task)
	if task.CreateTask.EffectivePoints != "100" || task.CreateTask.LeadUnits[0].Name != "市测试局" {
		t.Errorf("created task = %+v", task.CreateTask)
	}
	var upd struct {
		UpdateIndicator struct {
			Points  string
			Version int
		}
	}
	a.must(`mutation($id: ID!, $v: Int!) { updateIndicator(input: {id: $id, version: $v, number: 1, name: "指标一", points: "50"}) { points version } }`,
		map[string]any{"id": ind.CreateIndicator.ID, "v": ind.CreateIndicator.Version}, &upd)
	if upd.UpdateIndicator.Points != "50" || upd.UpdateIndicator.Version != 2 {
		t.Errorf("updated indicator = %+v", upd.UpdateIndicator)
	}
	a.must(`mutation($id: ID!, $v: Int!) { deleteTask(id: $id, version: $v) }`, map[string]any{"id": task.CreateTask.ID, "v": task.CreateTask.Version}, nil)
	a.must(`mutation($id: ID!, $v: Int!) { deleteDimension(id: $id, version: $v) }`, map[string]any{"id": dim.CreateDimension.ID, "v": dim.CreateDimension.Version}, nil)
	var after struct {
		Plan struct{ Dimensions []struct{ ID string } }
	}
	a.must(`query($id: ID!) { plan(id: $id) { dimensions { id } } }`, map[string]any{"id": plan.CreatePlan.ID}, &after)
	if len(after.Plan.Dimensions) != 0 {
		t.Errorf("dimension not deleted: %+v", after)
	}
}

func TestGetNeverRunsOperations(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	resp, err := a.client.Get(a.srv.URL + "/graphql?query=" + "mutation%7Blogout%7D")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /graphql = %d, want 405", resp.StatusCode)
	}
}
