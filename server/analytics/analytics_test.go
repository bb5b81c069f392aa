package analytics

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// The row limit is checked on the answer: one row over it is an error that
// names the limit, not a silently cut table. (Not parallel: it lowers the
// package's limit.)
func TestRowLimit(t *testing.T) {
	st := testdb.NewSeeded(t, "demo", func(ctx context.Context, st *store.Store) error {
		_, err := demo.Load(ctx, st)
		return err
	})
	id := &auth.Identity{UserID: 1, Username: "analyst", Roles: []auth.Role{auth.RoleAnalyst}}
	spec := Spec{Measures: []store.Measure{store.ScoreCount}, Rows: []store.Grouping{store.ByLeadUnit}}
	res, err := Aggregate(context.Background(), st.DB, id, spec, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { MaxRows = n }(MaxRows)
	MaxRows = len(res.Rows)
	if _, err := Aggregate(context.Background(), st.DB, id, spec, time.Now()); err != nil {
		t.Errorf("exactly at the limit: %v", err)
	}
	MaxRows = len(res.Rows) - 1
	_, err = Aggregate(context.Background(), st.DB, id, spec, time.Now())
	if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "rows" || !strings.Contains(e.Message, "超过") {
		t.Errorf("over the limit: %v", err)
	}
}

func TestSets(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		r, c int
		want []uint
	}{{0, 0, []uint{0}}, {1, 0, []uint{1, 0}}, {1, 1, []uint{3, 1, 2, 0}}, {2, 1, []uint{7, 3, 4, 0}}} {
		got := sets(c.r, c.c)
		if len(got) != len(c.want) {
			t.Errorf("sets(%d, %d) = %v, want %v", c.r, c.c, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("sets(%d, %d) = %v, want %v", c.r, c.c, got, c.want)
			}
		}
	}
}
