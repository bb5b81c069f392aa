package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/store"
)

// Config holds the security settings a deployment may tune.
type Config struct {
	IdleTimeout      time.Duration // KAOPING_SESSION_IDLE, default 30m
	AbsoluteLifetime time.Duration // KAOPING_SESSION_MAX, default 12h
	PasswordMaxAge   time.Duration // KAOPING_PASSWORD_MAX_AGE, default 0 (off); 等保 deployments set 2160h (90 days)
	LockoutThreshold int           // failed logins within LockoutWindow that lock an account (5)
	LockoutWindow    time.Duration // 15m
	LockoutDuration  time.Duration // 30m
	AddrThreshold    int           // failed logins from one address within LockoutWindow before it is throttled (20)
	PasswordHistory  int           // how many previous passwords may not be reused (5)
}

// DefaultConfig is the 等保 baseline apart from password rotation.
func DefaultConfig() Config {
	return Config{
		IdleTimeout:      30 * time.Minute,
		AbsoluteLifetime: 12 * time.Hour,
		LockoutThreshold: 5,
		LockoutWindow:    15 * time.Minute,
		LockoutDuration:  30 * time.Minute,
		AddrThreshold:    20,
		PasswordHistory:  5,
	}
}

// Service signs people in and out.
type Service struct {
	Store *store.Store
	Cfg   Config
	Now   func() time.Time
}

// NewService returns a service on the real clock.
func NewService(st *store.Store, cfg Config) *Service {
	return &Service{Store: st, Cfg: cfg, Now: time.Now}
}

// errBadLogin is the one answer for an unknown user, a wrong password, a
// disabled or a locked account, so the answer reveals nothing.
var errBadLogin = apperr.New(apperr.Unauthenticated, "用户名或密码错误(连续失败5次将锁定30分钟)",
	"Wrong username or password (5 failures in a row lock the account for 30 minutes)")

// ErrLocked is errBadLogin for the failure that locked the account: the
// caller sees the same answer, the audit log sees the lockout.
var ErrLocked = apperr.New(apperr.Unauthenticated, errBadLogin.Message, errBadLogin.MessageEn)

// Client describes where a request comes from.
type Client struct {
	Addr      string
	UserAgent string
}

// LoginOutcome is the result of a password (and code) check.
type LoginOutcome struct {
	Identity     *Identity
	Token        string // the new session's cookie value
	ExpiresAt    time.Time
	TOTPRequired bool // password right, code needed
}

// RecordLogin writes the audit record of a successful sign-in in the
// transaction that starts its session, so neither exists without the other.
type RecordLogin func(ctx context.Context, tx store.Tx, id *Identity) error

