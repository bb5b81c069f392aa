// Package testdb gives each test package its own fresh, migrated PostgreSQL
// database, and each test a clone of it, so packages and tests run in
// parallel without seeing each other's rows. Nothing is mocked: tests talk
// to the real server named by KAOPING_TEST_DATABASE_URL or DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable).
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/store"
)

// testPoolSize caps the connections of one test's store.
const testPoolSize = 4

var (
	template string // migrated database the package's clones copy
	serial   atomic.Int64
	mu       sync.Mutex // CREATE DATABASE … TEMPLATE needs the template idle

	seededMu sync.Mutex
	seeded   = map[string]string{} // seed name → template with the seed applied
)

// Main wraps a package's tests: func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }.
// It creates and migrates the package's template database and drops it after.
func Main(m *testing.M) int {
	ctx := context.Background()
	template = fmt.Sprintf("kt_%s_%d", packageName(), os.Getpid())
	if err := createTemplate(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "testdb:", err)
		return 1
	}
	code := m.Run()
	seededMu.Lock()
	names := []string{template}
	for _, t := range seeded {
		names = append(names, t)
	}
	seededMu.Unlock()
	for _, name := range names {
		if err := exec(ctx, adminURL(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
			fmt.Fprintln(os.Stderr, "testdb: drop template:", err)
		}
	}
	return code
}

// NewSeeded is New with data: seed runs once per package on a template of
// its own (named by name), and each test gets a clone of that, so a slow
// seed such as the demo data costs its time once, not once per test.
func NewSeeded(tb testing.TB, name string, seed func(context.Context, *store.Store) error) *store.Store {
	tb.Helper()
	seededMu.Lock()
	defer seededMu.Unlock()
	tpl, ok := seeded[name]
	if !ok {
		tpl = fmt.Sprintf("%s_%s", template, name)
		if err := cloneInto(tpl, template); err != nil {
			tb.Fatalf("create seeded template: %v", err)
		}
		st, err := store.Open(context.Background(), URL(tpl), store.Options{StatementTimeout: 10 * time.Minute})
		if err != nil {
			tb.Fatal(err)
		}
		err = seed(context.Background(), st)
		st.Close()
		if err != nil {
			_ = exec(context.Background(), adminURL(), `DROP DATABASE IF EXISTS `+pgx.Identifier{tpl}.Sanitize()+` WITH (FORCE)`)
			tb.Fatalf("seed %s: %v", name, err)
		}
		seeded[name] = tpl
	}
	return clone(tb, tpl)
}

// NewCached is NewSeeded for fixtures too slow to build on every run (the
// province benchmarks'): the seeded database is kept on the server under a
// name made of name, version and the migrations (Cached), and each test gets
// a clone of it.
func NewCached(tb testing.TB, name string, version int, seed func(context.Context, *store.Store) error) *store.Store {
	tb.Helper()
	if template == "" {
		tb.Fatal("testdb.NewCached needs TestMain to call testdb.Main")
	}
	seededMu.Lock()
	defer seededMu.Unlock()
	cached, err := Cached(context.Background(), name, version, seed, tb.Logf)
	if err != nil {
		tb.Fatal(err)
	}
	return clone(tb, cached)
}

