package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/kaoping/kaoping/server/apperr"
)

// The analysts' aggregate (issue 12): one SELECT over every lead-unit score,
// generated from a whitelist. Client input never becomes SQL text: measures
// and groupings are Go constants mapped to the fragments below, filter values
// travel as bind parameters. The rules (who may ask, how much) are in
// server/analytics; this file only knows how to say it in SQL.

// Grouping is a column of facts an aggregate may group or filter on.
type Grouping string

const (
	ByPlanYear     Grouping = "PLAN_YEAR"
	ByPeriod       Grouping = "PERIOD"
	ByRankingGroup Grouping = "RANKING_GROUP"
	ByEvaluatee    Grouping = "EVALUATEE"
	ByDimension    Grouping = "DIMENSION"
	ByIndicator    Grouping = "INDICATOR"
	ByTask         Grouping = "TASK"
	ByLeadUnit     Grouping = "LEAD_UNIT"
	ByScoreState   Grouping = "SCORE_STATE"
	ByDataSource   Grouping = "DATA_SOURCE"
)

// groupingSQL: the key (what filters match and totals group by), the label
// users read, and the order rows come in. Evaluatees group by their unit, so
// one district lines up across plans and years; dimensions, indicators and
// tasks by their row in a plan.
var groupingSQL = map[Grouping]struct{ key, label, sort string }{
	ByPlanYear:     {"pl.year::text", "pl.year::text || '年'", "pl.year"},
	ByPeriod:       {"p.id::text", "p.name", "pl.year * 10 + p.half"},
	ByRankingGroup: {"e.ranking_group", "CASE e.ranking_group WHEN 'DISTRICTS' THEN '旗县区组' ELSE '市直部门组' END", "e.ranking_group"},
	ByEvaluatee:    {"eu.id::text", "eu.name", "eu.sort_key"},
	ByDimension:    {"d.id::text", "COALESCE(d.number || '、' || d.name, '(已删除的维度)')", "d.number"},
	ByIndicator:    {"i.id::text", "COALESCE(d.number || '.' || i.number || ' ' || i.name, '(已删除的指标)')", "d.number * 1000 + i.number"},
	ByTask:         {"f.task_id::text", "COALESCE(d.number || '.' || i.number || '.' || t.number || ' ' || left(t.text, 40), '(已删除的任务)')", "(d.number * 1000 + i.number) * 1000 + t.number"},
	ByLeadUnit:     {"f.lead_unit_id::text", "lu.name", "lu.sort_key"},
	ByScoreState:   {"f.status", "CASE f.status WHEN 'DRAFT' THEN '草稿' WHEN 'SUBMITTED' THEN '已提交' WHEN 'VERIFIED' THEN '已核实' ELSE '已退回' END", "f.status"},
	ByDataSource:   {"CASE WHEN f.frozen THEN 'PUBLISHED' ELSE 'LIVE' END", "CASE WHEN f.frozen THEN '公布结果' ELSE '实时数据' END", "f.frozen::int"},
}

// Known says whether g is a grouping of the whitelist.
func (g Grouping) Known() bool { _, ok := groupingSQL[g]; return ok }

// Measure is an aggregate over the facts of a group.
type Measure string

const (
	ScoreSum       Measure = "SCORE_SUM"
	ScoreMean      Measure = "SCORE_MEAN"
	ScoreMin       Measure = "SCORE_MIN"
	ScoreMax       Measure = "SCORE_MAX"
	ScoreStddev    Measure = "SCORE_STDDEV"
	PointsSum      Measure = "POINTS_SUM"
	Rate           Measure = "RATE" // Σ score ÷ Σ points
	RateMean       Measure = "RATE_MEAN"
	RateMin        Measure = "RATE_MIN"
	RateMax        Measure = "RATE_MAX"
	RateStddev     Measure = "RATE_STDDEV"
	ScoreCount     Measure = "SCORE_COUNT"
	EvaluateeCount Measure = "EVALUATEE_COUNT"
	FullMarksShare Measure = "FULL_MARKS_SHARE"
	BelowHalfShare Measure = "BELOW_HALF_SHARE"
	AdjustedShare  Measure = "ADJUSTED_SHARE"
	AdjustmentMean Measure = "ADJUSTMENT_MEAN"
	ReturnedShare  Measure = "RETURNED_SHARE"
	// FindingCount counts the field-visit findings on the group's tasks
	// (every visit but a cancelled one), FindingShortfallCount those judged
	// 部分完成 or 未完成. A finding is about an evaluatee's task in a period,
	// not about a lead unit: each counts once in a group however many lead
	// units scored the task.
	FindingCount          Measure = "FINDING_COUNT"
	FindingShortfallCount Measure = "FINDING_SHORTFALL_COUNT"
	// OverdueCount counts the group's (evaluatee, task) pairs that the 督办
	// board lists as overdue on the day judged (server/overdue's rule,
	// passed in as AggregateQuery.Overdue). A group is made of scores: a
	// task nobody has scored in the periods asked is in no group.
	OverdueCount    Measure = "OVERDUE_COUNT"
	measureDecimals         = 6
)

