// Package results turns a period's stored scores into results: it loads what
// the formula needs in a fixed number of statements, runs the pure formula
// of server/scoring for each evaluatee, ranks inside the groups, explains
// every figure down to the task scores with who entered and verified them,
// and freezes all of it when the period is published.
package results

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// Breakdown is one evaluatee's result with its derivation. It is what the
// API shows and, frozen as JSON, what a publication keeps.
type Breakdown struct {
	EvaluateeID   int64            `json:"evaluateeId"`
	Score         *decimal.Decimal `json:"score"` // published (rounded) H; nil when nothing is scored
	Exact         string           `json:"exact,omitempty"`
	Components    []Component      `json:"components"`
	Dimensions    []Dimension      `json:"dimensions"`
	Tasks         []TaskLine       `json:"tasks"`
	Steps         []scoring.Step   `json:"steps"`
	MissingScores int              `json:"missingScores"`
}

// Component is one of the four methods.
type Component struct {
	Method scoring.Method   `json:"method"`
	Weight decimal.Decimal  `json:"weight"`
	Value  *decimal.Decimal `json:"value"` // rounded for display; nil = missing
}

// Dimension is a dimension left in for the evaluatee.
type Dimension struct {
	ID            int64           `json:"id"`
	Number        int             `json:"number"`
	Name          string          `json:"name"`
	Points        decimal.Decimal `json:"points"`
	CarriedPoints decimal.Decimal `json:"carriedPoints"`
	Earned        decimal.Decimal `json:"earned"`
	Score         decimal.Decimal `json:"score"`
}

// TaskLine is a carried task's score and the lead scores behind it.
type TaskLine struct {
	TaskID      int64           `json:"taskId"`
	Number      int             `json:"number"`
	Text        string          `json:"text"`
	DimensionID int64           `json:"dimensionId"`
	Points      decimal.Decimal `json:"points"`
	Score       decimal.Decimal `json:"score"`
	Missing     bool            `json:"missing"`
	Scores      []ScoreLine     `json:"scores"`
	// Finding is the 实地调研 judgement that counted, if the task was
	// judged in an accepted visit.
	Finding *FindingLine `json:"finding,omitempty"`
}

// FindingLine is the field-visit finding behind a task's 实地调研 share.
type FindingLine struct {
	VisitID   int64             `json:"visitId"`
	VisitDate time.Time         `json:"visitDate"`
	Judgement scoring.Judgement `json:"judgement"`
	Note      string            `json:"note"`
	Photos    int               `json:"photos"`
}

// ScoreLine is one lead unit's score with who entered and verified it.
type ScoreLine struct {
	ScoreID       int64             `json:"scoreId"`
	LeadUnitName  string            `json:"leadUnitName"`
	Value         decimal.Decimal   `json:"value"`
	Status        store.ScoreStatus `json:"status"`
	EnteredBy     string            `json:"enteredBy"`
	EnteredAt     time.Time         `json:"enteredAt"`
	VerifiedBy    *string           `json:"verifiedBy"`
	VerifiedAt    *time.Time        `json:"verifiedAt"`
	OriginalValue *decimal.Decimal  `json:"originalValue"`
	ReviewReason  *string           `json:"reviewReason"`
	Counted       bool              `json:"counted"`
}

// Row is one evaluatee in a ranking.
type Row struct {
	Evaluatee store.Evaluatee
	Rank      int
	Result    Breakdown
	// Frozen is the breakdown as its publication stored it, when it was
	// read from one with its tasks (a published breakdown); nil otherwise.
	Frozen json.RawMessage
}

// Compute returns the results of the loaded evaluatees, ranked inside their
// groups. mode PREVIEW counts drafts, PUBLISHED only verified scores.
func Compute(d *Data, mode scoring.Mode) ([]Row, error) {
	rows := make([]Row, 0, len(d.Evaluatees))
	for _, e := range d.Evaluatees {
		b, err := d.breakdown(e, mode)
		if err != nil {
			return nil, fmt.Errorf("result of %s: %w", e.Unit.Name, err)
		}
		rows = append(rows, Row{Evaluatee: e, Result: b})
	}
	rank(rows)
	return rows, nil
}

