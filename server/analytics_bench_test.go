package main

import (
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// The analysts' aggregate at province scale (issue 12): see bench_test.go
// for the fixture and how to run.

const aggregateBenchQuery = `query($s: ViewSpecInput!) { aggregate(spec: $s) { live rows { keys values groupedBy } } }`

// BenchmarkAggregateLeadUnitByDimension: lead unit × dimension over the
// published (frozen) first half, with the pivot's totals.
func BenchmarkAggregateLeadUnitByDimension(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleAnalyst)
	benchQuery(b, a, aggregateBenchQuery, map[string]any{"s": map[string]any{
		"measures": []string{"RATE_MEAN", "SCORE_COUNT"}, "rows": []string{"LEAD_UNIT"}, "columns": []string{"DIMENSION"},
		"filters": []map[string]any{{"grouping": "PERIOD", "values": []string{periodID(b, a, 1)}}},
	}})
}

// BenchmarkAggregateLeadUnitByDimensionLive: the same over the open half.
func BenchmarkAggregateLeadUnitByDimensionLive(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleAnalyst)
	benchQuery(b, a, aggregateBenchQuery, map[string]any{"s": map[string]any{
		"measures": []string{"RATE_MEAN", "SCORE_COUNT"}, "rows": []string{"LEAD_UNIT"}, "columns": []string{"DIMENSION"},
		"filters": []map[string]any{{"grouping": "PERIOD", "values": []string{periodID(b, a, 2)}}},
	}})
}

// BenchmarkAggregateEvaluateeByPeriod: every evaluatee × every period.
func BenchmarkAggregateEvaluateeByPeriod(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleAnalyst)
	benchQuery(b, a, aggregateBenchQuery, map[string]any{"s": map[string]any{
		"measures": []string{"RATE", "SCORE_SUM"}, "rows": []string{"EVALUATEE"}, "columns": []string{"PERIOD"},
	}})
}
