package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
)

// The aggregate's field-visit and 督办 measures (issue 12) against
// hand-written SQL on the demo data. The demo's one field visit (昆都仑区,
// 下半年, five tasks) gets three findings here: 完成, 部分完成, 未完成. The
// 2023 plan's deadline months have all passed on the test's date, so most
// of its tasks are overdue.

// handFindings: findings per (period, evaluatee, task) item, every visit
// but a cancelled one.
const handFindings = `, hfnd AS (
  SELECT v.period_id, v.evaluatee_id, ff.task_id, count(*) AS n,
         sum(CASE WHEN ff.judgement IN ('PARTIAL', 'NOT_DONE') THEN 1 ELSE 0 END) AS short
  FROM field_findings ff JOIN field_visits v ON v.id = ff.visit_id
  WHERE v.status <> 'CANCELLED' GROUP BY 1, 2, 3
), items AS (SELECT DISTINCT period_id, evaluatee_id, task_id, unit_id, lead_unit_id, dimension_id FROM hf) `

// handOverdue: the 督办 rule written out again: the latest report (later
// half first) below the deadline state's rank, the month over before the
// first of the month judged in (%s, a date).
const handOverdue = `, hod AS (
  SELECT a.evaluatee_id, t.id AS task_id
  FROM tasks t JOIN indicators i ON i.id = t.indicator_id JOIN dimensions d ON d.id = i.dimension_id
  JOIN plans pl ON pl.id = d.plan_id JOIN assignments a ON a.task_id = t.id
  LEFT JOIN LATERAL (SELECT pr.state FROM progress_reports pr JOIN periods p ON p.id = pr.period_id
                     WHERE pr.evaluatee_id = a.evaluatee_id AND pr.task_id = t.id ORDER BY p.half DESC, pr.updated_at DESC LIMIT 1) r ON true
  WHERE t.deadline_month IS NOT NULL AND t.deadline_state IS NOT NULL
    AND make_date(pl.year, t.deadline_month, 1) + interval '1 month' <= date_trunc('month', DATE '%s')
    AND CASE r.state WHEN 'COMPLETED' THEN 4 WHEN 'NOTABLE_RESULTS' THEN 3 WHEN 'STAGED_RESULTS' THEN 2 WHEN 'IN_PROGRESS' THEN 1 WHEN 'NOT_STARTED' THEN 0 ELSE -1 END
      < CASE t.deadline_state WHEN 'ONGOING' THEN 1 WHEN 'STAGED_RESULTS' THEN 2 WHEN 'NOTABLE_RESULTS' THEN 3 WHEN 'COMPLETED' THEN 4 END
) `

