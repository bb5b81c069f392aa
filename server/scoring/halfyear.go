package scoring

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// TaskResult is the score of one carried task (§2.2).
type TaskResult struct {
	ID, IndicatorID, DimensionID int64
	Points                       Exact       // P_t
	Score                        Exact       // mean of the counted lead scores (CountedEntry); 0 when none counts
	Counted                      []LeadScore // the lead scores the mean is taken over, as entered
	Missing                      bool        // some lead unit has no counted score
}

// DimensionResult is one dimension left in for the evaluatee (§2.3).
type DimensionResult struct {
	ID            int64
	Points        decimal.Decimal // P_d
	CarriedPoints Exact           // Σ P_t over the tasks of d the evaluatee carries
	Earned        Exact           // Σ s over those tasks
	Rate          Exact           // r_d = Earned / CarriedPoints
	Score         Exact           // P_d · r_d
}

// MissingScore is a carried task × lead unit without a counted score.
type MissingScore struct {
	TaskID, LeadUnitID int64
	HasDraft           bool // a score was entered but is not verified yet
}

// Step is one line of the explanation of a result (§2.10): what is
// computed, its formula and the numbers put into it, in Chinese and in
// English. The two languages carry the same numbers; only words differ.
// Steps frozen in a publication before English existed have the En fields
// empty, and the SPA then shows the Chinese.
type Step struct {
	// No JSON tags: publications freeze steps under the field names.
	Label   string // e.g. "日常监测"
	Formula string // e.g. "100 × Σ P_d·r_d / Σ P_d"
	Detail  string // e.g. "100 × 18.5 / 25 = 74"

	LabelEn   string // e.g. "Daily monitoring"
	FormulaEn string
	DetailEn  string
}

// bi is a phrase in both languages.
type bi struct{ zh, en string }

// same is a phrase without words (numbers and symbols only).
func same(s string) bi { return bi{s, s} }

// Result is the half-year score of one evaluatee with its derivation. Every
// value is exact; only Published is rounded.
type Result struct {
	Mode       Mode
	Components map[Method]*Exact // all four methods; nil = missing
	Dimensions []DimensionResult // dimensions left in, in plan order
	Tasks      []TaskResult      // carried tasks, in plan order
	Missing    []MissingScore    // in plan order, lead units as listed
	// MissingScores is the number of missing lead scores: len(Missing), or
	// for a result computed from sums (HalfYearFromSums) the rolled-up count.
	MissingScores int
	Exact         Exact           // H
	Published     decimal.Decimal // H rounded half up to PublishedPlaces
	Steps         []Step

	quiet bool // no Steps (SumsInput.NoSteps)
}

// Publishable reports whether the result may be published: it counts
// verified scores only and no lead score is missing (§2.2).
func (r Result) Publishable() bool {
	return r.Mode == Published && len(r.Missing) == 0
}

// HalfYear computes the half-year score H(e,h) of one evaluatee (§2.2–2.8).
//
// Invalid input gives an error wrapping ErrInvalid and an empty Result.
// When no component can be scored (the evaluatee carries no task and has no
// field visit, opinion or third-party value) the error is ErrNoScore and the
// Result still holds the components and the steps that say why; Exact and
// Published are then zero and must not be shown as a score.
func HalfYear(p Plan, in Input) (Result, error) {
	pp, err := Prepare(p)
	if err != nil {
		return Result{}, err
	}
	return pp.HalfYear(in)
}

// HalfYear is HalfYear on the prepared plan: for many evaluatees, or many
// what-ifs of one, without validating and indexing the plan each time.
func (pp *Prepared) HalfYear(in Input) (Result, error) {
	c, err := in.validate(pp.idx)
	if err != nil {
		return Result{}, err
	}
	p := pp.plan
	idx := pp.idx

	r := Result{Mode: c.mode, quiet: in.NoSteps}
	// A missing component has no entry.
	comps := map[Method]*big.Rat{}
	if v, ok := r.dailyMonitoring(p, dimensionSums(len(p.Dimensions), r.scoreTasks(idx, c))); ok {
		comps[DailyMonitoring] = v
	}
	if v, ok := r.fieldVisit(idx, c.FieldItems); ok {
		comps[FieldVisit] = v
	}
	if v, ok := r.sourceMean(PublicOpinion, c.PublicOpinion); ok {
		comps[PublicOpinion] = v
	}
	if v, ok := r.sourceMean(ThirdParty, c.ThirdParty); ok {
		comps[ThirdParty] = v
	}

	r.MissingScores = len(r.Missing)
	return r, r.finish(p.Weights, pp.rule, comps)
}

