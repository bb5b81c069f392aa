package store

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// TestPooledConnectionsAreNotPingedOnTheHotPath: pgx's default pings a
// connection that rested more than a second, an extra round trip before most
// requests of a lightly loaded server; the store pings only after a long rest.
func TestPooledConnectionsAreNotPingedOnTheHotPath(t *testing.T) {
	for _, c := range []struct {
		idle time.Duration
		ping bool
	}{
		{0, false}, {1500 * time.Millisecond, false}, {10 * time.Second, false},
		{pingAfterIdle, false}, {pingAfterIdle + time.Millisecond, true}, {10 * time.Minute, true},
	} {
		if got := shouldPing(context.Background(), stdlib.ShouldPingParams{IdleDuration: c.idle}); got != c.ping {
			t.Errorf("idle %v: ping %v, want %v", c.idle, got, c.ping)
		}
	}
}
