package store

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/kaoping/kaoping/server/apperr"

	"github.com/uptrace/bun"
)

// ConsistencyThresholds are a plan's settings of the consistency rules, as
// fractions of a task's points. Zero values take the columns' defaults on
// insert (0.8, 0.2, 0.5): a plan created without them gets the defaults.
type ConsistencyThresholds struct {
	HighRate   Decimal `bun:"high_rate,nullzero,default:0.8"`
	LowRate    Decimal `bun:"low_rate,nullzero,default:0.2"`
	LeadSpread Decimal `bun:"lead_spread,nullzero,default:0.5"`
}

// SetPlanThresholds changes a plan's consistency thresholds at version.
func SetPlanThresholds(ctx context.Context, db DB, p *Plan) error {
	p.UpdatedAt = now()
	return updateVersioned(ctx, db, p, apperr.Plan, "plans", p.ID, p.Version,
		"flag_high_rate", "flag_low_rate", "flag_lead_spread", "updated_at")
}

// ScoreFacts is what the consistency rules compare one score with: the
// evaluatee's own report, the 专班's reviewed field finding, the other lead
// units' scores of the same cell and, when a lead unit scores itself, the
// median it gave the others on the task.
type ScoreFacts struct {
	ScoreID     int64   `bun:"score_id"`
	PeriodID    int64   `bun:"period_id"`
	EvaluateeID int64   `bun:"evaluatee_id"`
	TaskID      int64   `bun:"task_id"`
	LeadUnitID  int64   `bun:"lead_unit_id"`
	Value       Decimal `bun:"value"`
	PlanID      int64   `bun:"plan_id"`
	PlanYear    int     `bun:"plan_year"`

	HighRate   Decimal `bun:"flag_high_rate"`
	LowRate    Decimal `bun:"flag_low_rate"`
	LeadSpread Decimal `bun:"flag_lead_spread"`

	DeadlineMonth *int    `bun:"deadline_month"`
	DeadlineState *string `bun:"deadline_state"`

	ReportID      *int64  `bun:"report_id"`
	ReportState   *string `bun:"report_state"`
	EvidenceCount int     `bun:"evidence_count"`

	VisitID   *int64  `bun:"visit_id"`
	Judgement *string `bun:"judgement"`

	OtherLeads json.RawMessage `bun:"other_leads"` // [{"id":…,"unit":…,"value":…}]
	// SelfMedian is set only when the lead unit is also the evaluatee.
	SelfMedian *Decimal `bun:"self_median"`
}

// OtherLeadScore is another lead unit's score of the same cell.
type OtherLeadScore struct {
	ScoreID int64   `json:"id,string"`
	UnitID  int64   `json:"unit,string"`
	Value   Decimal `json:"value"`
}

// Others decodes OtherLeads.
func (f ScoreFacts) Others() ([]OtherLeadScore, error) {
	var out []OtherLeadScore
	if len(f.OtherLeads) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(f.OtherLeads, &out); err != nil {
		return nil, fmt.Errorf("decode other lead scores of score %d: %w", f.ScoreID, err)
	}
	return out, nil
}

// ScoreConsistencyFacts loads the facts of the given scores in one
// statement, however many there are.
func ScoreConsistencyFacts(ctx context.Context, db DB, scoreIDs []int64) ([]ScoreFacts, error) {
	if len(scoreIDs) == 0 {
		return nil, nil
	}
	var rows []ScoreFacts
	err := db.NewRaw(`
		SELECT s.id AS score_id, s.period_id, s.evaluatee_id, s.task_id, s.lead_unit_id, s.value,
			pl.id AS plan_id, pl.year AS plan_year, pl.flag_high_rate, pl.flag_low_rate, pl.flag_lead_spread,
			t.deadline_month, t.deadline_state,
			r.id AS report_id, r.state AS report_state,
			(SELECT count(*) FROM evidence ev WHERE ev.report_id = r.id) AS evidence_count,
			f.visit_id, f.judgement,
			(SELECT json_agg(json_build_object('id', o.id::text, 'unit', o.lead_unit_id::text, 'value', o.value::text) ORDER BY o.lead_unit_id)
				FROM scores o
				WHERE o.period_id = s.period_id AND o.evaluatee_id = s.evaluatee_id AND o.task_id = s.task_id AND o.id <> s.id
			) AS other_leads,
			CASE WHEN e.unit_id = s.lead_unit_id THEN (
				SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY o.value)
				FROM scores o JOIN evaluatees oe ON oe.id = o.evaluatee_id
				WHERE o.period_id = s.period_id AND o.task_id = s.task_id AND o.lead_unit_id = s.lead_unit_id
					AND oe.unit_id <> s.lead_unit_id
			) END AS self_median
		FROM scores s
		JOIN evaluatees e ON e.id = s.evaluatee_id
		JOIN periods p ON p.id = s.period_id
		JOIN plans pl ON pl.id = p.plan_id
		JOIN tasks t ON t.id = s.task_id
		LEFT JOIN progress_reports r
			ON r.period_id = s.period_id AND r.evaluatee_id = s.evaluatee_id AND r.task_id = s.task_id
		LEFT JOIN LATERAL (
			SELECT ff.visit_id, ff.judgement
			FROM field_findings ff JOIN field_visits v ON v.id = ff.visit_id
			WHERE v.period_id = s.period_id AND v.evaluatee_id = s.evaluatee_id AND ff.task_id = s.task_id
				AND v.status = 'ACCEPTED'
			ORDER BY v.visit_date DESC, v.reviewed_at DESC, v.id DESC
			LIMIT 1
		) f ON true
		WHERE s.id IN (?)
		ORDER BY s.id`, bun.In(scoreIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load consistency facts of %d scores: %w", len(scoreIDs), err)
	}
	return rows, nil
}

// ScoreIDsOfPeriod returns the ids of a period's scores in one status, for
// counting the flagged ones.
func ScoreIDsOfPeriod(ctx context.Context, db DB, periodID int64, status ScoreStatus) ([]int64, error) {
	var ids []int64
	err := db.NewRaw(`SELECT id FROM scores WHERE period_id = ? AND status = ? ORDER BY id`, periodID, status).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("list %s scores of period %d: %w", status, periodID, err)
	}
	return ids, nil
}
