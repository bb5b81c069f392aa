package results

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
	"github.com/kaoping/kaoping/server/workflow"
)

func entryOf(size int) *frozenBreakdown { return &frozenBreakdown{size: size} }

func loadOf(e *frozenBreakdown) func(context.Context) (*frozenBreakdown, error) {
	return func(context.Context) (*frozenBreakdown, error) { return e, nil }
}

func (c *breakdownCache) has(key breakdownKey) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.items[key]
	return ok
}

// The cache stays within its byte bound, the least recently used entry
// goes first, an entry bigger than the bound is not kept, and an
// evaluatee's entry of a superseded publication goes as soon as the new
// publication's comes in.
func TestBreakdownCacheKeepsWithinItsBound(t *testing.T) {
	ctx := context.Background()
	db := new(bun.DB)
	c := newBreakdownCache(1000)
	key := func(pub, ev int64) breakdownKey {
		return breakdownKey{db: db, period: 1, publication: pub, evaluatee: ev}
	}
	for ev := int64(1); ev <= 4; ev++ {
		if _, err := c.get(ctx, key(1, ev), loadOf(entryOf(300))); err != nil {
			t.Fatal(err)
		}
		if c.bytes > c.limit {
			t.Fatalf("after %d entries the cache holds %d bytes, over its %d", ev, c.bytes, c.limit)
		}
	}
	if c.has(key(1, 1)) || !c.has(key(1, 2)) || !c.has(key(1, 4)) || c.bytes != 900 {
		t.Fatalf("after four entries of 300 in 1000: kept %d bytes, first kept %v, second %v", c.bytes, c.has(key(1, 1)), c.has(key(1, 2)))
	}
	// Reading the second makes the third the least recently used.
	if e, _ := c.get(ctx, key(1, 2), func(context.Context) (*frozenBreakdown, error) {
		t.Fatal("a kept entry was loaded again")
		return nil, nil
	}); e == nil {
		t.Fatal("the kept entry was not returned")
	}
	if _, err := c.get(ctx, key(1, 5), loadOf(entryOf(300))); err != nil {
		t.Fatal(err)
	}
	if c.has(key(1, 3)) || !c.has(key(1, 2)) || !c.has(key(1, 5)) {
		t.Errorf("the least recently used did not go first: 2 %v, 3 %v, 5 %v", c.has(key(1, 2)), c.has(key(1, 3)), c.has(key(1, 5)))
	}
	// Too big to keep: answered, not kept, nothing else evicted.
	big := entryOf(1001)
	if e, _ := c.get(ctx, key(1, 6), loadOf(big)); e != big || c.has(key(1, 6)) || c.bytes != 900 {
		t.Errorf("an entry over the bound: answered %v, kept %v, cache at %d bytes", e == big, c.has(key(1, 6)), c.bytes)
	}
	// A row the publication does not have is not kept either.
	if e, err := c.get(ctx, key(1, 7), loadOf(nil)); e != nil || err != nil || c.has(key(1, 7)) {
		t.Errorf("a missing row: %v, %v, kept %v", e, err, c.has(key(1, 7)))
	}
	// Publication 2 of the same period replaces evaluatee 5's entry of 1.
	if _, err := c.get(ctx, key(2, 5), loadOf(entryOf(100))); err != nil {
		t.Fatal(err)
	}
	if c.has(key(1, 5)) || !c.has(key(2, 5)) || c.bytes != 700 || c.lru.Len() != len(c.items) {
		t.Errorf("after a re-freeze: old kept %v, new kept %v, %d bytes, %d listed, %d mapped", c.has(key(1, 5)), c.has(key(2, 5)), c.bytes, c.lru.Len(), len(c.items))
	}
	// Another database's entry under the same ids is another entry.
	other := breakdownKey{db: new(bun.DB), period: 1, publication: 2, evaluatee: 5}
	if _, err := c.get(ctx, other, loadOf(entryOf(100))); err != nil {
		t.Fatal(err)
	}
	if !c.has(other) || !c.has(key(2, 5)) {
		t.Errorf("two databases' entries under the same ids: %v %v", c.has(other), c.has(key(2, 5)))
	}
}

