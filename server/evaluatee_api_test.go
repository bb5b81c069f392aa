package main

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// The evaluatee page, comparisons and trends read the same figures as the
// ranking and the breakdown; these tests hold them to that on the
// twoHalves plan (上半年 published: 乙区 80, 甲区 60; 下半年 open: 甲区 90,
// 丙区 80, 乙区 70), and count their statements on the demo plan.

const profileQuery = `query($p: ID!, $e: ID!) { evaluateeProfile(periodId: $p, evaluateeId: $e) {
	rank groupSize
	breakdown { score preview dimensions { dimensionId score points } tasks { taskId score } }
	groupRates { dimensionId average best }
	indicators { indicatorId name points carriedPoints earned rate taskIds }
	taskEvidence { taskId report { id state evidence { id filename url } } photos { id url } }
} }`

type profileJSON struct {
	EvaluateeProfile struct {
		Rank      *int
		GroupSize int
		Breakdown struct {
			Score      *string
			Preview    bool
			Dimensions []struct{ DimensionID, Score, Points string }
			Tasks      []struct{ TaskID, Score string }
		}
		GroupRates []struct{ DimensionID, Average, Best string }
		Indicators []struct {
			IndicatorID, Name, Points, CarriedPoints, Earned string
			Rate                                             *string
			TaskIds                                          []string
		}
		TaskEvidence []struct {
			TaskID string
			Report *struct {
				ID, State string
				Evidence  []struct{ ID, Filename, URL string }
			}
			Photos []struct{ ID, URL string }
		}
	}
}

func TestEvaluateeProfileAgreesWithTheRanking(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)

	// 甲区's contact reports on the task of the open half, with a file.
	contact := s.mustUser("甲区", auth.RoleEvaluateeContact)
	s.login(contact, testPassword)
	var rep struct{ SaveProgressReport struct{ ID string } }
	s.must(`mutation($p: ID!, $e: ID!, $t: ID!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: COMPLETED, narrative: "已完成", version: 0}) { id } }`,
		map[string]any{"p": s.h2, "e": s.jia, "t": s.task}, &rep)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
	if errs := s.upload(`mutation($r: ID!, $f: Upload!) { uploadEvidence(reportId: $r, file: $f) { id } }`,
		map[string]any{"r": rep.SaveProgressReport.ID, "f": nil}, "variables.f", "佐证.png", png, nil); len(errs) > 0 {
		t.Fatal(errs)
	}

	s.loginAs(auth.RoleLeader)
	var ranking struct {
		Ranking struct {
			Rows []struct {
				Rank      int
				Score     string
				Evaluatee struct{ ID string }
			}
		}
	}
	s.must(`query($p: ID!) { ranking(periodId: $p, group: DISTRICTS) { rows { rank score evaluatee { id } } } }`, map[string]any{"p": s.h1}, &ranking)
	for _, row := range ranking.Ranking.Rows {
		var got profileJSON
		s.must(profileQuery, map[string]any{"p": s.h1, "e": row.Evaluatee.ID}, &got)
		p := got.EvaluateeProfile
		if p.Rank == nil || *p.Rank != row.Rank || p.Breakdown.Score == nil || *p.Breakdown.Score != row.Score {
			t.Errorf("profile of %s: rank %v score %v, ranking says %d %s", row.Evaluatee.ID, p.Rank, p.Breakdown.Score, row.Rank, row.Score)
		}
		// One dimension of 100 points: rate = score; the group's mean of 80 and 60 is 70, the best 80.
		if p.GroupSize != 2 || len(p.GroupRates) != 1 || p.GroupRates[0].Average != "70" || p.GroupRates[0].Best != "80" {
			t.Errorf("group of %s = %d %+v, want 2 units, average 70, best 80", row.Evaluatee.ID, p.GroupSize, p.GroupRates)
		}
		if len(p.Indicators) != 1 || p.Indicators[0].Rate == nil || *p.Indicators[0].Rate != row.Score || p.Indicators[0].Earned != p.Breakdown.Tasks[0].Score {
			t.Errorf("indicators of %s = %+v, want one at %s%%", row.Evaluatee.ID, p.Indicators, row.Score)
		}
	}

	// The open half: a preview with the report and its file, downloadable by the leader.
	var open profileJSON
	s.must(profileQuery, map[string]any{"p": s.h2, "e": s.jia}, &open)
	ev := open.EvaluateeProfile.TaskEvidence
	if !open.EvaluateeProfile.Breakdown.Preview || len(ev) != 1 || ev[0].Report == nil || len(ev[0].Report.Evidence) != 1 {
		t.Fatalf("open half = %+v, want a preview with the report and one file", open.EvaluateeProfile)
	}
	resp, err := s.client.Get(s.srv.URL + ev[0].Report.Evidence[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("leader opening the evidence: %d", resp.StatusCode)
	}
	if open.EvaluateeProfile.Rank == nil || *open.EvaluateeProfile.Rank != 1 || open.EvaluateeProfile.GroupSize != 3 {
		t.Errorf("open half rank %v of %d, want 1 of 3", open.EvaluateeProfile.Rank, open.EvaluateeProfile.GroupSize)
	}

	// A contact sees its own unit from 公示 on, without the group's figures,
	// and nothing of another unit.
	s.login(contact, testPassword)
	var own profileJSON
	s.must(profileQuery, map[string]any{"p": s.h1, "e": s.jia}, &own)
	if own.EvaluateeProfile.GroupSize != 0 || len(own.EvaluateeProfile.GroupRates) != 0 {
		t.Errorf("contact sees group figures: %+v", own.EvaluateeProfile)
	}
	if errs := s.do(profileQuery, map[string]any{"p": s.h1, "e": s.yi}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("contact of 甲区 reading 乙区: %+v", errs)
	}
	if errs := s.do(`query($e: ID!) { evaluateeTrend(evaluateeId: $e) { score } }`, map[string]any{"e": s.yi}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("contact of 甲区 reading 乙区's trend: %+v", errs)
	}
	if errs := s.do(`query($p: ID!, $e: [ID!]!) { compareEvaluatees(periodId: $p, evaluateeIds: $e) { preview } }`,
		map[string]any{"p": s.h1, "e": []string{s.jia, s.yi}}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("contact comparing: %+v", errs)
	}
}