// rate is one fact's score ÷ points; NULL for a task worth nothing.
const rate = "(f.value / NULLIF(f.points, 0))"

// measureSQL: population standard deviations, so a group of one has a
// spread (0) rather than none. An adjustment is the 专班's value minus the
// lead unit's original (negative: marked down).
var measureSQL = map[Measure]string{
	ScoreSum:       "sum(f.value)",
	ScoreMean:      "avg(f.value)",
	ScoreMin:       "min(f.value)",
	ScoreMax:       "max(f.value)",
	ScoreStddev:    "stddev_pop(f.value)",
	PointsSum:      "sum(f.points)",
	Rate:           "sum(f.value) / NULLIF(sum(f.points), 0)",
	RateMean:       "avg" + rate,
	RateMin:        "min" + rate,
	RateMax:        "max" + rate,
	RateStddev:     "stddev_pop" + rate,
	ScoreCount:     "count(*)",
	EvaluateeCount: "count(DISTINCT f.evaluatee_id)",
	FullMarksShare: "avg((f.value >= f.points)::int)",
	BelowHalfShare: "avg((f.value * 2 < f.points)::int)",
	AdjustedShare:  "avg((f.original_value IS NOT NULL AND f.original_value <> f.value)::int)",
	AdjustmentMean: "avg(f.value - f.original_value) FILTER (WHERE f.original_value IS NOT NULL AND f.original_value <> f.value)",
	ReturnedShare:  "avg((f.status = 'RETURNED')::int)",
	// An outer aggregate inside a scalar subquery: the group's (period,
	// evaluatee, task) items that have findings, each once, summed.
	FindingCount:          findingSum("fnd.n"),
	FindingShortfallCount: findingSum("fnd.short"),
	OverdueCount:          "count(DISTINCT (f.evaluatee_id, f.task_id)) FILTER (WHERE od.task_id IS NOT NULL)",
}

func findingSum(col string) string {
	only := " FILTER (WHERE " + col + " > 0)"
	return "(SELECT COALESCE(sum(x.n), 0) FROM (SELECT DISTINCT x.p, x.e, x.t, x.n FROM unnest(" +
		"array_agg(f.period_id)" + only + ", array_agg(f.evaluatee_id)" + only + ", array_agg(f.task_id)" + only +
		", array_agg(" + col + ")" + only + ") AS x(p, e, t, n)) x)"
}

// needs says which of the optional relations a measure reads.
func (m Measure) needs() (findings, overdue bool) {
	switch m {
	case FindingCount, FindingShortfallCount:
		return true, false
	case OverdueCount:
		return false, true
	}
	return false, false
}

// OverdueRule is server/overdue's rule as data, so that one statement can
// judge every (evaluatee, task) at once: the rank of each report state,
// the least rank each deadline state needs, and the month judged in (a
// deadline month before it has passed).
type OverdueRule struct {
	Year, Month int
	Progress    map[string]int
	Needed      map[string]int
}

// Known says whether m is a measure of the whitelist.
func (m Measure) Known() bool { _, ok := measureSQL[m]; return ok }

// AggregateFilter keeps the facts whose grouping key (or label) is one of
// Values.
type AggregateFilter struct {
	Grouping Grouping
	Values   []string
}

