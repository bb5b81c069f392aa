package overdue

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/labels"
	"github.com/kaoping/kaoping/server/sheets"
	"github.com/kaoping/kaoping/server/store"
)

// Workbook is the 督办 board as .xlsx (issue 11: every leadership table
// exports): the overdue tasks as the board lists them under f, then the
// counts per evaluatee and per lead unit, each a sheet with its header row
// frozen. The same Board call as the page, so the same rows on the same day.
func Workbook(ctx context.Context, db store.DB, id *auth.Identity, f Filter, now time.Time) (string, []byte, error) {
	tasks, err := Board(ctx, db, id, f, now)
	if err != nil {
		return "", nil, err
	}
	c := count(tasks, now)
	day := now.In(shanghai).Format("2006-01-02")
	note := fmt.Sprintf("按 %s(北京时间)判断:完成时限所在月份已过、最新进展报送尚未达到时限要求状态的任务,共 %d 项", day, len(tasks))
	list := sheets.TableSheet{
		Name: "逾期任务", Title: "督办 · 逾期未达要求的任务", Notes: []string{note},
		Headers: []string{"考评对象", "排名组", "任务编号", "任务", "完成时限", "时限要求", "最新报送", "牵头单位"},
		Widths:  []float64{14, 12, 10, 50, 24, 16, 16, 24},
	}
	for _, t := range tasks {
		want := ""
		if t.Deadline.State != nil {
			want = labels.Of("DeadlineState", string(*t.Deadline.State))
		}
		report := "未报送"
		if t.ReportState != nil {
			report = labels.Of("ProgressState", *t.ReportState)
		}
		list.Rows = append(list.Rows, []any{t.UnitName, labels.Of("RankingGroup", string(t.Group)),
			fmt.Sprintf("%d.%d", t.DimensionNumber, t.TaskNumber), t.TaskText, t.Deadline.Phrase, want, report, strings.Join(t.LeadUnitNames, "、")})
	}
	counts := func(name, who string, rows []Count) sheets.TableSheet {
		s := sheets.TableSheet{Name: name, Title: "督办 · " + name, Notes: []string{note}, Headers: []string{who, "逾期任务数"}, Widths: []float64{24, 12}}
		for _, r := range rows {
			s.Rows = append(s.Rows, []any{r.Name, r.Count})
		}
		return s
	}
	data, err := sheets.Tables([]sheets.TableSheet{list, counts("按考评对象", "考评对象", c.ByEvaluatee), counts("按牵头单位", "牵头单位", c.ByLeadUnit)})
	if err != nil {
		return "", nil, fmt.Errorf("督办 workbook: %w", err)
	}
	return fmt.Sprintf("督办-%s.xlsx", day), data, nil
}