// rank sets ranks inside each group; evaluatees without a score come last.
func rank(rows []Row) {
	byGroup := map[store.RankingGroup][]scoring.RankInput{}
	index := map[int64]int{}
	for i, r := range rows {
		index[r.Evaluatee.ID] = i
		if r.Result.Score != nil {
			byGroup[r.Evaluatee.Group] = append(byGroup[r.Evaluatee.Group], scoring.RankInput{ID: r.Evaluatee.ID, Score: *r.Result.Score, SortKey: r.Evaluatee.Unit.SortKey})
		}
	}
	for _, in := range byGroup {
		for _, ranked := range scoring.Rank(in) {
			rows[index[ranked.ID]].Rank = ranked.Rank
		}
	}
	counts := map[store.RankingGroup]int{}
	for _, in := range byGroup {
		for _, x := range in {
			counts[rows[index[x.ID]].Evaluatee.Group]++
		}
	}
	for i := range rows {
		if rows[i].Result.Score == nil {
			rows[i].Rank = counts[rows[i].Evaluatee.Group] + 1
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Evaluatee.Group != b.Evaluatee.Group {
			return a.Evaluatee.Group > b.Evaluatee.Group // 旗县区组 (DISTRICTS) first
		}
		if a.Rank != b.Rank {
			return a.Rank < b.Rank
		}
		return a.Evaluatee.Unit.SortKey < b.Evaluatee.Unit.SortKey
	})
}

func (d *Data) breakdown(e store.Evaluatee, mode scoring.Mode) (Breakdown, error) {
	in, skipped := d.input(e.ID, mode)
	res, err := scoring.HalfYear(d.Scoring, in)
	b, err := summarise(e.ID, res, err, d.Scoring.Weights, d.dimensions)
	if err != nil {
		return b, err
	}
	for _, t := range skipped {
		b.Steps = append([]scoring.Step{{Label: "未计入", Formula: "任务没有牵头考核单位", Detail: fmt.Sprintf("任务%d没有牵头考核单位,无法评分,未计入", t.Number),
			LabelEn: "Not counted", FormulaEn: "the task has no lead unit", DetailEn: fmt.Sprintf("task %d has no lead unit, so it cannot be scored: not counted", t.Number)}}, b.Steps...)
	}
	for _, tr := range res.Tasks {
		t := d.tasks[tr.ID]
		line := TaskLine{TaskID: tr.ID, Number: t.Number, Text: t.Text, DimensionID: tr.DimensionID, Points: tr.Points.Decimal(), Score: tr.Score.Decimal(), Missing: tr.Missing}
		counted := map[int64]bool{}
		for _, c := range tr.Counted {
			counted[c.LeadUnitID] = true
		}
		for _, s := range d.Scores[e.ID][tr.ID] {
			line.Scores = append(line.Scores, ScoreLine{
				ScoreID: s.ID, LeadUnitName: d.unitNames[s.LeadUnitID], Value: s.Value, Status: s.Status,
				EnteredBy: s.EnteredByName, EnteredAt: s.EnteredAt, VerifiedBy: s.VerifiedByName, VerifiedAt: s.VerifiedAt,
				OriginalValue: s.OriginalValue, ReviewReason: s.ReviewReason, Counted: counted[s.LeadUnitID],
			})
		}
		if f, ok := d.Findings[e.ID][tr.ID]; ok {
			line.Finding = &FindingLine{VisitID: f.VisitID, VisitDate: f.VisitDate, Judgement: scoring.Judgement(f.Judgement), Note: f.Note, Photos: f.Photos}
		}
		b.Tasks = append(b.Tasks, line)
	}
	return b, nil
}