// AggregateQuery is a validated aggregate: the caller checked every name
// against the whitelist and the limits.
type AggregateQuery struct {
	Measures  []Measure
	Groupings []Grouping
	// Sets are the grouping sets, each a bitmask over Groupings (bit i set:
	// Groupings[i] is grouped by); the pivot's totals are the smaller sets.
	Sets    []uint
	Filters []AggregateFilter
	// Ranges on each fact's score and rate, inclusive; nil: open.
	ScoreMin, ScoreMax, RateMin, RateMax *Decimal
	// MaxRows: more rows than this is an error, not a silent cut.
	MaxRows int
	Timeout time.Duration
	// Overdue is the rule OverdueCount judges by; required for it.
	Overdue *OverdueRule
}

// AggregateRow is one group. Keys and Labels are nil for a grouping the row
// totals over; Values are decimals as text (nil: no value, e.g. the spread
// of nothing).
type AggregateRow struct {
	Keys, Labels []*string
	Values       []*string
	Set          uint // which groupings this row groups by (bitmask as in Sets)
	Live         bool // some fact is live data (not yet published)
	Published    bool // some fact was read from a frozen publication
}

// ErrTooManyRows is returned when the result would exceed MaxRows.
var ErrTooManyRows = errors.New("aggregate: too many rows")

// ErrAggregateTimeout is returned when the statement ran past its timeout.
var ErrAggregateTimeout = errors.New("aggregate: statement timeout")

// factsSQL is one row per lead-unit score. Periods in 公示 or 发布 read what
// their current publication froze (the breakdown keeps every score line);
// others read the live scores, with each task's points as the plan gives them
// now (an open task shares what its indicator has left, DESIGN §2.1).
const factsSQL = `WITH frozen AS (
  SELECT p.id AS period_id, pub.id AS publication_id
  FROM periods p JOIN publications pub ON pub.period_id = p.id AND pub.superseded_at IS NULL
  WHERE p.state IN ('PUBLICITY', 'PUBLISHED')
), pts AS (
  SELECT t.id, COALESCE(t.points, GREATEST(i.points - COALESCE(sum(t.points) OVER w, 0), 0)
         / NULLIF(count(*) FILTER (WHERE t.points IS NULL) OVER w, 0)) AS points
  FROM tasks t JOIN indicators i ON i.id = t.indicator_id
  WINDOW w AS (PARTITION BY t.indicator_id)
), facts AS (
  SELECT s.period_id, s.evaluatee_id, s.task_id, s.lead_unit_id, s.value::numeric AS value, pts.points,
         s.status, s.original_value::numeric AS original_value, false AS frozen
  FROM scores s JOIN pts ON pts.id = s.task_id
  WHERE s.period_id NOT IN (SELECT period_id FROM frozen)
  UNION ALL
  SELECT fr.period_id, pr.evaluatee_id, (tl->>'taskId')::bigint, COALESCE(ls.lead_unit_id, u.id), (sl->>'value')::numeric,
         (tl->>'points')::numeric, sl->>'status', (sl->>'originalValue')::numeric, true
  FROM frozen fr
  JOIN published_results pr ON pr.publication_id = fr.publication_id
  CROSS JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(pr.breakdown->'tasks') WHEN 'array' THEN pr.breakdown->'tasks' ELSE '[]' END) tl
  CROSS JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(tl->'scores') WHEN 'array' THEN tl->'scores' ELSE '[]' END) sl
  -- The frozen line names its lead unit as it was called then; the score
  -- row (if it is still there) says which unit that is, whatever it is
  -- called now.
  LEFT JOIN scores ls ON ls.id = (sl->>'scoreId')::bigint
  LEFT JOIN units u ON ls.id IS NULL AND u.name = sl->>'leadUnitName'
  WHERE COALESCE(ls.lead_unit_id, u.id) IS NOT NULL
)`

// findingsSQL counts the findings of each (period, evaluatee, task).
const findingsSQL = `, fnd AS (
  SELECT v.period_id, v.evaluatee_id, ff.task_id, count(*) AS n,
         count(*) FILTER (WHERE ff.judgement IN ('PARTIAL', 'NOT_DONE')) AS short
  FROM field_findings ff JOIN field_visits v ON v.id = ff.visit_id
  WHERE v.status <> 'CANCELLED'
  GROUP BY v.period_id, v.evaluatee_id, ff.task_id
)`

