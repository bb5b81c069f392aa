package scoring_test

import (
	"errors"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/shopspring/decimal"
)

func TestTaskPoints(t *testing.T) {
	t.Parallel()
	plan := scoring.Plan{Dimensions: []scoring.Dimension{{ID: 1, Points: d("13"), Indicators: []scoring.Indicator{
		// 10 − 4 = 6 left, shared by 2 tasks → 3 each.
		{ID: 1, Points: d("10"), Tasks: []scoring.Task{{ID: 1, Points: pd("4")}, {ID: 2}, {ID: 3}}},
		// 1 / 3 each, exactly: the three sum to exactly 1. The long form
		// (TaskPoints) rounds half up at the 20th decimal.
		{ID: 2, Points: d("1"), Tasks: []scoring.Task{{ID: 4}, {ID: 5}, {ID: 6}}},
		// explicit 1.5 + 1 = 2.5 > 2: nothing left, never negative → 0.
		{ID: 3, Points: d("2"), Tasks: []scoring.Task{{ID: 7, Points: pd("1.5")}, {ID: 8, Points: pd("1")}, {ID: 9}}},
	}}}}
	want := map[int64]string{
		1: "4", 2: "3", 3: "3",
		4: "1/3", 5: "1/3", 6: "1/3",
		7: "3/2", 8: "1", 9: "0",
	}
	got := scoring.ExactTaskPoints(plan)
	if len(got) != len(want) {
		t.Fatalf("ExactTaskPoints gave %d tasks, want %d", len(got), len(want))
	}
	for id, w := range want {
		if g := got[id].Rat().RatString(); g != w {
			t.Errorf("P_t of task %d = %s, want %s", id, g, w)
		}
	}
	sum := new(big.Rat).Add(got[4].Rat(), got[5].Rat())
	if sum.Add(sum, got[6].Rat()).Cmp(big.NewRat(1, 1)) != 0 {
		t.Errorf("Σ P_t of indicator 2 = %s, want 1", sum.RatString())
	}
	wantDec(t, "long form of 1/3", scoring.TaskPoints(plan)[4], "0.33333333333333333333")
}

// halfYearCase is one hand-computed case of HalfYear.
type halfYearCase struct {
	name      string
	plan      scoring.Plan
	in        scoring.Input
	dm, fv    string // "" = component missing
	po, tp    string
	exact     string
	published string
	check     func(t *testing.T, r scoring.Result) // further assertions
}

func TestHalfYear(t *testing.T) {
	t.Parallel()
	for _, c := range halfYearCases() {
		t.Run(c.name, func(t *testing.T) {
			r, err := scoring.HalfYear(c.plan, c.in)
			if err != nil {
				t.Fatalf("HalfYear: %v", err)
			}
			for m, want := range map[scoring.Method]string{
				scoring.DailyMonitoring: c.dm, scoring.FieldVisit: c.fv,
				scoring.PublicOpinion: c.po, scoring.ThirdParty: c.tp,
			} {
				got, present := r.Components[m]
				switch {
				case !present:
					t.Errorf("Components has no entry for %s", m)
				case want == "" && got != nil:
					t.Errorf("%s = %s, want missing", m, got)
				case want != "" && got == nil:
					t.Errorf("%s missing, want %s", m, want)
				case want != "":
					wantDec(t, string(m), *got, want)
				}
			}
			wantDec(t, "H exact", r.Exact, c.exact)
			wantDec(t, "H published", r.Published, c.published)
			wantEnglishSteps(t, r)
			if c.check != nil {
				c.check(t, r)
			}
		})
	}
}

