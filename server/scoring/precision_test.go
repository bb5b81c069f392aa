package scoring_test

import (
	"errors"
	"testing"

	"github.com/kaoping/kaoping/server/scoring"
)

// Issue 7, defect 1: an equal share of 1 point over 3 tasks is 1/3, not a
// decimal cut after some digits. The evaluatee carries one of the three
// shared tasks (Σ P_t = 1/3) of a dimension worth 10.05, and the whole
// second dimension:
//
//	D1 (10.05): 10.05 × 0.10 / (1/3) = 3.015
//	D2 (89.95): task of 89.95 points scored 74.54 → 74.54
//	DM = 100 × (3.015 + 74.54) / 100 = 77.555 exactly → published 77.56
//
// With only DM present, H = DM.
func TestExactShareAtHalfCentPublishesUp(t *testing.T) {
	t.Parallel()
	plan := scoring.Plan{
		Weights: scoring.DefaultWeights(),
		Dimensions: []scoring.Dimension{
			{ID: 1, Points: d("10.05"), Indicators: []scoring.Indicator{
				{ID: 11, Points: d("1"), Tasks: []scoring.Task{{ID: 101}, {ID: 102}, {ID: 103}}},
				{ID: 12, Points: d("9.05"), Tasks: []scoring.Task{{ID: 121, Points: pd("9.05")}}},
			}},
			{ID: 2, Points: d("89.95"), Indicators: []scoring.Indicator{
				{ID: 21, Points: d("89.95"), Tasks: []scoring.Task{{ID: 201, Points: pd("89.95")}}},
			}},
		},
	}
	r, err := scoring.HalfYear(plan, singleLead(map[int64]string{101: "0.10", 201: "74.54"}))
	if err != nil {
		t.Fatal(err)
	}
	wantDec(t, "H", r.Exact, "77.555")
	wantDec(t, "published H", r.Published, "77.56")
}

// Issue 7, defect 2: the highest enterable score of a share with more than
// two decimals is the share rounded half up, and entering it counts as the
// exact share whichever way it rounded: 2/3 → 0.67 (up), 1/7 → 0.14 and
// 10/3 → 3.33 (down). An evaluatee with every task at its maximum has full
// marks, 日常监测 100.
func TestFullMarksCountTheExactShareBothWays(t *testing.T) {
	t.Parallel()
	plan := scoring.Plan{
		Weights: scoring.DefaultWeights(),
		Dimensions: []scoring.Dimension{{ID: 1, Points: d("13"), Indicators: []scoring.Indicator{
			{ID: 11, Points: d("2"), Tasks: []scoring.Task{{ID: 1}, {ID: 2}, {ID: 3}}},
			{ID: 12, Points: d("1"), Tasks: []scoring.Task{{ID: 4}, {ID: 5}, {ID: 6}, {ID: 7}, {ID: 8}, {ID: 9}, {ID: 10}}},
			{ID: 13, Points: d("10"), Tasks: []scoring.Task{{ID: 14}, {ID: 15}, {ID: 16}}},
		}}},
	}
	full := map[int64]string{}
	for _, id := range []int64{1, 2, 3} {
		full[id] = "0.67"
	}
	for id := int64(4); id <= 10; id++ {
		full[id] = "0.14"
	}
	for _, id := range []int64{14, 15, 16} {
		full[id] = "3.33"
	}
	r, err := scoring.HalfYear(plan, singleLead(full))
	if err != nil {
		t.Fatal(err)
	}
	wantDec(t, "DM with every task at its maximum", *r.Components[scoring.DailyMonitoring], "100")
	wantDec(t, "published H", r.Published, "100")

	// A lower entry counts as entered: 0.13 of 1/7 and 3.32 of 10/3.
	// Σ s = 13 − 1/7 + 0.13 − 10/3 + 3.32 = 16.45 − 73/21 = 12.9738095…;
	// DM = 100 × Σ s / 13 = 99.7985347… → 99.80.
	lower := map[int64]string{}
	for k, v := range full {
		lower[k] = v
	}
	lower[4], lower[14] = "0.13", "3.32"
	r, err = scoring.HalfYear(plan, singleLead(lower))
	if err != nil {
		t.Fatal(err)
	}
	wantDec(t, "published H with two lower entries", r.Published, "99.8")

	// Above the maximum is refused, however close to the share.
	for id, v := range map[int64]string{1: "0.68", 4: "0.15", 14: "3.34"} {
		over := map[int64]string{}
		for k, s := range full {
			over[k] = s
		}
		over[id] = v
		if _, err := scoring.HalfYear(plan, singleLead(over)); !errors.Is(err, scoring.ErrInvalid) {
			t.Errorf("task %d at %s: err = %v, want ErrInvalid", id, v, err)
		}
	}
}
