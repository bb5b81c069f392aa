package notify

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/kaoping/kaoping/server/mail"
	"github.com/kaoping/kaoping/server/store"
)

// Sender is what the mailer needs of server/mail: deliver messages in
// order and say how many went out.
type Sender interface {
	Send(ctx context.Context, msgs []mail.Message) (int, error)
}

const (
	// mailBatch bounds one round: its memory, and how long its rows stay locked.
	mailBatch = 100
	// mailWindow is how old a notification may be and still be mailed: a
	// mailer configured today does not send last year's bell.
	mailWindow = 24 * time.Hour
)

// Mailer copies notifications by e-mail to the users who gave an address.
// Every server may run one: the rows of a round stay locked until its
// messages are sent and marked, and other rounds skip locked rows, so each
// copy goes out once. A copy the relay refused stays unmarked and is tried
// again next round, until it is older than a day.
type Mailer struct {
	Store    *store.Store
	Sender   Sender
	Now      func() time.Time
	BaseURL  string // KAOPING_PUBLIC_URL: makes the e-mail's link absolute
	Interval time.Duration
	Log      *slog.Logger
}

// RunOnce sends one batch and returns how many copies went out.
func (m *Mailer) RunOnce(ctx context.Context) (int, error) {
	now := m.Now()
	sent := 0
	var sendErr error
	err := m.Store.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		due, err := store.FindUnmailedNotifications(ctx, tx, now.Add(-mailWindow), mailBatch)
		if err != nil {
			return err
		}
		msgs := make([]mail.Message, len(due))
		for i, n := range due {
			msgs[i] = m.message(n)
		}
		sent, sendErr = m.Sender.Send(ctx, msgs)
		ids := make([]int64, sent)
		for i := range ids {
			ids[i] = due[i].ID
		}
		// Committed even when a later message failed: those sent stay sent.
		return store.SetNotificationsEmailed(ctx, tx, ids, now)
	})
	if err != nil {
		return 0, fmt.Errorf("mail round: %w", err)
	}
	if sendErr != nil {
		return sent, fmt.Errorf("mail round: %d sent, then: %w", sent, sendErr)
	}
	return sent, nil
}

// message is the e-mail copy of a notification, in the user's language.
func (m *Mailer) message(n store.UnmailedNotification) mail.Message {
	link := n.Link
	if m.BaseURL != "" {
		link = strings.TrimRight(m.BaseURL, "/") + n.Link
	}
	title, body := n.Title, n.Body
	subject, footer := "【考评】", "此邮件由考评系统自动发送,请勿回复。在系统中查看:"
	if n.Locale == store.LocaleEn {
		subject, footer = "[Kaoping] ", "Sent by Kaoping; please do not reply. Open it in the system: "
		if n.TitleEn != "" { // a notification written before it had English keeps its Chinese
			title, body = n.TitleEn, n.BodyEn
		}
	}
	return mail.Message{To: n.Email, Subject: subject + title, Body: body + "\n\n" + footer + link}
}

// Run runs a round at once and then every Interval until ctx ends.
func (m *Mailer) Run(ctx context.Context) {
	t := time.NewTicker(m.Interval)
	defer t.Stop()
	for {
		if sent, err := m.RunOnce(ctx); err != nil {
			if ctx.Err() == nil {
				m.Log.Warn("e-mail", "err", err)
			}
		} else if sent > 0 {
			m.Log.Info("e-mail", "sent", sent)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
