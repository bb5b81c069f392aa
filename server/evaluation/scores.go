package evaluation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/consistency"
	"github.com/kaoping/kaoping/server/notify"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Entry is one cell a lead unit saves.
type Entry struct {
	EvaluateeID, TaskID int64
	Value               decimal.Decimal
	Comment             string
	Version             int
	Field               string // where the cell came from, for errors: "input.entries[3]" or "第5行"
}

// Sheet is what a lead unit scores in a period.
type Sheet struct {
	Period     *store.Period
	LeadUnit   store.Unit
	Tasks      []store.Task
	Evaluatees []store.Evaluatee
	Cells      []Cell
	Points     map[int64]scoring.Exact // every task's exact points (DESIGN §2.1)
	Editable   bool
}

// Cell is one evaluatee × task of a sheet.
type Cell struct {
	EvaluateeID, TaskID int64
	Points              scoring.Exact   // the task's exact points
	MaxPoints           decimal.Decimal // scoring.MaxEntry(Points): the highest score that may be entered
	Score               *store.Score
	Report              *store.ProgressReport
}

// ScoreSheet is the sheet id may score or read in a period: a lead
// scorer's own unit's; the 专班 may name any lead unit. This is the one
// statement of "which unit's scores may I see", for the API and the
// spreadsheet download alike.
func ScoreSheet(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, leadUnitID *int64) (*Sheet, error) {
	if id.Has(auth.RoleTaskForce) && leadUnitID != nil {
		return LoadSheet(ctx, db, periodID, *leadUnitID)
	}
	if id.UnitID == nil {
		return nil, forbidden("账户未绑定单位", "Your account belongs to no unit")
	}
	if leadUnitID != nil && *leadUnitID != *id.UnitID {
		return nil, forbidden("只能查看本单位的评分表", "You can only see your own unit's score sheet")
	}
	return LoadSheet(ctx, db, periodID, *id.UnitID)
}

// LoadSheet returns unit's sheet: every task it leads, everyone carrying
// them (the unit itself included), their scores and latest reports. It reads
// only the unit's own cells, so a sheet costs the same in a city or a
// province.
func LoadSheet(ctx context.Context, db store.DB, periodID, unitID int64) (*Sheet, error) {
	return loadSheet(ctx, db, periodID, unitID, true)
}

// SheetRows is how many data rows unit's score template for the period
// holds (one per evaluatee and task it leads): an upload with more is not
// that template, and is refused before its rows are read.
func SheetRows(ctx context.Context, db store.DB, periodID, unitID int64) (int, error) {
	sh, err := loadSheet(ctx, db, periodID, unitID, false)
	if err != nil {
		return 0, err
	}
	return len(sh.Cells), nil
}

