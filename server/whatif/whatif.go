// Package whatif answers "where would effort count most?" for one evaluatee
// in an open period: for every task it carries, how many points of the
// half-year score and how many places in its group it would gain if the
// task reached full marks, everyone else's scores staying as they are; and
// the result of any hypothetical scores it tries. It only reads: nothing of
// a what-if is stored. The figures come from the formula itself
// (scoring.HalfYear), exactly, on the live data the preview ranking uses:
// the evaluatee's own scores, and the rest of its group as the preview
// ranking computes it from the dimension roll-ups (results.LoadScenario).
package whatif

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Assumption is what every what-if figure assumes, in the UI's words;
// AssumptionEn says the same in English.
const (
	Assumption   = "假设其他考评对象和其他任务的分值保持当前录入(含未核实的草稿)不变,民意调查、第三方评估和实地调研结果不变;某任务“达到满分”指其每个牵头单位都给出满分。"
	AssumptionEn = "Assumes the scores of other evaluatees and other tasks stay as entered now (unverified drafts included) and the public opinion survey, third-party evaluation and field visit results stay the same; a task at full marks means every one of its lead units gives full marks."
)

// MaxChanges bounds one trial.
const MaxChanges = 100

// Change is a hypothetical score of a task: every lead unit of the task
// enters Value.
type Change struct {
	TaskID int64
	Value  decimal.Decimal
}

// Outcome is the half-year result under a scenario.
type Outcome struct {
	Score     *decimal.Decimal // published figure; nil when no component exists
	Exact     *scoring.Exact
	Rank      int // in the group; the last place + 1 without a score
	GroupSize int
}

// TaskGain is what full marks on one task would bring.
type TaskGain struct {
	Task     store.Task
	Max      decimal.Decimal // 满分 as entered
	Current  []scoring.LeadScore
	Gain     scoring.Exact   // exact gain of the half-year score
	GainShow decimal.Decimal // the published figures' difference
	RankGain int             // places gained (positive is better)
	Outcome  Outcome
}

// Analysis is the what-if ranking of an evaluatee's tasks.
type Analysis struct {
	Period    store.Period
	Evaluatee store.Evaluatee
	Current   Outcome
	Tasks     []TaskGain // largest gain first; tasks already at full marks left out
}

// mayAsk is the rule: the 专班 and leaders for any evaluatee, a contact for
// its own unit; only while scores are still entered (填报, 审核), as a
// published result is no longer a matter of effort.
func mayAsk(id *auth.Identity, sc *results.Scenario) error {
	if !id.Has(auth.RoleTaskForce, auth.RoleLeader) && !(id.Has(auth.RoleEvaluateeContact) && id.InUnit(sc.Evaluatee.UnitID)) {
		return apperr.New(apperr.Forbidden, "只能模拟本单位的得分", "You can only simulate your own unit's score")
	}
	if sc.Period.State != workflow.Open && sc.Period.State != workflow.Review {
		return apperr.Field("periodId", "state", "只能对填报或审核阶段的周期做得分模拟", "what-if is for periods in the Reporting or Review stage only")
	}
	return nil
}

