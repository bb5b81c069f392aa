package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/notify"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

type bellJSON struct {
	UnreadNotificationCount int
	Notifications           []struct {
		ID, Kind, Title, Body, Link string
		TitleEn, BodyEn             string
		ReadAt                      *string
	}
}

const bellDoc = `{ unreadNotificationCount notifications(first: 20) { id kind title body titleEn bodyEn link readAt } }`

// cjk matches Chinese characters and full-width punctuation; periodName
// matches the test data's period names.
var (
	cjk        = regexp.MustCompile(`[\x{3000}-\x{303f}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}\x{ff00}-\x{ffef}]`)
	periodName = regexp.MustCompile(`\d{4}年[上下]半年`)
)

// wantEnglish asserts that a notification has an English title and body
// with no Chinese other than the data they quote: period names and the
// given names and reasons.
func wantEnglish(t *testing.T, title, body string, data ...string) {
	t.Helper()
	strip := func(s string) string {
		for _, d := range data {
			s = strings.ReplaceAll(s, d, "")
		}
		return periodName.ReplaceAllString(s, "")
	}
	if title == "" || body == "" || cjk.MatchString(strip(title)) || cjk.MatchString(strip(body)) {
		t.Errorf("English notification %q / %q is empty or has Chinese outside data", title, body)
	}
}

func (a *api) bell() bellJSON {
	a.t.Helper()
	var out bellJSON
	a.must(bellDoc, nil, &out)
	return out
}

func (a *api) markRead(ids []string, all bool) int {
	a.t.Helper()
	var out struct{ MarkNotificationsRead int }
	a.must(`mutation($ids: [ID!], $all: Boolean!) { markNotificationsRead(ids: $ids, all: $all) }`,
		map[string]any{"ids": ids, "all": all}, &out)
	return out.MarkNotificationsRead
}

