package main

import (
	"context"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/home"
	"github.com/kaoping/kaoping/server/store"
)

const homeQuery = `{ home { today
  scorer { periodId periodName state open returned total daysLeft entryClosesOn }
  taskForce { periodId periodName state open returned total daysLeft missingImports }
  contact { periodId periodName state open total rank score daysLeft publicityEndsOn }
  inspector { visits { id evaluateeName date status items } }
  leader { ranking { periodName groups { group ranked top { rank unitName score } } } }
  auditor { refusedTotal refused { operation username } }
} }`

type homePeriod struct {
	PeriodID, PeriodName, State    string
	Open, Returned, Total          int
	DaysLeft                       *int
	EntryClosesOn, PublicityEndsOn *string
	MissingImports                 []string
	Rank                           *int
	Score                          *string
}

type homeAnswer struct {
	Home struct {
		Today     string
		Scorer    []homePeriod
		TaskForce []homePeriod
		Contact   []homePeriod
		Inspector *struct {
			Visits []struct {
				ID, EvaluateeName, Date, Status string
				Items                           int
			}
		}
		Leader *struct {
			Ranking *struct {
				PeriodName string
				Groups     []struct {
					Group  string
					Ranked int
					Top    []struct {
						Rank     int
						UnitName string
					}
				}
			}
		}
		Auditor *struct {
			RefusedTotal int
			Refused      []struct{ Operation, Username string }
		}
	}
}

func periodNamed(ps []homePeriod, name string) *homePeriod {
	for i := range ps {
		if ps[i].PeriodName == name {
			return &ps[i]
		}
	}
	return nil
}

// Each role's home on the demo data: the scorer's open cells, the 专班's
// queue and missing imports, the contact's missing reports and published
// place, the inspector's visit of today, the leader's published ranking, the
// auditor's refused operations; the administrator has none.
func TestHomeOfEachRole(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)

	a.login(a.mustUser("市审批服务局", auth.RoleLeadScorer), testPassword)
	var sc homeAnswer
	a.must(homeQuery, nil, &sc)
	if sc.Home.TaskForce != nil || sc.Home.Contact != nil || sc.Home.Leader != nil || sc.Home.Auditor != nil {
		t.Errorf("a scorer's home has other roles' sections: %+v", sc.Home)
	}
	h2 := periodNamed(sc.Home.Scorer, "2023年下半年")
	if h2 == nil || h2.Total == 0 || h2.Open+h2.Returned > h2.Total || h2.State != "OPEN" {
		t.Fatalf("scorer's open half year: %+v", sc.Home.Scorer)
	}
	if periodNamed(sc.Home.Scorer, "2023年上半年") != nil {
		t.Errorf("a published period is on the scorer's to-do list: %+v", sc.Home.Scorer)
	}
	// A refused operation for the auditor to see below.
	if errs := a.do(`mutation { setPeriodWindows(input: {periodId: "2", version: 1}) { id } }`, nil, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("a scorer setting windows: %+v", errs)
	}

	a.login(a.mustUser("昆都仑区", auth.RoleEvaluateeContact), testPassword)
	var ct homeAnswer
	a.must(homeQuery, nil, &ct)
	if h1 := periodNamed(ct.Home.Contact, "2023年上半年"); h1 == nil || h1.Rank == nil || h1.Score == nil {
		t.Errorf("contact's published half year without its place: %+v", ct.Home.Contact)
	}
	if h2 := periodNamed(ct.Home.Contact, "2023年下半年"); h2 == nil || h2.Total == 0 || h2.Open > h2.Total {
		t.Errorf("contact's open half year: %+v", ct.Home.Contact)
	}

	a.login("inspector", demo.Password)
	var in homeAnswer
	a.must(homeQuery, nil, &in)
	if in.Home.Inspector == nil || len(in.Home.Inspector.Visits) == 0 || in.Home.Inspector.Visits[0].EvaluateeName != "昆都仑区" || in.Home.Inspector.Visits[0].Items != 5 {
		t.Errorf("inspector's visits due: %+v", in.Home.Inspector)
	}

	a.loginAs(auth.RoleLeader)
	var ld homeAnswer
	a.must(homeQuery, nil, &ld)
	r := ld.Home.Leader
	if r == nil || r.Ranking == nil || r.Ranking.PeriodName != "2023年上半年" || len(r.Ranking.Groups) != 2 {
		t.Fatalf("leader's ranking: %+v", r)
	}
	for _, g := range r.Ranking.Groups {
		if len(g.Top) < home.RankingTop || g.Top[0].Rank != 1 || g.Ranked < len(g.Top) {
			t.Errorf("group %s: %+v", g.Group, g)
		}
	}

	a.loginAs(auth.RoleAuditor)
	var au homeAnswer
	a.must(homeQuery, nil, &au)
	if au.Home.Auditor == nil || au.Home.Auditor.RefusedTotal == 0 || au.Home.Auditor.Refused[0].Operation != "setPeriodWindows" {
		t.Errorf("auditor's refused operations: %+v", au.Home.Auditor)
	}

	a.loginAs(auth.RoleAdmin)
	if errs := a.do(homeQuery, nil, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("admin's home: %+v", errs)
	}
}