// Analyse ranks the evaluatee's tasks by what full marks on each would gain.
func Analyse(ctx context.Context, db store.DB, id *auth.Identity, periodID, evaluateeID int64) (*Analysis, error) {
	sc, err := results.LoadScenario(ctx, db, periodID, evaluateeID)
	if err != nil {
		return nil, err
	}
	if err := mayAsk(id, sc); err != nil {
		return nil, err
	}
	pp, err := scoring.Prepare(sc.Plan)
	if err != nil {
		return nil, fmt.Errorf("what-if of evaluatee %d: %w", sc.Evaluatee.ID, err)
	}
	// The current result with its task lines: full marks on one task
	// changes only its dimension's Σ s (s_t becomes P_t), so each task's
	// outcome is the formula from the dimension sums with that one term
	// replaced, not a whole recomputation (Try does that; the two agree,
	// TestWhatIfGainsAreTrialsOfFullMarks).
	base := sc.Input
	base.NoSteps = true
	res, err := pp.HalfYear(base)
	if err != nil && !errors.Is(err, scoring.ErrNoScore) {
		return nil, fmt.Errorf("what-if of evaluatee %d: %w", sc.Evaluatee.ID, err)
	}
	current := outcome(sc, res, err)
	sums := taskSums(res)
	a := &Analysis{Period: sc.Period, Evaluatee: sc.Evaluatee, Current: current}
	lines := map[int64]scoring.TaskResult{}
	for _, tr := range res.Tasks {
		lines[tr.ID] = tr
	}
	for _, t := range sc.Tasks {
		max := scoring.MaxEntry(sc.Points[t.ID])
		if atFullMarks(sc, t.ID, max) {
			continue
		}
		tr := lines[t.ID]
		in := scoring.SumsInput{FieldItems: base.FieldItems, PublicOpinion: base.PublicOpinion, ThirdParty: base.ThirdParty,
			Mode: scoring.Preview, NoSteps: true, Sums: sums.with(tr.DimensionID, scoring.Diff(tr.Points, tr.Score))}
		r, err := pp.HalfYearFromSums(in)
		if err != nil && !errors.Is(err, scoring.ErrNoScore) {
			return nil, fmt.Errorf("what-if of evaluatee %d, task %d: %w", sc.Evaluatee.ID, t.ID, err)
		}
		out := outcome(sc, r, err)
		g := TaskGain{Task: t, Max: max, Current: sc.Input.Scores[t.ID], Outcome: out}
		g.Gain, g.GainShow = gain(current, out)
		g.RankGain = current.Rank - out.Rank
		a.Tasks = append(a.Tasks, g)
	}
	slices.SortStableFunc(a.Tasks, func(x, y TaskGain) int {
		if c := y.Gain.Cmp(x.Gain); c != 0 {
			return c
		}
		return y.RankGain - x.RankGain
	})
	return a, nil
}

