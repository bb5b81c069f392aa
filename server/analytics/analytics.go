// Package analytics answers the analysts' questions over every score
// (issue 12, DESIGN §4 分析员): an aggregate of whitelisted measures grouped
// by whitelisted groupings, with the limits that keep one view from taking
// the database, who may ask, and the views analysts save and share. SQL is
// built by store.AggregateScores from the names checked here.
package analytics

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/overdue"
	"github.com/kaoping/kaoping/server/store"
)

// Limits. MaxGroupings is the cost limit: every grouping multiplies the
// groups (and the pivot adds its totals as further grouping sets), so three
// is what a pivot of rows × columns needs and what one statement answers in
// time at province scale. MaxRows caps the answer, totals included.
const (
	MaxMeasures     = 8
	MaxGroupings    = 3
	MaxFilterValues = 500
)

// MaxRows is a variable so that the package's test can reach it on the
// small demo data; nothing else changes it.
var MaxRows = 5000

// Timeout is the aggregate's statement timeout. A variable so that the
// province benchmarks can measure a statement that runs past it; nothing
// else changes it.
var Timeout = 5 * time.Second

// Chart is how the SPA draws a view.
type Chart string

const (
	Bar     Chart = "BAR"
	Line    Chart = "LINE"
	Heatmap Chart = "HEATMAP"
	Radar   Chart = "RADAR"
)

// Filter keeps the facts whose grouping's key or label is one of Values
// (ids for periods, units, dimensions…; names work too).
type Filter struct {
	Grouping store.Grouping `json:"grouping"`
	Values   []string       `json:"values"`
}

// Spec is a view: what to measure, grouped by rows and columns, filtered.
// It is the GraphQL input, what a saved view stores and what a link
// carries.
type Spec struct {
	Measures []store.Measure  `json:"measures"`
	Rows     []store.Grouping `json:"rows"`
	Columns  []store.Grouping `json:"columns"`
	Filters  []Filter         `json:"filters"`
	ScoreMin *decimal.Decimal `json:"scoreMin,omitempty"`
	ScoreMax *decimal.Decimal `json:"scoreMax,omitempty"`
	RateMin  *decimal.Decimal `json:"rateMin,omitempty"`
	RateMax  *decimal.Decimal `json:"rateMax,omitempty"`
	Chart    *Chart           `json:"chart,omitempty"`
	// Compare adds the change between the first and last column (the
	// biggest movers between two periods); the SPA computes it from the
	// figures of the answer.
	Compare *bool `json:"compare,omitempty"`
}

// Groupings are the rows then the columns.
func (s Spec) Groupings() []store.Grouping { return append(slices.Clone(s.Rows), s.Columns...) }

// Check says what is wrong with s, naming the field and the limit; nil
// when it may run.
func (s Spec) Check() error {
	switch {
	case len(s.Measures) == 0:
		return apperr.Field("measures", "required", "请至少选择一个度量", "pick at least one measure")
	case len(s.Measures) > MaxMeasures:
		return apperr.Field("measures", "max", fmt.Sprintf("度量最多 %d 个,当前 %d 个", MaxMeasures, len(s.Measures)),
			fmt.Sprintf("at most %d measures, got %d", MaxMeasures, len(s.Measures)))
	}
	for i, m := range s.Measures {
		if !m.Known() {
			return apperr.Field(fmt.Sprintf("measures[%d]", i), "oneof", fmt.Sprintf("未知的度量 %q", m), fmt.Sprintf("unknown measure %q", m))
		}
		if slices.Index(s.Measures, m) != i {
			return apperr.Field(fmt.Sprintf("measures[%d]", i), "unique", fmt.Sprintf("度量 %s 重复", m), fmt.Sprintf("measure %s twice", m))
		}
	}
	all := s.Groupings()
	if len(all) > MaxGroupings {
		return apperr.Field("rows", "max", fmt.Sprintf("行与列的分组合计最多 %d 个,当前 %d 个", MaxGroupings, len(all)),
			fmt.Sprintf("at most %d groupings in rows and columns together, got %d", MaxGroupings, len(all)))
	}
	for i, g := range all {
		field := fmt.Sprintf("rows[%d]", i)
		if i >= len(s.Rows) {
			field = fmt.Sprintf("columns[%d]", i-len(s.Rows))
		}
		if !g.Known() {
			return apperr.Field(field, "oneof", fmt.Sprintf("未知的分组 %q", g), fmt.Sprintf("unknown grouping %q", g))
		}
		if slices.Index(all, g) != i {
			return apperr.Field(field, "unique", fmt.Sprintf("分组 %s 在行与列中重复", g), fmt.Sprintf("grouping %s twice", g))
		}
	}
	values := 0
	for i, f := range s.Filters {
		if !f.Grouping.Known() {
			return apperr.Field(fmt.Sprintf("filters[%d].grouping", i), "oneof", fmt.Sprintf("未知的筛选字段 %q", f.Grouping), fmt.Sprintf("unknown filter %q", f.Grouping))
		}
		if len(f.Values) == 0 {
			return apperr.Field(fmt.Sprintf("filters[%d].values", i), "required", "筛选条件至少要有一个值", "a filter needs at least one value")
		}
		values += len(f.Values)
	}
	if values > MaxFilterValues {
		return apperr.Field("filters", "max", fmt.Sprintf("筛选值最多 %d 个,当前 %d 个", MaxFilterValues, values),
			fmt.Sprintf("at most %d filter values, got %d", MaxFilterValues, values))
	}
	for _, r := range []struct {
		name     string
		min, max *decimal.Decimal
	}{{"score", s.ScoreMin, s.ScoreMax}, {"rate", s.RateMin, s.RateMax}} {
		if r.min != nil && r.max != nil && r.min.GreaterThan(*r.max) {
			return apperr.Field(r.name+"Min", "range", "下限不能大于上限", "the minimum is above the maximum")
		}
	}
	if s.Chart != nil && !slices.Contains([]Chart{Bar, Line, Heatmap, Radar}, *s.Chart) {
		return apperr.Field("chart", "oneof", fmt.Sprintf("未知的图表类型 %q", *s.Chart), fmt.Sprintf("unknown chart %q", *s.Chart))
	}
	return nil
}

