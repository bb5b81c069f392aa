package scoring

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Weights are the percentages of the four methods in a half-year score (R4).
// They are stored on the plan, not hard-coded.
type Weights struct{ DM, FV, PO, TP decimal.Decimal }

// DefaultWeights are the document's weights: 60 / 20 / 10 / 10.
func DefaultWeights() Weights {
	return Weights{
		DM: decimal.NewFromInt(60),
		FV: decimal.NewFromInt(20),
		PO: decimal.NewFromInt(10),
		TP: decimal.NewFromInt(10),
	}
}

// Of returns the weight of method m (zero for an unknown method).
func (w Weights) Of(m Method) decimal.Decimal {
	switch m {
	case DailyMonitoring:
		return w.DM
	case FieldVisit:
		return w.FV
	case PublicOpinion:
		return w.PO
	case ThirdParty:
		return w.TP
	}
	return decimal.Zero
}

// Validate checks that every weight is ≥ 0 and that they sum to exactly 100.
func (w Weights) Validate() error {
	sum := decimal.Zero
	for _, m := range Methods() {
		v := w.Of(m)
		if v.IsNegative() {
			return fmt.Errorf("%w: weight of %s is negative (%s)", ErrInvalid, m, show(v))
		}
		sum = sum.Add(v)
	}
	if !sum.Equal(hundred) {
		return fmt.Errorf("%w: weights sum to %s, not 100", ErrInvalid, show(sum))
	}
	return nil
}

// MissingRule is the plan's rule for a missing component (§2.7).
type MissingRule string

const (
	// Redistribute (the default) scales the weights of the present
	// components up to 100%: H = Σ_present w·C / Σ_present w.
	Redistribute MissingRule = "REDISTRIBUTE"
	// Zero counts a missing component as 0: H = Σ_present w·C / 100.
	Zero MissingRule = "ZERO"
)

// resolve maps the empty rule to the default and rejects unknown rules.
func (r MissingRule) resolve() (MissingRule, error) {
	switch r {
	case "", Redistribute:
		return Redistribute, nil
	case Zero:
		return Zero, nil
	}
	return "", fmt.Errorf("%w: unknown missing-component rule %q", ErrInvalid, string(r))
}

// Plan is the part of an evaluation plan the formula needs: the method
// weights, the missing-component rule and the indicator system.
type Plan struct {
	Weights     Weights
	MissingRule MissingRule // "" means Redistribute
	Dimensions  []Dimension
}

// Dimension is a 方面 with its points P_d.
type Dimension struct {
	ID         int64
	Points     decimal.Decimal
	Indicators []Indicator
}

// Indicator is a 指标大项 with its points P_i.
type Indicator struct {
	ID     int64
	Points decimal.Decimal
	Tasks  []Task
}

// Task is a 重点任务. Points are the document's points or the lead unit's
// allocation (R8); nil means the task shares what its indicator has left.
type Task struct {
	ID     int64
	Points *decimal.Decimal
}

// Validate checks the plan: weights, rule, non-negative points and IDs that
// are unique (dimensions, indicators and tasks each across the whole plan).
// It does not require Σ P_t = P_i or Σ P_d = 100: a plan being set up, with
// points not yet allocated, can still be previewed.
func (p Plan) Validate() error {
	if err := p.Weights.Validate(); err != nil {
		return err
	}
	if _, err := p.MissingRule.resolve(); err != nil {
		return err
	}
	dims, inds, tasks := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, d := range p.Dimensions {
		if err := checkNode("dimension", d.ID, d.Points, dims); err != nil {
			return err
		}
		for _, i := range d.Indicators {
			if err := checkNode("indicator", i.ID, i.Points, inds); err != nil {
				return err
			}
			for _, t := range i.Tasks {
				pts := decimal.Zero
				if t.Points != nil {
					pts = *t.Points
				}
				if err := checkNode("task", t.ID, pts, tasks); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkNode(kind string, id int64, points decimal.Decimal, seen map[int64]bool) error {
	if seen[id] {
		return fmt.Errorf("%w: %s %d appears twice", ErrInvalid, kind, id)
	}
	seen[id] = true
	if points.IsNegative() {
		return fmt.Errorf("%w: %s %d has negative points %s", ErrInvalid, kind, id, show(points))
	}
	return nil
}

// ExactTaskPoints returns P_t for every task of the plan (§2.1), exactly.
// Tasks without points of their own share the indicator's remainder
// P_i − Σ explicit equally, as the fraction rest/n (so Σ P_t = P_i holds
// exactly); the remainder is never negative (explicit points above P_i
// leave 0 to share). The plan should be valid (HalfYear validates it); with
// duplicate task IDs the last one wins.
func ExactTaskPoints(p Plan) map[int64]Exact {
	out := map[int64]Exact{}
	for _, d := range p.Dimensions {
		for _, i := range d.Indicators {
			pts, _ := indicatorTaskPoints(i)
			for k, v := range pts {
				out[i.Tasks[k].ID] = v
			}
		}
	}
	return out
}

// TaskPoints is ExactTaskPoints in long form (Exact.Decimal), for display:
// a share of 2 points over 3 tasks shows as 0.66666666666666666667. Rules
// about entries take the exact points (MaxEntry, CheckEntry).
func TaskPoints(p Plan) map[int64]decimal.Decimal {
	out := map[int64]decimal.Decimal{}
	for id, pts := range ExactTaskPoints(p) {
		out[id] = pts.Decimal()
	}
	return out
}

// indicatorTaskPoints returns the exact points of the indicator's tasks, in
// order, and their MaxEntry. The share and its MaxEntry are computed once.
func indicatorTaskPoints(ind Indicator) ([]Exact, []decimal.Decimal) {
	explicit, open := decimal.Zero, 0
	for _, t := range ind.Tasks {
		if t.Points == nil {
			open++
		} else {
			explicit = explicit.Add(*t.Points)
		}
	}
	var share Exact
	var shareMax decimal.Decimal
	if open > 0 {
		rest := decimal.Max(ind.Points.Sub(explicit), decimal.Zero)
		share = Exact{quo(rest.Rat(), ratInt(int64(open)))}
		shareMax = MaxEntry(share)
	}
	points, max := make([]Exact, len(ind.Tasks)), make([]decimal.Decimal, len(ind.Tasks))
	for k, t := range ind.Tasks {
		if t.Points != nil {
			points[k], max[k] = ExactOf(*t.Points), t.Points.Round(EntryPlaces)
		} else {
			points[k], max[k] = share, shareMax
		}
	}
	return points, max
}

// taskRef is what the formula needs to know about a task of the plan.
type taskRef struct {
	dim       int // index into Plan.Dimensions
	dimID     int64
	indicator int64
	points    Exact
	max       decimal.Decimal // MaxEntry(points)
}

// planIndex looks tasks up by ID and remembers the plan's order.
type planIndex struct {
	tasks map[int64]taskRef
	order []int64
}

func indexPlan(p Plan) planIndex {
	idx := planIndex{tasks: map[int64]taskRef{}}
	for di, d := range p.Dimensions {
		for _, i := range d.Indicators {
			pts, max := indicatorTaskPoints(i)
			for k := range pts {
				id := i.Tasks[k].ID
				idx.tasks[id] = taskRef{dim: di, dimID: d.ID, indicator: i.ID, points: pts[k], max: max[k]}
				idx.order = append(idx.order, id)
			}
		}
	}
	return idx
}
