package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/load"
)

// The SPA's documents (frontend/src/features/results/documents.ts and the
// scoring grid's save), so the server does the work a browser asks of it.
const rankingRowFields = `fragment RankingRowFields on RankingRow {
  rank score provisional missingScores
  evaluatee { id group unit { id name sortKey } }
  components { method weight value }
  dimensions { dimensionId number name points carriedPoints earned score }
}`

const rankingQuery = `query Ranking($periodId: ID!, $group: RankingGroup!) {
  ranking(periodId: $periodId, group: $group) {
    preview publishedAt group period { id name state }
    rows { ...RankingRowFields }
  }
}
` + rankingRowFields

// The same rows as prepared JSON (schema/publications.graphqls).
const publishedRankingQuery = `query($periodId: ID!, $group: RankingGroup!) {
  publishedRanking(periodId: $periodId, group: $group) { group publishedAt period { id name state } rows }
}`

// The typed ranking's rows as one JSON value (Ranking.rowsJson): what the
// SPA can ask for instead of rows on a province's 1,200-row groups.
const rowsJSONQuery = `query($periodId: ID!, $group: RankingGroup!) {
  ranking(periodId: $periodId, group: $group) { preview publishedAt group period { id name state } rowsJson }
}`

const breakdownQuery = `query Breakdown($periodId: ID!, $evaluateeId: ID!) {
  breakdown(periodId: $periodId, evaluateeId: $evaluateeId) {
    preview score exact missingScores
    period { id name state publishedAt }
    evaluatee { id group unit { id name } }
    components { method weight value }
    dimensions { dimensionId number name points carriedPoints earned score }
    steps { label formula detail }
    tasks { taskId number text dimensionId points score missing
      scores { scoreId leadUnitName value status enteredBy enteredAt verifiedBy verifiedAt originalValue reviewReason counted } }
  }
}`

// The what-if page's document (frontend/src/features/whatif): every task of
// the evaluatee ranked by what full marks would gain.
const whatIfQuery = `query WhatIf($periodId: ID!, $evaluateeId: ID!) {
  whatIf(periodId: $periodId, evaluateeId: $evaluateeId) {
    assumption
    current { score rank groupSize }
    tasks { task { id number text } maxPoints currentScores gain gainExact rankGain outcome { score rank groupSize } }
  }
}`

const saveMutation = `mutation($p: ID!, $e: [ScoreEntryInput!]!) {
  saveScores(input: {periodId: $p, entries: $e, submit: false}) { evaluateeId taskId version }
}`