func loadSheet(ctx context.Context, db store.DB, periodID, unitID int64, withReports bool) (*Sheet, error) {
	p, err := store.FindPeriod(ctx, db, periodID)
	if err != nil {
		return nil, err
	}
	plan, err := store.FindPlan(ctx, db, p.PlanID)
	if err != nil {
		return nil, err
	}
	ids := []int64{plan.ID}
	dims, err := store.DimensionsByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	inds, err := store.IndicatorsByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	tasks, err := store.TasksByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	leads, err := store.LeadUnitsByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	sh := &Sheet{Period: p, Editable: workflow.Allows(p.State, workflow.EnterScores)}
	sh.Points = scoring.ExactTaskPoints(results.ScoringPlan(*plan, dims[plan.ID], inds[plan.ID], tasks[plan.ID]))
	var led []int64
	for _, t := range tasks[plan.ID] {
		for _, u := range leads[plan.ID][t.ID] {
			if u.ID == unitID {
				sh.Tasks = append(sh.Tasks, t)
				sh.LeadUnit = u
				led = append(led, t.ID)
			}
		}
	}
	if sh.LeadUnit.ID == 0 {
		u, err := store.ListUnits(ctx, db)
		if err != nil {
			return nil, err
		}
		for _, x := range u {
			if x.ID == unitID {
				sh.LeadUnit = x
			}
		}
		if sh.LeadUnit.ID == 0 {
			return nil, apperr.NotFoundf(apperr.Unit, unitID)
		}
	}
	carriers, err := store.Carriers(ctx, db, led)
	if err != nil {
		return nil, err
	}
	scores, err := store.FindScores(ctx, db, store.ScoreFilter{PeriodID: periodID, LeadUnitID: &unitID})
	if err != nil {
		return nil, err
	}
	scoreOf := map[[2]int64]*store.Score{}
	for i := range scores {
		scoreOf[[2]int64{scores[i].EvaluateeID, scores[i].TaskID}] = &scores[i]
	}
	reportOf := map[[2]int64]*store.ProgressReport{}
	if withReports && len(led) > 0 {
		reports, err := store.FindReports(ctx, db, periodID, nil, led)
		if err != nil {
			return nil, err
		}
		for i := range reports {
			reportOf[[2]int64{reports[i].EvaluateeID, reports[i].TaskID}] = &reports[i]
		}
	}
	evs, err := store.EvaluateesByPlans(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	carries := map[int64]map[int64]bool{}
	for t, es := range carriers {
		for _, e := range es {
			if carries[e] == nil {
				carries[e] = map[int64]bool{}
			}
			carries[e][t] = true
		}
	}
	for _, e := range evs[plan.ID] {
		if carries[e.ID] == nil {
			continue
		}
		sh.Evaluatees = append(sh.Evaluatees, e)
		for _, t := range led {
			if carries[e.ID][t] {
				key := [2]int64{e.ID, t}
				sh.Cells = append(sh.Cells, Cell{EvaluateeID: e.ID, TaskID: t, Points: sh.Points[t], MaxPoints: scoring.MaxEntry(sh.Points[t]), Score: scoreOf[key], Report: reportOf[key]})
			}
		}
	}
	return sh, nil
}

// scorerUnit is the unit a lead scorer scores for.
func scorerUnit(id *auth.Identity) (int64, error) {
	if id.UnitID == nil {
		return 0, forbidden("评分员账户未绑定单位,请联系管理员", "Your scorer account belongs to no unit; please contact the administrator")
	}
	return *id.UnitID, nil
}

// SaveScores validates every cell first and writes nothing unless all are
// valid; then saves them (and submits them when submit). A stale version
// anywhere fails the whole save with the current values. It checks only the
// submitted cells (store.CellScopes), so saving N scores costs the same in a
// city or a province.
func (s *Service) SaveScores(ctx context.Context, tx store.DB, id *auth.Identity, periodID int64, entries []Entry, submit bool, action string) ([]store.Score, error) {
	unit, err := scorerUnit(id)
	if err != nil {
		return nil, err
	}
	p, err := store.FindPeriod(ctx, tx, periodID)
	if err != nil {
		return nil, err
	}
	if err := requireState(p, workflow.EnterScores, "录入分值", "enter scores"); err != nil {
		return nil, err
	}
	evs, tasks := make([]int64, len(entries)), make([]int64, len(entries))
	for i, e := range entries {
		evs[i], tasks[i] = e.EvaluateeID, e.TaskID
	}
	scopes, err := store.CellScopes(ctx, tx, p.PlanID, unit, evs, tasks)
	if err != nil {
		return nil, err
	}
	points := scopePoints(scopes)
	invalid := &apperr.Error{Code: apperr.Invalid}
	seen := map[[2]int64]bool{}
	for i, e := range entries {
		key := [2]int64{e.EvaluateeID, e.TaskID}
		switch {
		case !scopes[i].InScope:
			invalid.Fields = append(invalid.Fields, apperr.FieldError{Field: e.Field, Rule: "scope",
				Message: "该考评对象不承担本单位牵头的这项任务", MessageEn: "not a task your unit leads for this evaluatee"})
		case seen[key]:
			invalid.Fields = append(invalid.Fields, apperr.FieldError{Field: e.Field, Rule: "unique", Message: "同一单元格出现两次", MessageEn: "the same cell twice"})
		default:
			if fe := CheckValue(e.Value, e.Comment, points[e.TaskID], e.Field); fe != nil {
				invalid.Fields = append(invalid.Fields, *fe)
			}
		}
		seen[key] = true
	}
	if len(invalid.Fields) > 0 {
		invalid.Message = fmt.Sprintf("有%d处分值不符合要求:%s", len(invalid.Fields), invalid.Fields[0].Message)
		invalid.MessageEn = fmt.Sprintf("%d scores break a rule: %s", len(invalid.Fields), invalid.Fields[0].MessageEn)
		return nil, invalid
	}
	writes := make([]store.ScoreWrite, len(entries))
	for i, e := range entries {
		writes[i] = store.ScoreWrite{EvaluateeID: e.EvaluateeID, TaskID: e.TaskID, Value: e.Value, Comment: e.Comment, Version: e.Version}
	}
	saved, conflicts, err := store.SaveScores(ctx, tx, periodID, unit, writes, submit, actor(id), s.Now(), action)
	if err != nil {
		return nil, err
	}
	if len(conflicts) > 0 {
		conflict := &apperr.Error{Code: apperr.Conflict}
		var current []any
		for _, c := range conflicts {
			msg, en := "该分值已被他人修改,请刷新后重试", "changed by someone else; reload and try again"
			if c.Verified {
				msg, en = "该分值已由专班核实,不能再修改", "already verified by the task force; it can no longer change"
			}
			conflict.Fields = append(conflict.Fields, apperr.FieldError{Field: entries[c.Index].Field, Rule: "version", Message: msg, MessageEn: en})
			current = append(current, c.Current)
		}
		conflict.Message = fmt.Sprintf("%d个分值已被他人修改或已核实,本次未保存任何分值:%s", len(conflicts), conflict.Fields[0].Message)
		conflict.MessageEn = fmt.Sprintf("%d scores were changed by someone else or verified, so none was saved: %s", len(conflicts), conflict.Fields[0].MessageEn)
		conflict.Current = current
		return nil, conflict
	}
	return saved, nil
}

// scopePoints returns P_t of the tasks of every indicator the scopes name,
// by the same rule as the whole plan's (scoring.ExactTaskPoints): a task's share
// depends only on its own indicator.
func scopePoints(scopes []store.CellScope) map[int64]scoring.Exact {
	var inds []scoring.Indicator
	seen := map[int64]bool{}
	for _, c := range scopes {
		if c.IndicatorID == 0 || seen[c.IndicatorID] {
			continue
		}
		seen[c.IndicatorID] = true
		ind := scoring.Indicator{ID: c.IndicatorID, Points: c.IndicatorPoints}
		for _, t := range c.IndicatorTasks {
			ind.Tasks = append(ind.Tasks, scoring.Task{ID: t.ID, Points: t.Points})
		}
		inds = append(inds, ind)
	}
	return scoring.ExactTaskPoints(scoring.Plan{Dimensions: []scoring.Dimension{{Indicators: inds}}})
}

// CheckValue is the per-cell rule: the entry rule of the formula
// (scoring.CheckEntry: 0 ≤ value ≤ scoring.MaxEntry(points), two decimals
// at most), and a comment when the value is below half of the full marks
// shown to the scorer (MaxEntry, the 满分 of the sheet template).
func CheckValue(v decimal.Decimal, comment string, points scoring.Exact, field string) *apperr.FieldError {
	max := scoring.MaxEntry(points)
	err := scoring.CheckEntry(v, points)
	switch {
	case errors.Is(err, scoring.ErrEntryNegative):
		return &apperr.FieldError{Field: field, Rule: "dgte", Message: "分值不能为负数", MessageEn: "the score cannot be negative"}
	case errors.Is(err, scoring.ErrEntryPlaces):
		return &apperr.FieldError{Field: field, Rule: "dplaces", Message: "分值最多保留两位小数", MessageEn: "at most two decimals"}
	case errors.Is(err, scoring.ErrEntryAboveMax):
		return &apperr.FieldError{Field: field, Rule: "dlte", Message: fmt.Sprintf("分值不能超过该任务的满分%s", max),
			MessageEn: fmt.Sprintf("the score exceeds the task's full marks %s", max)}
	case err != nil:
		return &apperr.FieldError{Field: field, Rule: "score", Message: "分值无效", MessageEn: err.Error()}
	case v.LessThan(max.Div(decimal.NewFromInt(2))) && len([]rune(comment)) < 2:
		return &apperr.FieldError{Field: field, Rule: "comment", Message: "分值低于满分一半时须填写说明", MessageEn: "a comment is required below half the points"}
	}
	return nil
}

// SubmitScores sends the unit's drafts and returned scores (all, or those
// listed) to the 专班.
func (s *Service) SubmitScores(ctx context.Context, tx store.DB, id *auth.Identity, periodID int64, ids []int64) ([]store.Score, error) {
	unit, err := scorerUnit(id)
	if err != nil {
		return nil, err
	}
	p, err := store.FindPeriod(ctx, tx, periodID)
	if err != nil {
		return nil, err
	}
	if err := requireState(p, workflow.EnterScores, "提交分值", "submit scores"); err != nil {
		return nil, err
	}
	f := store.ScoreFilter{PeriodID: periodID, LeadUnitID: &unit, Statuses: []store.ScoreStatus{store.ScoreDraft, store.ScoreReturned}}
	if len(ids) > 0 {
		f.IDs = ids
	}
	scores, err := store.FindScores(ctx, tx, f)
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 && len(scores) != len(ids) {
		return nil, apperr.Field("input.scoreIds", "scope", "只能提交本单位的草稿或退回的分值", "only your unit's drafts or returned scores")
	}
	changes := make([]store.StatusChange, len(scores))
	for i, sc := range scores {
		changes[i] = store.StatusChange{ScoreID: sc.ID, Version: sc.Version, Action: "SUBMIT"}
	}
	out, err := store.SetScoreStatuses(ctx, tx, changes, actor(id), s.Now())
	if err != nil {
		return nil, err
	}
	return append(make([]store.Score, 0, len(out)), out...), nil
}

// Verification is one decision of the 专班.
type Verification struct {
	ScoreID int64
	Version int
	Action  string // ACCEPT, ADJUST, RETURN
	Value   *decimal.Decimal
	Reason  string
	Field   string
}

// Verify applies the 专班's decisions. Nobody verifies a score they entered
// (the database enforces it too).
func (s *Service) Verify(ctx context.Context, tx store.DB, id *auth.Identity, items []Verification) ([]store.Score, error) {
	if len(items) == 0 {
		return []store.Score{}, nil
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ScoreID
	}
	found, err := store.FindScoresByID(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	flags, err := flagsOfAccepts(ctx, tx, items, s.Now())
	if err != nil {
		return nil, err
	}
	// One period in practice; a batch across periods loads each once.
	periods := map[int64]*store.Period{}
	points := map[int64]map[int64]scoring.Exact{}
	changes := make([]store.StatusChange, 0, len(items))
	var returned []notify.Returned
	for _, it := range items {
		cur := found[it.ScoreID]
		if cur == nil {
			return nil, apperr.NotFoundf(apperr.Score, it.ScoreID)
		}
		p := periods[cur.PeriodID]
		if p == nil {
			if p, err = store.FindPeriod(ctx, tx, cur.PeriodID); err != nil {
				return nil, err
			}
			periods[cur.PeriodID] = p
			if points[cur.PeriodID], err = planPoints(ctx, tx, p.PlanID); err != nil {
				return nil, err
			}
		}
		if err := requireState(p, workflow.VerifyScores, "核实分值", "verify scores"); err != nil {
			return nil, err
		}
		if cur.Status != store.ScoreSubmitted {
			return nil, apperr.Field(it.Field, "status", "只能核实已提交的分值", "only submitted scores can be verified")
		}
		if EnteredBy(id, cur) {
			return nil, forbidden("不能核实自己录入的分值,请由另一位专班成员核实", "You cannot verify a score you entered yourself; another task-force member must verify it")
		}
		var reason *string
		if it.Reason != "" {
			reason = &it.Reason
		}
		switch it.Action {
		case "ADJUST":
			if it.Value == nil || reason == nil {
				return nil, apperr.Field(it.Field, "required", "调整分值须填写新分值和理由", "an adjustment needs a value and a reason")
			}
			if fe := CheckValue(*it.Value, it.Reason, points[cur.PeriodID][cur.TaskID], it.Field+".value"); fe != nil {
				return nil, apperr.Fielded(*fe)
			}
		case "ACCEPT":
			if f := flags[it.ScoreID]; len(f) > 0 && reason == nil {
				return nil, apperr.Field(it.Field+".reason", "required",
					"此分值有疑点("+f[0].Rule.Label()+"),核实通过须填写确认说明",
					"this score is flagged ("+f[0].Rule.English()+"): accepting it needs a confirming note")
			}
		case "RETURN":
			if reason == nil {
				return nil, apperr.Field(it.Field+".reason", "required", "退回须填写理由", "a return needs a reason")
			}
			returned = append(returned, notify.Returned{ScoreID: it.ScoreID, Reason: it.Reason})
		}
		changes = append(changes, store.StatusChange{ScoreID: it.ScoreID, Version: it.Version, Action: it.Action, Value: it.Value, Reason: reason})
	}
	out, err := store.SetScoreStatuses(ctx, tx, changes, actor(id), s.Now())
	if err != nil {
		return nil, err
	}
	// In this transaction: if the batch fails, nobody is told.
	if err := notify.OnScoresReturned(ctx, tx, returned, s.Now()); err != nil {
		return nil, err
	}
	return out, nil
}

// flagsOfAccepts raises the consistency flags of the scores to be accepted,
// in one pass: accepting a flagged score needs a confirming note, which is
// kept as the verification's reason.
func flagsOfAccepts(ctx context.Context, db store.DB, items []Verification, now time.Time) (map[int64][]consistency.Flag, error) {
	var ids []int64
	for _, it := range items {
		if it.Action == "ACCEPT" {
			ids = append(ids, it.ScoreID)
		}
	}
	return consistency.ForScores(ctx, db, ids, now)
}

// planPoints returns every task's exact points in a plan (DESIGN §2.1).
func planPoints(ctx context.Context, db store.DB, planID int64) (map[int64]scoring.Exact, error) {
	return results.PlanTaskPoints(ctx, db, planID)
}

// Allocation is a task's points set by its lead unit (R8).
type Allocation struct {
	TaskID int64
	Points decimal.Decimal
}

// AllocatePoints sets the points of every task of an indicator that the
// scorer's unit leads entirely; they must add up to the indicator's points.
func AllocatePoints(ctx context.Context, tx store.DB, id *auth.Identity, indicatorID int64, allocs []Allocation) (*store.Indicator, error) {
	unit, err := scorerUnit(id)
	if err != nil {
		return nil, err
	}
	ind, err := store.FindIndicator(ctx, tx, indicatorID)
	if err != nil {
		return nil, err
	}
	tasks, err := store.TasksByPlans(ctx, tx, []int64{ind.PlanID})
	if err != nil {
		return nil, err
	}
	leads, err := store.LeadUnitsByPlans(ctx, tx, []int64{ind.PlanID})
	if err != nil {
		return nil, err
	}
	byTask := map[int64]decimal.Decimal{}
	for _, a := range allocs {
		byTask[a.TaskID] = a.Points
	}
	sum := decimal.Zero
	var mine []store.Task
	for _, t := range tasks[ind.PlanID] {
		if t.IndicatorID != indicatorID {
			continue
		}
		led := false
		for _, u := range leads[ind.PlanID][t.ID] {
			led = led || u.ID == unit
		}
		if !led || len(leads[ind.PlanID][t.ID]) != 1 {
			return nil, forbidden("只有独自牵头整个指标全部任务的单位才能分配任务分值", "Only a unit that alone leads every task of the indicator can share out the task points")
		}
		p, ok := byTask[t.ID]
		if !ok {
			return nil, apperr.Field("input.allocations", "complete", fmt.Sprintf("缺少任务%d的分值", t.Number), "every task of the indicator needs points")
		}
		sum = sum.Add(p)
		mine = append(mine, t)
	}
	if len(mine) != len(allocs) {
		return nil, apperr.Field("input.allocations", "scope", "分配中含有不属于该指标的任务", "a task outside the indicator")
	}
	if !sum.Equal(ind.Points) {
		return nil, apperr.Field("input.allocations", "sum", fmt.Sprintf("各任务分值之和%s不等于指标分值%s", sum, ind.Points),
			fmt.Sprintf("task points sum to %s, not the indicator's %s", sum, ind.Points))
	}
	for _, t := range mine {
		p := byTask[t.ID]
		t.Points = &p
		leadIDs := []int64{unit}
		if err := store.UpdateTask(ctx, tx, &t, leadIDs); err != nil {
			return nil, err
		}
	}
	return ind, nil
}
