package scoring_test

import (
	"errors"
	"maps"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/shopspring/decimal"
)

// The property tests draw random plans and inputs from a seeded generator:
// every run sees the same cases, and a failure names its iteration.

const iterations = 300

// gen draws random plans and inputs.
type gen struct{ r *rand.Rand }

func newGen(seed uint64) gen { return gen{rand.New(rand.NewPCG(seed, 2026))} }

// chance is true with the given probability, in percent.
func (g gen) chance(percent int) bool { return g.r.IntN(100) < percent }

// cents is a random multiple of 0.01 in [0, max].
func (g gen) cents(max decimal.Decimal) decimal.Decimal {
	n := max.Shift(2).Floor().IntPart()
	return decimal.New(g.r.Int64N(n+1), -2)
}

// partition cuts total (in cents) into n random non-negative parts.
func (g gen) partition(total int64, n int) []int64 {
	cuts := make([]int64, n-1)
	for k := range cuts {
		cuts[k] = g.r.Int64N(total + 1)
	}
	slices.Sort(cuts)
	parts, prev := make([]int64, n), int64(0)
	for k, c := range append(cuts, total) {
		parts[k], prev = c-prev, c
	}
	return parts
}

// plan draws a plan. A complete plan has Σ P_t = P_i, Σ P_i = P_d and
// Σ P_d = total; otherwise the points are drawn independently (explicit
// task points may exceed their indicator's).
func (g gen) plan(total decimal.Decimal, complete bool) scoring.Plan {
	nDims := 1 + g.r.IntN(7)
	perDim := make([]int, nDims)
	nInd := 0
	for k := range perDim {
		perDim[k] = 1 + g.r.IntN(4)
		nInd += perDim[k]
	}
	indPoints := g.partition(total.Shift(2).IntPart(), nInd)

	w := g.partition(10000, 4)
	p := scoring.Plan{Weights: scoring.Weights{
		DM: decimal.New(w[0], -2), FV: decimal.New(w[1], -2), PO: decimal.New(w[2], -2), TP: decimal.New(w[3], -2),
	}}
	if g.chance(50) {
		p.MissingRule = scoring.Zero
	}
	var taskID, indID int64
	for k, n := range perDim {
		dim := scoring.Dimension{ID: int64(k + 1)}
		for range n {
			indID++
			ind := scoring.Indicator{ID: indID, Points: decimal.New(indPoints[indID-1], -2)}
			if !complete {
				ind.Points = g.cents(decimal.NewFromInt(20))
			}
			ind.Tasks = g.tasks(&taskID, ind.Points, complete)
			dim.Points = dim.Points.Add(ind.Points)
			dim.Indicators = append(dim.Indicators, ind)
		}
		if !complete {
			dim.Points = g.cents(decimal.NewFromInt(40))
		}
		p.Dimensions = append(p.Dimensions, dim)
	}
	return p
}

// tasks draws 1–6 tasks sharing an indicator's points: some explicit, some
// sharing the remainder. In a complete plan an all-explicit indicator's last
// task takes what is left, so that Σ P_t = P_i.
func (g gen) tasks(lastID *int64, points decimal.Decimal, complete bool) []scoring.Task {
	n := 1 + g.r.IntN(6)
	left, shared := points, false
	var out []scoring.Task
	for k := range n {
		*lastID++
		t := scoring.Task{ID: *lastID}
		switch {
		case complete && k == n-1 && !shared:
			t.Points = &left
		case g.chance(50):
			bound := left
			if !complete {
				bound = points
			}
			v := g.cents(bound)
			left = left.Sub(v)
			t.Points = &v
		default:
			shared = true
		}
		out = append(out, t)
	}
	return out
}

// inputOpts shapes a random input.
type inputOpts struct {
	carryAll    bool // carry every task
	maxLeads    int  // lead units per task: 1..maxLeads
	allVerified bool // every lead unit entered a verified score
}

// input draws one evaluatee's input for plan p.
func (g gen) input(p scoring.Plan, o inputOpts) scoring.Input {
	points := scoring.TaskPoints(p)
	in := scoring.Input{LeadUnits: map[int64][]int64{}, Scores: map[int64][]scoring.LeadScore{}}
	if !o.allVerified && g.chance(50) {
		in.Mode = scoring.Preview
	}
	carry := 20 + g.r.IntN(81) // percent of the tasks carried
	for _, d := range p.Dimensions {
		for _, i := range d.Indicators {
			for _, t := range i.Tasks {
				if !o.carryAll && !g.chance(carry) {
					continue
				}
				g.carry(&in, t.ID, points[t.ID], o)
			}
		}
	}
	in.PublicOpinion = g.sources()
	in.ThirdParty = g.sources()
	return in
}

