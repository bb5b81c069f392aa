// Command soak puts the real server under load and faults and checks that
// nothing was lost (`make soak`; a short run is part of `make test`):
//
//  1. a fresh database with the demo data, bin/kaoping serve on a free
//     loopback port;
//  2. N signed-in clients for T seconds reading rankings, breakdowns and
//     plan trees and saving scores and progress reports, plus sign-ins
//     spread over the run; the server's database backends are terminated
//     three times meanwhile (pg_terminate_backend, on its own database);
//  3. kill -9 of the server while it imports a score template, restart,
//     kill -9 while it moves a period, restart;
//  4. checks: every acknowledged save is in the score history and the audit
//     log exactly once and no save is there twice; the import and the move
//     applied whole or not at all; `kaoping audit verify` and `kaoping
//     results verify` pass; errors
//     happened only right after a kill.
//
// It prints requests, errors, p50/p95/p99 and the server's RSS, and exits 1
// when a check fails. It only talks to 127.0.0.1 and drops its database.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/server/load"
	"github.com/kaoping/kaoping/server/serverproc"
)

const password = "Kaoping@2023" // the demo accounts'

type options struct {
	binary   string
	adminURL string
	clients  int
	duration time.Duration
	signins  int
	kills    int
	grace    time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.binary, "binary", "bin/kaoping", "the server binary")
	flag.StringVar(&o.adminURL, "admin-url", "", "PostgreSQL server to create the soak database on (default KAOPING_TEST_DATABASE_URL, DATABASE_URL, then 127.0.0.1:5432)")
	flag.IntVar(&o.clients, "clients", 200, "signed-in clients")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "how long the clients run")
	flag.IntVar(&o.signins, "signins", 50, "sign-ins spread over the run")
	flag.IntVar(&o.kills, "kills", 3, "times the server's database backends are terminated during the run")
	flag.DurationVar(&o.grace, "grace", 3*time.Second, "errors within this long after a kill are expected")
	flag.Parse()
	if o.adminURL == "" {
		o.adminURL = firstNonEmpty(os.Getenv("KAOPING_TEST_DATABASE_URL"), os.Getenv("DATABASE_URL"), "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable")
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.duration+10*time.Minute)
	defer cancel()
	ok, err := soak(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
	if !ok {
		fmt.Println("SOAK FAILED")
		os.Exit(1)
	}
	fmt.Println("SOAK PASSED")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// checks collects failed checks; the run goes on to report everything.
type checks struct {
	mu     sync.Mutex
	failed []string
}

func (c *checks) fail(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	msg := fmt.Sprintf(format, args...)
	c.failed = append(c.failed, msg)
	fmt.Println("  FAIL:", msg)
}

func (c *checks) pass(format string, args ...any) { fmt.Println("  ok:", fmt.Sprintf(format, args...)) }

func soak(ctx context.Context, o options) (bool, error) {
	name := fmt.Sprintf("kaoping_soak_%d", os.Getpid())
	dbURL, err := databaseURL(o.adminURL, name)
	if err != nil {
		return false, err
	}
	admin, err := pgx.Connect(ctx, o.adminURL)
	if err != nil {
		return false, fmt.Errorf("connect to %s: %w", o.adminURL, err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
		return false, fmt.Errorf("create database: %w", err)
	}
	defer func() {
		_, _ = admin.Exec(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`)
	}()
	fmt.Printf("soak: %d clients for %s, %d sign-ins, %d backend kills; database %s\n", o.clients, o.duration, o.signins, o.kills, name)
	// Every command below (demo, serve, audit verify) inherits it.
	os.Setenv("DATABASE_URL", dbURL)
	if out, err := exec.CommandContext(ctx, o.binary, "demo").CombinedOutput(); err != nil {
		return false, fmt.Errorf("load demo data: %v\n%s", err, out)
	}
	srv, err := serverproc.Start(ctx, o.binary)
	if err != nil {
		return false, err
	}
	defer func() { srv.Stop() }()

	c := &checks{}
	w, err := prepare(ctx, srv.URL(), o.clients)
	if err != nil {
		return false, err
	}
	if err := recordInitialSaves(ctx, dbURL, w); err != nil {
		return false, err
	}
	fmt.Printf("soak: %d clients signed in (%d readers, %d score savers over %d cells, %d report savers over %d reports)\n",
		o.clients, w.readers, w.scoreWorkers, len(w.cells), w.reportWorkers, len(w.reports))

	// Phase 1: load with backend kills.
	rec := load.NewRecorder()
	var kills []time.Duration
	var rss rssPeak
	var bg sync.WaitGroup
	runCtx, stopRun := context.WithTimeout(ctx, o.duration)
	bg.Add(3)
	go func() { defer bg.Done(); rss.sample(runCtx, srv.PID()) }()
	go func() {
		defer bg.Done()
		for i := 1; i <= o.kills; i++ {
			at := o.duration * time.Duration(i) / time.Duration(o.kills+1)
			select {
			case <-runCtx.Done():
				return
			case <-time.After(at - rec.Since()):
			}
			// The kill moment is when the terminate statement is sent: a
			// backend can die, and its request fail and return, before the
			// statement's own answer arrives.
			kills = append(kills, rec.Since())
			n, err := terminateBackends(ctx, admin, name)
			fmt.Printf("soak: %5.1fs terminated %d database backends (%v)\n", rec.Since().Seconds(), n, err)
		}
	}()
	go func() {
		// Each sign-in at its moment, whether or not the last one is done.
		defer bg.Done()
		var logins sync.WaitGroup
		defer logins.Wait()
		for i := range o.signins {
			at := o.duration * time.Duration(i) / time.Duration(max(o.signins, 1))
			select {
			case <-runCtx.Done():
				return
			case <-time.After(at - rec.Since()):
			}
			logins.Add(1)
			go func() {
				defer logins.Done()
				cl := load.NewClient(srv.URL())
				user := []string{"leader", "analyst", "zhuanban2", "inspector"}[i%4]
				_ = rec.Time(runCtx, "login", func() error { return cl.Login(runCtx, user, password, "") })
			}()
		}
	}()
	load.Run(runCtx, o.clients, o.duration, rec, w.step)
	stopRun()
	bg.Wait()
	samples := rec.Samples()
	report(samples, o.duration, kills, o.grace, c)
	fmt.Printf("soak: server RSS peak %.1f MiB, after the run %.1f MiB\n", mib(rss.peak.Load()), mib(readRSS(srv.PID())))

	// Phase 2: kill -9 during an import and during a period move.
	if err := killDuringImport(ctx, srv, w, c); err != nil {
		srv.KeepLogs(true)
		return false, err
	}
	if err := killDuringMove(ctx, srv, w, c); err != nil {
		srv.KeepLogs(true)
		return false, err
	}

	// Phase 3: what the database holds.
	if err := checkWrites(ctx, dbURL, w, c); err != nil {
		return false, err
	}
	out, err := exec.CommandContext(ctx, o.binary, "audit", "verify").CombinedOutput()
	if err != nil {
		c.fail("kaoping audit verify: %v\n%s", err, indent(string(out), 20))
		if n, ferr := chainForks(ctx, dbURL); ferr == nil && n > 0 {
			fmt.Printf("      (%d records share their predecessor with another: concurrent appends forked the chain)\n", n)
		}
	} else {
		c.pass("kaoping audit verify: %s", strings.TrimSpace(string(out)))
	}
	// The roll-ups the live results read were kept in step by every write,
	// including those cut off by the kills.
	if out, err := exec.CommandContext(ctx, o.binary, "results", "verify").CombinedOutput(); err != nil {
		c.fail("kaoping results verify: %v\n%s", err, indent(string(out), 20))
	} else {
		c.pass("kaoping results verify: %s", strings.TrimSpace(string(out)))
	}
	srv.Stop()
	srv.KeepLogs(len(c.failed) > 0)
	return len(c.failed) == 0, nil
}

// chainForks counts audit records whose predecessor another record also
// claims: what concurrent appends without a lock leave behind.
func chainForks(ctx context.Context, dbURL string) (int, error) {
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return 0, err
	}
	defer db.Close(ctx)
	var n int
	err = db.QueryRow(ctx, `SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM audit_log GROUP BY prev_hash HAVING count(*) > 1) f`).Scan(&n)
	return n, err
}

func indent(s string, maxLines int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > maxLines {
		lines = append(lines[:maxLines], fmt.Sprintf("… %d more lines", len(lines)-maxLines))
	}
	return "      " + strings.Join(lines, "\n      ")
}

// report prints the run's figures and checks that errors came only right
// after a kill.
func report(samples []load.Sample, span time.Duration, kills []time.Duration, grace time.Duration, c *checks) {
	fmt.Printf("soak: all         %s\n", load.Summarize(samples, span))
	byOp := load.ByOp(samples)
	ops := make([]string, 0, len(byOp))
	for op := range byOp {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		fmt.Printf("soak: %-12s %s\n", op, load.Summarize(byOp[op], span))
	}
	var stray []load.Sample
	for _, s := range samples {
		if s.Err == nil {
			continue
		}
		near := false
		for _, k := range kills {
			// A request that began before the kill and ended after it, or
			// began within the grace period after it.
			if s.At+s.Latency >= k && s.At <= k+grace {
				near = true
			}
		}
		if !near {
			stray = append(stray, s)
		}
	}
	if len(stray) > 0 {
		for i, s := range stray {
			if i == 5 {
				fmt.Printf("      … %d more\n", len(stray)-5)
				break
			}
			fmt.Printf("      %5.1fs %s: %v\n", s.At.Seconds(), s.Op, s.Err)
		}
		c.fail("%d errors away from the kill moments", len(stray))
	} else {
		c.pass("errors only within %s of a kill", grace)
	}
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// --- the server process ---

type server = serverproc.Server

// restart starts the server again after a kill -9; the clients follow it
// to its new port (their session cookies still hold: sessions live in the
// database and cookies ignore ports).
func restart(ctx context.Context, srv *server, w *workload) error {
	if err := srv.Restart(ctx); err != nil {
		return err
	}
	for _, cl := range w.all {
		cl.BaseURL = srv.URL()
	}
	return nil
}

// rssPeak samples the server's resident memory once a second.
type rssPeak struct{ peak atomic.Int64 }

func (r *rssPeak) sample(ctx context.Context, pid int) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if v := readRSS(pid); v > r.peak.Load() {
			r.peak.Store(v)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func readRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// terminateBackends ends every connection the server has to its database.
func terminateBackends(ctx context.Context, admin *pgx.Conn, dbName string) (int, error) {
	var n int
	err := admin.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = $1 AND application_name = 'kaoping' AND pid <> pg_backend_pid()`, dbName).Scan(&n)
	return n, err
}

func databaseURL(admin, name string) (string, error) {
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		return "", fmt.Errorf("parse admin URL: %w", err)
	}
	if cfg.Host != "127.0.0.1" && cfg.Host != "localhost" && cfg.Host != "::1" && !strings.HasPrefix(cfg.Host, "/") {
		return "", fmt.Errorf("the soak only runs against a loopback PostgreSQL, not %s", cfg.Host)
	}
	base, query, _ := strings.Cut(admin, "?")
	base = base[:strings.LastIndex(base, "/")]
	if query != "" {
		query = "?" + query
	}
	return base + "/" + name + query, nil
}

// --- kill -9 in the middle of writes ---

// bodyDone calls fn once the server has read the whole request body: the
// request is then being handled, and a kill lands inside it.
type bodyDone struct {
	r    io.Reader
	once sync.Once
	fn   func()
}

func (b *bodyDone) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.once.Do(b.fn)
	}
	return n, err
}

