package leadership

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/labels"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
)

var chineseNumbers = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

func dimensionTitle(d store.Dimension) string {
	n := fmt.Sprint(d.Number)
	if d.Number >= 0 && d.Number < len(chineseNumbers) {
		n = chineseNumbers[d.Number]
	}
	return fmt.Sprintf("%s、%s", n, d.Name)
}

// ChangeText is a rank change as the page and the spreadsheet write it:
// ▲2, ▼1, 持平 "–", 新 for a unit not ranked last time, "" when there is no
// previous ranking at all.
func ChangeText(c *Change, compared bool) string {
	if !compared || c == nil {
		return ""
	}
	d := c.Delta()
	switch {
	case d == nil:
		return "新"
	case *d > 0:
		return fmt.Sprintf("▲%d", *d)
	case *d < 0:
		return fmt.Sprintf("▼%d", -*d)
	}
	return "–"
}

// HalfYearWorkbook is a period's ranking of a group as .xlsx, with the same
// figures, order and rank changes as the page. The file name comes with it.
func HalfYearWorkbook(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, group store.RankingGroup) (string, []byte, error) {
	changes, err := HalfYearChanges(ctx, db, id, periodID, group)
	if err != nil {
		return "", nil, err
	}
	v, err := results.GroupRanking(ctx, db, id, periodID, group)
	if err != nil {
		return "", nil, fmt.Errorf("ranking of period %d: %w", periodID, err)
	}
	dims, err := store.DimensionsByPlans(ctx, db, []int64{v.Period.PlanID})
	if err != nil {
		return "", nil, err
	}
	r := sheets.Ranking{Title: fmt.Sprintf("%s %s 考评排名", v.Period.Name, labels.Of("RankingGroup", string(group)))}
	switch {
	case v.Preview:
		r.Note = "预览(未公示):按当前已录入的分值(含草稿)计算,不是公布结果"
	case v.PublishedAt != nil:
		r.Note = "公布结果,发布于 " + sheets.InShanghai(*v.PublishedAt).Format("2006年1月2日 15:04")
	}
	if changes.PreviousName != "" {
		r.Note += ";名次变化与" + changes.PreviousName + "相比"
	}
	byEvaluatee := map[int64]*Change{}
	for i := range changes.Rows {
		byEvaluatee[changes.Rows[i].EvaluateeID] = &changes.Rows[i]
	}
	dimensions := dims[v.Period.PlanID]
	fillHeaders(&r, dimensions)
	for _, row := range v.Rows {
		r.Rows = append(r.Rows, sheets.RankingRow{
			Rank: row.Rank, Unit: row.Evaluatee.Unit.Name, Score: row.Result.Score,
			Change:     ChangeText(byEvaluatee[row.Evaluatee.ID], changes.PreviousName != ""),
			Components: componentValues(row.Result), Dimensions: dimensionValues(row.Result, dimensions),
		})
	}
	data, err := sheets.RankingWorkbook(r)
	return fmt.Sprintf("%s-%s-考评排名.xlsx", v.Period.Name, labels.Of("RankingGroup", string(group))), data, err
}

// AnnualWorkbook is a plan's annual ranking of a group as .xlsx; the
// components and dimensions are the first half's, as on the page.
func AnnualWorkbook(ctx context.Context, db store.DB, id *auth.Identity, planID int64, group store.RankingGroup) (string, []byte, error) {
	changes, err := AnnualChanges(ctx, db, id, planID, group)
	if err != nil {
		return "", nil, err
	}
	plan, err := store.FindPlan(ctx, db, planID)
	if err != nil {
		return "", nil, err
	}
	rows, err := results.AnnualRanking(ctx, db, id, planID, group)
	if err != nil {
		return "", nil, fmt.Errorf("annual ranking of plan %d: %w", planID, err)
	}
	dims, err := store.DimensionsByPlans(ctx, db, []int64{planID})
	if err != nil {
		return "", nil, err
	}
	r := sheets.Ranking{Title: fmt.Sprintf("%d年度 %s 考评排名", plan.Year, labels.Of("RankingGroup", string(group))),
		Note: "年度得分 = (上半年公布得分 + 下半年公布得分) ÷ 2;各项得分与方面得分为上半年数据"}
	for _, row := range rows {
		if row.Provisional {
			r.Note = "暂定:下半年尚未发布,年度得分暂按上半年得分;各项得分与方面得分为上半年数据"
			break
		}
	}
	if changes.PreviousName != "" {
		r.Note += ";名次变化与" + changes.PreviousName + "相比"
	}
	byEvaluatee := map[int64]*Change{}
	for i := range changes.Rows {
		byEvaluatee[changes.Rows[i].EvaluateeID] = &changes.Rows[i]
	}
	dimensions := dims[planID]
	fillHeaders(&r, dimensions)
	for _, row := range rows {
		line := sheets.RankingRow{Rank: row.Rank, Unit: row.Evaluatee.Unit.Name, Score: row.Score,
			Change: ChangeText(byEvaluatee[row.Evaluatee.ID], changes.PreviousName != "")}
		if row.H1 != nil {
			line.Components, line.Dimensions = componentValues(*row.H1), dimensionValues(*row.H1, dimensions)
		}
		r.Rows = append(r.Rows, line)
	}
	data, err := sheets.RankingWorkbook(r)
	return fmt.Sprintf("%d年度-%s-考评排名.xlsx", plan.Year, labels.Of("RankingGroup", string(group))), data, err
}

func fillHeaders(r *sheets.Ranking, dims []store.Dimension) {
	for _, m := range scoring.Methods() {
		r.Components = append(r.Components, m.Label())
	}
	for _, d := range dims {
		r.Dimensions = append(r.Dimensions, dimensionTitle(d))
	}
}

func componentValues(b results.Breakdown) []*decimal.Decimal {
	out := make([]*decimal.Decimal, len(scoring.Methods()))
	for i, m := range scoring.Methods() {
		for _, c := range b.Components {
			if c.Method == m {
				out[i] = c.Value
			}
		}
	}
	return out
}

// dimensionValues are the dimension scores (P_d × rate, as on the page) in
// plan order; nil where the unit carries no task of the dimension.
func dimensionValues(b results.Breakdown, dims []store.Dimension) []*decimal.Decimal {
	out := make([]*decimal.Decimal, len(dims))
	for i, d := range dims {
		for _, x := range b.Dimensions {
			if x.ID == d.ID {
				v := x.Score
				out[i] = &v
			}
		}
	}
	return out
}
