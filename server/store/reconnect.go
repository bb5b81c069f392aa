package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// A pooled connection can die under the server: an administrator or a
// failover terminates its backend, a network blip closes the socket. The
// pool only learns of it when the next statement fails on that connection.
// These wrappers decide what such a failure means:
//
//   - a read (a SELECT outside a transaction) and a BEGIN are safe to run
//     again, so they answer driver.ErrBadConn and database/sql re-runs them
//     on another connection (two pooled ones at most, then a fresh one);
//   - anything inside a transaction, a COMMIT and a write are not: their
//     error becomes ErrUnavailable, so the caller reports a retryable
//     failure instead of guessing, and the transaction is rolled back by
//     PostgreSQL with the dead backend (never half-applied).

// ErrUnavailable marks an error caused by a lost database connection; the
// request can be retried as a whole.
var ErrUnavailable = errors.New("database connection lost")

// lostConnection wraps the driver's error so both ErrUnavailable and the
// original cause are visible to errors.Is/As.
type lostConnection struct{ cause error }

func (e lostConnection) Error() string        { return fmt.Sprintf("%v: %v", ErrUnavailable, e.cause) }
func (e lostConnection) Unwrap() []error      { return []error{ErrUnavailable, e.cause} }
func (e lostConnection) Is(target error) bool { return target == ErrUnavailable }

// Unavailable reports whether err comes from a lost database connection:
// marked so by the wrappers below, or met where they do not look (a read
// whose rows were cut off half-way, a statement in a transaction whose
// connection was already known dead).
func Unavailable(err error) bool {
	if errors.Is(err, ErrUnavailable) || errors.Is(err, driver.ErrBadConn) {
		return true
	}
	var pgErr *pgconn.PgError
	// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
	return errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "57P0")
}

type reconnectingConnector struct{ driver.Connector }

func (c reconnectingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &reconnectingConn{Conn: conn.(*stdlib.Conn)}, nil
}

// reconnectingConn is a pgx connection that knows whether it is inside a
// transaction. database/sql uses one connection from one goroutine at a
// time, so inTx needs no lock.
type reconnectingConn struct {
	*stdlib.Conn
	inTx bool
}

// PgxConn is the pgx connection underneath, for what database/sql cannot
// do (COPY: the province fixture, server/demo). The embedded field's name
// hides stdlib.Conn's own Conn method.
func (c *reconnectingConn) PgxConn() *pgx.Conn { return c.Conn.Conn() }

// lost tells a failure that closed the connection from an ordinary one
// (a constraint, a timeout: the connection survives those). A request that
// was cancelled closes it too, but that is the caller's doing, not a loss.
func (c *reconnectingConn) lost(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() == nil && !errors.Is(err, driver.ErrBadConn) && c.Conn.Conn().IsClosed()
}

func (c *reconnectingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.Conn.QueryContext(ctx, query, args)
	if c.lost(ctx, err) {
		if !c.inTx && isRead(query) {
			return nil, driver.ErrBadConn
		}
		return nil, lostConnection{err}
	}
	return rows, err
}

func (c *reconnectingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.Conn.ExecContext(ctx, query, args)
	if c.lost(ctx, err) {
		return nil, lostConnection{err}
	}
	return res, err
}

func (c *reconnectingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.BeginTx(ctx, opts)
	if c.lost(ctx, err) {
		return nil, driver.ErrBadConn // nothing ran yet: begin again elsewhere
	}
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return &reconnectingTx{Tx: tx, conn: c, ctx: ctx}, nil
}

func (c *reconnectingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

type reconnectingTx struct {
	driver.Tx
	conn *reconnectingConn
	ctx  context.Context
}

func (t *reconnectingTx) Commit() error {
	t.conn.inTx = false
	err := t.Tx.Commit()
	if t.conn.lost(t.ctx, err) {
		return lostConnection{err}
	}
	return err
}

func (t *reconnectingTx) Rollback() error {
	t.conn.inTx = false
	return t.Tx.Rollback()
}

// isRead reports whether a statement only reads. Bun writes every plain
// read as SELECT …; a WITH query may modify data, so it is not retried.
func isRead(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	return len(q) >= 6 && strings.EqualFold(q[:6], "select")
}