func halfYearCases() []halfYearCase {
	redistribute, zero := stdPlan(scoring.Redistribute), stdPlan(scoring.Zero)

	// Task 101 led by units 1, 2 and 3.
	threeLeads := singleLead(map[int64]string{101: "8"})
	threeLeads.LeadUnits[101] = []int64{1, 2, 3}
	threeLeads.Scores[101] = []scoring.LeadScore{verified(1, "8"), verified(2, "9"), verified(3, "9.5")}

	// Units 1 and 2 lead task 101; unit 2 has only a draft.
	withDraft := func(mode scoring.Mode) scoring.Input {
		in := singleLead(map[int64]string{101: "8"})
		in.LeadUnits[101] = []int64{1, 2}
		in.Scores[101] = []scoring.LeadScore{verified(1, "8"), draft(2, "10")}
		in.Mode = mode
		return in
	}

	fieldVisit := singleLead(map[int64]string{102: "10", 103: "10", 301: "20", 302: "30"})
	fieldVisit.FieldItems = []scoring.FieldItem{
		{TaskID: 102, Judgement: scoring.Done}, {TaskID: 103, Judgement: scoring.Partial},
		{TaskID: 301, Judgement: scoring.NotDone}, {TaskID: 302, Judgement: scoring.NotApplicable},
	}

	sources := singleLead(map[int64]string{101: "10"})
	sources.PublicOpinion = []scoring.SourceValue{
		{Source: "问卷", Value: d("80"), Weight: d("0.6")},
		{Source: "热线", Value: d("90"), Weight: d("0.4")},
	}
	sources.ThirdParty = []scoring.SourceValue{{Value: d("70"), Weight: d("1")}}

	allFour := singleLead(map[int64]string{101: "8"})
	allFour.LeadUnits[101] = []int64{1, 2}
	allFour.Scores[101] = []scoring.LeadScore{verified(1, "8"), verified(2, "9")}
	allFour.FieldItems = []scoring.FieldItem{{TaskID: 101, Judgement: scoring.Partial}}
	allFour.PublicOpinion = []scoring.SourceValue{{Value: d("80"), Weight: d("1")}}
	allFour.ThirdParty = []scoring.SourceValue{{Value: d("91.25"), Weight: d("1")}}

	opinionOnly := func(plan scoring.Plan, v string) (scoring.Plan, scoring.Input) {
		return plan, scoring.Input{PublicOpinion: []scoring.SourceValue{{Value: d(v), Weight: d("1")}}}
	}

	return []halfYearCase{
		{
			// s = (8 + 9 + 9.5) / 3 = 26.5/3 = 8.8333…; r_1 = 8.8333…/10;
			// DM = 100 × 30·r_1 / 30 = 88.3333…; H = 60·DM/60 = DM → 88.33.
			name: "multi-lead mean of three lead units", plan: redistribute, in: threeLeads,
			dm: "88.33333333333333333333", exact: "88.33333333333333333333", published: "88.33",
			check: func(t *testing.T, r scoring.Result) {
				wantDec(t, "task 101 score", r.Tasks[0].Score, "8.83333333333333333333")
				if len(r.Tasks[0].Counted) != 3 {
					t.Errorf("counted %d lead scores, want 3", len(r.Tasks[0].Counted))
				}
			},
		},
		{
			// Dimension 3 is not carried → left out.
			// r_1 = 5/10 = 0.5, P_1·r_1 = 15; r_2 = 5/5 = 1, P_2·r_2 = 20;
			// DM = 100 × (15 + 20) / (30 + 20) = 70. (The plain mean of the
			// rates would give 75, Σs/ΣP_t 66.67: the weighting matters.)
			name: "dimension left out, dimensions weighted by points", plan: redistribute,
			in: singleLead(map[int64]string{101: "5", 201: "5"}),
			dm: "70", exact: "70", published: "70",
			check: func(t *testing.T, r scoring.Result) {
				var ids []int64
				for _, dr := range r.Dimensions {
					ids = append(ids, dr.ID)
				}
				if !slices.Equal(ids, []int64{1, 2}) {
					t.Errorf("dimensions left in = %v, want [1 2]", ids)
				}
				wantDec(t, "rate of dimension 1", r.Dimensions[0].Rate, "0.5")
				wantDec(t, "score of dimension 1", r.Dimensions[0].Score, "15")
				wantStep(t, r, "日常监测", "Daily monitoring", "100 × 35 / 50 = 70", "100 × 35 / 50 = 70")
				wantStep(t, r, "方面 3", "Dimension 3", "不计入", "not counted")
			},
		},
		{
			// Every task carried in a 100-point plan: DM = Σ s =
			// 9 + 7.5 + 10 + 4.25 + 12 + 18 + 21.5 = 82.25.
			name: "carries every task: DM is the plain sum", plan: redistribute,
			in: singleLead(map[int64]string{101: "9", 102: "7.5", 103: "10", 201: "4.25", 202: "12", 301: "18", 302: "21.5"}),
			dm: "82.25", exact: "82.25", published: "82.25",
		},
		{
			// 102 carried but unscored: s = 0 and it is missing.
			// r_1 = (10 + 0) / (10 + 10) = 0.5; DM = 100 × 30·0.5 / 30 = 50.
			name: "carried task without a score counts 0", plan: redistribute,
			in: func() scoring.Input {
				in := singleLead(map[int64]string{101: "10", 102: "0"})
				delete(in.Scores, 102)
				return in
			}(),
			dm: "50", exact: "50", published: "50",
			check: func(t *testing.T, r scoring.Result) {
				wantMissing(t, r, []scoring.MissingScore{{TaskID: 102, LeadUnitID: 1}})
				if r.Publishable() {
					t.Error("publishable with a missing score")
				}
			},
		},
		{
			// PUBLISHED: only unit 1's verified 8 counts; r_1 = 0.8; DM = 80.
			name: "published mode ignores the unverified draft", plan: redistribute, in: withDraft(scoring.Published),
			dm: "80", exact: "80", published: "80",
			check: func(t *testing.T, r scoring.Result) {
				wantMissing(t, r, []scoring.MissingScore{{TaskID: 101, LeadUnitID: 2, HasDraft: true}})
				if r.Publishable() {
					t.Error("publishable with an unverified score")
				}
			},
		},
		{
			// PREVIEW: the draft counts, s = (8 + 10) / 2 = 9; DM = 90.
			name: "preview mode counts the draft", plan: redistribute, in: withDraft(scoring.Preview),
			dm: "90", exact: "90", published: "90",
			check: func(t *testing.T, r scoring.Result) {
				wantMissing(t, r, nil)
				if r.Publishable() {
					t.Error("a preview is never publishable")
				}
			},
		},
		{
			// DM: dimensions 1 (20/20 → 30) and 3 (50/50 → 50): 100 × 80/80 = 100.
			// FV = 100 × (1·10 + 0.5·10 + 0·20) / (10 + 10 + 20) = 1500/40 = 37.5
			// (302, 不适用, left out). PO, TP missing, redistributed:
			// H = (60·100 + 20·37.5) / 80 = 6750/80 = 84.375 → 84.38.
			name: "field visit with NA, redistribute", plan: redistribute, in: fieldVisit,
			dm: "100", fv: "37.5", exact: "84.375", published: "84.38",
		},
		{
			// As above with ZERO: H = (60·100 + 20·37.5 + 10·0 + 10·0) / 100 = 67.5.
			name: "field visit with NA, zero", plan: zero, in: fieldVisit,
			dm: "100", fv: "37.5", exact: "67.5", published: "67.5",
		},
		{
			// 101 judged 不适用 only: FV missing; H = DM = 100.
			name: "field visit all NA is missing", plan: redistribute,
			in: func() scoring.Input {
				in := singleLead(map[int64]string{101: "10"})
				in.FieldItems = []scoring.FieldItem{{TaskID: 101, Judgement: scoring.NotApplicable}}
				return in
			}(),
			dm: "100", exact: "100", published: "100",
		},
		{
			// PO = (0.6·80 + 0.4·90) / (0.6 + 0.4) = 84 (the plain mean is 85);
			// TP = 70; DM = 100; FV missing, redistributed:
			// H = (60·100 + 10·84 + 10·70) / 80 = 7540/80 = 94.25.
			name: "weighted sources, redistribute", plan: redistribute, in: sources,
			dm: "100", po: "84", tp: "70", exact: "94.25", published: "94.25",
		},
		{
			// As above with ZERO: H = 7540/100 = 75.4.
			name: "weighted sources, zero", plan: zero, in: sources,
			dm: "100", po: "84", tp: "70", exact: "75.4", published: "75.4",
		},
		{
			// DM = 100 × 30·(8.5/10)/30 = 85; FV = 100 × 0.5·10/10 = 50;
			// H = (60·85 + 20·50 + 10·80 + 10·91.25) / 100 = 7812.5/100
			// = 78.125 → 78.13 (half up).
			name: "all four components, H at x.xx5 rounds up", plan: zero, in: allFour,
			dm: "85", fv: "50", po: "80", tp: "91.25", exact: "78.125", published: "78.13",
		},
		func() halfYearCase {
			// Carries nothing: DM missing. PO = 80. Redistribute: H = 10·80/10 = 80.
			plan, in := opinionOnly(redistribute, "80")
			return halfYearCase{name: "DM missing, redistribute", plan: plan, in: in, po: "80", exact: "80", published: "80"}
		}(),
		func() halfYearCase {
			// ZERO: H = 10·80/100 = 8.
			plan, in := opinionOnly(zero, "80")
			return halfYearCase{name: "DM missing, zero", plan: plan, in: in, po: "80", exact: "8", published: "8"}
		}(),
		func() halfYearCase {
			// H = 10·84.125/10 = 84.125 → 84.13.
			plan, in := opinionOnly(redistribute, "84.125")
			return halfYearCase{name: "rounds 84.125 up", plan: plan, in: in, po: "84.125", exact: "84.125", published: "84.13"}
		}(),
		func() halfYearCase {
			// H = 84.124999 → 84.12.
			plan, in := opinionOnly(redistribute, "84.124999")
			return halfYearCase{name: "rounds 84.124999 down", plan: plan, in: in, po: "84.124999", exact: "84.124999", published: "84.12"}
		}(),
		func() halfYearCase {
			// Weights 100/0/0/0, only PO (weight 0) present: ZERO gives
			// H = 0·80/100 = 0 (REDISTRIBUTE has no score: TestNoScore).
			plan, in := opinionOnly(zero, "80")
			plan.Weights = scoring.Weights{DM: d("100")}
			return halfYearCase{name: "zero rule with only a weight-0 component", plan: plan, in: in, po: "80", exact: "0", published: "0"}
		}(),
		{
			// Dimension 4's only task has 0 points: left out, and said so.
			// DM = 100 × 30·(5/10) / 30 = 50.
			name: "dimension with zero carried points is left out", plan: withZeroDimension(),
			in: singleLead(map[int64]string{101: "5", 401: "0"}),
			dm: "50", exact: "50", published: "50",
			check: func(t *testing.T, r scoring.Result) {
				if len(r.Dimensions) != 1 || r.Dimensions[0].ID != 1 {
					t.Errorf("dimensions left in = %+v, want only 1", r.Dimensions)
				}
				wantStep(t, r, "方面 4", "Dimension 4", "分值合计为 0", "points sum to 0")
			},
		},
		{
			// Guard digits. Three dimensions (20, 25, 35 points), one carried
			// 3-point task each, scored 2.87, 2.98 and 2:
			//   terms P_d·s/3 = 57.4/3 + 74.5/3 + 70/3 = 201.9/3 = 67.3,
			//   DM = 100 × 67.3 / 80 = 84.125 → 84.13.
			// Each term is 0.333… short when cut, so plain 28-digit
			// arithmetic lands on 84.1249…9 and would publish 84.12.
			name: "exact x.xx5 through repeating decimals still rounds up", plan: thirdsPlan(),
			in: singleLead(map[int64]string{1: "2.87", 2: "2.98", 3: "2"}),
			dm: "84.125", exact: "84.125", published: "84.13",
		},
	}
}

