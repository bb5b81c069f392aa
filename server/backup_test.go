package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

// The published results, frozen JSON included, as one text to compare.
const publishedRows = `
	SELECT count(*), coalesce(string_agg(concat_ws(':', publication_id, evaluatee_id, ranking_group, rank, score, exact, missing_scores, summary::text, breakdown::text), E'\n'
		ORDER BY publication_id, evaluatee_id), '')
	FROM published_results`

const publishedRanking = `{ ranking(periodId: "1", group: DISTRICTS) {
	preview publishedAt
	rows { rank score provisional missingScores evaluatee { id unit { name } }
	       components { method weight value } dimensions { number name points carriedPoints earned } } } }`

func TestBackupRestoresAnIdenticalCopy(t *testing.T) {
	ctx := context.Background()
	src := testdb.NewSeeded(t, "demo", func(ctx context.Context, st *store.Store) error {
		_, err := demo.Load(ctx, st)
		return err
	})
	var name string
	if err := src.DB.NewRaw(`SELECT current_database()`).Scan(ctx, &name); err != nil {
		t.Fatal(err)
	}
	restoredName := name + "_restored"
	if _, err := src.DB.ExecContext(ctx, `CREATE DATABASE `+pgx.Identifier{restoredName}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = src.DB.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+pgx.Identifier{restoredName}.Sanitize()+` WITH (FORCE)`)
	})
	file := filepath.Join(t.TempDir(), "kaoping.dump")
	kaoping := func(dbURL string, args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := run(ctx, args, func(k string) string {
			if k == "DATABASE_URL" {
				return dbURL
			}
			return ""
		}, &out, &errs)
		return out.String() + errs.String(), err
	}

	if out, err := kaoping(testdb.URL(name), "backup", file); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := kaoping(testdb.URL(restoredName), "restore", file); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := kaoping(testdb.URL(restoredName), "restore", file); err == nil || !strings.Contains(err.Error(), "--replace") {
		t.Errorf("restore over a database with data = %v (%s), want a refusal naming --replace", err, out)
	}
	if out, err := kaoping(testdb.URL(restoredName), "audit", "verify"); err != nil || !strings.Contains(out, "intact") {
		t.Errorf("audit verify on the restored copy: %v\n%s", err, out)
	}
	// The live results' roll-ups come back consistent with the raw scores.
	if out, err := kaoping(testdb.URL(restoredName), "results", "verify"); err != nil {
		t.Errorf("results verify on the restored copy: %v\n%s", err, out)
	}

	restored, err := store.Open(ctx, testdb.URL(restoredName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { restored.Close() })
	var n, m int
	var want, got string
	if err := src.DB.NewRaw(publishedRows).Scan(ctx, &n, &want); err != nil {
		t.Fatal(err)
	}
	if err := restored.DB.NewRaw(publishedRows).Scan(ctx, &m, &got); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("the demo has no published results to compare")
	}
	if m != n || got != want {
		t.Fatalf("published results differ after restore: %d rows, want %d", m, n)
	}

	rankingOf := func(st *store.Store) string {
		a := newAPIOn(t, st)
		a.loginAs(auth.RoleLeader)
		var out json.RawMessage
		a.must(publishedRanking, nil, &out)
		return string(out)
	}
	if a, b := rankingOf(src), rankingOf(restored); a != b || !strings.Contains(a, `"preview":false`) {
		t.Fatalf("published ranking through the API differs after restore:\n%s\nwant\n%s", b, a)
	}
	circularOf := func(st *store.Store) string {
		a := newAPIOn(t, st)
		a.loginAs(auth.RoleLeader)
		var out json.RawMessage
		a.must(publishedCircular, nil, &out)
		return string(out)
	}
	if a, b := circularOf(src), circularOf(restored); a != b || !strings.Contains(a, `"preview":false`) {
		t.Fatalf("the published circular differs after restore:\n%s\nwant\n%s", b, a)
	}
}

const publishedCircular = `{ circular(periodId: "1") { title periodName publishedAt preview previousName
	groups { group title paragraph ranking { rank evaluateeId unitName score change }
	         dimensions { number name top { rank unitName score } bottom { rank unitName score } } } } }`
