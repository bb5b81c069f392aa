package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/server/auth"
)

// halfYear is a small plan built through the API, small enough to compute
// by hand:
//
//	D1 (60): indicator 60: A (30, led by U1), B (30, led by U1)
//	D2 (40): indicator 40: C (40, led by U1 and U2)
//	E1 (district 甲区) carries A, B, C; E2 (department 市乙局) carries A, C.
type halfYear struct {
	*api
	plan, period          string
	periodVersion         int
	tasks                 map[string]string // A, B, C → id
	e1, e2                string
	scorer1, scorer2, tf2 string
}

func newHalfYear(t *testing.T) *halfYear {
	a := newAnonymousAPI(t, false)
	h := &halfYear{api: a, tasks: map[string]string{}}
	a.loginAs(auth.RoleAdmin)
	unit := func(name, kind string, sortKey int) string {
		var out struct{ CreateUnit struct{ ID string } }
		a.must(`mutation($n: String!, $k: UnitKind!, $s: Int!) { createUnit(input: {name: $n, kind: $k, sortKey: $s}) { id } }`,
			map[string]any{"n": name, "k": kind, "s": sortKey}, &out)
		return out.CreateUnit.ID
	}
	u1, u2 := unit("市一局", "DEPARTMENT", 30), unit("市二局", "DEPARTMENT", 40)
	district, dept := unit("甲区", "DISTRICT", 10), unit("市乙局", "DEPARTMENT", 20)

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
	a.must(`mutation { createPlan(input: {name: "手算方案", year: 2024}) { id periods { id version } } }`, nil, &plan)
	h.plan, h.period, h.periodVersion = plan.CreatePlan.ID, plan.CreatePlan.Periods[0].ID, plan.CreatePlan.Periods[0].Version
	dimension := func(n int, points string) string {
		var d struct{ CreateDimension struct{ ID string } }
		a.must(`mutation($p: ID!, $n: Int!, $pts: Decimal!) { createDimension(input: {planId: $p, number: $n, name: "方面", points: $pts}) { id } }`,
			map[string]any{"p": h.plan, "n": n, "pts": points}, &d)
		var i struct{ CreateIndicator struct{ ID string } }
		a.must(`mutation($d: ID!, $pts: Decimal!) { createIndicator(input: {dimensionId: $d, number: 1, name: "指标", points: $pts}) { id } }`,
			map[string]any{"d": d.CreateDimension.ID, "pts": points}, &i)
		return i.CreateIndicator.ID
	}
	task := func(name, indicator string, number int, points string, leads ...string) {
		var out struct{ CreateTask struct{ ID string } }
		a.must(`mutation($i: ID!, $n: Int!, $t: String!, $p: Decimal, $l: [ID!]!) { createTask(input: {indicatorId: $i, number: $n, text: $t, points: $p, deadline: {phrase: "6月底完成", continuing: false}, leadUnitIds: $l}) { id } }`,
			map[string]any{"i": indicator, "n": number, "t": "任务" + name, "p": points, "l": leads}, &out)
		h.tasks[name] = out.CreateTask.ID
	}
	i1, i2 := dimension(1, "60"), dimension(2, "40")
	task("A", i1, 1, "30", u1)
	task("B", i1, 2, "30", u1)
	task("C", i2, 3, "40", u1, u2)
	evaluatee := func(unit, group string) string {
		var out struct{ CreateEvaluatee struct{ ID string } }
		a.must(`mutation($p: ID!, $u: ID!, $g: RankingGroup!) { createEvaluatee(input: {planId: $p, unitId: $u, group: $g}) { id } }`,
			map[string]any{"p": h.plan, "u": unit, "g": group}, &out)
		return out.CreateEvaluatee.ID
	}
	h.e1, h.e2 = evaluatee(district, "DISTRICTS"), evaluatee(dept, "DEPARTMENTS")
	assign := func(task string, evs ...string) {
		a.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
			map[string]any{"t": h.tasks[task], "e": evs}, nil)
	}
	assign("A", h.e1, h.e2)
	assign("B", h.e1)
	assign("C", h.e1, h.e2)
	h.scorer1, h.scorer2 = a.mustUser("市一局", auth.RoleLeadScorer), a.mustUser("市二局", auth.RoleLeadScorer)
	h.tf2 = a.mustUser("甲区", auth.RoleTaskForce)
	return h
}

func (h *halfYear) move(to, reason string) []gqlError {
	var out struct{ MovePeriod struct{ Version int } }
	errs := h.do(`mutation($p: ID!, $v: Int!, $to: PeriodState!, $r: String) { movePeriod(input: {periodId: $p, version: $v, to: $to, reason: $r}) { version } }`,
		map[string]any{"p": h.period, "v": h.periodVersion, "to": to, "r": reason}, &out)
	if len(errs) == 0 {
		h.periodVersion = out.MovePeriod.Version
	}
	return errs
}

type entry struct {
	e, task, value, comment string
	version                 int
}

func (h *halfYear) save(submit bool, entries ...entry) []gqlError {
	var in []map[string]any
	for _, e := range entries {
		in = append(in, map[string]any{"evaluateeId": e.e, "taskId": h.tasks[e.task], "value": e.value, "comment": e.comment, "version": e.version})
	}
	return h.do(`mutation($p: ID!, $e: [ScoreEntryInput!]!, $s: Boolean!) { saveScores(input: {periodId: $p, entries: $e, submit: $s}) { id } }`,
		map[string]any{"p": h.period, "e": in, "s": submit}, nil)
}

type queued struct {
	ID       string
	Version  int
	Value    string
	TaskID   string
	LeadUnit struct{ Name string }
	Flags    []struct{ Rule string }
}

