package consistency

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// cjk matches Chinese characters and full-width punctuation.
var cjk = regexp.MustCompile(`[\x{3000}-\x{303f}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}\x{ff00}-\x{ffef}]`)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func str(s string) *string       { return &s }
func num(n int) *int             { return &n }
func id(n int64) *int64          { return &n }

func points(s string) scoring.Exact { return scoring.ExactOf(d(s)) }

func rules(flags []Flag) []Rule {
	var out []Rule
	for _, f := range flags {
		out = append(out, f.Rule)
	}
	return out
}

// July 2024 in Beijing: June deadlines have passed, July's have not.
var july = time.Date(2024, 7, 10, 9, 0, 0, 0, Shanghai)

func TestCheck(t *testing.T) {
	t.Parallel()
	th := DefaultThresholds()
	base := func(value, pts string) Facts { return Facts{Value: d(value), Points: points(pts), PlanYear: 2024} }
	with := func(f Facts, edit func(*Facts)) Facts { edit(&f); return f }
	cases := []struct {
		name  string
		facts Facts
		want  []Rule
	}{
		{"high without any report", base("4", "5"), []Rule{HighWithoutProgress}},
		{"just below the high rate, no report", base("3.99", "5"), nil},
		{"high while the report says 未启动", with(base("5", "5"), func(f *Facts) { f.ReportID, f.ReportState = id(7), str("NOT_STARTED") }), []Rule{HighWithoutProgress}},
		{"high while in progress", with(base("5", "5"), func(f *Facts) { f.ReportID, f.ReportState = id(7), str("IN_PROGRESS") }), nil},
		{"low while 已完成 with evidence", with(base("0.99", "5"), func(f *Facts) {
			f.ReportID, f.ReportState, f.EvidenceCount = id(7), str("COMPLETED"), 2
		}), []Rule{LowDespiteCompletion}},
		{"low while 已完成 without evidence", with(base("0.99", "5"), func(f *Facts) { f.ReportID, f.ReportState = id(7), str("COMPLETED") }), nil},
		{"exactly the low rate is not low", with(base("1", "5"), func(f *Facts) {
			f.ReportID, f.ReportState, f.EvidenceCount = id(7), str("COMPLETED"), 1
		}), nil},
		{"field visit 已落实, low score", with(base("0.5", "5"), func(f *Facts) {
			f.ReportState, f.VisitID, f.Judgement = str("IN_PROGRESS"), id(3), str("DONE")
		}), []Rule{FieldVisitDisagrees}},
		{"field visit 未落实, high score", with(base("4.5", "5"), func(f *Facts) {
			f.ReportState, f.VisitID, f.Judgement = str("IN_PROGRESS"), id(3), str("NOT_DONE")
		}), []Rule{FieldVisitDisagrees}},
		{"field visit 部分落实 never disagrees", with(base("4.5", "5"), func(f *Facts) {
			f.ReportState, f.VisitID, f.Judgement = str("IN_PROGRESS"), id(3), str("PARTIAL")
		}), nil},
		{"full marks past a June deadline, report behind", with(base("5", "5"), func(f *Facts) {
			f.DeadlineMonth, f.DeadlineState, f.ReportState = num(6), str("COMPLETED"), str("NOTABLE_RESULTS")
		}), []Rule{FullMarksPastDeadline}},
		{"full marks, July deadline not yet passed", with(base("5", "5"), func(f *Facts) {
			f.DeadlineMonth, f.DeadlineState, f.ReportState = num(7), str("COMPLETED"), str("NOTABLE_RESULTS")
		}), nil},
		{"full marks past the deadline, expected state reached", with(base("5", "5"), func(f *Facts) {
			f.DeadlineMonth, f.DeadlineState, f.ReportState = num(6), str("STAGED_RESULTS"), str("NOTABLE_RESULTS")
		}), nil},
		{"one below full marks past the deadline", with(base("4.99", "5"), func(f *Facts) {
			f.DeadlineMonth, f.DeadlineState, f.ReportState = num(6), str("COMPLETED"), str("IN_PROGRESS")
		}), nil},
		{"full marks on a 1/7 share past the deadline (0.14 is full marks)", with(Facts{Value: d("0.14"), Points: seventh(), PlanYear: 2024}, func(f *Facts) {
			f.DeadlineMonth, f.DeadlineState, f.ReportState = num(6), str("ONGOING"), str("NOT_STARTED")
		}), []Rule{HighWithoutProgress, FullMarksPastDeadline}},
		{"lead units more than half the points apart", with(base("4.5", "5"), func(f *Facts) {
			f.ReportState = str("IN_PROGRESS")
			f.Others = []store.OtherLeadScore{{ScoreID: 11, UnitID: 2, Value: d("1.99")}, {ScoreID: 12, UnitID: 3, Value: d("4")}}
		}), []Rule{LeadUnitsDisagree}},
		{"lead units exactly half apart", with(base("4.5", "5"), func(f *Facts) {
			f.ReportState = str("IN_PROGRESS")
			f.Others = []store.OtherLeadScore{{ScoreID: 11, UnitID: 2, Value: d("2")}}
		}), nil},
		{"self score above the median for others", with(base("3", "5"), func(f *Facts) {
			f.ReportState, f.SelfMedian = str("IN_PROGRESS"), decPtr("2.5")
		}), []Rule{SelfAboveMedian}},
		{"self score at the median", with(base("2.5", "5"), func(f *Facts) {
			f.ReportState, f.SelfMedian = str("IN_PROGRESS"), decPtr("2.5")
		}), nil},
		{"a task worth nothing raises nothing", base("0", "0"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Check(c.facts, th, july)
			if !slices.Equal(rules(got), c.want) {
				t.Fatalf("rules = %v, want %v (%+v)", rules(got), c.want, got)
			}
			for _, f := range got {
				if f.Reason == "" {
					t.Errorf("%s has no reason", f.Rule)
				}
				// The English reason exists, has no Chinese, and quotes
				// the score when the Chinese does.
				v := c.facts.Value.StringFixed(2)
				if f.ReasonEn == "" || cjk.MatchString(f.ReasonEn) || strings.Contains(f.Reason, v) != strings.Contains(f.ReasonEn, v) {
					t.Errorf("%s: English reason %q is empty, has Chinese or lacks the score", f.Rule, f.ReasonEn)
				}
			}
		})
	}
}

