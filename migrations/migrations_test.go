package migrations_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

func TestApplyIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := store.Open(ctx, testdb.EmptyDatabase(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first, err := migrations.Apply(ctx, st.SQL())
	if err != nil {
		t.Fatal(err)
	}
	all, _ := migrations.All()
	if len(first) != len(all) {
		t.Errorf("first run applied %v, want all %d", first, len(all))
	}
	second, err := migrations.Apply(ctx, st.SQL())
	if err != nil || len(second) != 0 {
		t.Errorf("second run applied %v (err %v), want nothing", second, err)
	}
	if pending, _ := migrations.Pending(ctx, st.SQL()); len(pending) != 0 {
		t.Errorf("pending after apply: %v", pending)
	}
}

// The rules that protect the numbers hold even for SQL that bypasses Go.
func TestDatabaseEnforcesRules(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	mustExec := func(q string) {
		t.Helper()
		if _, err := st.DB.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustExec(`INSERT INTO plans (id, name, year) VALUES (1, '方案', 2024)`)
	mustExec(`INSERT INTO dimensions (id, plan_id, number, name, points) VALUES (1, 1, 1, '方面', 25)`)
	mustExec(`INSERT INTO indicators (id, dimension_id, number, name, points) VALUES (1, 1, 1, '指标', 3)`)
	mustExec(`INSERT INTO plans (id, name, year) VALUES (2, '另一方案', 2024)`)
	mustExec(`INSERT INTO units (id, name, kind) VALUES (1, '昆都仑区', 'DISTRICT')`)
	mustExec(`INSERT INTO evaluatees (id, plan_id, unit_id, ranking_group) VALUES (1, 2, 1, 'DISTRICTS')`)
	mustExec(`INSERT INTO tasks (id, indicator_id, number, text) VALUES (1, 1, 1, '任务')`)

	for name, tc := range map[string]struct{ sql, violation string }{
		"negative points":           {`INSERT INTO dimensions (plan_id, number, name, points) VALUES (1, 2, 'x', -1)`, "dimensions_points_check"},
		"duplicate number":          {`INSERT INTO indicators (id, dimension_id, number, name, points) VALUES (2, 1, 1, 'x', 1)`, "indicators_dimension_number_key"},
		"weights not 100":           {`UPDATE plans SET weight_tp = 5 WHERE id = 1`, "plans_weights_sum_check"},
		"unknown unit kind":         {`INSERT INTO units (name, kind) VALUES ('x', 'CITY')`, "units_kind_check"},
		"task of missing indicator": {`INSERT INTO tasks (id, indicator_id, number, text) VALUES (2, 99, 1, 'x')`, "tasks_indicator_id_fkey"},
		"month 13":                  {`UPDATE tasks SET deadline_month = 13 WHERE id = 1`, "tasks_deadline_month_check"},
		"cross-plan assignment":     {`INSERT INTO assignments (evaluatee_id, task_id) VALUES (1, 1)`, "assignments_same_plan"},
		"delete unit in use":        {`DELETE FROM units WHERE id = 1`, "evaluatees_unit_id_fkey"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := st.DB.ExecContext(ctx, tc.sql)
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.ConstraintName != tc.violation {
				t.Errorf("%s: err = %v, want a violation of %s", tc.sql, err, tc.violation)
			}
		})
	}
}
