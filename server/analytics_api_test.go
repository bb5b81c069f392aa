package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/server/auth"
)

// Hand-written SQL for the analysts' aggregate (issue 12), on the demo data:
// the 2023 plan, its first half published (frozen), the second open. The
// first half was not changed after publication, so its live scores are what
// the publication froze; the hand-written statements read the scores table
// for both halves, with each task's points worked out by correlated
// subqueries rather than the window the generator uses.
const handFacts = `WITH hf AS (
  SELECT s.period_id, pl.year AS plan_year, e.ranking_group, e.unit_id, s.evaluatee_id, i.dimension_id, t.indicator_id, s.task_id,
         s.lead_unit_id, s.value::numeric AS value, s.status, s.original_value,
         COALESCE(t.points, GREATEST(i.points - (SELECT COALESCE(sum(x.points), 0) FROM tasks x WHERE x.indicator_id = t.indicator_id), 0)
           / (SELECT count(*) FROM tasks x WHERE x.indicator_id = t.indicator_id AND x.points IS NULL)) AS points
  FROM scores s
  JOIN tasks t ON t.id = s.task_id JOIN indicators i ON i.id = t.indicator_id
  JOIN evaluatees e ON e.id = s.evaluatee_id JOIN plans pl ON pl.id = e.plan_id
) `

type aggregateCase struct {
	name string
	spec string // ViewSpecInput literal
	hand string // SELECT k, v FROM hf …: k the keys joined by |, v the measures joined by |
}

var aggregateCases = []aggregateCase{
	{"lead unit × dimension, open half", `{measures: [RATE_MEAN], rows: [LEAD_UNIT], columns: [DIMENSION], filters: [{grouping: PERIOD, values: ["2"]}]}`,
		`SELECT lead_unit_id || '|' || dimension_id, round(avg(value / NULLIF(points, 0)), 6)::text FROM hf WHERE period_id = 2 GROUP BY lead_unit_id, dimension_id`},
	{"period × group", `{measures: [SCORE_SUM, SCORE_COUNT], rows: [PERIOD], columns: [RANKING_GROUP]}`,
		`SELECT period_id || '|' || ranking_group, round(sum(value), 6) || '|' || count(*) FROM hf GROUP BY period_id, ranking_group`},
	{"evaluatee mean", `{measures: [SCORE_MEAN, SCORE_MIN, SCORE_MAX], rows: [EVALUATEE]}`,
		`SELECT unit_id::text, round(avg(value), 6) || '|' || round(min(value), 6) || '|' || round(max(value), 6) FROM hf GROUP BY unit_id`},
	{"dimension rate", `{measures: [RATE, POINTS_SUM], rows: [DIMENSION]}`,
		`SELECT dimension_id::text, round(sum(value) / sum(points), 6) || '|' || round(sum(points), 6) FROM hf GROUP BY dimension_id`},
	{"score state", `{measures: [SCORE_COUNT], rows: [SCORE_STATE]}`,
		`SELECT status, count(*)::text FROM hf GROUP BY status`},
	{"task max, open half", `{measures: [SCORE_MAX], rows: [TASK], filters: [{grouping: PERIOD, values: ["2"]}]}`,
		`SELECT task_id::text, round(max(value), 6)::text FROM hf WHERE period_id = 2 GROUP BY task_id`},
	{"lead unit calibration", `{measures: [FULL_MARKS_SHARE, BELOW_HALF_SHARE, RATE_STDDEV, ADJUSTED_SHARE], rows: [LEAD_UNIT]}`,
		`SELECT lead_unit_id::text, round(avg(CASE WHEN value >= points THEN 1 ELSE 0 END), 6) || '|' || round(avg(CASE WHEN value < points / 2 THEN 1 ELSE 0 END), 6)
		   || '|' || round(stddev_pop(value / points), 6) || '|' || round(avg(CASE WHEN original_value IS NOT NULL AND original_value <> value THEN 1 ELSE 0 END), 6)
		 FROM hf GROUP BY lead_unit_id`},
	{"plan year", `{measures: [EVALUATEE_COUNT], rows: [PLAN_YEAR]}`,
		`SELECT plan_year::text, count(DISTINCT unit_id)::text FROM hf GROUP BY plan_year`},
	{"indicator × period", `{measures: [RATE_MEAN], rows: [INDICATOR], columns: [PERIOD]}`,
		`SELECT indicator_id || '|' || period_id, round(avg(value / points), 6)::text FROM hf GROUP BY indicator_id, period_id`},
	{"score range", `{measures: [SCORE_COUNT], rows: [LEAD_UNIT], scoreMin: "1", scoreMax: "2.5"}`,
		`SELECT lead_unit_id::text, count(*)::text FROM hf WHERE value BETWEEN 1 AND 2.5 GROUP BY lead_unit_id`},
	{"rate range, districts", `{measures: [SCORE_COUNT], rows: [EVALUATEE], rateMin: "0.2", rateMax: "0.99", filters: [{grouping: RANKING_GROUP, values: ["DISTRICTS"]}]}`,
		`SELECT unit_id::text, count(*)::text FROM hf WHERE value / points BETWEEN 0.2 AND 0.99 AND ranking_group = 'DISTRICTS' GROUP BY unit_id`},
	{"group × dimension × period", `{measures: [RATE], rows: [RANKING_GROUP, DIMENSION], columns: [PERIOD]}`,
		`SELECT ranking_group || '|' || dimension_id || '|' || period_id, round(sum(value) / sum(points), 6)::text FROM hf GROUP BY 1`},
	{"everything", `{measures: [POINTS_SUM, SCORE_STDDEV], rows: []}`,
		`SELECT '', round(sum(points), 6) || '|' || round(stddev_pop(value), 6) FROM hf`},
}

