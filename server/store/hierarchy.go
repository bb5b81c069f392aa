package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/audit"
)

var hundred = decimal.NewFromInt(100)

// The *ByPlans functions load one level of the hierarchy for several plans in
// one statement. GraphQL resolvers reach them through request-scoped loaders
// keyed by plan, so a whole plan tree costs one statement per level however
// many dimensions, indicators and tasks it has.

// DimensionsByPlans returns dimensions keyed by plan, in number order.
func DimensionsByPlans(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64][]Dimension, error) {
	var dims []Dimension
	err := db.NewSelect().Model(&dims).
		Where("plan_id IN (?)", bun.In(planIDs)).
		Order("plan_id", "number").
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load dimensions: %w", err)
	}
	out := make(map[int64][]Dimension, len(planIDs))
	for _, d := range dims {
		out[d.PlanID] = append(out[d.PlanID], d)
	}
	return out, nil
}

// IndicatorsByPlans returns indicators keyed by plan, in number order.
func IndicatorsByPlans(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64][]Indicator, error) {
	var inds []Indicator
	err := db.NewSelect().Model(&inds).
		ColumnExpr("indicator.*, d.plan_id").
		Join("JOIN dimensions AS d ON d.id = indicator.dimension_id").
		Where("d.plan_id IN (?)", bun.In(planIDs)).
		Order("d.plan_id", "d.number", "indicator.number").
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load indicators: %w", err)
	}
	out := make(map[int64][]Indicator, len(planIDs))
	for _, i := range inds {
		out[i.PlanID] = append(out[i.PlanID], i)
	}
	return out, nil
}

// TasksByPlans returns tasks keyed by plan, in document order.
func TasksByPlans(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64][]Task, error) {
	var tasks []Task
	err := db.NewSelect().Model(&tasks).
		ColumnExpr("task.*, d.plan_id").
		Join("JOIN indicators AS i ON i.id = task.indicator_id").
		Join("JOIN dimensions AS d ON d.id = i.dimension_id").
		Where("d.plan_id IN (?)", bun.In(planIDs)).
		Order("d.plan_id", "d.number", "i.number", "task.number").
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load tasks: %w", err)
	}
	out := make(map[int64][]Task, len(planIDs))
	for _, t := range tasks {
		out[t.PlanID] = append(out[t.PlanID], t)
	}
	return out, nil
}

// LeadUnitsByPlans returns, per plan, each task's lead units in official order.
func LeadUnitsByPlans(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64]map[int64][]Unit, error) {
	var rows []struct {
		Unit   `bun:",extend"`
		TaskID int64 `bun:"task_id"`
		PlanID int64 `bun:"plan_id"`
	}
	err := db.NewSelect().
		TableExpr("task_lead_units AS tlu").
		ColumnExpr("u.*, tlu.task_id, d.plan_id").
		Join("JOIN units AS u ON u.id = tlu.unit_id").
		Join("JOIN tasks AS t ON t.id = tlu.task_id").
		Join("JOIN indicators AS i ON i.id = t.indicator_id").
		Join("JOIN dimensions AS d ON d.id = i.dimension_id").
		Where("d.plan_id IN (?)", bun.In(planIDs)).
		Order("u.sort_key", "u.id").
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load lead units: %w", err)
	}
	out := make(map[int64]map[int64][]Unit, len(planIDs))
	for _, r := range rows {
		if out[r.PlanID] == nil {
			out[r.PlanID] = map[int64][]Unit{}
		}
		out[r.PlanID][r.TaskID] = append(out[r.PlanID][r.TaskID], r.Unit)
	}
	return out, nil
}

// AssignmentsByPlans returns, per plan, the evaluatees carrying each task,
// with their units, in ranking-group then official order.
func AssignmentsByPlans(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64]map[int64][]Evaluatee, error) {
	var rows []struct {
		Evaluatee `bun:",extend"`
		TaskID    int64 `bun:"task_id"`
	}
	err := db.NewSelect().
		Model((*Evaluatee)(nil)).
		ColumnExpr("evaluatee.*, a.task_id").
		Relation("Unit").
		Join("JOIN assignments AS a ON a.evaluatee_id = evaluatee.id").
		Where("evaluatee.plan_id IN (?)", bun.In(planIDs)).
		Order("evaluatee.ranking_group DESC", "unit.sort_key", "unit.id").
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load assignments: %w", err)
	}
	out := make(map[int64]map[int64][]Evaluatee, len(planIDs))
	for _, r := range rows {
		if out[r.PlanID] == nil {
			out[r.PlanID] = map[int64][]Evaluatee{}
		}
		out[r.PlanID][r.TaskID] = append(out[r.PlanID][r.TaskID], r.Evaluatee)
	}
	return out, nil
}

// FindDimension returns dimension id.
func FindDimension(ctx context.Context, db bun.IDB, id int64) (*Dimension, error) {
	d := new(Dimension)
	if err := db.NewSelect().Model(d).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFoundOr(err, apperr.Dimension, id)
	}
	return d, nil
}

// FindIndicator returns indicator id with its plan.
func FindIndicator(ctx context.Context, db bun.IDB, id int64) (*Indicator, error) {
	i := new(Indicator)
	err := db.NewSelect().Model(i).
		ColumnExpr("indicator.*, d.plan_id").
		Join("JOIN dimensions AS d ON d.id = indicator.dimension_id").
		Where("indicator.id = ?", id).
		Scan(ctx)
	if err != nil {
		return nil, notFoundOr(err, apperr.Indicator, id)
	}
	return i, nil
}

