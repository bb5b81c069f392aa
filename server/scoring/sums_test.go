package scoring_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
)

// sumsOf rolls an input up the way dimension_rollups does
// (migrations/0014): per dimension, Σ P_t and Σ s_t as integers over a
// common denominator.
func sumsOf(p scoring.Plan, in scoring.Input) scoring.SumsInput {
	points := scoring.ExactTaskPoints(p)
	dimOf := map[int64]int64{}
	for _, d := range p.Dimensions {
		for _, i := range d.Indicators {
			for _, t := range i.Tasks {
				dimOf[t.ID] = d.ID
			}
		}
	}
	type acc struct {
		tasks, missing int
		points, earned big.Rat
	}
	accs := map[int64]*acc{}
	var order []int64
	for _, id := range in.Carried {
		a := accs[dimOf[id]]
		if a == nil {
			a = &acc{}
			accs[dimOf[id]] = a
			order = append(order, dimOf[id])
		}
		counted, sum := 0, new(big.Rat)
		for _, s := range in.Scores[id] {
			if !s.Verified && in.Mode != scoring.Preview {
				continue
			}
			counted++
			sum.Add(sum, scoring.CountedEntry(s.Score, points[id]).Rat())
		}
		if counted > 0 {
			sum.Quo(sum, new(big.Rat).SetInt64(int64(counted)))
		}
		a.tasks++
		a.missing += len(in.LeadUnits[id]) - counted
		a.points.Add(&a.points, points[id].Rat())
		a.earned.Add(&a.earned, sum)
	}
	out := scoring.SumsInput{FieldItems: in.FieldItems, PublicOpinion: in.PublicOpinion, ThirdParty: in.ThirdParty, Mode: in.Mode}
	for _, d := range order {
		a := accs[d]
		// A denominator both fractions divide (not the least: the reader
		// must not depend on it being reduced).
		den := new(big.Int).Mul(a.points.Denom(), a.earned.Denom())
		num := func(r *big.Rat) decimal.Decimal {
			n := new(big.Int).Mul(r.Num(), den)
			return decimal.NewFromBigInt(n.Quo(n, r.Denom()), 0)
		}
		out.Sums = append(out.Sums, scoring.DimensionSums{DimensionID: d, Tasks: a.tasks, Denominator: decimal.NewFromBigInt(den, 0),
			Points: num(&a.points), Earned: num(&a.earned), Missing: a.missing})
	}
	return out
}

// TestPropertySumsGiveHalfYear: the formula from roll-ups gives exactly
// HalfYear's H, components, dimensions, steps and missing count.
func TestPropertySumsGiveHalfYear(t *testing.T) {
	t.Parallel()
	g := newGen(9)
	for it := range iterations {
		p := g.plan(decimal.NewFromInt(100), g.chance(50))
		in := g.input(p, inputOpts{maxLeads: 3})
		want, werr := scoring.HalfYear(p, in)
		prep, err := scoring.Prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		got, gerr := prep.HalfYearFromSums(sumsOf(p, in))
		if (werr == nil) != (gerr == nil) || (werr != nil && !errors.Is(gerr, scoring.ErrNoScore)) {
			t.Fatalf("iteration %d: HalfYear error %v, from sums %v", it, werr, gerr)
		}
		if want.Exact.Cmp(got.Exact) != 0 || want.MissingScores != got.MissingScores ||
			fmt.Sprint(want.Dimensions) != fmt.Sprint(got.Dimensions) || fmt.Sprint(want.Steps) != fmt.Sprint(got.Steps) {
			t.Fatalf("iteration %d:\nHalfYear  %s missing %d %v\nfrom sums %s missing %d %v", it,
				want.Exact, want.MissingScores, want.Steps, got.Exact, got.MissingScores, got.Steps)
		}
		for _, m := range scoring.Methods() {
			if fmt.Sprint(want.Components[m]) != fmt.Sprint(got.Components[m]) {
				t.Fatalf("iteration %d: %s %v, from sums %v", it, m, want.Components[m], got.Components[m])
			}
		}
		// Without steps: the same figures, no steps.
		quiet := sumsOf(p, in)
		quiet.NoSteps = true
		q, qerr := prep.HalfYearFromSums(quiet)
		if (qerr == nil) != (gerr == nil) || q.Exact.Cmp(got.Exact) != 0 || !q.Published.Equal(got.Published) ||
			fmt.Sprint(q.Dimensions) != fmt.Sprint(got.Dimensions) || len(q.Steps) != 0 {
			t.Fatalf("iteration %d: NoSteps gives %s %v %d steps (err %v), with steps %s %v (err %v)", it, q.Exact, q.Dimensions, len(q.Steps), qerr, got.Exact, got.Dimensions, gerr)
		}
		for _, m := range scoring.Methods() {
			if fmt.Sprint(q.Components[m]) != fmt.Sprint(got.Components[m]) {
				t.Fatalf("iteration %d: NoSteps: %s %v, with steps %v", it, m, q.Components[m], got.Components[m])
			}
		}
	}
}

func TestSumsRejectAnUnknownDimension(t *testing.T) {
	t.Parallel()
	prep, err := scoring.Prepare(stdPlan(scoring.Redistribute))
	if err != nil {
		t.Fatal(err)
	}
	_, err = prep.HalfYearFromSums(scoring.SumsInput{Sums: []scoring.DimensionSums{{DimensionID: 987654, Tasks: 1, Denominator: decimal.NewFromInt(1)}}})
	if !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("err = %v, want ErrInvalid", err)
	}
	d := stdPlan(scoring.Redistribute).Dimensions[0].ID
	_, err = prep.HalfYearFromSums(scoring.SumsInput{Sums: []scoring.DimensionSums{{DimensionID: d, Tasks: 1}}})
	if !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("zero denominator: err = %v, want ErrInvalid", err)
	}
}