// withZeroDimension is stdPlan plus dimension 4 (10 points) whose only
// indicator has 0 points, so its task shares 0.
func withZeroDimension() scoring.Plan {
	p := stdPlan(scoring.Redistribute)
	p.Dimensions = append(p.Dimensions, scoring.Dimension{ID: 4, Points: d("10"), Indicators: []scoring.Indicator{
		{ID: 41, Points: d("0"), Tasks: []scoring.Task{{ID: 401}}},
	}})
	return p
}

// thirdsPlan: dimensions of 20, 25 and 35 points, each with a carried
// 3-point task (1, 2, 3) and an uncarried task holding the rest.
func thirdsPlan() scoring.Plan {
	p := scoring.Plan{Weights: scoring.DefaultWeights()}
	for k, pts := range []int64{20, 25, 35} {
		id := int64(k + 1)
		p.Dimensions = append(p.Dimensions, scoring.Dimension{ID: id, Points: decimal.NewFromInt(pts), Indicators: []scoring.Indicator{
			{ID: id, Points: decimal.NewFromInt(pts), Tasks: []scoring.Task{{ID: id, Points: pd("3")}, {ID: 10 + id}}},
		}})
	}
	return p
}

// wantStep asserts a step in both languages: its label and part of its
// detail, in Chinese and in English.
func wantStep(t *testing.T, r scoring.Result, label, labelEn, detailPart, detailPartEn string) {
	t.Helper()
	for _, s := range r.Steps {
		if s.Label == label && strings.Contains(s.Detail, detailPart) {
			if s.LabelEn != labelEn || !strings.Contains(s.DetailEn, detailPartEn) {
				t.Errorf("step %q: English %q / %q, want %q with %q", label, s.LabelEn, s.DetailEn, labelEn, detailPartEn)
			}
			return
		}
	}
	t.Errorf("no step %q with %q in %+v", label, detailPart, r.Steps)
}