func (h *halfYear) queue() []queued {
	var out struct{ VerificationQueue []queued }
	h.must(`query($p: ID!) { verificationQueue(periodId: $p) { id version value taskId leadUnit { name } flags { rule } } }`, map[string]any{"p": h.period}, &out)
	return out.VerificationQueue
}

func (h *halfYear) acceptAll() {
	var items []map[string]any
	for _, q := range h.queue() {
		items = append(items, acceptItem(q.ID, q.Version, len(q.Flags) > 0))
	}
	h.must(`mutation($i: [VerifyItemInput!]!) { verifyScores(input: {items: $i}) { id } }`, map[string]any{"i": items}, nil)
}

type rankingJSON struct {
	Ranking struct {
		Preview bool
		Rows    []struct {
			Rank       int
			Score      *string
			Evaluatee  struct{ ID string }
			Components []struct {
				Method string
				Value  *string
			}
			MissingScores int
		}
	}
}

func (h *halfYear) ranking(group string) rankingJSON {
	var out rankingJSON
	h.must(`query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { preview rows { rank score evaluatee { id } components { method value } missingScores } } }`,
		map[string]any{"p": h.period, "g": group}, &out)
	return out
}

// acceptItem accepts a score; a flagged one needs a confirming note.
func acceptItem(id string, version int, flagged bool) map[string]any {
	item := map[string]any{"scoreId": id, "version": version, "action": "ACCEPT"}
	if flagged {
		item["reason"] = "已核对进展报送与佐证材料"
	}
	return item
}

// scoreAndVerify runs the entry and verification of the hand-computed case.
func (h *halfYear) scoreAndVerify(t *testing.T) {
	h.login(h.scorer1, testPassword)
	if errs := h.save(true,
		entry{h.e1, "A", "27", "", 0}, entry{h.e2, "A", "15", "完成一半", 0},
		entry{h.e1, "B", "24", "", 0},
		entry{h.e1, "C", "36", "", 0}, entry{h.e2, "C", "20", "", 0}); len(errs) > 0 {
		t.Fatalf("scorer 1: %+v", errs)
	}
	h.login(h.scorer2, testPassword)
	if errs := h.save(true, entry{h.e1, "C", "38", "", 0}, entry{h.e2, "C", "22", "", 0}); len(errs) > 0 {
		t.Fatalf("scorer 2: %+v", errs)
	}
	h.loginAs(auth.RoleTaskForce)
	h.acceptAll()
}

