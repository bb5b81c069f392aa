package results

import (
	"context"
	"fmt"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// rankFromRollups computes one group's ranking of a period from the
// dimension roll-ups (migrations/0014) instead of the raw scores: a fixed
// number of statements whose rows grow with the group (one roll-up row per
// evaluatee and dimension), not with the plan's score sheet. The figures are those of
// Compute over Load, exactly (TestRollupRankingEqualsFullComputation); the
// rows carry no task lines and no steps, which a ranking does not show.
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
	ins := make(map[int64]*scoring.SumsInput, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
		ins[e.ID] = &scoring.SumsInput{Mode: mode, NoSteps: true}
	}
	rollups, err := store.FindDimensionRollups(ctx, db, p.ID, plan.ID, group, mode == scoring.Preview)
	if err != nil {
		return nil, err
	}
	for _, r := range rollups {
		in := ins[r.EvaluateeID]
		in.Sums = append(in.Sums, scoring.DimensionSums{
			DimensionID: r.DimensionID, Tasks: r.Tasks, Denominator: r.Denominator, Points: r.Points, Earned: r.Earned, Missing: r.Missing,
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

// VerifyRollups recomputes every roll-up, score_rollups from the raw rows
// and dimension_rollups from score_rollups, and describes each stored row
// that differs, one line each (none when the triggers kept them). It only
// reads; `kaoping results verify` prints what it finds.
func VerifyRollups(ctx context.Context, db store.DB) ([]string, error) {
	mism, err := store.ScoreRollupMismatches(ctx, db)
	if err != nil {
		return nil, err
	}
	dims, err := store.FindDimensionRollupMismatches(ctx, db)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range mism {
		out = append(out, DescribeMismatch(m))
	}
	for _, m := range dims {
		out = append(out, describeDimensionMismatch(m))
	}
	return out, nil
}

func variant(drafts bool) string {
	if drafts {
		return "drafts"
	}
	return "verified"
}

// DescribeMismatch says in one line which roll-up differs and how.
func DescribeMismatch(m store.RollupMismatch) string {
	k := m.Key
	key := fmt.Sprintf("period %d evaluatee %d indicator %d %s counted=%d", k.PeriodID, k.EvaluateeID, k.IndicatorID, variant(k.Drafts), k.Counted)
	show := func(r *store.ScoreRollup) string {
		if r == nil {
			return "no row"
		}
		return fmt.Sprintf("tasks=%d explicit_points=%s shared_tasks=%d entered=%s full_shares=%d missing=%d",
			r.Tasks, r.ExplicitPoints, r.SharedTasks, r.Entered, r.FullShares, r.Missing)
	}
	return fmt.Sprintf("%s: stored %s; recomputed %s", key, show(m.Stored), show(m.Recomputed))
}

func describeDimensionMismatch(m store.DimensionRollupMismatch) string {
	k := m.Key
	key := fmt.Sprintf("period %d evaluatee %d dimension %d %s", k.PeriodID, k.EvaluateeID, k.DimensionID, variant(k.Drafts))
	show := func(r *store.DimensionRollup) string {
		if r == nil {
			return "no row"
		}
		return fmt.Sprintf("tasks=%d points=%s/%s earned=%s/%s missing=%d", r.Tasks, r.Points, r.Denominator, r.Earned, r.Denominator, r.Missing)
	}
	return fmt.Sprintf("%s: stored %s; recomputed %s", key, show(m.Stored), show(m.Recomputed))
}
