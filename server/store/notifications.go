package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Notification is one message in a user's bell (migrations/0014).
type Notification struct {
	bun.BaseModel `bun:"table:notifications,alias:n"`

	ID        int64      `bun:"id,pk,autoincrement"`
	UserID    int64      `bun:"user_id"`
	Kind      string     `bun:"kind"`
	Title     string     `bun:"title"`
	Body      string     `bun:"body"`
	TitleEn   string     `bun:"title_en"` // empty in rows written before migrations/0018
	BodyEn    string     `bun:"body_en"`
	Link      string     `bun:"link"`
	DedupeKey *string    `bun:"dedupe_key"`
	CreatedAt time.Time  `bun:"created_at"`
	ReadAt    *time.Time `bun:"read_at"`
	EmailedAt *time.Time `bun:"emailed_at"` // when its e-mail copy went out (migrations/0019)
}

// CreateNotifications inserts ns in one statement. Rows whose (user,
// dedupe key) exists already are skipped, so a reminder is written once
// however often, and by however many servers, it is generated; the rows
// actually inserted are returned with their ids.
func CreateNotifications(ctx context.Context, db DB, ns []Notification) ([]Notification, error) {
	if len(ns) == 0 {
		return nil, nil
	}
	var out []Notification
	err := db.NewInsert().Model(&ns).
		On("CONFLICT (user_id, dedupe_key) DO NOTHING").
		Returning("*").Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("create %d notifications: %w", len(ns), err)
	}
	return out, nil
}

// ListNotifications returns a user's latest notifications, newest first: at
// most first of them, only the unread when unreadOnly.
func ListNotifications(ctx context.Context, db DB, userID int64, first int, unreadOnly bool) ([]Notification, error) {
	out := []Notification{}
	q := db.NewSelect().Model(&out).Where("n.user_id = ?", userID)
	if unreadOnly {
		q = q.Where("n.read_at IS NULL")
	}
	if err := q.Order("n.id DESC").Limit(int64(first)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("list the notifications of user %d: %w", userID, err)
	}
	return out, nil
}

// CountUnreadNotifications counts a user's unread notifications.
func CountUnreadNotifications(ctx context.Context, db DB, userID int64) (int, error) {
	n, err := db.NewSelect().Model((*Notification)(nil)).Where("n.user_id = ? AND n.read_at IS NULL", userID).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count the unread notifications of user %d: %w", userID, err)
	}
	return int(n), nil
}

