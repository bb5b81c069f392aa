package store_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

// TestConnectionsRunWithoutJIT: JIT compilation cost seconds on the
// evaluatee page at province scale, so every pooled connection turns it
// off; an operator's jit in DATABASE_URL still decides.
func TestConnectionsRunWithoutJIT(t *testing.T) {
	ctx := context.Background()
	plain, err := url.Parse(testdb.EmptyDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	withJIT := *plain
	q := withJIT.Query()
	q.Set("jit", "on")
	withJIT.RawQuery = q.Encode()
	for _, c := range []struct {
		url, want string
	}{
		{plain.String(), "off"},
		{withJIT.String(), "on"},
	} {
		st, err := store.Open(ctx, c.url, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var jit string
		if err := st.DB.NewRaw(`SHOW jit`).Scan(ctx, &jit); err != nil {
			t.Fatal(err)
		}
		st.DB.Close()
		if jit != c.want {
			t.Errorf("%s: jit = %q, want %q", c.url, jit, c.want)
		}
	}
}
