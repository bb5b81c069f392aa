package main

import (
	"bytes"
	"slices"
	"sort"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// consistencyCase is the hand-built half year of scoring_api_test.go (plan
// year 2024, so its June deadlines have passed; the month boundary in
// Beijing time is pinned in server/consistency), with a third evaluatee,
// 市一局 itself, so its lead unit scores itself.
type consistencyCase struct {
	*visitFixture
	self string // evaluatee 市一局
}

type flaggedScore struct {
	ID, EvaluateeID, TaskID string
	Version                 int
	LeadUnit                struct{ Name string }
	Flags                   []struct {
		Rule, Label, Reason, ReasonEn string
		ReportID, VisitID             *string
		OtherScoreIds                 []string
	}
}

func newConsistencyCase(t *testing.T) *consistencyCase {
	f := newVisitFixture(t)
	c := &consistencyCase{visitFixture: f}

	f.loginAs(auth.RoleTaskForce)
	var units struct{ Units []struct{ ID, Name string } }
	f.must(`{ units { id name } }`, nil, &units)
	var u1 string
	for _, u := range units.Units {
		if u.Name == "市一局" {
			u1 = u.ID
		}
	}
	var ev struct{ CreateEvaluatee struct{ ID string } }
	f.must(`mutation($p: ID!, $u: ID!) { createEvaluatee(input: {planId: $p, unitId: $u, group: DEPARTMENTS}) { id } }`,
		map[string]any{"p": f.halfYear.plan, "u": u1}, &ev)
	c.self = ev.CreateEvaluatee.ID
	f.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
		map[string]any{"t": f.tasks["A"], "e": []string{f.e1, f.e2, c.self}}, nil)

	// B is due 6月底完成 (the fixture's tasks carry only the phrase).
	var tree struct {
		Plan struct {
			Dimensions []struct {
				Indicators []struct {
					Tasks []struct {
						ID      string
						Version int
					}
				}
			}
		}
	}
	f.must(`query($p: ID!) { plan(id: $p) { dimensions { indicators { tasks { id version } } } } }`, map[string]any{"p": f.halfYear.plan}, &tree)
	for _, d := range tree.Plan.Dimensions {
		for _, i := range d.Indicators {
			for _, task := range i.Tasks {
				if task.ID != f.tasks["B"] {
					continue
				}
				f.must(`mutation($id: ID!, $v: Int!, $l: [ID!]!) { updateTask(input: {id: $id, version: $v, number: 2, text: "任务B", points: "30",
					deadline: {phrase: "6月底完成", month: 6, state: COMPLETED, continuing: false}, leadUnitIds: $l}) { id } }`,
					map[string]any{"id": task.ID, "v": task.Version, "l": []string{u1}}, nil)
			}
		}
	}

	// Reports: 甲区 B 取得阶段性成效, C 推进中; 市乙局 A 推进中, C 已完成 with evidence.
	c.report("甲区", f.e1, "B", "STAGED_RESULTS", 0, false)
	c.report("甲区", f.e1, "C", "IN_PROGRESS", 0, false)
	c.report("市乙局", f.e2, "A", "IN_PROGRESS", 0, false)
	c.report("市乙局", f.e2, "C", "COMPLETED", 0, true)

	// The field visit to 甲区 finds C 未落实; the 专班 accepts it.
	v := f.plan("2024-07-05", []string{f.inspector1}, "C")
	f.recordAndAccept(v, map[string]string{"C": "NOT_DONE"})

	f.login(f.scorer1, testPassword)
	if errs := f.save(true,
		entry{f.e1, "A", "27", "", 0},                       // 0.9, no report: high without progress
		entry{f.e2, "A", "15", "", 0},                       // in progress: nothing
		entry{c.self, "A", "23", "", 0},                     // itself above the median (21) of 27 and 15
		entry{f.e1, "B", "30", "", 0},                       // full marks, 完成 due in June, report only staged
		entry{f.e1, "C", "36", "", 0},                       // the visit found 未落实
		entry{f.e2, "C", "5", "佐证材料不足", 0}); len(errs) > 0 { // 已完成 with evidence; 25 from U2's 30
		t.Fatalf("scorer 1: %+v", errs)
	}
	f.login(f.scorer2, testPassword)
	if errs := f.save(true, entry{f.e1, "C", "37", "", 0}, entry{f.e2, "C", "30", "", 0}); len(errs) > 0 {
		t.Fatalf("scorer 2: %+v", errs)
	}
	f.loginAs(auth.RoleTaskForce)
	return c
}

