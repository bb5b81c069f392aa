package scoring

import (
	"fmt"
	"maps"
	"slices"

	"github.com/shopspring/decimal"
)

// Mode says which task scores count (§2.2).
type Mode string

const (
	// Published counts verified scores only. It is the default: a result
	// computed without saying otherwise is one that could be published.
	Published Mode = "PUBLISHED"
	// Preview counts drafts too, and lists what is still missing.
	Preview Mode = "PREVIEW"
)

func (m Mode) resolve() (Mode, error) {
	switch m {
	case "", Published:
		return Published, nil
	case Preview:
		return Preview, nil
	}
	return "", fmt.Errorf("%w: unknown mode %q", ErrInvalid, string(m))
}

// LeadScore is the score one lead unit entered for a task of the evaluatee,
// as entered: in [0, MaxEntry(P_t)], at most two decimals. The formula
// counts it through CountedEntry (MaxEntry counts as the exact P_t).
type LeadScore struct {
	LeadUnitID int64
	Score      decimal.Decimal
	Verified   bool // verified by the 专班 (§3)
}

// SourceValue is one imported 0–100 value of 民意调查 or 第三方评估. Several
// sources of one method are averaged with these weights (≥ 0, not all 0).
type SourceValue struct {
	Source string
	Value  decimal.Decimal
	Weight decimal.Decimal
}

// Judgement is an inspector's finding on one checklist item (§2.5).
type Judgement string

const (
	Done          Judgement = "DONE"     // 已落实, counts 1
	Partial       Judgement = "PARTIAL"  // 部分落实, counts 0.5
	NotDone       Judgement = "NOT_DONE" // 未落实, counts 0
	NotApplicable Judgement = "NA"       // 不适用, left out
)

// factor is the judgement's value; judged is false for NotApplicable.
func (j Judgement) factor() (value decimal.Decimal, judged, ok bool) {
	switch j {
	case Done:
		return decimal.NewFromInt(1), true, true
	case Partial:
		return decimal.New(5, -1), true, true
	case NotDone:
		return decimal.Zero, true, true
	case NotApplicable:
		return decimal.Zero, false, true
	}
	return decimal.Zero, false, false
}

// FieldItem is the judgement of one task in the latest reviewed field visit.
type FieldItem struct {
	TaskID    int64
	Judgement Judgement
}

// Input is everything known about one evaluatee in one period.
type Input struct {
	Carried    []int64               // tasks the evaluatee carries (assignment matrix)
	LeadUnits  map[int64][]int64     // task → lead units expected to score it (their order orders Counted and Missing); every carried task needs one
	Scores     map[int64][]LeadScore // task → scores entered by its lead units, carried tasks only
	FieldItems []FieldItem           // latest reviewed visit per task, carried tasks only; empty = FV missing
	// Imported values; empty = component missing.
	PublicOpinion, ThirdParty []SourceValue
	Mode                      Mode // "" means Published
	// NoSteps leaves Result.Steps empty, for callers that only want the
	// figures (a what-if computes one result per task).
	NoSteps bool
}

// checked is an Input that passed validation, with what validation learnt.
type checked struct {
	Input
	mode    Mode
	carried map[int64]bool
}

// validate rejects input that does not fit the plan, reporting the first
// fault in a fixed order (maps are walked by sorted key), so the same input
// always gets the same message. Being strict here is
// deliberate: a score for a task the evaluatee does not carry, or from a
// unit that does not lead it, means the caller loaded the wrong rows, and a
// silently ignored row would make a published figure unexplainable.
func (in Input) validate(idx planIndex) (checked, error) {
	c := checked{Input: in, carried: map[int64]bool{}}
	var err error
	if c.mode, err = in.Mode.resolve(); err != nil {
		return c, err
	}
	for _, id := range in.Carried {
		if _, ok := idx.tasks[id]; !ok {
			return c, fmt.Errorf("%w: carried task %d is not in the plan", ErrInvalid, id)
		}
		if c.carried[id] {
			return c, fmt.Errorf("%w: task %d is carried twice", ErrInvalid, id)
		}
		c.carried[id] = true
	}
	for _, check := range []func(planIndex) error{c.checkLeads, c.checkScores, c.checkFieldItems} {
		if err := check(idx); err != nil {
			return c, err
		}
	}
	if err := checkSources(PublicOpinion, in.PublicOpinion); err != nil {
		return c, err
	}
	return c, checkSources(ThirdParty, in.ThirdParty)
}

