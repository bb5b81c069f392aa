package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
)

// Every editable row carries a version. An update names the version it read;
// when somebody saved first the caller gets a Conflict with the row as it is
// now, instead of silently overwriting it. Every write also notes its change
// for the request's audit record.

// updateVersioned locks row id, checks its version, and runs UPDATE … SET
// cols, version = version + 1, scanning the new row into model. what names
// the object for users, table for the audit log.
func updateVersioned[T any](ctx context.Context, db DB, model *T, what apperr.What, table string, id int64, version int, cols ...string) error {
	before := new(T)
	err := db.NewSelect().Model(before).Where("?TableAlias.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf(what, id)
	}
	if err != nil {
		return mapError(err)
	}
	if versionOf(before) != version {
		return apperr.StaleVersion(what, id, before)
	}
	err = db.NewUpdate().Model(model).
		Column(cols...).
		Set("version = version + 1").
		Where("id = ?", id).
		Returning("*").
		Scan(ctx)
	if err != nil {
		return mapError(err)
	}
	audit.Note(ctx, table, id, before, model)
	return nil
}

// deleteVersioned deletes row id of T's table if it still has version.
func deleteVersioned[T any](ctx context.Context, db DB, what apperr.What, table string, id int64, version int) error {
	before := new(T)
	err := db.NewSelect().Model(before).Where("?TableAlias.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf(what, id)
	}
	if err != nil {
		return mapError(err)
	}
	if versionOf(before) != version {
		return apperr.StaleVersion(what, id, before)
	}
	if _, err := db.NewDelete().Model((*T)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
		return mapError(err)
	}
	audit.Note(ctx, table, id, before, nil)
	return nil
}

// insert adds model and notes its creation.
func insert[T any](ctx context.Context, db DB, model *T, table string, id func() int64) error {
	if _, err := db.NewInsert().Model(model).Returning("*").Exec(ctx); err != nil {
		return mapError(err)
	}
	audit.Note(ctx, table, id(), nil, model)
	return nil
}

// versioned is implemented by every model with a version column.
type versioned interface{ currentVersion() int }

func versionOf(v any) int {
	if x, ok := v.(versioned); ok {
		return x.currentVersion()
	}
	panic("store: model without a version")
}

func (u *Unit) currentVersion() int      { return u.Version }
func (p *Plan) currentVersion() int      { return p.Version }
func (d *Dimension) currentVersion() int { return d.Version }
func (i *Indicator) currentVersion() int { return i.Version }
func (t *Task) currentVersion() int      { return t.Version }
func (e *Evaluatee) currentVersion() int { return e.Version }
func (u *User) currentVersion() int      { return u.Version }
func (p *Period) currentVersion() int    { return p.Version }
