// Package home answers what a signed-in user must do now: one section per
// role the user has (the scorer's open cells, the 专班's queues and closing
// windows, the contact's missing reports and results in 公示, the
// inspector's visits due, the leader's latest published ranking, the
// auditor's refused operations). Each section is one bounded statement, so
// the home page costs the same whatever the size of the plans.
package home

import (
	"context"
	"fmt"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// SoonDays is how close a window's last day must be to count as closing
// soon on the 专班's home.
const SoonDays = 7

// RankingTop is how many places of each group the leader's home shows.
const RankingTop = 3

// RecentRefused is how many refused operations the auditor's home lists.
const RecentRefused = 10

// MaxVisits bounds the inspector's list of visits due.
const MaxVisits = 50

// Period is one period on a home page with what is still to do in it.
type Period struct {
	store.PeriodWork
	// DaysLeft counts down to the last day of the window the period is in
	// (填报 while OPEN, 公示 while PUBLICITY); nil when it has no date or
	// the state has no window.
	DaysLeft       *int
	MissingImports []scoring.Method
}

// Home is the to-do list of one user; a section is nil when the user does
// not have its role.
type Home struct {
	Today     time.Time
	Scorer    []Period
	TaskForce []Period
	Contact   []Period
	Inspector *Inspector
	Leader    *Leader
	Auditor   *Auditor
}

// Inspector lists the visits due today or overdue.
type Inspector struct {
	Visits []store.VisitWork
}

// Leader holds the latest published ranking's first places; Ranking is nil
// when nothing is published.
type Leader struct {
	Ranking *Ranking
}

// Ranking summarises a published period.
type Ranking struct {
	PeriodID, PlanID     int64
	PlanName, PeriodName string
	PublishedAt          *time.Time
	Groups               []RankingGroup
}

// RankingGroup is one ranking group's size and first places.
type RankingGroup struct {
	Group  store.RankingGroup
	Ranked int
	Top    []store.RankingTop
}

// Auditor holds the refused operations of the last week.
type Auditor struct {
	RefusedTotal int
	Refused      []audit.Record
}

// Get returns the home of the signed-in user at now. Every role but the
// administrator has a home (the administrator's start page is 用户管理).
func Get(ctx context.Context, db store.DB, id *auth.Identity, now time.Time) (*Home, error) {
	if id == nil || len(id.Roles) == 0 || (len(id.Roles) == 1 && id.Has(auth.RoleAdmin)) {
		return nil, apperr.New(apperr.Forbidden, "系统管理员没有待办首页", "System administrators have no to-do home page")
	}
	h := &Home{Today: workflow.Today(now)}
	if id.Has(auth.RoleLeadScorer) && id.UnitID != nil {
		rows, err := store.CountScorerWork(ctx, db, *id.UnitID)
		if err != nil {
			return nil, err
		}
		h.Scorer = periods(h.Today, rows)
	}
	if id.Has(auth.RoleTaskForce) {
		rows, err := store.CountTaskForceWork(ctx, db)
		if err != nil {
			return nil, err
		}
		h.TaskForce = periods(h.Today, rows)
	}
	if id.Has(auth.RoleEvaluateeContact) && id.UnitID != nil {
		rows, err := store.CountContactWork(ctx, db, *id.UnitID)
		if err != nil {
			return nil, err
		}
		h.Contact = periods(h.Today, rows)
	}
	if id.Has(auth.RoleInspector) {
		// Visits of tomorrow too: an inspector prepares the evening before.
		visits, err := store.CountInspectorWork(ctx, db, id.UserID, h.Today.AddDate(0, 0, 1), MaxVisits)
		if err != nil {
			return nil, err
		}
		h.Inspector = &Inspector{Visits: visits}
	}
	if id.Has(auth.RoleLeader, auth.RoleAnalyst) {
		top, err := store.LatestPublishedTop(ctx, db, RankingTop)
		if err != nil {
			return nil, err
		}
		h.Leader = &Leader{Ranking: ranking(top)}
	}
	if id.Has(auth.RoleAuditor) {
		since := now.AddDate(0, 0, -7)
		recs, total, err := audit.Find(ctx, db, audit.Filter{Outcome: "DENIED", From: &since}, 0, RecentRefused)
		if err != nil {
			return nil, fmt.Errorf("recent refused operations: %w", err)
		}
		h.Auditor = &Auditor{RefusedTotal: total, Refused: recs}
	}
	return h, nil
}

func periods(today time.Time, rows []store.PeriodWork) []Period {
	out := make([]Period, 0, len(rows))
	for _, r := range rows {
		p := Period{PeriodWork: r, MissingImports: []scoring.Method{}}
		switch workflow.State(r.State) {
		case workflow.Open:
			p.DaysLeft = workflow.DaysLeft(today, r.EntryClosesOn)
		case workflow.Publicity:
			p.DaysLeft = workflow.DaysLeft(today, r.PublicityEndsOn)
		}
		if r.MissingPublicOpinion {
			p.MissingImports = append(p.MissingImports, scoring.PublicOpinion)
		}
		if r.MissingThirdParty {
			p.MissingImports = append(p.MissingImports, scoring.ThirdParty)
		}
		out = append(out, p)
	}
	return out
}

func ranking(rows []store.RankingTop) *Ranking {
	if len(rows) == 0 {
		return nil
	}
	r := &Ranking{PeriodID: rows[0].PeriodID, PlanID: rows[0].PlanID, PlanName: rows[0].PlanName,
		PeriodName: rows[0].PeriodName, PublishedAt: rows[0].PublishedAt}
	for _, row := range rows {
		g := store.RankingGroup(row.Group)
		if len(r.Groups) == 0 || r.Groups[len(r.Groups)-1].Group != g {
			r.Groups = append(r.Groups, RankingGroup{Group: g, Ranked: row.Ranked})
		}
		last := &r.Groups[len(r.Groups)-1]
		last.Top = append(last.Top, row)
	}
	return r
}
