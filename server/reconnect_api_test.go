package main

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/testdb"
)

// killOnWrite terminates every backend of the database right after the
// first write to table scores once armed: the write's transaction then
// loses its connection half-way.
type killOnWrite struct {
	armed atomic.Bool
	kill  func()
}

func (k *killOnWrite) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (k *killOnWrite) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	q := strings.TrimSpace(e.Query)
	if (strings.HasPrefix(q, "UPDATE scores") || strings.HasPrefix(q, `INSERT INTO "scores"`) || strings.HasPrefix(q, "INSERT INTO scores")) && k.armed.CompareAndSwap(true, false) {
		k.kill()
	}
}

func TestLostDatabaseConnectionThroughTheAPI(t *testing.T) {
	a := newAnonymousAPI(t, true)
	a.login(a.mustUser("市审批服务局", auth.RoleLeadScorer), testPassword)
	ctx := context.Background()
	var name string
	if err := a.st.DB.NewRaw(`SELECT current_database()`).Scan(ctx, &name); err != nil {
		t.Fatal(err)
	}
	killer, err := pgx.Connect(ctx, testdb.URL(name))
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close(ctx)
	terminate := func(wait bool) {
		timeout := 0
		if wait {
			timeout = 2000
		}
		if _, err := killer.Exec(ctx, `SELECT pg_terminate_backend(pid, $1) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid()`, timeout); err != nil {
			t.Fatal(err)
		}
	}
	hook := &killOnWrite{kill: func() { terminate(true) }}
	a.st.DB.AddQueryHook(hook)

	type cell struct {
		EvaluateeID, TaskID, MaxPoints string
		Score                          *struct {
			Status, Value string
			Version       int
		}
	}
	sheet := func() map[[2]string]cell {
		var out struct{ ScoreSheet struct{ Cells []cell } }
		a.must(`{ scoreSheet(periodId: "2") { cells { evaluateeId taskId maxPoints score { status value version } } } }`, nil, &out)
		m := map[[2]string]cell{}
		for _, c := range out.ScoreSheet.Cells {
			m[[2]string{c.EvaluateeID, c.TaskID}] = c
		}
		return m
	}
	var target *cell
	version := 0
	for _, c := range sheet() {
		if c.Score == nil || c.Score.Status == "DRAFT" {
			target = &c
			if c.Score != nil {
				version = c.Score.Version
			}
			break
		}
	}
	if target == nil {
		t.Fatal("the demo has no open cell of 市审批服务局 in period 2")
	}
	key := [2]string{target.EvaluateeID, target.TaskID}
	save := func(value string, version int) []gqlError {
		return a.do(`mutation($e: [ScoreEntryInput!]!) { saveScores(input: {periodId: "2", entries: $e, submit: false}) { version } }`,
			map[string]any{"e": []any{map[string]any{"evaluateeId": target.EvaluateeID, "taskId": target.TaskID, "value": value, "comment": "断线测试", "version": version}}}, nil)
	}

	// Backends killed between requests: the next read and write succeed.
	terminate(false)
	if got := sheet()[key]; got.MaxPoints != target.MaxPoints {
		t.Fatalf("read after the kill: %+v, want %+v", got, target)
	}
	terminate(true)
	if errs := save(target.MaxPoints, version); len(errs) > 0 {
		t.Fatalf("save after the kill: %+v", errs)
	}
	after := sheet()[key]
	if after.Score == nil || after.Score.Version != version+1 || after.Score.Value != target.MaxPoints {
		t.Fatalf("after the save: %+v, want version %d value %s", after.Score, version+1, target.MaxPoints)
	}

	// The backend dies in the middle of the save: UNAVAILABLE, nothing written.
	hook.armed.Store(true)
	errs := save("0", after.Score.Version)
	if codeOf(errs) != "UNAVAILABLE" || !strings.Contains(errs[0].Message, "请重试") {
		t.Fatalf("save whose connection died: %+v, want UNAVAILABLE asking to retry", errs)
	}
	if hook.armed.Load() {
		t.Fatal("the save never wrote to scores: the test did not kill it half-way")
	}
	if got := sheet()[key]; got.Score.Version != after.Score.Version || got.Score.Value != after.Score.Value {
		t.Fatalf("after the failed save: %+v, want it unchanged (%+v)", got.Score, after.Score)
	}
	// And the retry the message asks for goes through.
	if errs := save("0", after.Score.Version); len(errs) > 0 {
		t.Fatalf("retry: %+v", errs)
	}
}
