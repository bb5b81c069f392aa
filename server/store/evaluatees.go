package store

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"

	"github.com/uptrace/bun"
)

var errNoRows = sql.ErrNoRows

// EvaluateesByPlans returns evaluatees with their units keyed by plan, the
// 旗县区 group first, each in official order.
func EvaluateesByPlans(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64][]Evaluatee, error) {
	var evs []Evaluatee
	err := db.NewSelect().Model(&evs).
		Relation("Unit").
		Where("evaluatee.plan_id IN (?)", bun.In(planIDs)).
		Order("evaluatee.plan_id", "evaluatee.ranking_group DESC", "unit.sort_key", "unit.id").
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load evaluatees: %w", err)
	}
	out := make(map[int64][]Evaluatee, len(planIDs))
	for _, e := range evs {
		out[e.PlanID] = append(out[e.PlanID], e)
	}
	return out, nil
}

// FindEvaluatee returns evaluatee id with its unit.
func FindEvaluatee(ctx context.Context, db bun.IDB, id int64) (*Evaluatee, error) {
	e := new(Evaluatee)
	if err := db.NewSelect().Model(e).Relation("Unit").Where("evaluatee.id = ?", id).Scan(ctx); err != nil {
		return nil, notFoundOr(err, apperr.Evaluatee, id)
	}
	return e, nil
}

// CreateEvaluatee adds a unit to a plan's evaluatees.
func CreateEvaluatee(ctx context.Context, db bun.IDB, e *Evaluatee) error {
	e.Version = 1
	return insert(ctx, db, e, "evaluatees", func() int64 { return e.ID })
}

// UpdateEvaluatee moves an evaluatee to another ranking group.
func UpdateEvaluatee(ctx context.Context, db bun.IDB, e *Evaluatee) error {
	return updateVersioned(ctx, db, e, apperr.Evaluatee, "evaluatees", e.ID, e.Version, "ranking_group")
}

// DeleteEvaluatee removes an evaluatee and its assignments.
func DeleteEvaluatee(ctx context.Context, db bun.IDB, id int64, version int) error {
	return deleteVersioned[Evaluatee](ctx, db, apperr.Evaluatee, "evaluatees", id, version)
}

// CarriedTasks returns the tasks each evaluatee carries, in plan order.
func CarriedTasks(ctx context.Context, db DB, evaluateeIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(evaluateeIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		EvaluateeID int64 `bun:"evaluatee_id"`
		TaskID      int64 `bun:"task_id"`
	}
	err := db.NewRaw(`
		SELECT a.evaluatee_id, a.task_id
		FROM assignments a
		JOIN tasks t ON t.id = a.task_id
		JOIN indicators i ON i.id = t.indicator_id
		JOIN dimensions d ON d.id = i.dimension_id
		WHERE a.evaluatee_id IN (?)
		ORDER BY a.evaluatee_id, d.number, i.number, t.number`, bun.In(evaluateeIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load carried tasks: %w", err)
	}
	for _, r := range rows {
		out[r.EvaluateeID] = append(out[r.EvaluateeID], r.TaskID)
	}
	return out, nil
}

// EvaluateesByIDs returns evaluatees with their units keyed by id.
func EvaluateesByIDs(ctx context.Context, db DB, ids []int64) (map[int64]Evaluatee, error) {
	var evs []Evaluatee
	if err := db.NewSelect().Model(&evs).Relation("Unit").Where("evaluatee.id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load evaluatees: %w", err)
	}
	out := make(map[int64]Evaluatee, len(evs))
	for _, e := range evs {
		out[e.ID] = e
	}
	return out, nil
}

// Carriers returns, for each task, the evaluatees carrying it.
func Carriers(ctx context.Context, db DB, taskIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(taskIDs) == 0 {
		return out, nil
	}
	var rows []Assignment
	if err := db.NewSelect().Model(&rows).Where("task_id IN (?)", bun.In(taskIDs)).Order("task_id", "evaluatee_id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load carriers: %w", err)
	}
	for _, r := range rows {
		out[r.TaskID] = append(out[r.TaskID], r.EvaluateeID)
	}
	return out, nil
}
