package main

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/server/auth"
)

// overduePlan is a 2024 plan of two tasks carried by 甲区 and 乙区, both led
// by 市督查局: task 1 due 6月底完成, task 2 due 9月底取得明显成效并持续推进.
// 甲区 reports task 1 完成 and task 2 阶段性成效; 乙区 reports nothing.
type overduePlan struct {
	*api
	plan, h1, h2, t1, t2, jia, yi, lead string
}

func newOverduePlan(t *testing.T) *overduePlan {
	a := newAnonymousAPI(t, false)
	s := &overduePlan{api: a}
	// The board judges against its own clock: 10 July 2024 in Shanghai.
	s.setClock(time.Date(2024, 7, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	a.loginAs(auth.RoleAdmin)
	unit := func(name, kind string, sortKey int) string {
		var out struct{ CreateUnit struct{ ID string } }
		a.must(`mutation($n: String!, $k: UnitKind!, $s: Int!) { createUnit(input: {name: $n, kind: $k, sortKey: $s}) { id } }`,
			map[string]any{"n": name, "k": kind, "s": sortKey}, &out)
		return out.CreateUnit.ID
	}
	s.lead = unit("市督查局", "DEPARTMENT", 40)
	jia, yi := unit("甲区", "DISTRICT", 10), unit("乙区", "DISTRICT", 20)

	a.loginAs(auth.RoleTaskForce)
	var plan struct {
		CreatePlan struct {
			ID      string
			Periods []struct {
				ID      string
				Version int
			}
		}
	}
	a.must(`mutation { createPlan(input: {name: "督办", year: 2024}) { id periods { id version } } }`, nil, &plan)
	s.plan, s.h1, s.h2 = plan.CreatePlan.ID, plan.CreatePlan.Periods[0].ID, plan.CreatePlan.Periods[1].ID
	var d struct{ CreateDimension struct{ ID string } }
	a.must(`mutation($p: ID!) { createDimension(input: {planId: $p, number: 1, name: "营商环境", points: "100"}) { id } }`, map[string]any{"p": s.plan}, &d)
	var i struct{ CreateIndicator struct{ ID string } }
	a.must(`mutation($d: ID!) { createIndicator(input: {dimensionId: $d, number: 1, name: "指标", points: "100"}) { id } }`, map[string]any{"d": d.CreateDimension.ID}, &i)
	task := func(n int, deadline map[string]any) string {
		var out struct{ CreateTask struct{ ID string } }
		a.must(`mutation($i: ID!, $n: Int!, $d: DeadlineInput!, $l: [ID!]!) { createTask(input: {indicatorId: $i, number: $n, text: "任务", points: "50", deadline: $d, leadUnitIds: $l}) { id } }`,
			map[string]any{"i": i.CreateIndicator.ID, "n": n, "d": deadline, "l": []string{s.lead}}, &out)
		return out.CreateTask.ID
	}
	s.t1 = task(1, map[string]any{"phrase": "6月底完成", "month": 6, "state": "COMPLETED", "continuing": false})
	s.t2 = task(2, map[string]any{"phrase": "9月底取得明显成效并持续推进", "month": 9, "state": "NOTABLE_RESULTS", "continuing": true})
	evaluatee := func(unit string) string {
		var out struct{ CreateEvaluatee struct{ ID string } }
		a.must(`mutation($p: ID!, $u: ID!) { createEvaluatee(input: {planId: $p, unitId: $u, group: DISTRICTS}) { id } }`,
			map[string]any{"p": s.plan, "u": unit}, &out)
		return out.CreateEvaluatee.ID
	}
	s.jia, s.yi = evaluatee(jia), evaluatee(yi)
	for _, t := range []string{s.t1, s.t2} {
		a.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
			map[string]any{"t": t, "e": []string{s.jia, s.yi}}, nil)
	}
	a.must(`mutation($p: ID!, $v: Int!) { movePeriod(input: {periodId: $p, version: $v, to: OPEN}) { version } }`,
		map[string]any{"p": s.h1, "v": plan.CreatePlan.Periods[0].Version}, nil)
	a.login(a.mustUser("甲区", auth.RoleEvaluateeContact), testPassword)
	for task, state := range map[string]string{s.t1: "COMPLETED", s.t2: "STAGED_RESULTS"} {
		a.must(`mutation($p: ID!, $e: ID!, $t: ID!, $s: ProgressState!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: $s, narrative: "进展", version: 0}) { id } }`,
			map[string]any{"p": s.h1, "e": s.jia, "t": task, "s": state}, nil)
	}
	return s
}

type overdueRow struct {
	TaskID, EvaluateeID, UnitName string
	ReportID                      *string
	ReportState                   *string
	LeadUnits                     []struct{ ID, Name string }
}

func (s *overduePlan) board(filter map[string]any) []overdueRow {
	s.t.Helper()
	filter["planId"] = s.plan
	var out struct{ OverdueTasks []overdueRow }
	s.must(`query($f: OverdueFilter!) { overdueTasks(filter: $f) { taskId evaluateeId unitName reportId reportState leadUnits { id name } } }`,
		map[string]any{"f": filter}, &out)
	return out.OverdueTasks
}

type overdueCountsJSON struct {
	Total       int
	ByEvaluatee []struct {
		ID, Name string
		Count    int
	}
	ByLeadUnit []struct {
		ID, Name string
		Count    int
	}
	JudgedOn time.Time
}

func (s *overduePlan) counts() overdueCountsJSON {
	s.t.Helper()
	var out struct{ OverdueCounts overdueCountsJSON }
	s.must(`query($p: ID!) { overdueCounts(filter: {planId: $p}) { total byEvaluatee { id name count } byLeadUnit { id name count } judgedOn } }`,
		map[string]any{"p": s.plan}, &out)
	return out.OverdueCounts
}

func (s *overduePlan) setClock(t time.Time) {
	s.today.mu.Lock()
	s.today.now = t
	s.today.mu.Unlock()
}

func TestOverdueBoardJudgesOnTheInjectedDate(t *testing.T) {
	t.Parallel()
	s := newOverduePlan(t)
	s.loginAs(auth.RoleLeader)

	// 10 July: June has passed. 甲区 completed task 1; 乙区 reported nothing.
	rows := s.board(map[string]any{})
	if len(rows) != 1 || rows[0].EvaluateeID != s.yi || rows[0].TaskID != s.t1 || rows[0].ReportID != nil {
		t.Fatalf("July board = %+v, want only 乙区's task 1 without a report", rows)
	}
	if len(rows[0].LeadUnits) != 1 || rows[0].LeadUnits[0].Name != "市督查局" {
		t.Errorf("lead units = %+v", rows[0].LeadUnits)
	}

	// 30 September 23:59 in Shanghai: September has not yet passed.
	s.setClock(time.Date(2024, 9, 30, 15, 59, 0, 0, time.UTC))
	if rows := s.board(map[string]any{}); len(rows) != 1 {
		t.Fatalf("last minute of September: %d rows, want 1", len(rows))
	}
	// 1 October 00:00 in Shanghai (still 30 September in UTC): task 2 is due
	// 明显成效; 甲区's 阶段性成效 falls short, 乙区 has nothing.
	s.setClock(time.Date(2024, 9, 30, 16, 0, 0, 0, time.UTC))
	rows = s.board(map[string]any{})
	if len(rows) != 3 {
		t.Fatalf("October board = %+v, want 3 rows", rows)
	}
	if rows[0].EvaluateeID != s.jia || rows[0].TaskID != s.t2 || rows[0].ReportState == nil || *rows[0].ReportState != "STAGED_RESULTS" || rows[0].ReportID == nil {
		t.Errorf("first row = %+v, want 甲区's task 2 with its 阶段性成效 report", rows[0])
	}

	// Filters: one evaluatee, one lead unit, a group with nobody in it.
	if got := s.board(map[string]any{"evaluateeId": s.yi}); len(got) != 2 {
		t.Errorf("乙区 only: %d rows, want 2", len(got))
	}
	if got := s.board(map[string]any{"leadUnitId": s.lead}); len(got) != 3 {
		t.Errorf("市督查局 only: %d rows, want 3", len(got))
	}
	if got := s.board(map[string]any{"group": "DEPARTMENTS"}); len(got) != 0 {
		t.Errorf("departments: %d rows, want 0", len(got))
	}

	c := s.counts()
	if c.Total != 3 || len(c.ByEvaluatee) != 2 || c.ByEvaluatee[0].Name != "乙区" || c.ByEvaluatee[0].Count != 2 ||
		c.ByEvaluatee[1].Count != 1 || len(c.ByLeadUnit) != 1 || c.ByLeadUnit[0].Count != 3 {
		t.Errorf("counts = %+v", c)
	}
	if n := s.statements.Load(); n != 2 {
		t.Errorf("overdueCounts ran %d statements, want 2 (the session and the board)", n)
	}
	if day := c.JudgedOn.In(time.FixedZone("CST", 8*3600)); day.Month() != time.October || day.Day() != 1 {
		t.Errorf("judged on %s, want 1 October in Shanghai", c.JudgedOn)
	}
}

func TestOverdueBoardScopesByRole(t *testing.T) {
	t.Parallel()
	s := newOverduePlan(t)
	s.setClock(time.Date(2024, 10, 8, 9, 0, 0, 0, time.UTC))

	for _, role := range []auth.Role{auth.RoleInspector, auth.RoleAnalyst, auth.RoleTaskForce} {
		s.loginAs(role)
		if rows := s.board(map[string]any{}); len(rows) != 3 {
			t.Errorf("%s sees %d rows, want all 3", role, len(rows))
		}
	}
	// A contact sees its own unit's only.
	s.login(s.mustUser("乙区", auth.RoleEvaluateeContact), testPassword)
	rows := s.board(map[string]any{})
	if len(rows) != 2 || rows[0].EvaluateeID != s.yi || rows[1].EvaluateeID != s.yi {
		t.Errorf("乙区's contact sees %+v", rows)
	}
	// A lead scorer sees the tasks its unit leads; another unit's scorer none.
	s.login(s.mustUser("市督查局", auth.RoleLeadScorer), testPassword)
	if rows := s.board(map[string]any{}); len(rows) != 3 {
		t.Errorf("the lead unit's scorer sees %d rows, want 3", len(rows))
	}
	s.login(s.mustUser("甲区", auth.RoleLeadScorer), testPassword)
	if rows := s.board(map[string]any{}); len(rows) != 0 {
		t.Errorf("another unit's scorer sees %d rows, want 0", len(rows))
	}
	// An auditor may not read the board.
	s.loginAs(auth.RoleAuditor)
	if errs := s.do(`query($p: ID!) { overdueCounts(filter: {planId: $p}) { total } }`, map[string]any{"p": s.plan}, nil); len(errs) == 0 {
		t.Error("an auditor read the 督办 counts")
	}
}

// TestOverdueBoardExportsToXlsx: the board's .xlsx (issue 11) has the rows
// the API lists on the same injected day, and the counts per evaluatee and
// lead unit, as numbers; the page's filters narrow it the same way.
func TestOverdueBoardExportsToXlsx(t *testing.T) {
	t.Parallel()
	s := newOverduePlan(t)
	s.setClock(time.Date(2024, 10, 8, 9, 0, 0, 0, time.UTC))
	s.loginAs(auth.RoleLeader)
	rows := s.board(map[string]any{})
	if len(rows) < 2 {
		t.Fatalf("October board = %d rows, want 乙区's two tasks and 甲区's task 2", len(rows))
	}
	open := func(query string) *excelize.File {
		t.Helper()
		status, body := s.get("/files/overdue.xlsx?" + query)
		if status != http.StatusOK {
			t.Fatalf("export %s: %d %s", query, status, body)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	f := open("planId=" + s.plan)
	list, err := f.GetRows("逾期任务")
	if err != nil {
		t.Fatal(err)
	}
	// Title, note, header, then one row per overdue task in the board's order.
	if len(list) != 3+len(rows) || list[2][0] != "考评对象" || !strings.Contains(list[1][0], "2024-10-08") {
		t.Fatalf("sheet 逾期任务 = %q", list)
	}
	for i, r := range rows {
		got := list[3+i]
		if got[0] != r.UnitName || got[7] != "市督查局" {
			t.Errorf("row %d = %q, API says %s led by 市督查局", i, got, r.UnitName)
		}
	}
	counts := s.counts()
	byEvaluatee, err := f.GetRows("按考评对象")
	if err != nil {
		t.Fatal(err)
	}
	if len(byEvaluatee) != 3+len(counts.ByEvaluatee) {
		t.Fatalf("sheet 按考评对象 = %q, API counts %+v", byEvaluatee, counts.ByEvaluatee)
	}
	for i, c := range counts.ByEvaluatee {
		cell, _ := excelize.CoordinatesToCellName(2, 4+i)
		typ, err := f.GetCellType("按考评对象", cell)
		if err != nil {
			t.Fatal(err)
		}
		if byEvaluatee[3+i][0] != c.Name || byEvaluatee[3+i][1] != strconv.Itoa(c.Count) || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("count row %d = %q (%v), API says %s %d as a number", i, byEvaluatee[3+i], typ, c.Name, c.Count)
		}
	}
	byLead, err := f.GetRows("按牵头单位")
	if err != nil {
		t.Fatal(err)
	}
	if len(byLead) != 4 || byLead[3][0] != "市督查局" || byLead[3][1] != strconv.Itoa(len(rows)) {
		t.Errorf("sheet 按牵头单位 = %q, want 市督查局 with %d", byLead, len(rows))
	}

	// Filtered to 甲区, as the page's filter.
	jia, err := open("planId=" + s.plan + "&evaluateeId=" + s.jia).GetRows("逾期任务")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range jia[3:] {
		if r[0] != "甲区" {
			t.Errorf("filtered to 甲区, row %q", r)
		}
	}
	if len(jia) != 3+len(s.board(map[string]any{"evaluateeId": s.jia})) {
		t.Errorf("filtered sheet = %q", jia)
	}
	// Bad input says which parameter.
	if status, body := s.get("/files/overdue.xlsx?planId=x"); status != http.StatusBadRequest || !strings.Contains(string(body), "planId") {
		t.Errorf("planId=x: %d %s", status, body)
	}
}
