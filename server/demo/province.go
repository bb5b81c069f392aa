package demo

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/results"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// Scale sizes a generated province.
type Scale struct {
	Districts, Departments, LeadUnits, Tasks int
}

// ProvinceVersion names what GenerateProvince makes: benchmarks keep the
// generated province in a database named after it (testdb.NewCached), so
// bump it whenever the generator's output changes.
const ProvinceVersion = 3

// ProvinceScale is the size the benchmarks are measured at: 2,000
// evaluatees, 500 tasks, two periods with every component but field visits
// (which have no data model yet).
var ProvinceScale = Scale{Districts: 1200, Departments: 800, LeadUnits: 60, Tasks: 500}

// GenerateProvince fills an empty database with a province-sized plan: the
// first half scored, verified and published (frozen), the second half open
// with a third of the scores entered. The big tables go in with COPY. It is
// a benchmark fixture for a fresh database, so it runs without a
// transaction (COPY needs the raw connection).
func GenerateProvince(ctx context.Context, st *store.Store, sc Scale) error {
	rng := rand.New(rand.NewPCG(2023, 11))
	tx := st.DB
	began, last := time.Now(), time.Now()
	// phase logs where the time goes (issue 9: the build should take ≤ 30 s).
	phase := func(what string) {
		log.Printf("province fixture: %s in %s", what, time.Since(last).Round(10*time.Millisecond))
		last = time.Now()
	}
	defer func() { log.Printf("province fixture: built in %s", time.Since(began).Round(100*time.Millisecond)) }()
	return func() error {
		// Units: the lead units are the first departments.
		var units []store.Unit
		for i := 0; i < sc.Departments; i++ {
			units = append(units, store.Unit{Name: fmt.Sprintf("省直部门%04d", i+1), Kind: store.UnitKindDepartment, SortKey: 10000 + i, Aliases: []string{}, Version: 1})
		}
		for i := 0; i < sc.Districts; i++ {
			units = append(units, store.Unit{Name: fmt.Sprintf("县区%04d", i+1), Kind: store.UnitKindDistrict, SortKey: i, Aliases: []string{}, Version: 1})
		}
		if err := bulkInsert(ctx, tx, units); err != nil {
			return err
		}
		plan := &store.Plan{Name: "省级数字政府建设考评(基准测试)", Year: 2023, Weights: store.DefaultWeights()}
		if err := store.CreatePlan(ctx, tx, plan); err != nil {
			return err
		}
		dimPoints := []int64{25, 15, 15, 15, 10, 10, 10}
		var dims []store.Dimension
		for i, p := range dimPoints {
			dims = append(dims, store.Dimension{PlanID: plan.ID, Number: i + 1, Name: fmt.Sprintf("方面%d", i+1), Points: decimal.NewFromInt(p), Version: 1})
		}
		if err := bulkInsert(ctx, tx, dims); err != nil {
			return err
		}
		var inds []store.Indicator
		for _, d := range dims {
			for j := 0; j < 10; j++ {
				inds = append(inds, store.Indicator{DimensionID: d.ID, Number: j + 1, Name: fmt.Sprintf("指标%d-%d", d.Number, j+1), Points: d.Points.Div(decimal.NewFromInt(10)), Version: 1})
			}
		}
		if err := bulkInsert(ctx, tx, inds); err != nil {
			return err
		}
		var tasks []store.Task
		for n := 0; n < sc.Tasks; n++ {
			ind := inds[n%len(inds)]
			tasks = append(tasks, store.Task{IndicatorID: ind.ID, Number: n + 1, Text: fmt.Sprintf("重点任务%d", n+1),
				Deadline: store.Deadline{Phrase: "持续推进", Continuing: true}, Version: 1})
		}
		if err := bulkInsert(ctx, tx, tasks); err != nil {
			return err
		}
		var links []store.TaskLeadUnit
		leadsOf := map[int64][]int64{}
		for _, t := range tasks {
			n := 1
			if rng.IntN(10) < 3 {
				n = 2
			}
			for _, k := range rng.Perm(sc.LeadUnits)[:n] {
				links = append(links, store.TaskLeadUnit{TaskID: t.ID, UnitID: units[k].ID})
				leadsOf[t.ID] = append(leadsOf[t.ID], units[k].ID)
			}
		}
		if err := bulkInsert(ctx, tx, links); err != nil {
			return err
		}
		var evs []store.Evaluatee
		for _, u := range units {
			g := store.GroupDepartments
			if u.Kind == store.UnitKindDistrict {
				g = store.GroupDistricts
			}
			evs = append(evs, store.Evaluatee{PlanID: plan.ID, UnitID: u.ID, Group: g, Version: 1})
		}
		if err := bulkInsert(ctx, tx, evs); err != nil {
			return err
		}

		phase("plan, units and evaluatees")
		// Districts carry 60% of the tasks, departments what they lead and 5% more.
		var assignments [][]any
		carried := map[int64][]int64{}
		for i, e := range evs {
			for _, t := range tasks {
				leads := leadsOf[t.ID]
				own := i < sc.Departments && (leads[0] == e.UnitID || len(leads) > 1 && leads[1] == e.UnitID)
				p := 5
				if e.Group == store.GroupDistricts {
					p = 60
				}
				if own || rng.IntN(100) < p {
					assignments = append(assignments, []any{e.ID, t.ID})
					carried[e.ID] = append(carried[e.ID], t.ID)
				}
			}
		}
		if err := copyRows(ctx, tx, "assignments", []string{"evaluatee_id", "task_id"}, assignments); err != nil {
			return err
		}

		phase("assignments (COPY)")
		periods, err := store.PeriodsByPlans(ctx, tx, []int64{plan.ID})
		if err != nil {
			return err
		}
		h1, h2 := periods[plan.ID][0], periods[plan.ID][1]
		points := scoring.TaskPoints(results.ScoringPlan(*plan, dims, inds, tasks))
		at := time.Date(2023, 7, 1, 9, 0, 0, 0, time.UTC)
		var scores, sources [][]any
		for _, pr := range []struct {
			period   store.Period
			fraction int
		}{{h1, 100}, {h2, 33}} {
			for _, e := range evs {
				for _, t := range carried[e.ID] {
					if rng.IntN(100) >= pr.fraction {
						continue
					}
					for _, lead := range leadsOf[t] {
						v := points[t].Mul(decimal.NewFromFloat(0.6 + 0.4*rng.Float64())).Truncate(2)
						status, verifier := "VERIFIED", any("专班")
						if pr.fraction < 100 {
							status, verifier = "SUBMITTED", nil
						}
						scores = append(scores, []any{pr.period.ID, e.ID, t, lead, v.String(), "", status, "牵头单位评分员", at, verifier, 1})
					}
				}
				for _, m := range []string{"PUBLIC_OPINION", "THIRD_PARTY"} {
					sources = append(sources, []any{pr.period.ID, e.ID, m, "来源", decimal.NewFromFloat(70 + 30*rng.Float64()).Truncate(2).String(), "1", "专班", at})
				}
			}
		}
		if err := copyRows(ctx, tx, "scores", []string{"period_id", "evaluatee_id", "task_id", "lead_unit_id", "value", "comment", "status", "entered_by_name", "entered_at", "verified_by_name", "version"}, scores); err != nil {
			return err
		}
		if err := copyRows(ctx, tx, "source_values", []string{"period_id", "evaluatee_id", "method", "source", "value", "weight", "imported_by_name", "imported_at"}, sources); err != nil {
			return err
		}

		phase("scores and sources (COPY)")
		// Publish the first half: compute every result and freeze it.
		data, err := results.Load(ctx, tx, h1.ID, nil)
		if err != nil {
			return err
		}
		rows, err := results.Compute(data, scoring.Published)
		if err != nil {
			return err
		}
		frozen, err := results.Freeze(rows)
		if err != nil {
			return err
		}
		phase("first half computed and frozen")
		// The frozen rows (a breakdown of every task each) go in with COPY
		// too: as one INSERT they are hundreds of megabytes of SQL text.
		pub, err := store.Publish(ctx, tx, h1.ID, "专班", at, nil)
		if err != nil {
			return err
		}
		published := make([][]any, len(frozen))
		for i, r := range frozen {
			var score *string
			if r.Score != nil {
				v := r.Score.String()
				score = &v
			}
			published[i] = []any{pub.ID, r.EvaluateeID, string(r.Group), r.Rank, score, r.Exact, r.MissingScores, string(r.Summary), string(r.Breakdown)}
		}
		if err := copyRows(ctx, tx, "published_results", []string{"publication_id", "evaluatee_id", "ranking_group", "rank", "score", "exact", "missing_scores", "summary", "breakdown"}, published); err != nil {
			return err
		}
		phase("published results (COPY)")
		if _, err := tx.ExecContext(ctx, `UPDATE periods SET state = CASE half WHEN 1 THEN 'PUBLISHED' ELSE 'OPEN' END, published_at = CASE half WHEN 1 THEN now() END WHERE plan_id = ?`, plan.ID); err != nil {
			return err
		}
		// COPY ran with triggers off: roll the scores up once, set based,
		// after ANALYZE so that the planner knows the big tables' sizes.
		if _, err := tx.ExecContext(ctx, `ANALYZE`); err != nil {
			return err
		}
		phase("ANALYZE")
		if err := store.ReplaceScoreRollups(ctx, tx); err != nil {
			return err
		}
		phase("roll-ups")
		_, err = tx.ExecContext(ctx, `ANALYZE score_rollups, dimension_rollups`)
		phase("ANALYZE of the roll-ups")
		return err
	}()
}

