package results

import (
	"context"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/workflow"
)

// The reads of results, one per use case, each with its visibility rule.
// Leadership and analyst reads will add their own entry points here rather
// than flags on these.

// readsAll are the roles that see every evaluatee's results.
var readsAll = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst}

// MaySee says whether id may see an evaluatee's results in a period of the
// given state: the 专班, leaders and analysts always; an evaluatee's contact
// only its own, and only from 公示 on. It is the one statement of that rule.
func MaySee(id *auth.Identity, e *store.Evaluatee, state workflow.State) bool {
	if id.Has(readsAll...) {
		return true
	}
	return id.Has(auth.RoleEvaluateeContact) && id.InUnit(e.UnitID) && workflow.Allows(state, workflow.SeeOwnResults)
}

// SeesWholeGroups says whether id sees every row of a group, so figures
// about the group (its average, its best) may be shown to it; a contact sees
// only its own row and so gets none.
func SeesWholeGroups(id *auth.Identity) bool { return id.Has(readsAll...) }

var errNotYet = apperr.New(apperr.Forbidden, "考评结果公示后方可查看本单位结果",
	"Your unit's results can be seen once the results are in publicity")

// GroupRanking is the half-year ranking of one group, with the rows id may
// see (a contact: its own row, from 公示 on).
func GroupRanking(ctx context.Context, db store.DB, id *auth.Identity, periodID int64, group store.RankingGroup) (*View, error) {
	v, err := read(ctx, db, periodID, &group, nil, false)
	if err != nil {
		return nil, err
	}
	if !id.Has(readsAll...) && !workflow.Allows(v.Period.State, workflow.SeeOwnResults) {
		return nil, errNotYet
	}
	visible := v.Rows[:0]
	for _, row := range v.Rows {
		if MaySee(id, &row.Evaluatee, v.Period.State) {
			visible = append(visible, row)
		}
	}
	v.Rows = visible
	return v, nil
}

// EvaluateeBreakdown is one evaluatee's result in a period down to every
// task score (DESIGN §2.10).
func EvaluateeBreakdown(ctx context.Context, db store.DB, id *auth.Identity, periodID, evaluateeID int64) (*View, *Row, error) {
	v, err := read(ctx, db, periodID, nil, &evaluateeID, true)
	if err != nil {
		return nil, nil, err
	}
	if len(v.Rows) == 0 {
		return nil, nil, apperr.NotFoundf(apperr.Evaluatee, evaluateeID)
	}
	row := &v.Rows[0]
	if !MaySee(id, &row.Evaluatee, v.Period.State) {
		return nil, nil, errNotYet
	}
	return v, row, nil
}

// AnnualRanking ranks a group by the year's published halves, with the rows
// id may see. Annual rows come from published halves only, so a contact
// sees its own row whenever it has one.
func AnnualRanking(ctx context.Context, db store.DB, id *auth.Identity, planID int64, group store.RankingGroup) ([]AnnualRow, error) {
	rows, err := rankAnnual(ctx, db, planID, group)
	if err != nil {
		return nil, err
	}
	visible := rows[:0]
	for _, row := range rows {
		if MaySee(id, &row.Evaluatee, workflow.Published) {
			visible = append(visible, row)
		}
	}
	return visible, nil
}
