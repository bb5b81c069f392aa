package store

import (
	"context"
	"fmt"
	"time"
)

// The home page's counts (issue 13): each function answers one role's
// to-do list in one statement, whatever the number of plans, periods, cells
// or visits, so the home query runs a fixed number of statements.

// PeriodWork is one period with the counts of what is still to do in it.
type PeriodWork struct {
	PeriodID        int64      `bun:"period_id"`
	PlanID          int64      `bun:"plan_id"`
	PlanName        string     `bun:"plan_name"`
	PlanYear        int        `bun:"plan_year"`
	PeriodName      string     `bun:"period_name"`
	State           string     `bun:"state"`
	EntryClosesOn   *time.Time `bun:"entry_closes_on"`
	PublicityEndsOn *time.Time `bun:"publicity_ends_on"`
	// Scorer: cells without a submitted score, cells returned, all cells.
	// Task force: scores waiting for verification. Contact: carried tasks
	// without a progress report.
	Open     int `bun:"open"`
	Returned int `bun:"returned"`
	Total    int `bun:"total"`
	// Task force: 民意调查 / 第三方评估 not imported (the plan weighs them).
	MissingPublicOpinion bool `bun:"missing_po"`
	MissingThirdParty    bool `bun:"missing_tp"`
	// Contact in 公示 or 发布: its own published place.
	Rank  *int     `bun:"rank"`
	Score *Decimal `bun:"score"`
	// Task force: objections waiting for an answer. Contact: its objections
	// (Objections) and of them answered (ObjectionsAnswered).
	Objections         int `bun:"objections"`
	ObjectionsAnswered int `bun:"objections_answered"`
	// Contact: the unit's evaluatee in the period's plan.
	EvaluateeID *int64 `bun:"evaluatee_id"`
}

const periodWorkColumns = `p.id AS period_id, p.plan_id, pl.name AS plan_name, pl.year AS plan_year,
	p.name AS period_name, p.state, p.entry_closes_on, p.publicity_ends_on`

// CountScorerWork counts, per period in which scores are entered (填报,
// 审核), the cells a lead unit scores: without a submitted score (none yet
// or a draft), returned by the 专班, and all of them. Periods where the unit
// has no cells are left out.
func CountScorerWork(ctx context.Context, db DB, leadUnitID int64) ([]PeriodWork, error) {
	var out []PeriodWork
	err := db.NewRaw(`
		SELECT `+periodWorkColumns+`,
		       count(*) FILTER (WHERE s.id IS NULL OR s.status = 'DRAFT') AS open,
		       count(*) FILTER (WHERE s.status = 'RETURNED') AS returned,
		       count(*) AS total
		FROM periods p
		JOIN plans pl ON pl.id = p.plan_id
		JOIN evaluatees e ON e.plan_id = p.plan_id
		JOIN assignments a ON a.evaluatee_id = e.id
		JOIN task_lead_units l ON l.task_id = a.task_id AND l.unit_id = ?
		LEFT JOIN scores s ON s.period_id = p.id AND s.evaluatee_id = a.evaluatee_id
		     AND s.task_id = a.task_id AND s.lead_unit_id = l.unit_id
		WHERE p.state IN ('OPEN', 'REVIEW')
		GROUP BY p.id, pl.id
		ORDER BY pl.year DESC, p.plan_id, p.half`, leadUnitID).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("count the work of lead unit %d: %w", leadUnitID, err)
	}
	return out, nil
}

