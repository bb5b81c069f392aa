// Command bench measures the real server against the SQL floor (`make
// bench`, issue 9 §5):
//
//  1. the fixtures: the demo city, loaded fresh (seconds), and the
//     generated province (demo.GenerateProvince: 2,000 evaluatees, 500
//     tasks, 660 k scores), built once with COPY and kept on the PostgreSQL
//     server as a cached database (testdb.Cached) that each run clones;
//  2. bin/kaoping serve on the clone (server/serverproc), with
//     KAOPING_BENCH_STATEMENTS=1 so every GraphQL answer says how many SQL
//     statements it ran;
//  3. each case at concurrency 1 and 4 over HTTP (server/load), the SPA's own
//     documents, in rounds interleaved with the one hand-written SQL
//     statement that produces the same answer (the "SQL floor"), run via
//     pgx on the same database at the same concurrency;
//  4. one table: p50, p95, requests per second, statements per request and
//     the ratios to the floor.
//
// -smoke is the short version `make test` runs: the city only, a fraction
// of a second per case; it fails when a request fails or an answer lacks
// its statement count. Loopback only; it drops the databases it made.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/load"
	"github.com/kaoping/kaoping/server/serverproc"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

// statementsHeader is what the server sets with KAOPING_BENCH_STATEMENTS=1
// (server/routes.go).
const statementsHeader = "X-Kaoping-Statements"

type options struct {
	binary      string
	scales      []string
	duration    time.Duration
	rounds      int
	concurrency []int
	smoke       bool
	// cases, when set, keeps only the cases whose name contains one of
	// these (a change measured without waiting for the whole table).
	cases []string
}

func main() {
	var o options
	var scales, conc, cases string
	flag.StringVar(&o.binary, "binary", "bin/kaoping", "the server binary")
	flag.StringVar(&scales, "scales", "city,province", "fixtures to measure: city (the demo data), province (generated)")
	flag.DurationVar(&o.duration, "duration", 4*time.Second, "time per case and concurrency on each side (server, SQL floor)")
	flag.IntVar(&o.rounds, "rounds", 2, "rounds the server and SQL-floor runs of a case alternate in")
	flag.StringVar(&conc, "c", "1,4", "concurrencies")
	flag.BoolVar(&o.smoke, "smoke", false, "short check for make test: city only, 300 ms per case, one round")
	flag.StringVar(&cases, "cases", "", "comma-separated parts of case names to run, e.g. 'preview,breakdown (published)' (default: all)")
	flag.Parse()
	if cases != "" {
		o.cases = strings.Split(cases, ",")
	}
	o.scales = strings.Split(scales, ",")
	for _, c := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -c %q: want concurrencies such as 1,4\n", conc)
			os.Exit(2)
		}
		o.concurrency = append(o.concurrency, n)
	}
	if o.smoke {
		o.scales, o.duration, o.rounds = []string{"city"}, 300*time.Millisecond, 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	started := time.Now()
	var all []result
	failed := false
	for _, sc := range o.scales {
		rs, err := runScale(ctx, o, sc)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		all = append(all, rs...)
	}
	printTable(os.Stdout, all)
	for _, r := range all {
		if r.server.Errors > 0 || r.floor.Errors > 0 || r.api.Errors > 0 || len(r.statements) == 0 {
			failed = true
			fmt.Printf("bench: %s %s c=%d: %d server errors %v, %d SQL errors %v, %d API floor errors %v, statement counts %v\n",
				r.scale, r.name, r.c, r.server.Errors, r.server.ErrorsByCode, r.floor.Errors, r.floor.ErrorsByCode, r.api.Errors, r.api.ErrorsByCode, r.statements)
		}
	}
	fmt.Printf("bench: done in %s\n", time.Since(started).Round(100*time.Millisecond))
	if failed {
		fmt.Println("BENCH FAILED")
		os.Exit(1)
	}
}

// result is one row of the table.
type result struct {
	scale, name        string
	c                  int
	server, floor, api load.Stats
	hasAPI             bool
	statements         []int // distinct counts seen, sorted
}

