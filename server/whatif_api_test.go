package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// whatIfCase is the hand-built half year with a third evaluatee, 市一局, in
// the departments' group with 市乙局, so what-if ranks mean something.
type whatIfCase struct {
	*halfYear
	self string
}

func newWhatIfCase(t *testing.T) *whatIfCase {
	h := newHalfYear(t)
	if errs := h.move("OPEN", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	var units struct{ Units []struct{ ID, Name string } }
	h.must(`{ units { id name } }`, nil, &units)
	var u1 string
	for _, u := range units.Units {
		if u.Name == "市一局" {
			u1 = u.ID
		}
	}
	var ev struct{ CreateEvaluatee struct{ ID string } }
	h.must(`mutation($p: ID!, $u: ID!) { createEvaluatee(input: {planId: $p, unitId: $u, group: DEPARTMENTS}) { id } }`,
		map[string]any{"p": h.plan, "u": u1}, &ev)
	c := &whatIfCase{halfYear: h, self: ev.CreateEvaluatee.ID}
	h.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
		map[string]any{"t": h.tasks["A"], "e": []string{h.e1, h.e2, c.self}}, nil)
	h.must(`mutation($t: ID!, $e: [ID!]!) { setTaskAssignments(input: {taskId: $t, evaluateeIds: $e}) { id } }`,
		map[string]any{"t": h.tasks["C"], "e": []string{h.e1, h.e2, c.self}}, nil)
	// Drafts: 市乙局 A 15, C 20 / 22; 市一局 A 24, C 30 / 26.
	c.enter(map[[3]string]string{
		{h.e2, "A", "1"}: "15", {h.e2, "C", "1"}: "20", {h.e2, "C", "2"}: "22",
		{c.self, "A", "1"}: "24", {c.self, "C", "1"}: "30", {c.self, "C", "2"}: "26",
	})
	return c
}

// enter saves drafts as the lead scorers: (evaluatee, task, scorer 1|2) → value.
func (c *whatIfCase) enter(values map[[3]string]string) {
	c.t.Helper()
	for _, scorer := range []string{"1", "2"} {
		user := map[string]string{"1": c.scorer1, "2": c.scorer2}[scorer]
		c.login(user, testPassword)
		var sheet struct {
			ScoreSheet struct {
				Cells []struct {
					EvaluateeID, TaskID string
					Score               *struct{ Version int }
				}
			}
		}
		c.must(`query($p: ID!) { scoreSheet(periodId: $p) { cells { evaluateeId taskId score { version } } } }`, map[string]any{"p": c.period}, &sheet)
		versions := map[[2]string]int{}
		for _, cell := range sheet.ScoreSheet.Cells {
			if cell.Score != nil {
				versions[[2]string{cell.EvaluateeID, cell.TaskID}] = cell.Score.Version
			}
		}
		var entries []entry
		for k, v := range values {
			if k[2] == scorer {
				entries = append(entries, entry{k[0], k[1], v, "模拟核对", versions[[2]string{k[0], c.tasks[k[1]]}]})
			}
		}
		if len(entries) > 0 {
			if errs := c.save(false, entries...); len(errs) > 0 {
				c.t.Fatalf("scorer %s: %+v", scorer, errs)
			}
		}
	}
	c.loginAs(auth.RoleLeader)
}

type outcomeJSON struct {
	Score, Exact    *string
	Rank, GroupSize int
}

const outcomeFields = `score exact rank groupSize`

func (c *whatIfCase) try(evaluatee string, changes map[string]string) (outcomeJSON, []gqlError) {
	var in []map[string]any
	for task, v := range changes {
		in = append(in, map[string]any{"taskId": c.tasks[task], "value": v})
	}
	var out struct{ WhatIfTry outcomeJSON }
	errs := c.do(`query($p: ID!, $e: ID!, $c: [WhatIfChangeInput!]!) { whatIfTry(periodId: $p, evaluateeId: $e, changes: $c) { `+outcomeFields+` } }`,
		map[string]any{"p": c.period, "e": evaluatee, "c": in}, &out)
	return out.WhatIfTry, errs
}

// preview is an evaluatee's row in the live departments ranking.
func (c *whatIfCase) preview(evaluatee string) outcomeJSON {
	c.t.Helper()
	for _, r := range c.ranking("DEPARTMENTS").Ranking.Rows {
		if r.Evaluatee.ID == evaluatee {
			return outcomeJSON{Score: r.Score, Rank: r.Rank}
		}
	}
	c.t.Fatalf("%s is not in the ranking", evaluatee)
	return outcomeJSON{}
}

