package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/server/auth"
)

// twoHalves is a plan of one task (100 points, led by 市一局) carried by
// three districts, for rank changes computed by hand:
//
//	上半年 (published): 乙区 80 → 1st, 甲区 60 → 2nd; 丙区 joins the plan after it.
//	下半年 (open):      甲区 90 → 1st, 丙区 80 → 2nd, 乙区 70 → 3rd.
//
// So in the second half 甲区 rose one place (2 → 1), 乙区 fell two (1 → 3)
// and 丙区 is new.
type twoHalves struct {
	*api
	plan, h1, h2   string
	versions       map[string]int
	task           string
	jia, yi, bing  string
	scorer         string
	h1Name, h2Name string
}

func newTwoHalves(t *testing.T) *twoHalves {
	a := newAnonymousAPI(t, false)
	s := &twoHalves{api: a, versions: map[string]int{}}
	// results keeps thawed publications in a process-wide cache keyed by
	// (publication, evaluatee) id; every test database starts both at 1, so
	// move this plan's evaluatees away from the ids other tests publish.
	if _, err := a.st.DB.ExecContext(context.Background(), `SELECT setval('evaluatees_id_seq', 100000)`); err != nil {
		t.Fatal(err)
	}
	a.loginAs(auth.RoleAdmin)
	unit := func(name, kind string, sortKey int) string {
		var out struct{ CreateUnit struct{ ID string } }
		a.must(`mutation($n: String!, $k: UnitKind!, $s: Int!) { createUnit(input: {name: $n, kind: $k, sortKey: $s}) { id } }`,
			map[string]any{"n": name, "k": kind, "s": sortKey}, &out)
		return out.CreateUnit.ID
	}
	lead := unit("市一局", "DEPARTMENT", 40)
	jia, yi, bing := unit("甲区", "DISTRICT", 10), unit("乙区", "DISTRICT", 20), unit("丙区", "DISTRICT", 30)

	a.loginAs(auth.RoleTaskForce)
	var plan struct {
		CreatePlan struct {
			ID      string
			Periods []struct {
				ID, Name string
				Version  int
			}
		}
	}
	a.must(`mutation { createPlan(input: {name: "名次变化", year: 2024}) { id periods { id name version } } }`, nil, &plan)
	s.plan = plan.CreatePlan.ID
	s.h1, s.h2 = plan.CreatePlan.Periods[0].ID, plan.CreatePlan.Periods[1].ID
	s.h1Name, s.h2Name = plan.CreatePlan.Periods[0].Name, plan.CreatePlan.Periods[1].Name
	s.versions[s.h1], s.versions[s.h2] = plan.CreatePlan.Periods[0].Version, plan.CreatePlan.Periods[1].Version
	var d struct{ CreateDimension struct{ ID string } }
	a.must(`mutation($p: ID!) { createDimension(input: {planId: $p, number: 1, name: "营商环境", points: "100"}) { id } }`, map[string]any{"p": s.plan}, &d)
	var i struct{ CreateIndicator struct{ ID string } }
	a.must(`mutation($d: ID!) { createIndicator(input: {dimensionId: $d, number: 1, name: "指标", points: "100"}) { id } }`, map[string]any{"d": d.CreateDimension.ID}, &i)
	var task struct{ CreateTask struct{ ID string } }
	a.must(`mutation($i: ID!, $l: [ID!]!) { createTask(input: {indicatorId: $i, number: 1, text: "任务", points: "100", deadline: {phrase: "6月底完成", continuing: false}, leadUnitIds: $l}) { id } }`,
		map[string]any{"i": i.CreateIndicator.ID, "l": []string{lead}}, &task)
	s.task = task.CreateTask.ID
	s.jia, s.yi = s.addEvaluatee(jia), s.addEvaluatee(yi)
	s.assign(s.jia, s.yi)
	s.scorer = a.mustUser("市一局", auth.RoleLeadScorer)

	s.move(s.h1, "OPEN")
	s.score(s.h1, map[string]string{s.jia: "60", s.yi: "80"})
	s.move(s.h1, "REVIEW")
	s.move(s.h1, "PUBLICITY")

	s.bing = s.addEvaluatee(bing)
	s.assign(s.jia, s.yi, s.bing)
	s.move(s.h2, "OPEN")
	s.score(s.h2, map[string]string{s.jia: "90", s.yi: "70", s.bing: "80"})
	return s
}

