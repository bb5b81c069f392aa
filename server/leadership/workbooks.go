package leadership

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/labels"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
)

// The leadership pages' other tables as .xlsx (the ranking has its own
// workbook in export.go): each reads through the same function as its page,
// so the file holds the page's figures for whoever may see them.

// resultNote says whether figures are a preview or published, as the pages do.
func resultNote(v *results.View) string {
	switch {
	case v.Preview:
		return "预览(未公示):按当前已录入的分值(含草稿)计算,不是公布结果"
	case v.PublishedAt != nil:
		return "公布结果,发布于 " + sheets.InShanghai(*v.PublishedAt).Format("2006年1月2日 15:04")
	}
	return ""
}

func methodName(c results.Component) string { return labels.Of("ScoringMethod", string(c.Method)) }

// EvaluateeWorkbook is the evaluatee page as .xlsx: the components, the
// dimensions against the group, and every task with each lead unit's score,
// who entered it and who verified it.
func EvaluateeWorkbook(ctx context.Context, db store.DB, id *auth.Identity, in ProfileInput) (string, []byte, error) {
	p, err := EvaluateeProfile(ctx, db, id, in)
	if err != nil {
		return "", nil, err
	}
	b, unit := p.Row.Result, p.Row.Evaluatee.Unit.Name
	title := fmt.Sprintf("%s %s 考评得分", p.View.Period.Name, unit)
	notes := []string{resultNote(p.View)}

	summary := sheets.TableSheet{Name: "得分", Title: title, Notes: notes, Headers: []string{"项目", "权重", "得分"}, Widths: []float64{24, 10, 12}}
	summary.Rows = append(summary.Rows, []any{"最终得分", nil, b.Score}, []any{"组内名次", nil, p.Row.Rank})
	for _, c := range b.Components {
		summary.Rows = append(summary.Rows, []any{methodName(c), c.Weight, c.Value})
	}

	group := map[int64]GroupDimension{}
	for _, g := range p.Group {
		group[g.DimensionID] = g
	}
	dims := sheets.TableSheet{Name: "各方面", Title: title, Notes: notes,
		Headers: []string{"方面", "分值", "得分", "得分率(%)", "组内平均(%)", "组内最高(%)"}, Widths: []float64{36, 10, 10, 12, 12, 12}}
	dimName := map[int64]string{}
	for _, d := range b.Dimensions {
		dimName[d.ID] = fmt.Sprintf("%d. %s", d.Number, d.Name)
		row := []any{dimName[d.ID], d.Points, d.Score, DimensionRate(d), nil, nil}
		if g, ok := group[d.ID]; ok {
			row[4], row[5] = g.Average, g.Best
		}
		dims.Rows = append(dims.Rows, row)
	}

	tasks := sheets.TableSheet{Name: "任务", Title: title, Notes: notes,
		Headers: []string{"方面", "任务", "内容", "分值", "任务得分", "牵头单位", "评分", "状态", "评分人", "核实人", "专班调整"},
		Widths:  []float64{24, 8, 48, 8, 10, 18, 8, 10, 18, 18, 30}}
	for _, t := range b.Tasks {
		lines := t.Scores
		if len(lines) == 0 {
			lines = []results.ScoreLine{{}}
		}
		for _, s := range lines {
			row := []any{dimName[t.DimensionID], t.Number, t.Text, t.Points, t.Score, nil, nil, nil, nil, nil, nil}
			if t.Missing {
				row[4] = "缺分"
			}
			if s.ScoreID != 0 {
				row[5], row[6], row[7], row[8] = s.LeadUnitName, s.Value, labels.Of("ScoreStatus", string(s.Status)), s.EnteredBy
				if s.VerifiedBy != nil {
					row[9] = *s.VerifiedBy
				}
				if s.OriginalValue != nil {
					reason := ""
					if s.ReviewReason != nil {
						reason = *s.ReviewReason
					}
					row[10] = fmt.Sprintf("原 %s 分,理由:%s", s.OriginalValue.StringFixed(2), reason)
				}
			}
			tasks.Rows = append(tasks.Rows, row)
		}
	}
	data, err := sheets.Tables([]sheets.TableSheet{summary, dims, tasks})
	return fmt.Sprintf("%s-%s-得分明细.xlsx", p.View.Period.Name, unit), data, err
}

