package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/audit"
	"github.com/kaoping/kaoping/server/workflow"
)

// planYearLock is the first key of the advisory lock that serialises plans
// taking a year (CopyPlan), so two copies into one year cannot both pass the
// check that the year is free.
const planYearLock = 0x706c616e // "plan"

// LockPlanYear takes the transaction's advisory lock on year; it is released
// at commit or rollback.
func LockPlanYear(ctx context.Context, db bun.IDB, year int) error {
	if _, err := db.NewRaw(`SELECT pg_advisory_xact_lock(?, ?)`, planYearLock, year).Exec(ctx); err != nil {
		return fmt.Errorf("lock plan year %d: %w", year, err)
	}
	return nil
}

// FindPlanOfYear returns a plan of year, or nil when the year has none.
func FindPlanOfYear(ctx context.Context, db bun.IDB, year int) (*Plan, error) {
	p := new(Plan)
	err := db.NewSelect().Model(p).Where("year = ?", year).Order("id").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("plan of year %d: %w", year, err)
	}
	return p, nil
}

// CreatePlanCopy copies the structure of plan src into a new plan named name for
// year: its weights, rules and consistency thresholds, dimensions,
// indicators, tasks (points and deadline phrases), lead units, evaluatees
// and the assignment matrix, with two fresh periods in 筹备. Scores,
// reports, sources and results stay with the old plan. One INSERT…SELECT per
// table whatever the plan's size: rows of the copy are matched to their
// originals by their numbers (dimension, indicator, task) and units, which
// are unique within a plan. Run it in a transaction.
func CreatePlanCopy(ctx context.Context, db bun.IDB, src int64, name string, year int) (*Plan, error) {
	p := new(Plan)
	err := db.NewRaw(`
		INSERT INTO plans (name, year, total_points, weight_dm, weight_fv, weight_po, weight_tp, missing_rule,
		                   flag_high_rate, flag_low_rate, flag_lead_spread)
		SELECT ?, ?, total_points, weight_dm, weight_fv, weight_po, weight_tp, missing_rule,
		       flag_high_rate, flag_low_rate, flag_lead_spread
		FROM plans WHERE id = ?
		RETURNING *`, name, year, src).Scan(ctx, p)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFoundOr(err, apperr.Plan, src)
	}
	if err != nil {
		return nil, fmt.Errorf("copy plan %d: %w", src, mapError(err))
	}
	periods := []Period{
		{PlanID: p.ID, Half: 1, Name: fmt.Sprintf("%d年上半年", year), State: workflow.Draft, Version: 1},
		{PlanID: p.ID, Half: 2, Name: fmt.Sprintf("%d年下半年", year), State: workflow.Draft, Version: 1},
	}
	if _, err := db.NewInsert().Model(&periods).Exec(ctx); err != nil {
		return nil, fmt.Errorf("create periods of plan %d: %w", p.ID, mapError(err))
	}
	steps := []struct{ what, sql string }{
		{"dimensions", `
			INSERT INTO dimensions (plan_id, number, name, points)
			SELECT ?1, number, name, points FROM dimensions WHERE plan_id = ?0`},
		{"indicators", `
			INSERT INTO indicators (dimension_id, number, name, points)
			SELECT nd.id, i.number, i.name, i.points
			FROM indicators i
			JOIN dimensions d ON d.id = i.dimension_id AND d.plan_id = ?0
			JOIN dimensions nd ON nd.plan_id = ?1 AND nd.number = d.number`},
		{"tasks", `
			INSERT INTO tasks (indicator_id, number, text, points, deadline_phrase, deadline_month, deadline_state, deadline_continuing)
			SELECT ni.id, t.number, t.text, t.points, t.deadline_phrase, t.deadline_month, t.deadline_state, t.deadline_continuing
			FROM tasks t
			JOIN indicators i ON i.id = t.indicator_id
			JOIN dimensions d ON d.id = i.dimension_id AND d.plan_id = ?0
			JOIN dimensions nd ON nd.plan_id = ?1 AND nd.number = d.number
			JOIN indicators ni ON ni.dimension_id = nd.id AND ni.number = i.number`},
		{"lead units", `
			INSERT INTO task_lead_units (task_id, unit_id)
			SELECT nt.id, l.unit_id
			FROM task_lead_units l
			JOIN tasks t ON t.id = l.task_id
			JOIN indicators i ON i.id = t.indicator_id
			JOIN dimensions d ON d.id = i.dimension_id AND d.plan_id = ?0
			JOIN dimensions nd ON nd.plan_id = ?1 AND nd.number = d.number
			JOIN indicators ni ON ni.dimension_id = nd.id AND ni.number = i.number
			JOIN tasks nt ON nt.indicator_id = ni.id AND nt.number = t.number`},
		{"evaluatees", `
			INSERT INTO evaluatees (plan_id, unit_id, ranking_group)
			SELECT ?1, unit_id, ranking_group FROM evaluatees WHERE plan_id = ?0`},
		{"assignments", `
			INSERT INTO assignments (evaluatee_id, task_id)
			SELECT ne.id, nt.id
			FROM assignments a
			JOIN evaluatees e ON e.id = a.evaluatee_id AND e.plan_id = ?0
			JOIN evaluatees ne ON ne.plan_id = ?1 AND ne.unit_id = e.unit_id
			JOIN tasks t ON t.id = a.task_id
			JOIN indicators i ON i.id = t.indicator_id
			JOIN dimensions d ON d.id = i.dimension_id
			JOIN dimensions nd ON nd.plan_id = ?1 AND nd.number = d.number
			JOIN indicators ni ON ni.dimension_id = nd.id AND ni.number = i.number
			JOIN tasks nt ON nt.indicator_id = ni.id AND nt.number = t.number`},
	}
	for _, s := range steps {
		if _, err := db.NewRaw(s.sql, src, p.ID).Exec(ctx); err != nil {
			return nil, fmt.Errorf("copy %s of plan %d: %w", s.what, src, mapError(err))
		}
	}
	audit.Note(ctx, "plans", p.ID, nil, map[string]any{"copiedFrom": src, "plan": p})
	return p, nil
}
