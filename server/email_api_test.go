package main

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/mail"
	"github.com/kaoping/kaoping/server/notify"
	"github.com/kaoping/kaoping/server/store"
)

// relay is an SMTP server on loopback that keeps what it is sent and
// refuses recipients listed in refuse.
type relay struct {
	mu     sync.Mutex
	got    []relayed
	refuse map[string]bool
	addr   string
}

type relayed struct{ to, subject, body string }

func newRelay(t *testing.T) *relay {
	r := &relay{refuse: map[string]bool{}}
	s := smtp.NewServer(r)
	s.Domain, s.AllowInsecureAuth = "localhost", true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.addr = ln.Addr().String()
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { s.Close() })
	return r
}

func (r *relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

func (r *relay) messages() []relayed {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]relayed(nil), r.got...)
}

type relaySession struct {
	r  *relay
	to string
}

func (s *relaySession) Reset()                               {}
func (s *relaySession) Logout() error                        { return nil }
func (s *relaySession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *relaySession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	if s.r.refuse[to] {
		return &smtp.SMTPError{Code: 550, Message: "mailbox unavailable"}
	}
	s.to = to
	return nil
}
func (s *relaySession) Data(r io.Reader) error {
	m, err := netmail.ReadMessage(r)
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, m.Body))
	if err != nil {
		return err
	}
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.got = append(s.r.got, relayed{to: s.to, subject: subject, body: string(raw)})
	return nil
}

// A user gives an address (a bad one is refused, naming the field); the
// mailers of two servers running at once send each recent notification of
// a user with an address exactly once, in the user's language, and none to
// users without one or of last week; a copy the relay refuses stays due and
// goes out in a later round, without resending the others.
func TestNotificationsAreEmailedOnceToUsersWithAnAddress(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	ctx := context.Background()
	zhUser, enUser, noAddress := a.mustUser("", auth.RoleLeader), a.mustUser("", auth.RoleAnalyst), a.mustUser("", auth.RoleTaskForce)
	setEmail := `mutation($e: String) { setMyEmail(input: {email: $e}) { user { email } } }`
	a.login(zhUser, testPassword)
	if errs := a.do(setEmail, map[string]any{"e": "不是邮箱"}, nil); codeOf(errs) != "INVALID" {
		t.Fatalf("a bad address: %+v", errs)
	} else if field, rule, _, _ := fieldOf(errs[0]); field != "input.email" || rule != "email" {
		t.Fatalf("a bad address: field %q rule %q", field, rule)
	}
	var out struct {
		SetMyEmail struct{ User struct{ Email *string } }
	}
	a.must(setEmail, map[string]any{"e": " zhang@example.gov.cn "}, &out)
	if e := out.SetMyEmail.User.Email; e == nil || *e != "zhang@example.gov.cn" {
		t.Fatalf("address after setting = %v", e)
	}
	a.login(enUser, testPassword)
	a.must(`mutation { setMyLocale(locale: EN) { restricted } }`, nil, nil)
	a.must(setEmail, map[string]any{"e": "li@example.gov.cn"}, nil)
	a.login(noAddress, testPassword)
	a.must(setEmail, map[string]any{"e": "wang@example.gov.cn"}, nil)
	a.must(setEmail, map[string]any{"e": ""}, &out) // and removed again
	if out.SetMyEmail.User.Email != nil {
		t.Fatalf("address after removing = %v", *out.SetMyEmail.User.Email)
	}

	ids := map[string]int64{}
	for _, u := range []string{zhUser, enUser, noAddress} {
		var id int64
		if err := a.st.DB.NewRaw(`SELECT id FROM users WHERE username = ?`, u).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		ids[u] = id
	}
	now := time.Now()
	note := func(user, title string, at time.Time) store.Notification {
		return store.Notification{UserID: ids[user], Kind: "SCORE_RETURNED", Title: title, Body: title + "的说明", Link: "/home", CreatedAt: at}
	}
	english := func(n store.Notification, title string) store.Notification {
		n.TitleEn, n.BodyEn = title, title+", explained"
		return n
	}
	if _, err := store.CreateNotifications(ctx, a.st.DB, []store.Notification{
		note(zhUser, "通知一", now.Add(-3*time.Minute)), english(note(enUser, "通知二", now.Add(-2*time.Minute)), "Notice two"),
		note(zhUser, "通知三", now.Add(-time.Minute)), note(noAddress, "无邮箱", now), note(zhUser, "上周的", now.Add(-7*24*time.Hour)),
	}); err != nil {
		t.Fatal(err)
	}

	r := newRelay(t)
	r.refuse["zhang@example.gov.cn"] = true
	mailer := func() *notify.Mailer {
		return &notify.Mailer{Store: a.st, Sender: &mail.Sender{Config: mail.Config{Addr: r.addr, From: "kaoping@example.gov.cn", Security: mail.None, Timeout: 30 * time.Second}},
			Now: func() time.Time { return now }, BaseURL: "https://kaoping.example.gov.cn/"}
	}
	// Oldest first: 通知一 is refused, so that round sends nothing more.
	if sent, err := mailer().RunOnce(ctx); sent != 0 || err == nil {
		t.Fatalf("a round whose first copy is refused: sent %d, err %v, relayed %+v", sent, err, r.messages())
	}
	r.mu.Lock()
	r.refuse["zhang@example.gov.cn"] = false
	r.mu.Unlock()

	var wg sync.WaitGroup
	sent := make([]int, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); sent[i], errs[i] = mailer().RunOnce(ctx) }()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil || sent[0]+sent[1] != 3 {
		t.Fatalf("two mailers at once: sent %v, errors %v", sent, err)
	}
	if n, err := mailer().RunOnce(ctx); n != 0 || err != nil {
		t.Errorf("a round after everything went out: sent %d (%v)", n, err)
	}
	got := r.messages()
	byTitle := map[string]relayed{}
	for _, m := range got {
		byTitle[m.subject] = m
	}
	if len(got) != 3 || len(byTitle) != 3 {
		t.Fatalf("relayed %+v, want 3 distinct copies", got)
	}
	zh, en := byTitle["【考评】通知一"], byTitle["[Kaoping] Notice two"]
	if zh.to != "zhang@example.gov.cn" || !strings.Contains(zh.body, "通知一的说明") || !strings.Contains(zh.body, "https://kaoping.example.gov.cn/home") || !strings.Contains(zh.body, "请勿回复") {
		t.Errorf("the Chinese copy = %+v", zh)
	}
	if en.to != "li@example.gov.cn" || !strings.Contains(en.body, "Notice two, explained") || !strings.Contains(en.body, "please do not reply") {
		t.Errorf("the English copy = %+v", en)
	}
	if _, ok := byTitle["【考评】通知三"]; !ok {
		t.Errorf("通知三 not relayed: %+v", got)
	}
	var unmailed []string
	if err := a.st.DB.NewRaw(`SELECT title FROM notifications WHERE emailed_at IS NULL ORDER BY title`).Scan(ctx, &unmailed); err != nil {
		t.Fatal(err)
	}
	if strings.Join(unmailed, ",") != "上周的,无邮箱" {
		t.Errorf("not mailed: %v, want the week-old one and the one without an address", unmailed)
	}
}