// The 专班 sets a period's windows; the home counts down to the last day on
// the server's clock in Asia/Shanghai. Bad dates and stale versions change
// nothing.
func TestPeriodWindowsCountDownOnTheHome(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	// 20:00 UTC is 04:00 the next day in Shanghai.
	a.clock.mu.Lock()
	a.clock.now = time.Date(2023, 12, 1, 20, 0, 0, 0, time.UTC)
	a.clock.mu.Unlock()
	set := `mutation($e: String, $p: String, $v: Int!) { setPeriodWindows(input: {periodId: "2", version: $v, entryClosesOn: $e, publicityEndsOn: $p}) { version entryClosesOn publicityEndsOn } }`
	var p struct{ Period struct{ Version int } }
	a.must(`{ period(id: "2") { version } }`, nil, &p)
	v := p.Period.Version

	for _, tc := range []struct {
		e, p, field string
	}{
		{"2023-13-01", "", "input.entryClosesOn"},
		{"2023-12-05", "2023-12-04", "input.publicityEndsOn"},
	} {
		vars := map[string]any{"e": tc.e, "v": v}
		if tc.p != "" {
			vars["p"] = tc.p
		}
		errs := a.do(set, vars, nil)
		if codeOf(errs) != "INVALID" {
			t.Errorf("%v: %+v", tc, errs)
			continue
		}
		if f, _, _, _ := fieldOf(errs[0]); f != tc.field {
			t.Errorf("%v: %+v", tc, errs)
		}
	}
	var out struct {
		SetPeriodWindows struct {
			Version                        int
			EntryClosesOn, PublicityEndsOn *string
		}
	}
	a.must(set, map[string]any{"e": "2023-12-05", "p": "2023-12-20", "v": v}, &out)
	if out.SetPeriodWindows.EntryClosesOn == nil || *out.SetPeriodWindows.EntryClosesOn != "2023-12-05" || out.SetPeriodWindows.Version != v+1 {
		t.Fatalf("set windows: %+v", out)
	}
	if errs := a.do(set, map[string]any{"e": "2023-12-06", "v": v}, nil); codeOf(errs) != "CONFLICT" {
		t.Errorf("a stale version: %+v", errs)
	}

	var h homeAnswer
	a.must(homeQuery, nil, &h)
	if h.Home.Today != "2023-12-02" {
		t.Errorf("today in Shanghai: %s", h.Home.Today)
	}
	h2 := periodNamed(h.Home.TaskForce, "2023年下半年")
	if h2 == nil || h2.DaysLeft == nil || *h2.DaysLeft != 3 {
		t.Fatalf("days left to the close of 填报: %+v", h2)
	}
	if periodNamed(h.Home.TaskForce, "2023年上半年") != nil {
		t.Errorf("a published period on the 专班's list: %+v", h.Home.TaskForce)
	}
}

// The home of a user with every role but admin and auditor costs the same
// statements on an empty database and on the demo: one per section and the
// session look-up.
func TestHomeStatementsAreFixed(t *testing.T) {
	t.Parallel()
	roles := []auth.Role{auth.RoleTaskForce, auth.RoleLeadScorer, auth.RoleEvaluateeContact, auth.RoleInspector, auth.RoleLeader}
	counts := map[bool]int64{}
	for _, withDemo := range []bool{false, true} {
		a := newAnonymousAPI(t, withDemo)
		if !withDemo {
			if err := store.CreateUnit(context.Background(), a.st.DB, &store.Unit{Name: "昆都仑区", Kind: store.UnitKindDistrict}); err != nil {
				t.Fatal(err)
			}
		}
		a.login(homeUser(a, "昆都仑区", roles), testPassword)
		a.must(homeQuery, nil, nil)
		counts[withDemo] = a.statements.Load()
	}
	if counts[false] != counts[true] {
		t.Errorf("home statements: empty %d, demo %d", counts[false], counts[true])
	}
	if counts[true] > 6 {
		t.Errorf("home took %d statements, want at most 6 (session + 5 sections)", counts[true])
	}
}

// homeUser creates a user of unit with roles (mustUser's generated name is
// too long for five roles).
func homeUser(a *api, unit string, roles []auth.Role) string {
	ctx := context.Background()
	hash, _ := auth.HashPassword(testPassword)
	u := store.User{Username: "t_home_all", DisplayName: "全部角色", PasswordHash: hash, Enabled: true}
	for _, r := range roles {
		u.Roles = append(u.Roles, string(r))
	}
	units, _ := store.ListUnits(ctx, a.st.DB)
	for _, x := range units {
		if x.Name == unit {
			u.UnitID = &x.ID
		}
	}
	if err := store.CreateUser(ctx, a.st.DB, &u); err != nil {
		a.t.Fatalf("create user: %v", err)
	}
	return u.Username
}