// A score the 专班 returns tells every scorer of its lead unit, and nobody
// else, in the verification's transaction: when a later item of the same
// verification fails, the notification already written is rolled back
// with the return. Each user reads and marks only their own.
func TestReturnedScoreNotifiesTheLeadUnitsScorers(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	if errs := h.move("OPEN", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	colleague := h.mustUser("市一局", auth.RoleLeadScorer, auth.RoleInspector) // a second scorer of 市一局
	h.login(h.scorer1, testPassword)
	if errs := h.save(true, entry{h.e1, "A", "27", "", 0}, entry{h.e1, "B", "20", "", 0}); len(errs) > 0 {
		t.Fatal(errs)
	}
	h.login(h.tf2, testPassword)
	q := h.queue()
	if len(q) != 2 {
		t.Fatalf("queue = %+v", q)
	}
	verify := `mutation($i: [VerifyItemInput!]!) { verifyScores(input: {items: $i}) { id } }`
	ret := func(id string, version int) map[string]any {
		return map[string]any{"scoreId": id, "version": version, "action": "RETURN", "reason": "佐证材料不足,请补充"}
	}
	// The first return is written, then the stale second one fails the whole mutation.
	if errs := h.do(verify, map[string]any{"i": []any{ret(q[0].ID, q[0].Version), ret(q[1].ID, q[1].Version+7)}}, nil); codeOf(errs) != "CONFLICT" {
		t.Fatalf("stale second item: %+v", errs)
	}
	var n int
	if err := h.st.DB.NewRaw(`SELECT count(*) FROM notifications`).Scan(context.Background(), &n); err != nil || n != 0 {
		t.Fatalf("after a failed verification: %d notifications (%v), want 0", n, err)
	}

	h.must(verify, map[string]any{"i": []any{ret(q[0].ID, q[0].Version)}}, nil)
	for _, u := range []string{h.scorer1, colleague} {
		h.login(u, testPassword)
		b := h.bell()
		if b.UnreadNotificationCount != 1 || len(b.Notifications) != 1 {
			t.Fatalf("%s's bell = %+v", u, b)
		}
		got := b.Notifications[0]
		if got.Kind != "SCORE_RETURNED" || !strings.Contains(got.Title, "任务1") || !strings.Contains(got.Title, "甲区") ||
			!strings.Contains(got.Body, "佐证材料不足") || got.Link != fmt.Sprintf("/plans/%s/scoring?period=%s", h.plan, h.period) || got.ReadAt != nil {
			t.Errorf("%s's notification = %+v", u, got)
		}
		wantEnglish(t, got.TitleEn, got.BodyEn, "甲区", "佐证材料不足,请补充")
		if !strings.Contains(got.TitleEn, "task 1") || !strings.Contains(got.BodyEn, "佐证材料不足") {
			t.Errorf("%s's English notification = %q / %q", u, got.TitleEn, got.BodyEn)
		}
	}
	for _, u := range []string{h.scorer2, h.tf2} {
		h.login(u, testPassword)
		if b := h.bell(); b.UnreadNotificationCount != 0 || len(b.Notifications) != 0 {
			t.Errorf("%s, not of the lead unit, was told: %+v", u, b)
		}
	}

	// Marking read is per user: the colleague's id does nothing for scorer1.
	h.login(colleague, testPassword)
	theirs := h.bell().Notifications[0].ID
	h.login(h.scorer1, testPassword)
	mine := h.bell().Notifications[0].ID
	if changed := h.markRead([]string{theirs}, false); changed != 0 {
		t.Errorf("marking another user's notification changed %d", changed)
	}
	if changed := h.markRead([]string{mine}, false); changed != 1 {
		t.Errorf("marking my notification changed %d", changed)
	}
	if b := h.bell(); b.UnreadNotificationCount != 0 || b.Notifications[0].ReadAt == nil {
		t.Errorf("after marking read: %+v", b)
	}
	h.login(colleague, testPassword)
	if b := h.bell(); b.UnreadNotificationCount != 1 {
		t.Errorf("scorer1's read marked the colleague's: %+v", b)
	}
	if changed := h.markRead(nil, true); changed != 1 || h.bell().UnreadNotificationCount != 0 {
		t.Errorf("mark all: changed %d", changed)
	}
	if errs := h.do(`{ notifications(first: 1000) { id } }`, nil, nil); codeOf(errs) != "INVALID" {
		t.Errorf("first beyond the page limit: %+v", errs)
	}
	h.loginAs(auth.RoleAdmin)
	if errs := h.do(bellDoc, nil, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("the administrator's bell: %+v", errs)
	}
}

// The bell costs the same statements with one notification as with a
// hundred: the session, the count, the page.
func TestBellStatementsAreFixed(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	user := a.mustUser("", auth.RoleLeader)
	u, err := store.FindUserByUsername(context.Background(), a.st.DB, user)
	if err != nil {
		t.Fatal(err)
	}
	add := func(k int) {
		ns := make([]store.Notification, k)
		for i := range ns {
			ns[i] = store.Notification{UserID: u.ID, Kind: string(notify.ScoreReturned), Title: "测试", Link: "/", CreatedAt: time.Now()}
		}
		if _, err := store.CreateNotifications(context.Background(), a.st.DB, ns); err != nil {
			t.Fatal(err)
		}
	}
	a.login(user, testPassword)
	add(1)
	a.bell()
	one := a.statements.Load()
	add(99)
	if b := a.bell(); b.UnreadNotificationCount != 100 || len(b.Notifications) != 20 {
		t.Fatalf("bell = %d unread, %d listed", b.UnreadNotificationCount, len(b.Notifications))
	}
	if many := a.statements.Load(); many != one || many > 3 {
		t.Errorf("bell statements: %d with 1, %d with 100 (want equal, at most 3)", one, many)
	}
}

// reminderRows returns every reminder as user → dedupe key → rows.
func reminderRows(t *testing.T, db store.DB) map[int64]map[string]int {
	t.Helper()
	var rows []struct {
		UserID int64  `bun:"user_id"`
		Key    string `bun:"dedupe_key"`
		N      int    `bun:"n"`
	}
	if err := db.NewRaw(`SELECT user_id, dedupe_key, count(*) AS n FROM notifications WHERE dedupe_key IS NOT NULL GROUP BY 1, 2`).
		Scan(context.Background(), &rows); err != nil {
		t.Fatal(err)
	}
	out := map[int64]map[string]int{}
	for _, r := range rows {
		if out[r.UserID] == nil {
			out[r.UserID] = map[string]int{}
		}
		out[r.UserID][r.Key] = r.N
	}
	return out
}

func userID(t *testing.T, a *api, username string) int64 {
	t.Helper()
	u, err := store.FindUserByUsername(context.Background(), a.st.DB, username)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// reminderCase is the hand-computed half year in 填报 whose entry window
// closes on 2026-03-14, with a contact of 甲区; scorer2 has submitted all
// its cells (task C of both evaluatees), scorer1 none.
func newReminderCase(t *testing.T) *halfYear {
	h := newHalfYear(t)
	if errs := h.move("OPEN", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	h.mustUser("甲区", auth.RoleEvaluateeContact)
	var p struct{ SetPeriodWindows struct{ Version int } }
	h.must(`mutation($p: ID!, $v: Int!) { setPeriodWindows(input: {periodId: $p, version: $v, entryClosesOn: "2026-03-14"}) { version } }`,
		map[string]any{"p": h.period, "v": h.periodVersion}, &p)
	h.periodVersion = p.SetPeriodWindows.Version
	h.login(h.scorer2, testPassword)
	if errs := h.save(true, entry{h.e1, "C", "30", "", 0}, entry{h.e2, "C", "30", "", 0}); len(errs) > 0 {
		t.Fatal(errs)
	}
	return h
}

// Reminders before 填报 closes go to everyone with work left in the window
// (the scorer with unsubmitted cells, the contact without reports), not to
// the scorer who is done, from N days before the last day in Asia/Shanghai,
// and once per window and user however often the job runs.
func TestRemindersOncePerWindowPerUser(t *testing.T) {
	t.Parallel()
	h := newReminderCase(t)
	var now time.Time
	job := &notify.Job{Store: h.st, Now: func() time.Time { return now }, Days: 3}
	run := func() int {
		t.Helper()
		locked, written, err := job.RunOnce(context.Background())
		if err != nil || !locked {
			t.Fatalf("round: locked %v, %v", locked, err)
		}
		return len(written)
	}
	// 2026-03-10 23:00 in Shanghai (15:00 UTC): four days before, none yet.
	now = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	if n := run(); n != 0 {
		t.Fatalf("four days before the window closes: %d reminders", n)
	}
	// 16:30 UTC is already 2026-03-11 in Shanghai: three days before.
	now = time.Date(2026, 3, 10, 16, 30, 0, 0, time.UTC)
	if n := run(); n != 2 {
		t.Fatalf("three days before (Shanghai): %d reminders, want 2 (scorer1, the contact)", n)
	}
	now = now.Add(24 * time.Hour)
	if n := run(); n != 0 {
		t.Errorf("the job's second run wrote %d more", n)
	}
	rows := reminderRows(t, h.st.DB)
	scorer1, scorer2, contact := userID(t, h.api, h.scorer1), userID(t, h.api, h.scorer2), userID(t, h.api, h.mustUser("甲区", auth.RoleEvaluateeContact))
	if len(rows) != 2 || len(rows[scorer1]) != 1 || len(rows[contact]) != 1 || rows[scorer2] != nil {
		t.Fatalf("reminders = %+v", rows)
	}
	for _, keys := range rows {
		for k, n := range keys {
			if n != 1 {
				t.Errorf("%s written %d times", k, n)
			}
		}
	}
	h.login(h.scorer1, testPassword)
	b := h.bell()
	if len(b.Notifications) != 1 || b.Notifications[0].Kind != "ENTRY_CLOSING" || !strings.Contains(b.Notifications[0].Title, "3月14日") ||
		!strings.Contains(b.Notifications[0].Body, "5项") || b.Notifications[0].Link != fmt.Sprintf("/plans/%s/scoring?period=%s", h.plan, h.period) {
		t.Errorf("scorer1's reminder = %+v", b.Notifications)
	}
	if len(b.Notifications) == 1 {
		wantEnglish(t, b.Notifications[0].TitleEn, b.Notifications[0].BodyEn)
		if !strings.Contains(b.Notifications[0].TitleEn, "Mar 14") || !strings.Contains(b.Notifications[0].BodyEn, "5 score(s)") {
			t.Errorf("scorer1's English reminder = %q / %q", b.Notifications[0].TitleEn, b.Notifications[0].BodyEn)
		}
	}
	h.login(h.mustUser("甲区", auth.RoleEvaluateeContact), testPassword)
	if b := h.bell(); len(b.Notifications) != 1 || !strings.Contains(b.Notifications[0].Body, "3项任务未报送") {
		t.Errorf("the contact's reminder = %+v", b.Notifications)
	}
	// A window moved to another day is a new window: one more reminder.
	h.loginAs(auth.RoleTaskForce)
	h.must(`mutation($p: ID!, $v: Int!) { setPeriodWindows(input: {periodId: $p, version: $v, entryClosesOn: "2026-03-15"}) { version } }`,
		map[string]any{"p": h.period, "v": h.periodVersion}, nil)
	if n := run(); n != 2 {
		t.Errorf("after moving the window: %d reminders, want 2", n)
	}
	// After the last day, nothing.
	now = time.Date(2026, 3, 16, 1, 0, 0, 0, time.UTC)
	if _, err := h.st.DB.NewRaw(`DELETE FROM notifications`).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := run(); n != 0 {
		t.Errorf("after the window closed: %d reminders", n)
	}
}

// Two servers (separate pools on one database) running the job at the same
// moment, round after round, write each reminder once.
func TestReminderJobOnTwoServersSendsEachOnce(t *testing.T) {
	t.Parallel()
	h := newReminderCase(t)
	var name string
	if err := h.st.DB.NewRaw(`SELECT current_database()`).Scan(context.Background(), &name); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 3, 13, 2, 0, 0, 0, time.UTC) }
	var jobs []*notify.Job
	for range 2 {
		st, err := store.Open(context.Background(), testdb.URL(name), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st.SQL().SetMaxOpenConns(2)
		t.Cleanup(func() { st.Close() })
		jobs = append(jobs, &notify.Job{Store: st, Now: now, Days: 3})
	}
	written := 0
	for round := range 5 {
		var wg sync.WaitGroup
		var mu sync.Mutex
		start := make(chan struct{})
		for _, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, w, err := j.RunOnce(context.Background())
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Errorf("round %d: %v", round, err)
				}
				written += len(w)
			}()
		}
		close(start)
		wg.Wait()
	}
	// And without the lock, the unique key alone: two transactions racing.
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := j.Store.InTx(context.Background(), func(ctx context.Context, tx store.Tx) error {
				w, err := notify.Remind(ctx, tx, now(), 3)
				mu.Lock()
				written += len(w) // both see 0: the rows exist already
				mu.Unlock()
				return err
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	rows := reminderRows(t, h.st.DB)
	total := 0
	for u, keys := range rows {
		for k, n := range keys {
			total += n
			if n != 1 {
				t.Errorf("user %d: %s written %d times", u, k, n)
			}
		}
	}
	if total != 2 || written != 2 {
		t.Errorf("%d reminder rows, %d reported written; want 2 (scorer1, the contact)", total, written)
	}
}

// 公示 ending reminds the contacts of every evaluatee, linking to their
// result, where they may still object.
func TestPublicityEndingRemindsContacts(t *testing.T) {
	t.Parallel()
	h := newHalfYear(t)
	if errs := h.move("OPEN", ""); len(errs) > 0 {
		t.Fatal(errs)
	}
	contact := h.mustUser("甲区", auth.RoleEvaluateeContact)
	h.login(h.scorer1, testPassword)
	if errs := h.save(true, entry{h.e1, "A", "27", "", 0}, entry{h.e1, "B", "20", "", 0}, entry{h.e1, "C", "30", "", 0},
		entry{h.e2, "A", "25", "", 0}, entry{h.e2, "C", "30", "", 0}); len(errs) > 0 {
		t.Fatal(errs)
	}
	h.login(h.scorer2, testPassword)
	if errs := h.save(true, entry{h.e1, "C", "30", "", 0}, entry{h.e2, "C", "30", "", 0}); len(errs) > 0 {
		t.Fatal(errs)
	}
	h.login(h.tf2, testPassword)
	h.acceptAll()
	for _, to := range []string{"REVIEW", "PUBLICITY"} {
		if errs := h.move(to, ""); len(errs) > 0 {
			t.Fatalf("move to %s: %+v", to, errs)
		}
	}
	h.must(`mutation($p: ID!, $v: Int!) { setPeriodWindows(input: {periodId: $p, version: $v, publicityEndsOn: "2026-06-30"}) { version } }`,
		map[string]any{"p": h.period, "v": h.periodVersion}, nil)
	job := &notify.Job{Store: h.st, Now: func() time.Time { return time.Date(2026, 6, 30, 3, 0, 0, 0, time.UTC) }, Days: 3}
	if _, w, err := job.RunOnce(context.Background()); err != nil || len(w) != 1 {
		t.Fatalf("publicity reminders: %d, %v", len(w), err)
	}
	h.login(contact, testPassword)
	b := h.bell()
	if len(b.Notifications) != 1 || b.Notifications[0].Kind != "PUBLICITY_ENDING" || !strings.Contains(b.Notifications[0].Title, "今天是最后一天") ||
		b.Notifications[0].Link != fmt.Sprintf("/plans/%s/results/%s?period=%s", h.plan, h.e1, h.period) {
		t.Errorf("the contact's reminder = %+v", b.Notifications)
	}
	if len(b.Notifications) == 1 {
		wantEnglish(t, b.Notifications[0].TitleEn, b.Notifications[0].BodyEn)
		if !strings.Contains(b.Notifications[0].TitleEn, "today is the last day") || !strings.Contains(b.Notifications[0].TitleEn, "Jun 30") {
			t.Errorf("the contact's English reminder = %q", b.Notifications[0].TitleEn)
		}
	}
}

// An answered objection tells the contacts of its evaluatee, with the
// verdict and the answer, linking to the unit's result; other units' contacts
// hear nothing.
func TestAnsweredObjectionNotifiesContacts(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	s.assign(s.jia, s.yi)
	jiaContact := s.mustUser("甲区", auth.RoleEvaluateeContact)
	yiContact := s.mustUser("乙区", auth.RoleEvaluateeContact)
	s.login(jiaContact, testPassword)
	var filed struct{ FileObjection objectionJSON }
	s.must(fileObjection, map[string]any{"in": map[string]any{"periodId": s.h1, "evaluateeId": s.jia, "reason": "总分偏低"}}, &filed)
	if b := s.bell(); b.UnreadNotificationCount != 0 {
		t.Errorf("filing told the contact something: %+v", b)
	}
	s.loginAs(auth.RoleTaskForce)
	s.must(`mutation($in: AnswerObjectionInput!) { answerObjection(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"objectionId": filed.FileObjection.ID, "version": filed.FileObjection.Version, "uphold": false, "answer": "总分计算无误"}}, nil)
	s.login(jiaContact, testPassword)
	b := s.bell()
	if b.UnreadNotificationCount != 1 || b.Notifications[0].Kind != "OBJECTION_ANSWERED" || !strings.Contains(b.Notifications[0].Title, "驳回") ||
		!strings.Contains(b.Notifications[0].Body, "总分计算无误") ||
		!strings.HasSuffix(b.Notifications[0].Link, fmt.Sprintf("/results/%s?period=%s", s.jia, s.h1)) {
		t.Errorf("the contact's bell: %+v", b)
	}
	if len(b.Notifications) > 0 {
		wantEnglish(t, b.Notifications[0].TitleEn, b.Notifications[0].BodyEn, "总分计算无误")
		if !strings.Contains(b.Notifications[0].TitleEn, "rejected") || !strings.Contains(b.Notifications[0].BodyEn, "总分计算无误") {
			t.Errorf("the contact's English notification = %q / %q", b.Notifications[0].TitleEn, b.Notifications[0].BodyEn)
		}
	}
	s.login(yiContact, testPassword)
	if b := s.bell(); b.UnreadNotificationCount != 0 {
		t.Errorf("another unit's contact was told: %+v", b)
	}
}