// Not parallel: in one run of the whole package with -parallel 4 on a heavily
// loaded machine it published something other than 87.25 (the message now
// shows the value); it passed alone and in parallel reruns. Until the cause
// is known it runs alone, before the parallel tests.
func TestHalfYearMatchesHandCalculation(t *testing.T) {
	h := newHalfYear(t)
	if errs := h.move("OPEN", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	h.scoreAndVerify(t)
	// 民意调查 and 第三方评估 for 甲区 only, from a CSV and an .xlsx.
	csv := "考评对象,来源,分值\n甲区,市民满意度调查,80\n"
	var imp struct {
		ImportSourceValues struct {
			Written bool
			Errors  []struct {
				Row     int
				Message string
			}
		}
	}
	if errs := h.upload(`mutation($f: Upload!, $p: ID!) { importSourceValues(input: {periodId: $p, method: PUBLIC_OPINION, file: $f, dryRun: false}) { written errors { row message } } }`,
		map[string]any{"f": nil, "p": h.period}, "variables.f", "民调.csv", []byte(csv), &imp); len(errs) > 0 || !imp.ImportSourceValues.Written {
		t.Fatalf("import PO: %+v %+v", errs, imp)
	}
	csv = "考评对象,来源,分值,权重\n甲区,评估机构甲,95,1\n甲区,评估机构乙,85,1\n"
	h.upload(`mutation($f: Upload!, $p: ID!) { importSourceValues(input: {periodId: $p, method: THIRD_PARTY, file: $f, dryRun: false}) { written } }`,
		map[string]any{"f": nil, "p": h.period}, "variables.f", "评估.csv", []byte(csv), nil)

	// Preview: everything verified, nothing missing yet not frozen.
	r := h.ranking("DISTRICTS")
	if !r.Ranking.Preview {
		t.Error("ranking of an open period is not marked preview")
	}
	for _, to := range []string{"REVIEW", "PUBLICITY"} {
		if errs := h.move(to, ""); len(errs) > 0 {
			t.Fatalf("move to %s: %+v", to, errs)
		}
	}
	// 甲区: D1 = 60 × (27+24)/60 = 51; C = (36+38)/2 = 37 → D2 = 37;
	// DM = 100 × (51+37)/100 = 88; FV missing; PO 80; TP (95+85)/2 = 90;
	// H = (60×88 + 10×80 + 10×90) / 80 = 87.25 (REDISTRIBUTE).
	r = h.ranking("DISTRICTS")
	if r.Ranking.Preview || len(r.Ranking.Rows) != 1 || r.Ranking.Rows[0].Score == nil || *r.Ranking.Rows[0].Score != "87.25" {
		score := "<nil>"
		if len(r.Ranking.Rows) == 1 && r.Ranking.Rows[0].Score != nil {
			score = *r.Ranking.Rows[0].Score
		}
		t.Fatalf("甲区 = %s (%+v), want 87.25 published", score, r.Ranking)
	}
	want := map[string]string{"DAILY_MONITORING": "88", "PUBLIC_OPINION": "80", "THIRD_PARTY": "90"}
	for _, c := range r.Ranking.Rows[0].Components {
		if got := deref(c.Value); got != want[c.Method] {
			t.Errorf("%s = %q, want %q", c.Method, got, want[c.Method])
		}
	}
	// 市乙局 carries A and C: D1 = 60 × 15/30 = 30; D2 = 40 × 21/40 = 21;
	// DM = 100 × 51/100 = 51; no other component: H = 51.
	r = h.ranking("DEPARTMENTS")
	if *r.Ranking.Rows[0].Score != "51" {
		t.Errorf("市乙局 = %v, want 51", *r.Ranking.Rows[0].Score)
	}

	// The breakdown explains 87.25 down to who entered and verified task C.
	var b struct {
		Breakdown struct {
			Score string
			Steps []struct{ Label, Detail, LabelEn, FormulaEn, DetailEn string }
			Tasks []struct {
				Number int
				Score  string
				Scores []struct {
					LeadUnitName, Value, EnteredBy string
					VerifiedBy                     *string
				}
			}
		}
	}
	h.loginAs(auth.RoleLeader)
	h.must(`query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { score steps { label detail labelEn formulaEn detailEn } tasks { number score scores { leadUnitName value enteredBy verifiedBy } } } }`,
		map[string]any{"p": h.period, "e": h.e1}, &b)
	if b.Breakdown.Score != "87.25" || len(b.Breakdown.Tasks) != 3 || len(b.Breakdown.Steps) == 0 {
		t.Fatalf("breakdown = %+v", b.Breakdown)
	}
	// Every step has its English, numbers and all (issue 13); the imported
	// source names are data and stay as imported.
	sources := strings.NewReplacer("市民满意度调查", "", "评估机构甲", "", "评估机构乙", "")
	for _, s := range b.Breakdown.Steps {
		if s.LabelEn == "" || s.FormulaEn == "" || s.DetailEn == "" || cjk.MatchString(s.LabelEn+s.FormulaEn+sources.Replace(s.DetailEn)) {
			t.Errorf("step %q in English = %q / %q / %q", s.Label, s.LabelEn, s.FormulaEn, s.DetailEn)
		}
	}
	c := b.Breakdown.Tasks[2]
	if c.Number != 3 || c.Score != "37" || len(c.Scores) != 2 || c.Scores[0].EnteredBy == "" || c.Scores[0].VerifiedBy == nil || *c.Scores[0].VerifiedBy == c.Scores[0].EnteredBy {
		t.Errorf("task C = %+v", c)
	}

	// Published results are frozen: changing the plan does not change them.
	h.loginAs(auth.RoleTaskForce)
	var ind struct {
		Plan struct {
			Dimensions []struct {
				ID      string
				Version int
			}
		}
	}
	h.must(`query($p: ID!) { plan(id: $p) { dimensions { id version } } }`, map[string]any{"p": h.plan}, &ind)
	h.must(`mutation($id: ID!, $v: Int!) { updateDimension(input: {id: $id, version: $v, number: 1, name: "改名", points: "10"}) { id } }`,
		map[string]any{"id": ind.Plan.Dimensions[0].ID, "v": ind.Plan.Dimensions[0].Version}, nil)
	if r := h.ranking("DISTRICTS"); *r.Ranking.Rows[0].Score != "87.25" {
		t.Errorf("published 甲区 changed to %v after a plan edit", *r.Ranking.Rows[0].Score)
	}
	// Locked: no score may change; reopening needs a reason.
	if errs := h.move("PUBLISHED", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	h.login(h.scorer1, testPassword)
	if errs := h.save(false, entry{h.e1, "A", "30", "", 2}); codeOf(errs) != "INVALID" || !strings.Contains(errs[0].Message, "发布") {
		t.Errorf("saving into a published period: %+v", errs)
	}
	h.loginAs(auth.RoleTaskForce)
	if errs := h.move("REVIEW", ""); codeOf(errs) != "INVALID" {
		t.Errorf("reopening without a reason: %+v", errs)
	}
	if errs := h.move("REVIEW", "市委要求复核昆都仑区得分"); len(errs) > 0 {
		t.Errorf("reopening with a reason: %+v", errs)
	}
	if r := h.ranking("DISTRICTS"); !r.Ranking.Preview {
		t.Error("a reopened period still shows the old publication")
	}
	var n int
	if err := h.st.DB.NewRaw(`SELECT count(*) FROM period_events WHERE reason = '市委要求复核昆都仑区得分'`).Scan(context.Background(), &n); err != nil || n != 1 {
		t.Errorf("reopening reason kept %d times (err %v)", n, err)
	}
}

func TestPublicationNeedsEveryScoreVerified(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	h.login(h.scorer1, testPassword)
	h.save(true, entry{h.e1, "A", "27", "", 0})
	h.loginAs(auth.RoleTaskForce)
	h.move("REVIEW", "")
	errs := h.move("PUBLICITY", "")
	if codeOf(errs) != "INVALID" || !strings.Contains(errs[0].Message, "未经专班核实") {
		t.Errorf("publishing with missing scores: %+v", errs)
	}
}

func TestScoreEntryRules(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	h.login(h.scorer2, testPassword)
	cases := []struct {
		name  string
		entry entry
		rule  string
	}{
		{"above the task's points", entry{h.e1, "C", "40.5", "", 0}, "dlte"},
		{"three decimals", entry{h.e1, "C", "30.125", "", 0}, "dplaces"},
		{"below half without a comment", entry{h.e1, "C", "19.99", "", 0}, "comment"},
		{"a task the unit does not lead", entry{h.e1, "A", "20", "", 0}, "scope"},
		{"a task the evaluatee does not carry", entry{h.e2, "B", "20", "", 0}, "scope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A valid cell beside the bad one: nothing is saved.
			errs := h.save(false, entry{h.e2, "C", "30", "", 0}, tc.entry)
			if codeOf(errs) != "INVALID" {
				t.Fatalf("errors = %+v", errs)
			}
			if f, rule, zh, _ := fieldOf(errs[0]); !strings.HasPrefix(f, "input.entries[1]") || rule != tc.rule || zh == "" {
				t.Errorf("field error %q %q %q", f, rule, zh)
			}
		})
	}
	var sheet struct {
		ScoreSheet struct {
			Cells []struct{ Score *struct{ ID string } }
		}
	}
	h.must(`query($p: ID!) { scoreSheet(periodId: $p) { cells { score { id } } } }`, map[string]any{"p": h.period}, &sheet)
	for _, c := range sheet.ScoreSheet.Cells {
		if c.Score != nil {
			t.Error("a rejected save wrote a score")
		}
	}
	if errs := h.save(false, entry{h.e1, "C", "19.99", "未见佐证材料", 0}); len(errs) > 0 {
		t.Errorf("a low score with a comment: %+v", errs)
	}
}

// TestSavingScoresChecksOnlyTheSubmittedCells: a save validates the cells it
// writes in one query instead of loading the unit's sheet, so one cell and
// three cost the same statements, and a cell outside the plan, or the same
// cell twice, is refused by name.
func TestSavingScoresChecksOnlyTheSubmittedCells(t *testing.T) {
	h := newHalfYear(t)
	h.move("OPEN", "")
	h.login(h.scorer1, testPassword)
	if errs := h.save(false, entry{h.e1, "A", "30", "", 0}); len(errs) > 0 {
		t.Fatalf("save one cell: %+v", errs)
	}
	one := h.statements.Load()
	if errs := h.save(false, entry{h.e1, "B", "30", "", 0}, entry{h.e2, "A", "30", "", 0}, entry{h.e2, "C", "40", "", 0}); len(errs) > 0 {
		t.Fatalf("save three cells: %+v", errs)
	}
	if three := h.statements.Load(); three != one {
		t.Errorf("saving 1 cell took %d statements, 3 cells %d: the save grows with its size", one, three)
	}
	if one > 12 {
		t.Errorf("saving 1 cell took %d statements, want at most 12", one)
	}

	h.tasks["X"] = "999999" // no such task, in this plan or any other
	for _, tc := range []struct {
		name    string
		entries []entry
		rule    string
	}{
		{"a task outside the plan", []entry{{h.e1, "C", "40", "", 0}, {h.e1, "X", "1", "", 0}}, "scope"},
		{"the same cell twice", []entry{{h.e1, "C", "40", "", 0}, {h.e1, "C", "39", "", 0}}, "unique"},
	} {
		errs := h.save(false, tc.entries...)
		if codeOf(errs) != "INVALID" {
			t.Fatalf("%s: errors = %+v", tc.name, errs)
		}
		if f, rule, _, _ := fieldOf(errs[0]); !strings.HasPrefix(f, "input.entries[1]") || rule != tc.rule {
			t.Errorf("%s: field error %q %q, want input.entries[1] %s", tc.name, f, rule, tc.rule)
		}
	}
	var sheet struct {
		ScoreSheet struct {
			Cells []struct {
				EvaluateeID, TaskID string
				Score               *struct{ Value string }
			}
		}
	}
	h.must(`query($p: ID!) { scoreSheet(periodId: $p) { cells { evaluateeId taskId score { value } } } }`, map[string]any{"p": h.period}, &sheet)
	for _, c := range sheet.ScoreSheet.Cells {
		if c.EvaluateeID == h.e1 && c.TaskID == h.tasks["C"] && c.Score != nil {
			t.Errorf("a refused save wrote %s for 甲区's task C", c.Score.Value)
		}
	}
}

func TestConcurrentScoreWritersOneConflicts(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	second := newAnonymousAPIOn(t, h.api)
	h.login(h.scorer1, testPassword)
	second.login(h.scorer1, testPassword)
	var wg sync.WaitGroup
	results := make([][]gqlError, 2)
	for i, a := range []*api{h.api, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var in []map[string]any
			in = append(in, map[string]any{"evaluateeId": h.e1, "taskId": h.tasks["A"], "value": fmt.Sprint(20 + i), "comment": "", "version": 0})
			results[i] = a.do(`mutation($p: ID!, $e: [ScoreEntryInput!]!) { saveScores(input: {periodId: $p, entries: $e, submit: false}) { id } }`,
				map[string]any{"p": h.period, "e": in}, nil)
		}()
	}
	wg.Wait()
	codes := codeOf(results[0]) + "|" + codeOf(results[1])
	if codes != "|CONFLICT" && codes != "CONFLICT|" {
		t.Fatalf("two writers of a new cell: %q, want one CONFLICT", codes)
	}
	loser := results[0]
	if codeOf(loser) == "" {
		loser = results[1]
	}
	current, _ := loser[0].Extensions["current"].([]any)
	if len(current) != 1 || current[0].(map[string]any)["value"] == nil || current[0].(map[string]any)["enteredBy"] == nil {
		t.Errorf("conflict carries %v, want the winner's score", loser[0].Extensions["current"])
	}
	// The history has exactly the winner's save.
	var n int
	if err := h.st.DB.NewRaw(`SELECT count(*) FROM score_history`).Scan(context.Background(), &n); err != nil || n != 1 {
		t.Errorf("history rows = %d, want 1", n)
	}
}

