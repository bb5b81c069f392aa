package store

import (
	"context"
	"sync/atomic"

	"github.com/uptrace/bun"
)

// Statement counting lets tests and benchmarks prove that a GraphQL request
// runs a bounded number of SQL statements, whatever the size of the lists.

type queryCountKey struct{}

// WithQueryCount returns a context whose SQL statements are counted into the
// returned counter.
func WithQueryCount(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, queryCountKey{}, n), n
}

type queryCounter struct{}

func (queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	if n, ok := ctx.Value(queryCountKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
	return ctx
}

func (queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {}