// CountTaskForceWork lists the periods the 专班 has work in: those in 填报 or
// 审核 with the scores waiting for verification (Open), returned ones
// (Returned) and the 民意调查/第三方评估 imports missing for methods the plan
// weighs, and those in 公示 (to close). Drafts and published periods are
// left out.
func CountTaskForceWork(ctx context.Context, db DB) ([]PeriodWork, error) {
	var out []PeriodWork
	err := db.NewRaw(`
		SELECT `+periodWorkColumns+`,
		       coalesce(sc.submitted, 0) AS open,
		       coalesce(sc.returned, 0) AS returned,
		       coalesce(sc.total, 0) AS total,
		       p.state IN ('OPEN', 'REVIEW') AND pl.weight_po > 0
		         AND NOT EXISTS (SELECT 1 FROM source_values v WHERE v.period_id = p.id AND v.method = 'PUBLIC_OPINION') AS missing_po,
		       p.state IN ('OPEN', 'REVIEW') AND pl.weight_tp > 0
		         AND NOT EXISTS (SELECT 1 FROM source_values v WHERE v.period_id = p.id AND v.method = 'THIRD_PARTY') AS missing_tp,
		       (SELECT count(*) FROM objections o WHERE o.period_id = p.id AND o.status = 'OPEN') AS objections
		FROM periods p
		JOIN plans pl ON pl.id = p.plan_id
		LEFT JOIN LATERAL (
		  SELECT count(*) FILTER (WHERE s.status = 'SUBMITTED') AS submitted,
		         count(*) FILTER (WHERE s.status = 'RETURNED') AS returned,
		         count(*) AS total
		  FROM scores s WHERE s.period_id = p.id
		) sc ON true
		WHERE p.state IN ('OPEN', 'REVIEW', 'PUBLICITY')
		ORDER BY pl.year DESC, p.plan_id, p.half`).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("count the 专班's work: %w", err)
	}
	return out, nil
}

// CountContactWork lists, for the evaluatees of a unit, the periods in 填报
// with the carried tasks that have no progress report yet (Open of Total),
// and the periods whose results are frozen (公示, 发布) with the unit's
// place in the current publication.
func CountContactWork(ctx context.Context, db DB, unitID int64) ([]PeriodWork, error) {
	var out []PeriodWork
	err := db.NewRaw(`
		SELECT `+periodWorkColumns+`,
		       coalesce(w.open, 0) AS open, 0 AS returned, coalesce(w.total, 0) AS total,
		       r.rank, r.score, e.id AS evaluatee_id,
		       (SELECT count(*) FROM objections o WHERE o.period_id = p.id AND o.evaluatee_id = e.id) AS objections,
		       (SELECT count(*) FROM objections o WHERE o.period_id = p.id AND o.evaluatee_id = e.id AND o.status <> 'OPEN') AS objections_answered
		FROM periods p
		JOIN plans pl ON pl.id = p.plan_id
		JOIN evaluatees e ON e.plan_id = p.plan_id AND e.unit_id = ?
		LEFT JOIN LATERAL (
		  SELECT count(*) FILTER (WHERE pr.id IS NULL) AS open, count(*) AS total
		  FROM assignments a
		  LEFT JOIN progress_reports pr ON pr.period_id = p.id AND pr.evaluatee_id = a.evaluatee_id AND pr.task_id = a.task_id
		  WHERE a.evaluatee_id = e.id AND p.state = 'OPEN'
		) w ON true
		LEFT JOIN LATERAL (
		  SELECT res.rank, res.score
		  FROM publications pub
		  JOIN published_results res ON res.publication_id = pub.id AND res.evaluatee_id = e.id
		  WHERE pub.period_id = p.id AND pub.superseded_at IS NULL AND p.state IN ('PUBLICITY', 'PUBLISHED')
		  ORDER BY pub.number DESC LIMIT 1
		) r ON true
		WHERE p.state IN ('OPEN', 'PUBLICITY', 'PUBLISHED')
		ORDER BY pl.year DESC, p.plan_id, p.half`, unitID).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("count the work of unit %d: %w", unitID, err)
	}
	return out, nil
}