// summarise is the part of a breakdown a ranking shows: H, the components
// and the dimensions, from a result of the formula and its error.
func summarise(evaluateeID int64, res scoring.Result, err error, w scoring.Weights, dims map[int64]store.Dimension) (Breakdown, error) {
	b := Breakdown{EvaluateeID: evaluateeID, Steps: res.Steps, MissingScores: res.MissingScores}
	switch {
	case err == nil:
		score := res.Published
		b.Score, b.Exact = &score, res.Exact.String() // the long form of the exact H
	case errors.Is(err, scoring.ErrNoScore):
	default:
		return b, err
	}
	for _, m := range scoring.Methods() {
		c := Component{Method: m, Weight: w.Of(m)}
		if v := res.Components[m]; v != nil {
			rounded := v.Published()
			c.Value = &rounded
		}
		b.Components = append(b.Components, c)
	}
	for _, dr := range res.Dimensions {
		dim := dims[dr.ID]
		b.Dimensions = append(b.Dimensions, Dimension{
			ID: dr.ID, Number: dim.Number, Name: dim.Name, Points: dr.Points,
			CarriedPoints: dr.CarriedPoints.Decimal(), Earned: dr.Earned.Decimal(), Score: dr.Score.Published(),
		})
	}
	return b, nil
}

// input shapes one evaluatee's stored data for the formula. Carried tasks
// without a lead unit cannot be scored; they are left out and returned so
// the breakdown says so.
func (d *Data) input(evaluateeID int64, mode scoring.Mode) (scoring.Input, []store.Task) {
	in := scoring.Input{Mode: mode, LeadUnits: map[int64][]int64{}, Scores: map[int64][]scoring.LeadScore{}}
	var skipped []store.Task
	for _, t := range d.Carried[evaluateeID] {
		leads := d.LeadUnits[t]
		if len(leads) == 0 {
			skipped = append(skipped, d.tasks[t])
			continue
		}
		in.Carried = append(in.Carried, t)
		in.LeadUnits[t] = leads
		// A finding on a task the evaluatee no longer carries does not count.
		if f, ok := d.Findings[evaluateeID][t]; ok {
			in.FieldItems = append(in.FieldItems, scoring.FieldItem{TaskID: t, Judgement: scoring.Judgement(f.Judgement)})
		}
		// Scores go in as entered: the formula counts full marks on a
		// share (0.67 of 2/3) as the exact share (scoring.CountedEntry).
		for _, s := range d.Scores[evaluateeID][t] {
			in.Scores[t] = append(in.Scores[t], scoring.LeadScore{LeadUnitID: s.LeadUnitID, Score: s.Value, Verified: s.Status == store.ScoreVerified})
		}
	}
	for _, v := range d.Sources[evaluateeID] {
		sv := scoring.SourceValue{Source: v.Source, Value: v.Value, Weight: v.Weight}
		if v.Method == string(scoring.PublicOpinion) {
			in.PublicOpinion = append(in.PublicOpinion, sv)
		} else {
			in.ThirdParty = append(in.ThirdParty, sv)
		}
	}
	return in, skipped
}

// Freeze turns computed rows into a publication's rows.
func Freeze(rows []Row) ([]store.PublishedResult, error) {
	out := make([]store.PublishedResult, len(rows))
	for i, r := range rows {
		b, err := json.Marshal(r.Result)
		if err != nil {
			return nil, fmt.Errorf("freeze result of evaluatee %d: %w", r.Evaluatee.ID, err)
		}
		summary, err := json.Marshal(Breakdown{Components: r.Result.Components, Dimensions: r.Result.Dimensions})
		if err != nil {
			return nil, fmt.Errorf("freeze result of evaluatee %d: %w", r.Evaluatee.ID, err)
		}
		var exact *string
		if r.Result.Exact != "" {
			exact = &r.Result.Exact
		}
		out[i] = store.PublishedResult{
			EvaluateeID: r.Evaluatee.ID, Group: r.Evaluatee.Group, Rank: r.Rank,
			Score: r.Result.Score, Exact: exact, MissingScores: r.Result.MissingScores, Summary: summary, Breakdown: b,
		}
	}
	return out, nil
}

// Thaw reads a frozen result: the whole breakdown when it was read, else the
// ranking summary.
func Thaw(p store.PublishedResult) (Breakdown, error) {
	var b Breakdown
	raw := p.Breakdown
	if len(raw) == 0 {
		raw = p.Summary
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return b, fmt.Errorf("read published result of evaluatee %d: %w", p.EvaluateeID, err)
	}
	// The ranking reads only part of the frozen JSON; the figures themselves
	// are columns.
	b.EvaluateeID, b.Score, b.MissingScores = p.EvaluateeID, p.Score, p.MissingScores
	if p.Exact != nil {
		b.Exact = *p.Exact
	}
	return b, nil
}