// runScale builds or clones the fixture, starts the server on it and runs
// every case.
func runScale(ctx context.Context, o options, scale string) ([]result, error) {
	admin := testdb.AdminURL()
	if err := loopbackOnly(admin); err != nil {
		return nil, err
	}
	name := fmt.Sprintf("kaoping_bench_%s_%d", scale, os.Getpid())
	adminConn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", admin, err)
	}
	defer adminConn.Close(context.Background())
	defer func() {
		_, _ = adminConn.Exec(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`)
	}()
	began := time.Now()
	switch scale {
	case "city":
		// The demo data is small: loaded fresh, so it always matches the code.
		if _, err := adminConn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
			return nil, fmt.Errorf("create database: %w", err)
		}
		st, err := store.Open(ctx, testdb.URL(name), store.Options{StatementTimeout: 5 * time.Minute})
		if err != nil {
			return nil, err
		}
		if _, err = migrations.Apply(ctx, st.SQL()); err == nil {
			_, err = demo.Load(ctx, st)
		}
		st.Close()
		if err != nil {
			return nil, err
		}
		fmt.Printf("bench: city fixture (demo data) loaded in %s\n", time.Since(began).Round(100*time.Millisecond))
	case "province":
		cached, err := testdb.Cached(ctx, "benchprovince", demo.ProvinceVersion, func(ctx context.Context, st *store.Store) error {
			if err := demo.GenerateProvince(ctx, st, demo.ProvinceScale); err != nil {
				return err
			}
			return demo.ProvinceAccounts(ctx, st.DB, demo.ProvinceScale)
		}, func(f string, args ...any) { fmt.Printf("bench: "+f+"\n", args...) })
		if err != nil {
			return nil, err
		}
		if _, err := adminConn.Exec(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, pgx.Identifier{name}.Sanitize(), pgx.Identifier{cached}.Sanitize())); err != nil {
			return nil, fmt.Errorf("clone %s: %w", cached, err)
		}
		fmt.Printf("bench: province fixture ready in %s (%s, cloned)\n", time.Since(began).Round(100*time.Millisecond), cached)
	default:
		return nil, fmt.Errorf("unknown scale %q (want city or province)", scale)
	}

	dbURL := testdb.URL(name)
	srv, err := serverproc.Start(ctx, o.binary, "DATABASE_URL="+dbURL, "KAOPING_BENCH_STATEMENTS=1",
		// The slowest cases (a live province ranking at c=4) must finish, not time out.
		"KAOPING_STATEMENT_TIMEOUT=10m", "KAOPING_REQUEST_TIMEOUT=10m")
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() { srv.Stop(); srv.KeepLogs(!ok) }()
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	maxC := slices.Max(o.concurrency)
	f, err := prepare(ctx, pool, srv.URL(), maxC)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", scale, err)
	}
	floor, err := startAPIFloor(pool)
	if err != nil {
		return nil, err
	}
	defer floor.stop()
	for range maxC {
		f.apiClients = append(f.apiClients, newClient(floor.url))
	}
	fmt.Printf("bench: %s: %d-row %s group, evaluatee %s, %d cells saved per request by %s\n", scale, f.groupRows, f.group, f.evaluatee, len(f.saves[0].entries), f.scorer)
	var out []result
	for _, cs := range f.cases() {
		if !o.wants(cs.name) {
			continue
		}
		for _, c := range o.concurrency {
			r, err := measure(ctx, o, cs, c)
			if err != nil {
				return nil, fmt.Errorf("%s %s c=%d: %w", scale, cs.name, c, err)
			}
			r.scale = scale
			out = append(out, r)
			api := "–"
			if r.hasAPI {
				api = short(r.api.P50)
			}
			fmt.Printf("bench: %-8s %-26s c=%d  server p50 %-8s  floor p50 %-8s  API floor p50 %-8s  statements %v\n", scale, cs.name, c, short(r.server.P50), short(r.floor.P50), api, r.statements)
		}
	}
	ok = true
	return out, nil
}

// benchCase is one measured request and its SQL floor. Both take the
// worker's number: a worker has its own client and its own rows to save.
type benchCase struct {
	name   string
	server func(ctx context.Context, w int) (statements int, err error)
	floor  func(ctx context.Context, w int) error
	api    func(ctx context.Context, w int) error // the API floor (floor.go); nil where it has none
}

// measure runs a case at concurrency c: rounds of the server, then the
// floor, each for duration/rounds. Every worker finishes the request it
// started, so a case slower than the window still counts its requests.
func measure(ctx context.Context, o options, cs benchCase, c int) (result, error) {
	res := result{name: cs.name, c: c}
	srvRec, sqlRec, apiRec := load.NewRecorder(), load.NewRecorder(), load.NewRecorder()
	var srvSpan, sqlSpan, apiSpan time.Duration
	var mu sync.Mutex
	seen := map[int]bool{}
	window := o.duration / time.Duration(max(o.rounds, 1))
	for range max(o.rounds, 1) {
		began := time.Now()
		load.Run(ctx, c, window, srvRec, func(_ context.Context, w int, rec *load.Recorder) {
			_ = rec.Time(ctx, cs.name, func() error {
				n, err := cs.server(ctx, w)
				if err == nil {
					mu.Lock()
					seen[n] = true
					mu.Unlock()
				}
				return err
			})
		})
		srvSpan += time.Since(began)
		began = time.Now()
		load.Run(ctx, c, window, sqlRec, func(_ context.Context, w int, rec *load.Recorder) {
			_ = rec.Time(ctx, cs.name, func() error { return cs.floor(ctx, w) })
		})
		sqlSpan += time.Since(began)
		if cs.api != nil {
			began = time.Now()
			load.Run(ctx, c, window, apiRec, func(_ context.Context, w int, rec *load.Recorder) {
				_ = rec.Time(ctx, cs.name, func() error { return cs.api(ctx, w) })
			})
			apiSpan += time.Since(began)
		}
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
	}
	res.server = load.Summarize(srvRec.Samples(), srvSpan)
	res.floor = load.Summarize(sqlRec.Samples(), sqlSpan)
	if cs.api != nil {
		res.api, res.hasAPI = load.Summarize(apiRec.Samples(), apiSpan), true
	}
	for n := range seen {
		res.statements = append(res.statements, n)
	}
	slices.Sort(res.statements)
	return res, nil
}

func printTable(w *os.File, rs []result) {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scale\tcase\tc\tp50\tp95\trps\tstatements\tSQL p50\tSQL rps\tp50 ÷ floor\tfloor rps ÷ rps\tAPI p50\tAPI rps\tp50 ÷ API\trps ÷ API rps\t")
	for _, r := range rs {
		api := "–\t–\t–\t–"
		if r.hasAPI {
			api = fmt.Sprintf("%s\t%.1f\t%s\t%s", short(r.api.P50), r.api.RPS, ratio(r.server.P50.Seconds(), r.api.P50.Seconds()), ratio(r.server.RPS, r.api.RPS))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%.1f\t%s\t%s\t%.1f\t%s\t%s\t%s\t\n", r.scale, r.name, r.c,
			short(r.server.P50), short(r.server.P95), r.server.RPS, statementsText(r.statements),
			short(r.floor.P50), r.floor.RPS, ratio(r.server.P50.Seconds(), r.floor.P50.Seconds()), ratio(r.floor.RPS, r.server.RPS), api)
	}
	_ = tw.Flush()
	fmt.Fprintln(w)
}

func statementsText(ns []int) string {
	if len(ns) == 0 {
		return "?"
	}
	if len(ns) == 1 {
		return strconv.Itoa(ns[0])
	}
	return fmt.Sprintf("%d–%d", ns[0], ns[len(ns)-1])
}

func ratio(a, b float64) string {
	if b == 0 || math.IsNaN(a/b) {
		return "–"
	}
	return fmt.Sprintf("%.1f×", a/b)
}

func short(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond).String()
	default:
		return d.Round(10 * time.Microsecond).String()
	}
}

// statements reads the server's count off an answer.
func statements(res *load.Response) (int, error) {
	v := res.Header.Get(statementsHeader)
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("answer without a statement count (%s %q): is the server started with KAOPING_BENCH_STATEMENTS=1?", statementsHeader, v)
	}
	return n, nil
}

func loopbackOnly(admin string) error {
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		return fmt.Errorf("parse admin URL: %w", err)
	}
	if cfg.Host != "127.0.0.1" && cfg.Host != "localhost" && cfg.Host != "::1" && !strings.HasPrefix(cfg.Host, "/") {
		return fmt.Errorf("the bench only runs against a loopback PostgreSQL, not %s", cfg.Host)
	}
	return nil
}

// wants reports whether -cases selects the case.
func (o options) wants(name string) bool {
	if len(o.cases) == 0 {
		return true
	}
	for _, part := range o.cases {
		if strings.Contains(name, strings.TrimSpace(part)) {
			return true
		}
	}
	return false
}
