// Package consistency raises the 专班's doubts (疑点) about a lead unit's
// score: rules that compare the score with what else the system knows of
// the same task — the evaluatee's own progress report, the reviewed field
// visit, the deadline, the other lead units' scores and the lead unit's
// scores of others. A flag is a question for a person, never a change of
// the figure: accepting a flagged score only needs a confirming note.
//
// The rules are pure (Check, with table tests); ForScores loads the facts of
// any number of scores in a bounded number of statements and applies them.
package consistency

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/labels"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// Rule names a consistency rule; the values are the GraphQL enum
// ConsistencyRule's.
type Rule string

const (
	// HighWithoutProgress: a score at or above the high rate while the
	// evaluatee reports the task 未启动, or has not reported it at all.
	HighWithoutProgress Rule = "HIGH_WITHOUT_PROGRESS"
	// LowDespiteCompletion: a score below the low rate while the report says
	// 已完成 with evidence attached.
	LowDespiteCompletion Rule = "LOW_DESPITE_COMPLETION"
	// FieldVisitDisagrees: the reviewed field finding says 已落实 and the
	// score is below the low rate, or 未落实 and the score is at or above the
	// high rate.
	FieldVisitDisagrees Rule = "FIELD_VISIT_DISAGREES"
	// FullMarksPastDeadline: full marks for a task whose deadline month has
	// passed without the report reaching the state the deadline expects.
	FullMarksPastDeadline Rule = "FULL_MARKS_PAST_DEADLINE"
	// LeadUnitsDisagree: another lead unit of the task scored the same
	// evaluatee more than the spread (a fraction of the points) apart.
	LeadUnitsDisagree Rule = "LEAD_UNITS_DISAGREE"
	// SelfAboveMedian: a lead unit scoring itself higher than the median it
	// gave the other evaluatees on the same task.
	SelfAboveMedian Rule = "SELF_ABOVE_MEDIAN"
)

// Rules lists every rule, in the order flags are shown.
func Rules() []Rule {
	return []Rule{HighWithoutProgress, LowDespiteCompletion, FieldVisitDisagrees, FullMarksPastDeadline,
		LeadUnitsDisagree, SelfAboveMedian}
}

// MaySeeFlags says whether id is shown the doubts about scores: the 专班,
// who verifies them, and leaders, who judge the results they rest on. The
// evaluatee's contact and the lead units are not: a doubt is a question for
// the verifier, not an accusation to the unit scored.
func MaySeeFlags(id *auth.Identity) bool { return id.Has(auth.RoleTaskForce, auth.RoleLeader) }

// Label is the rule's short name in the UI, from the one catalogue of
// enum words (server/labels).
func (r Rule) Label() string { return labels.Of("ConsistencyRule", string(r)) }

// English is the rule's English name, for messages in both languages.
func (r Rule) English() string { return labels.English("ConsistencyRule", string(r)) }

// Thresholds are a plan's settings for the rules, as rates of a task's
// points (plans.flag_*).
type Thresholds struct {
	HighRate   decimal.Decimal // default 0.8
	LowRate    decimal.Decimal // default 0.2
	LeadSpread decimal.Decimal // default 0.5
}

// DefaultThresholds are the defaults, also the columns' defaults.
func DefaultThresholds() Thresholds {
	return Thresholds{
		HighRate:   decimal.RequireFromString("0.8"),
		LowRate:    decimal.RequireFromString("0.2"),
		LeadSpread: decimal.RequireFromString("0.5"),
	}
}

// Flag is one raised doubt: the rule, a reason in plain words with this
// score's numbers, and the records it compared.
type Flag struct {
	Rule   Rule
	Reason string
	// ReasonEn is Reason in English, with the same numbers.
	ReasonEn      string
	ReportID      *int64
	VisitID       *int64
	OtherScoreIDs []int64
}

// Label is the flag's rule's short name.
func (f Flag) Label() string { return f.Rule.Label() }

// Facts are what the rules read about one score.
type Facts struct {
	Value  decimal.Decimal
	Points scoring.Exact

	PlanYear      int
	DeadlineMonth *int
	DeadlineState *string // COMPLETED, STAGED_RESULTS, NOTABLE_RESULTS, ONGOING

	ReportID      *int64
	ReportState   *string // NOT_STARTED … COMPLETED; nil without a report
	EvidenceCount int

	VisitID   *int64
	Judgement *string // DONE, PARTIAL, NOT_DONE, NA of the latest accepted visit

	Others     []store.OtherLeadScore
	SelfMedian *decimal.Decimal
}

// progressOrder ranks report states: a report reaches an expected state
// when its rank is at least the expected one's.
var progressOrder = map[string]int{
	"NOT_STARTED": 0, "IN_PROGRESS": 1, "STAGED_RESULTS": 2, "NOTABLE_RESULTS": 3, "COMPLETED": 4,
}

