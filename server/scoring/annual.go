package scoring

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"
)

// Annual is §2.8/R5: Y = (H1 + H2) / 2 over the published (rounded) halves,
// rounded half up to two decimals. The halves are rounded again defensively,
// so passing exact values gives the same answer as passing published ones.
//
// Until H2 exists the annual figure is H1, provisional. Without H1 there is
// no annual figure (ok = false): the method defines none from H2 alone.
func Annual(h1, h2 *decimal.Decimal) (value decimal.Decimal, provisional, ok bool) {
	if h1 == nil {
		return decimal.Zero, false, false
	}
	p1 := RoundPublished(*h1)
	if h2 == nil {
		return p1, true, true
	}
	// Halving a two-decimal sum is exact in decimal (at most three decimals).
	mean := p1.Add(RoundPublished(*h2)).Mul(decimal.New(5, -1))
	return RoundPublished(mean), false, true
}

// RankInput is one evaluatee of a ranking group.
type RankInput struct {
	ID      int64
	Score   decimal.Decimal // published score
	SortKey int             // the unit's place in the official list
}

// Ranked is one row of a ranking.
type Ranked struct {
	ID    int64
	Rank  int
	Score decimal.Decimal // the published score compared
}

// Rank is §2.9: descending by published score (scores are rounded to
// PublishedPlaces first, so exact values rank as their published figures);
// equal scores share a rank and the next rank skips (1, 2, 2, 4); ties are
// listed in the units' official order (SortKey), then by ID.
func Rank(rows []RankInput) []Ranked {
	out := make([]Ranked, len(rows))
	keys := make([]RankInput, len(rows))
	for k, row := range rows {
		keys[k] = row
		keys[k].Score = RoundPublished(row.Score)
	}
	slices.SortFunc(keys, func(a, b RankInput) int {
		if c := b.Score.Cmp(a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.SortKey, b.SortKey); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for k, row := range keys {
		rank := k + 1
		if k > 0 && row.Score.Equal(keys[k-1].Score) {
			rank = out[k-1].Rank
		}
		out[k] = Ranked{ID: row.ID, Rank: rank, Score: row.Score}
	}
	return out
}

// RankAmong is the rank Rank would give a row with score among rows (which
// must not include it), without sorting: equal scores share a rank, so it
// is 1 + the number of rows whose published score is higher. A what-if asks
// it once per task.
func RankAmong(rows []RankInput, score decimal.Decimal) int {
	mine, above := RoundPublished(score), 0
	for _, r := range rows {
		if RoundPublished(r.Score).GreaterThan(mine) {
			above++
		}
	}
	return above + 1
}
