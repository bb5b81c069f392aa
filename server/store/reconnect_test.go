package store_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// killer is a connection outside the store's pool that terminates the
// store's backends, as an administrator or a failover would.
type killer struct {
	t    *testing.T
	conn *pgx.Conn
}

func newKiller(t *testing.T, st *store.Store) *killer {
	t.Helper()
	var name string
	if err := st.DB.NewRaw(`SELECT current_database()`).Scan(context.Background(), &name); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(context.Background(), testdb.URL(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return &killer{t: t, conn: conn}
}

// terminateAll ends every other backend of the database, so the pool holds
// only dead connections. It returns how many it signalled. With wait it
// returns once they are gone (pg_terminate_backend's timeout argument);
// without, at once, as a crash would: the pool checks a connection idle for
// more than a second with a ping before reusing it, and a caller that comes
// back sooner meets the dead backend in its own statement.
func (k *killer) terminateAll(wait bool) int {
	k.t.Helper()
	timeout := 0
	if wait {
		timeout = 2000
	}
	var n int
	err := k.conn.QueryRow(context.Background(), `
		SELECT count(pg_terminate_backend(pid, $1))
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`, timeout).Scan(&n)
	if err != nil {
		k.t.Fatal(err)
	}
	return n
}

// warmPool opens n connections at once (at most what the pool may open,
// or the last one would wait forever for one of the held ones) and returns
// them to the pool idle.
func warmPool(t *testing.T, st *store.Store, n int) {
	t.Helper()
	if most := st.DB.Stats().MaxOpenConnections; most > 0 && n > most {
		n = most
	}
	var wg sync.WaitGroup
	conns := make(chan error, n)
	hold := make(chan struct{})
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := st.DB.Conn(context.Background())
			conns <- err
			if err == nil {
				<-hold
				c.Close()
			}
		}()
	}
	for range n {
		if err := <-conns; err != nil {
			t.Fatal(err)
		}
	}
	close(hold)
	wg.Wait()
}

func TestReadsSurviveTerminatedBackends(t *testing.T) {
	st := testdb.New(t)
	k := newKiller(t, st)
	ctx := context.Background()
	for round := range 3 {
		warmPool(t, st, 5)
		// (A connection the last round killed may still wait in the pool
		// undetected, so fewer than were opened may be alive to end.)
		if n := k.terminateAll(false); n == 0 {
			t.Fatalf("round %d: no backend to terminate", round)
		}
		for i := range 8 {
			var one int
			if err := st.DB.NewSelect().ColumnExpr("1").Scan(ctx, &one); err != nil || one != 1 {
				t.Fatalf("round %d, read %d after the backends were terminated: %v", round, i, err)
			}
		}
	}
}

func TestWritesApplyWholeOrFailRetryably(t *testing.T) {
	st := testdb.New(t)
	k := newKiller(t, st)
	ctx := context.Background()
	if _, err := st.DB.ExecContext(ctx, `CREATE TABLE reconnect_probe (id int PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		if err := st.DB.NewRaw(`SELECT count(*) FROM reconnect_probe`).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Backends die between requests: the next transaction begins on a live
	// connection and applies whole.
	warmPool(t, st, 5)
	k.terminateAll(true)
	err := st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reconnect_probe VALUES (1), (2)`)
		return err
	})
	if err != nil {
		t.Fatalf("transaction after the backends were terminated: %v", err)
	}
	if n := count(); n != 2 {
		t.Fatalf("rows after the write = %d, want 2", n)
	}

	// The backend dies in the middle of a transaction: the write fails with
	// UNAVAILABLE and leaves nothing behind.
	err = st.InTx(ctx, func(ctx context.Context, tx store.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reconnect_probe VALUES (3)`); err != nil {
			return err
		}
		k.terminateAll(true)
		_, err := tx.ExecContext(ctx, `INSERT INTO reconnect_probe VALUES (4)`)
		return err
	})
	if apperr.CodeOf(err) != apperr.Unavailable {
		t.Fatalf("transaction whose backend died: err = %v, want UNAVAILABLE", err)
	}
	if n := count(); n != 2 {
		t.Fatalf("rows after the failed write = %d, want still 2 (nothing half-applied)", n)
	}
}
