package results

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// The cross-check: random plans and half years, computed by the engine
// (Compute and Freeze, the path published figures take) and by the oracle
// (oracle_test.go), must agree on every published figure, rank and annual
// value to the last digit.

// scenario is one generated plan with two half years of stored rows.
type scenario struct {
	plan    store.Plan
	periods [2]store.Period
	dims    []store.Dimension
	inds    []store.Indicator
	tasks   []store.Task
	leads   map[int64][]int64 // task → lead units
	units   []store.Unit
	evs     []store.Evaluatee // Unit set
	carried map[int64][]int64 // evaluatee → tasks, in plan order
	halves  [2]half
	hasH2   bool // the second half is published; otherwise the annual figure is provisional
	halfUps int  // evaluatees whose exact H was made x.xx5 on purpose
}

type half struct {
	scores  []store.Score
	sources []store.SourceValue
}

type gen struct{ r *rand.Rand }

func (g gen) chance(percent int) bool { return g.r.IntN(100) < percent }

// cents is a random multiple of 0.01 in [lo, hi] (both in cents).
func (g gen) cents(lo, hi int64) decimal.Decimal { return decimal.New(lo+g.r.Int64N(hi-lo+1), -2) }

func dec(r *big.Rat) decimal.Decimal { return decimal.NewFromBigRat(r, 2) }

