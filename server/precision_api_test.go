package main

import (
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// Issue 7, defect 3: the 民意调查 import accepts weights with up to six
// decimals; they are stored as imported, and the weighted mean uses them:
// (0.333333 × 90 + 0.666667 × 85) / 1 = 86.666665 → 86.67 (with weights
// rounded to 0.33 and 0.67 it would be 86.65).
func TestSourceWeightsKeepWhatTheImportAccepts(t *testing.T) {
	h := newHalfYear(t)
	h.move("OPEN", "")
	csv := "考评对象,来源,分值,权重\n甲区,调查A,90,0.333333\n甲区,调查B,85,0.666667\n"
	var out struct {
		ImportSourceValues struct {
			Written bool
			Errors  []struct {
				Row     int
				Message string
			}
		}
	}
	h.upload(`mutation($f: Upload!, $p: ID!) { importSourceValues(input: {periodId: $p, method: PUBLIC_OPINION, file: $f, dryRun: false}) { written errors { row message } } }`,
		map[string]any{"f": nil, "p": h.period}, "variables.f", "民调.csv", []byte(csv), &out)
	if !out.ImportSourceValues.Written || len(out.ImportSourceValues.Errors) > 0 {
		t.Fatalf("import = %+v", out.ImportSourceValues)
	}
	var vals struct {
		SourceValues []struct{ Source, Weight string }
	}
	h.must(`query($p: ID!) { sourceValues(periodId: $p, method: PUBLIC_OPINION) { source weight } }`, map[string]any{"p": h.period}, &vals)
	want := map[string]string{"调查A": "0.333333", "调查B": "0.666667"}
	for _, v := range vals.SourceValues {
		if v.Weight != want[v.Source] {
			t.Errorf("%s: stored weight %s, imported %s", v.Source, v.Weight, want[v.Source])
		}
	}
	h.loginAs(auth.RoleLeader)
	for _, row := range h.ranking("DISTRICTS").Ranking.Rows {
		for _, c := range row.Components {
			if c.Method != "PUBLIC_OPINION" {
				continue
			}
			if c.Value == nil || *c.Value != "86.67" {
				got := "missing"
				if c.Value != nil {
					got = *c.Value
				}
				t.Errorf("民意调查 of 甲区 = %s, want 86.67", got)
			}
		}
	}
}

// Issue 7, defect 2 through the API: 1 point over 7 tasks is 1/7 each; the
// sheet offers 0.14 as 满分, 0.15 is refused, and an evaluatee scored 0.14
// on all seven has 日常监测 100 (0.98 if 0.14 counted as entered).
func TestFullMarksOnASharePointThatRoundsDown(t *testing.T) {
	a := newAnonymousAPI(t, false)
	a.loginAs(auth.RoleAdmin)
	var u struct{ CreateUnit struct{ ID string } }
	a.must(`mutation { createUnit(input: {name: "市一局", kind: DEPARTMENT, sortKey: 1}) { id } }`, nil, &u)
	lead := u.CreateUnit.ID
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
	a.must(`mutation { createPlan(input: {name: "七分之一", year: 2024}) { id periods { id version } } }`, nil, &plan)
	period := plan.CreatePlan.Periods[0]
	var dim struct{ CreateDimension struct{ ID string } }
	a.must(`mutation($p: ID!) { createDimension(input: {planId: $p, number: 1, name: "方面", points: "1"}) { id } }`, map[string]any{"p": plan.CreatePlan.ID}, &dim)
	var ind struct{ CreateIndicator struct{ ID string } }
	a.must(`mutation($d: ID!) { createIndicator(input: {dimensionId: $d, number: 1, name: "指标", points: "1"}) { id } }`, map[string]any{"d": dim.CreateDimension.ID}, &ind)
	var tasks []string
	for n := 1; n <= 7; n++ {
		var tk struct{ CreateTask struct{ ID string } }
		a.must(`mutation($i: ID!, $n: Int!, $l: [ID!]!) { createTask(input: {indicatorId: $i, number: $n, text: "任务", deadline: {phrase: "6月底完成", continuing: false}, leadUnitIds: $l}) { id } }`,
			map[string]any{"i": ind.CreateIndicator.ID, "n": n, "l": []string{lead}}, &tk)
		tasks = append(tasks, tk.CreateTask.ID)
	}
	var ev struct{ CreateEvaluatee struct{ ID string } }
	a.must(`mutation($p: ID!, $u: ID!) { createEvaluatee(input: {planId: $p, unitId: $u, group: DEPARTMENTS}) { id } }`,
		map[string]any{"p": plan.CreatePlan.ID, "u": lead}, &ev)
	for _, tk := range tasks {
		a.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
			map[string]any{"t": tk, "e": []string{ev.CreateEvaluatee.ID}}, nil)
	}
	a.must(`mutation($p: ID!, $v: Int!) { movePeriod(input: {periodId: $p, version: $v, to: OPEN}) { version } }`,
		map[string]any{"p": period.ID, "v": period.Version}, nil)

	a.login(a.mustUser("市一局", auth.RoleLeadScorer), testPassword)
	var sheet struct {
		ScoreSheet struct {
			Cells []struct{ TaskID, MaxPoints string }
		}
	}
	a.must(`query($p: ID!) { scoreSheet(periodId: $p) { cells { taskId maxPoints } } }`, map[string]any{"p": period.ID}, &sheet)
	if len(sheet.ScoreSheet.Cells) != 7 {
		t.Fatalf("sheet has %d cells, want 7", len(sheet.ScoreSheet.Cells))
	}
	for _, c := range sheet.ScoreSheet.Cells {
		if c.MaxPoints != "0.14" {
			t.Errorf("maxPoints of a 1/7 task = %s, want 0.14", c.MaxPoints)
		}
	}
	save := func(value string) []gqlError {
		var entries []map[string]any
		for _, tk := range tasks {
			entries = append(entries, map[string]any{"evaluateeId": ev.CreateEvaluatee.ID, "taskId": tk, "value": value, "comment": "", "version": 0})
		}
		return a.do(`mutation($p: ID!, $e: [ScoreEntryInput!]!) { saveScores(input: {periodId: $p, entries: $e, submit: true}) { id } }`,
			map[string]any{"p": period.ID, "e": entries}, nil)
	}
	if errs := save("0.15"); codeOf(errs) != "INVALID" {
		t.Errorf("0.15 on a 1/7 task: %+v, want INVALID", errs)
	}
	if errs := save("0.14"); len(errs) > 0 {
		t.Fatalf("0.14 on a 1/7 task: %+v", errs)
	}
	a.loginAs(auth.RoleLeader)
	var out rankingJSON
	a.must(`query($p: ID!) { ranking(periodId: $p, group: DEPARTMENTS) { preview rows { rank score evaluatee { id } components { method value } missingScores } } }`,
		map[string]any{"p": period.ID}, &out)
	if len(out.Ranking.Rows) != 1 {
		t.Fatalf("ranking = %+v", out.Ranking)
	}
	for _, c := range out.Ranking.Rows[0].Components {
		if c.Method == "DAILY_MONITORING" && (c.Value == nil || *c.Value != "100") {
			got := "missing"
			if c.Value != nil {
				got = *c.Value
			}
			t.Errorf("日常监测 with every 1/7 task at 0.14 = %s, want 100", got)
		}
	}
}