func (s *twoHalves) addEvaluatee(unit string) string {
	var out struct{ CreateEvaluatee struct{ ID string } }
	s.must(`mutation($p: ID!, $u: ID!) { createEvaluatee(input: {planId: $p, unitId: $u, group: DISTRICTS}) { id } }`,
		map[string]any{"p": s.plan, "u": unit}, &out)
	return out.CreateEvaluatee.ID
}

func (s *twoHalves) assign(evaluatees ...string) {
	s.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
		map[string]any{"t": s.task, "e": evaluatees}, nil)
}

func (s *twoHalves) move(period, to string) {
	s.t.Helper()
	var out struct{ MovePeriod struct{ Version int } }
	s.must(`mutation($p: ID!, $v: Int!, $to: PeriodState!) { movePeriod(input: {periodId: $p, version: $v, to: $to}) { version } }`,
		map[string]any{"p": period, "v": s.versions[period], "to": to}, &out)
	s.versions[period] = out.MovePeriod.Version
}

// score enters, submits and (as a fresh 专班 member) accepts the scores.
func (s *twoHalves) score(period string, values map[string]string) {
	s.t.Helper()
	s.login(s.scorer, testPassword)
	var entries []map[string]any
	for e, v := range values {
		entries = append(entries, map[string]any{"evaluateeId": e, "taskId": s.task, "value": v, "comment": "", "version": 0})
	}
	s.must(`mutation($p: ID!, $e: [ScoreEntryInput!]!) { saveScores(input: {periodId: $p, entries: $e, submit: true}) { id } }`,
		map[string]any{"p": period, "e": entries}, nil)
	s.loginAs(auth.RoleTaskForce)
	var q struct {
		VerificationQueue []struct {
			ID      string
			Version int
			Flags   []struct{ Rule string }
		}
	}
	s.must(`query($p: ID!) { verificationQueue(periodId: $p) { id version flags { rule } } }`, map[string]any{"p": period}, &q)
	var items []map[string]any
	for _, x := range q.VerificationQueue {
		items = append(items, acceptItem(x.ID, x.Version, len(x.Flags) > 0))
	}
	s.must(`mutation($i: [VerifyItemInput!]!) { verifyScores(input: {items: $i}) { id } }`, map[string]any{"i": items}, nil)
}

type rankChangesJSON struct {
	PreviousName *string
	Rows         []struct {
		EvaluateeID  string
		Rank         int
		PreviousRank *int
		Change       *int
	}
}

func (s *twoHalves) changes(period string) rankChangesJSON {
	s.t.Helper()
	var out struct{ RankChanges rankChangesJSON }
	s.must(`query($p: ID!) { rankChanges(periodId: $p, group: DISTRICTS) { previousName rows { evaluateeId rank previousRank change } } }`,
		map[string]any{"p": period}, &out)
	return out.RankChanges
}

func TestRankChangesAgainstThePreviousHalf(t *testing.T) {
	s := newTwoHalves(t)
	s.loginAs(auth.RoleLeader)

	got := s.changes(s.h2)
	if got.PreviousName == nil || *got.PreviousName != s.h1Name {
		t.Fatalf("compared with %v, want %s", got.PreviousName, s.h1Name)
	}
	type want struct {
		rank           int
		previous, rise *int
	}
	one, two, minusTwo := 1, 2, -2
	wants := []struct {
		evaluatee string
		want
	}{
		{s.jia, want{1, &two, &one}},     // 2 → 1: ▲1
		{s.bing, want{2, nil, nil}},      // not ranked in 上半年: 新
		{s.yi, want{3, &one, &minusTwo}}, // 1 → 3: ▼2
	}
	if len(got.Rows) != len(wants) {
		t.Fatalf("rows = %+v, want 3", got.Rows)
	}
	for i, w := range wants {
		r := got.Rows[i]
		if r.EvaluateeID != w.evaluatee || r.Rank != w.rank || !sameInt(r.PreviousRank, w.previous) || !sameInt(r.Change, w.rise) {
			t.Errorf("row %d = %+v (previous %v, change %v), want evaluatee %s rank %d previous %v change %v",
				i, r, intText(r.PreviousRank), intText(r.Change), w.evaluatee, w.rank, intText(w.previous), intText(w.rise))
		}
	}

	// The first half of the first year has nothing before it: no previous
	// ranks, and nobody is called new.
	first := s.changes(s.h1)
	if first.PreviousName != nil || len(first.Rows) != 2 {
		t.Fatalf("first half = %+v", first)
	}
	for _, r := range first.Rows {
		if r.PreviousRank != nil || r.Change != nil {
			t.Errorf("first half row %+v has a previous rank", r)
		}
	}

	// A contact may not read whole-group changes.
	s.loginAs(auth.RoleEvaluateeContact)
	if errs := s.do(`query($p: ID!) { rankChanges(periodId: $p, group: DISTRICTS) { previousName } }`, map[string]any{"p": s.h2}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("contact reading rank changes: %+v", errs)
	}
}

