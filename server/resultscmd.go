package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/store"
)

// resultsCommand is `kaoping results verify`: recompute every score roll-up
// from raw rows and name each one that differs; an error (exit 1) if any.
func resultsCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return fmt.Errorf("usage: server results verify")
	}
	return withStore(ctx, cfg, func(st *store.Store) error {
		mismatches, err := results.VerifyRollups(ctx, st.DB)
		if err != nil {
			return err
		}
		for _, m := range mismatches {
			fmt.Fprintln(stdout, m)
		}
		if len(mismatches) > 0 {
			return fmt.Errorf("%d score roll-up(s) differ from the raw rows", len(mismatches))
		}
		fmt.Fprintln(stdout, "score roll-ups match the raw rows")
		return nil
	})
}