// Cached returns the name of a migrated database seeded by seed, kept on
// the server under a name made of name, version and the migrations, so
// later runs (tests, `make bench`) reuse it instead of seeding again. Bump
// version whenever seed makes something else; a changed migration renames
// the cache by itself. Each call stamps the cache as used; caches not used
// for cacheUnusedFor, and the least recently used beyond cacheKeep, are
// dropped (pruneCaches). Clone it (CREATE DATABASE … TEMPLATE) before
// writing to it. logf says when a cache is built and how long it took.
func Cached(ctx context.Context, name string, version int, seed func(context.Context, *store.Store) error, logf func(string, ...any)) (string, error) {
	fingerprint, err := migrationsFingerprint()
	if err != nil {
		return "", err
	}
	prefix := cachePrefix + nonWord.ReplaceAllString(strings.ToLower(name), "") + "_"
	cached := fmt.Sprintf("%sv%d_%s", prefix, version, fingerprint)
	exists, err := databaseExists(ctx, cached)
	if err != nil {
		return "", err
	}
	if exists {
		if err := keepCache(ctx, cached, logf); err != nil {
			return "", err
		}
		return cached, nil
	}
	logf("testdb: building %s (kept for later runs)", cached)
	started := time.Now()
	// Seed under a temporary name and rename when complete, so an
	// interrupted run never leaves a half-built cache behind.
	building := fmt.Sprintf("%sbuilding_%d_%d", prefix, os.Getpid(), serial.Add(1))
	drop := func(db string) {
		_ = exec(context.WithoutCancel(ctx), adminURL(), `DROP DATABASE IF EXISTS `+pgx.Identifier{db}.Sanitize()+` WITH (FORCE)`)
	}
	if err := exec(ctx, adminURL(), `CREATE DATABASE `+pgx.Identifier{building}.Sanitize()); err != nil {
		return "", fmt.Errorf("create %s: %w", building, err)
	}
	if err := migrate(ctx, building); err != nil {
		drop(building)
		return "", err
	}
	st, err := store.Open(ctx, URL(building), store.Options{StatementTimeout: 10 * time.Minute})
	if err != nil {
		drop(building)
		return "", err
	}
	err = seed(ctx, st)
	st.Close()
	if err != nil {
		drop(building)
		return "", fmt.Errorf("seed %s: %w", name, err)
	}
	if err := exec(ctx, adminURL(), `ALTER DATABASE `+pgx.Identifier{building}.Sanitize()+` RENAME TO `+pgx.Identifier{cached}.Sanitize()); err != nil {
		// Another run finished the same cache first: use theirs.
		drop(building)
		if ok, _ := databaseExists(ctx, cached); !ok {
			return "", fmt.Errorf("keep %s: %w", cached, err)
		}
	}
	logf("testdb: built %s in %v", cached, time.Since(started).Round(100*time.Millisecond))
	if err := keepCache(ctx, cached, logf); err != nil {
		return "", err
	}
	return cached, nil
}

// Cached databases are kept while they are in use: several work trees on
// one server (branches with different migrations, `make bench` beside the
// tests) each need their own, and dropping every other cache whenever one
// was built made them rebuild each other's minutes-long fixtures in turn.
// Kept are the caches used within cacheUnusedFor, at most cacheKeep of them
// (the most recently used), so the disk they take stays bounded.
const (
	cachePrefix    = "kaoping_cache_"
	cacheKeep      = 6
	cacheUnusedFor = 24 * time.Hour
)

// keepCache stamps cached as used now and prunes the others.
func keepCache(ctx context.Context, cached string, logf func(string, ...any)) error {
	now := time.Now()
	if err := stampUse(ctx, cached, now); err != nil {
		return err
	}
	dropped, err := pruneCaches(ctx, cachePrefix, cached, now, cacheKeep, cacheUnusedFor)
	for _, n := range dropped {
		logf("testdb: dropped cache %s (unused for %v or more than %d caches)", n, cacheUnusedFor, cacheKeep)
	}
	if err != nil {
		// The cache itself is fine; an old one stays until the next run.
		logf("testdb: %v", err)
	}
	return nil
}

// stampUse records when a cache was last used, as its database comment
// (pg_database has no such column; a comment needs no table in the cache,
// which would change what every clone holds).
func stampUse(ctx context.Context, name string, at time.Time) error {
	stamp := usedStampPrefix + at.UTC().Format(time.RFC3339)
	err := exec(ctx, adminURL(), `COMMENT ON DATABASE `+pgx.Identifier{name}.Sanitize()+` IS '`+stamp+`'`)
	if err != nil {
		return fmt.Errorf("stamp %s as used: %w", name, err)
	}
	return nil
}

const usedStampPrefix = "kaoping test cache, last used "

// pruneCaches drops the databases named prefix… (except those still being
// built) last used before now − unusedFor, or beyond the keep most recently
// used; keep (the cache in hand) always stays and counts towards them. A
// cache without a stamp counts as never used. It returns the dropped names.
func pruneCaches(ctx context.Context, prefix, keep string, now time.Time, most int, unusedFor time.Duration) ([]string, error) {
	db, err := open(adminURL())
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '')
		FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2 AND strpos(datname, '_building_') = 0`, prefix, keep)
	if err != nil {
		return nil, fmt.Errorf("list caches: %w", err)
	}
	type cache struct {
		name string
		used time.Time
	}
	var caches []cache
	for rows.Next() {
		var c cache
		var comment string
		if err := rows.Scan(&c.name, &comment); err != nil {
			rows.Close()
			return nil, err
		}
		if at, ok := strings.CutPrefix(comment, usedStampPrefix); ok {
			c.used, _ = time.Parse(time.RFC3339, at) // a bad stamp counts as never used
		}
		caches = append(caches, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(caches, func(i, j int) bool { return caches[i].used.After(caches[j].used) })
	var dropped []string
	kept := 1 // keep itself
	for _, c := range caches {
		if kept < most && now.Sub(c.used) <= unusedFor {
			kept++
			continue
		}
		if _, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pgx.Identifier{c.name}.Sanitize()+` WITH (FORCE)`); err != nil {
			return dropped, fmt.Errorf("drop old cache %s: %w", c.name, err)
		}
		dropped = append(dropped, c.name)
	}
	return dropped, nil
}

// AdminURL is the URL of the test server's maintenance database (postgres):
// KAOPING_TEST_DATABASE_URL or DATABASE_URL with its path replaced, or the
// local default.
func AdminURL() string { return adminURL() }

// migrationsFingerprint names the schema a cached database was built on.
func migrationsFingerprint() (string, error) {
	all, err := migrations.All()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range all {
		fmt.Fprintf(h, "%s\n%s\n", m.Version, m.SQL)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func databaseExists(ctx context.Context, name string) (bool, error) {
	db, err := open(adminURL())
	if err != nil {
		return false, err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		return false, fmt.Errorf("look for database %s: %w", name, err)
	}
	return n > 0, nil
}

func cloneInto(name, from string) error {
	mu.Lock()
	defer mu.Unlock()
	return exec(context.Background(), adminURL(), fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`,
		pgx.Identifier{name}.Sanitize(), pgx.Identifier{from}.Sanitize()))
}