// carry adds one carried task with its lead units, scores and field item.
func (g gen) carry(in *scoring.Input, id int64, points decimal.Decimal, o inputOpts) {
	in.Carried = append(in.Carried, id)
	leads := g.r.Perm(8)[:1+g.r.IntN(o.maxLeads)]
	for _, u := range leads {
		unit := int64(u + 1)
		in.LeadUnits[id] = append(in.LeadUnits[id], unit)
		if !o.allVerified && !g.chance(85) {
			continue
		}
		s := scoring.LeadScore{LeadUnitID: unit, Score: g.cents(points), Verified: o.allVerified || g.chance(80)}
		in.Scores[id] = append(in.Scores[id], s)
	}
	if g.chance(50) {
		j := []scoring.Judgement{scoring.Done, scoring.Partial, scoring.NotDone, scoring.NotApplicable}[g.r.IntN(4)]
		in.FieldItems = append(in.FieldItems, scoring.FieldItem{TaskID: id, Judgement: j})
	}
}

// sources draws 0–2 imported values with four decimals.
func (g gen) sources() []scoring.SourceValue {
	out := make([]scoring.SourceValue, g.r.IntN(3))
	for k := range out {
		out[k] = scoring.SourceValue{Value: decimal.New(g.r.Int64N(1000001), -4), Weight: decimal.New(g.r.Int64N(101), -2)}
	}
	if len(out) > 0 {
		out[0].Weight = out[0].Weight.Add(decimal.NewFromInt(1)) // never all 0
	}
	return out
}

// halfYear runs HalfYear and fails on an error other than ErrNoScore.
func halfYear(t *testing.T, it int, p scoring.Plan, in scoring.Input) (scoring.Result, bool) {
	t.Helper()
	r, err := scoring.HalfYear(p, in)
	if errors.Is(err, scoring.ErrNoScore) {
		return r, false
	}
	if err != nil {
		t.Fatalf("iteration %d: %v", it, err)
	}
	return r, true
}

func inRange(v *big.Rat) bool {
	return v.Sign() >= 0 && v.Cmp(big.NewRat(100, 1)) <= 0
}

func TestPropertyScoresWithin0And100(t *testing.T) {
	t.Parallel()
	g := newGen(1)
	scored := 0
	for it := range iterations {
		complete := g.chance(50)
		p := g.plan(decimal.NewFromInt(100), complete)
		r, ok := halfYear(t, it, p, g.input(p, inputOpts{maxLeads: 3}))
		if !ok {
			continue
		}
		scored++
		for m, c := range r.Components {
			if c != nil && !inRange(c.Rat()) {
				t.Errorf("iteration %d: %s = %s outside 0–100", it, m, c)
			}
		}
		if !inRange(r.Exact.Rat()) || !inRange(r.Published.Rat()) {
			t.Errorf("iteration %d: H = %s (published %s) outside 0–100", it, r.Exact, r.Published)
		}
		if !r.Published.Equal(r.Exact.Round(2)) {
			t.Errorf("iteration %d: published %s is not %s rounded", it, r.Published, r.Exact)
		}
	}
	if scored < iterations/2 {
		t.Fatalf("only %d of %d iterations were scored", scored, iterations)
	}
}

