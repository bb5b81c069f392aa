package store

import (
	"context"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"

	"github.com/uptrace/bun"
)

// ListUnits returns every unit in official order.
func ListUnits(ctx context.Context, db bun.IDB) ([]Unit, error) {
	var units []Unit
	if err := db.NewSelect().Model(&units).Order("sort_key", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return units, nil
}

// UnitsInAuditLog returns the units that appear in the audit log, in
// official order: what the auditor may filter the log by without reading
// the unit catalogue.
func UnitsInAuditLog(ctx context.Context, db bun.IDB) ([]Unit, error) {
	var units []Unit
	err := db.NewSelect().Model(&units).
		Where("EXISTS (SELECT 1 FROM audit_log a WHERE a.unit_id = ?TableAlias.id)").
		Order("sort_key", "id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list units in the audit log: %w", err)
	}
	return units, nil
}

// CreateUnit inserts u and fills in its id and version.
func CreateUnit(ctx context.Context, db bun.IDB, u *Unit) error {
	if u.Aliases == nil {
		u.Aliases = []string{}
	}
	u.Version = 1
	return insert(ctx, db, u, "units", func() int64 { return u.ID })
}

// UpdateUnit saves u if nobody changed it since u.Version.
func UpdateUnit(ctx context.Context, db bun.IDB, u *Unit) error {
	if u.Aliases == nil {
		u.Aliases = []string{}
	}
	u.UpdatedAt = now()
	return updateVersioned(ctx, db, u, apperr.Unit, "units", u.ID, u.Version, "name", "kind", "aliases", "sort_key", "updated_at")
}

// DeleteUnit removes an unused unit.
//
// A unit in use is refused with the first reason in the order a user can act
// on them (plan membership, then lead tasks, users, scores). Left to the
// DELETE, PostgreSQL reports whichever foreign key its triggers check first,
// and that order follows the triggers' OIDs, so it differs between databases.
func DeleteUnit(ctx context.Context, db bun.IDB, id int64, version int) error {
	var constraint string
	err := db.NewRaw(`SELECT CASE
		WHEN EXISTS (SELECT 1 FROM evaluatees WHERE unit_id = ?0) THEN 'evaluatees_unit_id_fkey'
		WHEN EXISTS (SELECT 1 FROM task_lead_units WHERE unit_id = ?0) THEN 'task_lead_units_unit_id_fkey'
		WHEN EXISTS (SELECT 1 FROM users WHERE unit_id = ?0) THEN 'users_unit_id_fkey'
		WHEN EXISTS (SELECT 1 FROM scores WHERE lead_unit_id = ?0) THEN 'scores_lead_unit_id_fkey'
		ELSE '' END`, id).Scan(ctx, &constraint)
	if err != nil {
		return fmt.Errorf("find references to unit %d: %w", id, err)
	}
	if msg, ok := stillReferenced[constraint]; ok {
		return apperr.New(apperr.Conflict, msg[0], msg[1])
	}
	return deleteVersioned[Unit](ctx, db, apperr.Unit, "units", id, version)
}

// UnitsByID returns every unit keyed by id; the loaders ask for it once per
// request, whatever the number of lists that show units.
func UnitsByID(ctx context.Context, db DB, _ []int64) (map[int64]map[int64]Unit, error) {
	units, err := ListUnits(ctx, db)
	if err != nil {
		return nil, err
	}
	all := make(map[int64]Unit, len(units))
	for _, u := range units {
		all[u.ID] = u
	}
	return map[int64]map[int64]Unit{0: all}, nil
}
