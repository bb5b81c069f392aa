package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
)

// User is an account. Roles are loaded with it.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID                 int64      `bun:"id,pk,autoincrement"`
	Username           string     `bun:"username"`
	DisplayName        string     `bun:"display_name"`
	UnitID             *int64     `bun:"unit_id"`
	PasswordHash       string     `bun:"password_hash" json:"-"`
	PasswordChangedAt  time.Time  `bun:"password_changed_at,nullzero,notnull,default:now()"`
	MustChangePassword bool       `bun:"must_change_password"`
	Enabled            bool       `bun:"enabled"`
	LockedUntil        *time.Time `bun:"locked_until"`
	TOTPSecret         *string    `bun:"totp_secret" json:"-"`
	TOTPEnabled        bool       `bun:"totp_enabled"`
	TOTPPendingSecret  *string    `bun:"totp_pending_secret" json:"-"`
	TOTPLastStep       int64      `bun:"totp_last_step" json:"-"`
	LastLoginAt        *time.Time `bun:"last_login_at"`
	Locale             Locale     `bun:"locale,nullzero,notnull,default:'zh-CN'"`
	Email              *string    `bun:"email"` // where copies of notifications go, when e-mail is configured
	Version            int        `bun:"version"`
	CreatedAt          time.Time  `bun:"created_at,nullzero,default:now()"`

	Unit  *Unit    `bun:"rel:belongs-to,join:unit_id=id" json:"-"`
	Roles []string `bun:"roles,scanonly,array" json:",omitempty"`
}

// userRoles selects roles as an array beside the user's columns.
const userRoles = `ARRAY(SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role) AS roles`

func selectUsers(db DB) *bun.SelectQuery {
	return db.NewSelect().Model((*User)(nil)).
		ColumnExpr("u.*").ColumnExpr(userRoles).
		Relation("Unit")
}

// ListUsers returns every account, by username.
func ListUsers(ctx context.Context, db DB) ([]User, error) {
	var users []User
	if err := selectUsers(db).Order("u.username").Scan(ctx, &users); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// FindUser returns user id with roles and unit.
func FindUser(ctx context.Context, db DB, id int64) (*User, error) {
	u := new(User)
	if err := selectUsers(db).Where("u.id = ?", id).Scan(ctx, u); err != nil {
		return nil, notFoundOr(err, apperr.User, id)
	}
	return u, nil
}

// FindUserByUsername returns the user or (nil, nil) when there is none, so
// login can treat an unknown user exactly like a wrong password.
func FindUserByUsername(ctx context.Context, db DB, username string) (*User, error) {
	u := new(User)
	err := selectUsers(db).Where("u.username = ?", username).Scan(ctx, u)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find user %q: %w", username, err)
	}
	return u, nil
}

// CreateUser inserts u with its roles and records its password in the history.
func CreateUser(ctx context.Context, db DB, u *User) error {
	u.Version = 1
	if err := insert(ctx, db, u, "users", func() int64 { return u.ID }); err != nil {
		return err
	}
	if err := setRoles(ctx, db, u.ID, u.Roles); err != nil {
		return err
	}
	return addPasswordHistory(ctx, db, u.ID, u.PasswordHash)
}

// UpdateUser saves display name, unit, roles and enabled if nobody changed
// the user since u.Version.
func UpdateUser(ctx context.Context, db DB, u *User) error {
	roles := u.Roles
	if err := updateVersioned(ctx, db, u, apperr.User, "users", u.ID, u.Version, "display_name", "unit_id", "enabled"); err != nil {
		return err
	}
	u.Roles = roles
	return setRoles(ctx, db, u.ID, roles)
}

func setRoles(ctx context.Context, db DB, userID int64, roles []string) error {
	var before []string
	err := db.NewDelete().TableExpr("user_roles").Where("user_id = ?", userID).Returning("role").Scan(ctx, &before)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("clear roles of user %d: %w", userID, err)
	}
	audit.Note(ctx, "user_roles", userID, before, roles)
	for _, r := range roles {
		if _, err := db.NewRaw(`INSERT INTO user_roles (user_id, role) VALUES (?, ?)`, userID, r).Exec(ctx); err != nil {
			return mapError(err)
		}
	}
	return nil
}

// SetPassword stores a new password hash; mustChange marks a password an
// administrator set.
func SetPassword(ctx context.Context, db DB, userID int64, hash string, mustChange bool, at time.Time) error {
	_, err := db.NewUpdate().Model((*User)(nil)).
		Set("password_hash = ?", hash).
		Set("password_changed_at = ?", at).
		Set("must_change_password = ?", mustChange).
		Set("version = version + 1").
		Where("id = ?", userID).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	return addPasswordHistory(ctx, db, userID, hash)
}

