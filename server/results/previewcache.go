package results

import (
	"context"
	"encoding/json"
	"slices"
	"sync"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// RankingJSON is GroupRanking as rowsJson alone, with the bytes the typed
// rows would encode to: a period with a publication in force answers from
// its prepared rows (PublishedRanking), any other (a preview) from the
// preview cache below. Same visibility as GroupRanking.
func RankingJSON(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, group store.RankingGroup) (*Prepared, error) {
	p, pub, err := store.FindPeriodWithPublication(ctx, db, periodID)
	if err != nil {
		return nil, err
	}
	if frozen(*p) && pub != nil {
		return publishedRanking(ctx, db, id, p, pub, group)
	}
	if !id.Has(readsAll...) && !workflow.Allows(p.State, workflow.SeeOwnResults) {
		return nil, errNotYet
	}
	e, err := previewRanking(ctx, db, *p, group)
	if err != nil {
		return nil, err
	}
	return &Prepared{Period: *p, Preview: true, Rows: e.visible(id, p.State)}, nil
}

// The preview cache holds the encoded rows of recent preview rankings,
// each under the generation of its period it was computed at
// (store.FindPeriodGeneration, migrations/0020). Every write that can
// change a preview ranking gives the period a new generation when it
// commits, so an entry found under the generation a reader has just read
// is the ranking that reader would compute: entries are never stale, and
// need no invalidation, only a bound. An entry is stored only when the
// period's generation was the same before and after computing it, so all
// its statements read that one generation's data (under READ COMMITTED
// each statement may see a later commit; none came between).
//
// Bound: at most previewCacheEntries entries holding at most
// previewCacheBytes of encoded rows in all. Each row also keeps its
// evaluatee and offsets (about 200 bytes, less than the row's own JSON), so
// the cache holds under 2 × 64 MiB; a province group of 1,200 rows encodes
// to about 1 MB. The least recently used entry goes first, and a new
// generation of a period and group replaces the old one at once.
const (
	previewCacheEntries = 16
	previewCacheBytes   = 64 << 20
)

// previewKey names a preview ranking of one database: the handle is part
// of the key, as in preparedKey. Reads inside a transaction are not
// cached: they may see their own writes, whose generation is bumped only
// at commit.
type previewKey struct {
	db         *bun.DB
	period     int64
	group      store.RankingGroup
	generation string
}

// previewEntry is a ranking's rows encoded as RowsJSON writes them, and
// where each row is in it, for readers that see only some rows.
type previewEntry struct {
	key  previewKey
	all  json.RawMessage
	rows []previewRow
}

type previewRow struct {
	evaluatee  store.Evaluatee // for MaySee
	start, end int
}

var previewCache = struct {
	sync.Mutex
	entries []*previewEntry // least recently used first
	bytes   int
}{}

func previewLookup(key previewKey) *previewEntry {
	previewCache.Lock()
	defer previewCache.Unlock()
	for i, e := range previewCache.entries {
		if e.key == key {
			previewCache.entries = append(slices.Delete(previewCache.entries, i, i+1), e)
			return e
		}
	}
	return nil
}

func previewStore(e *previewEntry) {
	if len(e.all) > previewCacheBytes {
		return
	}
	previewCache.Lock()
	defer previewCache.Unlock()
	k := e.key
	previewCache.entries = slices.DeleteFunc(previewCache.entries, func(old *previewEntry) bool {
		gone := old.key.db == k.db && old.key.period == k.period && old.key.group == k.group
		if gone {
			previewCache.bytes -= len(old.all)
		}
		return gone
	})
	previewCache.entries = append(previewCache.entries, e)
	previewCache.bytes += len(e.all)
	for len(previewCache.entries) > previewCacheEntries || previewCache.bytes > previewCacheBytes {
		previewCache.bytes -= len(previewCache.entries[0].all)
		previewCache.entries = slices.Delete(previewCache.entries, 0, 1)
	}
}

// previewRanking returns a preview ranking's encoded rows, from the cache
// when the period's generation has not moved since they were computed.
func previewRanking(ctx context.Context, db store.DB, p store.Period, group store.RankingGroup) (*previewEntry, error) {
	handle, cacheable := db.(*bun.DB)
	var key previewKey
	if cacheable {
		gen, err := store.FindPeriodGeneration(ctx, db, p.ID)
		if err != nil {
			return nil, err
		}
		key = previewKey{handle, p.ID, group, gen}
		if e := previewLookup(key); e != nil {
			return e, nil
		}
	}
	rows, err := rankFromRollups(ctx, db, p, group, scoring.Preview)
	if err != nil {
		return nil, err
	}
	e, err := encodePreview(rows)
	if err != nil {
		return nil, err
	}
	if cacheable {
		after, err := store.FindPeriodGeneration(ctx, db, p.ID)
		if err != nil {
			return nil, err
		}
		if after == key.generation {
			e.key = key
			previewStore(e)
		}
	}
	return e, nil
}

// encodePreview writes the rows as RowsJSON writes a preview's typed rows
// (graph's withRowsJSON), noting where each row is.
func encodePreview(rows []Row) (*previewEntry, error) {
	e := &previewEntry{rows: make([]previewRow, len(rows))}
	out := make([]byte, 0, 2+len(rows)*600)
	out = append(out, '[')
	for i, r := range rows {
		b := r.Result
		fields, err := rowFields(b.Score, false, b.MissingScores, b.Components, b.Dimensions)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out = append(out, ',')
		}
		start := len(out)
		out = appendRow(out, r.Rank, r.Evaluatee, r.Evaluatee.Group, fields)
		e.rows[i] = previewRow{evaluatee: r.Evaluatee, start: start, end: len(out)}
	}
	e.all = append(out, ']')
	return e, nil
}

// visible is the rows id may see (MaySee), as JSON. The whole answer is
// shared between readers: callers must not change it.
func (e *previewEntry) visible(id *auth.Identity, state workflow.State) json.RawMessage {
	if id.Has(readsAll...) {
		return e.all[:len(e.all):len(e.all)]
	}
	out := []byte{'['}
	for _, r := range e.rows {
		if !MaySee(id, &r.evaluatee, state) {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, e.all[r.start:r.end]...)
	}
	return append(out, ']')
}
