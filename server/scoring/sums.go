package scoring

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// TaskSums is a roll-up of an evaluatee's carried tasks of one indicator
// that have the same number of counted lead scores (store.ScoreRollup).
// Σ s over them is (Entered + FullShares · share) / Counted: a task's score
// is the mean of its counted entries, and a full-marks entry on a share
// counts as the exact share (CountedEntry), which a decimal cannot hold.
type TaskSums struct {
	IndicatorID    int64
	Counted        int             // counted lead scores per task; 0: none counts, the tasks score 0
	Tasks          int             // carried tasks with a lead unit
	ExplicitPoints decimal.Decimal // Σ P_t of those with points of their own
	SharedTasks    int             // those sharing the indicator's remainder
	Entered        decimal.Decimal // Σ counted entries as CountedEntry, except full marks on shares
	FullShares     int             // counted entries at MaxEntry of the share
	Missing        int             // lead units without a counted score
}

// SumsInput is one evaluatee in one period, rolled up: what HalfYear needs
// with the task scores summed per indicator.
type SumsInput struct {
	Sums                      []TaskSums
	FieldItems                []FieldItem // latest reviewed visit per carried task (the caller filters)
	PublicOpinion, ThirdParty []SourceValue
	Mode                      Mode
}

// Prepared is a validated plan with its index, for scoring many evaluatees
// of one plan from sums without rebuilding the index for each.
type Prepared struct {
	plan   Plan
	rule   MissingRule
	idx    planIndex
	shares map[int64]indicatorShare
}

type indicatorShare struct {
	dim   int
	share *big.Rat // the remainder rest/open; 0 when no task shares it
}

// Prepare validates p and indexes it for HalfYearFromSums.
func Prepare(p Plan) (*Prepared, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	rule, _ := p.MissingRule.resolve()
	out := &Prepared{plan: p, rule: rule, idx: indexPlan(p), shares: map[int64]indicatorShare{}}
	for di, d := range p.Dimensions {
		for _, ind := range d.Indicators {
			s := indicatorShare{dim: di, share: new(big.Rat)}
			pts, _ := indicatorTaskPoints(ind)
			for k, t := range ind.Tasks {
				if t.Points == nil {
					s.share = pts[k].rat()
					break
				}
			}
			out.shares[ind.ID] = s
		}
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
	r := Result{Mode: mode}
	for _, s := range in.Sums {
		ind, ok := pp.shares[s.IndicatorID]
		switch {
		case !ok:
			return Result{}, fmt.Errorf("%w: indicator %d is not in the plan", ErrInvalid, s.IndicatorID)
		case s.Counted < 0 || s.Tasks < 0 || s.SharedTasks < 0 || s.SharedTasks > s.Tasks || s.FullShares < 0 || s.Missing < 0:
			return Result{}, fmt.Errorf("%w: indicator %d: negative or inconsistent counts in sums %+v", ErrInvalid, s.IndicatorID, s)
		case s.Counted == 0 && (s.FullShares > 0 || !s.Entered.IsZero()):
			return Result{}, fmt.Errorf("%w: indicator %d: entries counted with no counted score", ErrInvalid, s.IndicatorID)
		}
		a := &accs[ind.dim]
		a.n += s.Tasks
		a.points.Add(&a.points, s.ExplicitPoints.Rat())
		a.points.Add(&a.points, mul(ind.share, ratInt(int64(s.SharedTasks))))
		if s.Counted > 0 {
			earned := add(s.Entered.Rat(), mul(ind.share, ratInt(int64(s.FullShares))))
			a.earned.Add(&a.earned, quo(earned, ratInt(int64(s.Counted))))
		}
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