// CompareWorkbook is the comparison table as .xlsx: one column per
// evaluatee, one row per figure (final score, rank, components, dimensions,
// indicators), as on the compare page.
func CompareWorkbook(ctx context.Context, db store.DB, id *auth.Identity, in CompareInput) (string, []byte, error) {
	c, err := Compare(ctx, db, id, in)
	if err != nil {
		return "", nil, err
	}
	headers := []string{"项目"}
	names := make([]string, 0, len(c.Rows))
	for _, r := range c.Rows {
		headers = append(headers, r.Row.Evaluatee.Unit.Name)
		names = append(names, r.Row.Evaluatee.Unit.Name)
	}
	sheet := sheets.TableSheet{Name: "对比", Title: fmt.Sprintf("%s 考评对象对比", c.View.Period.Name),
		Notes: []string{resultNote(c.View), "得分率为得分占分值的百分比"}, Headers: headers, Widths: []float64{40}}
	row := func(label string, value func(r Compared) any) {
		cells := []any{label}
		for _, r := range c.Rows {
			cells = append(cells, value(r))
		}
		sheet.Rows = append(sheet.Rows, cells)
	}
	row("最终得分", func(r Compared) any { return r.Row.Result.Score })
	row("组内名次", func(r Compared) any { return r.Row.Rank })
	for i, comp := range c.Rows[0].Row.Result.Components {
		row(methodName(comp), func(r Compared) any { return r.Row.Result.Components[i].Value })
	}
	// Dimensions and indicators by id: units may carry different ones.
	type key struct {
		id   int64
		name string
	}
	var dims []key
	seen := map[int64]bool{}
	for _, r := range c.Rows {
		for _, d := range r.Row.Result.Dimensions {
			if !seen[d.ID] {
				seen[d.ID] = true
				dims = append(dims, key{d.ID, fmt.Sprintf("%d. %s(得分率 %%)", d.Number, d.Name)})
			}
		}
	}
	for _, d := range dims {
		row(d.name, func(r Compared) any {
			for _, x := range r.Row.Result.Dimensions {
				if x.ID == d.id {
					return DimensionRate(x)
				}
			}
			return nil
		})
	}
	var inds []key
	for _, r := range c.Rows {
		for _, x := range r.Indicators {
			if !seen[-x.ID] {
				seen[-x.ID] = true
				inds = append(inds, key{x.ID, fmt.Sprintf("指标 %d. %s(得分率 %%)", x.Number, x.Name)})
			}
		}
	}
	for _, k := range inds {
		row(k.name, func(r Compared) any {
			for _, x := range r.Indicators {
				if x.ID == k.id {
					return x.Rate()
				}
			}
			return nil
		})
	}
	data, err := sheets.Tables([]sheets.TableSheet{sheet})
	return fmt.Sprintf("%s-对比-%s.xlsx", c.View.Period.Name, strings.Join(names, "、")), data, err
}

// HeatmapWorkbook is a group × dimensions grid of rates (percent of the
// dimension's points) as .xlsx, in ranking order, as on the heatmap page.
func HeatmapWorkbook(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, group store.RankingGroup) (string, []byte, error) {
	if !results.SeesWholeGroups(id) {
		return "", nil, apperr.New(apperr.Forbidden, "仅专班、领导和分析员可导出整组的热力图",
			"Only the task force, leaders and analysts can export a whole group's heat map")
	}
	v, err := results.GroupRanking(ctx, db, id, periodID, group)
	if err != nil {
		return "", nil, fmt.Errorf("heatmap of period %d: %w", periodID, err)
	}
	all, err := store.DimensionsByPlans(ctx, db, []int64{v.Period.PlanID})
	if err != nil {
		return "", nil, err
	}
	dims := all[v.Period.PlanID]
	groupName := labels.Of("RankingGroup", string(group))
	sheet := sheets.TableSheet{Name: "热力图", Title: fmt.Sprintf("%s %s 各方面得分率(%%)", v.Period.Name, groupName),
		Notes: []string{resultNote(v)}, Headers: []string{"名次", "考评对象", "得分"}, Widths: []float64{8, 24, 10}}
	for _, d := range dims {
		sheet.Headers = append(sheet.Headers, dimensionTitle(d))
	}
	for _, r := range v.Rows {
		cells := []any{r.Rank, r.Evaluatee.Unit.Name, r.Result.Score}
		for _, d := range dims {
			var rate *decimal.Decimal
			for _, x := range r.Result.Dimensions {
				if x.ID == d.ID {
					x := DimensionRate(x)
					rate = &x
				}
			}
			cells = append(cells, rate)
		}
		sheet.Rows = append(sheet.Rows, cells)
	}
	data, err := sheets.Tables([]sheets.TableSheet{sheet})
	return fmt.Sprintf("%s-%s-各方面得分率.xlsx", v.Period.Name, groupName), data, err
}
