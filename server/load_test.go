package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

// Concurrency under a busy publication morning: many sign-ins at once, and
// mutations and sign-ins writing the audit log at once.

// mustUsers creates n ready accounts (LEADER) sharing one password hash,
// so the fixture costs one argon2 hash, and returns their usernames.
func (a *api) mustUsers(tb testing.TB, prefix string, n int) []string {
	tb.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		tb.Fatal(err)
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%03d", prefix, i)
		u := store.User{Username: names[i], DisplayName: names[i], PasswordHash: hash, Enabled: true, Roles: []string{string(auth.RoleLeader)}}
		if err := store.CreateUser(ctx, a.st.DB, &u); err != nil {
			tb.Fatalf("create user %s: %v", names[i], err)
		}
	}
	return names
}

// postAs sends one GraphQL request with its own browser (cookie jar) and
// returns the decoded answer; transport errors are returned, not fatal, so
// goroutines can report them.
func (a *api) postAs(client *http.Client, query string, vars map[string]any) (gqlResponse, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		return gqlResponse{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(CSRFHeader, "1")
	resp, err := client.Do(req)
	if err != nil {
		return gqlResponse{}, err
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return out, fmt.Errorf("decode (status %d): %w", resp.StatusCode, err)
	}
	return out, nil
}

const loginMutation = `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { session { restricted } } }`

// signInAll signs every user in at the same moment, each with its own
// browser, and returns one error per failed sign-in.
func (a *api) signInAll(users []string) []error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	start := make(chan struct{})
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out, err := a.postAs(&http.Client{Jar: newJar()}, loginMutation, map[string]any{"u": u, "p": testPassword})
			if err == nil && (len(out.Errors) > 0 || !bytes.Contains(out.Data, []byte(`"session":{`))) {
				err = fmt.Errorf("%s", out.Errors)
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("login %s: %w", u, err))
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// TestConcurrentSignInsDoNotStallTheServer: 100 different users sign in at
// the same moment through the real handler while a signed-in leader reads a
// ranking. A sign-in that held a pooled connection in its transaction and
// asked the pool for more deadlocked the pool (20 connections) at 21 users;
// argon2 work now queues on a semaphore without holding a connection.
func TestConcurrentSignInsDoNotStallTheServer(t *testing.T) {
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleLeader)
	var period int64
	if err := a.st.DB.NewRaw(`SELECT id FROM periods WHERE half = 1`).Scan(context.Background(), &period); err != nil {
		t.Fatal(err)
	}
	users := a.mustUsers(t, "morning", 100)

	rankingDone := make(chan error, 1)
	go func() {
		out, err := a.postAs(a.client, `query($p: ID!) { ranking(periodId: $p, group: DISTRICTS) { rows { rank } } }`, map[string]any{"p": period})
		if err == nil && (len(out.Errors) > 0 || !bytes.Contains(out.Data, []byte(`"rank":1`))) {
			err = fmt.Errorf("ranking: %s %+v", out.Data, out.Errors)
		}
		rankingDone <- err
	}()
	errs := a.signInAll(users)
	for i, err := range errs {
		if i < 5 {
			t.Error(err)
		}
	}
	if len(errs) > 0 {
		t.Errorf("%d of %d concurrent sign-ins failed", len(errs), len(users))
	}
	if err := <-rankingDone; err != nil {
		t.Errorf("ranking read during the sign-ins: %v", err)
	}
	var sessions int
	if err := a.st.DB.NewRaw(`SELECT count(DISTINCT user_id) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username LIKE 'morning%'`).Scan(context.Background(), &sessions); err != nil || sessions != len(users) {
		t.Errorf("users with a session = %d (err %v), want %d", sessions, err, len(users))
	}
}

// verifyAudit runs `audit verify` on a's database.
func verifyAudit(t *testing.T, a *api) (string, error) {
	t.Helper()
	var out bytes.Buffer
	env := map[string]string{"DATABASE_URL": testdb.URL(currentDatabase(t, a))}
	err := run(context.Background(), []string{"audit", "verify"}, func(k string) string { return env[k] }, &out, &bytes.Buffer{})
	return out.String(), err
}