// finish sets the components and H from the component values.
func (r *Result) finish(w Weights, rule MissingRule, comps map[Method]*big.Rat) error {
	r.Components = make(map[Method]*Exact, 4)
	for _, m := range Methods() {
		r.Components[m] = nil
		if v, ok := comps[m]; ok {
			r.Components[m] = &Exact{v}
		}
	}
	h, err := r.combine(w, rule, comps)
	if err != nil {
		return err
	}
	r.Exact = Exact{h}
	r.Published = r.Exact.Published()
	if !r.quiet {
		r.step(bi{"公布得分", "Published score"}, bi{"四舍五入保留两位小数", "rounded half up to two decimals"},
			same(showRat(h)+" → "+r.Published.StringFixed(PublishedPlaces)))
	}
	return nil
}

func (r *Result) step(label, formula, detail bi) {
	if r.quiet {
		return
	}
	r.Steps = append(r.Steps, Step{Label: label.zh, Formula: formula.zh, Detail: detail.zh,
		LabelEn: label.en, FormulaEn: formula.en, DetailEn: detail.en})
}

// scoredTask is a carried task's exact points and score.
type scoredTask struct {
	dim           int
	points, score *big.Rat
}

// scoreTasks scores every carried task, in plan order, and records the
// missing lead scores.
func (r *Result) scoreTasks(idx planIndex, c checked) []scoredTask {
	var out []scoredTask
	for _, id := range idx.order {
		if !c.carried[id] {
			continue
		}
		ref := idx.tasks[id]
		score, counted, missing := taskScore(ref, id, c.LeadUnits[id], c.Scores[id], c.mode)
		r.Tasks = append(r.Tasks, TaskResult{
			ID: id, IndicatorID: ref.indicator, DimensionID: ref.dimID,
			Points: ref.points, Score: Exact{score}, Counted: counted, Missing: len(missing) > 0,
		})
		r.Missing = append(r.Missing, missing...)
		out = append(out, scoredTask{dim: ref.dim, points: ref.points.rat(), score: score})
	}
	return out
}

// taskScore is §2.2: the mean of the counted scores of the task's lead units
// (a score counts when verified, or in a preview when entered at all), each
// taken as CountedEntry; 0 when none counts. Lead units are few, so a linear
// search beats a map.
func taskScore(ref taskRef, task int64, leads []int64, scores []LeadScore, mode Mode) (*big.Rat, []LeadScore, []MissingScore) {
	sum := new(big.Rat)
	var counted []LeadScore
	var missing []MissingScore
	for _, unit := range leads {
		s, entered := findScore(scores, unit)
		if entered && (s.Verified || mode == Preview) {
			counted = append(counted, s)
			sum.Add(sum, countedEntry(s.Score, ref.points, ref.max).rat())
			continue
		}
		missing = append(missing, MissingScore{TaskID: task, LeadUnitID: unit, HasDraft: entered})
	}
	if len(counted) > 1 {
		sum.Quo(sum, ratInt(int64(len(counted))))
	}
	return sum, counted, missing
}

func findScore(scores []LeadScore, unit int64) (LeadScore, bool) {
	for _, s := range scores {
		if s.LeadUnitID == unit {
			return s, true
		}
	}
	return LeadScore{}, false
}

// dimensionSum is what daily monitoring needs of a dimension: how many
// carried tasks it has, Σ P_t and Σ s over them.
type dimensionSum struct {
	n              int
	points, earned big.Rat
}

func dimensionSums(dims int, tasks []scoredTask) []dimensionSum {
	accs := make([]dimensionSum, dims)
	for _, t := range tasks {
		a := &accs[t.dim]
		a.n++
		a.points.Add(&a.points, t.points)
		a.earned.Add(&a.earned, t.score)
	}
	return accs
}

