package scoring_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
)

// A task sharing 1 point with two others is worth 0.333…; full marks is the
// exact share, even though scores otherwise have two decimals.
func TestFullMarksOnARepeatingShare(t *testing.T) {
	plan := scoring.Plan{
		Weights: scoring.DefaultWeights(),
		Dimensions: []scoring.Dimension{{ID: 1, Points: decimal.NewFromInt(1), Indicators: []scoring.Indicator{
			{ID: 10, Points: decimal.NewFromInt(1), Tasks: []scoring.Task{{ID: 100}, {ID: 101}, {ID: 102}}},
		}}},
	}
	points := scoring.TaskPoints(plan)[100]
	input := func(score decimal.Decimal) scoring.Input {
		return scoring.Input{
			Carried:   []int64{100},
			LeadUnits: map[int64][]int64{100: {7}},
			Scores:    map[int64][]scoring.LeadScore{100: {{LeadUnitID: 7, Score: score, Verified: true}}},
		}
	}
	// 100 × (1 × 0.333…/0.333…) / 1 = 100; only DM present.
	r, err := scoring.HalfYear(plan, input(points))
	if err != nil || r.Published.String() != "100" {
		t.Errorf("full marks = %v (err %v), want 100", r.Published, err)
	}
	// 0.334 has three decimals and is not the exact share.
	if _, err := scoring.HalfYear(plan, input(decimal.RequireFromString("0.334"))); !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("0.334: err = %v, want ErrInvalid", err)
	}
}
