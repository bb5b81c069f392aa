package store

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// ScoreRollup is one row of score_rollups (migrations/0007): the sums of an
// evaluatee's carried tasks of one indicator with the same number of
// counted lead scores. Triggers keep the table in step with every write to
// the rows it sums; readers only read it.
type ScoreRollup struct {
	PeriodID       int64   `bun:"period_id"`
	EvaluateeID    int64   `bun:"evaluatee_id"`
	IndicatorID    int64   `bun:"indicator_id"`
	Drafts         bool    `bun:"drafts"`
	Counted        int     `bun:"counted"`
	Tasks          int     `bun:"tasks"`
	ExplicitPoints Decimal `bun:"explicit_points"`
	SharedTasks    int     `bun:"shared_tasks"`
	Entered        Decimal `bun:"entered"`
	FullShares     int     `bun:"full_shares"`
	Missing        int     `bun:"missing"`
}

// DimensionRollup is one row of dimension_rollups (migrations/0016): an
// evaluatee's carried tasks of one dimension summed, Σ P_t and Σ s_t as
// integers over a common denominator. Kept with score_rollups by the same
// triggers; readers only read it.
type DimensionRollup struct {
	PeriodID    int64   `bun:"period_id"`
	EvaluateeID int64   `bun:"evaluatee_id"`
	DimensionID int64   `bun:"dimension_id"`
	Drafts      bool    `bun:"drafts"`
	Tasks       int     `bun:"tasks"`
	Denominator Decimal `bun:"denominator"`
	Points      Decimal `bun:"points"`
	Earned      Decimal `bun:"earned"`
	Missing     int     `bun:"missing"`
}

// FindDimensionRollups returns the dimension roll-ups of a period's evaluatees
// of one ranking group, drafts included or verified scores only, in one
// statement (an index range per evaluatee: a few rows each).
func FindDimensionRollups(ctx context.Context, db DB, periodID, planID int64, group RankingGroup, drafts bool) ([]DimensionRollup, error) {
	var rows []DimensionRollup
	err := db.NewRaw(`
		SELECT r.period_id, r.evaluatee_id, r.dimension_id, r.drafts, r.tasks, r.denominator, r.points, r.earned, r.missing
		FROM evaluatees ev
		JOIN dimension_rollups r ON r.period_id = ? AND r.drafts = ? AND r.evaluatee_id = ev.id
		WHERE ev.plan_id = ? AND ev.ranking_group = ?`, periodID, drafts, planID, group).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load dimension roll-ups of period %d: %w", periodID, err)
	}
	return rows, nil
}

// DimensionRollupMismatch is a stored dimension roll-up that differs from
// the one recomputed from score_rollups; nil on the side that has no row.
type DimensionRollupMismatch struct {
	Key        DimensionRollup // period, evaluatee, dimension and variant
	Stored     *DimensionRollup
	Recomputed *DimensionRollup
}

// FindDimensionRollupMismatches recomputes every dimension roll-up from the
// stored score_rollups (dimension_rollups_of, what the triggers store) and
// returns each row that differs. Together with ScoreRollupMismatches
// (score_rollups against raw rows) it checks the dimension rows against
// raw rows. Sums are compared as fractions. It reads only; one statement.
func FindDimensionRollupMismatches(ctx context.Context, db DB) ([]DimensionRollupMismatch, error) {
	var raw []struct {
		PeriodID      int64   `bun:"period_id"`
		EvaluateeID   int64   `bun:"evaluatee_id"`
		DimensionID   int64   `bun:"dimension_id"`
		Drafts        bool    `bun:"drafts"`
		HasStored     bool    `bun:"has_stored"`
		HasRecomputed bool    `bun:"has_recomputed"`
		STasks        int     `bun:"s_tasks"`
		SDen          Decimal `bun:"s_den"`
		SPoints       Decimal `bun:"s_points"`
		SEarned       Decimal `bun:"s_earned"`
		SMissing      int     `bun:"s_missing"`
		RTasks        int     `bun:"r_tasks"`
		RDen          Decimal `bun:"r_den"`
		RPoints       Decimal `bun:"r_points"`
		REarned       Decimal `bun:"r_earned"`
		RMissing      int     `bun:"r_missing"`
	}
	err := db.NewRaw(`
		WITH r AS (
			SELECT * FROM dimension_rollups_of(
				(SELECT array_agg(pe.id ORDER BY pe.id, ev.id) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id),
				(SELECT array_agg(ev.id ORDER BY pe.id, ev.id) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id),
				(SELECT array_agg(NULL::bigint) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id))
		)
		SELECT coalesce(s.period_id, r.period_id) AS period_id, coalesce(s.evaluatee_id, r.evaluatee_id) AS evaluatee_id,
			coalesce(s.dimension_id, r.dimension_id) AS dimension_id, coalesce(s.drafts, r.drafts) AS drafts,
			s.period_id IS NOT NULL AS has_stored, r.period_id IS NOT NULL AS has_recomputed,
			coalesce(s.tasks, 0) AS s_tasks, coalesce(s.denominator, 1) AS s_den, coalesce(s.points, 0) AS s_points,
			coalesce(s.earned, 0) AS s_earned, coalesce(s.missing, 0) AS s_missing,
			coalesce(r.tasks, 0) AS r_tasks, coalesce(r.denominator, 1) AS r_den, coalesce(r.points, 0) AS r_points,
			coalesce(r.earned, 0) AS r_earned, coalesce(r.missing, 0) AS r_missing
		FROM dimension_rollups s
		FULL JOIN r ON r.period_id = s.period_id AND r.evaluatee_id = s.evaluatee_id AND r.dimension_id = s.dimension_id
			AND r.drafts = s.drafts
		WHERE s.period_id IS NULL OR r.period_id IS NULL
			OR s.tasks <> r.tasks OR s.missing <> r.missing
			OR s.points * r.denominator <> r.points * s.denominator
			OR s.earned * r.denominator <> r.earned * s.denominator
		ORDER BY 1, 2, 3, 4`).Scan(ctx, &raw)
	if err != nil {
		return nil, fmt.Errorf("recompute dimension roll-ups: %w", err)
	}
	out := make([]DimensionRollupMismatch, len(raw))
	for i, x := range raw {
		key := DimensionRollup{PeriodID: x.PeriodID, EvaluateeID: x.EvaluateeID, DimensionID: x.DimensionID, Drafts: x.Drafts}
		out[i].Key = key
		if x.HasStored {
			s := key
			s.Tasks, s.Denominator, s.Points, s.Earned, s.Missing = x.STasks, x.SDen, x.SPoints, x.SEarned, x.SMissing
			out[i].Stored = &s
		}
		if x.HasRecomputed {
			r := key
			r.Tasks, r.Denominator, r.Points, r.Earned, r.Missing = x.RTasks, x.RDen, x.RPoints, x.REarned, x.RMissing
			out[i].Recomputed = &r
		}
	}
	return out, nil
}

