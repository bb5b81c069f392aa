// Package leadership answers what leaders read beside the ranking itself:
// how each unit's place moved against the previous ranking of the same kind
// (half year against the half before it, year against the year before) and
// the ranking as a spreadsheet. It reads results through server/results and
// adds no rule of its own to the formula.
package leadership

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Change is one unit's rank now and in the previous ranking.
type Change struct {
	EvaluateeID int64
	UnitID      int64
	Rank        int
	// PreviousRank is nil when the unit was not ranked last time (新).
	PreviousRank *int
}

// Delta is how many places the unit rose (negative: fell); nil for a new unit.
func (c Change) Delta() *int {
	if c.PreviousRank == nil {
		return nil
	}
	d := *c.PreviousRank - c.Rank
	return &d
}

// Changes compares a ranking with the previous one. Previous is empty when
// there is nothing published to compare with; then no row has a previous rank
// and none is "new" either: the page says why instead.
type Changes struct {
	// PreviousName names the ranking compared with ("2023年上半年", "2022年度").
	PreviousName string
	Rows         []Change
}

// ranked is a ranking reduced to what a comparison needs: unit → rank.
type ranked struct {
	evaluatee map[int64]int64 // unit → evaluatee
	rank      map[int64]int   // unit → rank
	order     []int64         // units in ranking order
}

func mayRead(id *auth.Identity) error {
	if id == nil || !id.Has(auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst) {
		return apperr.New(apperr.Forbidden, "仅专班、领导和分析员可查看名次变化", "Only the task force, leaders and analysts can see rank changes")
	}
	return nil
}

// HalfYearChanges compares a period's ranking of a group with the previous
// half year's: the first half of the same plan for a second half, the
// second half of the previous year's plan for a first half. Only a frozen
// (公示 or 发布) previous ranking counts. A bounded number of statements.
func HalfYearChanges(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, group store.RankingGroup) (*Changes, error) {
	if err := mayRead(id); err != nil {
		return nil, err
	}
	current, err := halfYear(ctx, db, id, periodID, group)
	if err != nil {
		return nil, fmt.Errorf("rank changes of period %d: %w", periodID, err)
	}
	p, err := store.FindPeriod(ctx, db, periodID)
	if err != nil {
		return nil, err
	}
	prev, err := previousPeriod(ctx, db, *p)
	if err != nil {
		return nil, fmt.Errorf("previous period of %d: %w", periodID, err)
	}
	if prev == nil {
		return compare(current, nil, ""), nil
	}
	before, err := halfYear(ctx, db, id, prev.ID, group)
	if err != nil {
		return nil, fmt.Errorf("rank changes of period %d: %w", prev.ID, err)
	}
	return compare(current, before, prev.Name), nil
}

// AnnualChanges compares a plan's annual ranking of a group with the annual
// ranking of the previous year's plan (when any half of it is published).
func AnnualChanges(ctx context.Context, db store.DB, id *auth.Identity, planID int64, group store.RankingGroup) (*Changes, error) {
	if err := mayRead(id); err != nil {
		return nil, err
	}
	current, err := annual(ctx, db, id, planID, group)
	if err != nil {
		return nil, fmt.Errorf("annual rank changes of plan %d: %w", planID, err)
	}
	plan, err := store.FindPlan(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	prevPlan, err := previousPlan(ctx, db, *plan)
	if err != nil || prevPlan == nil {
		return compare(current, nil, ""), err
	}
	before, err := annual(ctx, db, id, prevPlan.ID, group)
	if err != nil {
		return nil, fmt.Errorf("annual rank changes of plan %d: %w", prevPlan.ID, err)
	}
	if len(before.order) == 0 {
		return compare(current, nil, ""), nil
	}
	return compare(current, before, fmt.Sprintf("%d年度", prevPlan.Year)), nil
}

func compare(current, before *ranked, name string) *Changes {
	out := &Changes{PreviousName: name, Rows: make([]Change, 0, len(current.order))}
	for _, unit := range current.order {
		c := Change{EvaluateeID: current.evaluatee[unit], UnitID: unit, Rank: current.rank[unit]}
		if before != nil {
			if r, ok := before.rank[unit]; ok {
				c.PreviousRank = &r
			}
		}
		out.Rows = append(out.Rows, c)
	}
	return out
}

// halfYear reads a period's ranking of a group; units without a score are
// not ranked, so they count as absent in a comparison.
func halfYear(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, group store.RankingGroup) (*ranked, error) {
	v, err := results.GroupRanking(ctx, db, id, periodID, group)
	if err != nil {
		return nil, err
	}
	r := &ranked{evaluatee: map[int64]int64{}, rank: map[int64]int{}}
	for _, row := range v.Rows {
		if row.Result.Score == nil {
			continue
		}
		r.add(row.Evaluatee, row.Rank)
	}
	r.sort()
	return r, nil
}

func annual(ctx context.Context, db store.DB, id *auth.Identity, planID int64, group store.RankingGroup) (*ranked, error) {
	rows, err := results.AnnualRanking(ctx, db, id, planID, group)
	if err != nil {
		return nil, err
	}
	r := &ranked{evaluatee: map[int64]int64{}, rank: map[int64]int{}}
	for _, row := range rows {
		if row.Score == nil {
			continue
		}
		r.add(row.Evaluatee, row.Rank)
	}
	r.sort()
	return r, nil
}

func (r *ranked) add(e store.Evaluatee, rank int) {
	r.evaluatee[e.UnitID] = e.ID
	r.rank[e.UnitID] = rank
	r.order = append(r.order, e.UnitID)
}

func (r *ranked) sort() {
	slices.SortStableFunc(r.order, func(a, b int64) int { return cmp.Compare(r.rank[a], r.rank[b]) })
}

func frozen(p store.Period) bool {
	return p.State == workflow.Publicity || p.State == workflow.Published
}

// previousPeriod is the frozen half year before p, or nil.
func previousPeriod(ctx context.Context, db store.DB, p store.Period) (*store.Period, error) {
	planID, half := p.PlanID, p.Half-1
	if half < 1 {
		plan, err := store.FindPlan(ctx, db, p.PlanID)
		if err != nil {
			return nil, err
		}
		prev, err := previousPlan(ctx, db, *plan)
		if err != nil || prev == nil {
			return nil, err
		}
		planID, half = prev.ID, 2
	}
	periods, err := store.PeriodsByPlans(ctx, db, []int64{planID})
	if err != nil {
		return nil, err
	}
	for _, q := range periods[planID] {
		if q.Half == half && frozen(q) {
			return &q, nil
		}
	}
	return nil, nil
}

// previousPlan is the plan of the latest year before plan's, or nil. Two
// plans of one earlier year: the later-created one, as it superseded the other.
func previousPlan(ctx context.Context, db store.DB, plan store.Plan) (*store.Plan, error) {
	plans, err := store.ListPlans(ctx, db)
	if err != nil {
		return nil, err
	}
	var best *store.Plan
	for i, q := range plans {
		if q.Year >= plan.Year {
			continue
		}
		if best == nil || q.Year > best.Year || (q.Year == best.Year && q.ID > best.ID) {
			best = &plans[i]
		}
	}
	return best, nil
}
