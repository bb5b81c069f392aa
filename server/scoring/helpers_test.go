package scoring_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/shopspring/decimal"
)

// d parses a decimal literal of a test.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// pd is d as a pointer, for explicit task points and annual halves.
func pd(s string) *decimal.Decimal { v := d(s); return &v }

// wantDec fails unless got equals want by value. got is a decimal or an
// exact value; an exact value compares in its long form (ExactPlaces
// decimals), so a repeating fraction is written as its first 20 decimals.
func wantDec(t *testing.T, what string, got any, want string) {
	t.Helper()
	var v decimal.Decimal
	switch g := got.(type) {
	case decimal.Decimal:
		v = g
	case scoring.Exact:
		v = g.Decimal()
	default:
		t.Fatalf("wantDec(%s): %T is not a number", what, got)
	}
	if !v.Equal(d(want)) {
		t.Errorf("%s = %s, want %s", what, v, want)
	}
}

// verified is a verified score of lead unit u.
func verified(u int64, s string) scoring.LeadScore {
	return scoring.LeadScore{LeadUnitID: u, Score: d(s), Verified: true}
}

// draft is an unverified score of lead unit u.
func draft(u int64, s string) scoring.LeadScore {
	return scoring.LeadScore{LeadUnitID: u, Score: d(s)}
}

// singleLead is an input where every task in scores is carried, led by
// unit 1 alone, with a verified score.
func singleLead(scores map[int64]string) scoring.Input {
	in := scoring.Input{LeadUnits: map[int64][]int64{}, Scores: map[int64][]scoring.LeadScore{}}
	for id, s := range scores {
		in.Carried = append(in.Carried, id)
		in.LeadUnits[id] = []int64{1}
		in.Scores[id] = []scoring.LeadScore{verified(1, s)}
	}
	return in
}

// stdPlan is the 100-point plan most table cases use:
//
//	dimension 1 (30): indicator 11 (30): task 101 = 10, tasks 102, 103 share 20 → 10 each
//	dimension 2 (20): indicator 21 (20): task 201 = 5, task 202 = 15
//	dimension 3 (50): indicator 31 (50): task 301 = 20, task 302 = 30
func stdPlan(rule scoring.MissingRule) scoring.Plan {
	return scoring.Plan{
		Weights:     scoring.DefaultWeights(),
		MissingRule: rule,
		Dimensions: []scoring.Dimension{
			{ID: 1, Points: d("30"), Indicators: []scoring.Indicator{
				{ID: 11, Points: d("30"), Tasks: []scoring.Task{{ID: 101, Points: pd("10")}, {ID: 102}, {ID: 103}}},
			}},
			{ID: 2, Points: d("20"), Indicators: []scoring.Indicator{
				{ID: 21, Points: d("20"), Tasks: []scoring.Task{{ID: 201, Points: pd("5")}, {ID: 202, Points: pd("15")}}},
			}},
			{ID: 3, Points: d("50"), Indicators: []scoring.Indicator{
				{ID: 31, Points: d("50"), Tasks: []scoring.Task{{ID: 301, Points: pd("20")}, {ID: 302, Points: pd("30")}}},
			}},
		},
	}
}

// render writes every field of a result, so that two results compare as
// strings digit for digit (Components holds pointers; print what they hold).
func render(r scoring.Result) string {
	var b strings.Builder
	for _, m := range scoring.Methods() {
		if c := r.Components[m]; c != nil {
			fmt.Fprintf(&b, "%s=%s ", m, c.String())
		} else {
			fmt.Fprintf(&b, "%s=missing ", m)
		}
	}
	r.Components = nil
	fmt.Fprintf(&b, "%+v", r)
	return b.String()
}
