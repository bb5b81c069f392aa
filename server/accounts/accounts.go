// Package accounts is the administrator's management of user accounts:
// creating them (from the API and from the command line alike), changing
// their roles, unit and state, and unlocking them. It owns the rules of an
// account — 三员分立 (separation of duties), the password policy, a new
// account's first-sign-in password change — and runs in the caller's
// transaction. It also keeps what a user sets on their own account (the
// language they read the SPA in). Sign-in and sessions are server/auth.
package accounts

import (
	"context"
	"strings"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// New is an account to create. Fields name the input fields errors point
// at ("input.roles" from the API, "--role" from the command line).
type New struct {
	Username, DisplayName, Password string
	Roles                           []auth.Role
	UnitID                          *int64
	RolesField, PasswordField       string
}

// Create makes an account that must change its password at first sign-in.
// by is nil on the command line (the machine's operator).
func Create(ctx context.Context, db store.DB, _ *auth.Identity, in New) (*store.User, error) {
	if err := auth.CheckSeparation(in.Roles, in.RolesField); err != nil {
		return nil, err
	}
	if err := auth.CheckPolicy(in.Username, in.Password, in.PasswordField); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := store.User{Username: in.Username, DisplayName: strings.TrimSpace(in.DisplayName), UnitID: in.UnitID,
		Enabled: true, MustChangePassword: true, Roles: roleNames(in.Roles), PasswordHash: hash}
	if u.DisplayName == "" {
		u.DisplayName = u.Username
	}
	if err := store.CreateUser(ctx, db, &u); err != nil {
		return nil, err
	}
	return store.FindUser(ctx, db, u.ID)
}

// Change is a new display name, unit, roles and state of an account.
type Change struct {
	ID          int64
	Version     int
	DisplayName string
	UnitID      *int64
	Enabled     bool
	Roles       []auth.Role
	RolesField  string
}

// Update changes an account. New roles or a disabled account take effect at
// once: the user's sessions end and the next request must sign in again.
func Update(ctx context.Context, db store.DB, _ *auth.Identity, in Change) (*store.User, error) {
	if err := auth.CheckSeparation(in.Roles, in.RolesField); err != nil {
		return nil, err
	}
	current, err := store.FindUser(ctx, db, in.ID)
	if err != nil {
		return nil, err
	}
	if err := auth.KeepAnAdministrator(ctx, db, current, in.Enabled, in.Roles); err != nil {
		return nil, err
	}
	u := store.User{ID: in.ID, Version: in.Version, DisplayName: strings.TrimSpace(in.DisplayName),
		UnitID: in.UnitID, Enabled: in.Enabled, Roles: roleNames(in.Roles)}
	if err := store.UpdateUser(ctx, db, &u); err != nil {
		return nil, err
	}
	if err := store.DeleteUserSessions(ctx, db, u.ID, ""); err != nil {
		return nil, err
	}
	return store.FindUser(ctx, db, u.ID)
}

// Unlock ends a lockout after failed sign-ins; it returns the account
// before and after.
func Unlock(ctx context.Context, db store.DB, _ *auth.Identity, userID int64) (before, after *store.User, err error) {
	before, err = store.FindUser(ctx, db, userID)
	if err != nil {
		return nil, nil, err
	}
	if err := store.SetLockedUntil(ctx, db, userID, nil); err != nil {
		return nil, nil, err
	}
	after, err = store.FindUser(ctx, db, userID)
	return before, after, err
}

// SetOwnLocale remembers the language the signed-in user chose and returns
// the one it replaces.
func SetOwnLocale(ctx context.Context, db store.DB, by *auth.Identity, locale store.Locale) (before store.Locale, err error) {
	return store.SetUserLocale(ctx, db, by.UserID, locale)
}

// SetOwnEmail sets or removes (nil or blank) the signed-in user's address
// for e-mail copies of notifications, and returns the one it replaces.
func SetOwnEmail(ctx context.Context, db store.DB, by *auth.Identity, email *string) (before *string, err error) {
	return store.SetUserEmail(ctx, db, by.UserID, CleanEmail(email))
}

// CleanEmail is the address as stored: trimmed, and nil when blank.
func CleanEmail(email *string) *string {
	if email == nil || strings.TrimSpace(*email) == "" {
		return nil
	}
	e := strings.TrimSpace(*email)
	return &e
}

func roleNames(roles []auth.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}

// List is every account, for the administrator.
func List(ctx context.Context, db store.DB, _ *auth.Identity) ([]store.User, error) {
	return store.ListUsers(ctx, db)
}
