package main

import (
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/analytics"
	"github.com/kaoping/kaoping/server/auth"
)

// The analysts' aggregate at province scale (issue 12): see bench_test.go
// for the fixture and how to run. The benchmarks lift the aggregate's
// limits (a 5 s statement timeout in production) so that they measure how
// long the statement takes rather than stop at the limit.
// The row limit too: every evaluatee × every period with the totals is
// 6,003 rows at province scale, over the 5,000 an answer may have.
func liftAggregateTimeout(b *testing.B) {
	timeout, rows := analytics.Timeout, analytics.MaxRows
	analytics.Timeout, analytics.MaxRows = 10*time.Minute, 100_000
	b.Cleanup(func() { analytics.Timeout, analytics.MaxRows = timeout, rows })
}

const aggregateBenchQuery = `query($s: ViewSpecInput!) { aggregate(spec: $s) { live rows { keys values groupedBy } } }`

// BenchmarkAggregateLeadUnitByDimension: lead unit × dimension over the
// published (frozen) first half, with the pivot's totals.
func BenchmarkAggregateLeadUnitByDimension(b *testing.B) {
	liftAggregateTimeout(b)
	a := provinceAPI(b)
	a.loginAs(auth.RoleAnalyst)
	benchQuery(b, a, aggregateBenchQuery, map[string]any{"s": map[string]any{
		"measures": []string{"RATE_MEAN", "SCORE_COUNT"}, "rows": []string{"LEAD_UNIT"}, "columns": []string{"DIMENSION"},
		"filters": []map[string]any{{"grouping": "PERIOD", "values": []string{periodID(b, a, 1)}}},
	}})
}

// BenchmarkAggregateLeadUnitByDimensionLive: the same over the open half.
func BenchmarkAggregateLeadUnitByDimensionLive(b *testing.B) {
	liftAggregateTimeout(b)
	a := provinceAPI(b)
	a.loginAs(auth.RoleAnalyst)
	benchQuery(b, a, aggregateBenchQuery, map[string]any{"s": map[string]any{
		"measures": []string{"RATE_MEAN", "SCORE_COUNT"}, "rows": []string{"LEAD_UNIT"}, "columns": []string{"DIMENSION"},
		"filters": []map[string]any{{"grouping": "PERIOD", "values": []string{periodID(b, a, 2)}}},
	}})
}

// BenchmarkAggregateEvaluateeByPeriod: every evaluatee × every period.
func BenchmarkAggregateEvaluateeByPeriod(b *testing.B) {
	liftAggregateTimeout(b)
	a := provinceAPI(b)
	a.loginAs(auth.RoleAnalyst)
	benchQuery(b, a, aggregateBenchQuery, map[string]any{"s": map[string]any{
		"measures": []string{"RATE", "SCORE_SUM"}, "rows": []string{"EVALUATEE"}, "columns": []string{"PERIOD"},
	}})
}