// Try returns the result the evaluatee would have with the changed scores.
// Each change must be an enterable score of a task it carries.
func Try(ctx context.Context, db store.DB, id *auth.Identity, periodID, evaluateeID int64, changes []Change) (*Outcome, error) {
	if len(changes) == 0 || len(changes) > MaxChanges {
		return nil, apperr.Field("changes", "count", fmt.Sprintf("请填写 1 到 %d 项模拟分值", MaxChanges), fmt.Sprintf("between 1 and %d changes", MaxChanges))
	}
	sc, err := results.LoadScenario(ctx, db, periodID, evaluateeID)
	if err != nil {
		return nil, err
	}
	if err := mayAsk(id, sc); err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for i, c := range changes {
		field := fmt.Sprintf("changes[%d]", i)
		if !slices.Contains(sc.Input.Carried, c.TaskID) {
			return nil, apperr.Field(field+".taskId", "carried", "该考评对象不承担此任务", "the evaluatee does not carry this task")
		}
		if seen[c.TaskID] {
			return nil, apperr.Field(field+".taskId", "unique", "同一任务只能填写一次", "one change per task")
		}
		seen[c.TaskID] = true
		if err := scoring.CheckEntry(c.Value, sc.Points[c.TaskID]); err != nil {
			max := scoring.MaxEntry(sc.Points[c.TaskID]).StringFixed(2)
			return nil, apperr.Field(field+".value", "range", "分值须在 0 到满分 "+max+" 之间,最多两位小数", "the value must be between 0 and "+max+", two decimals at most")
		}
	}
	pp, err := scoring.Prepare(sc.Plan)
	if err != nil {
		return nil, fmt.Errorf("what-if of evaluatee %d: %w", sc.Evaluatee.ID, err)
	}
	out, err := evaluate(pp, sc, changes)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func atFullMarks(sc *results.Scenario, task int64, max decimal.Decimal) bool {
	scores := sc.Input.Scores[task]
	if len(scores) < len(sc.Input.LeadUnits[task]) {
		return false
	}
	for _, s := range scores {
		if !s.Score.Equal(max) {
			return false
		}
	}
	return true
}

// evaluate applies changes to a copy of the scenario's input, computes the
// half-year result (its figures only: no steps) on the prepared plan and
// ranks it against the others' current scores.
func evaluate(pp *scoring.Prepared, sc *results.Scenario, changes []Change) (Outcome, error) {
	in := sc.Input
	in.NoSteps = true
	in.Scores = make(map[int64][]scoring.LeadScore, len(sc.Input.Scores))
	for t, s := range sc.Input.Scores {
		in.Scores[t] = s
	}
	for _, c := range changes {
		var scores []scoring.LeadScore
		for _, unit := range in.LeadUnits[c.TaskID] {
			scores = append(scores, scoring.LeadScore{LeadUnitID: unit, Score: c.Value})
		}
		in.Scores[c.TaskID] = scores
	}
	res, err := pp.HalfYear(in)
	if err != nil && !errors.Is(err, scoring.ErrNoScore) {
		return Outcome{}, fmt.Errorf("what-if of evaluatee %d: %w", sc.Evaluatee.ID, err)
	}
	return outcome(sc, res, err), nil
}

// outcome is a result (err nil or ErrNoScore) ranked among the others.
func outcome(sc *results.Scenario, res scoring.Result, err error) Outcome {
	out := Outcome{GroupSize: len(sc.Others) + 1}
	if err == nil {
		published, exact := res.Published, res.Exact
		out.Score, out.Exact = &published, &exact
	}
	out.Rank = rankAmong(sc, out.Score)
	return out
}

// dimensionTotals are a result's task lines summed per dimension, exactly:
// what HalfYearFromSums needs.
type dimensionTotals struct {
	order          []int64
	tasks          map[int64]int
	points, earned map[int64]scoring.Exact
}

func taskSums(res scoring.Result) dimensionTotals {
	d := dimensionTotals{tasks: map[int64]int{}, points: map[int64]scoring.Exact{}, earned: map[int64]scoring.Exact{}}
	for _, t := range res.Tasks {
		if _, ok := d.tasks[t.DimensionID]; !ok {
			d.order = append(d.order, t.DimensionID)
		}
		d.tasks[t.DimensionID]++
		d.points[t.DimensionID] = scoring.Sum(d.points[t.DimensionID], t.Points)
		d.earned[t.DimensionID] = scoring.Sum(d.earned[t.DimensionID], t.Score)
	}
	return d
}

// with returns the sums with extra added to dimension dim's Σ s.
func (d dimensionTotals) with(dim int64, extra scoring.Exact) []scoring.DimensionSums {
	out := make([]scoring.DimensionSums, 0, len(d.order))
	for _, id := range d.order {
		earned := d.earned[id]
		if id == dim {
			earned = scoring.Sum(earned, extra)
		}
		out = append(out, scoring.SumsOf(id, d.tasks[id], d.points[id], earned))
	}
	return out
}

// rankAmong is the evaluatee's rank in its group with score, by the
// ranking rule (scoring.RankAmong); without a score it comes after every scored one.
func rankAmong(sc *results.Scenario, score *decimal.Decimal) int {
	if score == nil {
		return len(sc.Others) + 1
	}
	return scoring.RankAmong(sc.Others, *score)
}

func gain(from, to Outcome) (scoring.Exact, decimal.Decimal) {
	zero := scoring.ExactOf(decimal.Zero)
	if from.Exact == nil || to.Exact == nil {
		return zero, decimal.Zero
	}
	return scoring.Diff(*to.Exact, *from.Exact), to.Score.Sub(*from.Score)
}