func addPasswordHistory(ctx context.Context, db DB, userID int64, hash string) error {
	_, err := db.NewRaw(`INSERT INTO password_history (user_id, password_hash) VALUES (?, ?)`, userID, hash).Exec(ctx)
	if err != nil {
		return fmt.Errorf("record password history of user %d: %w", userID, err)
	}
	return nil
}

// RecentPasswordHashes returns the user's last n password hashes, newest first.
func RecentPasswordHashes(ctx context.Context, db DB, userID int64, n int) ([]string, error) {
	var hashes []string
	err := db.NewRaw(`SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, n).Scan(ctx, &hashes)
	if err != nil {
		return nil, fmt.Errorf("password history of user %d: %w", userID, err)
	}
	return hashes, nil
}

// SetLockedUntil locks (or, with nil, unlocks) an account.
func SetLockedUntil(ctx context.Context, db DB, userID int64, until *time.Time) error {
	_, err := db.NewUpdate().Model((*User)(nil)).Set("locked_until = ?", until).Where("id = ?", userID).Exec(ctx)
	return err
}

// Locale is the language a user reads the SPA in: the SPA's own codes.
type Locale string

const (
	LocaleZhCN Locale = "zh-CN" // the default
	LocaleEn   Locale = "en"
)

// SetUserLocale remembers the user's language and returns the one it
// replaces. It leaves version alone: the language is the user's own
// preference, and an administrator editing the account meanwhile must not
// be told someone else changed it.
func SetUserLocale(ctx context.Context, db DB, userID int64, locale Locale) (Locale, error) {
	var before Locale
	err := db.NewRaw(`
		UPDATE users u SET locale = ?
		FROM (SELECT id, locale FROM users WHERE id = ? FOR UPDATE) old
		WHERE u.id = old.id
		RETURNING old.locale`, string(locale), userID).Scan(ctx, &before)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.NotFoundf(apperr.User, userID)
	}
	if err != nil {
		return "", fmt.Errorf("set locale of user %d: %w", userID, err)
	}
	return before, nil
}

// SetPendingTOTP stores a secret being enrolled.
func SetPendingTOTP(ctx context.Context, db DB, userID int64, secret string) error {
	_, err := db.NewUpdate().Model((*User)(nil)).Set("totp_pending_secret = ?", secret).Where("id = ?", userID).Exec(ctx)
	return err
}

// EnableTOTP makes secret the user's second factor, clearing any pending one.
func EnableTOTP(ctx context.Context, db DB, userID int64, secret string, lastStep int64) error {
	_, err := db.NewUpdate().Model((*User)(nil)).
		Set("totp_secret = ?", secret).Set("totp_enabled = true").Set("totp_pending_secret = NULL").
		Set("totp_last_step = ?", lastStep).Set("version = version + 1").
		Where("id = ?", userID).Exec(ctx)
	return err
}

// MarkLogin records a successful login and the TOTP step it used.
func MarkLogin(ctx context.Context, db DB, userID int64, at time.Time, totpStep int64) error {
	q := db.NewUpdate().Model((*User)(nil)).Set("last_login_at = ?", at).Set("locked_until = NULL").Where("id = ?", userID)
	if totpStep > 0 {
		q = q.Set("totp_last_step = ?", totpStep)
	}
	_, err := q.Exec(ctx)
	return err
}

// LoginAttempt is one try to sign in.
type LoginAttempt struct {
	bun.BaseModel `bun:"table:login_attempts"`

	ID         int64     `bun:"id,pk,autoincrement"`
	Username   string    `bun:"username"`
	ClientAddr string    `bun:"client_addr"`
	Success    bool      `bun:"success"`
	At         time.Time `bun:"at"`
}

// RecordLoginAttempt appends an attempt.
func RecordLoginAttempt(ctx context.Context, db DB, a LoginAttempt) error {
	if _, err := db.NewInsert().Model(&a).Exec(ctx); err != nil {
		return fmt.Errorf("record login attempt of %q: %w", a.Username, err)
	}
	return nil
}

// RecordFailedLogin appends a failed attempt and, when it is the
// threshold-th failure of a.Username within the window (since `since` and
// since the last success), locks the account until lockUntil. It reports
// whether this failure locked the account; an account already locked stays
// locked until its old deadline. The same two statements run whether or not
// the username exists, so an unknown user and a wrong password cost the
// same work.
func RecordFailedLogin(ctx context.Context, db DB, a LoginAttempt, since time.Time, threshold int, lockUntil time.Time) (bool, error) {
	if err := RecordLoginAttempt(ctx, db, a); err != nil {
		return false, err
	}
	var locked []int64
	err := db.NewRaw(`
		UPDATE users SET locked_until = ?
		WHERE username = ? AND (locked_until IS NULL OR locked_until <= ?)
		  AND (SELECT count(*) FROM login_attempts
		       WHERE username = ? AND NOT success AND at > ?
		         AND at > coalesce((SELECT max(at) FROM login_attempts WHERE username = ? AND success), '-infinity')) >= ?
		RETURNING id`,
		lockUntil, a.Username, a.At, a.Username, since, a.Username, threshold).Scan(ctx, &locked)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("lock after failed logins of %q: %w", a.Username, err)
	}
	return len(locked) > 0, nil
}

// FailedLoginsFromAddrSince counts failures from a client address since t.
func FailedLoginsFromAddrSince(ctx context.Context, db DB, addr string, t time.Time) (int, error) {
	var n int
	err := db.NewRaw(`SELECT count(*) FROM login_attempts WHERE client_addr = ? AND NOT success AND at > ?`, addr, t).Scan(ctx, &n)
	return n, err
}

// Session is a signed-in browser.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`

	TokenHash  string    `bun:"token_hash,pk"`
	UserID     int64     `bun:"user_id"`
	CreatedAt  time.Time `bun:"created_at"`
	LastSeenAt time.Time `bun:"last_seen_at"`
	ExpiresAt  time.Time `bun:"expires_at"`
	ClientAddr string    `bun:"client_addr"`
	UserAgent  string    `bun:"user_agent"`

	User *User `bun:"rel:belongs-to,join:user_id=id"` // filled by ResolveSession only
}

// CreateSession stores a new session.
func CreateSession(ctx context.Context, db DB, s *Session) error {
	_, err := db.NewInsert().Model(s).Exec(ctx)
	return err
}

// FindSession returns the session with its user, or (nil, nil, nil).
func FindSession(ctx context.Context, db DB, tokenHash string) (*Session, *User, error) {
	s := new(Session)
	err := db.NewSelect().Model(s).Where("token_hash = ?", tokenHash).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	u, err := FindUser(ctx, db, s.UserID)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil, nil
	}
	return s, u, err
}