// genScenario draws a scenario. Shared points are chosen to repeat (1, 2,
// 10 over 3, 6, 7 or 9 tasks), lead units are 1–3 per task, carrying is
// partial, some entries are full marks or unverified, some evaluatees are
// copies of others (ties), and some have their H made exactly x.xx5.
func genScenario(seed uint64) *scenario {
	g := gen{rand.New(rand.NewPCG(seed, 7))}
	s := &scenario{leads: map[int64][]int64{}, carried: map[int64][]int64{}}
	s.plan = store.Plan{ID: 1001, Name: fmt.Sprintf("方案%d", seed), Year: 2024, TotalPoints: decimal.NewFromInt(100),
		Weights: store.DefaultWeights(), MissingComponentRule: store.MissingRedistribute, Version: 1}
	if g.chance(50) {
		s.plan.MissingComponentRule = store.MissingZero
	}
	if g.chance(50) {
		// Four cent amounts summing to 100, zeros allowed.
		cuts := []int64{g.r.Int64N(10001), g.r.Int64N(10001), g.r.Int64N(10001)}
		for i := range cuts {
			for j := i + 1; j < len(cuts); j++ {
				if cuts[j] < cuts[i] {
					cuts[i], cuts[j] = cuts[j], cuts[i]
				}
			}
		}
		w := []int64{cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 10000 - cuts[2]}
		s.plan.Weights = store.Weights{DailyMonitoring: decimal.New(w[0], -2), FieldVisits: decimal.New(w[1], -2),
			PublicOpinion: decimal.New(w[2], -2), ThirdParty: decimal.New(w[3], -2)}
	}
	for h := range 2 {
		s.periods[h] = store.Period{ID: 1001 + int64(h), PlanID: s.plan.ID, Half: h + 1, Name: fmt.Sprintf("H%d", h+1), State: store.PeriodReview, Version: 1}
	}
	for u := int64(1); u <= 8; u++ {
		s.units = append(s.units, store.Unit{ID: 5000 + u, Name: fmt.Sprintf("牵头单位%d", u), Kind: store.UnitKind("DEPARTMENT"), Aliases: []string{}, SortKey: int(900 + u), Version: 1})
	}

	// The indicator system.
	repeating := []int64{100, 200, 1000, 50, 150}
	var taskID int64 = 3000
	for dn := 1; dn <= 1+g.r.IntN(7); dn++ {
		dim := store.Dimension{ID: 1000 + int64(dn), PlanID: s.plan.ID, Number: dn, Name: fmt.Sprintf("方面%d", dn), Version: 1}
		for in := 1; in <= 1+g.r.IntN(4); in++ {
			ind := store.Indicator{ID: 2000 + int64(dn*10+in), DimensionID: dim.ID, Number: in, Name: "指标", Version: 1, PlanID: s.plan.ID}
			if g.chance(50) {
				ind.Points = decimal.New(repeating[g.r.IntN(len(repeating))], -2)
			} else {
				ind.Points = g.cents(1, 2000)
			}
			n := []int{1, 2, 3, 3, 4, 6, 7, 7, 9}[g.r.IntN(9)]
			left := ind.Points
			for k := range n {
				taskID++
				t := store.Task{ID: taskID, IndicatorID: ind.ID, Number: int(taskID - 3000), Text: fmt.Sprintf("任务%d", taskID), Version: 1, PlanID: s.plan.ID}
				if k > 0 && g.chance(30) {
					v := g.cents(0, left.Shift(2).IntPart())
					left = left.Sub(v)
					t.Points = &v
				}
				s.tasks = append(s.tasks, t)
				for _, u := range g.r.Perm(8)[:1+[]int{0, 0, 0, 1, 2}[g.r.IntN(5)]] {
					s.leads[t.ID] = append(s.leads[t.ID], 5001+int64(u))
				}
			}
			dim.Points = dim.Points.Add(ind.Points)
			s.inds = append(s.inds, ind)
		}
		if g.chance(10) { // a plan still being set up: P_d is not Σ P_i
			dim.Points = g.cents(1, 4000)
		}
		s.dims = append(s.dims, dim)
	}
	points := s.oracle().taskPoints()

	// Evaluatees, what they carry, and their two halves.
	nEv := 3 + g.r.IntN(6)
	s.hasH2 = g.chance(70)
	var scoreID int64
	for k := range nEv {
		unit := store.Unit{ID: 6001 + int64(k), Name: fmt.Sprintf("考评对象%d", k+1), Kind: store.UnitKind("DISTRICT"), Aliases: []string{}, SortKey: 10 * (k + 1), Version: 1}
		group := store.GroupDistricts
		if g.chance(40) {
			group, unit.Kind = store.GroupDepartments, store.UnitKind("DEPARTMENT")
		}
		s.units = append(s.units, unit)
		e := store.Evaluatee{ID: 7001 + int64(k), PlanID: s.plan.ID, UnitID: unit.ID, Group: group, Version: 1, Unit: &s.units[len(s.units)-1]}
		var copyOf *store.Evaluatee
		if k > 0 && g.chance(25) {
			copyOf = &s.evs[g.r.IntN(k)] // a tie, on purpose
		}
		if copyOf != nil {
			s.carried[e.ID] = s.carried[copyOf.ID]
		} else {
			carry := 20 + g.r.IntN(81)
			if g.chance(30) {
				carry = 100
			}
			for _, t := range s.tasks {
				if g.r.IntN(100) < carry {
					s.carried[e.ID] = append(s.carried[e.ID], t.ID)
				}
			}
		}
		for h := range 2 {
			hf := &s.halves[h]
			if copyOf != nil {
				for _, sc := range hf.scores {
					if sc.EvaluateeID == copyOf.ID {
						scoreID++
						sc.ID, sc.EvaluateeID = scoreID, e.ID
						hf.scores = append(hf.scores, sc)
					}
				}
				for _, sv := range hf.sources {
					if sv.EvaluateeID == copyOf.ID {
						sv.EvaluateeID = e.ID
						hf.sources = append(hf.sources, sv)
					}
				}
				continue
			}
			for _, t := range s.carried[e.ID] {
				max := dec(maxEntry(points[t]))
				for _, u := range s.leads[t] {
					if !g.chance(92) {
						continue // never entered
					}
					v := g.cents(0, max.Shift(2).IntPart())
					switch {
					case g.chance(25):
						v = max // full marks
					case g.chance(5):
						v = decimal.Zero
					}
					status := store.ScoreVerified
					if !g.chance(93) {
						status = store.ScoreSubmitted
					}
					scoreID++
					hf.scores = append(hf.scores, store.Score{ID: scoreID, PeriodID: s.periods[h].ID, EvaluateeID: e.ID, TaskID: t, LeadUnitID: u,
						Value: v, Status: status, EnteredByName: "评分员", EnteredAt: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), Version: 1})
				}
			}
			for _, m := range []string{"PUBLIC_OPINION", "THIRD_PARTY"} {
				for n := range g.r.IntN(3) {
					w := decimal.NewFromInt(1)
					if g.chance(60) {
						w = decimal.New(1+g.r.Int64N(5_000_000), -6) // six decimals
					}
					hf.sources = append(hf.sources, store.SourceValue{PeriodID: s.periods[h].ID, EvaluateeID: e.ID, Method: m,
						Source: fmt.Sprintf("来源%d", n+1), Value: g.cents(0, 10000), Weight: w, ImportedByName: "专班"})
				}
			}
			if g.chance(50) && s.makeHalfUp(h, e.ID, points) {
				s.halfUps++
			}
		}
		s.evs = append(s.evs, e)
	}
	return s
}