func TestAggregateFindingsAndOverdueMatchHandWrittenSQL(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	ctx := context.Background()
	// Three findings on the demo visit's first three checklist items.
	res, err := a.st.DB.ExecContext(ctx, `INSERT INTO field_findings (visit_id, task_id, judgement, observed_at, recorded_by_name, updated_at)
		SELECT visit_id, task_id, (ARRAY['DONE', 'PARTIAL', 'NOT_DONE'])[row_number() OVER (ORDER BY task_id)], now(), '测试', now()
		FROM field_visit_items ORDER BY task_id LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 3 {
		t.Fatalf("findings inserted: %d, want 3 (the demo visit has no checklist?)", n)
	}
	judged := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	a.today.mu.Lock()
	a.today.now = judged
	a.today.mu.Unlock()
	a.loginAs(auth.RoleAnalyst)
	day := judged.Format("2006-01-02")
	cases := []struct{ name, spec, hand string }{
		{"findings per evaluatee", `{measures: [FINDING_COUNT, FINDING_SHORTFALL_COUNT], rows: [EVALUATEE]}`,
			`SELECT i.unit_id::text, sum(h.n) || '|' || sum(h.short) FROM (SELECT DISTINCT period_id, evaluatee_id, task_id, unit_id FROM items) i
			 JOIN hfnd h USING (period_id, evaluatee_id, task_id) GROUP BY i.unit_id`},
		{"findings per lead unit × period", `{measures: [FINDING_COUNT], rows: [LEAD_UNIT], columns: [PERIOD]}`,
			`SELECT i.lead_unit_id || '|' || i.period_id, sum(h.n)::text FROM (SELECT DISTINCT period_id, evaluatee_id, task_id, lead_unit_id FROM items) i
			 JOIN hfnd h USING (period_id, evaluatee_id, task_id) GROUP BY i.lead_unit_id, i.period_id`},
		{"findings in all", `{measures: [FINDING_COUNT, FINDING_SHORTFALL_COUNT], rows: []}`,
			`SELECT '', sum(h.n) || '|' || sum(h.short) FROM (SELECT DISTINCT period_id, evaluatee_id, task_id FROM items) i JOIN hfnd h USING (period_id, evaluatee_id, task_id)`},
		{"overdue per dimension", `{measures: [OVERDUE_COUNT], rows: [DIMENSION]}`,
			`SELECT dimension_id::text, count(DISTINCT (evaluatee_id, task_id))::text FROM hf JOIN hod USING (evaluatee_id, task_id) GROUP BY dimension_id`},
		{"overdue per lead unit, open half", `{measures: [OVERDUE_COUNT, SCORE_COUNT], rows: [LEAD_UNIT], filters: [{grouping: PERIOD, values: ["2"]}]}`,
			`SELECT lead_unit_id::text, count(DISTINCT (hf.evaluatee_id, hf.task_id)) FILTER (WHERE hod.task_id IS NOT NULL) || '|' || count(*)
			 FROM hf LEFT JOIN hod USING (evaluatee_id, task_id) WHERE period_id = 2 GROUP BY lead_unit_id`},
		{"overdue per evaluatee", `{measures: [OVERDUE_COUNT], rows: [EVALUATEE]}`,
			`SELECT unit_id::text, count(DISTINCT (evaluatee_id, task_id))::text FROM hf JOIN hod USING (evaluatee_id, task_id) GROUP BY unit_id`},
	}
	for _, c := range cases {
		before := a.statements.Load()
		got, errs := a.aggregate(c.spec)
		if len(errs) > 0 {
			t.Errorf("%s: %+v", c.name, errs)
			continue
		}
		if n := a.statements.Load() - before; n > 5 {
			t.Errorf("%s: %d statements", c.name, n)
		}
		want := map[string]string{}
		for k, v := range handAnswer(t, a, fmt.Sprintf("%s%s%s", handFindings, fmt.Sprintf(handOverdue, day), c.hand)) {
			want[k] = v
		}
		if len(want) == 0 {
			t.Errorf("%s: the hand-written SQL finds nothing; the case tests nothing", c.name)
		}
		// The aggregate has a row for every group of scores, 0 where the
		// hand-written join finds nothing.
		details := got.details()
		nonzero := 0
		for k, v := range details {
			v = trimZeros(v)
			w, ok := want[k]
			if !ok {
				w = zeros(v)
			}
			if v != w {
				t.Errorf("%s: group %s = %q, hand-written SQL says %q", c.name, k, v, w)
			}
			if ok {
				nonzero++
			}
		}
		if nonzero != len(want) {
			t.Errorf("%s: %d of the hand-written SQL's %d groups in the answer", c.name, nonzero, len(want))
		}
	}

	// The overdue measure judges on the 督办 board's date: on 15 January
	// 2023 no month of the 2023 plan has passed.
	a.today.mu.Lock()
	a.today.now = time.Date(2023, 1, 15, 10, 0, 0, 0, time.UTC)
	a.today.mu.Unlock()
	got, errs := a.aggregate(`{measures: [OVERDUE_COUNT], rows: []}`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if v := got.details()[""]; v != "0" {
		t.Errorf("overdue on 2023-01-15 = %q, want 0", v)
	}
}

// zeros is what a group the hand-written join has no row for must show:
// 0 for each measure (a count of nothing), as the API writes it.
func zeros(v string) string {
	out := "0"
	for _, c := range v {
		if c == '|' {
			out += "|0"
		}
	}
	return out
}
