package results

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// Prepared is a ranking with its rows as JSON, ready to send: published,
// or a preview (RankingJSON).
type Prepared struct {
	Period      store.Period
	Preview     bool            // not frozen: computed now (RankingJSON)
	PublishedAt time.Time       // of the publication; zero for a preview
	Rows        json.RawMessage // [RankingRow…] as the typed field would write them
}

// PublishedRanking is GroupRanking for a frozen period, as prepared JSON:
// the frozen part of each row (rank, score, components, dimensions) is
// encoded once per publication and group and kept in memory; only the
// evaluatee and its unit, which may be renamed after publication, are
// written per request. Same visibility as GroupRanking. A period without a
// publication in force has nothing frozen: read the typed ranking (a
// preview) instead.
func PublishedRanking(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, group store.RankingGroup) (*Prepared, error) {
	p, pub, err := store.FindPeriodWithPublication(ctx, db, periodID)
	if err != nil {
		return nil, err
	}
	if !frozen(*p) {
		pub = nil
	}
	if pub == nil {
		return nil, apperr.New(apperr.NotFound, fmt.Sprintf("%s尚未公示,没有冻结的结果(请查看排名预览)", p.Name),
			fmt.Sprintf("%s has not been in publicity yet, so it has no frozen results (see the ranking preview)", p.EnglishName()))
	}
	return publishedRanking(ctx, db, id, p, pub, group)
}

func publishedRanking(ctx context.Context, db store.DB, id *auth.Identity, p *store.Period, pub *store.Publication, group store.RankingGroup) (*Prepared, error) {
	if !id.Has(readsAll...) && !workflow.Allows(p.State, workflow.SeeOwnResults) {
		return nil, errNotYet
	}
	rows, err := preparedRows(ctx, db, pub, group)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.evaluateeID
	}
	byID, err := store.EvaluateesByIDs(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, preparedSize(rows))
	out = append(out, '[')
	first := true
	for _, r := range rows {
		e, ok := byID[r.evaluateeID]
		if !ok {
			continue // removed from the plan after publication, as in readFrozen
		}
		e.Group = group
		if !MaySee(id, &e, p.State) {
			continue
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		out = appendRow(out, r.rank, e, group, r.frozen)
	}
	out = append(out, ']')
	return &Prepared{Period: *p, PublishedAt: pub.CreatedAt, Rows: out}, nil
}

// preparedRow is one frozen row: its evaluatee, rank and the rest of its
// JSON object (without braces), encoded once.
type preparedRow struct {
	evaluateeID int64
	rank        int
	frozen      []byte
}

func preparedSize(rows []preparedRow) int {
	n := 2
	for _, r := range rows {
		n += len(r.frozen) + 160
	}
	return n
}

// frozenJSON is the part of a RankingRow a publication fixes. Decimals
// marshal as strings, as the Decimal scalar writes them.
type frozenJSON struct {
	Score         any             `json:"score"`
	Provisional   bool            `json:"provisional"`
	MissingScores int             `json:"missingScores"`
	Components    []Component     `json:"components"`
	Dimensions    []dimensionJSON `json:"dimensions"`
}

type dimensionJSON struct {
	DimensionID   string          `json:"dimensionId"`
	Number        int             `json:"number"`
	Name          string          `json:"name"`
	Points        decimal.Decimal `json:"points"`
	CarriedPoints decimal.Decimal `json:"carriedPoints"`
	Earned        decimal.Decimal `json:"earned"`
	Score         decimal.Decimal `json:"score"`
}

// The cache of prepared rows: a publication never changes once made
// (reopening a period makes a new one), so entries need no invalidation,
// only a bound. In memory rather than in the database: it is rebuilt from
// the frozen rows in one statement, so a restart costs one slow read per
// group, and no migration or second copy of every publication is needed.
// Bounded by bytes; when full it starts over (publications in force are
// few, so the working set refills at once).
const preparedCacheBytes = 64 << 20

var preparedCache = struct {
	sync.Mutex
	bytes  int
	groups map[preparedKey][]preparedRow
}{groups: map[preparedKey][]preparedRow{}}

// preparedKey names a group of a publication of one database: a process
// may serve several (the tests do, with the same ids in each), so the
// database handle is part of the key. Reads inside a transaction have no
// lasting handle and are not cached.
type preparedKey struct {
	db          *bun.DB
	publication int64
	createdAt   time.Time
	group       store.RankingGroup
}