// What-if figures equal a full recomputation: for random choices of tasks
// and values, the tried result equals the preview ranking after the same
// scores are really entered.
func TestWhatIfEqualsARecomputationWithTheChangedScores(t *testing.T) {
	t.Parallel()
	c := newWhatIfCase(t)
	rng := rand.New(rand.NewPCG(7, 11))
	max := map[string]int{"A": 3000, "C": 4000} // hundredths
	for round := range 6 {
		who := []string{c.e2, c.self}[rng.IntN(2)]
		changes := map[string]string{}
		for _, task := range []string{"A", "C"} {
			if len(changes) == 0 || rng.IntN(2) == 0 {
				v := rng.IntN(max[task] + 1)
				if rng.IntN(3) == 0 {
					v = max[task]
				}
				changes[task] = fmt.Sprintf("%d.%02d", v/100, v%100)
			}
		}
		got, errs := c.try(who, changes)
		if len(errs) > 0 {
			t.Fatalf("round %d: %+v", round, errs)
		}
		values := map[[3]string]string{}
		for task, v := range changes {
			values[[3]string{who, task, "1"}] = v
			if task == "C" {
				values[[3]string{who, task, "2"}] = v
			}
		}
		c.enter(values)
		want := c.preview(who)
		if deref(got.Score) != deref(want.Score) || got.Rank != want.Rank || got.GroupSize != 2 {
			t.Fatalf("round %d, %v for %s: what-if %s rank %d, recomputed %s rank %d",
				round, changes, who, deref(got.Score), got.Rank, deref(want.Score), want.Rank)
		}
	}
}

func TestWhatIfRanksTasksByGainAndWritesNothing(t *testing.T) {
	t.Parallel()
	c := newWhatIfCase(t)
	count := func() string {
		var n [3]int
		ctx := context.Background()
		for i, table := range []string{"scores", "score_history", "audit_log"} {
			if err := c.st.DB.NewRaw(`SELECT count(*) FROM `+table).Scan(ctx, &n[i]); err != nil {
				t.Fatal(err)
			}
		}
		return fmt.Sprint(n)
	}
	before := count()
	var out struct {
		WhatIf struct {
			Current      outcomeJSON
			Assumption   string
			AssumptionEn string
			Tasks        []struct {
				Task            struct{ ID string }
				MaxPoints, Gain string
				GainExact       string
				CurrentScores   []string
				RankGain        int
				Outcome         outcomeJSON
			}
		}
	}
	c.must(`query($p: ID!, $e: ID!) { whatIf(periodId: $p, evaluateeId: $e) { current { `+outcomeFields+` } assumption assumptionEn
		tasks { task { id } maxPoints gain gainExact currentScores rankGain outcome { `+outcomeFields+` } } } }`,
		map[string]any{"p": c.period, "e": c.e2}, &out)
	w := out.WhatIf
	if cur := c.preview(c.e2); deref(w.Current.Score) != deref(cur.Score) || w.Current.Rank != cur.Rank {
		t.Errorf("current = %+v, preview ranking says %s rank %d", w.Current, deref(cur.Score), cur.Rank)
	}
	if len(w.Tasks) != 2 || w.Assumption == "" {
		t.Fatalf("whatIf = %+v, want both of 市乙局's tasks and the assumption", w)
	}
	if w.AssumptionEn == "" || cjk.MatchString(w.AssumptionEn) {
		t.Errorf("English assumption %q is empty or has Chinese", w.AssumptionEn)
	}
	// 市乙局 carries A (D1, 60) and C (D2, 40): r_1 = 15/30, r_2 = 21/40, so
	// 日常监测 = 60 × 0.5 + 40 × 0.525 = 51, the half-year score (nothing
	// else imported). Full marks on A: 60 + 21 = 81 (+30, past 市一局's
	// 60 × 0.8 + 40 × 0.7 = 76: first place); on C: 30 + 40 = 70 (+19).
	if w.Tasks[0].Task.ID != c.tasks["A"] || w.Tasks[1].Task.ID != c.tasks["C"] {
		t.Errorf("order = %s, %s; want A (gain 30) before C (19)", w.Tasks[0].Task.ID, w.Tasks[1].Task.ID)
	}
	for _, g := range w.Tasks {
		name := map[string]string{c.tasks["A"]: "A", c.tasks["C"]: "C"}[g.Task.ID]
		tried, errs := c.try(c.e2, map[string]string{name: g.MaxPoints})
		if len(errs) > 0 || deref(tried.Score) != deref(g.Outcome.Score) || tried.Rank != g.Outcome.Rank {
			t.Errorf("task %s: whatIf outcome %+v, whatIfTry %+v %v", name, g.Outcome, tried, errs)
		}
	}
	a, cc := w.Tasks[0], w.Tasks[1]
	if deref(w.Current.Score) != "51" || w.Current.Rank != 2 {
		t.Errorf("市乙局 now = %s rank %d, want 51, second", deref(w.Current.Score), w.Current.Rank)
	}
	if deref(a.Outcome.Score) != "81" || a.Gain != "30" || a.Outcome.Rank != 1 || a.RankGain != 1 {
		t.Errorf("A at full marks = %s (+%s), rank %d (+%d); want 81 (+30), first (+1)", deref(a.Outcome.Score), a.Gain, a.Outcome.Rank, a.RankGain)
	}
	if deref(cc.Outcome.Score) != "70" || cc.Gain != "19" || cc.Outcome.Rank != 2 || cc.RankGain != 0 {
		t.Errorf("C at full marks = %s (+%s), rank %d (+%d); want 70 (+19), still second", deref(cc.Outcome.Score), cc.Gain, cc.Outcome.Rank, cc.RankGain)
	}
	if len(a.CurrentScores) != 1 || a.CurrentScores[0] != "15" {
		t.Errorf("A's current scores = %v, want [15]", a.CurrentScores)
	}
	if after := count(); after != before {
		t.Errorf("rows (scores, history, audit) %s before what-if, %s after: a what-if must write nothing", before, after)
	}
}