func TestNobodyVerifiesTheirOwnScore(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	both := h.mustUser("市一局", auth.RoleLeadScorer, auth.RoleTaskForce)
	h.login(both, testPassword)
	if errs := h.save(true, entry{h.e1, "A", "27", "", 0}); len(errs) > 0 {
		t.Fatal(errs)
	}
	q := h.queue()
	errs := h.do(`mutation($i: ID!, $v: Int!) { verifyScores(input: {items: [{scoreId: $i, version: $v, action: ACCEPT}]}) { id } }`,
		map[string]any{"i": q[0].ID, "v": q[0].Version}, nil)
	if codeOf(errs) != "FORBIDDEN" {
		t.Errorf("verifying one's own score: %+v", errs)
	}
	h.login(h.tf2, testPassword)
	// A return needs a reason; an adjustment a value and a reason.
	if errs := h.do(`mutation($i: ID!, $v: Int!) { verifyScores(input: {items: [{scoreId: $i, version: $v, action: RETURN}]}) { id } }`,
		map[string]any{"i": q[0].ID, "v": q[0].Version}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("return without reason: %+v", errs)
	}
	var adj struct {
		VerifyScores []struct {
			Value, OriginalValue, Status string
			History                      []struct{ Action string }
		}
	}
	h.must(`mutation($i: ID!, $v: Int!) { verifyScores(input: {items: [{scoreId: $i, version: $v, action: ADJUST, value: "25", reason: "佐证不足"}]}) { value originalValue status history { action } } }`,
		map[string]any{"i": q[0].ID, "v": q[0].Version}, &adj)
	s := adj.VerifyScores[0]
	if s.Value != "25" || s.OriginalValue != "27" || s.Status != "VERIFIED" || len(s.History) != 2 || s.History[1].Action != "ADJUST" {
		t.Errorf("adjusted score = %+v", s)
	}
}