// Readers of a key that is being loaded wait for that load: one load
// however many ask. A load whose reader gave up is done again by the
// next; a load that failed fails its waiters too, and is not kept.
func TestBreakdownCacheLoadsOnceForConcurrentReaders(t *testing.T) {
	const readers = 32
	ctx := context.Background()
	c := newBreakdownCache(1 << 20)
	var joined sync.WaitGroup
	joined.Add(readers - 1)
	c.joined = joined.Done
	key := breakdownKey{db: new(bun.DB), period: 1, publication: 1, evaluatee: 1}
	want := entryOf(10)
	var loads int
	release := make(chan struct{})
	load := func(context.Context) (*frozenBreakdown, error) {
		loads++ // only ever one at a time: that is what is tested
		<-release
		return want, nil
	}
	got := make([]*frozenBreakdown, readers)
	var done sync.WaitGroup
	for i := range readers {
		done.Add(1)
		go func() {
			defer done.Done()
			e, err := c.get(ctx, key, load)
			if err != nil {
				t.Error(err)
			}
			got[i] = e
		}()
	}
	joined.Wait() // all but the loader wait for it
	close(release)
	done.Wait()
	if loads != 1 {
		t.Errorf("%d readers at once loaded %d times", readers, loads)
	}
	for i, e := range got {
		if e != want {
			t.Fatalf("reader %d got %v", i, e)
		}
	}

	// The loader's request ends while another waits: the other loads itself.
	c.joined = nil
	key.evaluatee = 2
	cctx, cancel := context.WithCancel(ctx)
	started, waiting := make(chan struct{}), make(chan struct{})
	c.joined = func() { close(waiting) }
	go func() {
		_, err := c.get(cctx, key, func(ctx context.Context) (*frozenBreakdown, error) {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the cancelled loader: %v", err)
		}
	}()
	<-started
	second := make(chan *frozenBreakdown)
	go func() {
		e, err := c.get(ctx, key, loadOf(want))
		if err != nil {
			t.Error(err)
		}
		second <- e
	}()
	<-waiting
	cancel()
	if e := <-second; e != want || !c.has(key) {
		t.Errorf("after the loader gave up, the waiter got %v (kept %v)", e, c.has(key))
	}

	// A failed load fails whoever waited for it and is not kept.
	key.evaluatee = 3
	boom := errors.New("boom")
	started, waiting = make(chan struct{}), make(chan struct{})
	release = make(chan struct{})
	c.joined = func() { close(waiting) }
	go func() {
		_, _ = c.get(ctx, key, func(context.Context) (*frozenBreakdown, error) {
			close(started)
			<-release
			return nil, boom
		})
	}()
	<-started
	failed := make(chan error)
	go func() {
		_, err := c.get(ctx, key, func(context.Context) (*frozenBreakdown, error) {
			t.Error("a waiter loaded again after a load that failed")
			return nil, nil
		})
		failed <- err
	}()
	<-waiting
	close(release)
	if err := <-failed; !errors.Is(err, boom) || c.has(key) {
		t.Errorf("waiter of a failed load: %v (kept %v)", err, c.has(key))
	}
}

// bigBreakdown is a province-sized breakdown: 300 tasks of three scores.
func bigBreakdown(seed int) Breakdown {
	d := func(cents int) decimal.Decimal { return decimal.New(int64(cents), -2) }
	score := d(8000 + seed)
	b := Breakdown{EvaluateeID: int64(seed), Score: &score, Exact: "80.00123456789012345678"}
	for _, m := range scoring.Methods() {
		v := d(7000 + seed)
		b.Components = append(b.Components, Component{Method: m, Weight: d(2500), Value: &v})
	}
	for i := range 8 {
		b.Dimensions = append(b.Dimensions, Dimension{ID: int64(i), Number: i, Name: fmt.Sprintf("方面%d", i), Points: d(1000), CarriedPoints: d(900), Earned: d(800 + seed), Score: d(850)})
		b.Steps = append(b.Steps, scoring.Step{Label: fmt.Sprintf("方面 %d", i), Formula: "r_d = Σ s / Σ P_t；P_d·r_d", Detail: "r = ≈13.7288 / 17.1875 = ≈0.7988；25 × ≈0.7988 = ≈19.9691",
			LabelEn: fmt.Sprintf("Dimension %d", i), FormulaEn: "r_d = Σ s / Σ P_t; P_d·r_d", DetailEn: "r = ≈13.7288 / 17.1875 = ≈0.7988; 25 × ≈0.7988 = ≈19.9691"})
	}
	at := time.Date(2024, 7, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for i := range 300 {
		line := TaskLine{TaskID: int64(i), Number: i, Text: fmt.Sprintf("重点任务%d：推进政务服务事项网上可办", i), DimensionID: int64(i % 8), Points: d(31), Score: d(27 + seed)}
		for j := range 3 {
			verifier := "专班"
			original := d(30)
			s := ScoreLine{ScoreID: int64(i*3 + j), LeadUnitName: fmt.Sprintf("省直部门%04d", j), Value: d(27 + j), Status: store.ScoreVerified,
				EnteredBy: "牵头单位评分员", EnteredAt: at, VerifiedBy: &verifier, VerifiedAt: &at, Counted: true}
			if j == 0 {
				s.OriginalValue = &original
			}
			line.Scores = append(line.Scores, s)
		}
		if i%10 == 0 {
			line.Finding = &FindingLine{VisitID: int64(i), VisitDate: at, Judgement: scoring.Judgement("MET"), Note: "现场核实", Photos: 2}
		}
		b.Tasks = append(b.Tasks, line)
	}
	return b
}

// The bound is only as good as the size estimate: decode province-sized
// breakdowns as a miss does and compare the heap they hold with what the
// cache counts for them. Not parallel: it reads the heap.
func TestBreakdownSizeIsNotUnderestimated(t *testing.T) {
	const n = 20
	raws := make([][]byte, n)
	for i := range raws {
		raw, err := json.Marshal(bigBreakdown(i))
		if err != nil {
			t.Fatal(err)
		}
		raws[i] = raw
	}
	kept := make([]*frozenBreakdown, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i, raw := range raws {
		b, err := Thaw(store.PublishedResult{EvaluateeID: int64(i), Breakdown: raw})
		if err != nil {
			t.Fatal(err)
		}
		kept[i] = &frozenBreakdown{result: b, raw: bytes.Clone(raw)}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int(after.HeapAlloc) - int(before.HeapAlloc)
	estimate := 0
	for _, e := range kept {
		estimate += breakdownSize(e)
	}
	runtime.KeepAlive(kept)
	t.Logf("%d breakdowns of %d bytes of JSON: %d bytes of heap, estimated %d", n, len(raws[0]), heap, estimate)
	if estimate < heap*9/10 {
		t.Errorf("the estimate (%d bytes) is under the heap the entries hold (%d)", estimate, heap)
	}
	if estimate > heap*2 {
		t.Errorf("the estimate (%d bytes) is more than twice the heap the entries hold (%d): the cache would keep too few", estimate, heap)
	}
}

// Many readers of a published breakdown at once, before anything is kept,
// get the same answer as a read that is never cached (inside a
// transaction), and the frozen row is read from the database once: every
// reader runs its two statements (period with publication, evaluatee) and
// one of them a third. Run with -race.
func TestPublishedBreakdownConcurrentReaders(t *testing.T) {
	t.Parallel()
	const readers = 16
	ctx := context.Background()
	s := genScenario(3_100_000)
	st := testdb.New(t)
	s.store(t, ctx, st.DB)
	p := s.periods[0].ID
	data, err := Load(ctx, st.DB, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Compute(data, scoring.Published)
	if err != nil {
		t.Fatal(err)
	}
	frozenRows, err := Freeze(rows)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Publish(ctx, st.DB, p, "专班", time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), frozenRows); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.NewUpdate().Model((*store.Period)(nil)).Set("state = ?", workflow.Publicity).Where("id = ?", p).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	_, ev := biggestGroup(s)
	leader := &auth.Identity{Roles: []auth.Role{auth.RoleLeader}}

	tx, err := st.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, want, err := EvaluateeBreakdown(ctx, tx, leader, p, ev.ID)
	_ = tx.Rollback()
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Result.Tasks) == 0 || len(want.Frozen) == 0 {
		t.Fatalf("the breakdown read has %d tasks and %d bytes frozen: nothing to compare", len(want.Result.Tasks), len(want.Frozen))
	}

	var statements sync.WaitGroup
	counts := make([]int64, readers)
	got := make([]*Row, readers)
	for i := range readers {
		statements.Add(1)
		go func() {
			defer statements.Done()
			cctx, n := store.WithQueryCount(ctx)
			_, row, err := EvaluateeBreakdown(cctx, st.DB, leader, p, ev.ID)
			if err != nil {
				t.Error(err)
				return
			}
			counts[i], got[i] = n.Load(), row
		}()
	}
	statements.Wait()
	var total int64
	for i, row := range got {
		if row == nil {
			t.FailNow()
		}
		total += counts[i]
		if !reflect.DeepEqual(row.Result, want.Result) || row.Rank != want.Rank || row.Evaluatee.ID != ev.ID || !bytes.Equal(row.Frozen, want.Frozen) {
			t.Fatalf("reader %d's breakdown differs from the one read uncached", i)
		}
	}
	if total != 2*readers+1 {
		t.Errorf("%d concurrent readers ran %d statements (%v), want %d: the frozen row read once", readers, total, counts, 2*readers+1)
	}
	// Kept now: one more reader runs two statements.
	cctx, n := store.WithQueryCount(ctx)
	if _, _, err := EvaluateeBreakdown(cctx, st.DB, leader, p, ev.ID); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 {
		t.Errorf("a kept breakdown cost %d statements, want 2", n.Load())
	}
}
