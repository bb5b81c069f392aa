// Package evaluation is the half-year workflow of DESIGN §3 with its access
// rules: evaluatees report progress with evidence, lead units score the
// tasks they lead, the 专班 verifies, and periods move to publication. Each
// function checks who may act on what (role scope) and when (period state)
// before it writes, and runs inside the caller's transaction.
package evaluation

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Service holds the clock, so tests move time instead of sleeping.
type Service struct {
	Now func() time.Time
}

func actor(id *auth.Identity) store.Actor {
	return store.Actor{UserID: id.UserID, Username: id.DisplayName}
}

// requireState refuses an action the period's state does not permit. zh
// and en name the action ("录入分值", "enter scores").
func requireState(p *store.Period, a workflow.Action, zh, en string) error {
	s := p.State
	if !workflow.Allows(s, a) {
		return apperr.New(apperr.Invalid, fmt.Sprintf("%s处于“%s”阶段,不能%s", p.Name, s.Label(), zh),
			fmt.Sprintf("%s is in the %s stage; you cannot %s now", p.EnglishName(), s.English(), en))
	}
	return nil
}

// forbidden is a refusal in both languages.
func forbidden(zh, en string) error {
	return apperr.New(apperr.Forbidden, zh, en)
}

// MovePeriod moves a period (DESIGN §3). Entering 公示 freezes the results
// and requires every carried task to have a verified score from each lead
// unit; going back needs a reason and supersedes the publication.
func (s *Service) MovePeriod(ctx context.Context, tx store.DB, id *auth.Identity, periodID int64, version int, to workflow.State, reason string) (*store.Period, error) {
	p, err := store.FindPeriod(ctx, tx, periodID)
	if err != nil {
		return nil, err
	}
	if p.Version != version {
		return nil, apperr.StaleVersion(apperr.Period, periodID, p)
	}
	from := p.State
	move, ok := workflow.Find(from, to)
	if !ok {
		return nil, apperr.Field("input.to", "transition", fmt.Sprintf("不能从“%s”转到“%s”", from.Label(), to.Label()),
			fmt.Sprintf("cannot move from %s to %s", from.English(), to.English()))
	}
	var why *string
	if reason != "" {
		why = &reason
	}
	if move.NeedsReason && why == nil {
		return nil, apperr.Field("input.reason", "required", "退回或重新开放须填写理由", "going back needs a reason")
	}
	now := s.Now()
	if move.Unpublishes {
		if err := store.Supersede(ctx, tx, periodID, now); err != nil {
			return nil, err
		}
	}
	if move.Publishes {
		if _, err := s.publish(ctx, tx, id, p, now); err != nil {
			return nil, err
		}
	}
	if to == workflow.Published {
		// 公示 exists for objections: none may be left unanswered.
		counts, err := store.CountObjections(ctx, tx, []int64{periodID})
		if err != nil {
			return nil, err
		}
		if n := counts[periodID].Open; n > 0 {
			return nil, apperr.Field("input.to", "objections", fmt.Sprintf("尚有%d项异议未答复,不能发布", n),
				fmt.Sprintf("%d objections are not answered yet", n))
		}
	}
	if err := store.MovePeriod(ctx, tx, p, to, why, actor(id), now); err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Service) publish(ctx context.Context, tx store.DB, id *auth.Identity, p *store.Period, now time.Time) (*store.Publication, error) {
	data, err := results.Load(ctx, tx, p.ID, nil)
	if err != nil {
		return nil, err
	}
	rows, err := results.Compute(data, scoring.Published)
	if err != nil {
		return nil, err
	}
	missing := 0
	for _, r := range rows {
		missing += r.Result.MissingScores
	}
	if missing > 0 {
		return nil, apperr.Field("input.to", "unverified", fmt.Sprintf("尚有%d项分值未经专班核实,不能公示", missing),
			fmt.Sprintf("%d scores are not verified yet", missing))
	}
	frozen, err := results.Freeze(rows)
	if err != nil {
		return nil, err
	}
	return store.Publish(ctx, tx, p.ID, id.DisplayName, now, frozen)
}

// performers are the roles that perform each action of a period.
var performers = map[workflow.Action][]auth.Role{
	workflow.ReportProgress: {auth.RoleEvaluateeContact},
	workflow.EnterScores:    {auth.RoleLeadScorer},
	workflow.VerifyScores:   {auth.RoleTaskForce},
	workflow.ImportSources:  {auth.RoleTaskForce},
	workflow.SeeOwnResults:  {auth.RoleEvaluateeContact},
	workflow.MovePeriod:     {auth.RoleTaskForce},
}

// AllowedActions lists what id may do in period p now: an action its roles
// perform that the period's state permits. The SPA shows exactly these, so
// it never re-derives the rules.
func AllowedActions(id *auth.Identity, p *store.Period) []workflow.Action {
	s := p.State
	out := []workflow.Action{}
	for _, a := range []workflow.Action{workflow.ReportProgress, workflow.EnterScores, workflow.VerifyScores,
		workflow.ImportSources, workflow.SeeOwnResults, workflow.MovePeriod} {
		permitted := workflow.Allows(s, a) || (a == workflow.MovePeriod && len(workflow.Next(s)) > 0)
		if permitted && id.Has(performers[a]...) {
			out = append(out, a)
		}
	}
	return out
}

// EnteredBy says whether id entered score sc (and so may not verify it).
func EnteredBy(id *auth.Identity, sc *store.Score) bool {
	return id != nil && sc.EnteredBy != nil && *sc.EnteredBy == id.UserID
}

// CanSeeEvaluatee says whether id may see an evaluatee's reports and
// evidence: the 专班, leaders, inspectors and analysts (who read, never
// write), the evaluatee's own contact, and the lead units of the task concerned.
func CanSeeEvaluatee(id *auth.Identity, e *store.Evaluatee, taskLeads []int64) bool {
	switch {
	case id == nil:
		return false
	case id.Has(auth.RoleTaskForce, auth.RoleLeader, auth.RoleInspector, auth.RoleAnalyst):
		return true
	case id.Has(auth.RoleEvaluateeContact) && id.InUnit(e.UnitID):
		return true
	case id.Has(auth.RoleLeadScorer) && id.UnitID != nil && slices.Contains(taskLeads, *id.UnitID):
		return true
	}
	return false
}

// leadUnitsOf returns the lead units of task.
func leadUnitsOf(ctx context.Context, db store.DB, planID, taskID int64) ([]int64, error) {
	leads, err := store.LeadUnitsByPlans(ctx, db, []int64{planID})
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, u := range leads[planID][taskID] {
		out = append(out, u.ID)
	}
	return out, nil
}
