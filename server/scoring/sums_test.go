package scoring_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
)

// sumsOf rolls an input up the way score_rollups does (migrations/0007):
// per indicator and number of counted lead scores.
func sumsOf(p scoring.Plan, in scoring.Input) scoring.SumsInput {
	points := scoring.ExactTaskPoints(p)
	type key struct {
		ind     int64
		counted int
	}
	acc := map[key]*scoring.TaskSums{}
	var order []key
	indOf, explicit := map[int64]int64{}, map[int64]*decimal.Decimal{}
	for _, d := range p.Dimensions {
		for _, i := range d.Indicators {
			for _, t := range i.Tasks {
				indOf[t.ID], explicit[t.ID] = i.ID, t.Points
			}
		}
	}
	for _, id := range in.Carried {
		counted, entered, full := 0, decimal.Zero, 0
		for _, s := range in.Scores[id] {
			if !s.Verified && in.Mode != scoring.Preview {
				continue
			}
			counted++
			switch {
			case explicit[id] == nil && s.Score.Equal(scoring.MaxEntry(points[id])):
				full++
			case explicit[id] != nil && s.Score.Equal(scoring.MaxEntry(points[id])):
				entered = entered.Add(*explicit[id])
			default:
				entered = entered.Add(s.Score)
			}
		}
		k := key{indOf[id], counted}
		a := acc[k]
		if a == nil {
			a = &scoring.TaskSums{IndicatorID: k.ind, Counted: counted}
			acc[k] = a
			order = append(order, k)
		}
		a.Tasks++
		if explicit[id] == nil {
			a.SharedTasks++
		} else {
			a.ExplicitPoints = a.ExplicitPoints.Add(*explicit[id])
		}
		a.Entered = a.Entered.Add(entered)
		a.FullShares += full
		a.Missing += len(in.LeadUnits[id]) - counted
	}
	out := scoring.SumsInput{FieldItems: in.FieldItems, PublicOpinion: in.PublicOpinion, ThirdParty: in.ThirdParty, Mode: in.Mode}
	for _, k := range order {
		out.Sums = append(out.Sums, *acc[k])
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
	}
}

func TestSumsRejectAnUnknownIndicator(t *testing.T) {
	t.Parallel()
	prep, err := scoring.Prepare(stdPlan(scoring.Redistribute))
	if err != nil {
		t.Fatal(err)
	}
	_, err = prep.HalfYearFromSums(scoring.SumsInput{Sums: []scoring.TaskSums{{IndicatorID: 987654, Counted: 1, Tasks: 1}}})
	if !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("err = %v, want ErrInvalid", err)
	}
}
