package store

import (
	"context"
	"fmt"
	"time"
)

// DeadlineCandidate is an assignment whose task's deadline month has passed,
// with the evaluatee's latest report on it (if any). Whether it is overdue
// is the rule of server/overdue; the store only narrows the rows to months
// that have passed so the rule sees few of them.
type DeadlineCandidate struct {
	PlanID          int64        `bun:"plan_id"`
	PlanYear        int          `bun:"plan_year"`
	TaskID          int64        `bun:"task_id"`
	TaskNumber      int          `bun:"task_number"`
	TaskText        string       `bun:"task_text"`
	DimensionNumber int          `bun:"dimension_number"`
	Deadline        Deadline     `bun:"embed:deadline_"`
	EvaluateeID     int64        `bun:"evaluatee_id"`
	UnitID          int64        `bun:"unit_id"`
	UnitName        string       `bun:"unit_name"`
	Group           RankingGroup `bun:"ranking_group"`
	LeadUnitIDs     []int64      `bun:"lead_unit_ids,array"`
	LeadUnitNames   []string     `bun:"lead_unit_names,array"`
	ReportID        *int64       `bun:"report_id"`
	ReportPeriodID  *int64       `bun:"report_period_id"`
	ReportState     *string      `bun:"report_state"`
	ReportUpdatedAt *time.Time   `bun:"report_updated_at"`
}

// FindDeadlineCandidates returns, in one statement, the assignments of a
// plan whose task names a month and a state and whose month ended before
// the first day of (year, month) — the month the board judges in. Rows come
// in evaluatee (group, official order) then task order.
func FindDeadlineCandidates(ctx context.Context, db DB, planID int64, year, month int) ([]DeadlineCandidate, error) {
	var out []DeadlineCandidate
	err := db.NewRaw(`
		SELECT pl.id AS plan_id, pl.year AS plan_year,
		       t.id AS task_id, t.number AS task_number, t.text AS task_text, d.number AS dimension_number,
		       t.deadline_phrase, t.deadline_month, t.deadline_state, t.deadline_continuing,
		       e.id AS evaluatee_id, u.id AS unit_id, u.name AS unit_name, e.ranking_group,
		       COALESCE(leads.ids, '{}') AS lead_unit_ids, COALESCE(leads.names, '{}') AS lead_unit_names,
		       r.id AS report_id, r.period_id AS report_period_id, r.state AS report_state, r.updated_at AS report_updated_at
		FROM plans pl
		JOIN dimensions d ON d.plan_id = pl.id
		JOIN indicators i ON i.dimension_id = d.id
		JOIN tasks t ON t.indicator_id = i.id
		JOIN assignments a ON a.task_id = t.id
		JOIN evaluatees e ON e.id = a.evaluatee_id
		JOIN units u ON u.id = e.unit_id
		LEFT JOIN LATERAL (
			SELECT array_agg(lu.id ORDER BY lu.sort_key, lu.id) AS ids, array_agg(lu.name ORDER BY lu.sort_key, lu.id) AS names
			FROM task_lead_units tlu JOIN units lu ON lu.id = tlu.unit_id
			WHERE tlu.task_id = t.id
		) leads ON true
		LEFT JOIN LATERAL (
			SELECT pr.id, pr.period_id, pr.state, pr.updated_at
			FROM progress_reports pr JOIN periods p ON p.id = pr.period_id
			WHERE pr.evaluatee_id = e.id AND pr.task_id = t.id
			ORDER BY p.half DESC, pr.updated_at DESC
			LIMIT 1
		) r ON true
		WHERE pl.id = ? AND t.deadline_month IS NOT NULL AND t.deadline_state IS NOT NULL
		  AND pl.year * 12 + t.deadline_month < ? * 12 + ?
		ORDER BY e.ranking_group, u.sort_key, u.id, d.number, i.number, t.number`,
		planID, year, month).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find deadline candidates of plan %d: %w", planID, err)
	}
	return out, nil
}
