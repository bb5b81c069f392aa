// Package graph is the GraphQL edge: gqlgen's generated executor, thin
// resolvers that validate input and call the store, request-scoped loaders,
// access rules, and the error presenter. Domain rules live in server/*.
package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/evaluation"
	"github.com/kaoping/kaoping/server/store"
)

// Resolver holds the dependencies every resolver may use.
type Resolver struct {
	Store *store.Store
	Auth  *auth.Service
	Eval  *evaluation.Service
	// Today is the clock the 督办 board judges by (injectable in tests).
	Today func() time.Time
	Log   *slog.Logger
	// MailEnabled: an SMTP relay is configured, so a user's e-mail
	// address receives copies of their notifications.
	MailEnabled bool
}

// inTx runs fn in the mutation's transaction (every mutation has one, see
// guard.go), or in a new one outside a mutation.
func (r *Resolver) inTx(ctx context.Context, fn func(ctx context.Context, tx store.Tx) error) error {
	if tx, ok := txFrom(ctx); ok {
		return fn(ctx, tx)
	}
	return r.Store.InTx(ctx, fn)
}

// inTxValue runs fn like inTx and returns the value it made; a nil value
// (after an error) becomes the zero value GraphQL never sees.
func inTxValue[T any](ctx context.Context, r *Resolver, fn func(ctx context.Context, tx store.Tx) (*T, error)) (T, error) {
	var out T
	err := r.inTx(ctx, func(ctx context.Context, tx store.Tx) error {
		v, err := fn(ctx, tx)
		if err != nil {
			return err
		}
		out = *v
		return nil
	})
	return out, err
}