// checkTask reports an unknown or (when mustCarry) uncarried task.
func (c checked) checkTask(idx planIndex, id int64, mustCarry bool) error {
	if _, ok := idx.tasks[id]; !ok {
		return fmt.Errorf("%w: task %d is not in the plan", ErrInvalid, id)
	}
	if mustCarry && !c.carried[id] {
		return fmt.Errorf("%w: task %d is not carried by the evaluatee", ErrInvalid, id)
	}
	return nil
}

// checkLeads: LeadUnits may cover the whole plan, but every carried task
// needs at least one lead unit, or nobody could ever score it.
func (c checked) checkLeads(idx planIndex) error {
	for _, id := range slices.Sorted(maps.Keys(c.LeadUnits)) {
		units := c.LeadUnits[id]
		if err := c.checkTask(idx, id, false); err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, u := range units {
			if seen[u] {
				return fmt.Errorf("%w: task %d lists lead unit %d twice", ErrInvalid, id, u)
			}
			seen[u] = true
		}
	}
	for _, id := range c.Carried {
		if len(c.LeadUnits[id]) == 0 {
			return fmt.Errorf("%w: carried task %d has no lead unit", ErrInvalid, id)
		}
	}
	return nil
}

func (c checked) checkScores(idx planIndex) error {
	for _, id := range slices.Sorted(maps.Keys(c.Scores)) {
		scores := c.Scores[id]
		if err := c.checkTask(idx, id, true); err != nil {
			return err
		}
		ref := idx.tasks[id]
		seen := map[int64]bool{}
		for _, s := range scores {
			if !slices.Contains(c.LeadUnits[id], s.LeadUnitID) {
				return fmt.Errorf("%w: task %d: unit %d is not one of its lead units", ErrInvalid, id, s.LeadUnitID)
			}
			if seen[s.LeadUnitID] {
				return fmt.Errorf("%w: task %d: two scores from lead unit %d", ErrInvalid, id, s.LeadUnitID)
			}
			seen[s.LeadUnitID] = true
			if err := checkScore(id, s.Score, ref.max); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkScore enforces §2.2 through CheckEntry: s ∈ [0, MaxEntry(P_t)] with
// at most two decimals.
func checkScore(task int64, s, max decimal.Decimal) error {
	if err := checkEntry(s, max); err != nil {
		return fmt.Errorf("%w (task %d: score %s, full marks %s)", err, task, s, max)
	}
	return nil
}

func (c checked) checkFieldItems(idx planIndex) error {
	seen := map[int64]bool{}
	for _, it := range c.FieldItems {
		if err := c.checkTask(idx, it.TaskID, true); err != nil {
			return err
		}
		if seen[it.TaskID] {
			return fmt.Errorf("%w: task %d is judged twice (give the latest reviewed visit only)", ErrInvalid, it.TaskID)
		}
		seen[it.TaskID] = true
		if _, _, ok := it.Judgement.factor(); !ok {
			return fmt.Errorf("%w: task %d: unknown judgement %q", ErrInvalid, it.TaskID, string(it.Judgement))
		}
	}
	return nil
}

func checkSources(m Method, vals []SourceValue) error {
	total := decimal.Zero
	for _, v := range vals {
		if v.Value.IsNegative() || v.Value.GreaterThan(hundred) {
			return fmt.Errorf("%w: %s source %q: value %s outside 0–100", ErrInvalid, m, v.Source, v.Value)
		}
		if v.Weight.IsNegative() {
			return fmt.Errorf("%w: %s source %q: negative weight %s", ErrInvalid, m, v.Source, v.Weight)
		}
		total = total.Add(v.Weight)
	}
	if len(vals) > 0 && total.IsZero() {
		return fmt.Errorf("%w: %s: the weights of its sources are all 0", ErrInvalid, m)
	}
	return nil
}