// MarkNotificationsRead marks a user's notifications read: those of ids, or
// every unread one when ids is nil. Other users' ids are left alone (the
// user_id condition), already read ones keep their first read time. It
// returns how many changed.
func MarkNotificationsRead(ctx context.Context, db DB, userID int64, ids []int64, now time.Time) (int, error) {
	q := db.NewUpdate().Model((*Notification)(nil)).Set("read_at = ?", now).
		Where("n.user_id = ? AND n.read_at IS NULL", userID)
	if ids != nil {
		if len(ids) == 0 {
			return 0, nil
		}
		q = q.Where("n.id IN (?)", bun.In(ids))
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("mark the notifications of user %d read: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// ScoreRecipient is a scorer of the lead unit a score belongs to, with what
// a notification about the score names.
type ScoreRecipient struct {
	ScoreID       int64  `bun:"score_id"`
	UserID        int64  `bun:"user_id"`
	PlanID        int64  `bun:"plan_id"`
	PeriodID      int64  `bun:"period_id"`
	PeriodName    string `bun:"period_name"`
	TaskNumber    int    `bun:"task_number"`
	EvaluateeName string `bun:"evaluatee_name"`
}

// ListScoreRecipients returns, for each score, the enabled lead-unit
// scorers of the unit that entered it (the lead unit of the score), in one
// statement.
func ListScoreRecipients(ctx context.Context, db DB, scoreIDs []int64) ([]ScoreRecipient, error) {
	var out []ScoreRecipient
	err := db.NewRaw(`
		SELECT s.id AS score_id, u.id AS user_id, p.plan_id, p.id AS period_id, p.name AS period_name,
		       t.number AS task_number, eu.name AS evaluatee_name
		FROM scores s
		JOIN periods p ON p.id = s.period_id
		JOIN tasks t ON t.id = s.task_id
		JOIN evaluatees e ON e.id = s.evaluatee_id
		JOIN units eu ON eu.id = e.unit_id
		JOIN users u ON u.unit_id = s.lead_unit_id AND u.enabled
		WHERE s.id IN (?)
		  AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'LEAD_SCORER')
		ORDER BY s.id, u.id`, bun.In(scoreIDs)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list the scorers of %d scores: %w", len(scoreIDs), err)
	}
	return out, nil
}

// ContactRecipient is a contact of an evaluatee, with what a notification
// about the evaluatee names.
type ContactRecipient struct {
	UserID        int64  `bun:"user_id"`
	PlanID        int64  `bun:"plan_id"`
	EvaluateeName string `bun:"evaluatee_name"`
}

// ListContactRecipients returns the enabled contacts of an evaluatee's unit.
func ListContactRecipients(ctx context.Context, db DB, evaluateeID int64) ([]ContactRecipient, error) {
	var out []ContactRecipient
	err := db.NewRaw(`
		SELECT u.id AS user_id, e.plan_id, eu.name AS evaluatee_name
		FROM evaluatees e
		JOIN units eu ON eu.id = e.unit_id
		JOIN users u ON u.unit_id = e.unit_id AND u.enabled
		WHERE e.id = ?
		  AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'EVALUATEE_CONTACT')
		ORDER BY u.id`, evaluateeID).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list the contacts of evaluatee %d: %w", evaluateeID, err)
	}
	return out, nil
}

// ReminderCandidate is one user with work left in a window that closes soon.
type ReminderCandidate struct {
	UserID int64 `bun:"user_id"`
	// ENTRY_CLOSING or PUBLICITY_ENDING.
	Kind string `bun:"kind"`
	// Whose work: SCORER (cells of its lead unit), CONTACT (tasks without a
	// progress report; in 公示, results open to objection).
	As          string    `bun:"work_as"`
	PlanID      int64     `bun:"plan_id"`
	PeriodID    int64     `bun:"period_id"`
	PeriodName  string    `bun:"period_name"`
	LastDay     time.Time `bun:"last_day"`
	Open        int       `bun:"open"`
	EvaluateeID *int64    `bun:"evaluatee_id"`
}

// ListReminderCandidates lists, in one statement, everyone with work in a
// window whose last day is between today and today+days (Asia/Shanghai
// calendar days, as the caller computes them): in 填报, the enabled scorers
// of lead units with cells not submitted or returned, and the contacts of
// evaluatees with carried tasks without a progress report; in 公示, the
// contacts of every evaluatee of the plan (they may still object).
func ListReminderCandidates(ctx context.Context, db DB, today time.Time, days int) ([]ReminderCandidate, error) {
	var out []ReminderCandidate
	err := db.NewRaw(`
		WITH closing AS (
		  SELECT p.id, p.plan_id, p.name, p.entry_closes_on AS last_day
		  FROM periods p
		  WHERE p.state = 'OPEN' AND p.entry_closes_on BETWEEN ?0::date AND ?0::date + ?1::int
		), ending AS (
		  SELECT p.id, p.plan_id, p.name, p.publicity_ends_on AS last_day
		  FROM periods p
		  WHERE p.state = 'PUBLICITY' AND p.publicity_ends_on BETWEEN ?0::date AND ?0::date + ?1::int
		), scorer_work AS (
		  SELECT c.id AS period_id, l.unit_id, count(*) AS open
		  FROM closing c
		  JOIN evaluatees e ON e.plan_id = c.plan_id
		  JOIN assignments a ON a.evaluatee_id = e.id
		  JOIN task_lead_units l ON l.task_id = a.task_id
		  LEFT JOIN scores s ON s.period_id = c.id AND s.evaluatee_id = a.evaluatee_id
		       AND s.task_id = a.task_id AND s.lead_unit_id = l.unit_id
		  WHERE s.id IS NULL OR s.status IN ('DRAFT', 'RETURNED')
		  GROUP BY c.id, l.unit_id
		), contact_work AS (
		  SELECT c.id AS period_id, e.id AS evaluatee_id, e.unit_id, count(*) AS open
		  FROM closing c
		  JOIN evaluatees e ON e.plan_id = c.plan_id
		  JOIN assignments a ON a.evaluatee_id = e.id
		  LEFT JOIN progress_reports pr ON pr.period_id = c.id AND pr.evaluatee_id = e.id AND pr.task_id = a.task_id
		  WHERE pr.id IS NULL
		  GROUP BY c.id, e.id
		), users_as AS (
		  SELECT u.id, u.unit_id, r.role
		  FROM users u JOIN user_roles r ON r.user_id = u.id
		  WHERE u.enabled AND r.role IN ('LEAD_SCORER', 'EVALUATEE_CONTACT')
		)
		SELECT u.id AS user_id, 'ENTRY_CLOSING' AS kind, 'SCORER' AS work_as, c.plan_id, c.id AS period_id,
		       c.name AS period_name, c.last_day, w.open, NULL::bigint AS evaluatee_id
		FROM scorer_work w JOIN closing c ON c.id = w.period_id
		JOIN users_as u ON u.unit_id = w.unit_id AND u.role = 'LEAD_SCORER'
		UNION ALL
		SELECT u.id, 'ENTRY_CLOSING', 'CONTACT', c.plan_id, c.id, c.name, c.last_day, w.open, w.evaluatee_id
		FROM contact_work w JOIN closing c ON c.id = w.period_id
		JOIN users_as u ON u.unit_id = w.unit_id AND u.role = 'EVALUATEE_CONTACT'
		UNION ALL
		SELECT u.id, 'PUBLICITY_ENDING', 'CONTACT', c.plan_id, c.id, c.name, c.last_day, 0, e.id
		FROM ending c JOIN evaluatees e ON e.plan_id = c.plan_id
		JOIN users_as u ON u.unit_id = e.unit_id AND u.role = 'EVALUATEE_CONTACT'
		ORDER BY 1, 2, 3, 5`, today.Format(time.DateOnly), days).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("list the reminders due on %s: %w", today.Format(time.DateOnly), err)
	}
	return out, nil
}

// reminderLockKey serialises the reminder job across servers; distinct from
// the migrations' (7402318114) and the audit chain's (7402318115).
const reminderLockKey = 7_402_318_116

// LockReminderJob takes the reminder job's transaction-level advisory lock
// if no other server holds it, and says whether it did. The lock ends with
// the transaction, so a crashed server never keeps it.
func LockReminderJob(ctx context.Context, tx DB) (bool, error) {
	var ok bool
	if err := tx.NewRaw(`SELECT pg_try_advisory_xact_lock(?)`, reminderLockKey).Scan(ctx, &ok); err != nil {
		return false, fmt.Errorf("lock the reminder job: %w", err)
	}
	return ok, nil
}