type aggregateAnswer struct {
	Aggregate struct {
		Groupings []string
		Live      bool
		Published bool
		Rows      []struct {
			Keys, Labels []*string
			Values       []*string
			GroupedBy    []string
			Live         bool
			Published    bool
		}
	}
}

func (a *api) aggregate(spec string) (aggregateAnswer, []gqlError) {
	a.t.Helper()
	var out aggregateAnswer
	errs := a.do(`{ aggregate(spec: `+spec+`) { groupings live published rows { keys labels values groupedBy live published } } }`, nil, &out)
	return out, errs
}

// details are the rows grouped by every grouping, as key → values.
func (r aggregateAnswer) details() map[string]string {
	out := map[string]string{}
	for _, row := range r.Aggregate.Rows {
		if len(row.GroupedBy) != len(r.Aggregate.Groupings) {
			continue
		}
		var ks, vs []string
		for _, k := range row.Keys {
			ks = append(ks, *k)
		}
		for _, v := range row.Values {
			if v == nil {
				vs = append(vs, "")
			} else {
				vs = append(vs, *v)
			}
		}
		out[strings.Join(ks, "|")] = strings.Join(vs, "|")
	}
	return out
}

func handAnswer(t *testing.T, a *api, query string) map[string]string {
	t.Helper()
	rows, err := a.st.DB.QueryContext(context.Background(), handFacts+query)
	if err != nil {
		t.Fatalf("hand-written SQL: %v", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v *string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		if v == nil {
			t.Fatalf("hand-written SQL gave NULL for %v", *k)
		}
		// The API writes decimals without trailing zeros.
		out[*k] = trimZeros(*v)
	}
	return out
}

func trimZeros(v string) string {
	parts := strings.Split(v, "|")
	for i, p := range parts {
		if strings.Contains(p, ".") {
			p = strings.TrimRight(strings.TrimRight(p, "0"), ".")
		}
		parts[i] = p
	}
	return strings.Join(parts, "|")
}

func TestAggregateMatchesHandWrittenSQL(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAnalyst)
	a.must(`{ aggregateLimits { maxRows } }`, nil, nil)
	baseline := a.statements.Load()
	var counts []int64
	for _, c := range aggregateCases {
		got, errs := a.aggregate(c.spec)
		if len(errs) > 0 {
			t.Errorf("%s: %+v", c.name, errs)
			continue
		}
		counts = append(counts, a.statements.Load()-baseline)
		want := handAnswer(t, a, c.hand)
		if len(want) == 0 {
			t.Errorf("%s: the hand-written SQL finds nothing; the case tests nothing", c.name)
		}
		details := got.details()
		for k, v := range details {
			details[k] = trimZeros(v)
		}
		for k, v := range want {
			if details[k] != v {
				t.Errorf("%s: group %s = %q, hand-written SQL says %q", c.name, k, details[k], v)
			}
		}
		if len(details) != len(want) {
			t.Errorf("%s: %d groups, hand-written SQL has %d", c.name, len(details), len(want))
		}
	}
	// One SELECT per aggregate, in its read-only transaction with its
	// timeout (BEGIN, SET LOCAL, SELECT, COMMIT), whatever the view.
	for _, n := range counts {
		if n != counts[0] || n > 4 {
			t.Errorf("statements beyond the session look-up per aggregate: %v", counts)
			break
		}
	}
	t.Logf("statements beyond the session look-up: %v", counts)
}