// overdueSQL lists the overdue (evaluatee, task) pairs: as
// store.FindDeadlineCandidates and overdue.Overdue, the latest report of
// the plan's periods (later half first, then the latest written) falls
// short of the deadline's state after its month. Its arguments: the
// progress ranks and needed ranks as JSON, the year and month judged in.
const overdueSQL = `, latest AS (
  SELECT DISTINCT ON (pr.evaluatee_id, pr.task_id) pr.evaluatee_id, pr.task_id, pr.state
  FROM progress_reports pr JOIN periods p ON p.id = pr.period_id
  ORDER BY pr.evaluatee_id, pr.task_id, p.half DESC, pr.updated_at DESC
), od AS (
  SELECT a.evaluatee_id, t.id AS task_id
  FROM tasks t
  JOIN indicators i ON i.id = t.indicator_id JOIN dimensions d ON d.id = i.dimension_id JOIN plans pl ON pl.id = d.plan_id
  JOIN assignments a ON a.task_id = t.id
  LEFT JOIN latest r ON r.evaluatee_id = a.evaluatee_id AND r.task_id = t.id
  WHERE t.deadline_month IS NOT NULL AND t.deadline_state IS NOT NULL
    AND pl.year * 12 + t.deadline_month < ?::int * 12 + ?::int
    AND CASE WHEN r.state IS NULL THEN -1 ELSE COALESCE((?::jsonb ->> r.state)::int, 0) END < (?::jsonb ->> t.deadline_state)::int
)`

const factsJoins = `
FROM facts f
JOIN periods p ON p.id = f.period_id
JOIN plans pl ON pl.id = p.plan_id
JOIN evaluatees e ON e.id = f.evaluatee_id
JOIN units eu ON eu.id = e.unit_id
JOIN units lu ON lu.id = f.lead_unit_id
LEFT JOIN tasks t ON t.id = f.task_id
LEFT JOIN indicators i ON i.id = t.indicator_id
LEFT JOIN dimensions d ON d.id = i.dimension_id`

const findingsJoin = `
LEFT JOIN fnd ON fnd.period_id = f.period_id AND fnd.evaluatee_id = f.evaluatee_id AND fnd.task_id = f.task_id`

const overdueJoin = `
LEFT JOIN od ON od.evaluatee_id = f.evaluatee_id AND od.task_id = f.task_id`

