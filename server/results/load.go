package results

import (
	"context"
	"fmt"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// Data is everything the formula needs for some evaluatees of a period.
type Data struct {
	Period     store.Period
	Plan       store.Plan
	Scoring    scoring.Plan
	Evaluatees []store.Evaluatee
	LeadUnits  map[int64][]int64                 // task → lead units
	Carried    map[int64][]int64                 // evaluatee → tasks, in plan order
	Scores     map[int64]map[int64][]store.Score // evaluatee → task → lead scores
	Sources    map[int64][]store.SourceValue     // evaluatee → 民意调查/第三方评估 values
	// Findings of the latest accepted field visit per task (§2.5).
	Findings map[int64]map[int64]store.FieldJudgement // evaluatee → task → finding

	dimensions map[int64]store.Dimension
	tasks      map[int64]store.Task
	unitNames  map[int64]string
}

// Load reads a period's data for the given evaluatees (all of the plan's
// when evaluateeIDs is nil) in a fixed number of statements.
func Load(ctx context.Context, db store.DB, periodID int64, evaluateeIDs []int64) (*Data, error) {
	period, err := store.FindPeriod(ctx, db, periodID)
	if err != nil {
		return nil, err
	}
	plan, err := store.FindPlan(ctx, db, period.PlanID)
	if err != nil {
		return nil, err
	}
	d := &Data{Period: *period, Plan: *plan, dimensions: map[int64]store.Dimension{}, tasks: map[int64]store.Task{}, unitNames: map[int64]string{}}
	planIDs := []int64{plan.ID}
	dims, err := store.DimensionsByPlans(ctx, db, planIDs)
	if err != nil {
		return nil, err
	}
	inds, err := store.IndicatorsByPlans(ctx, db, planIDs)
	if err != nil {
		return nil, err
	}
	tasks, err := store.TasksByPlans(ctx, db, planIDs)
	if err != nil {
		return nil, err
	}
	leads, err := store.LeadUnitsByPlans(ctx, db, planIDs)
	if err != nil {
		return nil, err
	}
	d.Scoring = ScoringPlan(*plan, dims[plan.ID], inds[plan.ID], tasks[plan.ID])
	for _, dim := range dims[plan.ID] {
		d.dimensions[dim.ID] = dim
	}
	for _, t := range tasks[plan.ID] {
		d.tasks[t.ID] = t
	}
	d.LeadUnits = map[int64][]int64{}
	for task, us := range leads[plan.ID] {
		for _, u := range us {
			d.LeadUnits[task] = append(d.LeadUnits[task], u.ID)
			d.unitNames[u.ID] = u.Name
		}
	}

	evs, err := store.EvaluateesByPlans(ctx, db, planIDs)
	if err != nil {
		return nil, err
	}
	wanted := map[int64]bool{}
	for _, id := range evaluateeIDs {
		wanted[id] = true
	}
	for _, e := range evs[plan.ID] {
		if evaluateeIDs == nil || wanted[e.ID] {
			d.Evaluatees = append(d.Evaluatees, e)
		}
	}
	ids := make([]int64, len(d.Evaluatees))
	for i, e := range d.Evaluatees {
		ids[i] = e.ID
	}
	if d.Carried, err = store.CarriedTasks(ctx, db, ids); err != nil {
		return nil, err
	}
	scores, err := store.FindScores(ctx, db, store.ScoreFilter{PeriodID: periodID, EvaluateeIDs: ids})
	if err != nil {
		return nil, err
	}
	d.Scores = map[int64]map[int64][]store.Score{}
	for _, s := range scores {
		if d.Scores[s.EvaluateeID] == nil {
			d.Scores[s.EvaluateeID] = map[int64][]store.Score{}
		}
		d.Scores[s.EvaluateeID][s.TaskID] = append(d.Scores[s.EvaluateeID][s.TaskID], s)
	}
	sources, err := store.FindSourceValues(ctx, db, periodID, "", ids)
	if err != nil {
		return nil, fmt.Errorf("load period %d: %w", periodID, err)
	}
	d.Sources = map[int64][]store.SourceValue{}
	for _, v := range sources {
		d.Sources[v.EvaluateeID] = append(d.Sources[v.EvaluateeID], v)
	}
	findings, err := store.LatestAcceptedFindings(ctx, db, periodID, ids)
	if err != nil {
		return nil, err
	}
	d.Findings = map[int64]map[int64]store.FieldJudgement{}
	for _, f := range findings {
		if d.Findings[f.EvaluateeID] == nil {
			d.Findings[f.EvaluateeID] = map[int64]store.FieldJudgement{}
		}
		d.Findings[f.EvaluateeID][f.TaskID] = f
	}
	return d, nil
}

// ScoringPlan shapes a stored plan for the formula.
func ScoringPlan(p store.Plan, dims []store.Dimension, inds []store.Indicator, tasks []store.Task) scoring.Plan {
	byIndicator := map[int64][]scoring.Task{}
	for _, t := range tasks {
		byIndicator[t.IndicatorID] = append(byIndicator[t.IndicatorID], scoring.Task{ID: t.ID, Points: t.Points})
	}
	byDimension := map[int64][]scoring.Indicator{}
	for _, i := range inds {
		byDimension[i.DimensionID] = append(byDimension[i.DimensionID], scoring.Indicator{ID: i.ID, Points: i.Points, Tasks: byIndicator[i.ID]})
	}
	out := scoring.Plan{
		Weights: scoring.Weights{
			DM: p.Weights.DailyMonitoring, FV: p.Weights.FieldVisits,
			PO: p.Weights.PublicOpinion, TP: p.Weights.ThirdParty,
		},
		MissingRule: scoring.MissingRule(p.MissingComponentRule),
	}
	for _, d := range dims {
		out.Dimensions = append(out.Dimensions, scoring.Dimension{ID: d.ID, Points: d.Points, Indicators: byDimension[d.ID]})
	}
	return out
}

// PlanTaskPoints returns every task's exact points in a plan (DESIGN §2.1),
// from the plan's structure alone, in three statements.
func PlanTaskPoints(ctx context.Context, db store.DB, planID int64) (map[int64]scoring.Exact, error) {
	ids := []int64{planID}
	dims, err := store.DimensionsByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	inds, err := store.IndicatorsByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	tasks, err := store.TasksByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	return scoring.ExactTaskPoints(ScoringPlan(store.Plan{}, dims[planID], inds[planID], tasks[planID])), nil
}
