package leadership

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/evaluation"
	"github.com/kaoping/kaoping/server/fieldvisit"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
)

// ProfileInput names one evaluatee in one period.
type ProfileInput struct {
	PeriodID    int64
	EvaluateeID int64
}

// Profile is what the evaluatee page reads: the breakdown, where the unit
// stands in its group dimension by dimension, its indicators, and for each
// task the progress report and the field-visit photos behind the score.
type Profile struct {
	View *results.View
	Row  *results.Row
	// GroupSize is the number of scored units in the group, 0 when id may
	// not see the whole group (a contact sees only its own row).
	GroupSize  int
	Group      []GroupDimension
	Indicators []Indicator
	// Reports are the evaluatee's progress reports by task; empty for a
	// reader the report rule (evaluation.CanSeeEvaluatee) does not admit.
	Reports map[int64]store.ProgressReport
	// Photos are the photos of the finding that counted, by task; only for
	// readers the photo route serves (fieldvisit.SeesEveryVisit).
	Photos map[int64][]store.FieldPhoto
}

// GroupDimension is a dimension's rate (score ÷ points, in percent) across
// the group: the mean over the units that carry it, and the best.
type GroupDimension struct {
	DimensionID int64
	Average     decimal.Decimal
	Best        decimal.Decimal
}

// Indicator is one indicator's share of an evaluatee's daily monitoring:
// the points of the carried tasks under it and what they earned.
type Indicator struct {
	ID            int64
	DimensionID   int64
	Number        int
	Name          string
	Points        decimal.Decimal
	CarriedPoints decimal.Decimal
	Earned        decimal.Decimal
	TaskIDs       []int64
}

// Rate is earned ÷ carried points in percent (2 decimals); nil when nothing is carried.
func (i Indicator) Rate() *decimal.Decimal {
	if i.CarriedPoints.IsZero() {
		return nil
	}
	r := i.Earned.Mul(hundred).Div(i.CarriedPoints).Round(2)
	return &r
}

var hundred = decimal.NewFromInt(100)

// DimensionRate is a dimension's score as a percentage of its points.
func DimensionRate(d results.Dimension) decimal.Decimal {
	if d.Points.IsZero() {
		return decimal.Zero
	}
	return d.Score.Mul(hundred).Div(d.Points).Round(2)
}

// EvaluateeProfile reads one evaluatee's page for whoever may see its
// results (results.MaySee). A fixed number of statements: the breakdown,
// the group's ranking, the plan's indicators and tasks, the reports and the
// photos.
func EvaluateeProfile(ctx context.Context, db store.DB, id *auth.Identity, in ProfileInput) (*Profile, error) {
	v, row, err := results.EvaluateeBreakdown(ctx, db, id, in.PeriodID, in.EvaluateeID)
	if err != nil {
		return nil, err
	}
	p := &Profile{View: v, Row: row, Reports: map[int64]store.ProgressReport{}, Photos: map[int64][]store.FieldPhoto{}}
	if results.SeesWholeGroups(id) {
		g, err := results.GroupRanking(ctx, db, id, in.PeriodID, row.Evaluatee.Group)
		if err != nil {
			return nil, fmt.Errorf("group of evaluatee %d: %w", in.EvaluateeID, err)
		}
		p.Group, p.GroupSize = groupRates(g.Rows)
		// A preview breakdown is computed for the one unit alone: its
		// place comes from the group.
		for _, r := range g.Rows {
			if r.Evaluatee.ID == row.Evaluatee.ID {
				row.Rank = r.Rank
			}
		}
	}
	inds, err := indicators(ctx, db, v.Period.PlanID, []results.Breakdown{row.Result})
	if err != nil {
		return nil, err
	}
	p.Indicators = inds[0]
	if evaluation.CanSeeEvaluatee(id, &row.Evaluatee, nil) {
		reps, err := store.FindReports(ctx, db, in.PeriodID, []int64{in.EvaluateeID}, nil)
		if err != nil {
			return nil, err
		}
		for _, r := range reps {
			p.Reports[r.TaskID] = r
		}
	}
	if fieldvisit.SeesEveryVisit(id) {
		visits := map[int64]bool{}
		var ids []int64
		for _, t := range row.Result.Tasks {
			if t.Finding != nil && t.Finding.Photos > 0 && !visits[t.Finding.VisitID] {
				visits[t.Finding.VisitID] = true
				ids = append(ids, t.Finding.VisitID)
			}
		}
		photos, err := store.PhotosOfVisits(ctx, db, ids)
		if err != nil {
			return nil, err
		}
		for _, t := range row.Result.Tasks {
			if t.Finding != nil {
				p.Photos[t.TaskID] = photos[t.Finding.VisitID][t.TaskID]
			}
		}
	}
	return p, nil
}

// groupRates averages each dimension's rate over the scored units carrying it.
func groupRates(rows []results.Row) ([]GroupDimension, int) {
	type acc struct {
		sum, best decimal.Decimal
		n         int64
	}
	by := map[int64]*acc{}
	var order []int64
	size := 0
	for _, r := range rows {
		if r.Result.Score == nil {
			continue
		}
		size++
		for _, d := range r.Result.Dimensions {
			a, ok := by[d.ID]
			if !ok {
				a = &acc{}
				by[d.ID] = a
				order = append(order, d.ID)
			}
			rate := DimensionRate(d)
			a.sum = a.sum.Add(rate)
			if a.n == 0 || rate.GreaterThan(a.best) {
				a.best = rate
			}
			a.n++
		}
	}
	out := make([]GroupDimension, 0, len(order))
	for _, dim := range order {
		a := by[dim]
		out = append(out, GroupDimension{DimensionID: dim, Average: a.sum.Div(decimal.NewFromInt(a.n)).Round(2), Best: a.best})
	}
	return out, size
}

// indicators sums each breakdown's task lines by indicator, in plan order;
// indicators without a carried task are left out. Two statements.
func indicators(ctx context.Context, db store.DB, planID int64, bs []results.Breakdown) ([][]Indicator, error) {
	all, err := store.IndicatorsByPlans(ctx, db, []int64{planID})
	if err != nil {
		return nil, err
	}
	tasks, err := store.TasksByPlans(ctx, db, []int64{planID})
	if err != nil {
		return nil, err
	}
	indicatorOf := map[int64]int64{}
	for _, t := range tasks[planID] {
		indicatorOf[t.ID] = t.IndicatorID
	}
	out := make([][]Indicator, len(bs))
	for k, b := range bs {
		index := map[int64]int{}
		list := make([]Indicator, len(all[planID]))
		for i, ind := range all[planID] {
			index[ind.ID] = i
			list[i] = Indicator{ID: ind.ID, DimensionID: ind.DimensionID, Number: ind.Number, Name: ind.Name, Points: ind.Points}
		}
		for _, t := range b.Tasks {
			i, ok := index[indicatorOf[t.TaskID]]
			if !ok {
				continue
			}
			list[i].CarriedPoints = list[i].CarriedPoints.Add(t.Points)
			list[i].Earned = list[i].Earned.Add(t.Score)
			list[i].TaskIDs = append(list[i].TaskIDs, t.TaskID)
		}
		for _, ind := range list {
			if len(ind.TaskIDs) > 0 {
				out[k] = append(out[k], ind)
			}
		}
	}
	return out, nil
}
