package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/kaoping/kaoping/server/fieldvisit"
	"github.com/kaoping/kaoping/server/store"
)

// loadVisits plans a field visit for the demo inspector: 昆都仑区 in
// 下半年, today (so the phone shows it under 今天), on its first five
// carried tasks, planned by zhuanban1.
func loadVisits(ctx context.Context, tx store.DB, planID int64) error {
	ids, err := demoIdentities(ctx, tx)
	if err != nil {
		return err
	}
	periods, err := store.PeriodsByPlans(ctx, tx, []int64{planID})
	if err != nil {
		return err
	}
	evs, err := store.EvaluateesByPlans(ctx, tx, []int64{planID})
	if err != nil {
		return err
	}
	contact := ids["contact"]
	var evaluatee int64
	for _, e := range evs[planID] {
		if e.UnitID == *contact.UnitID {
			evaluatee = e.ID
		}
	}
	carried, err := store.CarriedTasks(ctx, tx, []int64{evaluatee})
	if err != nil {
		return err
	}
	focus := carried[evaluatee]
	if len(focus) > 5 {
		focus = focus[:5]
	}
	now := time.Now()
	_, err = fieldvisit.Plan(ctx, tx, ids["zhuanban1"], fieldvisit.PlanInput{
		PeriodID: periods[planID][1].ID, EvaluateeID: evaluatee,
		Date:         time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		InspectorIDs: []int64{ids["inspector"].UserID}, FocusTaskIDs: focus, Now: now,
	})
	if err != nil {
		return fmt.Errorf("plan the demo field visit: %w", err)
	}
	return nil
}