func TestAggregateTotalsAndSources(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleLeader)
	got, errs := a.aggregate(`{measures: [SCORE_COUNT], rows: [DATA_SOURCE], columns: [PERIOD]}`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cells := map[string]string{}
	for _, r := range got.Aggregate.Rows {
		key := ""
		for i := range r.Keys {
			k := "*"
			if r.Keys[i] != nil {
				k = *r.Keys[i]
			}
			key += k + "/"
		}
		cells[key] = *r.Values[0]
		if r.Keys[0] != nil && *r.Keys[0] == "PUBLISHED" && (r.Live || !r.Published) {
			t.Errorf("published row marked %+v", r)
		}
	}
	// Demo: the first half (398 verified scores) is frozen, the second half
	// (14 drafts, 167 submitted, 62 verified) live.
	want := map[string]string{"PUBLISHED/1/": "398", "LIVE/2/": "243", "PUBLISHED/*/": "398", "LIVE/*/": "243", "*/1/": "398", "*/2/": "243", "*/*/": "641"}
	for k, v := range want {
		if cells[k] != v {
			t.Errorf("cell %s = %q, want %s (all: %v)", k, cells[k], v, cells)
		}
	}
	if !got.Aggregate.Live || !got.Aggregate.Published {
		t.Errorf("answer marks: live %v published %v", got.Aggregate.Live, got.Aggregate.Published)
	}
}

func TestAggregateScope(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	q := `{measures: [SCORE_SUM], rows: [LEAD_UNIT]}`
	if _, errs := a.aggregate(q); codeOf(errs) != "UNAUTHENTICATED" {
		t.Errorf("signed out: %+v", errs)
	}
	for _, roles := range [][]auth.Role{{auth.RoleEvaluateeContact}, {auth.RoleLeadScorer}, {auth.RoleAdmin}, {auth.RoleInspector}, {auth.RoleAuditor}} {
		unit := ""
		if roles[0] == auth.RoleEvaluateeContact || roles[0] == auth.RoleLeadScorer {
			unit = "市政务服务局"
		}
		a.login(a.mustUser(unit, roles...), testPassword)
		if _, errs := a.aggregate(q); codeOf(errs) != "FORBIDDEN" {
			t.Errorf("%v aggregating: %+v", roles, errs)
		}
		if errs := a.do(`{ savedViews { id } }`, nil, nil); codeOf(errs) != "FORBIDDEN" {
			t.Errorf("%v listing views: %+v", roles, errs)
		}
	}
	for _, r := range []auth.Role{auth.RoleAnalyst, auth.RoleTaskForce, auth.RoleLeader} {
		a.loginAs(r)
		if _, errs := a.aggregate(q); len(errs) > 0 {
			t.Errorf("%s aggregating: %+v", r, errs)
		}
	}
}