// New returns a store on a fresh clone of the package's migrated database,
// dropped when the test ends.
func New(tb testing.TB) *store.Store {
	tb.Helper()
	if template == "" {
		tb.Fatal("testdb.New needs TestMain to call testdb.Main")
	}
	return clone(tb, template)
}

func clone(tb testing.TB, from string) *store.Store {
	tb.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("%s_%d", template, serial.Add(1))
	if err := cloneInto(name, from); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	st, err := store.Open(ctx, URL(name), store.Options{})
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	// Tests run in parallel (t.Parallel), several packages at once, against
	// one server whose default max_connections is 100. A test makes at most
	// two requests at a time, so a few connections suffice; scripts/test.sh
	// bounds the rest: -p packages × -parallel tests × (this pool + one
	// admin connection for create/drop) stays well under 100.
	st.SQL().SetMaxOpenConns(testPoolSize)
	tb.Cleanup(func() {
		st.Close()
		if err := exec(ctx, adminURL(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
			tb.Logf("drop test database %s: %v", name, err)
		}
	})
	return st
}

// URL returns the connection URL of database name on the test server.
func URL(name string) string {
	u, err := url.Parse(adminURL())
	if err != nil {
		panic(fmt.Sprintf("testdb: bad database URL: %v", err))
	}
	u.Path = "/" + name
	return u.String()
}

// EmptyDatabase creates a database with no tables (not migrated) and returns
// its URL; for tests of migrations and start-up.
func EmptyDatabase(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("%s_e%d", template, serial.Add(1))
	if err := exec(ctx, adminURL(), `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
		tb.Fatalf("create empty database: %v", err)
	}
	tb.Cleanup(func() {
		_ = exec(ctx, adminURL(), `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`)
	})
	return URL(name)
}

func adminURL() string {
	for _, key := range []string{"KAOPING_TEST_DATABASE_URL", "DATABASE_URL"} {
		if v := os.Getenv(key); v != "" {
			u, err := url.Parse(v)
			if err == nil {
				u.Path = "/postgres"
				return u.String()
			}
		}
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

func createTemplate(ctx context.Context) error {
	ident := pgx.Identifier{template}.Sanitize()
	if err := exec(ctx, adminURL(), `DROP DATABASE IF EXISTS `+ident+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop stale template: %w", err)
	}
	if err := exec(ctx, adminURL(), `CREATE DATABASE `+ident); err != nil {
		return fmt.Errorf("create template (is PostgreSQL running? scripts/postgres.sh starts one): %w", err)
	}
	if err := migrate(ctx, template); err != nil {
		return fmt.Errorf("migrate template: %w", err)
	}
	return nil
}

func migrate(ctx context.Context, name string) error {
	db, err := open(URL(name))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := migrations.Apply(ctx, db); err != nil {
		return fmt.Errorf("migrate %s: %w", name, err)
	}
	return nil
}

func exec(ctx context.Context, dsn, stmt string) error {
	db, err := open(dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

func open(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", dsn, err)
	}
	return stdlib.OpenDB(*cfg), nil
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// packageName names the template after the package under test, so a leftover
// database says where it came from.
func packageName() string {
	wd, _ := os.Getwd()
	name := nonWord.ReplaceAllString(strings.ToLower(filepath.Base(wd)), "")
	if len(name) > 20 {
		name = name[:20]
	}
	return name
}