var dmFormula = same("100 × Σ P_d·r_d / Σ P_d")

// dailyMonitoring is §2.3–2.4, in fractions: each dimension's term is
// P_d·Σs / ΣP_t, so that when the evaluatee carries the whole dimension
// (ΣP_t = P_d) the term is exactly Σs.
func (r *Result) dailyMonitoring(p Plan, accs []dimensionSum) (*big.Rat, bool) {
	sumP, sumScore := decimal.Zero, new(big.Rat)
	for i, d := range p.Dimensions {
		a := &accs[i]
		label := bi{fmt.Sprintf("方面 %d", d.ID), fmt.Sprintf("Dimension %d", d.ID)}
		switch {
		case a.n == 0:
			r.step(label, bi{"未承担该方面任务", "no task of this dimension carried"}, bi{"不计入", "not counted"})
		case a.points.Sign() == 0:
			// r_d = Σs / 0 is undefined; the only scores possible are 0.
			r.step(label, same("Σ P_t = 0"), bi{"承担的任务分值合计为 0，无法计算得分率，不计入",
				"the carried tasks' points sum to 0, so there is no rate: not counted"})
		default:
			rate := quo(&a.earned, &a.points)
			score := mul(d.Points.Rat(), rate)
			r.Dimensions = append(r.Dimensions, DimensionResult{
				ID: d.ID, Points: d.Points, CarriedPoints: Exact{new(big.Rat).Set(&a.points)},
				Earned: Exact{new(big.Rat).Set(&a.earned)}, Rate: Exact{rate}, Score: Exact{score},
			})
			sumP = sumP.Add(d.Points)
			sumScore.Add(sumScore, score)
			if r.quiet {
				continue
			}
			nums := []any{showRat(&a.earned), showRat(&a.points), showRat(rate), show(d.Points), showRat(rate), showRat(score)}
			r.step(label, bi{"r_d = Σ s / Σ P_t；P_d·r_d", "r_d = Σ s / Σ P_t; P_d·r_d"},
				bi{fmt.Sprintf("r = %s / %s = %s；%s × %s = %s", nums...), fmt.Sprintf("r = %s / %s = %s; %s × %s = %s", nums...)})
		}
	}

	label := bi{DailyMonitoring.Label(), DailyMonitoring.LabelEn()}
	switch {
	case len(r.Dimensions) == 0:
		r.step(label, dmFormula, bi{"未承担任何可计分的任务：缺项", "no scorable task carried: missing"})
		return nil, false
	case sumP.IsZero():
		r.step(label, dmFormula, bi{"计入的方面分值合计为 0：缺项", "the counted dimensions' points sum to 0: missing"})
		return nil, false
	}
	dm := quo(mul(ratInt(100), sumScore), sumP.Rat())
	if !r.quiet {
		r.step(label, dmFormula, same(fmt.Sprintf("100 × %s / %s = %s", showRat(sumScore), show(sumP), showRat(dm))))
	}
	return dm, true
}

// fieldVisit is §2.5 over the latest reviewed visit per task.
func (r *Result) fieldVisit(idx planIndex, items []FieldItem) (*big.Rat, bool) {
	formula := bi{"100 × Σ 判定·P_t / Σ P_t（已落实 1，部分落实 0.5，未落实 0，不适用不计）",
		"100 × Σ judgement·P_t / Σ P_t (done 1, partly done 0.5, not done 0, not applicable left out)"}
	label := bi{FieldVisit.Label(), FieldVisit.LabelEn()}
	num, den, judged := new(big.Rat), new(big.Rat), 0
	for _, it := range items {
		f, ok, _ := it.Judgement.factor()
		if !ok {
			continue
		}
		pts := idx.tasks[it.TaskID].points.rat()
		num.Add(num, mul(f.Rat(), pts))
		den.Add(den, pts)
		judged++
	}
	switch {
	case len(items) == 0:
		r.step(label, formula, bi{"无已审核的实地调研：缺项", "no reviewed field visit: missing"})
		return nil, false
	case judged == 0:
		r.step(label, formula, bi{"检查项均不适用：缺项", "every item is not applicable: missing"})
		return nil, false
	case den.Sign() == 0:
		r.step(label, formula, bi{"判定项分值合计为 0：缺项", "the judged items' points sum to 0: missing"})
		return nil, false
	}
	fv := quo(mul(ratInt(100), num), den)
	if r.quiet {
		return fv, true
	}
	r.step(label, formula, bi{
		fmt.Sprintf("100 × %s / %s = %s（判定 %d 项，不适用 %d 项）", showRat(num), showRat(den), showRat(fv), judged, len(items)-judged),
		fmt.Sprintf("100 × %s / %s = %s (%d judged, %d not applicable)", showRat(num), showRat(den), showRat(fv), judged, len(items)-judged),
	})
	return fv, true
}