// RollupMismatch is a stored roll-up row that differs from the one
// recomputed from raw rows; Stored or Recomputed is nil when the row is
// missing on that side.
type RollupMismatch struct {
	Key        ScoreRollup // period, evaluatee, indicator, variant and count
	Stored     *ScoreRollup
	Recomputed *ScoreRollup
}

// ScoreRollupMismatches recomputes every roll-up of every period from raw
// rows (score_rollups_of, the function the triggers store) and returns each
// row that differs from the stored one. It reads only; one statement.
func ScoreRollupMismatches(ctx context.Context, db DB) ([]RollupMismatch, error) {
	var raw []struct {
		PeriodID      int64   `bun:"period_id"`
		EvaluateeID   int64   `bun:"evaluatee_id"`
		IndicatorID   int64   `bun:"indicator_id"`
		Drafts        bool    `bun:"drafts"`
		Counted       int     `bun:"counted"`
		HasStored     bool    `bun:"has_stored"`
		HasRecomputed bool    `bun:"has_recomputed"`
		STasks        int     `bun:"s_tasks"`
		SShared       int     `bun:"s_shared"`
		SFull         int     `bun:"s_full"`
		SMissing      int     `bun:"s_missing"`
		SExplicit     Decimal `bun:"s_explicit"`
		SEntered      Decimal `bun:"s_entered"`
		RTasks        int     `bun:"r_tasks"`
		RShared       int     `bun:"r_shared"`
		RFull         int     `bun:"r_full"`
		RMissing      int     `bun:"r_missing"`
		RExplicit     Decimal `bun:"r_explicit"`
		REntered      Decimal `bun:"r_entered"`
	}
	err := db.NewRaw(`
		WITH r AS (
			SELECT * FROM score_rollups_of(
				(SELECT array_agg(pe.id ORDER BY pe.id, ev.id) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id),
				(SELECT array_agg(ev.id ORDER BY pe.id, ev.id) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id),
				(SELECT array_agg(NULL::bigint) FROM periods pe JOIN evaluatees ev ON ev.plan_id = pe.plan_id))
		)
		SELECT coalesce(s.period_id, r.period_id) AS period_id, coalesce(s.evaluatee_id, r.evaluatee_id) AS evaluatee_id,
			coalesce(s.indicator_id, r.indicator_id) AS indicator_id, coalesce(s.drafts, r.drafts) AS drafts,
			coalesce(s.counted, r.counted) AS counted,
			s.period_id IS NOT NULL AS has_stored, r.period_id IS NOT NULL AS has_recomputed,
			coalesce(s.tasks, 0) AS s_tasks, coalesce(s.shared_tasks, 0) AS s_shared, coalesce(s.full_shares, 0) AS s_full,
			coalesce(s.missing, 0) AS s_missing, coalesce(s.explicit_points, 0) AS s_explicit, coalesce(s.entered, 0) AS s_entered,
			coalesce(r.tasks, 0) AS r_tasks, coalesce(r.shared_tasks, 0) AS r_shared, coalesce(r.full_shares, 0) AS r_full,
			coalesce(r.missing, 0) AS r_missing, coalesce(r.explicit_points, 0) AS r_explicit, coalesce(r.entered, 0) AS r_entered
		FROM score_rollups s
		FULL JOIN r ON r.period_id = s.period_id AND r.evaluatee_id = s.evaluatee_id AND r.indicator_id = s.indicator_id
			AND r.drafts = s.drafts AND r.counted = s.counted
		WHERE s.period_id IS NULL OR r.period_id IS NULL
			OR (s.tasks, s.shared_tasks, s.full_shares, s.missing, s.explicit_points, s.entered)
				IS DISTINCT FROM (r.tasks, r.shared_tasks, r.full_shares, r.missing, r.explicit_points, r.entered)
		ORDER BY 1, 2, 3, 4, 5`).Scan(ctx, &raw)
	if err != nil {
		return nil, fmt.Errorf("recompute score roll-ups: %w", err)
	}
	out := make([]RollupMismatch, len(raw))
	for i, x := range raw {
		key := ScoreRollup{PeriodID: x.PeriodID, EvaluateeID: x.EvaluateeID, IndicatorID: x.IndicatorID, Drafts: x.Drafts, Counted: x.Counted}
		out[i].Key = key
		if x.HasStored {
			s := key
			s.Tasks, s.SharedTasks, s.FullShares, s.Missing, s.ExplicitPoints, s.Entered = x.STasks, x.SShared, x.SFull, x.SMissing, x.SExplicit, x.SEntered
			out[i].Stored = &s
		}
		if x.HasRecomputed {
			r := key
			r.Tasks, r.SharedTasks, r.FullShares, r.Missing, r.ExplicitPoints, r.Entered = x.RTasks, x.RShared, x.RFull, x.RMissing, x.RExplicit, x.REntered
			out[i].Recomputed = &r
		}
	}
	return out, nil
}