func decPtr(s string) *decimal.Decimal { v := d(s); return &v }

func TestThresholdsAreThePlans(t *testing.T) {
	t.Parallel()
	f := Facts{Value: d("3.5"), Points: points("5"), PlanYear: 2024}
	if got := Check(f, DefaultThresholds(), july); len(got) != 0 {
		t.Fatalf("3.5 of 5 without a report at the default 80%% = %v, want nothing", rules(got))
	}
	strict := DefaultThresholds()
	strict.HighRate = d("0.7")
	if got := rules(Check(f, strict, july)); !slices.Equal(got, []Rule{HighWithoutProgress}) {
		t.Fatalf("at 70%% = %v, want HIGH_WITHOUT_PROGRESS", got)
	}
}

func TestDeadlinePassedInShanghai(t *testing.T) {
	t.Parallel()
	// 2024-06-30 16:00 UTC is already 1 July in Beijing.
	if !DeadlinePassed(2024, 6, time.Date(2024, 6, 30, 16, 0, 0, 0, time.UTC)) {
		t.Error("June deadline not passed at 1 July 00:00 Beijing time")
	}
	if DeadlinePassed(2024, 6, time.Date(2024, 6, 30, 15, 59, 0, 0, time.UTC)) {
		t.Error("June deadline passed at 30 June 23:59 Beijing time")
	}
	if !DeadlinePassed(2024, 12, time.Date(2025, 1, 1, 0, 0, 0, 0, Shanghai)) {
		t.Error("December deadline not passed on New Year's day")
	}
}

// seventh is the share of one point over seven tasks, 1/7, from the
// formula's own share rule.
func seventh() scoring.Exact {
	tasks := make([]scoring.Task, 7)
	for i := range tasks {
		tasks[i].ID = int64(i + 1)
	}
	p := scoring.Plan{Dimensions: []scoring.Dimension{{ID: 1, Points: d("1"),
		Indicators: []scoring.Indicator{{ID: 1, Points: d("1"), Tasks: tasks}}}}}
	return scoring.ExactTaskPoints(p)[1]
}