// expectedOrder is the report rank a deadline state asks for; 持续推进
// asks only that work has started.
var expectedOrder = map[string]int{
	"ONGOING": 1, "STAGED_RESULTS": 2, "NOTABLE_RESULTS": 3, "COMPLETED": 4,
}

// Shanghai is the zone deadlines are judged in (the plan is a Chinese
// city's; a deadline "6月底" ends at midnight Beijing time).
var Shanghai = time.FixedZone("Asia/Shanghai", 8*60*60)

// DeadlinePassed reports whether the end of month of year has passed at
// now, in Asia/Shanghai.
func DeadlinePassed(year, month int, now time.Time) bool {
	end := time.Date(year, time.Month(month)+1, 1, 0, 0, 0, 0, Shanghai)
	return !now.Before(end)
}

// Check applies every rule to one score and returns the flags it raises,
// in the order of Rules.
func Check(f Facts, th Thresholds, now time.Time) []Flag {
	rate, ok := scoring.EntryRate(f.Value, f.Points)
	if !ok {
		return nil // a task worth nothing has no score worth doubting
	}
	high := scoring.AtLeastRate(rate, th.HighRate)
	low := !scoring.AtLeastRate(rate, th.LowRate)
	pct := func(d decimal.Decimal) string { return d.Mul(decimal.NewFromInt(100)).String() + "%" }
	value, max := f.Value.StringFixed(2), scoring.MaxEntry(f.Points).StringFixed(2)
	score := fmt.Sprintf("分值 %s(满分 %s)", value, max)
	scoreEn := fmt.Sprintf("Score %s (full marks %s)", value, max)
	var flags []Flag

	switch {
	case high && f.ReportState == nil:
		flags = append(flags, Flag{Rule: HighWithoutProgress,
			Reason:   fmt.Sprintf("%s 不低于满分的 %s,但被考核单位未报送该任务的进展", score, pct(th.HighRate)),
			ReasonEn: fmt.Sprintf("%s is at least %s of full marks, but the evaluatee has reported no progress on the task", scoreEn, pct(th.HighRate))})
	case high && *f.ReportState == "NOT_STARTED":
		flags = append(flags, Flag{Rule: HighWithoutProgress, ReportID: f.ReportID,
			Reason:   fmt.Sprintf("%s 不低于满分的 %s,但被考核单位报送的进展为“未启动”", score, pct(th.HighRate)),
			ReasonEn: fmt.Sprintf("%s is at least %s of full marks, but the evaluatee reports the task %s", scoreEn, pct(th.HighRate), progressLabelEn("NOT_STARTED"))})
	}
	if low && f.ReportState != nil && *f.ReportState == "COMPLETED" && f.EvidenceCount > 0 {
		flags = append(flags, Flag{Rule: LowDespiteCompletion, ReportID: f.ReportID,
			Reason:   fmt.Sprintf("%s 低于满分的 %s,但被考核单位报送“已完成”并附佐证材料 %d 份", score, pct(th.LowRate), f.EvidenceCount),
			ReasonEn: fmt.Sprintf("%s is below %s of full marks, but the evaluatee reports the task %s with %d evidence file(s)", scoreEn, pct(th.LowRate), progressLabelEn("COMPLETED"), f.EvidenceCount)})
	}
	if f.Judgement != nil {
		switch {
		case *f.Judgement == "DONE" && low:
			flags = append(flags, Flag{Rule: FieldVisitDisagrees, VisitID: f.VisitID,
				Reason:   fmt.Sprintf("%s 低于满分的 %s,但经审核的实地调研认定“已落实”", score, pct(th.LowRate)),
				ReasonEn: fmt.Sprintf("%s is below %s of full marks, but the reviewed field visit found the task done", scoreEn, pct(th.LowRate))})
		case *f.Judgement == "NOT_DONE" && high:
			flags = append(flags, Flag{Rule: FieldVisitDisagrees, VisitID: f.VisitID,
				Reason:   fmt.Sprintf("%s 不低于满分的 %s,但经审核的实地调研认定“未落实”", score, pct(th.HighRate)),
				ReasonEn: fmt.Sprintf("%s is at least %s of full marks, but the reviewed field visit found the task not done", scoreEn, pct(th.HighRate))})
		}
	}
	if f.DeadlineMonth != nil && f.DeadlineState != nil && rate.Cmp(scoring.ExactOf(decimal.NewFromInt(1))) == 0 &&
		DeadlinePassed(f.PlanYear, *f.DeadlineMonth, now) {
		want := expectedOrder[*f.DeadlineState]
		if f.ReportState == nil || progressOrder[*f.ReportState] < want {
			state, stateEn := "未报送", "nothing is reported"
			if f.ReportState != nil {
				state = "报送为“" + progressLabel(*f.ReportState) + "”"
				stateEn = "the report says " + progressLabelEn(*f.ReportState)
			}
			flags = append(flags, Flag{Rule: FullMarksPastDeadline, ReportID: f.ReportID,
				Reason: fmt.Sprintf("满分,但任务要求 %d 年 %d 月底前%s,至今%s", f.PlanYear, *f.DeadlineMonth,
					deadlineLabel(*f.DeadlineState), state),
				ReasonEn: fmt.Sprintf("Full marks, but the task asks for %s by the end of %s %d, and %s",
					deadlineLabelEn(*f.DeadlineState), time.Month(*f.DeadlineMonth), f.PlanYear, stateEn)})
		}
	}
	var apart []int64
	var apartValues []string
	for _, o := range f.Others {
		if scoring.SpreadAbove(f.Value, o.Value, f.Points, th.LeadSpread) {
			apart = append(apart, o.ScoreID)
			apartValues = append(apartValues, o.Value.StringFixed(2))
		}
	}
	if len(apart) > 0 {
		flags = append(flags, Flag{Rule: LeadUnitsDisagree, OtherScoreIDs: apart,
			Reason:   fmt.Sprintf("%s,与其他牵头单位的评分 %v 相差超过满分的 %s", score, apartValues, pct(th.LeadSpread)),
			ReasonEn: fmt.Sprintf("%s differs from the other lead units' scores %v by more than %s of full marks", scoreEn, apartValues, pct(th.LeadSpread))})
	}
	if f.SelfMedian != nil && scoring.CountedEntry(f.Value, f.Points).Cmp(scoring.CountedEntry(*f.SelfMedian, f.Points)) > 0 {
		flags = append(flags, Flag{Rule: SelfAboveMedian,
			Reason: fmt.Sprintf("牵头单位给本单位打分 %s,高于其对其他被考核单位该任务评分的中位数 %s",
				f.Value.StringFixed(2), f.SelfMedian.StringFixed(2)),
			ReasonEn: fmt.Sprintf("The lead unit scores itself %s, above the median %s it gives the other evaluatees on this task",
				f.Value.StringFixed(2), f.SelfMedian.StringFixed(2))})
	}
	return flags
}

