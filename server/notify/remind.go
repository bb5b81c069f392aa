package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// DefaultReminderDays is how many days before a window's last day the
// reminders start (KAOPING_REMINDER_DAYS).
const DefaultReminderDays = 3

// Remind writes the reminders due on now's calendar day in Asia/Shanghai:
// to everyone with work left in a window whose last day is at most days
// away. Each reminder carries a key of its window (kind, whose work,
// period, last day), unique per user, so it is written once however often
// Remind runs and on however many servers; it returns those written now.
func Remind(ctx context.Context, tx store.DB, now time.Time, days int) ([]store.Notification, error) {
	today := workflow.Today(now)
	cs, err := store.ListReminderCandidates(ctx, tx, today, days)
	if err != nil {
		return nil, err
	}
	ns := make([]store.Notification, 0, len(cs))
	for _, c := range cs {
		ns = append(ns, reminder(c, today, now))
	}
	return store.CreateNotifications(ctx, tx, ns)
}

func reminder(c store.ReminderCandidate, today, now time.Time) store.Notification {
	left := *workflow.DaysLeft(today, &c.LastDay)
	when, whenEn := fmt.Sprintf("还剩%d天", left), fmt.Sprintf("%d days left", left)
	switch left {
	case 0:
		when, whenEn = "今天是最后一天", "today is the last day"
	case 1:
		whenEn = "1 day left"
	}
	day, dayEn := c.LastDay.Format("1月2日"), c.LastDay.Format("Jan 2")
	key := fmt.Sprintf("%s:%s:%d:%s", c.Kind, c.As, c.PeriodID, c.LastDay.Format(time.DateOnly))
	n := store.Notification{UserID: c.UserID, Kind: c.Kind, DedupeKey: &key, CreatedAt: now}
	switch {
	case c.Kind == string(PublicityEnding):
		n.Title = fmt.Sprintf("%s公示将于%s结束(%s)", c.PeriodName, day, when)
		n.Body = "如对本单位结果有异议,请在公示结束前提出。"
		n.TitleEn = fmt.Sprintf("%s: publicity ends on %s (%s)", c.PeriodName, dayEn, whenEn)
		n.BodyEn = "Any objection to your unit's results must be raised before publicity ends."
		n.Link = fmt.Sprintf("/plans/%d/results/%d?period=%d", c.PlanID, *c.EvaluateeID, c.PeriodID)
	case c.As == "SCORER":
		n.Title = fmt.Sprintf("%s填报将于%s截止(%s)", c.PeriodName, day, when)
		n.Body = fmt.Sprintf("本单位尚有%d项分值未提交或被退回待改。", c.Open)
		n.TitleEn = fmt.Sprintf("%s: entry closes on %s (%s)", c.PeriodName, dayEn, whenEn)
		n.BodyEn = fmt.Sprintf("Your unit has %d score(s) not yet submitted or returned for changes.", c.Open)
		n.Link = fmt.Sprintf("/plans/%d/scoring?period=%d", c.PlanID, c.PeriodID)
	default:
		n.Title = fmt.Sprintf("%s填报将于%s截止(%s)", c.PeriodName, day, when)
		n.Body = fmt.Sprintf("本单位尚有%d项任务未报送进展。", c.Open)
		n.TitleEn = fmt.Sprintf("%s: entry closes on %s (%s)", c.PeriodName, dayEn, whenEn)
		n.BodyEn = fmt.Sprintf("Your unit has %d task(s) without a progress report.", c.Open)
		n.Link = fmt.Sprintf("/plans/%d/reports?period=%d", c.PlanID, c.PeriodID)
	}
	return n
}

// Job runs Remind periodically inside `kaoping serve`. Every server runs
// one; a transaction-level advisory lock lets one of them work at a time
// (the others skip that round), and the reminders' unique keys make a
// round idempotent even if two ran.
type Job struct {
	Store    *store.Store
	Now      func() time.Time // the clock the reminders' dates are judged by
	Days     int
	Interval time.Duration
	Log      *slog.Logger
}

// RunOnce runs one round: it says whether this server held the lock, and
// returns the reminders written.
func (j *Job) RunOnce(ctx context.Context) (locked bool, written []store.Notification, err error) {
	err = j.Store.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		if locked, err = store.LockReminderJob(ctx, tx); err != nil || !locked {
			return err
		}
		written, err = Remind(ctx, tx, j.Now(), j.Days)
		return err
	})
	if err != nil {
		return false, nil, fmt.Errorf("reminder round: %w", err)
	}
	return locked, written, nil
}

// Run runs a round at once and then every Interval until ctx ends.
func (j *Job) Run(ctx context.Context) {
	t := time.NewTicker(j.Interval)
	defer t.Stop()
	for {
		if _, written, err := j.RunOnce(ctx); err != nil {
			if ctx.Err() == nil {
				j.Log.Warn("reminders", "err", err)
			}
		} else if len(written) > 0 {
			j.Log.Info("reminders", "written", len(written))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
