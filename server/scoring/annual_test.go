package scoring_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/shopspring/decimal"
)

func TestAnnual(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		h1, h2      *decimal.Decimal
		want        string
		provisional bool
		ok          bool
	}{
		// Until H2 exists the annual figure is H1's, provisional.
		{name: "provisional", h1: pd("80.13"), want: "80.13", provisional: true, ok: true},
		// (80.13 + 79.12) / 2 = 159.25 / 2 = 79.625 → 79.63.
		{name: "final, half up", h1: pd("80.13"), h2: pd("79.12"), want: "79.63", ok: true},
		// (90 + 85.5) / 2 = 87.75 exactly.
		{name: "final, exact", h1: pd("90"), h2: pd("85.5"), want: "87.75", ok: true},
		// The halves are published before averaging: 80.126 → 80.13, so
		// (80.13 + 79.12) / 2 = 79.625 → 79.63, whereas the mean of the
		// exact halves, 159.246 / 2 = 79.623, would give 79.62.
		{name: "averages published halves, not exact ones", h1: pd("80.126"), h2: pd("79.12"), want: "79.63", ok: true},
		{name: "no first half", h2: pd("79.12"), ok: false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, provisional, ok := scoring.Annual(c.h1, c.h2)
			if ok != c.ok || provisional != c.provisional {
				t.Fatalf("Annual = (%s, provisional %v, ok %v), want (%s, %v, %v)", got, provisional, ok, c.want, c.provisional, c.ok)
			}
			if ok {
				wantDec(t, "annual", got, c.want)
			}
		})
	}
}

func TestRank(t *testing.T) {
	t.Parallel()
	rows := []scoring.RankInput{
		{ID: 10, Score: d("80"), SortKey: 1},
		{ID: 20, Score: d("85.5"), SortKey: 3},
		{ID: 30, Score: d("90"), SortKey: 4},
		{ID: 40, Score: d("85.5"), SortKey: 2}, // ties with 20, earlier in the official list
		{ID: 50, Score: d("70"), SortKey: 5},
		{ID: 60, Score: d("70"), SortKey: 5}, // same sort key as 50: by ID
	}
	want := []scoring.Ranked{
		{ID: 30, Rank: 1}, {ID: 40, Rank: 2}, {ID: 20, Rank: 2}, {ID: 10, Rank: 4},
		{ID: 50, Rank: 5}, {ID: 60, Rank: 5},
	}
	got := scoring.Rank(rows)
	if !slices.EqualFunc(got, want, func(a, b scoring.Ranked) bool { return a.ID == b.ID && a.Rank == b.Rank }) {
		t.Errorf("Rank = %+v, want %+v", got, want)
	}
	if rows[0].ID != 10 {
		t.Error("Rank reordered its input")
	}
}

func TestRankComparesPublishedScores(t *testing.T) {
	t.Parallel()
	// 85.504 and 85.501 are both published as 85.50: one rank, official order.
	got := scoring.Rank([]scoring.RankInput{
		{ID: 1, Score: d("85.504"), SortKey: 2},
		{ID: 2, Score: d("85.501"), SortKey: 1},
		{ID: 3, Score: d("85.495"), SortKey: 3}, // 85.50 as well (half up)
		{ID: 4, Score: d("85.494"), SortKey: 0}, // 85.49
	})
	want := []scoring.Ranked{{ID: 2, Rank: 1}, {ID: 1, Rank: 1}, {ID: 3, Rank: 1}, {ID: 4, Rank: 4}}
	if !slices.EqualFunc(got, want, func(a, b scoring.Ranked) bool { return a.ID == b.ID && a.Rank == b.Rank }) {
		t.Errorf("Rank = %+v, want %+v", got, want)
	}
	wantDec(t, "published score of 1", got[1].Score, "85.50")
}

// TestRankAmongIsRanksRule: for random groups with many ties (scores on a
// coarse grid, some with a third decimal), the rank RankAmong gives a new
// row is the one Rank gives it among all rows.
func TestRankAmongIsRanksRule(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 2))
	for it := range 500 {
		n := r.IntN(30)
		var rows []scoring.RankInput
		score := func() decimal.Decimal {
			return decimal.New(int64(r.IntN(400)), -3).Add(decimal.NewFromInt(int64(80 + r.IntN(3))))
		}
		for k := range n {
			rows = append(rows, scoring.RankInput{ID: int64(k + 1), Score: score(), SortKey: r.IntN(10)})
		}
		mine := scoring.RankInput{ID: 999, Score: score(), SortKey: r.IntN(10)}
		want := 0
		for _, x := range scoring.Rank(append(slices.Clone(rows), mine)) {
			if x.ID == mine.ID {
				want = x.Rank
			}
		}
		if got := scoring.RankAmong(rows, mine.Score); got != want {
			t.Fatalf("iteration %d: RankAmong = %d, Rank gives %d (%v among %v)", it, got, want, mine.Score, rows)
		}
	}
}
