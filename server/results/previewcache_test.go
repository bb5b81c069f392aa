package results

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

// secondHandle opens another store on st's database: another server copy,
// with its own connections and no share in the first one's cache.
func secondHandle(t *testing.T, ctx context.Context, st *store.Store) *store.Store {
	t.Helper()
	var name string
	if err := st.DB.NewRaw(`SELECT current_database()`).Scan(ctx, &name); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(ctx, testdb.URL(name), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other.SQL().SetMaxOpenConns(4)
	t.Cleanup(func() { other.Close() })
	return other
}

// freshJSON is the ranking computed now and encoded as graph's
// withRowsJSON encodes the typed rows: what rowsJson must equal.
func freshJSON(t *testing.T, ctx context.Context, db store.DB, id *auth.Identity, periodID int64, g store.RankingGroup) json.RawMessage {
	t.Helper()
	v, err := GroupRanking(ctx, db, id, periodID, g)
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]JSONRow, len(v.Rows))
	for i, r := range v.Rows {
		rows[i] = JSONRow{Rank: r.Rank, Evaluatee: r.Evaluatee, Score: r.Result.Score, Components: r.Result.Components,
			Dimensions: r.Result.Dimensions, MissingScores: r.Result.MissingScores}
	}
	enc, err := RowsJSON(rows)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

// biggestGroup is the scenario's group with the most evaluatees, and one
// of them.
func biggestGroup(s *scenario) (store.RankingGroup, store.Evaluatee) {
	n := map[store.RankingGroup]int{}
	for _, e := range s.evs {
		n[e.Group]++
	}
	g := store.GroupDistricts
	if n[store.GroupDepartments] > n[g] {
		g = store.GroupDepartments
	}
	for _, e := range s.evs {
		if e.Group == g {
			return g, e
		}
	}
	panic("no evaluatees")
}

