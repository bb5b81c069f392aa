package testdb

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Caches used within the day stay, up to the limit, most recently used
// first; older or unstamped ones go; the cache in hand always stays. The
// databases have a prefix of their own, so the real caches on the server
// are never touched.
func TestPruneCachesKeepsRecentlyUsedUpToTheLimit(t *testing.T) {
	ctx := context.Background()
	prefix := fmt.Sprintf("kaoping_cachetest_%d_", os.Getpid())
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	// name → hours since last use (-1: never stamped)
	ages := map[string]int{"hand": 50, "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "old": 25, "unstamped": -1}
	for name, age := range ages {
		db := prefix + name
		if err := exec(ctx, adminURL(), `CREATE DATABASE `+pgx.Identifier{db}.Sanitize()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = exec(context.Background(), adminURL(), `DROP DATABASE IF EXISTS `+pgx.Identifier{db}.Sanitize()+` WITH (FORCE)`)
		})
		if age >= 0 {
			if err := stampUse(ctx, db, now.Add(-time.Duration(age)*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A cache being built is never pruned.
	building := prefix + "x_building_1_1"
	if err := exec(ctx, adminURL(), `CREATE DATABASE `+pgx.Identifier{building}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = exec(context.Background(), adminURL(), `DROP DATABASE IF EXISTS `+pgx.Identifier{building}.Sanitize()+` WITH (FORCE)`)
	})

	dropped, err := pruneCaches(ctx, prefix, prefix+"hand", now, 6, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dropped)
	want := []string{prefix + "f", prefix + "old", prefix + "unstamped"}
	if !slices.Equal(dropped, want) {
		t.Errorf("dropped %v, want %v (the hand's cache and the five most recent stay)", dropped, want)
	}
	for _, name := range []string{"hand", "a", "b", "c", "d", "e", "x_building_1_1"} {
		if ok, err := databaseExists(ctx, prefix+name); err != nil || !ok {
			t.Errorf("%s was dropped (%v)", name, err)
		}
	}
	for _, name := range []string{"f", "old", "unstamped"} {
		if ok, _ := databaseExists(ctx, prefix+name); ok {
			t.Errorf("%s is still there", name)
		}
	}

	// A second prune with nothing over the limit drops nothing.
	if dropped, err := pruneCaches(ctx, prefix, prefix+"hand", now, 6, 24*time.Hour); err != nil || len(dropped) != 0 {
		t.Errorf("second prune dropped %v (%v)", dropped, err)
	}
}