func killDuringImport(ctx context.Context, srv *server, w *workload, c *checks) error {
	fmt.Println("soak: kill -9 during a score-template import")
	before, err := w.scorerCells(ctx)
	if err != nil {
		return err
	}
	tpl, err := w.scorer.Get(ctx, "/files/score-template.xlsx?periodId=2")
	if err != nil {
		return fmt.Errorf("download score template: %w", err)
	}
	filled, rows, err := fillTemplate(tpl)
	if err != nil {
		return err
	}
	_, importErr := w.scorer.Upload(ctx, `mutation($f: Upload!) { importScoreSheet(periodId: "2", file: $f) { errors { row message } saved { id } } }`,
		map[string]any{"f": nil}, "variables.f", "template.xlsx", filled,
		func(r io.Reader) io.Reader { return &bodyDone{r: r, fn: srv.Kill9} }, nil)
	srv.Kill9() // if the answer came first, the kill lands right after it
	if err := restart(ctx, srv, w); err != nil {
		return err
	}
	after, err := w.scorerCells(ctx)
	if err != nil {
		return err
	}
	changed := 0
	for k, v := range before {
		if after[k] != v {
			changed++
		}
	}
	switch {
	case changed == 0 && importErr != nil:
		c.pass("import cut off by kill -9 (%s): none of its %d rows applied", load.CodeOf(importErr), rows)
	case changed == rows:
		c.pass("import of %d rows applied whole (answer: %v)", rows, errOrOK(importErr))
	default:
		c.fail("import half-applied: %d of %d rows changed (answer: %v)", changed, rows, errOrOK(importErr))
	}
	return nil
}