// makeHalfUp changes one verified entry of evaluatee e (below full marks,
// so it counts as entered) or one imported value so that the exact H is
// x.xx5, when some two-decimal value can do it. H is affine in any one of
// them: H(v) = H(0) + v·(H(0.01) − H(0))/0.01.
func (s *scenario) makeHalfUp(h int, e int64, points map[int64]*big.Rat) bool {
	hf := &s.halves[h]
	var knobs []*decimal.Decimal // what may change, with its upper bound
	var bounds []int64           // in cents, exclusive
	for i := range hf.scores {
		sc := &hf.scores[i]
		if sc.EvaluateeID == e && sc.Status == store.ScoreVerified {
			knobs = append(knobs, &sc.Value)
			bounds = append(bounds, dec(maxEntry(points[sc.TaskID])).Shift(2).IntPart())
		}
	}
	for i := range hf.sources {
		if hf.sources[i].EvaluateeID == e {
			knobs = append(knobs, &hf.sources[i].Value)
			bounds = append(bounds, 10001)
		}
	}
	p := s.oracle()
	for k, knob := range knobs {
		if k == 4 {
			break // enough tries: each costs two oracle runs
		}
		orig := *knob
		at := func(v decimal.Decimal) *big.Rat {
			*knob = v
			return p.halfYear(s.input(h, e))
		}
		h0, h1 := at(decimal.Zero), at(decimal.New(1, -2))
		*knob = orig
		if h0 == nil || h1 == nil {
			continue
		}
		// 1000·H(c) = (A + c·P)/L over a common denominator L; H(c) is
		// x.xx5 when (A + c·P)/L is an integer ending in 5, that is
		// c·P ≡ 5L − A (mod 10L): a linear congruence, solved directly.
		x := new(big.Rat).Mul(h0, big.NewRat(1000, 1))
		step := new(big.Rat).Sub(h1, h0)
		step.Mul(step, big.NewRat(1000, 1))
		if c, ok := solveHalfUp(x, step); ok && c < bounds[k] {
			*knob = decimal.New(c, -2)
			return true
		}
	}
	return false
}

// solveHalfUp returns the least c ≥ 0 with x + c·step an integer ≡ 5 (mod
// 10), if there is one.
func solveHalfUp(x, step *big.Rat) (int64, bool) {
	l := new(big.Int).Mul(x.Denom(), step.Denom())
	l.Quo(l, new(big.Int).GCD(nil, nil, x.Denom(), step.Denom()))
	a := new(big.Int).Mul(x.Num(), new(big.Int).Quo(l, x.Denom()))
	p := new(big.Int).Mul(step.Num(), new(big.Int).Quo(l, step.Denom()))
	mod := new(big.Int).Mul(l, big.NewInt(10))
	rhs := new(big.Int).Sub(new(big.Int).Mul(l, big.NewInt(5)), a)
	rhs.Mod(rhs, mod)
	pm := new(big.Int).Mod(p, mod)
	g := new(big.Int).GCD(nil, nil, pm, mod)
	if g.Sign() == 0 || new(big.Int).Mod(rhs, g).Sign() != 0 {
		return 0, false
	}
	m := new(big.Int).Quo(mod, g)
	inv := new(big.Int).ModInverse(new(big.Int).Quo(pm, g), m)
	if inv == nil {
		if m.Cmp(big.NewInt(1)) != 0 {
			return 0, false
		}
		inv = big.NewInt(0)
	}
	c := new(big.Int).Mul(new(big.Int).Quo(rhs, g), inv)
	c.Mod(c, m)
	if !c.IsInt64() {
		return 0, false
	}
	return c.Int64(), true
}

