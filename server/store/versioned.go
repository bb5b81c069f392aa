package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/apperr"
)

// Every editable row carries a version. An update names the version it read;
// when somebody saved first the update matches no row and the caller gets a
// Conflict with the row as it is now, instead of silently overwriting it.

// updateVersioned runs UPDATE … SET cols, version = version + 1 WHERE id AND
// version, scanning the new row into model. what names the object for errors.
func updateVersioned[T any](ctx context.Context, db bun.IDB, model *T, what string, id int64, version int, cols ...string) error {
	err := db.NewUpdate().Model(model).
		Column(cols...).
		Set("version = version + 1").
		Where("id = ?", id).
		Where("version = ?", version).
		Returning("*").
		Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return staleOrMissing[T](ctx, db, what, id)
	}
	return mapError(err)
}

// deleteVersioned deletes the row id of T's table if it still has version.
func deleteVersioned[T any](ctx context.Context, db bun.IDB, what string, id int64, version int) error {
	res, err := db.NewDelete().Model((*T)(nil)).
		Where("id = ?", id).
		Where("version = ?", version).
		Exec(ctx)
	if err != nil {
		return mapError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return staleOrMissing[T](ctx, db, what, id)
	}
	return nil
}

func staleOrMissing[T any](ctx context.Context, db bun.IDB, what string, id int64) error {
	current := new(T)
	err := db.NewSelect().Model(current).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFoundf(what, id)
	}
	if err != nil {
		return mapError(err)
	}
	return apperr.StaleVersion(what, id, current)
}