// TestPreviewRankingJSONIsNeverStale writes, through another database
// handle (another server copy), to each table a preview ranking reads,
// and after each write reads the preview's rowsJson twice through the
// first handle: the first read must be the ranking computed now, and must
// have been kept, so that the second read is answered from the cache and
// must be it too. Writes that certainly change the ranking are checked to
// change it, so a cache that ignored the generation would fail here.
func TestPreviewRankingJSONIsNeverStale(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := genScenario(2_100_000)
	st := testdb.New(t)
	s.store(t, ctx, st.DB)
	other := secondHandle(t, ctx, st)
	leader := &auth.Identity{Roles: []auth.Role{auth.RoleLeader}}
	p := s.periods[0].ID
	g, ev := biggestGroup(s)
	var carried, led int64 // a task ev carries that somebody leads
	for _, task := range s.carried[ev.ID] {
		if len(s.leads[task]) > 0 {
			carried, led = task, s.leads[task][0]
			break
		}
	}
	if carried == 0 {
		t.Fatal("the scenario's evaluatee carries no led task: pick another seed")
	}

	read := func(step string) json.RawMessage {
		t.Helper()
		got, err := RankingJSON(ctx, st.DB, leader, p, g)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if !got.Preview || got.Period.ID != p {
			t.Fatalf("%s: answered %+v, want the preview of period %d", step, got, p)
		}
		return got.Rows
	}
	check := func(step string, mustChange bool, before json.RawMessage) json.RawMessage {
		t.Helper()
		want := freshJSON(t, ctx, st.DB, leader, p, g)
		if got := read(step); !bytes.Equal(got, want) {
			t.Fatalf("%s: rowsJson is not the ranking computed now\n got %.600s\nwant %.600s", step, got, want)
		}
		gen, err := store.FindPeriodGeneration(ctx, st.DB, p)
		if err != nil {
			t.Fatal(err)
		}
		if previewLookup(previewKey{st.DB, p, g, gen}) == nil {
			t.Fatalf("%s: the answer was not kept under generation %s", step, gen)
		}
		if got := read(step + ", again"); !bytes.Equal(got, want) {
			t.Fatalf("%s: the cached rowsJson differs from the ranking computed now", step)
		}
		if mustChange && bytes.Equal(want, before) {
			t.Fatalf("%s: the write did not change the ranking, so it tests nothing", step)
		}
		return want
	}

	last := check("as stored", false, nil)
	steps := []struct {
		name       string
		mustChange bool
		sql        []string
	}{
		{"a unit renamed", true, []string{fmt.Sprintf(`UPDATE units SET name = name || '（新）' WHERE id = %d`, ev.UnitID)}},
		{"a unit's aliases changed (not shown)", false, []string{fmt.Sprintf(`UPDATE units SET aliases = '{别名}' WHERE id = %d`, ev.UnitID)}},
		{"the plan's weights changed", true, []string{`UPDATE plans SET weight_dm = CASE WHEN weight_dm = 40 THEN 45 ELSE 40 END,
			weight_fv = CASE WHEN weight_dm = 40 THEN 25 ELSE 30 END, weight_po = 15, weight_tp = 15`}},
		{"dimensions renamed", true, []string{fmt.Sprintf(`UPDATE dimensions SET name = name || '′' WHERE plan_id = %d`, s.plan.ID)}},
		{"a score saved", false, []string{fmt.Sprintf(`UPDATE scores SET value = 0 WHERE period_id = %d AND evaluatee_id = %d AND task_id = %d`, p, ev.ID, carried)}},
		{"scores verified", false, []string{fmt.Sprintf(`UPDATE scores SET status = 'VERIFIED' WHERE period_id = %d`, p)}},
		{"an evaluatee's scores deleted", false, []string{fmt.Sprintf(`DELETE FROM scores WHERE period_id = %d AND evaluatee_id = %d`, p, ev.ID)}},
		{"a task's points changed", false, []string{fmt.Sprintf(`UPDATE tasks SET points = 0 WHERE id = %d`, carried)}},
		{"an indicator's points changed", false, []string{fmt.Sprintf(`UPDATE indicators SET points = points + 1 WHERE id = (SELECT indicator_id FROM tasks WHERE id = %d)`, carried)}},
		{"a dimension's points changed", false, []string{fmt.Sprintf(`UPDATE dimensions SET points = points + 1 WHERE plan_id = %d`, s.plan.ID)}},
		{"a source value imported", false, []string{fmt.Sprintf(`INSERT INTO source_values (period_id, evaluatee_id, method, source, value, weight, imported_by_name)
			VALUES (%d, %d, 'PUBLIC_OPINION', '新来源', 3, 5, '测试')`, p, ev.ID)}},
		{"a field visit accepted", false, []string{
			`INSERT INTO files (sha256, content_type, size, content) VALUES (repeat('a', 64), 'image/png', 0, '')`,
			fmt.Sprintf(`INSERT INTO field_visits (id, period_id, evaluatee_id, visit_date, status, created_by_name, created_at)
				VALUES (90001, %d, %d, '2024-05-01', 'PLANNED', '测试', now())`, p, ev.ID),
			fmt.Sprintf(`INSERT INTO field_visit_items (visit_id, task_id) VALUES (90001, %d)`, carried),
			fmt.Sprintf(`INSERT INTO field_findings (visit_id, task_id, judgement, observed_at, recorded_by_name, updated_at)
				VALUES (90001, %d, 'NOT_DONE', now(), '测试', now())`, carried),
			`UPDATE field_visits SET status = 'ACCEPTED', signature_sha256 = repeat('a', 64), reviewed_at = now() WHERE id = 90001`}},
		{"an accepted visit's finding changed", false, []string{`UPDATE field_findings SET judgement = 'DONE' WHERE visit_id = 90001`}},
		{"a lead unit removed", false, []string{fmt.Sprintf(`DELETE FROM task_lead_units WHERE task_id = %d AND unit_id = %d`, carried, led)}},
		{"an assignment removed", false, []string{fmt.Sprintf(`DELETE FROM assignments WHERE evaluatee_id = %d AND task_id = (SELECT min(task_id) FROM assignments WHERE evaluatee_id = %d)`, ev.ID, ev.ID)}},
		{"an evaluatee moved to the other group", true, []string{fmt.Sprintf(`UPDATE evaluatees SET ranking_group = CASE ranking_group WHEN 'DISTRICTS' THEN 'DEPARTMENTS' ELSE 'DISTRICTS' END WHERE id = %d`, ev.ID)}},
	}
	generation := func() string {
		t.Helper()
		gen, err := store.FindPeriodGeneration(ctx, other.DB, p)
		if err != nil {
			t.Fatal(err)
		}
		return gen
	}
	for _, step := range steps {
		gen := generation()
		err := other.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			for _, q := range step.sql {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("%s: %w", q, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		// Every write the ranking reads gives the period a new generation,
		// except one to what it does not show.
		if moved, want := generation() != gen, !strings.Contains(step.name, "(not shown)"); moved != want {
			t.Errorf("%s: generation moved %v, want %v", step.name, moved, want)
		}
		last = check(step.name, step.mustChange, last)
	}

	// A contact sees no preview at all, as GroupRanking says.
	contact := &auth.Identity{Roles: []auth.Role{auth.RoleEvaluateeContact}, UnitID: &ev.UnitID}
	if _, err := RankingJSON(ctx, st.DB, contact, p, g); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("a contact reads a preview: %v", err)
	}
}

// TestPreviewRankingJSONUnderConcurrentWrites runs writers (through
// another handle: score saves of their own evaluatees in both periods, in
// opposite period orders, and plan weight changes, each in a transaction)
// and readers of the cached preview at once. No transaction may fail (a
// deadlock or lock timeout between the generation bumps would), and once
// every write has committed the cached answers equal rankings computed
// now.
func TestPreviewRankingJSONUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := genScenario(2_100_001)
	st := testdb.New(t)
	s.store(t, ctx, st.DB)
	other := secondHandle(t, ctx, st)
	leader := &auth.Identity{Roles: []auth.Role{auth.RoleLeader}}
	groups := []store.RankingGroup{store.GroupDistricts, store.GroupDepartments}
	before := map[string]json.RawMessage{}
	for _, p := range s.periods {
		for _, g := range groups {
			got, err := RankingJSON(ctx, st.DB, leader, p.ID, g)
			if err != nil {
				t.Fatal(err)
			}
			before[fmt.Sprint(p.ID, g)] = got.Rows
		}
	}

	const writers, readers, rounds = 3, 3, 8
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			periods := []int64{s.periods[0].ID, s.periods[1].ID}
			if w%2 == 1 {
				periods[0], periods[1] = periods[1], periods[0]
			}
			for round := range rounds {
				err := other.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
					for _, p := range periods {
						for i, e := range s.evs {
							if i%writers != w {
								continue
							}
							if _, err := tx.ExecContext(ctx, `UPDATE scores SET value = round(value * 0.9, 2) WHERE period_id = ? AND evaluatee_id = ?`, p, e.ID); err != nil {
								return err
							}
						}
					}
					if w == 0 {
						dm := 50 + round
						_, err := tx.ExecContext(ctx, `UPDATE plans SET weight_dm = ?, weight_fv = ?, weight_po = 15, weight_tp = 15 WHERE id = ?`, dm, 70-dm, s.plan.ID)
						if err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					t.Errorf("writer %d round %d: %v", w, round, err)
					return
				}
			}
		}()
	}
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds * 3 {
				p, g := s.periods[(r+i)%2].ID, groups[i%2]
				got, err := RankingJSON(ctx, st.DB, leader, p, g)
				if err != nil {
					t.Errorf("reader %d: %v", r, err)
					return
				}
				if !json.Valid(got.Rows) {
					t.Errorf("reader %d: rowsJson is not JSON: %.200s", r, got.Rows)
					return
				}
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	changed := false
	for _, p := range s.periods {
		for _, g := range groups {
			want := freshJSON(t, ctx, st.DB, leader, p.ID, g)
			for range 2 { // computed and kept, then from the cache
				got, err := RankingJSON(ctx, st.DB, leader, p.ID, g)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Rows, want) {
					t.Errorf("period %d %s: after the writes rowsJson is not the ranking computed now\n got %.400s\nwant %.400s", p.ID, g, got.Rows, want)
				}
			}
			changed = changed || !bytes.Equal(want, before[fmt.Sprint(p.ID, g)])
		}
	}
	if !changed {
		t.Error("the writes changed no ranking, so the test says nothing")
	}
}
