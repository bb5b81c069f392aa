package results

import (
	"context"
	"fmt"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// rankFromRollups computes one group's ranking of a period from the score
// roll-ups (migrations/0007) instead of the raw scores: a fixed number of
// statements whose rows grow with the group (a few roll-up rows per
// evaluatee), not with the plan's score sheet. The figures are those of
// Compute over Load, exactly (TestRollupRankingEqualsFullComputation); the
// rows carry no task lines, which a ranking does not show.
func rankFromRollups(ctx context.Context, db store.DB, p store.Period, group store.RankingGroup, mode scoring.Mode) ([]Row, error) {
	plan, err := store.FindPlan(ctx, db, p.PlanID)
	if err != nil {
		return nil, err
	}
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
	sp := ScoringPlan(*plan, dims[plan.ID], inds[plan.ID], tasks[plan.ID])
	prep, err := scoring.Prepare(sp)
	if err != nil {
		return nil, fmt.Errorf("plan %d: %w", plan.ID, err)
	}
	dimByID := map[int64]store.Dimension{}
	for _, d := range dims[plan.ID] {
		dimByID[d.ID] = d
	}

	evs, err := store.EvaluateesInGroup(ctx, db, plan.ID, group)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	ins := make(map[int64]*scoring.SumsInput, len(evs))
	for _, id := range ids {
		ins[id] = &scoring.SumsInput{Mode: mode}
	}
	rollups, err := store.ScoreRollups(ctx, db, p.ID, ids, mode == scoring.Preview)
	if err != nil {
		return nil, err
	}
	for _, r := range rollups {
		in := ins[r.EvaluateeID]
		in.Sums = append(in.Sums, scoring.TaskSums{
			IndicatorID: r.IndicatorID, Counted: r.Counted, Tasks: r.Tasks, ExplicitPoints: r.ExplicitPoints,
			SharedTasks: r.SharedTasks, Entered: r.Entered, FullShares: r.FullShares, Missing: r.Missing,
		})
	}
	findings, err := store.LatestCountedFindings(ctx, db, p.ID, ids)
	if err != nil {
		return nil, err
	}
	for _, f := range findings {
		in := ins[f.EvaluateeID]
		in.FieldItems = append(in.FieldItems, scoring.FieldItem{TaskID: f.TaskID, Judgement: scoring.Judgement(f.Judgement)})
	}
	sources, err := store.FindSourceValues(ctx, db, p.ID, "", ids)
	if err != nil {
		return nil, fmt.Errorf("load period %d: %w", p.ID, err)
	}
	for _, v := range sources {
		in := ins[v.EvaluateeID]
		sv := scoring.SourceValue{Source: v.Source, Value: v.Value, Weight: v.Weight}
		if v.Method == string(scoring.PublicOpinion) {
			in.PublicOpinion = append(in.PublicOpinion, sv)
		} else {
			in.ThirdParty = append(in.ThirdParty, sv)
		}
	}

	rows := make([]Row, 0, len(evs))
	for _, e := range evs {
		res, err := prep.HalfYearFromSums(*ins[e.ID])
		b, err := summarise(e.ID, res, err, sp.Weights, dimByID)
		if err != nil {
			return nil, fmt.Errorf("result of %s: %w", e.Unit.Name, err)
		}
		rows = append(rows, Row{Evaluatee: e, Result: b})
	}
	rank(rows)
	return rows, nil
}

// VerifyRollups recomputes every score roll-up from the raw rows and
// returns the stored ones that differ (none, when the triggers kept them).
// It only reads; `kaoping results verify` prints what it finds.
func VerifyRollups(ctx context.Context, db store.DB) ([]store.RollupMismatch, error) {
	return store.ScoreRollupMismatches(ctx, db)
}

// DescribeMismatch says in one line which roll-up differs and how.
func DescribeMismatch(m store.RollupMismatch) string {
	k := m.Key
	variant := "verified"
	if k.Drafts {
		variant = "drafts"
	}
	key := fmt.Sprintf("period %d evaluatee %d indicator %d %s counted=%d", k.PeriodID, k.EvaluateeID, k.IndicatorID, variant, k.Counted)
	show := func(r *store.ScoreRollup) string {
		if r == nil {
			return "no row"
		}
		return fmt.Sprintf("tasks=%d explicit_points=%s shared_tasks=%d entered=%s full_shares=%d missing=%d",
			r.Tasks, r.ExplicitPoints, r.SharedTasks, r.Entered, r.FullShares, r.Missing)
	}
	return fmt.Sprintf("%s: stored %s; recomputed %s", key, show(m.Stored), show(m.Recomputed))
}