func TestWhatIfRefusesWhatItCannotAnswer(t *testing.T) {
	t.Parallel()
	c := newWhatIfCase(t)
	if _, errs := c.try(c.e2, map[string]string{"A": "30.01"}); codeOf(errs) != "INVALID" {
		t.Errorf("above full marks: %+v, want INVALID", errs)
	} else if field, _, _, _ := fieldOf(errs[0]); field != "changes[0].value" {
		t.Errorf("above full marks names %q, want changes[0].value", field)
	}
	if _, errs := c.try(c.e2, map[string]string{"B": "10"}); codeOf(errs) != "INVALID" {
		t.Errorf("a task 市乙局 does not carry: %+v, want INVALID", errs)
	}
	contact := c.mustUser("甲区", auth.RoleEvaluateeContact)
	c.login(contact, testPassword)
	if _, errs := c.try(c.e2, map[string]string{"A": "10"}); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("甲区's contact on 市乙局: %+v, want FORBIDDEN", errs)
	}
	if _, errs := c.try(c.e1, map[string]string{"A": "10"}); len(errs) > 0 {
		t.Errorf("甲区's contact on its own unit: %+v", errs)
	}
	// The plan's other half year is still 未开始: nothing to act on yet.
	c.loginAs(auth.RoleLeader)
	var plan struct {
		Plan struct{ Periods []struct{ ID, State string } }
	}
	c.must(`query($p: ID!) { plan(id: $p) { periods { id state } } }`, map[string]any{"p": c.halfYear.plan}, &plan)
	var draft string
	for _, p := range plan.Plan.Periods {
		if p.ID != c.period {
			draft = p.ID
		}
	}
	var out struct{ WhatIfTry outcomeJSON }
	errs := c.do(`query($p: ID!, $e: ID!, $t: ID!) { whatIfTry(periodId: $p, evaluateeId: $e, changes: [{taskId: $t, value: "10"}]) { rank } }`,
		map[string]any{"p": draft, "e": c.e2, "t": c.tasks["A"]}, &out)
	if codeOf(errs) != "INVALID" {
		t.Errorf("what-if in a period not yet open: %+v, want INVALID", errs)
	} else if field, _, _, _ := fieldOf(errs[0]); field != "periodId" {
		t.Errorf("what-if in a period not yet open names %q, want periodId", field)
	}
}

// TestWhatIfGainsAreTrialsOfFullMarks: each task's outcome in the what-if
// ranking (computed from the dimension sums with the one task at full
// marks) equals trying full marks on that task (a whole recomputation),
// exactly, for every evaluatee of the case and after the scores change.
func TestWhatIfGainsAreTrialsOfFullMarks(t *testing.T) {
	t.Parallel()
	c := newWhatIfCase(t)
	check := func(when string) {
		for _, who := range []string{c.e2, c.self} {
			var out struct {
				WhatIf struct {
					Tasks []struct {
						Task      struct{ ID string }
						MaxPoints string
						Outcome   outcomeJSON
					}
				}
			}
			c.must(`query($p: ID!, $e: ID!) { whatIf(periodId: $p, evaluateeId: $e) { tasks { task { id } maxPoints outcome { `+outcomeFields+` } } } }`,
				map[string]any{"p": c.period, "e": who}, &out)
			if len(out.WhatIf.Tasks) == 0 {
				t.Fatalf("%s: %s: no task to gain on", when, who)
			}
			for _, g := range out.WhatIf.Tasks {
				name := ""
				for n, id := range c.tasks {
					if id == g.Task.ID {
						name = n
					}
				}
				tried, errs := c.try(who, map[string]string{name: g.MaxPoints})
				if len(errs) > 0 {
					t.Fatalf("%s: %+v", when, errs)
				}
				if deref(tried.Score) != deref(g.Outcome.Score) || deref(tried.Exact) != deref(g.Outcome.Exact) || tried.Rank != g.Outcome.Rank {
					t.Errorf("%s: %s task %s: what-if %s (%s) rank %d, tried %s (%s) rank %d", when, who, name,
						deref(g.Outcome.Score), deref(g.Outcome.Exact), g.Outcome.Rank, deref(tried.Score), deref(tried.Exact), tried.Rank)
				}
			}
		}
	}
	check("as entered")
	c.enter(map[[3]string]string{{c.e2, "A", "1"}: "3.33", {c.self, "C", "2"}: "0.01"})
	check("after changes")
}