// oracle is the scenario's plan as the oracle reads it.
func (s *scenario) oracle() oPlan {
	w := s.plan.Weights
	p := oPlan{weights: [4]*big.Rat{w.DailyMonitoring.Rat(), w.FieldVisits.Rat(), w.PublicOpinion.Rat(), w.ThirdParty.Rat()},
		zero: s.plan.MissingComponentRule == store.MissingZero}
	for _, d := range s.dims {
		od := oDim{points: d.Points.Rat()}
		for _, i := range s.inds {
			if i.DimensionID != d.ID {
				continue
			}
			oi := oInd{points: i.Points.Rat()}
			for _, t := range s.tasks {
				if t.IndicatorID == i.ID {
					ot := oTask{id: t.ID}
					if t.Points != nil {
						ot.points = t.Points.Rat()
					}
					oi.tasks = append(oi.tasks, ot)
				}
			}
			od.inds = append(od.inds, oi)
		}
		p.dims = append(p.dims, od)
	}
	return p
}

// input is evaluatee e's half year h as the oracle reads it.
func (s *scenario) input(h int, e int64) oInput {
	in := oInput{carried: map[int64]bool{}, entries: map[int64][]oEntry{}}
	for _, t := range s.carried[e] {
		in.carried[t] = true
	}
	for _, sc := range s.halves[h].scores {
		if sc.EvaluateeID == e {
			in.entries[sc.TaskID] = append(in.entries[sc.TaskID], oEntry{value: sc.Value.Rat(), verified: sc.Status == store.ScoreVerified})
		}
	}
	for _, sv := range s.halves[h].sources {
		if sv.EvaluateeID != e {
			continue
		}
		v := [2]*big.Rat{sv.Value.Rat(), sv.Weight.Rat()}
		if sv.Method == "PUBLIC_OPINION" {
			in.po = append(in.po, v)
		} else {
			in.tp = append(in.tp, v)
		}
	}
	return in
}

// data is half h as Load would read it from stored rows.
func (s *scenario) data(h int) *Data {
	d := &Data{Period: s.periods[h], Plan: s.plan, Evaluatees: s.evs,
		LeadUnits: s.leads, Carried: s.carried,
		Scores: map[int64]map[int64][]store.Score{}, Sources: map[int64][]store.SourceValue{},
		dimensions: map[int64]store.Dimension{}, tasks: map[int64]store.Task{}, unitNames: map[int64]string{}}
	d.Scoring = ScoringPlan(s.plan, s.dims, s.inds, s.tasks)
	for _, dim := range s.dims {
		d.dimensions[dim.ID] = dim
	}
	for _, t := range s.tasks {
		d.tasks[t.ID] = t
	}
	for _, u := range s.units {
		d.unitNames[u.ID] = u.Name
	}
	for _, sc := range s.halves[h].scores {
		if d.Scores[sc.EvaluateeID] == nil {
			d.Scores[sc.EvaluateeID] = map[int64][]store.Score{}
		}
		d.Scores[sc.EvaluateeID][sc.TaskID] = append(d.Scores[sc.EvaluateeID][sc.TaskID], sc)
	}
	for _, sv := range s.halves[h].sources {
		d.Sources[sv.EvaluateeID] = append(d.Sources[sv.EvaluateeID], sv)
	}
	return d
}