func errOrOK(err error) string {
	if err == nil {
		return "acknowledged"
	}
	return load.CodeOf(err)
}

// fillTemplate puts each row's full marks into 得分 where the row may still
// be scored, so the import changes every such cell.
func fillTemplate(tpl []byte) ([]byte, int, error) {
	f, err := excelize.OpenReader(strings.NewReader(string(tpl)))
	if err != nil {
		return nil, 0, fmt.Errorf("open score template: %w", err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	all, err := f.GetRows(sheet)
	if err != nil {
		return nil, 0, err
	}
	rows := 0
	for i := 3; i < len(all); i++ { // data from row 4
		r := all[i]
		if len(r) < 12 || strings.Contains(r[7], "核") || strings.Contains(r[7], "提交") {
			continue // verified or submitted: not for the lead unit to change
		}
		if err := f.SetCellValue(sheet, fmt.Sprintf("F%d", i+1), r[4]); err != nil {
			return nil, 0, err
		}
		rows++
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), rows, nil
}

func killDuringMove(ctx context.Context, srv *server, w *workload, c *checks) error {
	fmt.Println("soak: kill -9 during a period move")
	var p struct {
		Period struct {
			State   string
			Version int
		}
	}
	if _, err := w.taskForce.Do(ctx, `{ period(id: "2") { state version } }`, nil, &p); err != nil {
		return fmt.Errorf("read period: %w", err)
	}
	from, to := p.Period.State, "REVIEW"
	if from == "REVIEW" {
		to = "OPEN"
	}
	body := func(r io.Reader) io.Reader { return &bodyDone{r: r, fn: srv.Kill9} }
	_, moveErr := w.taskForce.DoWith(ctx, `mutation($i: MovePeriodInput!) { movePeriod(input: $i) { state } }`,
		map[string]any{"i": map[string]any{"periodId": "2", "version": p.Period.Version, "to": to, "reason": "soak"}}, body, nil)
	srv.Kill9()
	if err := restart(ctx, srv, w); err != nil {
		return err
	}
	var q struct {
		Period struct {
			State   string
			Version int
			Events  []struct{ ToState string }
		}
	}
	if _, err := w.taskForce.Do(ctx, `{ period(id: "2") { state version events { toState } } }`, nil, &q); err != nil {
		return fmt.Errorf("read period after restart: %w", err)
	}
	moved := q.Period.State == to && q.Period.Version == p.Period.Version+1
	stayed := q.Period.State == from && q.Period.Version == p.Period.Version
	switch {
	case moved && len(q.Period.Events) > 0 && q.Period.Events[len(q.Period.Events)-1].ToState == to:
		c.pass("period move %s → %s applied whole with its event (answer: %v)", from, to, errOrOK(moveErr))
	case stayed && moveErr != nil:
		c.pass("period move %s → %s cut off by kill -9 (%s): period unchanged", from, to, load.CodeOf(moveErr))
	default:
		c.fail("period move %s → %s: state %s version %d (was %d), answer %v", from, to, q.Period.State, q.Period.Version, p.Period.Version, errOrOK(moveErr))
	}
	return nil
}