// The SQL floor: for each case one hand-written statement that reads (or
// writes) what the answer holds, rows consumed in Go, no JSON.
const (
	// The frozen rows of the group with the unit names, in rank order.
	publishedFloor = `SELECT pr.rank, pr.score, pr.missing_scores, pr.summary, u.id, u.name, u.sort_key
FROM publications p
JOIN published_results pr ON pr.publication_id = p.id
JOIN evaluatees e ON e.id = pr.evaluatee_id
JOIN units u ON u.id = e.unit_id
WHERE p.period_id = $1 AND p.superseded_at IS NULL AND pr.ranking_group = $2
ORDER BY pr.rank`
	// Live: the counted scores of the group summed per evaluatee and
	// dimension, ranked; the formula's shape without its details.
	previewFloor = `WITH per AS (
  SELECT s.evaluatee_id, i.dimension_id, sum(s.value) AS earned
  FROM scores s
  JOIN evaluatees e ON e.id = s.evaluatee_id
  JOIN tasks t ON t.id = s.task_id
  JOIN indicators i ON i.id = t.indicator_id
  WHERE s.period_id = $1 AND e.ranking_group = $2 AND s.status IN ('SUBMITTED', 'VERIFIED')
  GROUP BY s.evaluatee_id, i.dimension_id)
SELECT per.evaluatee_id, u.name, sum(per.earned) AS total, rank() OVER (ORDER BY sum(per.earned) DESC),
  array_agg(per.earned ORDER BY per.dimension_id)
FROM per JOIN evaluatees e ON e.id = per.evaluatee_id JOIN units u ON u.id = e.unit_id
GROUP BY per.evaluatee_id, u.name
ORDER BY 4`
	// The frozen breakdown of the evaluatee.
	publishedBreakdownFloor = `SELECT pr.breakdown FROM publications p
JOIN published_results pr ON pr.publication_id = p.id
WHERE p.period_id = $1 AND p.superseded_at IS NULL AND pr.evaluatee_id = $2`
	// Every carried task of the evaluatee with its scores and who entered them.
	breakdownFloor = `SELECT t.id, t.number, t.text, t.points, i.dimension_id, s.id, s.value, s.status, lu.name,
  s.entered_by_name, s.entered_at, s.verified_by_name, s.verified_at, s.original_value, s.review_reason
FROM assignments a
JOIN tasks t ON t.id = a.task_id
JOIN indicators i ON i.id = t.indicator_id
LEFT JOIN scores s ON s.period_id = $1 AND s.evaluatee_id = a.evaluatee_id AND s.task_id = a.task_id
LEFT JOIN units lu ON lu.id = s.lead_unit_id
WHERE a.evaluatee_id = $2
ORDER BY t.number, lu.name`
	// One UPDATE of the rows, their history rows and an audit row, in one
	// statement (autocommit: one transaction). The version is left alone so
	// the server's next save of the same cells still matches.
	saveFloor = `WITH v AS (SELECT unnest($1::bigint[]) AS id, unnest($2::numeric[]) AS value),
u AS (UPDATE scores s SET value = v.value, entered_at = now() FROM v WHERE s.id = v.id RETURNING s.id, s.value, s.status),
h AS (INSERT INTO score_history (score_id, at, username, action, new_value, new_status)
      SELECT id, now(), 'bench', 'SAVE', value, status FROM u)
INSERT INTO audit_log (username, operation, outcome, detail) SELECT 'bench', 'bench:saveScores', 'OK', count(*)::text FROM u`
)

// fixture is what the cases of one scale work on.
type fixture struct {
	pool            *pgxpool.Pool
	published, open int64
	group           string
	groupRows       int
	evaluatee       string
	evaluateeID     int64
	scorer          string
	leaders         []*load.Client
	apiClients      []*load.Client // of the API floor (floor.go)
	saves           []*saver       // one per worker
}

// saver is one worker's save: its client, its own cells (no two workers
// save the same cell, so versions never clash) and their score ids.
type saver struct {
	client   *load.Client
	entries  []map[string]any
	values   [2][]string // the two values saves alternate between
	scoreIDs []int64
	round    int
}

// newClient is a load client that waits as long as the slowest case takes
// (a live province ranking at c=4 took minutes before the roll-ups).
func newClient(url string) *load.Client {
	cl := load.NewClient(url)
	cl.HTTP.Timeout = 15 * time.Minute
	return cl
}

