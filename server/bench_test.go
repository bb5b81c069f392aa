package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

// Benchmarks at province scale (demo.ProvinceScale: 2,000 evaluatees, 500
// tasks, two periods). They go through the real GraphQL handler and report
// SQL statements per request. Run:
//
//	go test -run '^$' -bench . -benchtime 20x ./server/
//
// The fixture is generated once and kept on the PostgreSQL server as
// kaoping_cache_benchprovince_v<demo.ProvinceVersion>_<migrations>
// (testdb.NewCached); later runs clone it in seconds. It is the same cache,
// seeded the same way, as `make bench` (server/bench) uses, so the two
// build it once between them.

func provinceAPI(b *testing.B) *api {
	b.Helper()
	st := testdb.NewCached(b, "benchprovince", demo.ProvinceVersion, func(ctx context.Context, st *store.Store) error {
		if err := demo.GenerateProvince(ctx, st, demo.ProvinceScale); err != nil {
			return err
		}
		return demo.ProvinceAccounts(ctx, st.DB, demo.ProvinceScale)
	})
	return newAPIOn(b, st)
}

func benchQuery(b *testing.B, a *api, query string, vars map[string]any) {
	b.Helper()
	a.must(query, vars, nil) // warm caches
	b.ResetTimer()
	total := int64(0)
	for i := 0; i < b.N; i++ {
		a.must(query, vars, nil)
		total += a.statements.Load()
	}
	b.ReportMetric(float64(total)/float64(b.N), "stmts/op")
}

const rankingBenchQuery = `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) {
  rows { rank score evaluatee { id unit { name } } components { method value } dimensions { number score } } } }`

func BenchmarkRankingPublished(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleLeader)
	benchQuery(b, a, rankingBenchQuery, map[string]any{"p": periodID(b, a, 1), "g": "DISTRICTS"})
}

func BenchmarkRankingPreview(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleLeader)
	benchQuery(b, a, rankingBenchQuery, map[string]any{"p": periodID(b, a, 2), "g": "DISTRICTS"})
}

const breakdownBenchQuery = `query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) {
  score components { method value } dimensions { number score }
  tasks { number points score scores { leadUnitName value enteredBy verifiedBy } } steps { label detail } } }`

func BenchmarkBreakdownPublished(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleLeader)
	benchQuery(b, a, breakdownBenchQuery, map[string]any{"p": periodID(b, a, 1), "e": evaluateeID(b, a)})
}

func BenchmarkBreakdownPreview(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleLeader)
	benchQuery(b, a, breakdownBenchQuery, map[string]any{"p": periodID(b, a, 2), "e": evaluateeID(b, a)})
}

// BenchmarkSave200Scores saves 200 cells of one lead unit in one request,
// each round over the versions the previous round returned.
func BenchmarkSave200Scores(b *testing.B) {
	a := provinceAPI(b)
	var unit string
	if err := a.st.DB.NewRaw(`SELECT u.name FROM units u JOIN task_lead_units l ON l.unit_id = u.id GROUP BY u.name ORDER BY count(*) DESC LIMIT 1`).Scan(context.Background(), &unit); err != nil {
		b.Fatal(err)
	}
	a.login(a.mustUser(unit, auth.RoleLeadScorer), testPassword)
	period := periodID(b, a, 2)
	var sheet struct {
		ScoreSheet struct {
			Cells []struct {
				EvaluateeID, TaskID, MaxPoints string
				Score                          *struct{ Version int }
			}
		}
	}
	a.must(`query($p: ID!) { scoreSheet(periodId: $p) { cells { evaluateeId taskId maxPoints score { version } } } }`, map[string]any{"p": period}, &sheet)
	var entries []map[string]any
	for _, c := range sheet.ScoreSheet.Cells {
		if len(entries) == 200 {
			break
		}
		v := 0
		if c.Score != nil {
			v = c.Score.Version
		}
		entries = append(entries, map[string]any{"evaluateeId": c.EvaluateeID, "taskId": c.TaskID, "value": c.MaxPoints[:min(4, len(c.MaxPoints))], "comment": "", "version": v})
	}
	if len(entries) < 200 {
		b.Fatalf("only %d cells", len(entries))
	}
	q := `mutation($p: ID!, $e: [ScoreEntryInput!]!) { saveScores(input: {periodId: $p, entries: $e, submit: false}) { evaluateeId taskId version } }`
	b.ResetTimer()
	total := int64(0)
	for i := 0; i < b.N; i++ {
		var out struct {
			SaveScores []struct {
				EvaluateeID, TaskID string
				Version             int
			}
		}
		a.must(q, map[string]any{"p": period, "e": entries}, &out)
		total += a.statements.Load()
		for j, s := range out.SaveScores {
			entries[j]["version"] = s.Version
		}
	}
	b.ReportMetric(float64(total)/float64(b.N), "stmts/op")
}

func periodID(b *testing.B, a *api, half int) string {
	var id int64
	if err := a.st.DB.NewRaw(`SELECT id FROM periods WHERE half = ?`, half).Scan(context.Background(), &id); err != nil {
		b.Fatal(err)
	}
	return fmt.Sprint(id)
}

func evaluateeID(b *testing.B, a *api) string {
	var id int64
	if err := a.st.DB.NewRaw(`SELECT e.id FROM evaluatees e JOIN units u ON u.id = e.unit_id WHERE u.name = '县区0001'`).Scan(context.Background(), &id); err != nil {
		b.Fatal(err)
	}
	return fmt.Sprint(id)
}
