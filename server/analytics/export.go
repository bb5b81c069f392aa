package analytics

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
)

// MeasureNames and GroupingNames are the zh-CN names the exports use (the
// SPA has the same in its own catalogue).
var MeasureNames = map[store.Measure]string{
	store.ScoreSum: "得分合计", store.ScoreMean: "平均得分", store.ScoreMin: "最低得分", store.ScoreMax: "最高得分",
	store.ScoreStddev: "得分标准差", store.PointsSum: "分值合计", store.Rate: "得分率", store.RateMean: "平均得分率",
	store.RateMin: "最低得分率", store.RateMax: "最高得分率", store.RateStddev: "得分率标准差", store.ScoreCount: "评分条数",
	store.EvaluateeCount: "考评对象数", store.FullMarksShare: "满分占比", store.BelowHalfShare: "不足一半占比",
	store.AdjustedShare: "被专班调整占比", store.AdjustmentMean: "平均调整幅度", store.ReturnedShare: "被退回占比",
	store.FindingCount: "实地调研发现数", store.FindingShortfallCount: "调研发现未完成数", store.OverdueCount: "督办逾期任务数",
}

var GroupingNames = map[store.Grouping]string{
	store.ByPlanYear: "年度", store.ByPeriod: "考评周期", store.ByRankingGroup: "排名组", store.ByEvaluatee: "考评对象",
	store.ByDimension: "维度", store.ByIndicator: "指标", store.ByTask: "任务", store.ByLeadUnit: "牵头单位",
	store.ByScoreState: "评分状态", store.ByDataSource: "数据来源",
}

// Format is an export's file type.
type Format string

const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// Export is the answer to s as a flat table, the figures exactly as the
// aggregate answers them: one row per group, totals marked 合计. The file
// name comes with it.
func Export(ctx context.Context, db store.DB, id *auth.Identity, s Spec, title string, f Format, now time.Time) (string, []byte, error) {
	res, err := Aggregate(ctx, db, id, s, now)
	if err != nil {
		return "", nil, err
	}
	if title == "" {
		title = "统计视图"
	}
	t := sheets.Table{Title: title, Note: "公布结果取自公示时冻结的数据"}
	if res.Live {
		t.Note = "含实时数据(尚未公示的周期按当前已录入的分值,含草稿),不是公布结果;" + t.Note
	}
	for _, g := range res.Groupings {
		t.Headers = append(t.Headers, GroupingNames[g])
	}
	for _, m := range s.Measures {
		t.Headers = append(t.Headers, MeasureNames[m])
	}
	t.Headers = append(t.Headers, "数据来源")
	for _, r := range res.Rows {
		row := make([]any, 0, len(t.Headers))
		for i := range res.Groupings {
			switch {
			case r.Total(i):
				row = append(row, "合计")
			case r.Labels[i] != nil:
				row = append(row, *r.Labels[i])
			default:
				row = append(row, "")
			}
		}
		for _, v := range r.Values {
			var d *decimal.Decimal
			if v != nil {
				x, err := decimal.NewFromString(*v)
				if err != nil {
					return "", nil, err
				}
				d = &x
			}
			row = append(row, d)
		}
		switch {
		case r.Live && r.Published:
			row = append(row, "公布结果+实时数据")
		case r.Live:
			row = append(row, "实时数据")
		default:
			row = append(row, "公布结果")
		}
		t.Rows = append(t.Rows, row)
	}
	var data []byte
	if f == CSV {
		data, err = sheets.TableCSV(t)
	} else {
		f = XLSX
		data, err = sheets.Tables([]sheets.TableSheet{t.Sheet()})
	}
	if err != nil {
		return "", nil, err
	}
	return title + "." + string(f), data, nil
}