func TestEvidenceUploadAndDownloadScope(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	contact := h.mustUser("甲区", auth.RoleEvaluateeContact)
	h.login(contact, testPassword)
	var rep struct{ SaveProgressReport struct{ ID string } }
	h.must(`mutation($p: ID!, $e: ID!, $t: ID!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: COMPLETED, narrative: "已完成", version: 0}) { id } }`,
		map[string]any{"p": h.period, "e": h.e1, "t": h.tasks["A"]}, &rep)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
	var up struct {
		UploadEvidence struct{ URL, ContentType, Sha256 string }
	}
	if errs := h.upload(`mutation($r: ID!, $f: Upload!) { uploadEvidence(reportId: $r, file: $f) { url contentType sha256 } }`,
		map[string]any{"r": rep.SaveProgressReport.ID, "f": nil}, "variables.f", "现场照片.pdf", png, &up); len(errs) > 0 {
		t.Fatal(errs)
	}
	if up.UploadEvidence.ContentType != "image/png" || len(up.UploadEvidence.Sha256) != 64 {
		t.Errorf("evidence = %+v: type must come from the content, not the name", up.UploadEvidence)
	}
	exe := append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{1}, 64)...)
	if errs := h.upload(`mutation($r: ID!, $f: Upload!) { uploadEvidence(reportId: $r, file: $f) { url } }`,
		map[string]any{"r": rep.SaveProgressReport.ID, "f": nil}, "variables.f", "报告.pdf", exe, nil); codeOf(errs) != "INVALID" {
		t.Errorf("an executable named .pdf: %+v", errs)
	}
	get := func(a *api) int {
		resp, err := a.client.Get(h.srv.URL + up.UploadEvidence.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 && !bytes.Equal(body, png) {
			t.Error("downloaded bytes differ from the upload")
		}
		return resp.StatusCode
	}
	if code := get(h.api); code != 200 {
		t.Errorf("own contact download: %d", code)
	}
	other := newAnonymousAPIOn(t, h.api)
	other.login(other.mustUser("市乙局", auth.RoleEvaluateeContact), testPassword)
	if code := get(other); code != 404 {
		t.Errorf("another unit's contact: %d, want 404", code)
	}
	other.login(h.scorer1, testPassword) // 市一局 leads task A
	if code := get(other); code != 200 {
		t.Errorf("lead unit of the task: %d, want 200", code)
	}
	other.login(h.scorer2, testPassword) // 市二局 does not lead task A
	if code := get(other); code != 404 {
		t.Errorf("lead unit of another task: %d, want 404", code)
	}
	// A session that must first change its password downloads nothing.
	restricted := newAnonymousAPIOn(t, h.api)
	name := restricted.mustUser("甲区", auth.RoleEvaluateeContact)
	if _, err := h.st.DB.ExecContext(t.Context(), `UPDATE users SET must_change_password = true WHERE username = ?`, name); err != nil {
		t.Fatal(err)
	}
	restricted.login(name, testPassword)
	if code := get(restricted); code != http.StatusForbidden {
		t.Errorf("restricted session: %d, want 403", code)
	}
	// Reports of another unit cannot be written.
	other.login(other.mustUser("市乙局", auth.RoleEvaluateeContact), testPassword)
	if errs := other.do(`mutation($p: ID!, $e: ID!, $t: ID!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: COMPLETED, narrative: "x", version: 1}) { id } }`,
		map[string]any{"p": h.period, "e": h.e1, "t": h.tasks["A"]}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("writing another unit's report: %+v", errs)
	}
}

func TestContactSeesOnlyOwnResultsFromPublicity(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	contact := newAnonymousAPIOn(t, h.api)
	contact.login(contact.mustUser("甲区", auth.RoleEvaluateeContact), testPassword)
	if errs := contact.do(`query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { score } }`,
		map[string]any{"p": h.period, "e": h.e1}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("contact before 公示: %+v", errs)
	}
	h.scoreAndVerify(t)
	h.move("REVIEW", "")
	h.move("PUBLICITY", "")
	contact.must(`query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { score } }`, map[string]any{"p": h.period, "e": h.e1}, nil)
	if errs := contact.do(`query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { score } }`,
		map[string]any{"p": h.period, "e": h.e2}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("contact reading another unit: %+v", errs)
	}
}