// ResolveSession is FindSession for a request, in one statement: it also
// moves the session's idle deadline to at, when the session is still live
// then (before its expiry, seen within idle, its user enabled) and was last
// seen at least touchEvery ago. The session returned is as it was before the
// touch, so the caller judges expiry on what the request found.
func ResolveSession(ctx context.Context, db DB, tokenHash string, at time.Time, idle, touchEvery time.Duration) (*Session, *User, error) {
	touch := db.NewUpdate().Model((*Session)(nil)).
		Set("last_seen_at = ?", at).
		Where("token_hash = ?", tokenHash).
		Where("last_seen_at <= ?", at.Add(-touchEvery)).
		Where("last_seen_at > ?", at.Add(-idle)).
		Where("expires_at > ?", at).
		Where("EXISTS (SELECT 1 FROM users WHERE users.id = session.user_id AND users.enabled)")
	s := new(Session)
	err := db.NewSelect().With("touched", touch).Model(s).
		ColumnExpr("session.*").
		Relation("User").Relation("User.Unit").
		ColumnExpr(`ARRAY(SELECT role FROM user_roles WHERE user_id = "user"."id" ORDER BY role) AS "user__roles"`).
		Where("session.token_hash = ?", tokenHash).
		Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("resolve session: %w", err)
	}
	return s, s.User, nil
}

// DeleteSession ends one session.
func DeleteSession(ctx context.Context, db DB, tokenHash string) error {
	_, err := db.NewDelete().Model((*Session)(nil)).Where("token_hash = ?", tokenHash).Exec(ctx)
	return err
}

// DeleteUserSessions ends every session of a user (disabled, roles changed,
// password reset), optionally keeping one.
func DeleteUserSessions(ctx context.Context, db DB, userID int64, keep string) error {
	_, err := db.NewDelete().Model((*Session)(nil)).Where("user_id = ?", userID).Where("token_hash <> ?", keep).Exec(ctx)
	return err
}

// LockEnabledAdmins returns the ids of the enabled administrators and locks
// their rows until the transaction ends, so two administrators disabling
// each other at once cannot both succeed: the second waits for the first
// and then no longer counts it.
func LockEnabledAdmins(ctx context.Context, db DB) ([]int64, error) {
	var ids []int64
	err := db.NewRaw(`
		SELECT u.id FROM users u
		WHERE u.enabled AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'ADMIN')
		ORDER BY u.id FOR UPDATE OF u`).Scan(ctx, &ids)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("lock enabled administrators: %w", err)
	}
	return ids, nil
}