func progressLabel(s string) string {
	switch s {
	case "NOT_STARTED":
		return "未启动"
	case "IN_PROGRESS":
		return "推进中"
	case "STAGED_RESULTS":
		return "取得阶段性成效"
	case "NOTABLE_RESULTS":
		return "取得明显成效"
	case "COMPLETED":
		return "已完成"
	}
	return s
}

// progressLabelEn is the English of a report state (server/labels).
func progressLabelEn(s string) string { return `"` + labels.English("ProgressState", s) + `"` }

// deadlineLabelEn is the English of a deadline state (server/labels).
func deadlineLabelEn(s string) string { return `"` + labels.English("DeadlineState", s) + `"` }

func deadlineLabel(s string) string {
	switch s {
	case "COMPLETED":
		return "完成"
	case "STAGED_RESULTS":
		return "取得阶段性成效"
	case "NOTABLE_RESULTS":
		return "取得明显成效"
	case "ONGOING":
		return "持续推进"
	}
	return s
}

// ForScores returns the flags of each given score (scores without flags are
// absent). It runs one statement for the facts and three per plan for the
// task points, however many scores.
func ForScores(ctx context.Context, db store.DB, scoreIDs []int64, now time.Time) (map[int64][]Flag, error) {
	facts, err := store.ScoreConsistencyFacts(ctx, db, scoreIDs)
	if err != nil {
		return nil, err
	}
	points := map[int64]map[int64]scoring.Exact{}
	out := map[int64][]Flag{}
	for _, sf := range facts {
		pts, ok := points[sf.PlanID]
		if !ok {
			if pts, err = results.PlanTaskPoints(ctx, db, sf.PlanID); err != nil {
				return nil, err
			}
			points[sf.PlanID] = pts
		}
		others, err := sf.Others()
		if err != nil {
			return nil, err
		}
		f := Facts{
			Value: sf.Value, Points: pts[sf.TaskID], PlanYear: sf.PlanYear,
			DeadlineMonth: sf.DeadlineMonth, DeadlineState: sf.DeadlineState,
			ReportID: sf.ReportID, ReportState: sf.ReportState, EvidenceCount: sf.EvidenceCount,
			VisitID: sf.VisitID, Judgement: sf.Judgement, Others: others, SelfMedian: sf.SelfMedian,
		}
		th := Thresholds{HighRate: sf.HighRate, LowRate: sf.LowRate, LeadSpread: sf.LeadSpread}
		if flags := Check(f, th, now); len(flags) > 0 {
			out[sf.ScoreID] = flags
		}
	}
	return out, nil
}

// CountFlagged counts a period's scores in a status that raise at least one
// flag (the 专班's home shows it for SUBMITTED).
func CountFlagged(ctx context.Context, db store.DB, periodID int64, status store.ScoreStatus, now time.Time) (int, error) {
	ids, err := store.ScoreIDsOfPeriod(ctx, db, periodID, status)
	if err != nil {
		return 0, err
	}
	flags, err := ForScores(ctx, db, ids, now)
	if err != nil {
		return 0, fmt.Errorf("count flagged scores of period %d: %w", periodID, err)
	}
	return len(flags), nil
}
