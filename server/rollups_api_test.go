package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/testdb"
)

// TestResultsVerifyNamesEachMismatch runs `kaoping results verify` on the
// demo data (roll-ups kept by the triggers: clean), then on a roll-up
// changed behind the triggers' back and one deleted.
func TestResultsVerifyNamesEachMismatch(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	ctx := context.Background()
	verify := func() (string, error) {
		var out bytes.Buffer
		env := map[string]string{"DATABASE_URL": testdb.URL(currentDatabase(t, a))}
		err := run(ctx, []string{"results", "verify"}, func(k string) string { return env[k] }, &out, &bytes.Buffer{})
		return out.String(), err
	}
	if out, err := verify(); err != nil || !strings.Contains(out, "match") {
		t.Fatalf("verify of the demo data: %q %v", out, err)
	}
	var key struct {
		PeriodID    int64 `bun:"period_id"`
		EvaluateeID int64 `bun:"evaluatee_id"`
		IndicatorID int64 `bun:"indicator_id"`
	}
	if err := a.st.DB.NewRaw(`SELECT period_id, evaluatee_id, indicator_id FROM score_rollups WHERE drafts ORDER BY 1, 2, 3 LIMIT 1`).Scan(ctx, &key); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE score_rollups SET entered = entered + 1 WHERE drafts AND period_id = ? AND evaluatee_id = ? AND indicator_id = ?`,
		`DELETE FROM score_rollups WHERE NOT drafts AND period_id = ? AND evaluatee_id = ? AND indicator_id = ?`,
	} {
		if _, err := a.st.DB.ExecContext(ctx, stmt, key.PeriodID, key.EvaluateeID, key.IndicatorID); err != nil {
			t.Fatal(err)
		}
	}
	// A dimension roll-up of another evaluatee changed behind the triggers' back.
	var other int64
	if err := a.st.DB.NewRaw(`UPDATE dimension_rollups SET earned = earned + 1
		WHERE (period_id, drafts, evaluatee_id, dimension_id) = (SELECT period_id, drafts, evaluatee_id, dimension_id FROM dimension_rollups
			WHERE evaluatee_id <> ? ORDER BY 1, 2, 3, 4 LIMIT 1)
		RETURNING evaluatee_id`, key.EvaluateeID).Scan(ctx, &other); err != nil {
		t.Fatal(err)
	}
	out, err := verify()
	if err == nil {
		t.Fatalf("verify after tampering passed: %q", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var changed, deleted, dimsOfKey, dimsOfOther int
	for _, l := range lines {
		switch {
		case strings.Contains(l, " indicator ") && strings.Contains(l, " drafts ") && strings.Contains(l, "stored tasks="):
			changed++
		case strings.Contains(l, " indicator ") && strings.Contains(l, " verified ") && strings.Contains(l, "stored no row"):
			deleted++
		case strings.Contains(l, fmt.Sprintf("evaluatee %d dimension ", key.EvaluateeID)) && strings.Contains(l, "stored tasks="):
			dimsOfKey++ // its score_rollups changed: the dimension sums no longer match them
		case strings.Contains(l, fmt.Sprintf("evaluatee %d dimension ", other)) && strings.Contains(l, "stored tasks="):
			dimsOfOther++
		default:
			t.Errorf("unexpected line %q", l)
		}
	}
	if changed != 1 || deleted == 0 || dimsOfKey != 2 || dimsOfOther != 1 {
		t.Errorf("verify named %d changed and %d deleted indicator rows, %d and %d dimension rows, want 1, ≥ 1, 2 and 1:\n%s",
			changed, deleted, dimsOfKey, dimsOfOther, out)
	}
}

// TestConcurrentSavesToOneEvaluateeBothCount holds one transaction that
// changed a score of an evaluatee open while a second changes another
// score of the same evaluatee: the second waits for the roll-up lock, and
// after both commit the roll-ups equal a recomputation.
func TestConcurrentSavesToOneEvaluateeBothCount(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	ctx := context.Background()
	var ids []int64
	if err := a.st.DB.NewRaw(`
		SELECT s.id FROM scores s
		WHERE (s.period_id, s.evaluatee_id) = (SELECT period_id, evaluatee_id FROM scores GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2 LIMIT 1)
		ORDER BY s.id LIMIT 2`).Scan(ctx, &ids); err != nil || len(ids) != 2 {
		t.Fatalf("two scores of one evaluatee: %v %v", ids, err)
	}
	first, err := a.st.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := first.ExecContext(ctx, `UPDATE scores SET value = 0, status = 'SUBMITTED' WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var secondErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, secondErr = a.st.DB.ExecContext(ctx, `UPDATE scores SET value = 0, status = 'SUBMITTED' WHERE id = ?`, ids[1])
	}()
	// Wait until the second statement waits for the first's roll-up lock
	// (it must, or it would roll up without the first's change).
	for {
		var waiting int
		if err := a.st.DB.NewRaw(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(ctx, &waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if secondErr != nil {
		t.Fatal(secondErr)
	}
	var out bytes.Buffer
	env := map[string]string{"DATABASE_URL": testdb.URL(currentDatabase(t, a))}
	if err := run(ctx, []string{"results", "verify"}, func(k string) string { return env[k] }, &out, &bytes.Buffer{}); err != nil {
		t.Fatalf("after two concurrent saves: %v\n%s", err, out.String())
	}
}

// TestPreviewRankingStatementsDoNotGrow reads the live (open-period) ranking
// of both groups, of different sizes: the same few statements each, and the
// figures those of the breakdown, which computes from raw scores.
func TestPreviewRankingStatementsDoNotGrow(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	a.loginAs(auth.RoleLeader)
	q := `query($p: ID!, $g: RankingGroup!) { ranking(periodId: $p, group: $g) { rows { rank score evaluatee { id } } } }`
	counts := map[string]int64{}
	var first struct {
		Ranking struct {
			Rows []struct {
				Score     *string
				Evaluatee struct{ ID string }
			}
		}
	}
	for _, g := range []string{"DISTRICTS", "DEPARTMENTS"} {
		a.must(q, map[string]any{"p": "2", "g": g}, &first)
		counts[g] = a.statements.Load()
		if len(first.Ranking.Rows) == 0 {
			t.Fatalf("%s: no rows", g)
		}
		var b struct{ Breakdown struct{ Score *string } }
		row := first.Ranking.Rows[0]
		a.must(`query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) { score } }`, map[string]any{"p": "2", "e": row.Evaluatee.ID}, &b)
		if fmt.Sprint(b.Breakdown.Score) != fmt.Sprint(row.Score) && (b.Breakdown.Score == nil || row.Score == nil || *b.Breakdown.Score != *row.Score) {
			t.Errorf("%s: ranking score %v, breakdown %v", g, row.Score, b.Breakdown.Score)
		}
	}
	if counts["DISTRICTS"] != counts["DEPARTMENTS"] || counts["DISTRICTS"] > 12 {
		t.Errorf("statements per preview ranking: %v (want equal, at most 12)", counts)
	}
	t.Logf("statements: %v", counts)
}