func preparedRows(ctx context.Context, db store.DB, pub *store.Publication, group store.RankingGroup) ([]preparedRow, error) {
	handle, cacheable := db.(*bun.DB)
	key := preparedKey{handle, pub.ID, pub.CreatedAt, group}
	if cacheable {
		preparedCache.Lock()
		rows, ok := preparedCache.groups[key]
		preparedCache.Unlock()
		if ok {
			return rows, nil
		}
	}
	prs, err := store.PublishedResults(ctx, db, pub.ID, &group, nil, false)
	if err != nil {
		return nil, err
	}
	size := 0
	rows := make([]preparedRow, 0, len(prs))
	for _, pr := range prs {
		b, err := Thaw(pr)
		if err != nil {
			return nil, err
		}
		enc, err := rowFields(b.Score, false, b.MissingScores, b.Components, b.Dimensions)
		if err != nil {
			return nil, fmt.Errorf("prepare published row of evaluatee %d: %w", pr.EvaluateeID, err)
		}
		rows = append(rows, preparedRow{evaluateeID: pr.EvaluateeID, rank: pr.Rank, frozen: enc})
		size += len(enc)
	}
	if !cacheable {
		return rows, nil
	}
	preparedCache.Lock()
	if preparedCache.bytes+size > preparedCacheBytes {
		clear(preparedCache.groups)
		preparedCache.bytes = 0
	}
	preparedCache.groups[key] = rows
	preparedCache.bytes += size
	preparedCache.Unlock()
	return rows, nil
}

// JSONRow is a ranking row to write as JSON when it is not prepared (a
// preview, an annual ranking): the typed row's fields.
type JSONRow struct {
	Rank          int
	Evaluatee     store.Evaluatee
	Score         *decimal.Decimal
	Provisional   bool
	Components    []Component
	Dimensions    []Dimension
	MissingScores int
}

// RowsJSON writes rows as the prepared rows are written (the schema's
// Ranking.rowsJson), once per request: for rankings with no publication to
// prepare them from.
func RowsJSON(rows []JSONRow) (json.RawMessage, error) {
	out := make([]byte, 0, 2+len(rows)*600)
	out = append(out, '[')
	for i, r := range rows {
		fields, err := rowFields(r.Score, r.Provisional, r.MissingScores, r.Components, r.Dimensions)
		if err != nil {
			return nil, fmt.Errorf("encode ranking row of evaluatee %d: %w", r.Evaluatee.ID, err)
		}
		if i > 0 {
			out = append(out, ',')
		}
		out = appendRow(out, r.Rank, r.Evaluatee, r.Evaluatee.Group, fields)
	}
	return append(out, ']'), nil
}

// rowFields encodes the part of a row a publication fixes: its fields
// without braces, spliced after rank and evaluatee by appendRow.
func rowFields(score *decimal.Decimal, provisional bool, missing int, comps []Component, dims []Dimension) ([]byte, error) {
	f := frozenJSON{Provisional: provisional, MissingScores: missing, Components: comps, Dimensions: make([]dimensionJSON, len(dims))}
	if f.Components == nil {
		f.Components = []Component{}
	}
	if score != nil {
		f.Score = score
	}
	for i, d := range dims {
		f.Dimensions[i] = dimensionJSON{DimensionID: strconv.FormatInt(d.ID, 10), Number: d.Number, Name: d.Name,
			Points: d.Points, CarriedPoints: d.CarriedPoints, Earned: d.Earned, Score: d.Score}
	}
	enc, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return enc[1 : len(enc)-1], nil
}

// appendRow writes one row object: rank, the evaluatee and its unit (read
// per request: they may be renamed after publication), then fields.
func appendRow(out []byte, rank int, e store.Evaluatee, group store.RankingGroup, fields []byte) []byte {
	out = append(out, `{"rank":`...)
	out = strconv.AppendInt(out, int64(rank), 10)
	out = append(out, `,"evaluatee":{"id":"`...)
	out = strconv.AppendInt(out, e.ID, 10)
	out = append(out, `","group":`...)
	out = strconv.AppendQuote(out, string(group))
	out = append(out, `,"unit":{"id":"`...)
	out = strconv.AppendInt(out, e.UnitID, 10)
	out = append(out, `","name":`...)
	name, sortKey := "", 0
	if e.Unit != nil {
		name, sortKey = e.Unit.Name, e.Unit.SortKey
	}
	out = appendJSONString(out, name)
	out = append(out, `,"sortKey":`...)
	out = strconv.AppendInt(out, int64(sortKey), 10)
	out = append(out, "}},"...)
	out = append(out, fields...)
	return append(out, '}')
}

// appendJSONString writes s as encoding/json does (strconv's quoting is
// Go syntax, not JSON, for control and non-printable characters).
func appendJSONString(out []byte, s string) []byte {
	enc, err := json.Marshal(s)
	if err != nil { // a string always marshals
		panic(err)
	}
	return append(out, enc...)
}