// cjk matches Chinese characters and full-width punctuation.
var cjk = regexp.MustCompile(`[\x{3000}-\x{303f}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}\x{ff00}-\x{ffef}]`)

// wantEnglishSteps asserts that every step has its English and that the
// English has no Chinese, except the imported source names the cases use
// (data, quoted as imported).
func wantEnglishSteps(t *testing.T, r scoring.Result) {
	t.Helper()
	data := strings.NewReplacer("问卷", "", "热线", "")
	for _, s := range r.Steps {
		for _, en := range []string{s.LabelEn, s.FormulaEn, data.Replace(s.DetailEn)} {
			if en == "" || cjk.MatchString(en) {
				t.Errorf("step %q: English %q / %q / %q is empty or has Chinese", s.Label, s.LabelEn, s.FormulaEn, s.DetailEn)
				break
			}
		}
	}
}

func wantMissing(t *testing.T, r scoring.Result, want []scoring.MissingScore) {
	t.Helper()
	if !slices.Equal(r.Missing, want) {
		t.Errorf("Missing = %+v, want %+v", r.Missing, want)
	}
	for _, tr := range r.Tasks {
		listed := slices.ContainsFunc(want, func(m scoring.MissingScore) bool { return m.TaskID == tr.ID })
		if tr.Missing != listed {
			t.Errorf("task %d: Missing = %v, want %v", tr.ID, tr.Missing, listed)
		}
	}
}

