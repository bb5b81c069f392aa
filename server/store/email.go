package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/apperr"
)

// UnmailedNotification is a notification whose e-mail copy is due, with
// its recipient's address and language.
type UnmailedNotification struct {
	ID      int64  `bun:"id"`
	Email   string `bun:"email"`
	Locale  Locale `bun:"locale"`
	Title   string `bun:"title"`
	Body    string `bun:"body"`
	TitleEn string `bun:"title_en"` // empty in rows written before migrations/0018
	BodyEn  string `bun:"body_en"`
	Link    string `bun:"link"`
}

// FindUnmailedNotifications locks, oldest first, at most limit
// notifications created since since that have not been mailed, of enabled
// users with an address. Rows another server's round holds are skipped, so
// two mailers never send the same copy.
func FindUnmailedNotifications(ctx context.Context, db DB, since time.Time, limit int) ([]UnmailedNotification, error) {
	out := []UnmailedNotification{}
	err := db.NewRaw(`
		SELECT n.id, u.email, u.locale, n.title, n.body, n.title_en, n.body_en, n.link
		FROM notifications n
		JOIN users u ON u.id = n.user_id AND u.enabled AND u.email IS NOT NULL
		WHERE n.emailed_at IS NULL AND n.created_at >= ?
		ORDER BY n.created_at, n.id
		LIMIT ?
		FOR UPDATE OF n SKIP LOCKED`, since, limit).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find notifications to mail: %w", err)
	}
	return out, nil
}

// SetNotificationsEmailed records that the copies of ids went out at at.
func SetNotificationsEmailed(ctx context.Context, db DB, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := db.NewUpdate().Model((*Notification)(nil)).Set("emailed_at = ?", at).Where("id IN (?)", bun.In(ids)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("mark %d notifications mailed: %w", len(ids), err)
	}
	return nil
}

// SetUserEmail sets (nil: removes) the address a user's notifications are
// copied to, and returns the one it replaces. Like the language, it is the
// user's own setting and leaves version alone.
func SetUserEmail(ctx context.Context, db DB, userID int64, email *string) (*string, error) {
	var before struct {
		Email *string `bun:"email"`
	}
	err := db.NewRaw(`
		UPDATE users u SET email = ?
		FROM (SELECT id, email FROM users WHERE id = ? FOR UPDATE) old
		WHERE u.id = old.id
		RETURNING old.email`, email, userID).Scan(ctx, &before)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf(apperr.User, userID)
	}
	if err != nil {
		return nil, fmt.Errorf("set e-mail of user %d: %w", userID, mapError(err))
	}
	return before.Email, nil
}
