// Package plans is the editing of a plan's structure (DESIGN R2, §4): the
// plan with its method weights, its dimensions, indicators and tasks, its
// evaluatees and the assignment matrix, and the import of a method
// document. Roles are checked by the @allow directive; each function here
// owns the rules of its change and runs in the caller's transaction.
package plans

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/importer"
	"github.com/kaoping/kaoping/server/store"
)

// CheckWeights gives the sum rule (R4) a field error before the database's
// check constraint would.
func CheckWeights(w store.Weights) error {
	if !w.Sum().Equal(store.DefaultWeights().Sum()) {
		return apperr.Field("input.weights", "sum100",
			"四种考评方式的权重之和必须为100,当前为"+w.Sum().String(),
			"the four method weights must sum to 100, not "+w.Sum().String())
	}
	return nil
}

// CreatePlan creates a plan.
func CreatePlan(ctx context.Context, db store.DB, _ *auth.Identity, p store.Plan) (*store.Plan, error) {
	p.Name = strings.TrimSpace(p.Name)
	if err := CheckWeights(p.Weights); err != nil {
		return nil, err
	}
	if err := store.CreatePlan(ctx, db, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// UpdatePlan changes a plan's name, year, weights and missing-component rule.
func UpdatePlan(ctx context.Context, db store.DB, _ *auth.Identity, p store.Plan) (*store.Plan, error) {
	p.Name = strings.TrimSpace(p.Name)
	if err := CheckWeights(p.Weights); err != nil {
		return nil, err
	}
	if err := store.UpdatePlan(ctx, db, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// DeletePlan removes a plan at version.
func DeletePlan(ctx context.Context, db store.DB, _ *auth.Identity, planID int64, version int) error {
	return store.DeletePlan(ctx, db, planID, version)
}

// CreateDimension adds a dimension to an existing plan.
func CreateDimension(ctx context.Context, db store.DB, _ *auth.Identity, d store.Dimension) (*store.Dimension, error) {
	if _, err := store.FindPlan(ctx, db, d.PlanID); err != nil {
		return nil, err
	}
	d.Name = strings.TrimSpace(d.Name)
	if err := store.CreateDimension(ctx, db, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// UpdateDimension changes a dimension's number, name and points.
func UpdateDimension(ctx context.Context, db store.DB, _ *auth.Identity, d store.Dimension) (*store.Dimension, error) {
	d.Name = strings.TrimSpace(d.Name)
	if err := store.UpdateDimension(ctx, db, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// DeleteDimension removes a dimension at version.
func DeleteDimension(ctx context.Context, db store.DB, _ *auth.Identity, id int64, version int) error {
	return store.DeleteDimension(ctx, db, id, version)
}

// CreateIndicator adds an indicator to an existing dimension.
func CreateIndicator(ctx context.Context, db store.DB, _ *auth.Identity, i store.Indicator) (*store.Indicator, error) {
	if _, err := store.FindDimension(ctx, db, i.DimensionID); err != nil {
		return nil, err
	}
	i.Name = strings.TrimSpace(i.Name)
	if err := store.CreateIndicator(ctx, db, &i); err != nil {
		return nil, err
	}
	return store.FindIndicator(ctx, db, i.ID)
}

// UpdateIndicator changes an indicator's number, name and points.
func UpdateIndicator(ctx context.Context, db store.DB, _ *auth.Identity, i store.Indicator) (*store.Indicator, error) {
	i.Name = strings.TrimSpace(i.Name)
	if err := store.UpdateIndicator(ctx, db, &i); err != nil {
		return nil, err
	}
	return store.FindIndicator(ctx, db, i.ID)
}

// DeleteIndicator removes an indicator at version.
func DeleteIndicator(ctx context.Context, db store.DB, _ *auth.Identity, id int64, version int) error {
	return store.DeleteIndicator(ctx, db, id, version)
}

// CreateTask adds a task with its lead units to an existing indicator.
func CreateTask(ctx context.Context, db store.DB, _ *auth.Identity, t store.Task, leadUnitIDs []int64) (*store.Task, error) {
	if _, err := store.FindIndicator(ctx, db, t.IndicatorID); err != nil {
		return nil, err
	}
	t.Text = strings.TrimSpace(t.Text)
	if err := store.CreateTask(ctx, db, &t, leadUnitIDs); err != nil {
		return nil, err
	}
	return store.FindTask(ctx, db, t.ID)
}

// UpdateTask changes a task and replaces its lead units.
func UpdateTask(ctx context.Context, db store.DB, _ *auth.Identity, t store.Task, leadUnitIDs []int64) (*store.Task, error) {
	t.Text = strings.TrimSpace(t.Text)
	if err := store.UpdateTask(ctx, db, &t, leadUnitIDs); err != nil {
		return nil, err
	}
	return store.FindTask(ctx, db, t.ID)
}

// DeleteTask removes a task at version.
func DeleteTask(ctx context.Context, db store.DB, _ *auth.Identity, id int64, version int) error {
	return store.DeleteTask(ctx, db, id, version)
}

// CreateEvaluatee adds a unit to an existing plan as an evaluatee.
func CreateEvaluatee(ctx context.Context, db store.DB, _ *auth.Identity, e store.Evaluatee) (*store.Evaluatee, error) {
	if _, err := store.FindPlan(ctx, db, e.PlanID); err != nil {
		return nil, err
	}
	if err := store.CreateEvaluatee(ctx, db, &e); err != nil {
		return nil, err
	}
	return store.FindEvaluatee(ctx, db, e.ID)
}

// UpdateEvaluatee moves an evaluatee to another ranking group.
func UpdateEvaluatee(ctx context.Context, db store.DB, _ *auth.Identity, e store.Evaluatee) (*store.Evaluatee, error) {
	if err := store.UpdateEvaluatee(ctx, db, &e); err != nil {
		return nil, err
	}
	return store.FindEvaluatee(ctx, db, e.ID)
}

// DeleteEvaluatee removes an evaluatee at version.
func DeleteEvaluatee(ctx context.Context, db store.DB, _ *auth.Identity, id int64, version int) error {
	return store.DeleteEvaluatee(ctx, db, id, version)
}

// SetAssignments sets which evaluatees carry a task (the assignment matrix).
func SetAssignments(ctx context.Context, db store.DB, _ *auth.Identity, taskID int64, evaluateeIDs []int64) (*store.Task, error) {
	if err := store.SetTaskAssignments(ctx, db, taskID, evaluateeIDs); err != nil {
		return nil, err
	}
	return store.FindTask(ctx, db, taskID)
}

// Import creates a plan from a parsed method document, with the lead units
// it names that the catalogue lacks (the GraphQL import and the CLI share it).
func Import(ctx context.Context, db store.DB, _ *auth.Identity, name string, year int, doc *importer.Result) (*store.Plan, []store.Unit, error) {
	return store.ImportPlan(ctx, db, strings.TrimSpace(name), year, doc)
}

// Plans lists every plan. Every evaluation role may read them all (the
// @allow directive keeps the admin and the auditor out); there is no
// per-unit filter because a plan's structure is public within the work.
func Plans(ctx context.Context, db store.DB, _ *auth.Identity) ([]store.Plan, error) {
	return store.ListPlans(ctx, db)
}

// Plan is one plan by id.
func Plan(ctx context.Context, db store.DB, _ *auth.Identity, planID int64) (*store.Plan, error) {
	return store.FindPlan(ctx, db, planID)
}

// Task is one task by id.
func Task(ctx context.Context, db store.DB, _ *auth.Identity, taskID int64) (*store.Task, error) {
	return store.FindTask(ctx, db, taskID)
}

// SetConsistencyThresholds changes the thresholds of a plan's consistency
// flags: 0 < low < high ≤ 1 and 0 < spread ≤ 1, at most three decimals
// (what the columns hold; nothing is rounded).
func SetConsistencyThresholds(ctx context.Context, db store.DB, _ *auth.Identity, planID int64, version int, th store.ConsistencyThresholds) (*store.Plan, error) {
	one := decimal.NewFromInt(1)
	check := func(field, name string, v decimal.Decimal, allowOne bool) error {
		switch {
		case !v.Equal(v.Round(3)):
			return apperr.Field("input."+field, "places", name+"最多三位小数", name+" has at most three decimals")
		case !v.IsPositive() || v.GreaterThan(one) || (!allowOne && v.Equal(one)):
			return apperr.Field("input."+field, "range", name+"须大于0且不超过1", name+" must be above 0 and at most 1")
		}
		return nil
	}
	if err := check("highRate", "高分阈值", th.HighRate, true); err != nil {
		return nil, err
	}
	if err := check("lowRate", "低分阈值", th.LowRate, false); err != nil {
		return nil, err
	}
	if err := check("leadSpread", "评分差异阈值", th.LeadSpread, true); err != nil {
		return nil, err
	}
	if !th.LowRate.LessThan(th.HighRate) {
		return nil, apperr.Field("input.lowRate", "order", "低分阈值须小于高分阈值", "the low rate must be below the high rate")
	}
	p, err := store.FindPlan(ctx, db, planID)
	if err != nil {
		return nil, err
	}
	p.Version, p.Thresholds = version, th
	if err := store.SetPlanThresholds(ctx, db, p); err != nil {
		return nil, err
	}
	return p, nil
}

// CopyPlan carries plan src into a new year (issue 13 §4): the structure
// and the rules are copied, no scores, reports or results, so the new year
// starts editable in 筹备 and the old one stays as it was, comparable
// across years by plan year. One plan a year: a year that has a plan is
// refused (checked under a lock on the year, so two copies cannot race).
// The name defaults to the source's with its year replaced.
func CopyPlan(ctx context.Context, db store.DB, _ *auth.Identity, src int64, year int, name string) (*store.Plan, error) {
	if year < 2000 || year > 2100 {
		return nil, apperr.Field("input.year", "range", "年度须在2000至2100之间", "the year must be between 2000 and 2100")
	}
	old, err := store.FindPlan(ctx, db, src)
	if err != nil {
		return nil, err
	}
	if err := store.LockPlanYear(ctx, db, year); err != nil {
		return nil, err
	}
	taken, err := store.FindPlanOfYear(ctx, db, year)
	if err != nil {
		return nil, err
	}
	if taken != nil {
		return nil, apperr.Field("input.year", "unique", fmt.Sprintf("%d年度已有考评方案“%s”,请换一个年度", year, taken.Name),
			// The plan's name is Chinese data; the English does without it.
			fmt.Sprintf("%d already has an evaluation plan; choose another year", year))
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = strings.ReplaceAll(old.Name, strconv.Itoa(old.Year), strconv.Itoa(year))
		if name == old.Name {
			name = fmt.Sprintf("%s(%d年度)", old.Name, year)
		}
	}
	if len([]rune(name)) > 200 {
		return nil, apperr.Field("input.name", "max", "方案名称最多200个字", "the name has at most 200 characters")
	}
	return store.CreatePlanCopy(ctx, db, src, name, year)
}