func (c *consistencyCase) report(unit, evaluatee, task, state string, version int, evidence bool) {
	c.t.Helper()
	contact := c.mustUser(unit, auth.RoleEvaluateeContact)
	c.login(contact, testPassword)
	var rep struct{ SaveProgressReport struct{ ID string } }
	c.must(`mutation($p: ID!, $e: ID!, $t: ID!, $s: ProgressState!, $v: Int!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: $s, narrative: "进展", version: $v}) { id } }`,
		map[string]any{"p": c.period, "e": evaluatee, "t": c.tasks[task], "s": state, "v": version}, &rep)
	if evidence {
		png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
		if errs := c.upload(`mutation($r: ID!, $f: Upload!) { uploadEvidence(reportId: $r, file: $f) { id } }`,
			map[string]any{"r": rep.SaveProgressReport.ID, "f": nil}, "variables.f", "验收报告.png", png, nil); len(errs) > 0 {
			c.t.Fatal(errs)
		}
	}
}

const flaggedQueue = `query($p: ID!) { verificationQueue(periodId: $p) { id version evaluateeId taskId leadUnit { name }
	flags { rule label reason reasonEn reportId visitId otherScoreIds } } }`

func (c *consistencyCase) queue() map[string]flaggedScore {
	c.t.Helper()
	var out struct{ VerificationQueue []flaggedScore }
	c.must(flaggedQueue, map[string]any{"p": c.period}, &out)
	byCell := map[string]flaggedScore{}
	for _, s := range out.VerificationQueue {
		byCell[c.cellName(s)] = s
	}
	return byCell
}

// cellName is "甲区/A/市一局".
func (c *consistencyCase) cellName(s flaggedScore) string {
	ev := map[string]string{c.e1: "甲区", c.e2: "市乙局", c.self: "市一局"}[s.EvaluateeID]
	task := ""
	for name, id := range c.tasks {
		if id == s.TaskID {
			task = name
		}
	}
	return ev + "/" + task + "/" + s.LeadUnit.Name
}

func rulesOf(s flaggedScore) []string {
	var out []string
	for _, f := range s.Flags {
		out = append(out, f.Rule)
	}
	sort.Strings(out)
	return out
}

func TestConsistencyFlagsOnTheVerificationQueue(t *testing.T) {
	t.Parallel()
	c := newConsistencyCase(t)
	q := c.queue()
	want := map[string][]string{
		"甲区/A/市一局":  {"HIGH_WITHOUT_PROGRESS"},
		"市乙局/A/市一局": nil,
		"市一局/A/市一局": {"SELF_ABOVE_MEDIAN"},
		"甲区/B/市一局":  {"FULL_MARKS_PAST_DEADLINE"},
		"甲区/C/市一局":  {"FIELD_VISIT_DISAGREES"},
		"甲区/C/市二局":  {"FIELD_VISIT_DISAGREES"},
		"市乙局/C/市一局": {"LEAD_UNITS_DISAGREE", "LOW_DESPITE_COMPLETION"},
		"市乙局/C/市二局": {"LEAD_UNITS_DISAGREE"},
	}
	if len(q) != len(want) {
		t.Fatalf("queue has %d scores, want %d: %v", len(q), len(want), q)
	}
	for cell, rules := range want {
		s, ok := q[cell]
		if !ok {
			t.Errorf("%s is not in the queue", cell)
			continue
		}
		if got := rulesOf(s); !slices.Equal(got, rules) {
			t.Errorf("%s: flags %v, want %v (%+v)", cell, got, rules, s.Flags)
		}
		for _, f := range s.Flags {
			if f.Reason == "" || f.Label == "" {
				t.Errorf("%s: %s without a label or reason", cell, f.Rule)
			}
			if f.ReasonEn == "" || cjk.MatchString(f.ReasonEn) {
				t.Errorf("%s: %s English reason %q is empty or has Chinese", cell, f.Rule, f.ReasonEn)
			}
			switch f.Rule {
			case "FIELD_VISIT_DISAGREES":
				if f.VisitID == nil {
					t.Errorf("%s: the field-visit flag does not link the visit", cell)
				}
			case "LOW_DESPITE_COMPLETION", "FULL_MARKS_PAST_DEADLINE":
				if f.ReportID == nil {
					t.Errorf("%s: %s does not link the report", cell, f.Rule)
				}
			case "LEAD_UNITS_DISAGREE":
				other := map[string]string{"市乙局/C/市一局": "市乙局/C/市二局", "市乙局/C/市二局": "市乙局/C/市一局"}[cell]
				if !slices.Equal(f.OtherScoreIds, []string{q[other].ID}) {
					t.Errorf("%s: compared with %v, want %s's score %s", cell, f.OtherScoreIds, other, q[other].ID)
				}
			}
		}
	}
	// Control for the field-visit rule: 甲区 C by 市二局 is 37 of 40 and the
	// visit found 未落实, so it is flagged too; both of C's scores are within
	// half the points of each other, so they do not disagree.

	var count struct{ FlaggedScoreCount int }
	c.must(`query($p: ID!) { flaggedScoreCount(periodId: $p) }`, map[string]any{"p": c.period}, &count)
	if count.FlaggedScoreCount != 7 {
		t.Errorf("flaggedScoreCount = %d, want 7", count.FlaggedScoreCount)
	}

	// Flags are judged now: the deadline flag goes once the report reaches
	// the state the deadline expects.
	c.report("甲区", c.e1, "B", "COMPLETED", 1, false)
	c.loginAs(auth.RoleTaskForce)
	if rules := rulesOf(c.queue()["甲区/B/市一局"]); len(rules) != 0 {
		t.Errorf("甲区/B after the report says 已完成: flags %v, want none", rules)
	}
}

