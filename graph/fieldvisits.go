package graph

import (
	"context"

	"github.com/kaoping/kaoping/server/fieldvisit"
	"github.com/kaoping/kaoping/server/store"
)

// oneVisit runs a visit mutation in the mutation's transaction.
func oneVisit(r *mutationResolver, ctx context.Context, fn func(tx store.Tx) (*fieldvisit.Visit, error)) (fieldvisit.Visit, error) {
	var out fieldvisit.Visit
	err := r.inTx(ctx, func(ctx context.Context, tx store.Tx) error {
		v, err := fn(tx)
		if err != nil {
			return err
		}
		out = *v
		return nil
	})
	return out, err
}