func TestScoreTemplateRoundTrip(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	h.login(h.scorer1, testPassword)
	resp, err := h.client.Get(h.srv.URL + "/files/score-template.xlsx?periodId=" + h.period)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("template: %d %s", resp.StatusCode, data)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	rows, _ := f.GetRows(sheet)
	header := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "任务编号" {
			header = i
		}
	}
	if header < 0 || len(rows)-header-1 != 5 {
		t.Fatalf("template rows after header %d: %d, want 5 cells (A×2, B, C×2)", header, len(rows)-header-1)
	}
	col := map[string]string{}
	for i, name := range rows[header] {
		c, _ := excelize.ColumnNumberToName(i + 1)
		col[name] = c
	}
	// Fill every score; one row is bad (above 满分).
	for i := header + 1; i < len(rows); i++ {
		v := 20.0
		if i == header+1 {
			v = 99
		}
		_ = f.SetCellFloat(sheet, fmt.Sprintf("%s%d", col["得分"], i+1), v, 2, 64)
	}
	var buf bytes.Buffer
	_ = f.Write(&buf)
	var imp struct {
		ImportScoreSheet struct {
			Errors []struct {
				Row     int
				Message string
			}
			Saved []struct{ ID string }
		}
	}
	h.upload(`mutation($p: ID!, $f: Upload!) { importScoreSheet(periodId: $p, file: $f) { errors { row message } saved { id } } }`,
		map[string]any{"p": h.period, "f": nil}, "variables.f", "评分表.xlsx", buf.Bytes(), &imp)
	if len(imp.ImportScoreSheet.Errors) != 1 || imp.ImportScoreSheet.Errors[0].Row != header+2 || len(imp.ImportScoreSheet.Saved) != 0 {
		t.Fatalf("import with a bad row = %+v, want one error on row %d and nothing saved", imp.ImportScoreSheet, header+2)
	}
	_ = f.SetCellFloat(sheet, fmt.Sprintf("%s%d", col["得分"], header+2), 25, 2, 64)
	buf.Reset()
	_ = f.Write(&buf)
	h.upload(`mutation($p: ID!, $f: Upload!) { importScoreSheet(periodId: $p, file: $f) { errors { row message } saved { id } } }`,
		map[string]any{"p": h.period, "f": nil}, "variables.f", "评分表.xlsx", buf.Bytes(), &imp)
	if len(imp.ImportScoreSheet.Errors) != 0 || len(imp.ImportScoreSheet.Saved) != 5 {
		t.Errorf("valid import = %+v", imp.ImportScoreSheet)
	}
}

func TestRankingStatementsDoNotGrow(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	a.loginAs(auth.RoleLeader)
	q := `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { rows { rank score evaluatee { unit { name } } components { method value } dimensions { name score } } } }`
	counts := map[string]int64{}
	for _, period := range []string{"1", "2"} { // published (frozen) and open (preview)
		for _, g := range []string{"DISTRICTS", "DEPARTMENTS"} {
			a.must(q, map[string]any{"p": period, "g": g}, nil)
			counts[period+g] = a.statements.Load()
		}
	}
	if counts["1DISTRICTS"] != counts["1DEPARTMENTS"] || counts["2DISTRICTS"] != counts["2DEPARTMENTS"] {
		t.Errorf("statements per ranking differ between groups of different sizes: %v", counts)
	}
	if counts["1DISTRICTS"] > 8 || counts["2DISTRICTS"] > 16 {
		t.Errorf("statements per ranking: %v", counts)
	}
}

func TestLeadUnitAllocatesIndicatorPoints(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	var plan struct {
		Plan struct {
			Dimensions []struct {
				Indicators []struct {
					ID    string
					Tasks []struct{ ID string }
				}
			}
		}
	}
	h.must(`query($p: ID!) { plan(id: $p) { dimensions { indicators { id tasks { id } } } } }`, map[string]any{"p": h.plan}, &plan)
	d1 := plan.Plan.Dimensions[0].Indicators[0] // 60 points: A and B, both led by 市一局 alone
	d2 := plan.Plan.Dimensions[1].Indicators[0] // C, led by 市一局 and 市二局
	allocate := func(ind string, points ...string) []gqlError {
		var allocs []map[string]any
		tasks := d1.Tasks
		if ind == d2.ID {
			tasks = d2.Tasks
		}
		for i, p := range points {
			allocs = append(allocs, map[string]any{"taskId": tasks[i].ID, "points": p})
		}
		return h.do(`mutation($i: ID!, $a: [TaskPointsInput!]!) { allocateTaskPoints(input: {indicatorId: $i, allocations: $a}) { id } }`,
			map[string]any{"i": ind, "a": allocs}, nil)
	}
	h.login(h.scorer1, testPassword)
	if errs := allocate(d1.ID, "40", "30"); codeOf(errs) != "INVALID" || !strings.Contains(errs[0].Message, "不等于") {
		t.Errorf("points summing to 70 of 60: %+v", errs)
	}
	if errs := allocate(d2.ID, "40"); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("an indicator led together with another unit: %+v", errs)
	}
	if errs := allocate(d1.ID, "45", "15"); len(errs) > 0 {
		t.Fatalf("valid allocation: %+v", errs)
	}
	var out struct {
		Plan struct {
			Dimensions []struct {
				Indicators []struct {
					Tasks []struct{ Points, EffectivePoints string }
				}
			}
		}
	}
	h.must(`query($p: ID!) { plan(id: $p) { dimensions { indicators { tasks { points effectivePoints } } } } }`, map[string]any{"p": h.plan}, &out)
	got := out.Plan.Dimensions[0].Indicators[0].Tasks
	if got[0].Points != "45" || got[1].EffectivePoints != "15" {
		t.Errorf("allocated points = %+v", got)
	}
	h.login(h.scorer2, testPassword)
	if errs := allocate(d1.ID, "30", "30"); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("another unit allocating: %+v", errs)
	}
}