func TestConsistencyFlagsCostAFixedNumberOfStatements(t *testing.T) {
	t.Parallel()
	c := newConsistencyCase(t)
	c.must(`query($p: ID!) { verificationQueue(periodId: $p) { id version evaluateeId taskId leadUnit { name } } }`, map[string]any{"p": c.period}, nil)
	without := c.statements.Load()
	c.must(flaggedQueue, map[string]any{"p": c.period}, nil)
	with := c.statements.Load()
	// One statement for the facts of every score and three for the plan's
	// points: a constant, whatever the queue's length.
	if with-without != 4 {
		t.Errorf("flags of 8 scores cost %d statements more than the queue alone, want 4", with-without)
	}
}

func TestAcceptingAFlaggedScoreNeedsAConfirmingNote(t *testing.T) {
	t.Parallel()
	c := newConsistencyCase(t)
	s := c.queue()["甲区/A/市一局"]
	accept := `mutation($i: ID!, $v: Int!, $r: String) { verifyScores(input: {items: [{scoreId: $i, version: $v, action: ACCEPT, reason: $r}]}) { id status reviewReason history { action reason } } }`
	errs := c.do(accept, map[string]any{"i": s.ID, "v": s.Version}, nil)
	if codeOf(errs) != "INVALID" {
		t.Fatalf("accepting a flagged score without a note = %+v, want INVALID", errs)
	}
	if field, _, zh, _ := fieldOf(errs[0]); field != "input.items[0].reason" || zh == "" {
		t.Errorf("error names %q (%q), want input.items[0].reason", field, zh)
	}
	if q := c.queue(); q["甲区/A/市一局"].Version != s.Version {
		t.Fatal("the refused acceptance changed the score")
	}
	var out struct {
		VerifyScores []struct {
			Status, ReviewReason string
			History              []struct {
				Action string
				Reason *string
			}
		}
	}
	note := "现场核查确认已推进,进展未及时报送"
	c.must(accept, map[string]any{"i": s.ID, "v": s.Version, "r": note}, &out)
	got := out.VerifyScores[0]
	last := got.History[len(got.History)-1]
	if got.Status != "VERIFIED" || got.ReviewReason != note || last.Action != "ACCEPT" || last.Reason == nil || *last.Reason != note {
		t.Errorf("accepted = %+v, want VERIFIED with the note kept in the verification record", got)
	}

	// An unflagged score is accepted without a note, as before.
	plain := c.queue()["市乙局/A/市一局"]
	if errs := c.do(accept, map[string]any{"i": plain.ID, "v": plain.Version}, nil); len(errs) > 0 {
		t.Errorf("accepting an unflagged score: %+v", errs)
	}
}