// VisitWork is one of an inspector's visits still to do.
type VisitWork struct {
	ID            int64     `bun:"id"`
	PeriodID      int64     `bun:"period_id"`
	PlanID        int64     `bun:"plan_id"`
	EvaluateeName string    `bun:"evaluatee_name"`
	Date          time.Time `bun:"visit_date"`
	Status        string    `bun:"status"`
	Items         int       `bun:"items"`
}

// CountInspectorWork lists an inspector's visits still to be done (planned
// or returned) dated on or before the day after `today`, soonest first; at
// most limit of them.
func CountInspectorWork(ctx context.Context, db DB, userID int64, today time.Time, limit int) ([]VisitWork, error) {
	var out []VisitWork
	err := db.NewRaw(`
		SELECT v.id, v.period_id, p.plan_id, u.name AS evaluatee_name, v.visit_date, v.status,
		       (SELECT count(*) FROM field_visit_items i WHERE i.visit_id = v.id) AS items
		FROM field_visits v
		JOIN field_visit_inspectors fi ON fi.visit_id = v.id AND fi.user_id = ?
		JOIN periods p ON p.id = v.period_id
		JOIN evaluatees e ON e.id = v.evaluatee_id
		JOIN units u ON u.id = e.unit_id
		WHERE v.status IN ('PLANNED', 'RETURNED') AND v.visit_date <= ?::date
		ORDER BY v.visit_date, v.id
		LIMIT ?`, userID, today.Format(time.DateOnly), limit).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("count the visits of inspector %d: %w", userID, err)
	}
	return out, nil
}

// RankingTop is one of the first rows of a published ranking group.
type RankingTop struct {
	PeriodID     int64      `bun:"period_id"`
	PlanID       int64      `bun:"plan_id"`
	PlanName     string     `bun:"plan_name"`
	PlanYear     int        `bun:"plan_year"`
	PeriodName   string     `bun:"period_name"`
	PublishedAt  *time.Time `bun:"published_at"`
	Group        string     `bun:"ranking_group"`
	Ranked       int        `bun:"ranked"`
	Rank         int        `bun:"rank"`
	UnitName     string     `bun:"unit_name"`
	Score        *Decimal   `bun:"score"`
	EvaluateeID  int64      `bun:"evaluatee_id"`
	Publications int        `bun:"publications"`
}

// LatestPublishedTop returns the first `top` places of each group of the
// most recently published (发布) period's current publication, in group and
// rank order; empty when nothing is published.
func LatestPublishedTop(ctx context.Context, db DB, top int) ([]RankingTop, error) {
	var out []RankingTop
	err := db.NewRaw(`
		WITH latest AS (
		  SELECT p.id AS period_id, p.plan_id, pl.name AS plan_name, pl.year AS plan_year, p.name AS period_name,
		         p.published_at, pub.id AS publication_id, pub.number AS publications
		  FROM periods p
		  JOIN plans pl ON pl.id = p.plan_id
		  JOIN publications pub ON pub.period_id = p.id AND pub.superseded_at IS NULL
		  WHERE p.state = 'PUBLISHED'
		  ORDER BY p.published_at DESC NULLS LAST, pub.number DESC
		  LIMIT 1
		)
		SELECT l.period_id, l.plan_id, l.plan_name, l.plan_year, l.period_name, l.published_at, l.publications,
		       r.ranking_group, r.rank, r.score, r.evaluatee_id, u.name AS unit_name, g.ranked
		FROM latest l
		JOIN LATERAL (
		  SELECT ranking_group, count(*) AS ranked FROM published_results
		  WHERE publication_id = l.publication_id GROUP BY ranking_group
		) g ON true
		JOIN published_results r ON r.publication_id = l.publication_id AND r.ranking_group = g.ranking_group AND r.rank <= ?
		JOIN evaluatees e ON e.id = r.evaluatee_id
		JOIN units u ON u.id = e.unit_id
		ORDER BY r.ranking_group DESC, r.rank, u.sort_key`, top).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find the latest published ranking: %w", err)
	}
	return out, nil
}
