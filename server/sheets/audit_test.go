package sheets

import (
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestAuditLogExport(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 3, 1, 4, 5, 6, 789, time.UTC) // 12:05:06 in Beijing
	huge := `{"text":"` + strings.Repeat("长", 40000) + `"}`
	rows := []AuditRow{
		{ID: 42, At: at, Username: "zhangsan", Roles: []string{"专班", "审计员"}, Unit: "市政府办公室",
			ClientAddr: "10.0.0.8", RequestID: "req-1", Operation: "score.verify", Outcome: "OK",
			ObjectType: "score", ObjectID: "9001", Before: `{"score":"1.50"}`, After: `{"score":"2.00"}`, Detail: "核实"},
		{ID: 43, At: at.Add(time.Hour), Username: "lisi", Operation: "period.publish", Outcome: "DENIED", Detail: "无权限\x00\x07"},
		{ID: 44, Username: "wangwu", Operation: "import", Outcome: "FAILED", After: huge},
		{ID: 45, Outcome: "UNKNOWN"},
	}
	now := time.Date(2024, 3, 2, 1, 0, 0, 0, time.UTC)
	data, err := auditLog(rows, "2024年3月 操作=评分核实", now)
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, data)
	if got := f.GetSheetList(); len(got) != 2 || got[0] != AuditSheet || got[1] != AuditInfoSheet {
		t.Fatalf("sheets = %v", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet = %d, want the log", f.GetActiveSheetIndex())
	}
	got, err := f.GetRows(AuditSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1+len(rows) {
		t.Fatalf("got %d rows, want header + %d", len(got), len(rows))
	}
	if strings.Join(got[0], ",") != strings.Join(AuditHeaders, ",") {
		t.Errorf("header = %v", got[0])
	}
	want := []string{"42", "2024-03-01 12:05:06", "zhangsan", "专班、审计员", "市政府办公室", "10.0.0.8", "req-1",
		"score.verify", "成功", "score", "9001", `{"score":"1.50"}`, `{"score":"2.00"}`, "核实"}
	if strings.Join(got[1], "|") != strings.Join(want, "|") {
		t.Errorf("row 2 =\n %v\nwant\n %v", got[1], want)
	}
	if got[2][1] != "2024-03-01 13:05:06" || got[2][8] != "拒绝" || got[2][13] != "无权限" {
		t.Errorf("row 3 = %v", got[2])
	}
	if got[3][1] != "" || got[3][8] != "失败" {
		t.Errorf("row 4 = %v", got[3])
	}
	if got[4][8] != "UNKNOWN" {
		t.Errorf("unknown outcome shown as %q", got[4][8])
	}
	// Over-long JSON is cut to Excel's cell limit with a visible marker.
	if long := got[3][12]; utf16Len(long) > maxCellChars || !strings.HasSuffix(long, "（已截断）") {
		t.Errorf("long cell: %d units, suffix %q", utf16Len(long), long[len(long)-20:])
	}
	// ID and time are numbers, not text; time carries the date format.
	for _, ref := range []string{"A2", "B2"} {
		if ty, _ := f.GetCellType(AuditSheet, ref); ty == excelize.CellTypeSharedString || ty == excelize.CellTypeInlineString {
			t.Errorf("%s stored as text", ref)
		}
	}
	if raw := cell(t, f, AuditSheet, "A2", true); raw != "42" {
		t.Errorf("A2 raw = %q", raw)
	}
	// Frozen bold header; JSON columns wrap with a capped width.
	panes, _ := f.GetPanes(AuditSheet)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v", panes)
	}
	hs, _ := f.GetCellStyle(AuditSheet, "A1")
	if st, _ := f.GetStyle(hs); st.Font == nil || !st.Font.Bold {
		t.Errorf("header not bold")
	}
	ls, _ := f.GetCellStyle(AuditSheet, "L2")
	if st, _ := f.GetStyle(ls); st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("修改前 does not wrap")
	}
	if w, _ := f.GetColWidth(AuditSheet, "L"); w != 50 {
		t.Errorf("修改前 width = %v, want 50", w)
	}
	// The info sheet names the filter, the export time and the count.
	info, err := f.GetRows(AuditInfoSheet)
	if err != nil {
		t.Fatal(err)
	}
	flat := map[string]string{}
	for _, r := range info {
		if len(r) >= 2 {
			flat[r[0]] = r[1]
		}
	}
	if flat["筛选条件"] != "2024年3月 操作=评分核实" || flat["导出时间"] != "2024-03-02 09:00:00" || flat["记录数"] != "4" {
		t.Errorf("info sheet = %v", flat)
	}
}

func TestAuditLogEmpty(t *testing.T) {
	t.Parallel()
	data, err := AuditLog(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, data)
	rows, _ := f.GetRows(AuditSheet)
	if len(rows) != 1 || rows[0][0] != "编号" {
		t.Errorf("empty export rows = %v", rows)
	}
	if v := cell(t, f, AuditInfoSheet, "B2", false); !strings.Contains(v, "全部") {
		t.Errorf("empty filter described as %q", v)
	}
}
