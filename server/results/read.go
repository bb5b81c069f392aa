package results

import (
	"cmp"
	"context"
	"github.com/kaoping/kaoping/server/workflow"
	"hash/fnv"
	"slices"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// View is a ranking or a breakdown as read: frozen from the publication in
// force while the period is in 公示 or 发布, computed now (a preview that
// counts drafts) otherwise.
type View struct {
	Period      store.Period
	Preview     bool
	PublishedAt *time.Time
	Rows        []Row
}

func frozen(p store.Period) bool {
	return p.State == workflow.Publicity || p.State == workflow.Published
}

// read returns the results of a period for one group or one evaluatee (nil
// for all), for every reader: the entry points in access.go filter it.
// Frozen reads cost three statements whatever the size (a kept breakdown
// two); previews load the period's data once.
func read(ctx context.Context, db store.DB, periodID int64, group *store.RankingGroup, evaluateeID *int64, withTasks bool) (*View, error) {
	p, pub, err := store.FindPeriodWithPublication(ctx, db, periodID)
	if err != nil {
		return nil, err
	}
	v := &View{Period: *p}
	if frozen(*p) && pub != nil {
		v.PublishedAt = &pub.CreatedAt
		if evaluateeID != nil && group == nil && withTasks {
			return v, readFrozenBreakdown(ctx, db, v, pub, *evaluateeID)
		}
		return v, readFrozen(ctx, db, v, pub.ID, p.PlanID, group, evaluateeID, withTasks)
	}
	v.Preview = true
	if group != nil && evaluateeID == nil && !withTasks {
		// A ranking shows no task lines: the roll-ups hold all it needs.
		v.Rows, err = rankFromRollups(ctx, db, *p, *group, scoring.Preview)
		return v, err
	}
	var ids []int64
	if evaluateeID != nil {
		ids = []int64{*evaluateeID}
	}
	data, err := Load(ctx, db, periodID, ids)
	if err != nil {
		return nil, err
	}
	if group != nil {
		// Ranks are inside a group, so compute the whole group.
		var in []store.Evaluatee
		for _, e := range data.Evaluatees {
			if e.Group == *group {
				in = append(in, e)
			}
		}
		data.Evaluatees = in
	}
	v.Rows, err = Compute(data, scoring.Preview)
	return v, err
}

func readFrozen(ctx context.Context, db store.DB, v *View, pubID, planID int64, group *store.RankingGroup, evaluateeID *int64, withTasks bool) error {
	prs, err := store.PublishedResults(ctx, db, pubID, group, evaluateeID, withTasks)
	if err != nil {
		return err
	}
	ids := make([]int64, len(prs))
	for i, pr := range prs {
		ids[i] = pr.EvaluateeID
	}
	byID, err := store.EvaluateesByIDs(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, pr := range prs {
		b, err := thawCached(pubID, pr)
		if err != nil {
			return err
		}
		e, ok := byID[pr.EvaluateeID]
		if !ok {
			continue // removed from the plan after publication; its frozen row stays in the database
		}
		e.Group = pr.Group
		row := Row{Evaluatee: e, Rank: pr.Rank, Result: b}
		if withTasks {
			row.Frozen = pr.Breakdown
		}
		v.Rows = append(v.Rows, row)
	}
	return nil
}

// readFrozenBreakdown is readFrozen for one evaluatee with its tasks (a
// published breakdown), from the breakdown cache.
func readFrozenBreakdown(ctx context.Context, db store.DB, v *View, pub *store.Publication, evaluateeID int64) error {
	fb, err := frozenBreakdownOf(ctx, db, v.Period.ID, pub, evaluateeID)
	if err != nil || fb == nil {
		return err
	}
	byID, err := store.EvaluateesByIDs(ctx, db, []int64{evaluateeID})
	if err != nil {
		return err
	}
	e, ok := byID[evaluateeID]
	if !ok {
		return nil // removed from the plan after publication, as in readFrozen
	}
	e.Group = fb.group
	v.Rows = []Row{{Evaluatee: e, Rank: fb.rank, Result: fb.result, Frozen: fb.raw}}
	return nil
}

// AnnualRow is an evaluatee's annual figure.
type AnnualRow struct {
	Evaluatee   store.Evaluatee
	Rank        int
	Score       *decimal.Decimal
	Provisional bool
	H1, H2      *Breakdown
}

// rankAnnual ranks a group by Y = (H1 + H2) / 2 over the published halves; H1
// alone is provisional (DESIGN §2.8).
func rankAnnual(ctx context.Context, db store.DB, planID int64, group store.RankingGroup) ([]AnnualRow, error) {
	periods, err := store.PeriodsByPlans(ctx, db, []int64{planID})
	if err != nil {
		return nil, err
	}
	halves := map[int]map[int64]Breakdown{}
	for _, p := range periods[planID] {
		halves[p.Half] = map[int64]Breakdown{}
		if !frozen(p) {
			continue
		}
		v, err := read(ctx, db, p.ID, &group, nil, false)
		if err != nil {
			return nil, err
		}
		for _, r := range v.Rows {
			halves[p.Half][r.Evaluatee.ID] = r.Result
		}
	}
	evs, err := store.EvaluateesByPlans(ctx, db, []int64{planID})
	if err != nil {
		return nil, err
	}
	var rows []AnnualRow
	var in []scoring.RankInput
	for _, e := range evs[planID] {
		if e.Group != group {
			continue
		}
		row := AnnualRow{Evaluatee: e}
		var h1, h2 *decimal.Decimal
		if b, ok := halves[1][e.ID]; ok {
			row.H1, h1 = &b, b.Score
		}
		if b, ok := halves[2][e.ID]; ok {
			row.H2, h2 = &b, b.Score
		}
		if y, provisional, ok := scoring.Annual(h1, h2); ok {
			row.Score, row.Provisional = &y, provisional
			in = append(in, scoring.RankInput{ID: e.ID, Score: y, SortKey: e.Unit.SortKey})
		}
		rows = append(rows, row)
	}
	ranks := map[int64]int{}
	for _, r := range scoring.Rank(in) {
		ranks[r.ID] = r.Rank
	}
	for i := range rows {
		if r, ok := ranks[rows[i].Evaluatee.ID]; ok {
			rows[i].Rank = r
		} else {
			rows[i].Rank = len(in) + 1
		}
	}
	sortAnnual(rows)
	return rows, nil
}

func sortAnnual(rows []AnnualRow) {
	slices.SortStableFunc(rows, func(a, b AnnualRow) int {
		if c := cmp.Compare(a.Rank, b.Rank); c != 0 {
			return c
		}
		return cmp.Compare(a.Evaluatee.Unit.SortKey, b.Evaluatee.Unit.SortKey)
	})
}

// A publication never changes (reopening a period makes a new one), so its
// decoded summaries can be kept in memory; at province scale decoding them
// is most of a ranking's time. The cache is bounded and keyed by
// publication, so several server copies never disagree, and by a hash of
// the stored summary, so two databases in one process (tests, a restore
// over the database of a running server) never share an entry.
const thawCacheLimit = 50_000

var thawCache = struct {
	sync.Mutex
	rows map[[3]int64]Breakdown // (publication, evaluatee, summary hash) → summary
}{rows: map[[3]int64]Breakdown{}}

func thawCached(pubID int64, pr store.PublishedResult) (Breakdown, error) {
	if len(pr.Breakdown) > 0 { // a full breakdown was asked for
		return Thaw(pr)
	}
	h := fnv.New64a()
	_, _ = h.Write(pr.Summary)
	key := [3]int64{pubID, pr.EvaluateeID, int64(h.Sum64())}
	thawCache.Lock()
	b, ok := thawCache.rows[key]
	thawCache.Unlock()
	if ok {
		return b, nil
	}
	b, err := Thaw(pr)
	if err != nil {
		return b, err
	}
	thawCache.Lock()
	if len(thawCache.rows) >= thawCacheLimit {
		clear(thawCache.rows)
	}
	thawCache.rows[key] = b
	thawCache.Unlock()
	return b, nil
}