func TestAggregateBadInputRunsNoSQL(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAnalyst)
	a.must(`{ aggregateLimits { maxRows } }`, nil, nil)
	baseline := a.statements.Load()
	for _, c := range []struct{ spec, field, says string }{
		{`{measures: [], rows: [LEAD_UNIT]}`, "measures", "至少"},
		{`{measures: [SCORE_SUM], rows: [LEAD_UNIT, DIMENSION], columns: [PERIOD, TASK]}`, "rows", "最多 3 个"},
		{`{measures: [SCORE_SUM, SCORE_SUM], rows: []}`, "measures[1]", "重复"},
		{`{measures: [SCORE_SUM], rows: [PERIOD], columns: [PERIOD]}`, "columns[0]", "重复"},
		{`{measures: [SCORE_SUM], rows: [], filters: [{grouping: PERIOD, values: []}]}`, "filters[0].values", "至少"},
		{`{measures: [SCORE_SUM], rows: [], scoreMin: "5", scoreMax: "1"}`, "scoreMin", "下限"},
	} {
		_, errs := a.aggregate(c.spec)
		if codeOf(errs) != "INVALID" || !strings.Contains(fmt.Sprint(errs), c.field) || !strings.Contains(errs[0].Message, c.says) {
			t.Errorf("%s: %+v", c.spec, errs)
		}
		if n := a.statements.Load(); n != baseline {
			t.Errorf("%s ran %d statements, the session look-up alone %d", c.spec, n, baseline)
		}
	}
	// An unknown measure or grouping is not in the schema's enums: refused
	// before the resolver, naming the value.
	for _, spec := range []string{`{measures: [SCORE_SUMX], rows: []}`, `{measures: [SCORE_SUM], rows: [COLOUR]}`} {
		_, errs := a.aggregate(spec)
		if len(errs) == 0 || !strings.Contains(errs[0].Message, "X") && !strings.Contains(errs[0].Message, "COLOUR") {
			t.Errorf("%s: %+v", spec, errs)
		}
	}
}

// Filter values are bind parameters: a unit whose name is SQL is matched by
// exactly that name, and LIKE patterns match nothing.
func TestAggregateFilterValuesAreLiteral(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	ctx := context.Background()
	const evil = `市局'); DROP TABLE scores; --%_"`
	var unitID int64
	if err := a.st.DB.NewRaw(`UPDATE units SET name = ? WHERE id = (SELECT lead_unit_id FROM scores GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) RETURNING id`, evil).Scan(ctx, &unitID); err != nil {
		t.Fatal(err)
	}
	a.loginAs(auth.RoleAnalyst)
	var want string
	if err := a.st.DB.NewRaw(`SELECT count(*)::text FROM scores WHERE lead_unit_id = ?`, unitID).Scan(ctx, &want); err != nil {
		t.Fatal(err)
	}
	for value, count := range map[string]string{evil: want, fmt.Sprint(unitID): want, "%": "", "' OR '1'='1": "", `市局%`: ""} {
		var out aggregateAnswer
		a.must(`query($v: String!) { aggregate(spec: {measures: [SCORE_COUNT], rows: [LEAD_UNIT], filters: [{grouping: LEAD_UNIT, values: [$v]}]}) { groupings rows { keys labels values groupedBy } } }`,
			map[string]any{"v": value}, &out)
		got := out.details()
		if count == "" {
			if len(got) != 0 {
				t.Errorf("filter %q matched %v", value, got)
			}
			continue
		}
		if len(got) != 1 || got[fmt.Sprint(unitID)] != count {
			t.Errorf("filter %q: %v, want %s scores of unit %d", value, got, count, unitID)
		}
	}
	// Saved with the view and read back unchanged.
	var saved struct{ SaveView struct{ ID string } }
	a.must(`mutation($v: String!) { saveView(input: {name: "注入", spec: {measures: [SCORE_COUNT], rows: [LEAD_UNIT], filters: [{grouping: LEAD_UNIT, values: [$v]}]}}) { id } }`, map[string]any{"v": evil}, &saved)
	var opened struct {
		SavedView struct {
			Spec struct{ Filters []struct{ Values []string } }
		}
	}
	a.must(`query($id: ID!) { savedView(id: $id) { spec { filters { values } } } }`, map[string]any{"id": saved.SaveView.ID}, &opened)
	if f := opened.SavedView.Spec.Filters; len(f) != 1 || !slices.Equal(f[0].Values, []string{evil}) {
		t.Errorf("saved filter read back as %+v", f)
	}
	var n int
	if err := a.st.DB.NewRaw(`SELECT count(*) FROM scores`).Scan(ctx, &n); err != nil || n == 0 {
		t.Errorf("scores after the injection attempts: %d %v", n, err)
	}
}

