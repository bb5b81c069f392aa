package results

import (
	"context"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/scoring"
	"github.com/kaoping/kaoping/server/store"
)

// Scenario is one evaluatee's live data in a period as the formula reads it
// (drafts counted, as in the preview ranking), with the current preview
// scores of the rest of its group: what a what-if changes and ranks against.
type Scenario struct {
	Period    store.Period
	Evaluatee store.Evaluatee
	Plan      scoring.Plan
	Input     scoring.Input
	Points    map[int64]scoring.Exact // task → exact points
	Tasks     []store.Task            // carried and scorable, in plan order
	// Others are the group's other evaluatees with a preview score.
	Others []scoring.RankInput
}

// LoadScenario reads an evaluatee's scenario in a fixed number of
// statements: the evaluatee's own live data (its scores, as the breakdown
// reads them) and the rest of its group from the dimension roll-ups, as the
// preview ranking ranks them (rankFromRollups: exactly Compute's figures).
// Neither grows with the plan's score sheet.
func LoadScenario(ctx context.Context, db store.DB, periodID, evaluateeID int64) (*Scenario, error) {
	d, err := Load(ctx, db, periodID, []int64{evaluateeID})
	if err != nil {
		return nil, err
	}
	if len(d.Evaluatees) != 1 {
		return nil, apperr.NotFoundf(apperr.Evaluatee, evaluateeID)
	}
	self := d.Evaluatees[0]
	sc := &Scenario{Period: d.Period, Evaluatee: self, Plan: d.Scoring, Points: scoring.ExactTaskPoints(d.Scoring)}
	sc.Input, _ = d.input(evaluateeID, scoring.Preview)
	for _, t := range sc.Input.Carried {
		sc.Tasks = append(sc.Tasks, d.tasks[t])
	}
	rows, err := rankFromRollups(ctx, db, d.Period, self.Group, scoring.Preview)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.Evaluatee.ID != self.ID && r.Result.Score != nil {
			sc.Others = append(sc.Others, scoring.RankInput{ID: r.Evaluatee.ID, Score: *r.Result.Score, SortKey: r.Evaluatee.Unit.SortKey})
		}
	}
	return sc, nil
}
