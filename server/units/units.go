// Package units is the catalogue of units (districts, the zone and
// departments) in their official order, kept by the administrator. Each
// function owns the rules of its change and runs in the caller's
// transaction; roles are checked by the @allow directive.
package units

import (
	"context"
	"strings"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// Create adds a unit to the catalogue.
func Create(ctx context.Context, db store.DB, _ *auth.Identity, u store.Unit) (*store.Unit, error) {
	tidy(&u)
	if err := store.CreateUnit(ctx, db, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// Update changes a unit at its version.
func Update(ctx context.Context, db store.DB, _ *auth.Identity, u store.Unit) (*store.Unit, error) {
	tidy(&u)
	if err := store.UpdateUnit(ctx, db, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// Delete removes a unit nothing refers to any more.
func Delete(ctx context.Context, db store.DB, _ *auth.Identity, id int64, version int) error {
	return store.DeleteUnit(ctx, db, id, version)
}

// tidy trims the name and drops blank aliases, so "市公安局 " and "市公安局"
// are one name.
func tidy(u *store.Unit) {
	u.Name = strings.TrimSpace(u.Name)
	aliases := make([]string, 0, len(u.Aliases))
	for _, a := range u.Aliases {
		if a = strings.TrimSpace(a); a != "" {
			aliases = append(aliases, a)
		}
	}
	u.Aliases = aliases
}

// List is the catalogue in official order; every role that may ask (see the
// schema) sees all of it.
func List(ctx context.Context, db store.DB, _ *auth.Identity) ([]store.Unit, error) {
	return store.ListUnits(ctx, db)
}