func prepare(ctx context.Context, pool *pgxpool.Pool, url string, workers int) (*fixture, error) {
	f := &fixture{pool: pool}
	err := pool.QueryRow(ctx, `SELECT
  (SELECT id FROM periods WHERE state = 'PUBLISHED' ORDER BY id LIMIT 1),
  (SELECT id FROM periods WHERE state = 'OPEN' ORDER BY id LIMIT 1)`).Scan(&f.published, &f.open)
	if err != nil {
		return nil, fmt.Errorf("find a published and an open period: %w", err)
	}
	// The biggest group, and its first evaluatee for the breakdown.
	err = pool.QueryRow(ctx, `SELECT ranking_group, count(*), min(id) FROM evaluatees GROUP BY ranking_group ORDER BY count(*) DESC LIMIT 1`).Scan(&f.group, &f.groupRows, &f.evaluateeID)
	if err != nil {
		return nil, fmt.Errorf("find the biggest group: %w", err)
	}
	f.evaluatee = strconv.FormatInt(f.evaluateeID, 10)
	// The lead scorer of the unit with the most cells.
	var unitID int64
	err = pool.QueryRow(ctx, `SELECT usr.username, usr.unit_id
FROM users usr JOIN user_roles r ON r.user_id = usr.id AND r.role = 'LEAD_SCORER'
JOIN task_lead_units l ON l.unit_id = usr.unit_id
JOIN assignments a ON a.task_id = l.task_id
WHERE NOT usr.totp_enabled
GROUP BY usr.username, usr.unit_id ORDER BY count(*) DESC, usr.username LIMIT 1`).Scan(&f.scorer, &unitID)
	if err != nil {
		return nil, fmt.Errorf("find a lead scorer: %w", err)
	}
	for range workers {
		cl := newClient(url)
		if err := cl.Login(ctx, "leader", demo.Password, ""); err != nil {
			return nil, err
		}
		f.leaders = append(f.leaders, cl)
	}
	// The scorer's sheet, split into one set of cells per worker.
	first := newClient(url)
	if err := first.Login(ctx, f.scorer, demo.Password, ""); err != nil {
		return nil, err
	}
	var sheet struct {
		ScoreSheet struct {
			Cells []struct {
				EvaluateeID, TaskID, MaxPoints string
				Score                          *struct {
					Version int
					Status  string
				}
			}
		}
	}
	if _, err := first.Do(ctx, `query($p: ID!) { scoreSheet(periodId: $p) { cells { evaluateeId taskId maxPoints score { version status } } } }`,
		map[string]any{"p": strconv.FormatInt(f.open, 10)}, &sheet); err != nil {
		return nil, fmt.Errorf("score sheet of %s: %w", f.scorer, err)
	}
	per := 200
	var cells []map[string]any
	var values [2][]string
	for _, c := range sheet.ScoreSheet.Cells {
		if c.Score != nil && c.Score.Status == "VERIFIED" {
			continue // verified scores are the task force's now
		}
		maxPts, err := strconv.ParseFloat(c.MaxPoints, 64)
		if err != nil || maxPts < 0.05 {
			continue
		}
		v := 0
		if c.Score != nil {
			v = c.Score.Version
		}
		cells = append(cells, map[string]any{"evaluateeId": c.EvaluateeID, "taskId": c.TaskID, "comment": "", "version": v})
		values[0] = append(values[0], fmt.Sprintf("%.2f", math.Floor(maxPts*90)/100))
		values[1] = append(values[1], fmt.Sprintf("%.2f", math.Floor(maxPts*80)/100))
	}
	per = min(per, len(cells)/workers)
	if per == 0 {
		return nil, fmt.Errorf("%s has only %d cells to save", f.scorer, len(cells))
	}
	for w := range workers {
		cl := first
		if w > 0 {
			cl = newClient(url)
			if err := cl.Login(ctx, f.scorer, demo.Password, ""); err != nil {
				return nil, err
			}
		}
		s := &saver{client: cl, entries: cells[w*per : (w+1)*per],
			values: [2][]string{values[0][w*per : (w+1)*per], values[1][w*per : (w+1)*per]}}
		// One save first, so every cell has a score row the floor can update.
		if _, err := s.save(ctx, f.open); err != nil {
			return nil, fmt.Errorf("first save: %w", err)
		}
		evs, tasks := make([]int64, per), make([]int64, per)
		for i, e := range s.entries {
			evs[i], _ = strconv.ParseInt(e["evaluateeId"].(string), 10, 64)
			tasks[i], _ = strconv.ParseInt(e["taskId"].(string), 10, 64)
		}
		rows, err := pool.Query(ctx, `SELECT s.id FROM unnest($1::bigint[], $2::bigint[]) WITH ORDINALITY AS c(evaluatee_id, task_id, n)
JOIN scores s ON s.period_id = $3 AND s.lead_unit_id = $4 AND s.evaluatee_id = c.evaluatee_id AND s.task_id = c.task_id ORDER BY c.n`, evs, tasks, f.open, unitID)
		if err != nil {
			return nil, err
		}
		if s.scoreIDs, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return nil, err
		}
		if len(s.scoreIDs) != per {
			return nil, fmt.Errorf("found %d of the %d saved scores", len(s.scoreIDs), per)
		}
		f.saves = append(f.saves, s)
	}
	return f, nil
}