func TestCompareEvaluatees(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	s.loginAs(auth.RoleLeader)
	q := `query($p: ID!, $e: [ID!]!) { compareEvaluatees(periodId: $p, evaluateeIds: $e) {
		preview rows { rank score evaluatee { id } dimensions { score } indicators { rate } } } }`
	var got struct {
		CompareEvaluatees struct {
			Preview bool
			Rows    []struct {
				Rank       *int
				Score      *string
				Evaluatee  struct{ ID string }
				Dimensions []struct{ Score string }
				Indicators []struct{ Rate *string }
			}
		}
	}
	s.must(q, map[string]any{"p": s.h2, "e": []string{s.yi, s.jia, s.bing}}, &got)
	want := []struct {
		id, score string
		rank      int
	}{{s.yi, "70", 3}, {s.jia, "90", 1}, {s.bing, "80", 2}} // in the order asked
	c := got.CompareEvaluatees
	if !c.Preview || len(c.Rows) != 3 {
		t.Fatalf("comparison = %+v", c)
	}
	for i, w := range want {
		r := c.Rows[i]
		if r.Evaluatee.ID != w.id || r.Score == nil || *r.Score != w.score || r.Rank == nil || *r.Rank != w.rank ||
			len(r.Indicators) != 1 || *r.Indicators[0].Rate != w.score || r.Dimensions[0].Score != w.score {
			t.Errorf("row %d = %+v, want %s %s rank %d", i, r, w.id, w.score, w.rank)
		}
	}

	// Fewer than 2, more than 6 or twice the same: a clear refusal naming the field.
	seven := []string{s.jia, s.yi, s.bing, "4", "5", "6", "7"}
	for name, ids := range map[string][]string{"one": {s.jia}, "seven": seven, "twice": {s.jia, s.jia}} {
		errs := s.do(q, map[string]any{"p": s.h2, "e": ids}, nil)
		if codeOf(errs) != "INVALID" {
			t.Errorf("%s: %+v, want INVALID", name, errs)
			continue
		}
		if field, _, zh, _ := fieldOf(errs[0]); field != "evaluateeIds" || zh == "" {
			t.Errorf("%s: field %q message %q", name, field, zh)
		}
	}
}