// Row is one group of the answer. Keys and Labels follow Result.Groupings;
// nil where the row totals over that grouping.
type Row struct {
	Keys, Labels []*string
	Values       []*string
	Set          uint // bit i set: the row is grouped by grouping i
	Live         bool
	Published    bool
}

// Total says whether the row totals over grouping i.
func (r Row) Total(i int) bool { return r.Set&(1<<i) == 0 }

// Result is an aggregate's answer: detail rows, then the totals per row,
// per column and overall. Live says some figures are live data, not
// published results (the SPA and the exports mark them).
type Result struct {
	Spec      Spec
	Groupings []store.Grouping
	Rows      []Row
	Live      bool
	Published bool
}

// readers may run aggregates and keep views: the roles that see every
// evaluatee's results (results.MaySee), live previews included, which the
// answer marks.
var readers = []auth.Role{auth.RoleTaskForce, auth.RoleLeader, auth.RoleAnalyst}

func mayRead(id *auth.Identity) error {
	if id == nil || !id.Has(readers...) {
		return apperr.New(apperr.Forbidden, "仅专班、领导和分析员可使用统计分析", "Only the task force, leaders and analysts can use the analysis")
	}
	return nil
}

// Aggregate answers s for id in one SQL statement; now is the day the
// overdue measure judges by (the 督办 board's clock).
func Aggregate(ctx context.Context, db store.DB, id *auth.Identity, s Spec, now time.Time) (*Result, error) {
	if err := mayRead(id); err != nil {
		return nil, err
	}
	if err := s.Check(); err != nil {
		return nil, err
	}
	q := store.AggregateQuery{
		Measures: s.Measures, Groupings: s.Groupings(), Sets: sets(len(s.Rows), len(s.Columns)),
		ScoreMin: s.ScoreMin, ScoreMax: s.ScoreMax, RateMin: s.RateMin, RateMax: s.RateMax,
		MaxRows: MaxRows, Timeout: Timeout,
	}
	if slices.Contains(s.Measures, store.OverdueCount) {
		rule := overdue.Rule(now)
		q.Overdue = &rule
	}
	for _, f := range s.Filters {
		q.Filters = append(q.Filters, store.AggregateFilter{Grouping: f.Grouping, Values: f.Values})
	}
	rows, err := store.AggregateScores(ctx, db, q)
	switch {
	case errors.Is(err, store.ErrTooManyRows):
		return nil, apperr.Field("rows", "max", fmt.Sprintf("结果超过 %d 行(含合计),请减少分组或增加筛选", MaxRows),
			fmt.Sprintf("the answer has more than %d rows (totals included); group by less or filter more", MaxRows))
	case errors.Is(err, store.ErrAggregateTimeout):
		return nil, apperr.Field("filters", "timeout", fmt.Sprintf("统计超过 %d 秒未完成,请减少分组或增加筛选", int(Timeout.Seconds())),
			fmt.Sprintf("the aggregate ran over %s; group by less or filter more", Timeout))
	case err != nil:
		return nil, fmt.Errorf("aggregate for %s: %w", id.Username, err)
	}
	out := &Result{Spec: s, Groupings: q.Groupings, Rows: make([]Row, len(rows))}
	for i, r := range rows {
		out.Rows[i] = Row{Keys: r.Keys, Labels: r.Labels, Values: r.Values, Set: r.Set, Live: r.Live, Published: r.Published}
		out.Live = out.Live || r.Live
		out.Published = out.Published || r.Published
	}
	return out, nil
}

// sets are the grouping sets of a pivot of r row and c column groupings:
// the cells, the total of each row (over the columns), of each column (over
// the rows), and the grand total.
func sets(r, c int) []uint {
	rows := uint(1<<r) - 1
	cols := (uint(1<<c) - 1) << r
	out := []uint{rows | cols}
	for _, s := range []uint{rows, cols, 0} {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