func TestRankChangesStatementsDoNotGrow(t *testing.T) {
	a := newAPI(t, true)
	a.loginAs(auth.RoleLeader)
	q := `query($p: ID!, $g: RankingGroup!) { rankChanges(periodId: $p, group: $g) { previousName rows { evaluateeId rank previousRank change } } }`
	counts := map[string]int64{}
	for _, period := range []string{"1", "2"} { // published, and open (a preview against the published first half)
		for _, g := range []string{"DISTRICTS", "DEPARTMENTS"} {
			a.must(q, map[string]any{"p": period, "g": g}, nil)
			counts[period+g] = a.statements.Load()
		}
	}
	if counts["1DISTRICTS"] != counts["1DEPARTMENTS"] || counts["2DISTRICTS"] != counts["2DEPARTMENTS"] {
		t.Errorf("statements differ between groups of different sizes: %v", counts)
	}
	if counts["2DISTRICTS"] > 30 {
		t.Errorf("statements per rank-change read: %v", counts)
	}
	t.Logf("statements: %v", counts)
}

func TestRankingExportMatchesTheRanking(t *testing.T) {
	s := newTwoHalves(t)
	s.loginAs(auth.RoleLeader)
	resp, err := s.client.Get(s.srv.URL + "/files/ranking.xlsx?group=DISTRICTS&periodId=" + s.h2)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %d %s", resp.StatusCode, data)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	rows, _ := f.GetRows(sh)
	if len(rows) != 6 {
		t.Fatalf("rows = %q, want title, note, header and 3 units", rows)
	}
	if rows[2][0] != "名次" || rows[2][1] != "单位" || rows[2][2] != "得分" || rows[2][3] != "名次变化" || rows[2][4] != "日常监测" || rows[2][8] != "一、营商环境" {
		t.Errorf("header = %q", rows[2])
	}
	want := [][]string{{"1", "甲区", "90.00", "▲1"}, {"2", "丙区", "80.00", "新"}, {"3", "乙区", "70.00", "▼2"}}
	for i, w := range want {
		if got := rows[3+i][:4]; !equalStrings(got, w) {
			t.Errorf("row %d = %q, want %q", i, got, w)
		}
	}
	// Numbers are numbers, not text, so Excel sums and sorts them.
	if typ, _ := f.GetCellType(sh, "C4"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("score cell type = %v, want a number", typ)
	}
	if raw, _ := f.GetCellValue(sh, "C4", excelize.Options{RawCellValue: true}); raw != "90" {
		t.Errorf("raw score = %q, want 90", raw)
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes = %+v, want the header frozen", panes)
	}
	names := f.GetDefinedName()
	area := false
	for _, n := range names {
		area = area || (n.Name == "_xlnm.Print_Area" && n.RefersTo == "'考评排名'!$A$1:$I$6")
	}
	if !area {
		t.Errorf("defined names = %+v, want the print area A1:I6", names)
	}
	if rows[1][0] == "" || !bytes.Contains([]byte(rows[1][0]), []byte("预览")) {
		t.Errorf("note = %q, want the preview marked", rows[1][0])
	}

	// Bad input: a clear refusal, nothing else.
	resp, _ = s.client.Get(s.srv.URL + "/files/ranking.xlsx?group=ALL&periodId=" + s.h2)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte("group")) {
		t.Errorf("bad group: %d %s", resp.StatusCode, body)
	}
	s.loginAs(auth.RoleLeadScorer)
	resp, _ = s.client.Get(s.srv.URL + "/files/ranking.xlsx?group=DISTRICTS&periodId=" + s.h2)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("scorer export: %d, want 403", resp.StatusCode)
	}
}

func sameInt(a, b *int) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func intText(p *int) string {
	if p == nil {
		return "nil"
	}
	return strconv.Itoa(*p)
}