func TestConsistencyThresholdsAreThePlans(t *testing.T) {
	t.Parallel()
	c := newConsistencyCase(t)
	var plan struct {
		Plan struct {
			Version               int
			ConsistencyThresholds struct{ HighRate, LowRate, LeadSpread string }
		}
	}
	c.must(`query($p: ID!) { plan(id: $p) { version consistencyThresholds { highRate lowRate leadSpread } } }`, map[string]any{"p": c.halfYear.plan}, &plan)
	if th := plan.Plan.ConsistencyThresholds; th.HighRate != "0.8" || th.LowRate != "0.2" || th.LeadSpread != "0.5" {
		t.Fatalf("default thresholds = %+v, want 0.8 / 0.2 / 0.5", th)
	}
	set := `mutation($in: SetConsistencyThresholdsInput!) { setConsistencyThresholds(input: $in) { version consistencyThresholds { highRate lowRate leadSpread } } }`
	in := func(high, low, spread string) map[string]any {
		return map[string]any{"in": map[string]any{"planId": c.halfYear.plan, "version": plan.Plan.Version, "highRate": high, "lowRate": low, "leadSpread": spread}}
	}
	for _, bad := range []struct{ high, low, spread, field string }{
		{"0.5", "0.6", "0.5", "input.lowRate"},
		{"1.2", "0.2", "0.5", "input.highRate"},
		{"0.95", "0.2", "0.0005", "input.leadSpread"},
		{"0.9", "0", "0.5", "input.lowRate"},
	} {
		errs := c.do(set, in(bad.high, bad.low, bad.spread), nil)
		if field, _, _, _ := fieldOfFirst(errs); codeOf(errs) != "INVALID" || field != bad.field {
			t.Errorf("thresholds %s/%s/%s = %+v, want INVALID on %s", bad.high, bad.low, bad.spread, errs, bad.field)
		}
	}
	c.must(set, in("0.95", "0.2", "0.5"), nil)
	if rules := rulesOf(c.queue()["甲区/A/市一局"]); len(rules) != 0 {
		t.Errorf("27 of 30 (0.9) with the high rate at 0.95: flags %v, want none", rules)
	}
	if errs := c.do(set, in("0.9", "0.2", "0.5"), nil); codeOf(errs) != "CONFLICT" {
		t.Errorf("a change from a stale version = %+v, want CONFLICT", errs)
	}
}

func fieldOfFirst(errs []gqlError) (field, rule, zh, en string) {
	if len(errs) == 0 {
		return
	}
	return fieldOf(errs[0])
}

const flaggedProfile = `query($p: ID!, $e: ID!) { evaluateeProfile(periodId: $p, evaluateeId: $e) {
	breakdown { tasks { taskId scores { scoreId leadUnitName flags { rule reason } } } } } }`

type profileFlags struct {
	EvaluateeProfile struct {
		Breakdown struct {
			Tasks []struct {
				TaskID string
				Scores []struct {
					ScoreID, LeadUnitName string
					Flags                 []struct{ Rule, Reason string }
				}
			}
		}
	}
}

// The leader's evaluatee page shows the same doubts as the 专班's queue, on
// the lead units' scores of each task; other readers of results see none;
// and the flags of the whole page cost a constant number of statements.
func TestConsistencyFlagsOnTheEvaluateePage(t *testing.T) {
	t.Parallel()
	c := newConsistencyCase(t)
	queue := c.queue()
	byID := map[string]flaggedScore{}
	for _, s := range queue {
		byID[s.ID] = s
	}
	read := func() (map[string][]string, int) {
		var out profileFlags
		c.must(flaggedProfile, map[string]any{"p": c.period, "e": c.e1}, &out)
		got, lines := map[string][]string{}, 0
		for _, task := range out.EvaluateeProfile.Breakdown.Tasks {
			for _, s := range task.Scores {
				lines++
				var rules []string
				for _, f := range s.Flags {
					if f.Reason == "" {
						t.Errorf("score %s: flag %s without a reason", s.ScoreID, f.Rule)
					}
					rules = append(rules, f.Rule)
				}
				sort.Strings(rules)
				if len(rules) > 0 {
					got[s.ScoreID] = rules
				}
			}
		}
		return got, lines
	}

	c.loginAs(auth.RoleLeader)
	got, lines := read()
	if lines < 4 {
		t.Fatalf("甲区's page shows %d scores, want the 4 entered", lines)
	}
	want := map[string][]string{}
	for id, s := range byID {
		if s.EvaluateeID == c.e1 && len(s.Flags) > 0 {
			want[id] = rulesOf(s)
		}
	}
	if len(want) < 3 {
		t.Fatalf("the case raises flags on %d of 甲区's scores, want at least 3: %v", len(want), want)
	}
	for id, rules := range want {
		if !slices.Equal(got[id], rules) {
			t.Errorf("leader sees %s: %v, the queue says %v (%s)", id, got[id], rules, c.cellName(byID[id]))
		}
	}
	if len(got) != len(want) {
		t.Errorf("leader sees flags on %v, the queue on %v", got, want)
	}

	c.must(`query($p: ID!, $e: ID!) { evaluateeProfile(periodId: $p, evaluateeId: $e) { breakdown { tasks { scores { scoreId } } } } }`,
		map[string]any{"p": c.period, "e": c.e1}, nil)
	without := c.statements.Load()
	c.must(flaggedProfile, map[string]any{"p": c.period, "e": c.e1}, nil)
	if with := c.statements.Load(); with-without > 4 {
		t.Errorf("flags on the evaluatee page cost %d statements more than the page alone, want at most 4", with-without)
	}

	c.loginAs(auth.RoleAnalyst)
	if got, _ := read(); len(got) != 0 {
		t.Errorf("an analyst is shown flags: %v", got)
	}
}