func TestEvaluateeTrendOverEveryPeriod(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	s.loginAs(auth.RoleLeader)
	var got struct {
		EvaluateeTrend []struct {
			Period       struct{ ID string }
			Year         int
			Preview      bool
			Score        *string
			Rank         *int
			GroupAverage *string
			GroupSize    int
		}
	}
	s.must(`query($e: ID!) { evaluateeTrend(evaluateeId: $e) { period { id } year preview score rank groupAverage groupSize } }`, map[string]any{"e": s.jia}, &got)
	pts := got.EvaluateeTrend
	if len(pts) != 2 {
		t.Fatalf("trend = %+v, want both halves", pts)
	}
	h1, h2 := pts[0], pts[1]
	if h1.Period.ID != s.h1 || h1.Preview || *h1.Score != "60" || *h1.Rank != 2 || *h1.GroupAverage != "70" || h1.GroupSize != 2 || h1.Year != 2024 {
		t.Errorf("上半年 = %+v", h1)
	}
	if h2.Period.ID != s.h2 || !h2.Preview || *h2.Score != "90" || *h2.Rank != 1 || *h2.GroupAverage != "80" || h2.GroupSize != 3 {
		t.Errorf("下半年 = %+v", h2)
	}
}

// The evaluatee page, a comparison and a trend each cost the same number of
// statements for a unit of the big group as for one of the small, and a
// comparison grows with the units compared (at most six), not their groups.
func TestEvaluateeReadsStatementsAreBounded(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	a.loginAs(auth.RoleLeader)
	var ranking struct {
		Ranking struct {
			Rows []struct{ Evaluatee struct{ ID string } }
		}
	}
	pick := func(group string, n int) []string {
		a.must(`query($g: RankingGroup!) { ranking(periodId: "1", group: $g) { rows { evaluatee { id } } } }`, map[string]any{"g": group}, &ranking)
		var ids []string
		for _, r := range ranking.Ranking.Rows[:n] {
			ids = append(ids, r.Evaluatee.ID)
		}
		return ids
	}
	districts, departments := pick("DISTRICTS", 6), pick("DEPARTMENTS", 2)
	counts := map[string]int64{}
	for _, period := range []string{"1", "2"} { // published, and open (a preview)
		for name, e := range map[string]string{"district": districts[0], "department": departments[0]} {
			a.must(profileQuery, map[string]any{"p": period, "e": e}, nil)
			counts["profile"+period+name] = a.statements.Load()
		}
		cq := `query($p: ID!, $e: [ID!]!) { compareEvaluatees(periodId: $p, evaluateeIds: $e) { rows { score indicators { rate } } } }`
		a.must(cq, map[string]any{"p": period, "e": districts[:2]}, nil)
		counts["compare2-"+period] = a.statements.Load()
		a.must(cq, map[string]any{"p": period, "e": districts}, nil)
		counts["compare6-"+period] = a.statements.Load()
	}
	for name, e := range map[string]string{"district": districts[0], "department": departments[0]} {
		a.must(`query($e: ID!) { evaluateeTrend(evaluateeId: $e) { score rank groupAverage period { name } } }`, map[string]any{"e": e}, nil)
		counts["trend"+name] = a.statements.Load()
	}
	t.Logf("statements: %v", counts)
	for _, p := range []string{"1", "2"} {
		if counts["profile"+p+"district"] != counts["profile"+p+"department"] {
			t.Errorf("profile statements differ between groups: %v", counts)
		}
		if counts["profile"+p+"district"] > 40 {
			t.Errorf("profile: %d statements", counts["profile"+p+"district"])
		}
		if two, six := counts["compare2-"+p], counts["compare6-"+p]; six > 3*two || six > 6*15 {
			t.Errorf("compare: %d statements for 2, %d for 6", two, six)
		}
	}
	if counts["trenddistrict"] != counts["trenddepartment"] || counts["trenddistrict"] > 40 {
		t.Errorf("trend statements: %v", counts)
	}
}
