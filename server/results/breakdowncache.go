package results

import (
	"container/list"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// The breakdown cache holds the frozen breakdowns of recently read
// evaluatees, decoded. At province scale one is about 150 KB of jsonb (300
// tasks with their scores); reading it out of PostgreSQL and decoding it
// was most of a published breakdown's time. A publication never changes
// (reopening or an upheld objection makes a new one), so an entry needs no
// invalidation, only a bound: entries are found by the publication the
// reader has just looked up, and one of a superseded publication is never
// found again and is dropped when its successor's comes in.
//
// What is kept is what the publication froze: the figures, the task lines
// and the score lines (their lead units' names, who entered and verified,
// as ScoreLine documents). The evaluatee and its unit, which may be renamed
// after publication, are read per request, as a ranking's are.
//
// Bound: breakdownCacheBytes of estimated heap (the decoded breakdown and
// the stored JSON Breakdown.frozen answers with), least recently used out
// first. A province breakdown is about 600 KB of both, so some fifty stay.
const breakdownCacheBytes = 32 << 20

// breakdownKey names one evaluatee's row of a publication of one
// database. The handle is part of the key, as in preparedKey: a process
// may serve several databases with the same ids (the tests do), and the
// creation time guards a restore that reuses ids under a running server.
type breakdownKey struct {
	db          *bun.DB
	period      int64
	publication int64
	createdAt   time.Time
	evaluatee   int64
}

// frozenBreakdown is one evaluatee's row of a publication, decoded once.
// Every reader shares it: nothing may change it.
type frozenBreakdown struct {
	group  store.RankingGroup
	rank   int
	result Breakdown
	raw    json.RawMessage // as stored, for Breakdown.frozen
	size   int             // estimated heap bytes (breakdownSize)
}

type breakdownCache struct {
	limit int

	mu      sync.Mutex
	bytes   int
	lru     *list.List // of *breakdownItem, most recently used first
	items   map[breakdownKey]*list.Element
	loading map[breakdownKey]*breakdownLoad
	// joined, when set (tests), is called whenever a reader waits for
	// another reader's load instead of loading itself.
	joined func()
}

type breakdownItem struct {
	key breakdownKey
	e   *frozenBreakdown
}

// breakdownLoad is a load in progress; readers of the same key wait for
// it rather than each reading 150 KB of the same jsonb.
type breakdownLoad struct {
	done      chan struct{}
	e         *frozenBreakdown
	err       error
	cancelled bool // the loading request ended first: the others load again
}

var breakdowns = newBreakdownCache(breakdownCacheBytes)

func newBreakdownCache(limit int) *breakdownCache {
	return &breakdownCache{limit: limit, lru: list.New(), items: map[breakdownKey]*list.Element{}, loading: map[breakdownKey]*breakdownLoad{}}
}

var errLoadUnfinished = errors.New("the load of a frozen breakdown did not finish")

// get returns the entry under key, loading it (once, whoever else asks
// meanwhile) when it is not kept. load returns nil for a row that does
// not exist; that is not kept.
func (c *breakdownCache) get(ctx context.Context, key breakdownKey, load func(context.Context) (*frozenBreakdown, error)) (*frozenBreakdown, error) {
	for {
		c.mu.Lock()
		if el, ok := c.items[key]; ok {
			c.lru.MoveToFront(el)
			c.mu.Unlock()
			return el.Value.(*breakdownItem).e, nil
		}
		if l, ok := c.loading[key]; ok {
			if c.joined != nil {
				c.joined()
			}
			c.mu.Unlock()
			select {
			case <-l.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if !l.cancelled {
				return l.e, l.err
			}
			continue
		}
		l := &breakdownLoad{done: make(chan struct{}), err: errLoadUnfinished}
		c.loading[key] = l
		c.mu.Unlock()
		c.lead(ctx, key, l, load)
		return l.e, l.err
	}
}

func (c *breakdownCache) lead(ctx context.Context, key breakdownKey, l *breakdownLoad, load func(context.Context) (*frozenBreakdown, error)) {
	defer func() { // also when load panics: the waiters must not hang
		c.mu.Lock()
		delete(c.loading, key)
		if l.err == nil && l.e != nil {
			c.add(key, l.e)
		}
		c.mu.Unlock()
		close(l.done)
	}()
	l.e, l.err = load(ctx)
	l.cancelled = l.err != nil && ctx.Err() != nil
}

// add keeps e under key, dropping the same evaluatee's entries of earlier
// publications of the period and then the least recently used until the
// cache is within its bound. Called with mu held.
func (c *breakdownCache) add(key breakdownKey, e *frozenBreakdown) {
	if e.size > c.limit {
		return
	}
	for el := c.lru.Front(); el != nil; {
		next := el.Next()
		if k := el.Value.(*breakdownItem).key; k.db == key.db && k.period == key.period && k.evaluatee == key.evaluatee {
			c.remove(el)
		}
		el = next
	}
	c.items[key] = c.lru.PushFront(&breakdownItem{key: key, e: e})
	c.bytes += e.size
	for c.bytes > c.limit {
		c.remove(c.lru.Back())
	}
}

func (c *breakdownCache) remove(el *list.Element) {
	it := c.lru.Remove(el).(*breakdownItem)
	delete(c.items, it.key)
	c.bytes -= it.e.size
}

// frozenBreakdownOf is one evaluatee's row of the publication in force,
// from the cache when it has been read since the process started; nil when
// the publication has no row of it. Reads inside a transaction are not
// kept: they have no lasting handle to key by.
func frozenBreakdownOf(ctx context.Context, db store.DB, periodID int64, pub *store.Publication, evaluateeID int64) (*frozenBreakdown, error) {
	load := func(ctx context.Context) (*frozenBreakdown, error) {
		prs, err := store.PublishedResults(ctx, db, pub.ID, nil, &evaluateeID, true)
		if err != nil {
			return nil, fmt.Errorf("load breakdown of evaluatee %d in publication %d: %w", evaluateeID, pub.ID, err)
		}
		if len(prs) == 0 {
			return nil, nil
		}
		pr := prs[0]
		b, err := Thaw(pr)
		if err != nil {
			return nil, err
		}
		e := &frozenBreakdown{group: pr.Group, rank: pr.Rank, result: b, raw: pr.Breakdown}
		e.size = breakdownSize(e)
		return e, nil
	}
	handle, ok := db.(*bun.DB)
	if !ok {
		return load(ctx)
	}
	return breakdowns.get(ctx, breakdownKey{db: handle, period: periodID, publication: pub.ID, createdAt: pub.CreatedAt, evaluatee: evaluateeID}, load)
}

// Heap estimates of what decoding allocates besides the structs themselves:
// a Decimal points to a big.Int with a one-word magnitude, a time decoded
// with an offset other than Z has a location of its own, and a kept entry
// costs its list element, map slot and item.
const (
	bigIntBytes   = 48
	locationBytes = 200
	entryBytes    = 200
)

// breakdownSize estimates the heap an entry holds. It errs high rather
// than low: TestBreakdownSizeIsNotUnderestimated compares it with the heap
// of decoded breakdowns.
func breakdownSize(e *frozenBreakdown) int {
	b := &e.result
	n := entryBytes + int(unsafe.Sizeof(*e)) + cap(e.raw) + len(b.Exact) + decimalPtr(b.Score)
	n += cap(b.Components) * int(unsafe.Sizeof(Component{}))
	for _, c := range b.Components {
		n += bigIntBytes + decimalPtr(c.Value) + len(c.Method)
	}
	n += cap(b.Dimensions) * int(unsafe.Sizeof(Dimension{}))
	for _, d := range b.Dimensions {
		n += len(d.Name) + 4*bigIntBytes
	}
	n += cap(b.Steps) * int(unsafe.Sizeof(scoring.Step{}))
	for _, s := range b.Steps {
		n += len(s.Label) + len(s.Formula) + len(s.Detail) + len(s.LabelEn) + len(s.FormulaEn) + len(s.DetailEn)
	}
	n += cap(b.Tasks) * int(unsafe.Sizeof(TaskLine{}))
	for _, t := range b.Tasks {
		n += len(t.Text) + 2*bigIntBytes + cap(t.Scores)*int(unsafe.Sizeof(ScoreLine{}))
		for _, s := range t.Scores {
			n += len(s.LeadUnitName) + len(s.Status) + len(s.EnteredBy) + bigIntBytes + timeSize(&s.EnteredAt) +
				stringPtr(s.VerifiedBy) + stringPtr(s.ReviewReason) + decimalPtr(s.OriginalValue)
			if s.VerifiedAt != nil {
				n += int(unsafe.Sizeof(*s.VerifiedAt)) + timeSize(s.VerifiedAt)
			}
		}
		if f := t.Finding; f != nil {
			n += int(unsafe.Sizeof(*f)) + len(f.Judgement) + len(f.Note) + timeSize(&f.VisitDate)
		}
	}
	return n
}

func decimalPtr(d *decimal.Decimal) int {
	if d == nil {
		return 0
	}
	return int(unsafe.Sizeof(*d)) + bigIntBytes
}

func stringPtr(s *string) int {
	if s == nil {
		return 0
	}
	return int(unsafe.Sizeof(*s)) + len(*s)
}

func timeSize(t *time.Time) int {
	if loc := t.Location(); loc == time.UTC || loc == time.Local {
		return 0
	}
	return locationBytes
}
