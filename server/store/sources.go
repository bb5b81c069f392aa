package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/audit"
)

// SourceValue is a 民意调查 or 第三方评估 value.
type SourceValue struct {
	bun.BaseModel `bun:"table:source_values,alias:sv"`

	ID             int64     `bun:"id,pk,autoincrement"`
	PeriodID       int64     `bun:"period_id"`
	EvaluateeID    int64     `bun:"evaluatee_id"`
	Method         string    `bun:"method"`
	Source         string    `bun:"source"`
	Value          Decimal   `bun:"value"`
	Weight         Decimal   `bun:"weight"`
	ImportedByName string    `bun:"imported_by_name"`
	ImportedAt     time.Time `bun:"imported_at"`
}

// FindSourceValues returns a period's values of a method (all methods when "").
func FindSourceValues(ctx context.Context, db DB, periodID int64, method string, evaluateeIDs []int64) ([]SourceValue, error) {
	var out []SourceValue
	q := db.NewSelect().Model(&out).Where("period_id = ?", periodID)
	if method != "" {
		q = q.Where("method = ?", method)
	}
	if evaluateeIDs != nil {
		q = q.Where("evaluatee_id IN (?)", bun.In(evaluateeIDs))
	}
	if err := q.Order("evaluatee_id", "method", "source").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find source values: %w", err)
	}
	return out, nil
}

// ReplaceSourceValues replaces a period's values of one method: an import
// is the complete set for that method.
func ReplaceSourceValues(ctx context.Context, db DB, periodID int64, method string, values []SourceValue) error {
	var before []SourceValue
	if err := db.NewSelect().Model(&before).Where("period_id = ? AND method = ?", periodID, method).Scan(ctx); err != nil {
		return err
	}
	if _, err := db.NewDelete().Model((*SourceValue)(nil)).Where("period_id = ? AND method = ?", periodID, method).Exec(ctx); err != nil {
		return err
	}
	if len(values) > 0 {
		if _, err := db.NewInsert().Model(&values).Exec(ctx); err != nil {
			return mapError(err)
		}
	}
	audit.Note(ctx, "source_values", periodID, before, values)
	return nil
}