// TestAuditChainHoldsUnderConcurrentWrites: 100 mutations, 80 sign-ins and
// 20 failed sign-ins at once leave a chain `audit verify` accepts; then a
// deleted, an edited and a reordered record are each named.
func TestAuditChainHoldsUnderConcurrentWrites(t *testing.T) {
	a := newAPI(t, false)
	// Every client here is 127.0.0.1, so the 20 wrong passwords reach the
	// per-address throttle and would refuse whichever sign-ins happen to
	// start after them; the throttle has its own tests, this one is about
	// the chain.
	a.auth.Cfg.AddrThreshold = 1000
	users := a.mustUsers(t, "chain", 80)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	report := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	start := make(chan struct{})
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out, err := a.postAs(a.client, `mutation($n: String!) { createPlan(input: {name: $n, year: 2024}) { id } }`, map[string]any{"n": fmt.Sprint("并发方案", i)})
			if err == nil && len(out.Errors) > 0 {
				err = fmt.Errorf("%+v", out.Errors)
			}
			if err != nil {
				report(fmt.Errorf("createPlan %d: %w", i, err))
			}
		}()
	}
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out, err := a.postAs(&http.Client{Jar: newJar()}, loginMutation, map[string]any{"u": users[i], "p": "wrong"})
			if err == nil && codeOf(out.Errors) != "UNAUTHENTICATED" {
				err = fmt.Errorf("wrong password answered %+v", out.Errors)
			}
			if err != nil {
				report(err)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-start
		for _, err := range a.signInAll(users) {
			report(err)
		}
	}()
	close(start)
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	ctx := context.Background()
	var records int
	if err := a.st.DB.NewRaw(`SELECT count(*) FROM audit_log`).Scan(ctx, &records); err != nil || records < 200 {
		t.Fatalf("audit records = %d (err %v), want at least 200", records, err)
	}
	if out, err := verifyAudit(t, a); err != nil || !strings.Contains(out, "intact") {
		t.Fatalf("verify after concurrent writes: %q %v", out, err)
	}

	// A superuser disables the trigger, deletes record 50, edits record
	// 100 and swaps the ids of records 150 and 151.
	for _, stmt := range []string{
		`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`,
		`DELETE FROM audit_log WHERE id = 50`,
		`UPDATE audit_log SET detail = 'nothing happened' WHERE id = 100`,
		`UPDATE audit_log SET id = -1 WHERE id = 150`,
		`UPDATE audit_log SET id = 150 WHERE id = 151`,
		`UPDATE audit_log SET id = 151 WHERE id = -1`,
		`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`,
	} {
		if _, err := a.st.DB.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	out, err := verifyAudit(t, a)
	if err == nil {
		t.Fatalf("verify after tampering passed: %q", out)
	}
	for _, want := range []string{
		"record 51: 与前一条记录的链接不符:记录 49之后、本记录之前的记录缺失", // the deleted record
		"record 100: 内容与哈希不符", // the edited record
		"record 150: 链接指向记录 151,而不是前一条记录 149(记录顺序被改动)", // the swapped pair
		"record 151: 内容与哈希不符",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "record 101:") || strings.Contains(out, "record 99:") {
		t.Errorf("verify names the neighbours of the edited record:\n%s", out)
	}
}

// BenchmarkConcurrentSignIns signs in 100 different users at once through
// the real handler per iteration and reports the wall time of the crowd
// and of one ranking read made during it:
//
//	go test -run '^$' -bench ConcurrentSignIns -benchtime 3x ./server/
func BenchmarkConcurrentSignIns(b *testing.B) {
	a := newAnonymousAPI(b, true)
	a.loginAs(auth.RoleLeader)
	var period int64
	if err := a.st.DB.NewRaw(`SELECT id FROM periods WHERE half = 1`).Scan(context.Background(), &period); err != nil {
		b.Fatal(err)
	}
	users := a.mustUsers(b, "bench", 100)
	var crowd, ranking time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		done := make(chan time.Duration, 1)
		start := time.Now()
		go func() {
			t0 := time.Now()
			if _, err := a.postAs(a.client, `query($p: ID!) { ranking(periodId: $p, group: DISTRICTS) { rows { rank } } }`, map[string]any{"p": period}); err != nil {
				b.Error(err)
			}
			done <- time.Since(t0)
		}()
		if errs := a.signInAll(users); len(errs) > 0 {
			b.Fatalf("%d sign-ins failed: %v", len(errs), errs[0])
		}
		crowd += time.Since(start)
		ranking += <-done
	}
	b.ReportMetric(float64(crowd.Milliseconds())/float64(b.N), "ms/100-sign-ins")
	b.ReportMetric(float64(ranking.Milliseconds())/float64(b.N), "ms/ranking-during")
}