// Login checks credentials and starts a session.
//
// It never holds more than one pooled connection, and none while it
// verifies the password: it reads on the pool, waits for an argon2 slot
// (argonSlots) with no connection, then commits its writes in one short
// transaction of its own: a failure (counted toward the lockout, which must
// hold whatever the request does next), or the session with record's audit
// record. An unknown user, a wrong password and a wrong second factor run
// the same statements and one argon2 verification.
func (s *Service) Login(ctx context.Context, username, password, code string, c Client, previousToken string, record RecordLogin) (*LoginOutcome, error) {
	db := s.Store.DB
	now := s.Now()
	since := now.Add(-s.Cfg.LockoutWindow)
	fail := func(answer error) (*LoginOutcome, error) {
		var locked bool
		err := s.Store.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
			var err error
			locked, err = store.RecordFailedLogin(ctx, tx, store.LoginAttempt{Username: username, ClientAddr: c.Addr, At: now},
				since, s.Cfg.LockoutThreshold, now.Add(s.Cfg.LockoutDuration))
			return err
		})
		if err != nil {
			return nil, err
		}
		if locked {
			return nil, ErrLocked
		}
		return nil, answer
	}

	n, err := store.FailedLoginsFromAddrSince(ctx, db, c.Addr, since)
	if err != nil {
		return nil, err
	}
	if n >= s.Cfg.AddrThreshold {
		return nil, apperr.New(apperr.Unauthenticated, "登录失败次数过多,请稍后再试", "Too many failed sign-ins; please try again later")
	}
	u, err := store.FindUserByUsername(ctx, db, username)
	if err != nil {
		return nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	passwordOK, err := CheckPasswordContext(ctx, hash, password)
	if err != nil {
		return nil, err
	}
	if u == nil || !passwordOK || !u.Enabled || (u.LockedUntil != nil && u.LockedUntil.After(now)) {
		return fail(errBadLogin)
	}
	var step int64
	if u.TOTPEnabled {
		if code == "" {
			return &LoginOutcome{TOTPRequired: true}, nil
		}
		step = matchTOTP(*u.TOTPSecret, code, now, u.TOTPLastStep)
		if step == 0 {
			// Counts toward the lockout like a wrong password: whoever
			// has the password must not get unlimited guesses at the code.
			return fail(apperr.Field("input.totpCode", "totp", "动态验证码错误或已使用", "wrong or reused one-time code"))
		}
	}

	token, err := newToken()
	if err != nil {
		return nil, err
	}
	sess := &store.Session{
		TokenHash: hashToken(token), UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(s.Cfg.AbsoluteLifetime), ClientAddr: c.Addr, UserAgent: truncate(c.UserAgent, 300),
	}
	id := s.identity(u, sess.TokenHash)
	err = s.Store.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		if err := store.RecordLoginAttempt(ctx, tx, store.LoginAttempt{Username: username, ClientAddr: c.Addr, Success: true, At: now}); err != nil {
			return err
		}
		if err := store.MarkLogin(ctx, tx, u.ID, now, step); err != nil {
			return err
		}
		// Rotate: the browser's previous session, whoever it belonged to, ends.
		if previousToken != "" {
			if err := store.DeleteSession(ctx, tx, hashToken(previousToken)); err != nil {
				return err
			}
		}
		if err := store.CreateSession(ctx, tx, sess); err != nil {
			return err
		}
		if record != nil {
			return record(ctx, tx, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &LoginOutcome{Identity: id, Token: token, ExpiresAt: sess.ExpiresAt}, nil
}

// Resolve returns the identity of a session token, or nil when the token is
// unknown, idle too long, past its lifetime or its user disabled.
func (s *Service) Resolve(ctx context.Context, token string) (*Identity, error) {
	if token == "" {
		return nil, nil
	}
	db := s.Store.DB
	h := hashToken(token)
	now := s.Now()
	// Moving the idle deadline once a minute is precise enough and saves a
	// write on most requests; the look-up does it in the same statement.
	sess, u, err := store.ResolveSession(ctx, db, h, now, s.Cfg.IdleTimeout, time.Minute)
	if store.Unavailable(err) {
		// The look-up is a read that may move last_seen_at to now: running
		// it again after a lost connection changes nothing more, so it gets
		// the one retry every read gets (the driver retries plain SELECTs
		// only, and this one is a WITH … UPDATE).
		sess, u, err = store.ResolveSession(ctx, db, h, now, s.Cfg.IdleTimeout, time.Minute)
	}
	if err != nil || sess == nil {
		return nil, err
	}
	if !now.Before(sess.ExpiresAt) || !now.Before(sess.LastSeenAt.Add(s.Cfg.IdleTimeout)) || !u.Enabled {
		return nil, store.DeleteSession(ctx, db, h)
	}
	return s.identity(u, h), nil
}

// Session returns the expiry of the identity's session.
func (s *Service) Session(ctx context.Context, id *Identity) (*store.Session, error) {
	sess, _, err := store.FindSession(ctx, s.Store.DB, id.TokenHash)
	if err == nil && sess == nil {
		return nil, apperr.New(apperr.Unauthenticated, "会话已结束,请重新登录", "The session has ended; please sign in again")
	}
	return sess, err
}

// Logout ends the identity's session.
func (s *Service) Logout(ctx context.Context, db store.DB, id *Identity) error {
	return store.DeleteSession(ctx, db, id.TokenHash)
}

func (s *Service) identity(u *store.User, tokenHash string) *Identity {
	id := &Identity{
		UserID: u.ID, Username: u.Username, DisplayName: u.DisplayName, UnitID: u.UnitID, TokenHash: tokenHash,
	}
	if u.Unit != nil {
		id.UnitName = u.Unit.Name
	}
	for _, r := range u.Roles {
		id.Roles = append(id.Roles, Role(r))
	}
	id.Pending = s.PendingSteps(u)
	return id
}

// PendingSteps lists what the user must do before working.
func (s *Service) PendingSteps(u *store.User) []string {
	var steps []string
	if u.MustChangePassword {
		steps = append(steps, "PASSWORD_CHANGE")
	} else if s.Cfg.PasswordMaxAge > 0 && s.Now().After(u.PasswordChangedAt.Add(s.Cfg.PasswordMaxAge)) {
		steps = append(steps, "PASSWORD_EXPIRED")
	}
	if !u.TOTPEnabled {
		for _, r := range u.Roles {
			if Role(r).RequiresTOTP() {
				steps = append(steps, "TOTP_ENROLLMENT")
				break
			}
		}
	}
	return steps
}

// ChangePassword replaces the user's password after checking the current
// one, the policy and the history, and ends the user's other sessions.
func (s *Service) ChangePassword(ctx context.Context, db store.DB, id *Identity, current, next string) error {
	u, err := store.FindUser(ctx, db, id.UserID)
	if err != nil {
		return err
	}
	if !CheckPassword(u.PasswordHash, current) {
		return apperr.Field("input.currentPassword", "password", "当前密码不正确", "the current password is wrong")
	}
	if err := s.checkNewPassword(ctx, db, u, next, "input.newPassword"); err != nil {
		return err
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	if err := store.SetPassword(ctx, db, u.ID, hash, false, s.Now()); err != nil {
		return err
	}
	return store.DeleteUserSessions(ctx, db, u.ID, id.TokenHash)
}

// SetPasswordByAdmin sets a temporary password the user must change, and
// ends the user's sessions.
func (s *Service) SetPasswordByAdmin(ctx context.Context, db store.DB, u *store.User, password, field string) error {
	if err := s.checkNewPassword(ctx, db, u, password, field); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	if err := store.SetPassword(ctx, db, u.ID, hash, true, s.Now()); err != nil {
		return err
	}
	return store.DeleteUserSessions(ctx, db, u.ID, "")
}

func (s *Service) checkNewPassword(ctx context.Context, db store.DB, u *store.User, password, field string) error {
	if err := CheckPolicy(u.Username, password, field); err != nil {
		return err
	}
	recent, err := store.RecentPasswordHashes(ctx, db, u.ID, s.Cfg.PasswordHistory)
	if err != nil {
		return err
	}
	for _, h := range recent {
		if CheckPassword(h, password) {
			return apperr.Field(field, "history", fmt.Sprintf("不能使用最近%d次用过的密码", s.Cfg.PasswordHistory),
				fmt.Sprintf("the password was one of the last %d", s.Cfg.PasswordHistory))
		}
	}
	return nil
}

// newToken returns 256 random bits, URL-safe.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("session token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