// sourceMean is §2.6: the weighted mean of the imported values of method m.
func (r *Result) sourceMean(m Method, vals []SourceValue) (*big.Rat, bool) {
	formula := bi{"Σ 权重·得分 / Σ 权重", "Σ weight·score / Σ weight"}
	label := bi{m.Label(), m.LabelEn()}
	if len(vals) == 0 {
		r.step(label, formula, bi{"未导入数据：缺项", "nothing imported: missing"})
		return nil, false
	}
	num, den := decimal.Zero, decimal.Zero
	terms := make([]string, len(vals))
	for k, v := range vals {
		num = num.Add(v.Weight.Mul(v.Value)) // decimal products are exact
		den = den.Add(v.Weight)
		if !r.quiet {
			terms[k] = strings.TrimSpace(v.Source + " " + show(v.Weight) + "×" + show(v.Value))
		}
	}
	mean := quo(num.Rat(), den.Rat())
	if !r.quiet {
		// Source names are data, shown as imported in both languages.
		r.step(label, formula, same(fmt.Sprintf("(%s) / %s = %s", strings.Join(terms, " + "), show(den), showRat(mean))))
	}
	return mean, true
}

// combine is §2.7: H = Σ w_m·C_m / 100 with the plan's missing rule.
func (r *Result) combine(w Weights, rule MissingRule, comps map[Method]*big.Rat) (*big.Rat, error) {
	label := bi{"半年得分", "Half-year score"}
	num, present := new(big.Rat), decimal.Zero
	var terms, missing, missingEn []string
	for _, m := range Methods() {
		c, ok := comps[m]
		if !ok {
			missing = append(missing, m.Label())
			missingEn = append(missingEn, m.LabelEn())
			continue
		}
		num.Add(num, mul(w.Of(m).Rat(), c))
		present = present.Add(w.Of(m))
		if !r.quiet {
			terms = append(terms, show(w.Of(m))+"×"+showRat(c))
		}
	}
	if len(missing) == len(Methods()) {
		r.step(label, same("H = Σ w·C / 100"), bi{"四项均缺项：无半年得分", "all four components missing: no half-year score"})
		return nil, ErrNoScore
	}

	formula, den := same("H = Σ w·C / 100"), hundred
	switch {
	case len(missing) == 0:
	case rule == Zero:
		formula = bi{"H = Σ w·C / 100（缺项 " + strings.Join(missing, "、") + " 按 0 分计）",
			"H = Σ w·C / 100 (missing " + strings.Join(missingEn, ", ") + " counted as 0)"}
	default:
		formula = bi{"H = Σ w·C / Σ w（缺项 " + strings.Join(missing, "、") + " 的权重按比例分给其余各项）",
			"H = Σ w·C / Σ w (the weight of missing " + strings.Join(missingEn, ", ") + " shared out among the rest in proportion)"}
		den = present
	}
	if den.IsZero() {
		r.step(label, formula, bi{"其余各项权重合计为 0：无半年得分", "the other components' weights sum to 0: no half-year score"})
		return nil, fmt.Errorf("%w: the present components all have weight 0", ErrNoScore)
	}
	h := quo(num, den.Rat())
	if !r.quiet {
		r.step(label, formula, same(fmt.Sprintf("(%s) / %s = %s", strings.Join(terms, " + "), show(den), showRat(h))))
	}
	return h, nil
}
