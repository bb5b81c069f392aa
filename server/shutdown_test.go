package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/kaoping/kaoping/server/testdb"
)

// addrWriter is the server's stderr: it passes the log to the test and
// sends the address of the "serving" line, as scripts/e2e.sh reads it.
type addrWriter struct {
	t    *testing.T
	addr chan string
}

var servingAddr = regexp.MustCompile(`msg=serving addr=(\S+)`)

func (w addrWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	if m := servingAddr.FindSubmatch(p); m != nil {
		w.addr <- string(m[1])
	}
	return len(p), nil
}

// startServer runs the real program (run, as main does) on a fresh database
// on a free port, and returns its address, the function that stops it as a
// SIGTERM would, and the channel run's result arrives on.
func startServer(t *testing.T, env map[string]string) (addr string, stop context.CancelFunc, done <-chan error, dbURL string) {
	t.Helper()
	st := testdb.New(t)
	var name string
	if err := st.DB.NewRaw(`SELECT current_database()`).Scan(context.Background(), &name); err != nil {
		t.Fatal(err)
	}
	dbURL = testdb.URL(name)
	vars := map[string]string{"DATABASE_URL": dbURL, "ADDR": "127.0.0.1:0"}
	for k, v := range env {
		vars[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := addrWriter{t: t, addr: make(chan string, 1)}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve"}, func(k string) string { return vars[k] }, io.Discard, w)
	}()
	select {
	case addr = <-w.addr:
	case err := <-errc:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start within 60s")
	}
	t.Cleanup(cancel)
	return addr, cancel, errc, dbURL
}

// signInAnswer is what the held sign-in finally got.
type signInAnswer struct {
	status int
	body   string
	err    error
}

// holdSignInInFlight starts a sign-in that cannot finish: it waits for the
// users table, which a second connection locks until release is called. It
// returns once the server's backend is seen waiting for that lock.
func holdSignInInFlight(t *testing.T, addr, dbURL string) (release func(), answer <-chan signInAnswer) {
	t.Helper()
	ctx := context.Background()
	locker, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { locker.Close(ctx) })
	watcher, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { watcher.Close(ctx) })
	lockTx, err := locker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockTx.Exec(ctx, `LOCK TABLE users IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	inFlight := make(chan signInAnswer, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql",
			strings.NewReader(`{"query":"mutation { login(input: {username: \"nobody\", password: \"Wrong-pass1\"}) { session { restricted } } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(CSRFHeader, "1")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			inFlight <- signInAnswer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		inFlight <- signInAnswer{status: resp.StatusCode, body: string(b), err: err}
	}()
	waitFor(t, "the sign-in to wait for the lock", func() bool {
		select {
		case a := <-inFlight:
			t.Fatalf("the sign-in answered before the lock was released: %d %q (%v)", a.status, a.body, a.err)
		default:
		}
		var n int
		// (Not on locker: inside its transaction pg_stat_activity is a
		// snapshot that never changes.)
		err := watcher.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name = 'kaoping'`).Scan(&n)
		return err == nil && n > 0
	})
	release = func() {
		if err := lockTx.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return release, inFlight
}

func TestSIGTERMDrainsRequestsInFlight(t *testing.T) {
	t.Parallel()
	addr, stop, done, dbURL := startServer(t, map[string]string{"KAOPING_DRAIN_TIMEOUT": "60s"})
	release, inFlight := holdSignInInFlight(t, addr, dbURL)

	stop() // what SIGTERM does in main
	waitFor(t, "healthz to say draining", func() bool {
		status, body := get(t, addr, "/healthz")
		return status == http.StatusServiceUnavailable && strings.Contains(body, "draining")
	})
	if status, _ := get(t, addr, "/"); status != http.StatusServiceUnavailable {
		t.Errorf("a new request while draining = %d, want 503", status)
	}
	select {
	case err := <-done:
		t.Fatalf("server exited (%v) with a request in flight", err)
	default:
	}

	release()
	a := <-inFlight
	if a.err != nil || a.status != http.StatusOK || !strings.Contains(a.body, `"UNAUTHENTICATED"`) {
		t.Fatalf("request in flight during shutdown = %d %q (%v), want its normal answer (wrong credentials)", a.status, a.body, a.err)
	}
	if err := <-done; err != nil {
		t.Fatalf("run after draining = %v, want nil (exit 0)", err)
	}
}

// A request that outlives KAOPING_DRAIN_TIMEOUT is cut off, and run fails
// so the exit code tells the orchestrator that work was lost.
func TestSIGTERMCutsOffRequestsPastTheDrainTimeout(t *testing.T) {
	t.Parallel()
	addr, stop, done, dbURL := startServer(t, map[string]string{"KAOPING_DRAIN_TIMEOUT": "100ms"})
	release, inFlight := holdSignInInFlight(t, addr, dbURL)
	defer release()

	stop()
	err := <-done // returns only once the drain deadline has passed, lock still held
	if err == nil || !strings.Contains(err.Error(), "cut off") {
		t.Fatalf("run after the drain deadline = %v, want an error saying requests were cut off", err)
	}
	if a := <-inFlight; a.err == nil && a.status == http.StatusOK {
		t.Fatalf("the request past the deadline got a normal answer %q; want its connection cut", a.body)
	}
}

func get(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls cond until it holds, for at most 30s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