// bulkInsert inserts rows in chunks (PostgreSQL takes at most 65,535
// parameters a statement) and fills in their ids.
func bulkInsert[T any](ctx context.Context, tx store.DB, rows []T) error {
	for start := 0; start < len(rows); start += 2000 {
		chunk := rows[start:min(start+2000, len(rows))]
		if _, err := tx.NewInsert().Model(&chunk).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("bulk insert: %w", err)
		}
	}
	return nil
}

// copyRows streams rows into table with COPY.
func copyRows(ctx context.Context, db *bun.DB, table string, cols []string, rows [][]any) error {
	conn, err := db.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		var c *pgx.Conn
		switch x := dc.(type) {
		case *stdlib.Conn:
			c = x.Conn()
		case interface{ PgxConn() *pgx.Conn }: // store's reconnecting connection
			c = x.PgxConn()
		default:
			return fmt.Errorf("copy into %s: %T is not a pgx connection", table, dc)
		}
		// The generator builds consistent rows; skipping the per-row
		// same-plan trigger and the statement timeout for this one
		// connection makes a million rows a matter of seconds.
		if _, err := c.Exec(ctx, `SET session_replication_role = replica; SET statement_timeout = 0; SET maintenance_work_mem = '256MB'`); err != nil {
			return err
		}
		defer c.Exec(context.WithoutCancel(ctx), `RESET session_replication_role; RESET statement_timeout; RESET maintenance_work_mem`) //nolint:errcheck // the connection is returned to the pool reset or closed
		// Secondary indexes (not those of constraints) are built once after
		// the load rather than kept row by row during it.
		var defs []string
		drows, err := c.Query(ctx, `SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
			FROM pg_index i WHERE i.indrelid = $1::regclass
			AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`, table)
		if err != nil {
			return fmt.Errorf("indexes of %s: %w", table, err)
		}
		var names []string
		for drows.Next() {
			var name, def string
			if err := drows.Scan(&name, &def); err != nil {
				drows.Close()
				return err
			}
			names, defs = append(names, name), append(defs, def)
		}
		if err := drows.Err(); err != nil {
			return err
		}
		for _, n := range names {
			if _, err := c.Exec(ctx, `DROP INDEX `+n); err != nil {
				return fmt.Errorf("drop index %s: %w", n, err)
			}
		}
		if _, err := c.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
		for _, d := range defs {
			if _, err := c.Exec(ctx, d); err != nil {
				return fmt.Errorf("rebuild index of %s: %w", table, err)
			}
		}
		return nil
	})
}

