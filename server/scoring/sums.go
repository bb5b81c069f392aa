package scoring

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// DimensionSums is a roll-up of an evaluatee's carried tasks of one
// dimension (store.DimensionRollup, migrations/0014): what daily monitoring
// needs of it, as exact fractions over a common denominator. A task's P_t
// may be a share rest/open and its s_t a mean of lead scores, so the sums
// are fractions; Points/Denominator and Earned/Denominator are exact.
type DimensionSums struct {
	DimensionID int64
	Tasks       int             // carried tasks with a lead unit
	Denominator decimal.Decimal // > 0
	Points      decimal.Decimal // Σ P_t · Denominator
	Earned      decimal.Decimal // Σ s_t · Denominator
	Missing     int             // lead units without a counted score
}

// SumsOf is the DimensionSums of tasks carried tasks of dimension dim with
// Σ P_t = points and Σ s_t = earned (no missing scores counted), over a
// denominator both divide.
func SumsOf(dim int64, tasks int, points, earned Exact) DimensionSums {
	p, e := points.rat(), earned.rat()
	den := new(big.Int).Mul(p.Denom(), e.Denom())
	num := func(r *big.Rat) decimal.Decimal {
		n := new(big.Int).Mul(r.Num(), den)
		return decimal.NewFromBigInt(n.Quo(n, r.Denom()), 0)
	}
	return DimensionSums{DimensionID: dim, Tasks: tasks, Denominator: decimal.NewFromBigInt(den, 0), Points: num(p), Earned: num(e)}
}

// SumsInput is one evaluatee in one period, rolled up: what HalfYear needs
// with the task scores summed per dimension.
type SumsInput struct {
	Sums                      []DimensionSums
	FieldItems                []FieldItem // latest reviewed visit per carried task (the caller filters)
	PublicOpinion, ThirdParty []SourceValue
	Mode                      Mode
	// NoSteps leaves Result.Steps empty: a ranking shows none, and writing
	// them out is half the cost of a result from sums.
	NoSteps bool
}

// Prepared is a validated plan with its index, for scoring many evaluatees
// of one plan from sums without rebuilding the index for each.
type Prepared struct {
	plan Plan
	rule MissingRule
	idx  planIndex
	dims map[int64]int // dimension ID → index into plan.Dimensions
}

// Prepare validates p and indexes it for HalfYearFromSums.
func Prepare(p Plan) (*Prepared, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	rule, _ := p.MissingRule.resolve()
	out := &Prepared{plan: p, rule: rule, idx: indexPlan(p), dims: map[int64]int{}}
	for di, d := range p.Dimensions {
		out.dims[d.ID] = di
	}
	return out, nil
}

// HalfYearFromSums is HalfYear from rolled-up task sums: the same
// components, dimensions, H and steps, without the task lines (Tasks and
// Missing stay empty; MissingScores is the rolled-up count).
func (pp *Prepared) HalfYearFromSums(in SumsInput) (Result, error) {
	mode, err := in.Mode.resolve()
	if err != nil {
		return Result{}, err
	}
	accs := make([]dimensionSum, len(pp.plan.Dimensions))
	r := Result{Mode: mode, quiet: in.NoSteps}
	for _, s := range in.Sums {
		di, ok := pp.dims[s.DimensionID]
		switch {
		case !ok:
			return Result{}, fmt.Errorf("%w: dimension %d is not in the plan", ErrInvalid, s.DimensionID)
		case s.Tasks < 0 || s.Missing < 0 || !s.Denominator.IsPositive() || s.Points.IsNegative() || s.Earned.IsNegative():
			return Result{}, fmt.Errorf("%w: dimension %d: negative or inconsistent sums %+v", ErrInvalid, s.DimensionID, s)
		}
		a := &accs[di]
		den := s.Denominator.Rat()
		a.n += s.Tasks
		a.points.Add(&a.points, quo(s.Points.Rat(), den))
		a.earned.Add(&a.earned, quo(s.Earned.Rat(), den))
		r.MissingScores += s.Missing
	}
	for _, it := range in.FieldItems {
		if _, ok := pp.idx.tasks[it.TaskID]; !ok {
			return Result{}, fmt.Errorf("%w: judged task %d is not in the plan", ErrInvalid, it.TaskID)
		}
		if _, _, ok := it.Judgement.factor(); !ok {
			return Result{}, fmt.Errorf("%w: task %d: unknown judgement %q", ErrInvalid, it.TaskID, string(it.Judgement))
		}
	}
	if err := checkSources(PublicOpinion, in.PublicOpinion); err != nil {
		return Result{}, err
	}
	if err := checkSources(ThirdParty, in.ThirdParty); err != nil {
		return Result{}, err
	}

	comps := map[Method]*big.Rat{}
	if v, ok := r.dailyMonitoring(pp.plan, accs); ok {
		comps[DailyMonitoring] = v
	}
	if v, ok := r.fieldVisit(pp.idx, in.FieldItems); ok {
		comps[FieldVisit] = v
	}
	if v, ok := r.sourceMean(PublicOpinion, in.PublicOpinion); ok {
		comps[PublicOpinion] = v
	}
	if v, ok := r.sourceMean(ThirdParty, in.ThirdParty); ok {
		comps[ThirdParty] = v
	}
	return r, r.finish(pp.plan.Weights, pp.rule, comps)
}
