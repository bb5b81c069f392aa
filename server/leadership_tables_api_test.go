package main

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/server/auth"
)

// sheetRows opens an .xlsx answer and returns the rows of the named sheet.
func sheetRows(t *testing.T, status int, body []byte, sheet string) [][]string {
	t.Helper()
	if status != http.StatusOK {
		t.Fatalf("export: %d %s", status, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %q: %v (sheets %v)", sheet, err, f.GetSheetList())
	}
	return rows
}

// sameNumber compares a cell shown with two decimals with the API's decimal.
func sameNumber(cell, api string) bool {
	a, errA := decimal.NewFromString(cell)
	b, errB := decimal.NewFromString(api)
	return errA == nil && errB == nil && a.Equal(b)
}

// rowNamed is the first row whose first cell is name.
func rowNamed(rows [][]string, name string) []string {
	for _, r := range rows {
		if len(r) > 0 && r[0] == name {
			return r
		}
	}
	return nil
}

// The evaluatee page, the comparison and the heatmap export the figures the
// API shows, on the demo data's published half year.
func TestLeadershipTablesExportTheirFigures(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	a.loginAs(auth.RoleLeader)
	var ranking struct {
		Ranking struct {
			Rows []struct {
				Rank      int
				Score     *string
				Evaluatee struct {
					ID   string
					Unit struct{ Name string }
				}
			}
		}
	}
	a.must(`{ ranking(periodId: "1", group: DISTRICTS) { rows { rank score evaluatee { id unit { name } } } } }`, nil, &ranking)
	rows := ranking.Ranking.Rows
	if len(rows) < 3 {
		t.Fatalf("demo districts: %d", len(rows))
	}
	first, second := rows[0], rows[1]

	var profile struct {
		EvaluateeProfile struct {
			Breakdown struct {
				Score      string
				Components []struct{ Method, Value string }
				Tasks      []struct{ Scores []struct{ ScoreID string } }
			}
		}
	}
	a.must(`query($e: ID!) { evaluateeProfile(periodId: "1", evaluateeId: $e) { breakdown { score components { method value } tasks { scores { scoreId } } } } }`,
		map[string]any{"e": first.Evaluatee.ID}, &profile)
	b := profile.EvaluateeProfile.Breakdown
	status, body := a.get("/files/evaluatee.xlsx?periodId=1&evaluateeId=" + first.Evaluatee.ID)
	summary := sheetRows(t, status, body, "得分")
	if r := rowNamed(summary, "最终得分"); r == nil || !sameNumber(r[2], b.Score) {
		t.Errorf("final score row %q, API %s", r, b.Score)
	}
	if r := rowNamed(summary, "组内名次"); r == nil || r[2] != fmt.Sprint(first.Rank) {
		t.Errorf("rank row %q, API %d", r, first.Rank)
	}
	if r := rowNamed(summary, "日常监测"); r == nil || !sameNumber(r[2], b.Components[0].Value) {
		t.Errorf("daily monitoring row %q, API %+v", r, b.Components[0])
	}
	lines := 0
	for _, task := range b.Tasks {
		lines += max(1, len(task.Scores))
	}
	if tasks := sheetRows(t, status, body, "任务"); len(tasks)-3 != lines {
		t.Errorf("任务 sheet has %d rows, want one per lead-unit score (%d)", len(tasks)-3, lines)
	}

	status, body = a.get(fmt.Sprintf("/files/compare.xlsx?periodId=1&evaluateeIds=%s,%s", first.Evaluatee.ID, second.Evaluatee.ID))
	compare := sheetRows(t, status, body, "对比")
	header := rowNamed(compare, "项目")
	if len(header) != 3 || header[1] != first.Evaluatee.Unit.Name || header[2] != second.Evaluatee.Unit.Name {
		t.Errorf("compare header %q", header)
	}
	if r := rowNamed(compare, "最终得分"); r == nil || !sameNumber(r[1], *first.Score) || !sameNumber(r[2], *second.Score) {
		t.Errorf("compare scores %q, API %s %s", r, *first.Score, *second.Score)
	}

	status, body = a.get("/files/heatmap.xlsx?periodId=1&group=DISTRICTS")
	heat := sheetRows(t, status, body, "热力图")
	if len(heat)-3 != len(rows) {
		t.Fatalf("heatmap has %d units, the ranking %d", len(heat)-3, len(rows))
	}
	for i, r := range rows {
		got := heat[3+i]
		if got[0] != fmt.Sprint(r.Rank) || got[1] != r.Evaluatee.Unit.Name || (r.Score != nil && !sameNumber(got[2], *r.Score)) {
			t.Errorf("heatmap row %d = %q, ranking %d %s %s", i, got[:3], r.Rank, r.Evaluatee.Unit.Name, *r.Score)
		}
	}

	// Bad input names the parameter; other roles are refused.
	if status, body := a.get("/files/compare.xlsx?periodId=1&evaluateeIds=1,abc"); status != http.StatusBadRequest || !bytes.Contains(body, []byte("evaluateeIds")) {
		t.Errorf("bad ids: %d %s", status, body)
	}
	if status, body := a.get("/files/compare.xlsx?periodId=1&evaluateeIds=" + first.Evaluatee.ID); status != http.StatusBadRequest || !bytes.Contains(body, []byte("2–6")) {
		t.Errorf("one unit compared: %d %s", status, body)
	}
	if status, body := a.get("/files/heatmap.xlsx?periodId=1&group=ALL"); status != http.StatusBadRequest || !bytes.Contains(body, []byte("group")) {
		t.Errorf("bad group: %d %s", status, body)
	}
	a.loginAs(auth.RoleLeadScorer)
	for _, path := range []string{"/files/evaluatee.xlsx?periodId=1&evaluateeId=" + first.Evaluatee.ID, "/files/heatmap.xlsx?periodId=1&group=DISTRICTS"} {
		if status, _ := a.get(path); status != http.StatusForbidden {
			t.Errorf("scorer %s: %d, want 403", path, status)
		}
	}
}
