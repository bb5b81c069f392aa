package scoring_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
)

// A task sharing 1 point with two others is worth 1/3; its full marks are
// entered as 0.33 (MaxEntry) and count as the exact share.
func TestFullMarksOnARepeatingShare(t *testing.T) {
	t.Parallel()
	plan := scoring.Plan{
		Weights: scoring.DefaultWeights(),
		Dimensions: []scoring.Dimension{{ID: 1, Points: decimal.NewFromInt(1), Indicators: []scoring.Indicator{
			{ID: 10, Points: decimal.NewFromInt(1), Tasks: []scoring.Task{{ID: 100}, {ID: 101}, {ID: 102}}},
		}}},
	}
	points := scoring.ExactTaskPoints(plan)[100]
	if got := scoring.MaxEntry(points); got.String() != "0.33" {
		t.Fatalf("MaxEntry(1/3) = %s, want 0.33", got)
	}
	input := func(score decimal.Decimal) scoring.Input {
		return scoring.Input{
			Carried:   []int64{100},
			LeadUnits: map[int64][]int64{100: {7}},
			Scores:    map[int64][]scoring.LeadScore{100: {{LeadUnitID: 7, Score: score, Verified: true}}},
		}
	}
	// 100 × (1 × 0.333…/0.333…) / 1 = 100; only DM present.
	r, err := scoring.HalfYear(plan, input(scoring.MaxEntry(points)))
	if err != nil || r.Published.String() != "100" {
		t.Errorf("full marks = %v (err %v), want 100", r.Published, err)
	}
	// 0.334 has three decimals; the long form of the share is no entry either.
	for _, s := range []string{"0.334", points.String()} {
		if _, err := scoring.HalfYear(plan, input(decimal.RequireFromString(s))); !errors.Is(err, scoring.ErrEntryPlaces) {
			t.Errorf("%s: err = %v, want ErrEntryPlaces", s, err)
		}
	}
}
