package evaluation

import (
	"context"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// Reads of the half-year workflow that have no per-unit filter beyond the
// roles the schema allows: they are here so every entry point reads
// through the package that owns the area, and a filter, once needed, has
// one place to go.

// Period is one period by id; every evaluation role may read any period.
func Period(ctx context.Context, db store.DB, _ *auth.Identity, periodID int64) (*store.Period, error) {
	return store.FindPeriod(ctx, db, periodID)
}

// VerificationQueue is the period's scores in one status (submitted by
// default), for the 专班, who verify every unit's scores.
func VerificationQueue(ctx context.Context, db store.DB, _ *auth.Identity, periodID int64, status *store.ScoreStatus) ([]store.Score, error) {
	st := store.ScoreSubmitted
	if status != nil {
		st = *status
	}
	return store.FindScores(ctx, db, store.ScoreFilter{PeriodID: periodID, Statuses: []store.ScoreStatus{st}})
}

// SourceValues is a period's 民意调查 or 第三方评估 values of every
// evaluatee, for the roles that read whole rankings.
func SourceValues(ctx context.Context, db store.DB, _ *auth.Identity, periodID int64, method scoring.Method) ([]store.SourceValue, error) {
	return store.FindSourceValues(ctx, db, periodID, string(method), nil)
}