type viewOut struct {
	ID, Name    string
	Version     int
	Mine        bool
	Builtin     bool
	SharedWith  []string
	Problems    []string
	Description string
}

const viewFields = `id name version mine builtin sharedWith problems description`

func TestSavedViews(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	analyst := a.loginAs(auth.RoleAnalyst)
	var list struct{ SavedViews []viewOut }
	a.must(`{ savedViews { `+viewFields+` } }`, nil, &list)
	var builtins []string
	for _, v := range list.SavedViews {
		if v.Builtin {
			builtins = append(builtins, v.Name)
		}
	}
	if len(builtins) != 3 {
		t.Errorf("built-in views: %v", builtins)
	}
	var saved struct{ SaveView viewOut }
	a.must(`mutation { saveView(input: {name: " 各区得分率 ", description: "按区", spec: {measures: [RATE], rows: [EVALUATEE], chart: BAR}, sharedWith: [LEADER]}) { `+viewFields+` } }`, nil, &saved)
	v := saved.SaveView
	if v.Name != "各区得分率" || !v.Mine || !slices.Equal(v.SharedWith, []string{"LEADER"}) {
		t.Errorf("saved: %+v", v)
	}
	// Bad input changes nothing.
	if errs := a.do(`mutation { saveView(input: {name: "", spec: {measures: [RATE], rows: []}}) { id } }`, nil, nil); codeOf(errs) != "INVALID" || !strings.Contains(fmt.Sprint(errs), "name") {
		t.Errorf("empty name: %+v", errs)
	}
	if errs := a.do(`mutation { saveView(input: {name: "x", spec: {measures: [RATE], rows: []}, sharedWith: [ADMIN]}) { id } }`, nil, nil); codeOf(errs) != "INVALID" {
		t.Errorf("shared with admin: %+v", errs)
	}
	// A stale version is a conflict, not an overwrite.
	upd := `mutation($id: ID!, $v: Int!, $n: String!) { saveView(input: {id: $id, version: $v, name: $n, spec: {measures: [RATE], rows: [EVALUATEE]}, sharedWith: [LEADER]}) { ` + viewFields + ` } }`
	a.must(upd, map[string]any{"id": v.ID, "v": v.Version, "n": "改名"}, &saved)
	if errs := a.do(upd, map[string]any{"id": v.ID, "v": v.Version, "n": "又改"}, nil); codeOf(errs) != "CONFLICT" {
		t.Errorf("stale save: %+v", errs)
	}
	// The leader it is shared with opens it, may not change or delete it,
	// and may duplicate it.
	a.loginAs(auth.RoleLeader)
	var opened struct{ SavedView viewOut }
	a.must(`query($id: ID!) { savedView(id: $id) { `+viewFields+` } }`, map[string]any{"id": v.ID}, &opened)
	if opened.SavedView.Name != "改名" || opened.SavedView.Mine {
		t.Errorf("leader opens %+v", opened.SavedView)
	}
	if errs := a.do(`mutation($id: ID!) { deleteView(id: $id, version: 2) }`, map[string]any{"id": v.ID}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("leader deleting: %+v", errs)
	}
	if errs := a.do(upd, map[string]any{"id": v.ID, "v": 2, "n": "领导改"}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("leader changing: %+v", errs)
	}
	var dup struct{ DuplicateView viewOut }
	a.must(`mutation($id: ID!) { duplicateView(id: $id) { `+viewFields+` } }`, map[string]any{"id": v.ID}, &dup)
	if !dup.DuplicateView.Mine || dup.DuplicateView.Name != "改名(副本)" || len(dup.DuplicateView.SharedWith) != 0 {
		t.Errorf("duplicate: %+v", dup.DuplicateView)
	}
	// Not shared with the 专班: as good as absent.
	a.loginAs(auth.RoleTaskForce)
	if errs := a.do(`query($id: ID!) { savedView(id: $id) { id } }`, map[string]any{"id": v.ID}, nil); codeOf(errs) != "NOT_FOUND" {
		t.Errorf("task force opening an unshared view: %+v", errs)
	}
	// The owner deletes it; built-in views nobody deletes.
	a.login(analyst, testPassword)
	a.must(`mutation($id: ID!) { deleteView(id: $id, version: 2) }`, map[string]any{"id": v.ID}, nil)
	for _, b := range list.SavedViews {
		if b.Builtin {
			if errs := a.do(`mutation($id: ID!, $v: Int!) { deleteView(id: $id, version: $v) }`, map[string]any{"id": b.ID, "v": b.Version}, nil); codeOf(errs) != "FORBIDDEN" {
				t.Errorf("deleting built-in %s: %+v", b.Name, errs)
			}
		}
	}
}

