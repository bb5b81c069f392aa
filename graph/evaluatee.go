package graph

import (
	"fmt"

	"github.com/kaoping/kaoping/graph/model"
	"github.com/kaoping/kaoping/server/leadership"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
)

func breakdownOf(v *results.View, row *results.Row) *model.Breakdown {
	b := row.Result
	var exact *string
	if b.Exact != "" {
		exact = &b.Exact
	}
	return &model.Breakdown{Period: &v.Period, Evaluatee: &row.Evaluatee, Preview: v.Preview, Score: b.Score, Exact: exact,
		Components: orEmpty(b.Components), Dimensions: orEmpty(b.Dimensions), Tasks: orEmpty(b.Tasks), Steps: orEmpty(b.Steps),
		MissingScores: b.MissingScores}
}

// rankOf is a row's rank, or nil when it has no score (ranked last only to sort).
func rankOf(row *results.Row) *int {
	if row.Result.Score == nil {
		return nil
	}
	r := row.Rank
	return &r
}

func indicatorScores(in []leadership.Indicator) []model.IndicatorScore {
	out := make([]model.IndicatorScore, len(in))
	for i, x := range in {
		out[i] = model.IndicatorScore{IndicatorID: x.ID, DimensionID: x.DimensionID, Number: x.Number, Name: x.Name, Points: x.Points,
			CarriedPoints: x.CarriedPoints, Earned: x.Earned, Rate: x.Rate(), TaskIds: orEmpty(x.TaskIDs)}
	}
	return out
}

func evaluateeProfile(p *leadership.Profile) model.EvaluateeProfile {
	out := model.EvaluateeProfile{Breakdown: breakdownOf(p.View, p.Row), Rank: rankOf(p.Row), GroupSize: p.GroupSize,
		GroupRates: make([]model.GroupDimensionRate, len(p.Group)), Indicators: indicatorScores(p.Indicators)}
	for i, g := range p.Group {
		out.GroupRates[i] = model.GroupDimensionRate{DimensionID: g.DimensionID, Average: g.Average, Best: g.Best}
	}
	for _, t := range p.Row.Result.Tasks {
		e := model.TaskEvidence{TaskID: t.TaskID, Photos: []model.FindingPhotoLink{}}
		if r, ok := p.Reports[t.TaskID]; ok {
			e.Report = &r
		}
		for _, ph := range p.Photos[t.TaskID] {
			e.Photos = append(e.Photos, model.FindingPhotoLink{ID: ph.ID, URL: photoURL(ph)})
		}
		out.TaskEvidence = append(out.TaskEvidence, e)
	}
	out.TaskEvidence = orEmpty(out.TaskEvidence)
	return out
}

func photoURL(p store.FieldPhoto) string { return fmt.Sprintf("/files/field-photos/%d", p.ID) }

func comparison(c *leadership.Comparison) model.Comparison {
	out := model.Comparison{Period: &c.View.Period, Preview: c.View.Preview}
	for _, r := range c.Rows {
		row := r.Row
		out.Rows = append(out.Rows, model.ComparedEvaluatee{Evaluatee: &row.Evaluatee, Rank: rankOf(&row), Score: row.Result.Score,
			Components: orEmpty(row.Result.Components), Dimensions: orEmpty(row.Result.Dimensions), Indicators: indicatorScores(r.Indicators)})
	}
	return out
}

func trendPoints(pts []leadership.TrendPoint) []model.TrendPoint {
	out := make([]model.TrendPoint, len(pts))
	for i, p := range pts {
		out[i] = model.TrendPoint{Period: &p.Period, Year: p.Year, Preview: p.Preview, Score: p.Score, Rank: p.Rank,
			GroupAverage: p.GroupAverage, GroupSize: p.GroupSize}
	}
	return out
}