func TestNoScore(t *testing.T) {
	t.Parallel()
	// Nothing carried, nothing imported: all four components missing.
	r, err := scoring.HalfYear(stdPlan(scoring.Redistribute), scoring.Input{})
	if !errors.Is(err, scoring.ErrNoScore) {
		t.Fatalf("err = %v, want ErrNoScore", err)
	}
	for m, c := range r.Components {
		if c != nil {
			t.Errorf("%s = %s, want missing", m, c)
		}
	}
	wantStep(t, r, "半年得分", "Half-year score", "四项均缺项", "all four components missing")
	wantEnglishSteps(t, r)

	// Weights 100/0/0/0 and only PO present: nothing to scale up.
	p := stdPlan(scoring.Redistribute)
	p.Weights = scoring.Weights{DM: d("100")}
	_, err = scoring.HalfYear(p, scoring.Input{PublicOpinion: []scoring.SourceValue{{Value: d("80"), Weight: d("1")}}})
	if !errors.Is(err, scoring.ErrNoScore) {
		t.Errorf("weight-0 component alone: err = %v, want ErrNoScore", err)
	}
}

func TestHalfYearRejectsInvalidInput(t *testing.T) {
	t.Parallel()
	valid := func() (scoring.Plan, scoring.Input) {
		return stdPlan(""), singleLead(map[int64]string{101: "8"})
	}
	cases := []struct {
		name   string
		mutate func(p *scoring.Plan, in *scoring.Input)
	}{
		{"score above P_t", func(_ *scoring.Plan, in *scoring.Input) { in.Scores[101][0].Score = d("10.01") }},
		{"score with three decimals", func(_ *scoring.Plan, in *scoring.Input) { in.Scores[101][0].Score = d("8.125") }},
		{"negative score", func(_ *scoring.Plan, in *scoring.Input) { in.Scores[101][0].Score = d("-0.01") }},
		{"invalid draft score", func(_ *scoring.Plan, in *scoring.Input) { in.Scores[101][0] = draft(1, "11") }},
		{"unknown carried task", func(_ *scoring.Plan, in *scoring.Input) {
			in.Carried = append(in.Carried, 999)
			in.LeadUnits[999] = []int64{1}
		}},
		{"task carried twice", func(_ *scoring.Plan, in *scoring.Input) { in.Carried = append(in.Carried, 101) }},
		{"carried task without lead unit", func(_ *scoring.Plan, in *scoring.Input) { delete(in.LeadUnits, 101) }},
		{"score for a task not carried", func(_ *scoring.Plan, in *scoring.Input) {
			in.LeadUnits[102] = []int64{1}
			in.Scores[102] = []scoring.LeadScore{verified(1, "1")}
		}},
		{"score from a unit that does not lead", func(_ *scoring.Plan, in *scoring.Input) {
			in.Scores[101] = append(in.Scores[101], verified(2, "1"))
		}},
		{"two scores from one lead unit", func(_ *scoring.Plan, in *scoring.Input) {
			in.Scores[101] = append(in.Scores[101], verified(1, "1"))
		}},
		{"field item for a task not carried", func(_ *scoring.Plan, in *scoring.Input) {
			in.FieldItems = []scoring.FieldItem{{TaskID: 102, Judgement: scoring.Done}}
		}},
		{"unknown judgement", func(_ *scoring.Plan, in *scoring.Input) {
			in.FieldItems = []scoring.FieldItem{{TaskID: 101, Judgement: "MAYBE"}}
		}},
		{"task judged twice", func(_ *scoring.Plan, in *scoring.Input) {
			in.FieldItems = []scoring.FieldItem{{TaskID: 101, Judgement: scoring.Done}, {TaskID: 101, Judgement: scoring.NotDone}}
		}},
		{"source value above 100", func(_ *scoring.Plan, in *scoring.Input) {
			in.ThirdParty = []scoring.SourceValue{{Value: d("100.5"), Weight: d("1")}}
		}},
		{"source weights all 0", func(_ *scoring.Plan, in *scoring.Input) {
			in.PublicOpinion = []scoring.SourceValue{{Value: d("80")}}
		}},
		{"unknown mode", func(_ *scoring.Plan, in *scoring.Input) { in.Mode = "FINAL" }},
		{"weights sum to 99", func(p *scoring.Plan, _ *scoring.Input) { p.Weights.TP = d("9") }},
		{"negative weight", func(p *scoring.Plan, _ *scoring.Input) {
			p.Weights.FV, p.Weights.PO = d("-10"), d("40")
		}},
		{"unknown missing rule", func(p *scoring.Plan, _ *scoring.Input) { p.MissingRule = "IGNORE" }},
		{"duplicate task in plan", func(p *scoring.Plan, _ *scoring.Input) {
			p.Dimensions[1].Indicators[0].Tasks[0].ID = 101
		}},
		{"negative task points", func(p *scoring.Plan, _ *scoring.Input) {
			p.Dimensions[0].Indicators[0].Tasks[0].Points = pd("-1")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, in := valid()
			if _, err := scoring.HalfYear(p, in); err != nil {
				t.Fatalf("the unbroken input fails: %v", err)
			}
			c.mutate(&p, &in)
			r, err := scoring.HalfYear(p, in)
			if !errors.Is(err, scoring.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if r.Components != nil || len(r.Steps) != 0 {
				t.Errorf("invalid input gave a result: %+v", r)
			}
		})
	}
}

func TestWeightsValidate(t *testing.T) {
	t.Parallel()
	if err := scoring.DefaultWeights().Validate(); err != nil {
		t.Errorf("default weights: %v", err)
	}
	// 60 + 20 + 10 + 10.01 = 100.01.
	w := scoring.DefaultWeights()
	w.TP = d("10.01")
	if err := w.Validate(); !errors.Is(err, scoring.ErrInvalid) {
		t.Errorf("weights summing to 100.01: err = %v, want ErrInvalid", err)
	}
}
