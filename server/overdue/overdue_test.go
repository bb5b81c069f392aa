package overdue

import (
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/store"
)

func TestPassed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		year, month int
		now         time.Time
		want        bool
	}{
		{"the month itself", 2024, 6, time.Date(2024, 6, 30, 12, 0, 0, 0, time.UTC), false},
		{"first day after, in Shanghai", 2024, 6, time.Date(2024, 6, 30, 16, 0, 0, 0, time.UTC), true}, // 7月1日 00:00 CST
		{"last minute of June in Shanghai", 2024, 6, time.Date(2024, 6, 30, 15, 59, 0, 0, time.UTC), false},
		{"a later year", 2023, 12, time.Date(2024, 1, 1, 0, 0, 0, 0, shanghai), true},
		{"December not yet", 2024, 12, time.Date(2024, 12, 31, 23, 0, 0, 0, shanghai), false},
		{"earlier month", 2024, 3, time.Date(2024, 7, 15, 0, 0, 0, 0, shanghai), true},
	}
	for _, c := range cases {
		if got := Passed(c.year, c.month, c.now); got != c.want {
			t.Errorf("%s: Passed(%d, %d, %s) = %v, want %v", c.name, c.year, c.month, c.now, got, c.want)
		}
	}
}

func TestOverdue(t *testing.T) {
	t.Parallel()
	month := func(m int) *int { return &m }
	state := func(s store.DeadlineState) *store.DeadlineState { return &s }
	report := func(s string) *string { return &s }
	july := time.Date(2024, 7, 10, 9, 0, 0, 0, shanghai)
	cases := []struct {
		name   string
		d      store.Deadline
		report *string
		want   bool
	}{
		{"no report after 完成 deadline", store.Deadline{Month: month(6), State: state(store.DeadlineCompleted)}, nil, true},
		{"推进中 short of 完成", store.Deadline{Month: month(6), State: state(store.DeadlineCompleted)}, report("IN_PROGRESS"), true},
		{"明显成效 short of 完成", store.Deadline{Month: month(6), State: state(store.DeadlineCompleted)}, report("NOTABLE_RESULTS"), true},
		{"已完成 meets 完成", store.Deadline{Month: month(6), State: state(store.DeadlineCompleted)}, report("COMPLETED"), false},
		{"阶段性成效 meets 阶段性成效", store.Deadline{Month: month(5), State: state(store.DeadlineStaged)}, report("STAGED_RESULTS"), false},
		{"已完成 exceeds 明显成效", store.Deadline{Month: month(5), State: state(store.DeadlineNotable), Continuing: true}, report("COMPLETED"), false},
		{"阶段性 short of 明显成效, continuing", store.Deadline{Month: month(5), State: state(store.DeadlineNotable), Continuing: true}, report("STAGED_RESULTS"), true},
		{"持续推进 met by 推进中", store.Deadline{Month: month(3), State: state(store.DeadlineOngoing), Continuing: true}, report("IN_PROGRESS"), false},
		{"持续推进 not met by 未启动", store.Deadline{Month: month(3), State: state(store.DeadlineOngoing), Continuing: true}, report("NOT_STARTED"), true},
		{"month not passed", store.Deadline{Month: month(7), State: state(store.DeadlineCompleted)}, nil, false},
		{"no month (持续优化)", store.Deadline{State: state(store.DeadlineOngoing), Continuing: true}, nil, false},
		{"no state (6月底)", store.Deadline{Month: month(6)}, nil, false},
	}
	for _, c := range cases {
		if got := Overdue(2024, c.d, c.report, july); got != c.want {
			t.Errorf("%s: Overdue = %v, want %v", c.name, got, c.want)
		}
	}
}