// ReplaceScoreRollups recomputes every roll-up (both levels) from raw rows,
// for data loaded with triggers off (the province fixture's COPY), in one
// transaction: readers see the old roll-ups or the new, never none. The
// rebuild's few big statements sort and hash millions of rows, so they get
// memory enough not to spill, and no JIT: at province scale compiling them
// took ~6 s and gained nothing (migrations/0017). As a superuser (the
// fixture loader) it also skips the roll-up tables' foreign-key triggers,
// two million row-by-row checks of keys that the rebuild has just joined
// from those very tables.
func ReplaceScoreRollups(ctx context.Context, db DB) error {
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var super bool
		if err := tx.NewRaw(`SELECT current_setting('is_superuser') = 'on'`).Scan(ctx, &super); err != nil {
			return err
		}
		sets := []string{`SET LOCAL work_mem = '256MB'`, `SET LOCAL jit = off`}
		if super {
			sets = append(sets, `SET LOCAL session_replication_role = replica`)
		}
		for _, set := range sets {
			if _, err := tx.ExecContext(ctx, set); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `SELECT score_rollups_rebuild()`)
		return err
	})
	if err != nil {
		return fmt.Errorf("rebuild score roll-ups: %w", err)
	}
	return nil
}

// EvaluateesInGroup returns a plan's evaluatees of one ranking group with
// their units.
func EvaluateesInGroup(ctx context.Context, db DB, planID int64, group RankingGroup) ([]Evaluatee, error) {
	var evs []Evaluatee
	err := db.NewSelect().Model(&evs).Relation("Unit").
		Where("evaluatee.plan_id = ? AND evaluatee.ranking_group = ?", planID, group).
		Order("unit.sort_key", "unit.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load evaluatees of plan %d in group %s: %w", planID, group, err)
	}
	return evs, nil
}

// LatestCountedFindings is LatestAcceptedFindings without the photo counts,
// for findings that count (§2.5): on tasks the evaluatee still carries and
// somebody leads.
func LatestCountedFindings(ctx context.Context, db DB, periodID int64, evaluateeIDs []int64) ([]FieldJudgement, error) {
	if len(evaluateeIDs) == 0 {
		return nil, nil
	}
	var rows []FieldJudgement
	err := db.NewRaw(`
		SELECT DISTINCT ON (v.evaluatee_id, f.task_id) v.evaluatee_id, f.task_id, f.judgement
		FROM field_findings f
		JOIN field_visits v ON v.id = f.visit_id
		JOIN assignments a ON a.evaluatee_id = v.evaluatee_id AND a.task_id = f.task_id
		WHERE v.period_id = ? AND v.status = 'ACCEPTED' AND v.evaluatee_id IN (?)
			AND EXISTS (SELECT 1 FROM task_lead_units l WHERE l.task_id = f.task_id)
		ORDER BY v.evaluatee_id, f.task_id, v.visit_date DESC, v.reviewed_at DESC, v.id DESC`,
		periodID, bun.In(evaluateeIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load counted findings of period %d: %w", periodID, err)
	}
	return rows, nil
}