// save sends the worker's cells with the next of its two values and keeps
// the versions the server returns for the next round.
func (s *saver) save(ctx context.Context, period int64) (int, error) {
	vals := s.values[s.round%2]
	s.round++
	for i, e := range s.entries {
		e["value"] = vals[i]
	}
	var out struct {
		SaveScores []struct {
			EvaluateeID, TaskID string
			Version             int
		}
	}
	res, err := s.client.Do(ctx, saveMutation, map[string]any{"p": strconv.FormatInt(period, 10), "e": s.entries}, &out)
	if err != nil {
		return 0, err
	}
	if len(out.SaveScores) != len(s.entries) {
		return 0, fmt.Errorf("saved %d of %d", len(out.SaveScores), len(s.entries))
	}
	for i, sc := range out.SaveScores {
		s.entries[i]["version"] = sc.Version
	}
	return statements(res)
}

func (f *fixture) cases() []benchCase {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	read := func(query string, vars map[string]any) func(context.Context, int) (int, error) {
		return func(ctx context.Context, w int) (int, error) {
			res, err := f.leaders[w].Do(ctx, query, vars, nil)
			if err != nil {
				return 0, err
			}
			return statements(res)
		}
	}
	api := func(query string, vars map[string]any) func(context.Context, int) error {
		return func(ctx context.Context, w int) error {
			_, err := f.apiClients[w].Do(ctx, query, vars, nil)
			return err
		}
	}
	floor := func(sql string, args ...any) func(context.Context, int) error {
		return func(ctx context.Context, _ int) error {
			rows, err := f.pool.Query(ctx, sql, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				_ = rows.RawValues()
			}
			return rows.Err()
		}
	}
	return []benchCase{
		{name: "published ranking", server: read(rankingQuery, map[string]any{"periodId": id(f.published), "group": f.group}),
			floor: floor(publishedFloor, f.published, f.group), api: api(publishedRankingQuery, map[string]any{"periodId": id(f.published), "group": f.group})},
		{name: "published ranking (JSON)", server: read(publishedRankingQuery, map[string]any{"periodId": id(f.published), "group": f.group}),
			floor: floor(publishedFloor, f.published, f.group), api: api(publishedRankingQuery, map[string]any{"periodId": id(f.published), "group": f.group})},
		{name: "published ranking (rowsJson)", server: read(rowsJSONQuery, map[string]any{"periodId": id(f.published), "group": f.group}),
			floor: floor(publishedFloor, f.published, f.group), api: api(publishedRankingQuery, map[string]any{"periodId": id(f.published), "group": f.group})},
		{name: "live preview ranking", server: read(rankingQuery, map[string]any{"periodId": id(f.open), "group": f.group}),
			floor: floor(previewFloor, f.open, f.group)},
		// The preview as one JSON value: what issue 9's "preview ≤ 2× the
		// published ranking" compares with the published rowsJson above.
		{name: "live preview ranking (rowsJson)", server: read(rowsJSONQuery, map[string]any{"periodId": id(f.open), "group": f.group}),
			floor: floor(previewFloor, f.open, f.group)},
		{name: "breakdown (published)", server: read(breakdownQuery, map[string]any{"periodId": id(f.published), "evaluateeId": f.evaluatee}),
			floor: floor(publishedBreakdownFloor, f.published, f.evaluateeID),
			api:   api(breakdownQuery, map[string]any{"periodId": id(f.published), "evaluateeId": f.evaluatee})},
		{name: "breakdown (live)", server: read(breakdownQuery, map[string]any{"periodId": id(f.open), "evaluateeId": f.evaluatee}),
			floor: floor(breakdownFloor, f.open, f.evaluateeID)},
		// Its floor is the live ranking's (what it ranks against), the
		// larger of the two reads it needs.
		{name: "what-if (all tasks)", server: read(whatIfQuery, map[string]any{"periodId": id(f.open), "evaluateeId": f.evaluatee}),
			floor: floor(previewFloor, f.open, f.group)},
		{name: fmt.Sprintf("save %d scores", len(f.saves[0].entries)),
			server: func(ctx context.Context, w int) (int, error) { return f.saves[w].save(ctx, f.open) },
			floor: func(ctx context.Context, w int) error {
				s := f.saves[w]
				_, err := f.pool.Exec(ctx, saveFloor, s.scoreIDs, s.values[s.round%2])
				return err
			}},
	}
}