// FindTask returns task id with its plan.
func FindTask(ctx context.Context, db bun.IDB, id int64) (*Task, error) {
	t := new(Task)
	err := db.NewSelect().Model(t).
		ColumnExpr("task.*, d.plan_id").
		Join("JOIN indicators AS i ON i.id = task.indicator_id").
		Join("JOIN dimensions AS d ON d.id = i.dimension_id").
		Where("task.id = ?", id).
		Scan(ctx)
	if err != nil {
		return nil, notFoundOr(err, apperr.Task, id)
	}
	return t, nil
}

// CreateDimension inserts d.
func CreateDimension(ctx context.Context, db bun.IDB, d *Dimension) error {
	d.Version = 1
	return insert(ctx, db, d, "dimensions", func() int64 { return d.ID })
}

// UpdateDimension saves d if nobody changed it since d.Version.
func UpdateDimension(ctx context.Context, db bun.IDB, d *Dimension) error {
	return updateVersioned(ctx, db, d, apperr.Dimension, "dimensions", d.ID, d.Version, "number", "name", "points")
}

// DeleteDimension removes a dimension with its indicators and tasks.
func DeleteDimension(ctx context.Context, db bun.IDB, id int64, version int) error {
	return deleteVersioned[Dimension](ctx, db, apperr.Dimension, "dimensions", id, version)
}

// CreateIndicator inserts i.
func CreateIndicator(ctx context.Context, db bun.IDB, i *Indicator) error {
	i.Version = 1
	return insert(ctx, db, i, "indicators", func() int64 { return i.ID })
}

// UpdateIndicator saves i if nobody changed it since i.Version.
func UpdateIndicator(ctx context.Context, db bun.IDB, i *Indicator) error {
	return updateVersioned(ctx, db, i, apperr.Indicator, "indicators", i.ID, i.Version, "number", "name", "points")
}

// DeleteIndicator removes an indicator with its tasks.
func DeleteIndicator(ctx context.Context, db bun.IDB, id int64, version int) error {
	return deleteVersioned[Indicator](ctx, db, apperr.Indicator, "indicators", id, version)
}

// CreateTask inserts t and links its lead units. Run it in a transaction.
func CreateTask(ctx context.Context, db bun.IDB, t *Task, leadUnitIDs []int64) error {
	t.Version = 1
	if err := insert(ctx, db, t, "tasks", func() int64 { return t.ID }); err != nil {
		return err
	}
	return setLeadUnits(ctx, db, t.ID, leadUnitIDs)
}

// UpdateTask saves t and replaces its lead units if nobody changed it since
// t.Version. Run it in a transaction.
func UpdateTask(ctx context.Context, db bun.IDB, t *Task, leadUnitIDs []int64) error {
	err := updateVersioned(ctx, db, t, apperr.Task, "tasks", t.ID, t.Version,
		"number", "text", "points", "deadline_phrase", "deadline_month", "deadline_state", "deadline_continuing")
	if err != nil {
		return err
	}
	return setLeadUnits(ctx, db, t.ID, leadUnitIDs)
}

// DeleteTask removes a task.
func DeleteTask(ctx context.Context, db bun.IDB, id int64, version int) error {
	return deleteVersioned[Task](ctx, db, apperr.Task, "tasks", id, version)
}

func setLeadUnits(ctx context.Context, db bun.IDB, taskID int64, unitIDs []int64) error {
	var before []int64
	err := db.NewDelete().Model((*TaskLeadUnit)(nil)).Where("task_id = ?", taskID).Returning("unit_id").Scan(ctx, &before)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("clear lead units of task %d: %w", taskID, err)
	}
	audit.Note(ctx, "task_lead_units", taskID, before, unitIDs)
	if len(unitIDs) == 0 {
		return nil
	}
	links := make([]TaskLeadUnit, len(unitIDs))
	for i, u := range unitIDs {
		links[i] = TaskLeadUnit{TaskID: taskID, UnitID: u}
	}
	_, err = db.NewInsert().Model(&links).Exec(ctx)
	return mapError(err)
}

// SetTaskAssignments makes evaluateeIDs the complete set of evaluatees that
// carry the task, and bumps the task's version so concurrent editors of the
// same assignment notice each other.
func SetTaskAssignments(ctx context.Context, db bun.IDB, taskID int64, evaluateeIDs []int64) error {
	res, err := db.NewUpdate().Model((*Task)(nil)).Set("version = version + 1").Where("id = ?", taskID).Exec(ctx)
	if err != nil {
		return mapError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFoundOr(errNoRows, apperr.Task, taskID)
	}
	var before []int64
	err = db.NewDelete().Model((*Assignment)(nil)).Where("task_id = ?", taskID).Returning("evaluatee_id").Scan(ctx, &before)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("clear assignments of task %d: %w", taskID, err)
	}
	audit.Note(ctx, "assignments", taskID, before, evaluateeIDs)
	if len(evaluateeIDs) == 0 {
		return nil
	}
	rows := make([]Assignment, len(evaluateeIDs))
	for i, e := range evaluateeIDs {
		rows[i] = Assignment{EvaluateeID: e, TaskID: taskID}
	}
	_, err = db.NewInsert().Model(&rows).Exec(ctx)
	return mapError(err)
}
