package leadership

import (
	"context"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Comparisons hold 2 to 6 evaluatees: fewer is not a comparison, more no
// longer reads as one radar or one table on a screen.
const (
	MinCompared = 2
	MaxCompared = 6
)

// CompareInput names the evaluatees to set side by side in one period.
type CompareInput struct {
	PeriodID     int64
	EvaluateeIDs []int64
}

// Compared is one evaluatee's column of a comparison.
type Compared struct {
	Row        results.Row
	Indicators []Indicator
}

// Comparison is evaluatees side by side in one period, in the order asked.
type Comparison struct {
	View *results.View
	Rows []Compared
}

// Compare reads 2–6 evaluatees' results of one period with their
// indicators, for whoever may see each of them. Statements grow with the
// number compared (at most six), not with the size of a group.
func Compare(ctx context.Context, db store.DB, id *auth.Identity, in CompareInput) (*Comparison, error) {
	if err := validCompare(in.EvaluateeIDs); err != nil {
		return nil, err
	}
	out := &Comparison{}
	var bs []results.Breakdown
	for _, e := range in.EvaluateeIDs {
		v, row, err := results.EvaluateeBreakdown(ctx, db, id, in.PeriodID, e)
		if err != nil {
			return nil, fmt.Errorf("compare evaluatee %d: %w", e, err)
		}
		out.View = v
		out.Rows = append(out.Rows, Compared{Row: *row})
		bs = append(bs, row.Result)
	}
	// A preview breakdown is computed for one unit alone, so places come
	// from the groups' rankings (at most two groups).
	if out.View.Preview {
		ranks := map[int64]int{}
		groups := map[store.RankingGroup]bool{}
		for _, c := range out.Rows {
			g := c.Row.Evaluatee.Group
			if groups[g] {
				continue
			}
			groups[g] = true
			v, err := results.GroupRanking(ctx, db, id, in.PeriodID, g)
			if err != nil {
				return nil, fmt.Errorf("compare in group %s: %w", g, err)
			}
			for _, r := range v.Rows {
				ranks[r.Evaluatee.ID] = r.Rank
			}
		}
		for i := range out.Rows {
			out.Rows[i].Row.Rank = ranks[out.Rows[i].Row.Evaluatee.ID]
		}
	}
	inds, err := indicators(ctx, db, out.View.Period.PlanID, bs)
	if err != nil {
		return nil, err
	}
	for i := range out.Rows {
		out.Rows[i].Indicators = inds[i]
	}
	return out, nil
}

func validCompare(ids []int64) error {
	if len(ids) < MinCompared || len(ids) > MaxCompared {
		return apperr.Field("evaluateeIds", "count", fmt.Sprintf("请选择 %d–%d 个考评对象进行对比(当前 %d 个)", MinCompared, MaxCompared, len(ids)),
			fmt.Sprintf("compare %d to %d evaluatees, not %d", MinCompared, MaxCompared, len(ids)))
	}
	seen := map[int64]bool{}
	for _, e := range ids {
		if seen[e] {
			return apperr.Field("evaluateeIds", "unique", "同一考评对象不能重复选择", "an evaluatee is listed twice")
		}
		seen[e] = true
	}
	return nil
}

// TrendPoint is one period's figures of an evaluatee and its group.
type TrendPoint struct {
	Period  store.Period
	Year    int
	Preview bool
	Score   *decimal.Decimal
	Rank    *int
	// GroupAverage is the mean score of the group's scored units; nil for
	// a reader who sees only its own row.
	GroupAverage *decimal.Decimal
	GroupSize    int
}

// TrendInput names the evaluatee whose unit is followed over the years.
type TrendInput struct {
	EvaluateeID int64
}

// Trend follows an evaluatee's unit in its group through every period of
// every plan year, oldest first. Periods still being prepared have no
// figures and are left out; open ones are previews (marked); a period id
// may not see yet (a contact before 公示) is left out. Statements grow with
// the number of periods, not with the size of the group.
func Trend(ctx context.Context, db store.DB, id *auth.Identity, in TrendInput) ([]TrendPoint, error) {
	e, err := store.FindEvaluatee(ctx, db, in.EvaluateeID)
	if err != nil {
		return nil, err
	}
	// Published figures are the most anyone sees of another unit; a contact
	// of another unit sees nothing of this one.
	if !results.MaySee(id, e, workflow.Published) {
		return nil, apperr.New(apperr.Forbidden, "只能查看本单位的得分走势", "You can only see your own unit's score trend")
	}
	plans, err := store.ListPlans(ctx, db)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(plans, func(a, b store.Plan) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return int(a.ID - b.ID)
	})
	planIDs := make([]int64, len(plans))
	for i, p := range plans {
		planIDs[i] = p.ID
	}
	periods, err := store.PeriodsByPlans(ctx, db, planIDs)
	if err != nil {
		return nil, err
	}
	evs, err := store.EvaluateesByPlans(ctx, db, planIDs)
	if err != nil {
		return nil, err
	}
	var out []TrendPoint
	for _, plan := range plans {
		var mine *store.Evaluatee
		for i, x := range evs[plan.ID] {
			if x.UnitID == e.UnitID {
				mine = &evs[plan.ID][i]
			}
		}
		if mine == nil {
			continue // the unit was not evaluated that year
		}
		for _, p := range periods[plan.ID] {
			if p.State == workflow.Draft {
				continue
			}
			v, err := results.GroupRanking(ctx, db, id, p.ID, mine.Group)
			if apperr.CodeOf(err) == apperr.Forbidden {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("trend of evaluatee %d in period %d: %w", in.EvaluateeID, p.ID, err)
			}
			pt := TrendPoint{Period: p, Year: plan.Year, Preview: v.Preview}
			sum, n := decimal.Zero, 0
			for _, r := range v.Rows {
				if r.Result.Score == nil {
					continue
				}
				sum, n = sum.Add(*r.Result.Score), n+1
				if r.Evaluatee.ID == mine.ID {
					score, rank := *r.Result.Score, r.Rank
					pt.Score, pt.Rank = &score, &rank
				}
			}
			if n > 0 && results.SeesWholeGroups(id) {
				avg := sum.Div(decimal.NewFromInt(int64(n))).Round(2)
				pt.GroupAverage, pt.GroupSize = &avg, n
			}
			if pt.Score == nil && !results.SeesWholeGroups(id) {
				continue // nothing of its own to show
			}
			out = append(out, pt)
		}
	}
	return out, nil
}