// ProvinceAccounts adds to a generated province the accounts `make bench`
// signs in with, all with the demo Password: leader (领导) and one lead
// scorer per lead unit, scorer0001… for 省直部门0001….
func ProvinceAccounts(ctx context.Context, db store.DB, sc Scale) error {
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	units, err := store.ListUnits(ctx, db)
	if err != nil {
		return err
	}
	unitID := map[string]int64{}
	for _, u := range units {
		unitID[u.Name] = u.ID
	}
	first := unitID[fmt.Sprintf("省直部门%04d", 1)]
	accounts := []store.User{{Username: "leader", DisplayName: "领导", UnitID: &first, PasswordHash: hash, Enabled: true, Roles: []string{string(auth.RoleLeader)}}}
	for i := 1; i <= sc.LeadUnits; i++ {
		id := unitID[fmt.Sprintf("省直部门%04d", i)]
		accounts = append(accounts, store.User{Username: fmt.Sprintf("scorer%04d", i), DisplayName: fmt.Sprintf("评分员%04d", i), UnitID: &id,
			PasswordHash: hash, Enabled: true, Roles: []string{string(auth.RoleLeadScorer)}})
	}
	for i := range accounts {
		if err := store.CreateUser(ctx, db, &accounts[i]); err != nil {
			return fmt.Errorf("create bench account %s: %w", accounts[i].Username, err)
		}
	}
	return nil
}
