// Package notify holds the rules of the in-app notifications (issue 13): who
// is told what when something of theirs changes state (a score returned, an
// objection answered, a field visit returned), written by the domain code
// in the transaction that makes the change, and the reminders before a
// period's window closes, written by the scheduled job (Job) once per user
// and window. It also serves a user's own bell: list, count, mark read.
package notify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

// Kind is what a notification is about (labels in server/labels).
type Kind string

const (
	ScoreReturned     Kind = "SCORE_RETURNED"     // to the scorers of the lead unit
	ObjectionAnswered Kind = "OBJECTION_ANSWERED" // to the contacts of the evaluatee
	VisitReturned     Kind = "VISIT_RETURNED"     // to the visit's inspectors
	EntryClosing      Kind = "ENTRY_CLOSING"      // reminder: 填报 closes soon
	PublicityEnding   Kind = "PUBLICITY_ENDING"   // reminder: 公示 ends soon
)

// clip keeps a reason short enough for the bell's list; the page it links
// to shows the whole text.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Returned is a score the 专班 sent back, with its reason.
type Returned struct {
	ScoreID int64
	Reason  string
}

// OnScoresReturned tells the scorers of each returned score's lead unit, in
// the transaction that returns them, in two statements however many.
func OnScoresReturned(ctx context.Context, tx store.DB, returned []Returned, now time.Time) error {
	if len(returned) == 0 {
		return nil
	}
	ids := make([]int64, len(returned))
	reasons := make(map[int64]string, len(returned))
	for i, r := range returned {
		ids[i], reasons[r.ScoreID] = r.ScoreID, r.Reason
	}
	rs, err := store.ListScoreRecipients(ctx, tx, ids)
	if err != nil {
		return err
	}
	ns := make([]store.Notification, 0, len(rs))
	for _, r := range rs {
		ns = append(ns, store.Notification{
			UserID: r.UserID, Kind: string(ScoreReturned), CreatedAt: now,
			Title:   fmt.Sprintf("%s 任务%d(%s)的分值被专班退回", r.PeriodName, r.TaskNumber, r.EvaluateeName),
			Body:    "退回理由:" + clip(reasons[r.ScoreID], 200),
			TitleEn: fmt.Sprintf("%s: the task force returned the score of task %d (%s)", r.PeriodName, r.TaskNumber, r.EvaluateeName),
			BodyEn:  "Reason: " + clip(reasons[r.ScoreID], 200),
			Link:    fmt.Sprintf("/plans/%d/scoring?period=%d", r.PlanID, r.PeriodID),
		})
	}
	_, err = store.CreateNotifications(ctx, tx, ns)
	return err
}

// OnObjectionAnswered tells the contacts of the objection's evaluatee how
// the 专班 answered, in the answer's transaction.
func OnObjectionAnswered(ctx context.Context, tx store.DB, o *store.Objection, periodName string, now time.Time) error {
	rs, err := store.ListContactRecipients(ctx, tx, o.EvaluateeID)
	if err != nil {
		return err
	}
	verdict, verdictEn := "不成立(驳回)", "rejected"
	if o.Status == store.ObjectionUpheld {
		verdict, verdictEn = "成立,分值已更正", "upheld, the score is corrected"
	}
	answer := ""
	if o.Answer != nil {
		answer = *o.Answer
	}
	ns := make([]store.Notification, 0, len(rs))
	for _, r := range rs {
		ns = append(ns, store.Notification{
			UserID: r.UserID, Kind: string(ObjectionAnswered), CreatedAt: now,
			Title:   fmt.Sprintf("%s 异议#%d已答复:%s", periodName, o.ID, verdict),
			Body:    "专班答复:" + clip(answer, 200),
			TitleEn: fmt.Sprintf("%s: objection #%d answered: %s", periodName, o.ID, verdictEn),
			BodyEn:  "The task force answers: " + clip(answer, 200),
			Link:    fmt.Sprintf("/plans/%d/results/%d?period=%d", r.PlanID, o.EvaluateeID, o.PeriodID),
		})
	}
	_, err = store.CreateNotifications(ctx, tx, ns)
	return err
}

// OnVisitReturned tells a returned visit's inspectors what to change, in
// the review's transaction.
func OnVisitReturned(ctx context.Context, tx store.DB, v *store.FieldVisit, inspectorIDs []int64, note string, now time.Time) error {
	evs, err := store.EvaluateesByIDs(ctx, tx, []int64{v.EvaluateeID})
	if err != nil {
		return err
	}
	name, nameEn := "考评对象", "the evaluatee"
	if e, ok := evs[v.EvaluateeID]; ok && e.Unit != nil {
		name, nameEn = e.Unit.Name, e.Unit.Name
	}
	ns := make([]store.Notification, 0, len(inspectorIDs))
	for _, uid := range inspectorIDs {
		ns = append(ns, store.Notification{
			UserID: uid, Kind: string(VisitReturned), CreatedAt: now,
			Title:   fmt.Sprintf("%s的实地调研(%s)被专班退回", name, v.Date.Format("1月2日")),
			Body:    "需修改:" + clip(note, 200),
			TitleEn: fmt.Sprintf("The task force returned the field visit to %s (%s)", nameEn, v.Date.Format("Jan 2")),
			BodyEn:  "To change: " + clip(note, 200),
			Link:    fmt.Sprintf("/visits/%d", v.ID),
		})
	}
	_, err = store.CreateNotifications(ctx, tx, ns)
	return err
}

// MaxPage bounds one page of the bell's list.
const MaxPage = 100

// List returns the signed-in user's latest notifications.
func List(ctx context.Context, db store.DB, id *auth.Identity, first int, unreadOnly bool) ([]store.Notification, error) {
	if first < 1 || first > MaxPage {
		return nil, apperr.Field("first", "range", fmt.Sprintf("first须在1到%d之间", MaxPage), fmt.Sprintf("first must be between 1 and %d", MaxPage))
	}
	return store.ListNotifications(ctx, db, id.UserID, first, unreadOnly)
}

// CountUnread counts the signed-in user's unread notifications.
func CountUnread(ctx context.Context, db store.DB, id *auth.Identity) (int, error) {
	return store.CountUnreadNotifications(ctx, db, id.UserID)
}

// MarkRead marks the signed-in user's notifications of ids read (all of
// them when all). Ids of other users' notifications change nothing: each
// user reads only their own.
func MarkRead(ctx context.Context, tx store.DB, id *auth.Identity, ids []int64, all bool, now time.Time) (int, error) {
	if all {
		ids = nil
	} else if len(ids) > MaxPage {
		return 0, apperr.Field("ids", "max", fmt.Sprintf("一次最多标记%d条", MaxPage), fmt.Sprintf("at most %d at once", MaxPage))
	} else if ids == nil {
		ids = []int64{}
	}
	return store.MarkNotificationsRead(ctx, tx, id.UserID, ids, now)
}