// A stored view naming a measure that no longer exists opens with a
// message, without it.
func TestSavedViewWithAMissingMeasureOpens(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAnalyst)
	var saved struct{ SaveView viewOut }
	a.must(`mutation { saveView(input: {name: "旧", spec: {measures: [RATE, SCORE_SUM], rows: [LEAD_UNIT]}}) { id } }`, nil, &saved)
	if _, err := a.st.DB.ExecContext(context.Background(), `UPDATE saved_views SET spec = jsonb_set(jsonb_set(spec, '{measures,0}', '"GONE"'), '{rows,0}', '"COLOUR"') WHERE id = ?`, saved.SaveView.ID); err != nil {
		t.Fatal(err)
	}
	var opened struct {
		SavedView struct {
			Problems []string
			Spec     struct{ Measures, Rows []string }
		}
	}
	a.must(`query($id: ID!) { savedView(id: $id) { problems spec { measures rows } } }`, map[string]any{"id": saved.SaveView.ID}, &opened)
	if len(opened.SavedView.Problems) != 2 || !slices.Equal(opened.SavedView.Spec.Measures, []string{"SCORE_SUM"}) || len(opened.SavedView.Spec.Rows) != 0 {
		t.Errorf("opened: %+v", opened.SavedView)
	}
}

func TestViewExportMatchesTheAggregate(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAnalyst)
	got, errs := a.aggregate(`{measures: [RATE_MEAN, SCORE_COUNT], rows: [LEAD_UNIT], columns: [PERIOD]}`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	spec := `{"measures":["RATE_MEAN","SCORE_COUNT"],"rows":["LEAD_UNIT"],"columns":["PERIOD"]}`
	for _, format := range []string{"xlsx", "csv"} {
		status, data := a.get("/files/view." + format + "?title=" + url.QueryEscape("校准") + "&spec=" + url.QueryEscape(spec))
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", format, status, data)
		}
		var rows [][]string
		var err error
		if format == "xlsx" {
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			rows, err = f.GetRows("统计", excelize.Options{RawCellValue: true})
			if err != nil || len(rows) < 3 {
				t.Fatalf("xlsx rows: %v %v %v", rows, err, f.GetSheetList())
			}
		} else {
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
			r.FieldsPerRecord = -1 // the title and the note are one cell each
			if rows, err = r.ReadAll(); err != nil {
				t.Fatal(err)
			}
		}
		body := rows[3:]
		if len(body) != len(got.Aggregate.Rows) {
			t.Fatalf("%s: %d rows, API %d", format, len(body), len(got.Aggregate.Rows))
		}
		for i, r := range got.Aggregate.Rows {
			for j, v := range r.Values {
				want, _ := decimal.NewFromString(*v)
				have, err := decimal.NewFromString(body[i][2+j])
				if err != nil || !have.Sub(want).Abs().LessThan(decimal.New(1, -9)) {
					t.Errorf("%s row %d measure %d: %q, API %s", format, i, j, body[i][2+j], *v)
				}
			}
		}
	}
	if status, _ := a.get("/files/view.xlsx?spec=" + url.QueryEscape(`{"measures":[],"rows":[]}`)); status != http.StatusBadRequest {
		t.Errorf("empty view export: %d", status)
	}
	a.login(a.mustUser("市政务服务局", auth.RoleLeadScorer), testPassword)
	if status, _ := a.get("/files/view.xlsx?spec=" + url.QueryEscape(spec)); status != http.StatusForbidden {
		t.Errorf("scorer exporting: %d", status)
	}
}
