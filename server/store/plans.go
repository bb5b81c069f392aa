package store

import (
	"context"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/workflow"
	"time"

	"github.com/uptrace/bun"
)

// now is the database-independent clock for updated_at; a var so tests of
// ordering can pin it.
var now = time.Now

// ListPlans returns plans, newest year first.
func ListPlans(ctx context.Context, db bun.IDB) ([]Plan, error) {
	var plans []Plan
	if err := db.NewSelect().Model(&plans).Order("year DESC", "id DESC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	return plans, nil
}

// FindPlan returns plan id.
func FindPlan(ctx context.Context, db bun.IDB, id int64) (*Plan, error) {
	p := new(Plan)
	if err := db.NewSelect().Model(p).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFoundOr(err, apperr.Plan, id)
	}
	return p, nil
}

// CreatePlan inserts p with its two half-year periods. Run it in a
// transaction: a plan without periods is not a plan.
func CreatePlan(ctx context.Context, db bun.IDB, p *Plan) error {
	p.Version = 1
	if p.MissingComponentRule == "" {
		p.MissingComponentRule = MissingRedistribute
	}
	if p.TotalPoints.IsZero() {
		p.TotalPoints = p.TotalPoints.Add(hundred)
	}
	if err := insert(ctx, db, p, "plans", func() int64 { return p.ID }); err != nil {
		return err
	}
	periods := []Period{
		{PlanID: p.ID, Half: 1, Name: fmt.Sprintf("%d年上半年", p.Year), State: workflow.Draft, Version: 1},
		{PlanID: p.ID, Half: 2, Name: fmt.Sprintf("%d年下半年", p.Year), State: workflow.Draft, Version: 1},
	}
	if _, err := db.NewInsert().Model(&periods).Exec(ctx); err != nil {
		return fmt.Errorf("create periods of plan %d: %w", p.ID, mapError(err))
	}
	return nil
}

// UpdatePlan saves name, year, weights and the missing-component rule.
func UpdatePlan(ctx context.Context, db bun.IDB, p *Plan) error {
	p.UpdatedAt = now()
	return updateVersioned(ctx, db, p, apperr.Plan, "plans", p.ID, p.Version,
		"name", "year", "weight_dm", "weight_fv", "weight_po", "weight_tp", "missing_rule", "updated_at")
}

// DeletePlan removes a plan and everything in it.
func DeletePlan(ctx context.Context, db bun.IDB, id int64, version int) error {
	return deleteVersioned[Plan](ctx, db, apperr.Plan, "plans", id, version)
}

// PeriodsByPlans returns the periods of the given plans, keyed by plan.
func PeriodsByPlans(ctx context.Context, db bun.IDB, planIDs []int64) (map[int64][]Period, error) {
	var periods []Period
	err := db.NewSelect().Model(&periods).
		Where("plan_id IN (?)", bun.In(planIDs)).
		Order("plan_id", "half").
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load periods: %w", err)
	}
	out := make(map[int64][]Period, len(planIDs))
	for _, p := range periods {
		out[p.PlanID] = append(out[p.PlanID], p)
	}
	return out, nil
}