// expected is what the oracle says one half year publishes.
type expected struct {
	h     map[int64]*big.Rat // exact H; nil = no score
	score map[int64]*big.Rat // published H
	rank  map[int64]int
}

func (s *scenario) expect(h int) expected {
	p := s.oracle()
	x := expected{h: map[int64]*big.Rat{}, score: map[int64]*big.Rat{}, rank: map[int64]int{}}
	byGroup := map[store.RankingGroup][]oRanked{}
	for _, e := range s.evs {
		v := p.halfYear(s.input(h, e.ID))
		x.h[e.ID] = v
		var pub *big.Rat
		if v != nil {
			pub = roundHalfUp(v)
		}
		x.score[e.ID] = pub
		byGroup[e.Group] = append(byGroup[e.Group], oRanked{id: e.ID, score: pub})
	}
	for _, rows := range byGroup {
		for id, rank := range ranks(rows) {
			x.rank[id] = rank
		}
	}
	return x
}

// published is one evaluatee's figures as the engine publishes them.
type published struct {
	score *decimal.Decimal
	exact string
	rank  int
}

// checkHalf compares the engine's published rows of half h with the oracle.
func (s *scenario) checkHalf(t *testing.T, name string, h int, got map[int64]published) expected {
	t.Helper()
	want := s.expect(h)
	for _, e := range s.evs {
		g, w := got[e.ID], want.score[e.ID]
		switch {
		case (g.score == nil) != (w == nil):
			t.Errorf("%s H%d evaluatee %d: engine score %v, oracle %v", name, h+1, e.ID, g.score, w)
			continue
		case w != nil && g.score.Rat().Cmp(w) != 0:
			t.Errorf("%s H%d evaluatee %d: published %s, oracle %s (exact %s)", name, h+1, e.ID, g.score, w.FloatString(2), want.h[e.ID].FloatString(25))
		case w != nil && g.exact != decimal.NewFromBigRat(want.h[e.ID], scoring.ExactPlaces).String():
			t.Errorf("%s H%d evaluatee %d: exact %s, oracle %s", name, h+1, e.ID, g.exact, want.h[e.ID].FloatString(25))
		}
		if g.rank != want.rank[e.ID] {
			t.Errorf("%s H%d evaluatee %d: rank %d, oracle %d", name, h+1, e.ID, g.rank, want.rank[e.ID])
		}
	}
	return want
}

// checkAnnual compares annual figures and ranks, per group.
func (s *scenario) checkAnnual(t *testing.T, name string, h1, h2 expected, got map[int64]AnnualRow) {
	t.Helper()
	byGroup := map[store.RankingGroup][]oRanked{}
	want := map[int64]*big.Rat{}
	provisional := map[int64]bool{}
	for _, e := range s.evs {
		var second *big.Rat
		if s.hasH2 {
			second = h2.h[e.ID]
		}
		y, prov, ok := annual(h1.h[e.ID], second)
		if !ok {
			y = nil
		}
		want[e.ID], provisional[e.ID] = y, prov
		byGroup[e.Group] = append(byGroup[e.Group], oRanked{id: e.ID, score: y})
	}
	rank := map[int64]int{}
	for _, rows := range byGroup {
		for id, r := range ranks(rows) {
			rank[id] = r
		}
	}
	for _, e := range s.evs {
		g, w := got[e.ID], want[e.ID]
		switch {
		case (g.Score == nil) != (w == nil):
			t.Errorf("%s annual evaluatee %d: engine %v, oracle %v", name, e.ID, g.Score, w)
		case w != nil && (g.Score.Rat().Cmp(w) != 0 || g.Provisional != provisional[e.ID]):
			t.Errorf("%s annual evaluatee %d: %s (provisional %v), oracle %s (%v)", name, e.ID, g.Score, g.Provisional, w.FloatString(2), provisional[e.ID])
		}
		if g.Rank != rank[e.ID] {
			t.Errorf("%s annual evaluatee %d: rank %d, oracle %d", name, e.ID, g.Rank, rank[e.ID])
		}
	}
}