func TestPropertyRaisingAScoreNeverLowersH(t *testing.T) {
	t.Parallel()
	g := newGen(2)
	raised := 0
	for it := range iterations {
		p := g.plan(decimal.NewFromInt(100), g.chance(50))
		in := g.input(p, inputOpts{maxLeads: 3})
		before, ok := halfYear(t, it, p, in)
		if !ok || len(in.Scores) == 0 {
			continue
		}
		// Raise one entered score to a random value in [s, P_t].
		ids := make([]int64, 0, len(in.Scores))
		for id := range in.Scores {
			if len(in.Scores[id]) > 0 {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			continue
		}
		slices.Sort(ids) // map order must not leak into the draw
		id := ids[g.r.IntN(len(ids))]
		scores := slices.Clone(in.Scores[id])
		k := g.r.IntN(len(scores))
		points := scoring.TaskPoints(p)[id]
		scores[k].Score = scores[k].Score.Add(g.cents(points.Sub(scores[k].Score)))
		in.Scores = maps.Clone(in.Scores)
		in.Scores[id] = scores

		after, _ := halfYear(t, it, p, in)
		raised++
		if after.Exact.Cmp(before.Exact) < 0 {
			t.Errorf("iteration %d: raising task %d's score lowered H from %s to %s", it, id, before.Exact, after.Exact)
		}
		// DM is missing only when every carried task has 0 points.
		dmB, dmA := before.Components[scoring.DailyMonitoring], after.Components[scoring.DailyMonitoring]
		switch {
		case (dmB == nil) != (dmA == nil):
			t.Errorf("iteration %d: raising task %d's score changed whether DM exists", it, id)
		case dmB != nil && dmA.Cmp(*dmB) < 0:
			t.Errorf("iteration %d: raising task %d's score lowered DM from %s to %s", it, id, dmB, dmA)
		}
	}
	if raised < iterations/2 {
		t.Fatalf("only %d of %d iterations raised a score", raised, iterations)
	}
}

// TestPropertyCarriesEveryTask checks §2.4: when e carries every task of a
// complete plan of total T, DM = 100·Σs/T exactly, where s is the mean of a
// task's lead scores and an entry of the share rounded half up counts as
// the exact share (§2.2). The oracle is math/big, apart from the package.
func TestPropertyCarriesEveryTask(t *testing.T) {
	t.Parallel()
	g := newGen(3)
	for it := range iterations {
		total := decimal.NewFromInt(100)
		if it%2 == 1 {
			total = decimal.New(1+g.r.Int64N(20000), -2) // 0.01 … 200
		}
		p := g.plan(total, true)
		maxLeads := 1 + it%3
		in := g.input(p, inputOpts{carryAll: true, maxLeads: maxLeads, allVerified: true})
		r, _ := halfYear(t, it, p, in)
		dm := r.Components[scoring.DailyMonitoring]
		if dm == nil {
			t.Fatalf("iteration %d: DM missing", it)
		}

		// Oracle: Σ over tasks of (Σ counted lead scores / number of leads).
		points := scoring.ExactTaskPoints(p)
		sum := new(big.Rat)
		for id, scores := range in.Scores {
			taskSum := new(big.Rat)
			for _, s := range scores {
				v := s.Score.Rat()
				if pts := points[id].Rat(); s.Score.Equal(decimal.NewFromBigRat(pts, 2)) {
					v = pts
				}
				taskSum.Add(taskSum, v)
			}
			sum.Add(sum, taskSum.Quo(taskSum, big.NewRat(int64(len(scores)), 1)))
		}
		want := new(big.Rat).Mul(sum, big.NewRat(100, 1))
		want.Quo(want, total.Rat())
		if dm.Rat().Cmp(want) != 0 {
			t.Errorf("iteration %d: DM = %s, want 100·Σs/T = %s", it, dm, want.FloatString(25))
		}
	}
}

// TestPropertyTaskPointsSumToIndicator checks §2.1 on complete plans:
// Σ P_t = P_i exactly, and the shares of an indicator are equal exactly.
func TestPropertyTaskPointsSumToIndicator(t *testing.T) {
	t.Parallel()
	g := newGen(4)
	for it := range iterations {
		p := g.plan(decimal.NewFromInt(100), true)
		points := scoring.ExactTaskPoints(p)
		for _, dim := range p.Dimensions {
			for _, ind := range dim.Indicators {
				sum := new(big.Rat)
				var shares []scoring.Exact
				for _, task := range ind.Tasks {
					sum.Add(sum, points[task.ID].Rat())
					if task.Points == nil {
						shares = append(shares, points[task.ID])
					}
				}
				if sum.Cmp(ind.Points.Rat()) != 0 {
					t.Errorf("iteration %d: indicator %d: Σ P_t = %s, want %s", it, ind.ID, sum.FloatString(25), ind.Points)
				}
				for _, s := range shares {
					if s.Cmp(shares[0]) != 0 {
						t.Errorf("iteration %d: indicator %d: unequal shares %v", it, ind.ID, shares)
					}
				}
			}
		}
	}
}

// TestPropertyDeterministic: the same inputs, even listed in another order,
// give the same result digit for digit.
func TestPropertyDeterministic(t *testing.T) {
	t.Parallel()
	g := newGen(5)
	for it := range iterations {
		p := g.plan(decimal.NewFromInt(100), g.chance(50))
		in := g.input(p, inputOpts{maxLeads: 3})
		first, _ := scoring.HalfYear(p, in)
		again, _ := scoring.HalfYear(p, in)
		if render(first) != render(again) {
			t.Fatalf("iteration %d: two runs differ:\n%s\n%s", it, render(first), render(again))
		}

		// Shuffle what has no meaningful order: carried tasks, the scores of
		// a task, field items and sources (sums are exact, so order is moot).
		shuffled := in
		shuffled.Carried = shuffle(g, in.Carried)
		shuffled.Scores = map[int64][]scoring.LeadScore{}
		for id, s := range in.Scores {
			shuffled.Scores[id] = shuffle(g, s)
		}
		shuffled.FieldItems = shuffle(g, in.FieldItems)
		shuffled.PublicOpinion = shuffle(g, in.PublicOpinion)
		reordered, _ := scoring.HalfYear(p, shuffled)
		if first.Exact.String() != reordered.Exact.String() || first.Published.String() != reordered.Published.String() {
			t.Errorf("iteration %d: input order changed H: %s vs %s", it, first.Exact, reordered.Exact)
		}
		for _, m := range scoring.Methods() {
			a, b := first.Components[m], reordered.Components[m]
			if (a == nil) != (b == nil) || (a != nil && a.String() != b.String()) {
				t.Errorf("iteration %d: input order changed %s: %v vs %v", it, m, a, b)
			}
		}
	}
}

func shuffle[T any](g gen, s []T) []T {
	out := slices.Clone(s)
	g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
