// Package graph is the GraphQL edge: gqlgen's generated executor, thin
// resolvers that validate input and call the store, request-scoped loaders,
// and the error presenter. Domain rules live in server/* packages.
package graph

import (
	"context"

	"github.com/kaoping/kaoping/server/store"
)

// Resolver holds the dependencies every resolver may use.
type Resolver struct {
	Store *store.Store
}

// inTx runs fn in one transaction: every mutation is all or nothing.
func (r *Resolver) inTx(ctx context.Context, fn func(ctx context.Context, tx store.Tx) error) error {
	return r.Store.InTx(ctx, fn)
}
