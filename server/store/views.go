package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/kaoping/kaoping/server/apperr"
)

// SavedView is an analyst's view of the aggregate, kept by name (issue 12).
// Spec is stored as the analytics package writes it; store does not read it.
type SavedView struct {
	bun.BaseModel `bun:"table:saved_views,alias:sv"`

	ID          int64           `bun:"id,pk,autoincrement"`
	OwnerID     *int64          `bun:"owner_id"`
	OwnerName   string          `bun:"owner_name"`
	Name        string          `bun:"name"`
	Description string          `bun:"description"`
	Spec        json.RawMessage `bun:"spec,type:jsonb"`
	SharedRoles []string        `bun:"shared_roles,array"`
	Builtin     bool            `bun:"builtin"`
	Version     int             `bun:"version"`
	CreatedAt   time.Time       `bun:"created_at,nullzero,default:current_timestamp"`
	UpdatedAt   time.Time       `bun:"updated_at,nullzero,default:current_timestamp"`
}

func (v *SavedView) currentVersion() int { return v.Version }

// ListViews returns the views userID owns or may open through one of roles,
// built-in ones first, then by name.
func ListViews(ctx context.Context, db DB, userID int64, roles []string) ([]SavedView, error) {
	var out []SavedView
	err := db.NewSelect().Model(&out).
		Where("sv.owner_id = ? OR sv.shared_roles && ?", userID, pgdialect.Array(roles)).
		OrderExpr("sv.builtin DESC, sv.name, sv.id").Scan(ctx)
	return out, mapError(err)
}

// FindView returns view id, or NotFound.
func FindView(ctx context.Context, db DB, id int64) (*SavedView, error) {
	v := new(SavedView)
	err := db.NewSelect().Model(v).Where("sv.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf(apperr.View, id)
	}
	return v, mapError(err)
}

// CreateView adds v.
func CreateView(ctx context.Context, db DB, v *SavedView) error {
	if v.SharedRoles == nil {
		v.SharedRoles = []string{}
	}
	v.Version = 1
	return insert(ctx, db, v, "saved_views", func() int64 { return v.ID })
}

// UpdateView saves v if nobody changed it since v.Version.
func UpdateView(ctx context.Context, db DB, v *SavedView) error {
	if v.SharedRoles == nil {
		v.SharedRoles = []string{}
	}
	v.UpdatedAt = now()
	return updateVersioned(ctx, db, v, apperr.View, "saved_views", v.ID, v.Version, "name", "description", "spec", "shared_roles", "updated_at")
}

// DeleteView removes view id if it still has version.
func DeleteView(ctx context.Context, db DB, id int64, version int) error {
	return deleteVersioned[SavedView](ctx, db, apperr.View, "saved_views", id, version)
}
