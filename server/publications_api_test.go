package main

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// The prepared JSON rows of a publication are the typed rows, field for
// field, for both groups of the demo publication, read cold and from the
// cache; an open period has nothing frozen to prepare.
func TestPublishedRankingJSONEqualsTypedRows(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	a.loginAs(auth.RoleLeader)
	typed := `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { preview rows {
  rank score provisional missingScores
  evaluatee { id group unit { id name sortKey } }
  components { method weight value }
  dimensions { dimensionId number name points carriedPoints earned score } } } }`
	prepared := `query($p: ID!, $g: RankingGroup!) { publishedRanking(periodId: $p, group: $g) { group publishedAt period { id } rows } }`
	for _, g := range []string{"DISTRICTS", "DEPARTMENTS"} {
		vars := map[string]any{"p": "1", "g": g}
		var want struct {
			Ranking struct {
				Preview bool
				Rows    []any
			}
		}
		a.must(typed, vars, &want)
		if want.Ranking.Preview || len(want.Ranking.Rows) == 0 {
			t.Fatalf("%s: the demo's first half is not a published ranking with rows: %+v", g, want.Ranking)
		}
		var counts []int64
		for range 2 { // cold, then from the cache
			var got struct {
				PublishedRanking struct {
					Group string
					Rows  json.RawMessage
				}
			}
			a.must(prepared, vars, &got)
			counts = append(counts, a.statements.Load())
			var rows []any
			if err := json.Unmarshal(got.PublishedRanking.Rows, &rows); err != nil {
				t.Fatalf("%s: rows are not JSON: %v", g, err)
			}
			if !reflect.DeepEqual(rows, want.Ranking.Rows) {
				w, _ := json.Marshal(want.Ranking.Rows)
				t.Fatalf("%s: prepared rows differ from the typed rows\n got %.600s\nwant %.600s", g, got.PublishedRanking.Rows, w)
			}
		}
		// Session, period, publication, evaluatees; the frozen rows once.
		if counts[1] > 4 || counts[0] != counts[1]+1 {
			t.Errorf("%s: statements cold %d, cached %d; want 5 then 4", g, counts[0], counts[1])
		}
	}
	errs := a.do(prepared, map[string]any{"p": "2", "g": "DISTRICTS"}, nil)
	if codeOf(errs) != "NOT_FOUND" {
		t.Errorf("an open period's prepared ranking: %+v, want NOT_FOUND", errs)
	}
}

// A contact reads only their own unit's row, as from the typed ranking.
func TestPublishedRankingJSONShowsContactsTheirOwnRow(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	a.login(a.mustUser("昆都仑区", auth.RoleEvaluateeContact), testPassword)
	var got struct {
		PublishedRanking struct{ Rows json.RawMessage }
	}
	a.must(`query { publishedRanking(periodId: "1", group: DISTRICTS) { rows } }`, nil, &got)
	var rows []struct {
		Evaluatee struct{ Unit struct{ Name string } }
	}
	if err := json.Unmarshal(got.PublishedRanking.Rows, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Evaluatee.Unit.Name != "昆都仑区" {
		t.Errorf("contact's prepared rows: %+v, want only 昆都仑区", rows)
	}
}