// aggregateSQL builds the statement and its arguments.
func aggregateSQL(q AggregateQuery) (string, []any, error) {
	var b strings.Builder
	var args []any
	b.WriteString(factsSQL)
	// The findings and the overdue pairs cost a pass over their tables:
	// only a view that measures them pays it.
	var findings, overdue bool
	for _, m := range q.Measures {
		f, o := m.needs()
		findings, overdue = findings || f, overdue || o
	}
	if findings {
		b.WriteString(findingsSQL)
	}
	if overdue {
		if q.Overdue == nil {
			return "", nil, fmt.Errorf("aggregate: %s needs the overdue rule", OverdueCount)
		}
		progress, err := json.Marshal(q.Overdue.Progress)
		if err != nil {
			return "", nil, err
		}
		needed, err := json.Marshal(q.Overdue.Needed)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(overdueSQL)
		args = append(args, q.Overdue.Year, q.Overdue.Month, string(progress), string(needed))
	}
	b.WriteString("\nSELECT ")
	n := len(q.Groupings)
	keys := make([]string, n)
	for i, g := range q.Groupings {
		s, ok := groupingSQL[g]
		if !ok {
			return "", nil, fmt.Errorf("aggregate: unknown grouping %q", g)
		}
		keys[i] = s.key
		fmt.Fprintf(&b, "%s AS k%d, min(%s) AS l%d, min(%s) AS s%d, ", s.key, i, s.label, i, s.sort, i)
	}
	if n == 0 {
		b.WriteString("0 AS g, ")
	} else {
		fmt.Fprintf(&b, "GROUPING(%s) AS g, ", strings.Join(keys, ", "))
	}
	// The grand total of nothing is still a row (of NULLs).
	b.WriteString("COALESCE(bool_or(NOT f.frozen), false) AS live, COALESCE(bool_or(f.frozen), false) AS published")
	for i, m := range q.Measures {
		s, ok := measureSQL[m]
		if !ok {
			return "", nil, fmt.Errorf("aggregate: unknown measure %q", m)
		}
		fmt.Fprintf(&b, ", round((%s)::numeric, %d)::text AS m%d", s, measureDecimals, i)
	}
	b.WriteString(factsJoins)
	if findings {
		b.WriteString(findingsJoin)
	}
	if overdue {
		b.WriteString(overdueJoin)
	}
	var where []string
	for _, f := range q.Filters {
		s, ok := groupingSQL[f.Grouping]
		if !ok {
			return "", nil, fmt.Errorf("aggregate: unknown filter %q", f.Grouping)
		}
		where = append(where, fmt.Sprintf("(%s = ANY(?) OR %s = ANY(?))", s.key, s.label))
		args = append(args, pgdialect.Array(f.Values), pgdialect.Array(f.Values))
	}
	for _, r := range []struct {
		v  *Decimal
		op string
		of string
	}{{q.ScoreMin, ">=", "f.value"}, {q.ScoreMax, "<=", "f.value"}, {q.RateMin, ">=", rate}, {q.RateMax, "<=", rate}} {
		if r.v != nil {
			where = append(where, fmt.Sprintf("%s %s ?::numeric", r.of, r.op))
			args = append(args, r.v.String())
		}
	}
	if len(where) > 0 {
		b.WriteString("\nWHERE " + strings.Join(where, " AND "))
	}
	if n > 0 {
		sets := make([]string, len(q.Sets))
		for j, set := range q.Sets {
			var in []string
			for i := range n {
				if set&(1<<i) != 0 {
					in = append(in, keys[i])
				}
			}
			sets[j] = "(" + strings.Join(in, ", ") + ")"
		}
		b.WriteString("\nGROUP BY GROUPING SETS (" + strings.Join(sets, ", ") + ")")
		// Detail rows first, totals after; within each, the plan's order.
		order := []string{"g"}
		for i := range n {
			order = append(order, fmt.Sprintf("s%d", i), fmt.Sprintf("k%d", i))
		}
		b.WriteString("\nORDER BY " + strings.Join(order, ", "))
	}
	fmt.Fprintf(&b, "\nLIMIT %d", q.MaxRows+1)
	return b.String(), args, nil
}

// AggregateScores runs q as one SELECT in a read-only transaction under a
// statement timeout of its own, so an expensive view cannot hold a
// connection longer than analysts were promised.
func AggregateScores(ctx context.Context, db DB, q AggregateQuery) ([]AggregateRow, error) {
	query, args, err := aggregateSQL(q)
	if err != nil {
		return nil, err
	}
	n := len(q.Groupings)
	var out []AggregateRow
	err = db.RunInTx(ctx, &sql.TxOptions{ReadOnly: true}, func(ctx context.Context, tx Tx) error {
		timeout := q.Timeout
		if timeout <= 0 {
			timeout = 5 * time.Second
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL statement_timeout = %d", timeout.Milliseconds())); err != nil {
			return fmt.Errorf("aggregate: set timeout: %w", err)
		}
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r := AggregateRow{Keys: make([]*string, n), Labels: make([]*string, n), Values: make([]*string, len(q.Measures))}
			sorts := make([]any, n)
			dest := make([]any, 0, 3*n+3+len(q.Measures))
			for i := range n {
				dest = append(dest, &r.Keys[i], &r.Labels[i], &sorts[i])
			}
			var g int64
			dest = append(dest, &g, &r.Live, &r.Published)
			for i := range q.Measures {
				dest = append(dest, &r.Values[i])
			}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			// GROUPING() sets a bit for each argument NOT grouped by, the
			// first argument highest; turn it into "grouped by" bits.
			for i := range n {
				if g&(1<<(n-1-i)) == 0 {
					r.Set |= 1 << i
				}
			}
			out = append(out, r)
			if len(out) > q.MaxRows {
				return ErrTooManyRows
			}
		}
		return rows.Err()
	})
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "57014": // query_canceled: the statement timeout
		return nil, ErrAggregateTimeout
	case errors.Is(err, ErrTooManyRows):
		return nil, err
	case err != nil:
		if Unavailable(err) {
			return nil, ErrorUnavailable
		}
		if _, ok := apperr.As(err); ok {
			return nil, err
		}
		return nil, fmt.Errorf("aggregate scores: %w", err)
	}
	return out, nil
}