func TestSourceValuesImportReportsRowsAndWritesNothing(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	h.move("OPEN", "")
	csv := "考评对象,来源,分值\n甲区,调查A,80\n不存在的区,调查A,70\n市乙局,调查A,120\n"
	var out struct {
		ImportSourceValues struct {
			Written bool
			Errors  []struct {
				Row     int
				Message string
			}
			Values []struct{ Value string }
		}
	}
	h.upload(`mutation($f: Upload!, $p: ID!) { importSourceValues(input: {periodId: $p, method: PUBLIC_OPINION, file: $f, dryRun: false}) { written errors { row message } values { value } } }`,
		map[string]any{"f": nil, "p": h.period}, "variables.f", "民调.csv", []byte(csv), &out)
	rows := map[int]bool{}
	for _, e := range out.ImportSourceValues.Errors {
		rows[e.Row] = true
	}
	if out.ImportSourceValues.Written || !rows[3] || !rows[4] || rows[2] {
		t.Errorf("import with an unknown unit (row 3) and a value of 120 (row 4) = %+v", out.ImportSourceValues)
	}
	var vals struct{ SourceValues []struct{ ID string } }
	h.must(`query($p: ID!) { sourceValues(periodId: $p, method: PUBLIC_OPINION) { id } }`, map[string]any{"p": h.period}, &vals)
	if len(vals.SourceValues) != 0 {
		t.Error("a refused import wrote values")
	}
}

// TestListQueriesRunBoundedStatements compares queries over lists of very
// different sizes in the demo: the statement count must not follow them.
func TestListQueriesRunBoundedStatements(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	count := func(q string, vars map[string]any) (int64, int) {
		var out map[string]any
		a.must(q, vars, &out)
		n := 0
		for _, v := range out {
			if list, ok := v.([]any); ok {
				n = len(list)
			}
		}
		return a.statements.Load(), n
	}
	queue := `query($p: ID!, $s: ScoreStatus) { verificationQueue(periodId: $p, status: $s) { id value leadUnit { name } history { action username } } }`
	many, nMany := count(queue, map[string]any{"p": "1", "s": "VERIFIED"})
	few, nFew := count(queue, map[string]any{"p": "2", "s": "SUBMITTED"})
	if nMany <= nFew || nFew == 0 {
		t.Fatalf("demo lists: %d verified in H1, %d submitted in H2", nMany, nFew)
	}
	if many != few {
		t.Errorf("verification queue of %d scores took %d statements, of %d took %d", nMany, many, nFew, few)
	}
	a.loginAs(auth.RoleLeader)
	reports := `query($p: ID!, $e: ID!) { progressReports(periodId: $p, evaluateeId: $e) { id state evidence { id filename } } }`
	var evs struct {
		Evaluatees []struct {
			ID   string
			Unit struct{ Name string }
		}
	}
	a.must(`{ evaluatees(planId: "1") { id unit { name } } }`, nil, &evs)
	kun := ""
	for _, e := range evs.Evaluatees {
		if e.Unit.Name == "昆都仑区" {
			kun = e.ID
		}
	}
	full, nFull := count(reports, map[string]any{"p": "1", "e": kun})
	half, nHalf := count(reports, map[string]any{"p": "2", "e": kun})
	if nFull <= nHalf || full != half {
		t.Errorf("progress reports: %d rows in %d statements, %d rows in %d", nFull, full, nHalf, half)
	}
}