// computeFrozen runs Compute and Freeze on half h and reads the frozen
// rows back (Thaw), as a publication keeps them.
func computeFrozen(t *testing.T, d *Data) map[int64]published {
	t.Helper()
	rows, err := Compute(d, scoring.Published)
	if err != nil {
		t.Fatal(err)
	}
	frozen, err := Freeze(rows)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]published{}
	for _, f := range frozen {
		b, err := Thaw(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f.EvaluateeID] = published{score: b.Score, exact: b.Exact, rank: f.Rank}
	}
	return out
}

// annualOf is results.Annual's figures over published halves, without the
// database: scoring.Annual, then scoring.Rank inside each group.
func annualOf(s *scenario, h1, h2 map[int64]published) map[int64]AnnualRow {
	out := map[int64]AnnualRow{}
	in := map[store.RankingGroup][]scoring.RankInput{}
	for _, e := range s.evs {
		var second *decimal.Decimal
		if s.hasH2 {
			second = h2[e.ID].score
		}
		row := AnnualRow{Evaluatee: e}
		if y, prov, ok := scoring.Annual(h1[e.ID].score, second); ok {
			row.Score, row.Provisional = &y, prov
			in[e.Group] = append(in[e.Group], scoring.RankInput{ID: e.ID, Score: y, SortKey: e.Unit.SortKey})
		}
		out[e.ID] = row
	}
	for _, e := range s.evs {
		row := out[e.ID]
		row.Rank = len(in[e.Group]) + 1
		for _, r := range scoring.Rank(in[e.Group]) {
			if r.ID == e.ID {
				row.Rank = r.Rank
			}
		}
		out[e.ID] = row
	}
	return out
}

// TestCrossCheckWithRationalOracle runs thousands of generated plans
// through Compute and Freeze (no database) and compares every published
// half-year figure, exact H, rank and annual value with the oracle.
func TestCrossCheckWithRationalOracle(t *testing.T) {
	plans := uint64(2000)
	if testing.Short() {
		plans = 200
	}
	halfUps, ties, fullMarks := 0, 0, 0
	for seed := range plans {
		s := genScenario(seed)
		name := fmt.Sprintf("seed %d", seed)
		h1 := computeFrozen(t, s.data(0))
		h2 := computeFrozen(t, s.data(1))
		w1 := s.checkHalf(t, name, 0, h1)
		w2 := s.checkHalf(t, name, 1, h2)
		s.checkAnnual(t, name, w1, w2, annualOf(s, h1, h2))
		if t.Failed() {
			t.Fatalf("%s: first failing plan; rerun genScenario(%d) to see it", name, seed)
		}
		halfUps += s.halfUps
		ties += countTies(w1)
		fullMarks += s.countFullMarks()
	}
	// The generator must reach the cases the test is for.
	t.Logf("%d plans, %d exact x.xx5 half years, %d tied ranks, %d full-marks entries on shares", plans, halfUps, ties, fullMarks)
	if halfUps < int(plans/40) || ties < int(plans/4) || fullMarks < int(plans) {
		t.Errorf("too few hard cases: %d x.xx5, %d ties, %d full marks on shares", halfUps, ties, fullMarks)
	}
}

// countTies counts evaluatees sharing a rank with another.
func countTies(x expected) int {
	seen := map[int]int{}
	for id, r := range x.rank {
		if x.score[id] != nil {
			seen[r]++
		}
	}
	n := 0
	for _, c := range seen {
		if c > 1 {
			n += c
		}
	}
	return n
}

// countFullMarks counts entries of the rounded maximum on shares with more
// than two decimals, where the full-marks rule matters.
func (s *scenario) countFullMarks() int {
	points := s.oracle().taskPoints()
	n := 0
	for _, hf := range s.halves {
		for _, sc := range hf.scores {
			p := points[sc.TaskID]
			if max := maxEntry(p); max.Cmp(p) != 0 && sc.Value.Rat().Cmp(max) == 0 {
				n++
			}
		}
	}
	return n
}
