package main

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

const typedRankingRows = `rank score provisional missingScores
  evaluatee { id group unit { id name sortKey } }
  components { method weight value }
  dimensions { dimensionId number name points carriedPoints earned score }`

// Ranking.rowsJson is the typed rows as JSON, for a published period (from
// the prepared rows, asked for alone) and a preview (encoded per request),
// with a fixed number of statements whatever the group's size.
func TestRankingRowsJSONEqualsTypedRows(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	a.loginAs(auth.RoleLeader)
	typed := `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { preview rows { ` + typedRankingRows + ` } } }`
	alone := `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { preview publishedAt group rowsJson } }`
	both := `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { rows { rank } rowsJson } }`
	counts := map[string][]int64{}
	sizes := map[string]int{}
	for _, period := range []string{"1", "2"} { // published (frozen) and open (preview)
		for _, g := range []string{"DISTRICTS", "DEPARTMENTS"} {
			vars := map[string]any{"p": period, "g": g}
			var want struct {
				Ranking struct {
					Preview bool
					Rows    []any
				}
			}
			a.must(typed, vars, &want)
			if want.Ranking.Preview != (period == "2") || len(want.Ranking.Rows) == 0 {
				t.Fatalf("period %s %s: preview %v with %d rows", period, g, want.Ranking.Preview, len(want.Ranking.Rows))
			}
			sizes[period+g] = len(want.Ranking.Rows)
			for range 3 { // the first read of a publication prepares its rows
				var got struct {
					Ranking struct {
						Preview     bool
						PublishedAt *string
						Group       string
						RowsJSON    json.RawMessage `json:"rowsJson"`
					}
				}
				a.must(alone, vars, &got)
				counts[period+g] = append(counts[period+g], a.statements.Load())
				if got.Ranking.Preview != want.Ranking.Preview || got.Ranking.Group != g || (got.Ranking.PublishedAt == nil) != (period == "2") {
					t.Errorf("period %s %s: rowsJson alone answers %+v", period, g, got.Ranking)
				}
				var rows []any
				if err := json.Unmarshal(got.Ranking.RowsJSON, &rows); err != nil {
					t.Fatalf("period %s %s: rowsJson is not JSON: %v", period, g, err)
				}
				if !reflect.DeepEqual(rows, want.Ranking.Rows) {
					w, _ := json.Marshal(want.Ranking.Rows)
					t.Fatalf("period %s %s: rowsJson differs from rows\n got %.600s\nwant %.600s", period, g, got.Ranking.RowsJSON, w)
				}
			}
			// Asked for with the typed rows, it is those rows encoded.
			var withRows struct {
				Ranking struct {
					Rows     []struct{ Rank int }
					RowsJSON []struct{ Rank int } `json:"rowsJson"`
				}
			}
			a.must(both, vars, &withRows)
			if !reflect.DeepEqual(withRows.Ranking.Rows, withRows.Ranking.RowsJSON) {
				t.Errorf("period %s %s: rows and rowsJson read together differ", period, g)
			}
		}
	}
	if sizes["1DISTRICTS"] == sizes["1DEPARTMENTS"] {
		t.Fatalf("the groups have the same size (%v): the statement counts say nothing", sizes)
	}
	for _, period := range []string{"1", "2"} {
		d, p := counts[period+"DISTRICTS"], counts[period+"DEPARTMENTS"]
		if d[1] != d[2] || p[1] != p[2] || d[2] != p[2] {
			t.Errorf("period %s: statements per rowsJson read differ between reads or groups of different sizes: %v %v", period, d, p)
		}
	}
	// Session, period, publication, evaluatees; the frozen rows only on the first read.
	if counts["1DISTRICTS"][2] > 4 {
		t.Errorf("statements per published rowsJson read: %v", counts["1DISTRICTS"])
	}
}

// Breakdown.frozen is the publication's stored jsonb as it is; a preview
// has none.
func TestBreakdownFrozenIsTheStoredBreakdown(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	var ranking struct {
		Ranking struct {
			Rows []struct{ Evaluatee struct{ ID string } }
		}
	}
	a.must(`{ ranking(periodId: "1", group: DISTRICTS) { rows { evaluatee { id } } } }`, nil, &ranking)
	if len(ranking.Ranking.Rows) == 0 {
		t.Fatal("no published rows")
	}
	ev := ranking.Ranking.Rows[0].Evaluatee.ID
	q := `query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { preview score frozen } }`
	var got struct {
		Breakdown struct {
			Preview bool
			Score   *string
			Frozen  json.RawMessage
		}
	}
	a.must(q, map[string]any{"p": "1", "e": ev}, &got)
	var stored string // bun scans jsonb into text, not into json.RawMessage
	err := a.st.DB.NewRaw(`SELECT pr.breakdown FROM publications p JOIN published_results pr ON pr.publication_id = p.id
		WHERE p.period_id = 1 AND p.superseded_at IS NULL AND pr.evaluatee_id = ?`, ev).Scan(context.Background(), &stored)
	if err != nil {
		t.Fatal(err)
	}
	var gotV, wantV any
	if err := json.Unmarshal(got.Breakdown.Frozen, &gotV); err != nil {
		t.Fatalf("frozen is not JSON: %v (%.200s)", err, got.Breakdown.Frozen)
	}
	if err := json.Unmarshal([]byte(stored), &wantV); err != nil {
		t.Fatal(err)
	}
	if got.Breakdown.Preview || !reflect.DeepEqual(gotV, wantV) {
		t.Errorf("frozen breakdown differs from the stored one\n got %.400s\nwant %.400s", got.Breakdown.Frozen, stored)
	}
	var preview struct {
		Breakdown struct {
			Preview bool
			Frozen  json.RawMessage
		}
	}
	a.must(q, map[string]any{"p": "2", "e": ev}, &preview)
	if !preview.Breakdown.Preview || (len(preview.Breakdown.Frozen) > 0 && string(preview.Breakdown.Frozen) != "null") {
		t.Errorf("a preview's frozen = %s (preview %v), want null", preview.Breakdown.Frozen, preview.Breakdown.Preview)
	}
}