// TestFullMarksOnASharedTask: task 6 of the demo shares indicator (四)'s 2
// points with two others, 0.666… each; 0.67 is full marks and counts as the
// exact share. The unit's template comes back through import unchanged.
func TestFullMarksOnASharedTask(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.login("scorer", "Kaoping@2023")
	var sheet struct {
		ScoreSheet struct {
			Tasks []struct {
				ID     string
				Number int
			}
			Cells []struct {
				EvaluateeID, TaskID, MaxPoints string
				Score                          *struct {
					Status  string
					Version int
				}
			}
		}
	}
	a.must(`{ scoreSheet(periodId: "2") { tasks { id number } cells { evaluateeId taskId maxPoints score { status version } } } }`, nil, &sheet)
	task6 := ""
	for _, tk := range sheet.ScoreSheet.Tasks {
		if tk.Number == 6 {
			task6 = tk.ID
		}
	}
	var cell map[string]any
	for _, c := range sheet.ScoreSheet.Cells {
		if c.TaskID == task6 && (c.Score == nil || c.Score.Status != "VERIFIED") {
			v := 0
			if c.Score != nil {
				v = c.Score.Version
			}
			if c.MaxPoints != "0.67" {
				t.Fatalf("task 6 maxPoints = %s, want 0.67", c.MaxPoints)
			}
			cell = map[string]any{"evaluateeId": c.EvaluateeID, "taskId": c.TaskID, "value": "0.67", "comment": "", "version": v}
			break
		}
	}
	if cell == nil {
		t.Fatal("no open cell of task 6")
	}
	a.must(`mutation($e: [ScoreEntryInput!]!) { saveScores(input: {periodId: "2", entries: $e, submit: false}) { id } }`, map[string]any{"e": []any{cell}}, nil)
	cell["value"], cell["version"] = "0.68", cell["version"].(int)+1
	if errs := a.do(`mutation($e: [ScoreEntryInput!]!) { saveScores(input: {periodId: "2", entries: $e, submit: false}) { id } }`, map[string]any{"e": []any{cell}}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("0.68 on a 0.67 task: %+v", errs)
	}
	a.loginAs(auth.RoleLeader)
	var b struct {
		Breakdown struct {
			Tasks []struct {
				Number        int
				Points, Score string
			}
		}
	}
	a.must(`query($e: ID!) { breakdown(periodId: "2", evaluateeId: $e) { tasks { number points score } } }`, map[string]any{"e": cell["evaluateeId"]}, &b)
	for _, tk := range b.Breakdown.Tasks {
		if tk.Number == 6 && (tk.Score != tk.Points || !strings.HasPrefix(tk.Points, "0.6666")) {
			t.Errorf("task 6 scored %s of %s, want full marks", tk.Score, tk.Points)
		}
	}

	a.login("scorer", "Kaoping@2023")
	resp, err := a.client.Get(a.srv.URL + "/files/score-template.xlsx?periodId=2")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var imp struct {
		ImportScoreSheet struct {
			Errors []struct {
				Row     int
				Message string
			}
		}
	}
	a.upload(`mutation($f: Upload!) { importScoreSheet(periodId: "2", file: $f) { errors { row message } } }`,
		map[string]any{"f": nil}, "variables.f", "t.xlsx", data, &imp)
	for _, e := range imp.ImportScoreSheet.Errors {
		// Verified cells cannot be re-saved; anything else is a round-trip bug.
		if !strings.Contains(e.Message, "核实") {
			t.Errorf("unchanged template, row %d: %s", e.Row, e.Message)
		}
	}
}

// Submitting and verifying cost the same statements for two scores as for
// three: each batch is locked, updated and recorded in one statement each,
// and the returned ones are told in two.
func TestSubmitAndVerifyStatementsDoNotGrow(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	if errs := h.move("OPEN", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	h.login(h.scorer1, testPassword)
	if errs := h.save(false, entry{h.e1, "A", "27", "", 0}, entry{h.e1, "B", "20", "", 0}, entry{h.e1, "C", "35", "", 0},
		entry{h.e2, "A", "28", "", 0}, entry{h.e2, "C", "30", "", 0}); len(errs) > 0 {
		t.Fatal(errs)
	}
	var drafts struct {
		ScoreSheet struct {
			Cells []struct{ Score *struct{ ID string } }
		}
	}
	h.must(`query($p: ID!) { scoreSheet(periodId: $p) { cells { score { id } } } }`, map[string]any{"p": h.period}, &drafts)
	var ids []string
	for _, c := range drafts.ScoreSheet.Cells {
		if c.Score != nil {
			ids = append(ids, c.Score.ID)
		}
	}
	if len(ids) != 5 {
		t.Fatalf("drafts = %v", ids)
	}
	submit := func(ids []string) int64 {
		var out struct{ SubmitScores []struct{ Status string } }
		h.must(`mutation($p: ID!, $i: [ID!]) { submitScores(input: {periodId: $p, scoreIds: $i}) { status } }`, map[string]any{"p": h.period, "i": ids}, &out)
		if len(out.SubmitScores) != len(ids) || out.SubmitScores[0].Status != "SUBMITTED" {
			t.Fatalf("submitting %v: %+v", ids, out)
		}
		return h.statements.Load()
	}
	if two, three := submit(ids[:2]), submit(ids[2:]); two != three {
		t.Errorf("submitting 2 scores took %d statements, 3 took %d", two, three)
	}

	h.login(h.tf2, testPassword)
	q := h.queue()
	if len(q) != 5 {
		t.Fatalf("queue = %+v", q)
	}
	verify := func(items ...map[string]any) int64 {
		var out struct{ VerifyScores []struct{ Status string } }
		h.must(`mutation($i: [VerifyItemInput!]!) { verifyScores(input: {items: $i}) { status } }`, map[string]any{"i": items}, &out)
		if len(out.VerifyScores) != len(items) {
			t.Fatalf("verified %d of %d", len(out.VerifyScores), len(items))
		}
		return h.statements.Load()
	}
	ret := func(x queued) map[string]any {
		return map[string]any{"scoreId": x.ID, "version": x.Version, "action": "RETURN", "reason": "佐证材料不足,请补充"}
	}
	two := verify(acceptItem(q[0].ID, q[0].Version, true), ret(q[1]))
	three := verify(acceptItem(q[2].ID, q[2].Version, true), acceptItem(q[3].ID, q[3].Version, true), ret(q[4]))
	if two != three {
		t.Errorf("verifying 2 scores took %d statements, 3 took %d", two, three)
	}
	var statuses []string
	if err := h.st.DB.NewRaw(`SELECT status FROM scores ORDER BY status`).Scan(context.Background(), &statuses); err != nil {
		t.Fatal(err)
	}
	if strings.Join(statuses, ",") != "RETURNED,RETURNED,VERIFIED,VERIFIED,VERIFIED" {
		t.Errorf("statuses after verification = %v", statuses)
	}
	var history int
	if err := h.st.DB.NewRaw(`SELECT count(*) FROM score_history WHERE action IN ('SUBMIT', 'ACCEPT', 'RETURN')`).Scan(context.Background(), &history); err != nil || history != 10 {
		t.Errorf("history lines of submits and verifications = %d (%v), want 10", history, err)
	}
}
