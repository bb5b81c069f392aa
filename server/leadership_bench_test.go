package main

import (
	"io"
	"net/http"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// Rank changes of the open second half (a preview) against the published
// first half, at province scale.
func BenchmarkRankChangesPreview(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleLeader)
	benchQuery(b, a, `query($p: ID!, $g: RankingGroup!) { rankChanges(periodId: $p, group: $g) { previousName rows { evaluateeId rank previousRank change } } }`,
		map[string]any{"p": periodID(b, a, 2), "g": "DISTRICTS"})
}

// The published first half's ranking of the larger group as .xlsx.
func BenchmarkRankingExport(b *testing.B) {
	a := provinceAPI(b)
	a.loginAs(auth.RoleLeader)
	url := a.srv.URL + "/files/ranking.xlsx?group=DISTRICTS&periodId=" + periodID(b, a, 1)
	get := func() int {
		resp, err := a.client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("export: %d", resp.StatusCode)
		}
		return int(n)
	}
	size := get()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		get()
	}
	b.ReportMetric(float64(size)/1024, "KiB")
	b.ReportMetric(float64(a.statements.Load()), "stmts/op")
}
