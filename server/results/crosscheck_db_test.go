package results

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// TestCrossCheckThroughTheDatabase stores generated plans in PostgreSQL
// and takes the whole path of a publication: Load the stored rows,
// Compute, Freeze, store.Publish, then read the frozen rankings (Read) and
// the annual ranking (Annual) back, and compares them with the oracle. A
// few dozen plans: each needs its own database.
func TestCrossCheckThroughTheDatabase(t *testing.T) {
	plans := uint64(30)
	if testing.Short() {
		plans = 5
	}
	ctx := context.Background()
	for seed := uint64(1_000_000); seed < 1_000_000+plans; seed++ {
		s := genScenario(seed)
		name := fmt.Sprintf("db seed %d", seed)
		db := testdb.New(t).DB
		// The thaw cache is keyed by publication ID, which every fresh
		// database starts again at 1.
		thawCache.Lock()
		clear(thawCache.rows)
		thawCache.Unlock()
		s.store(t, ctx, db)

		var want [2]expected
		for h := range 2 {
			data, err := Load(ctx, db, s.periods[h].ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := Compute(data, scoring.Published)
			if err != nil {
				t.Fatal(err)
			}
			frozen, err := Freeze(rows)
			if err != nil {
				t.Fatal(err)
			}
			if h == 1 && !s.hasH2 {
				// Not published: the annual figure stays provisional.
				got := map[int64]published{}
				for _, f := range frozen {
					b, _ := Thaw(f)
					got[f.EvaluateeID] = published{score: b.Score, exact: b.Exact, rank: f.Rank}
				}
				want[h] = s.checkHalf(t, name, h, got)
				continue
			}
			if _, err := store.Publish(ctx, db, s.periods[h].ID, "专班", time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), frozen); err != nil {
				t.Fatal(err)
			}
			if _, err := db.NewUpdate().Model((*store.Period)(nil)).Set("state = ?", store.PeriodPublicity).Where("id = ?", s.periods[h].ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			got := map[int64]published{}
			for _, g := range []store.RankingGroup{store.GroupDistricts, store.GroupDepartments} {
				v, err := Read(ctx, db, s.periods[h].ID, &g, nil, false)
				if err != nil {
					t.Fatal(err)
				}
				if v.Preview {
					t.Fatalf("%s H%d: read a preview, not the publication", name, h+1)
				}
				for _, r := range v.Rows {
					got[r.Evaluatee.ID] = published{score: r.Result.Score, exact: r.Result.Exact, rank: r.Rank}
				}
			}
			want[h] = s.checkHalf(t, name, h, got)
		}
		annualRows := map[int64]AnnualRow{}
		for _, g := range []store.RankingGroup{store.GroupDistricts, store.GroupDepartments} {
			rows, err := Annual(ctx, db, s.plan.ID, g)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				annualRows[r.Evaluatee.ID] = r
			}
		}
		s.checkAnnual(t, name, want[0], want[1], annualRows)
		if t.Failed() {
			t.Fatalf("%s: first failing plan", name)
		}
	}
}

// store writes the scenario's rows as the application keeps them.
func (s *scenario) store(t *testing.T, ctx context.Context, db store.DB) {
	t.Helper()
	var leads []store.TaskLeadUnit
	for _, task := range s.tasks {
		for _, u := range s.leads[task.ID] {
			leads = append(leads, store.TaskLeadUnit{TaskID: task.ID, UnitID: u})
		}
	}
	var assignments []store.Assignment
	for _, e := range s.evs {
		for _, task := range s.carried[e.ID] {
			assignments = append(assignments, store.Assignment{EvaluateeID: e.ID, TaskID: task})
		}
	}
	periods := s.periods[:]
	models := []any{&s.units, &s.plan, &periods, &s.dims, &s.inds, &s.tasks, &leads, &s.evs, &assignments}
	for h := range 2 {
		if len(s.halves[h].scores) > 0 {
			models = append(models, &s.halves[h].scores)
		}
		if len(s.halves[h].sources) > 0 {
			models = append(models, &s.halves[h].sources)
		}
	}
	for _, m := range models {
		if _, err := db.NewInsert().Model(m).Exec(ctx); err != nil {
			t.Fatalf("store %T: %v", m, err)
		}
	}
}
