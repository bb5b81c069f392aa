package sheets

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

const longTask = "推进政务服务“一网通办”，实现市级政务服务事项网上可办率达到百分之百，" +
	"全面推行“一件事一次办”集成服务，完善线上线下融合的政务服务体系并持续推进。"

func sampleTemplate(t *testing.T) ScoreTemplate {
	return ScoreTemplate{
		LeadUnit: "市审批服务局",
		Period:   "2023年上半年",
		Rows: []ScoreRow{
			{PeriodID: 7, EvaluateeID: 11, TaskID: 101, TaskNumber: 1, TaskText: "建设一体化政务服务平台", Evaluatee: "昆都仑区", Group: "旗县区组", MaxPoints: dec(t, "0.5")},
			{PeriodID: 7, EvaluateeID: 12, TaskID: 101, TaskNumber: 1, TaskText: "建设一体化政务服务平台", Evaluatee: "青山区", Group: "旗县区组", MaxPoints: dec(t, "0.5")},
			{PeriodID: 7, EvaluateeID: 11, TaskID: 102, TaskNumber: 2, TaskText: "推行电子证照", Evaluatee: "昆都仑区", Group: "旗县区组", MaxPoints: dec(t, "2.5"),
				Score: decPtr(t, "2"), Comment: "原说明", Version: 3, Status: "已退回"},
			{PeriodID: 7, EvaluateeID: 12, TaskID: 102, TaskNumber: 2, TaskText: "推行电子证照", Evaluatee: "青山区", Group: "旗县区组", MaxPoints: dec(t, "2.5")},
			{PeriodID: 7, EvaluateeID: 21, TaskID: 103, TaskNumber: 3, TaskText: longTask, Evaluatee: "市审批服务局", Group: "市直部门组", MaxPoints: dec(t, "3")},
		},
	}
}

func TestScoreWorkbookLayout(t *testing.T) {
	t.Parallel()
	tpl := sampleTemplate(t)
	data, err := ScoreWorkbook(tpl)
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, data)
	sh := ScoreSheet
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets = %v, want [%s]", got, sh)
	}
	if got := cell(t, f, sh, "A1", false); got != "2023年上半年 市审批服务局 评分表" {
		t.Errorf("title = %q", got)
	}
	if got := cell(t, f, sh, "A2", false); !strings.Contains(got, "一半") || !strings.Contains(got, "两位小数") || !strings.Contains(got, "灰色") {
		t.Errorf("instruction line lacks the rules: %q", got)
	}
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[2], ","); got != strings.Join(ScoreHeaders, ",") {
		t.Errorf("header row 3 = %s", got)
	}
	if len(rows) != 3+len(tpl.Rows) {
		t.Errorf("got %d rows, want %d", len(rows), 3+len(tpl.Rows))
	}
	// Header is bold and frozen with the title lines.
	hs, _ := f.GetCellStyle(sh, "F3")
	if st, err := f.GetStyle(hs); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header not bold: %+v %v", st, err)
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != ScoreHeaderRow || panes.TopLeftCell != "A4" {
		t.Errorf("panes = %+v, %v", panes, err)
	}
	// Key columns hidden, input columns visible.
	for _, c := range []string{"I", "J", "K", "L"} {
		if v, _ := f.GetColVisible(sh, c); v {
			t.Errorf("key column %s is visible", c)
		}
	}
	for _, c := range []string{"A", "E", "F", "G", "H"} {
		if v, _ := f.GetColVisible(sh, c); !v {
			t.Errorf("column %s is hidden", c)
		}
	}
	if w, _ := f.GetColWidth(sh, "B"); w < 30 {
		t.Errorf("task text column width %v too narrow", w)
	}
	// Numbers are numbers with 0.00; keys and version are numbers.
	if got := cell(t, f, sh, "E4", true); got != "0.5" {
		t.Errorf("E4 raw = %q, want 0.5", got)
	}
	if got := cell(t, f, sh, "E4", false); got != "0.50" {
		t.Errorf("E4 shown = %q, want 0.50", got)
	}
	if got := cell(t, f, sh, "F6", false); got != "2.00" {
		t.Errorf("pre-filled score F6 shown = %q, want 2.00", got)
	}
	for _, ref := range []string{"A4", "E4", "F6", "I4", "J4", "K4", "L6"} {
		if ty, _ := f.GetCellType(sh, ref); ty == excelize.CellTypeSharedString || ty == excelize.CellTypeInlineString {
			t.Errorf("%s is stored as text", ref)
		}
	}
	if got := cell(t, f, sh, "G6", false) + "|" + cell(t, f, sh, "H6", false) + "|" + cell(t, f, sh, "L6", true); got != "原说明|已退回|3" {
		t.Errorf("row 6 comment|status|version = %s", got)
	}
	if got := cell(t, f, sh, "I8", true) + "," + cell(t, f, sh, "J8", true) + "," + cell(t, f, sh, "K8", true); got != "7,21,103" {
		t.Errorf("keys of row 8 = %s", got)
	}
	// Input columns unlocked and highlighted, grey columns locked.
	fs, _ := f.GetCellStyle(sh, "F4")
	st, _ := f.GetStyle(fs)
	if st.Protection == nil || st.Protection.Locked || len(st.Fill.Color) == 0 || st.Fill.Color[0] != colorInputFill || st.NumFmt != 2 {
		t.Errorf("score cell style = %+v / %+v", st.Protection, st.Fill)
	}
	es, _ := f.GetCellStyle(sh, "E4")
	st, _ = f.GetStyle(es)
	if st.Protection == nil || !st.Protection.Locked || st.Fill.Color[0] != colorGreyFill {
		t.Errorf("max cell style = %+v / %+v", st.Protection, st.Fill)
	}
	// Long task text is cut, the full text is in a comment.
	b8 := cell(t, f, sh, "B8", false)
	if utf8.RuneCountInString(b8) != taskTextMaxRunes || !strings.HasSuffix(b8, "…") {
		t.Errorf("B8 = %q (%d runes)", b8, utf8.RuneCountInString(b8))
	}
	comments, err := f.GetComments(sh)
	if err != nil || len(comments) != 1 || comments[0].Cell != "B8" || !strings.Contains(commentText(comments[0]), "体系并持续推进") {
		t.Errorf("comments = %+v, %v", comments, err)
	}
	// Data validation on the score column, bounded by the row's 满分.
	dvs, err := f.GetDataValidations(sh)
	if err != nil || len(dvs) != 1 {
		t.Fatalf("data validations = %v, %v", dvs, err)
	}
	if dv := dvs[0]; dv.Sqref != "F4:F8" || dv.Type != "decimal" || dv.Operator != "between" || dv.Formula1 != "0" || dv.Formula2 != "$E4" {
		t.Errorf("data validation = %+v", *dv)
	}
}

func commentText(c excelize.Comment) string {
	s := c.Text
	for _, p := range c.Paragraph {
		s += p.Text
	}
	return s
}

func TestScoreWorkbookRejectsBadKeys(t *testing.T) {
	t.Parallel()
	tpl := sampleTemplate(t)
	tpl.Rows[1].TaskID = 0
	if _, err := ScoreWorkbook(tpl); err == nil {
		t.Fatal("a row without task id must not render")
	}
}

func TestScoreRoundTrip(t *testing.T) {
	t.Parallel()
	data, err := ScoreWorkbook(sampleTemplate(t))
	if err != nil {
		t.Fatal(err)
	}
	filled := edit(t, data, func(f *excelize.File) {
		sh := ScoreSheet
		must(t, f.SetCellValue(sh, "F4", 0.35))    // typed number
		must(t, f.SetCellValue(sh, "F5", " 0.5 ")) // typed into a text cell
		// A computed cell (=0.1+0.2) as Excel stores it: a float artefact.
		must(t, f.SetCellDefault(sh, "F7", "0.30000000000000004"))
		must(t, f.SetCellValue(sh, "G7", "  进展滞后，材料不全  "))
		// row 6 keeps its pre-filled score and comment; row 8 stays blank.
	})
	entries, errs, err := parseScores(filled)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	want := []ScoreEntry{
		{Row: 4, PeriodID: 7, EvaluateeID: 11, TaskID: 101, Score: dec(t, "0.35")},
		{Row: 5, PeriodID: 7, EvaluateeID: 12, TaskID: 101, Score: dec(t, "0.5")},
		{Row: 6, PeriodID: 7, EvaluateeID: 11, TaskID: 102, Score: dec(t, "2"), Comment: "原说明", Version: 3},
		{Row: 7, PeriodID: 7, EvaluateeID: 12, TaskID: 102, Score: dec(t, "0.3"), Comment: "进展滞后，材料不全"},
	}
	if len(entries) != len(want) {
		t.Fatalf("entries = %+v", entries)
	}
	for i, w := range want {
		g := entries[i]
		if g.Row != w.Row || g.PeriodID != w.PeriodID || g.EvaluateeID != w.EvaluateeID || g.TaskID != w.TaskID ||
			!g.Score.Equal(w.Score) || g.Comment != w.Comment || g.Version != w.Version {
			t.Errorf("entry %d = %+v (score %s), want %+v (score %s)", i, g, g.Score, w, w.Score)
		}
	}
	if s := entries[0].Score.String(); s != "0.35" {
		t.Errorf("0.35 read back as %s", s)
	}
	if s := entries[3].Score.String(); s != "0.3" {
		t.Errorf("float artefact read back as %s", s)
	}
}

// Sorting in Excel moves the hidden keys with the row.
func TestParseScoresAfterSorting(t *testing.T) {
	t.Parallel()
	data, err := ScoreWorkbook(sampleTemplate(t))
	if err != nil {
		t.Fatal(err)
	}
	filled := edit(t, data, func(f *excelize.File) {
		sh := ScoreSheet
		r4, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
		row4, row8 := padRow(r4[3]), padRow(r4[7])
		must(t, f.SetSheetRow(sh, "A4", &row8))
		must(t, f.SetSheetRow(sh, "A8", &row4))
		must(t, f.SetCellValue(sh, "F4", 2.75)) // now the 市审批服务局 / task 3 row
	})
	entries, errs, err := parseScores(filled)
	if err != nil || len(errs) != 0 {
		t.Fatalf("err=%v errs=%v", err, errs)
	}
	var found bool
	for _, e := range entries {
		if e.Row == 4 {
			found = true
			if e.EvaluateeID != 21 || e.TaskID != 103 || !e.Score.Equal(dec(t, "2.75")) {
				t.Errorf("row 4 entry = %+v", e)
			}
		}
	}
	if !found {
		t.Fatalf("no entry for row 4: %+v", entries)
	}
}

func padRow(r []string) []any {
	out := make([]any, scoreColumns)
	for i := range out {
		if i < len(r) {
			if d, ne := parseNumber(r[i]); ne == numOK && i != colTaskText-1 && i != colEvaluatee-1 && i != colComment-1 {
				out[i] = d.InexactFloat64()
			} else {
				out[i] = r[i]
			}
		}
	}
	return out
}

func badRowsTemplate() ScoreTemplate {
	var rows []ScoreRow
	for i := 0; i < 14; i++ {
		rows = append(rows, ScoreRow{PeriodID: 9, EvaluateeID: int64(100 + i), TaskID: 500, TaskNumber: 5,
			TaskText: "数据共享", Evaluatee: fmt.Sprintf("单位%d", i), Group: "市直部门组", MaxPoints: mustDec("2")})
	}
	return ScoreTemplate{Title: "测试评分表", Rows: rows} // data rows 4..17
}

func TestParseScoresReportsEveryBadRow(t *testing.T) {
	t.Parallel()
	data, err := ScoreWorkbook(badRowsTemplate())
	if err != nil {
		t.Fatal(err)
	}
	filled := edit(t, data, func(f *excelize.File) {
		sh := ScoreSheet
		set := func(ref string, v any) { must(t, f.SetCellValue(sh, ref, v)) }
		set("F4", "abc")                        // not a number
		set("F5", -1)                           // negative
		set("F6", 0.123)                        // three decimals
		set("F7", 2.5)                          // above 满分 2
		set("F8", 0.5)                          // below half, no comment
		set("G9", "未打分的说明")                     // comment without a score
		set("F10", 1.5)                         // garbled period key
		set("I10", "abc")                       //
		set("F11", 1.5)                         // task key cleared
		set("K11", "")                          //
		set("F12", 1.8)                         // rows 12 and 13 have the same keys
		set("F13", 1.9)                         //
		set("J12", 109)                         // row 13's evaluatee key
		must(t, f.SetCellBool(sh, "F14", true)) // a boolean, raw "1"
		set("F15", 2)                           // valid
		set("F16", 1)                           // garbled version
		set("L16", "v2")                        //
		set("F17", 1)                           // 满分 overwritten
		set("E17", "两分")                        //
	})
	entries, errs, err := parseScores(filled)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"4:得分", "5:得分", "6:得分", "7:得分", "8:说明", "9:得分",
		"10:周期键", "11:任务键", "12:任务键", "13:任务键", "14:得分", "16:版本号", "17:满分",
	}
	if got := errKeys(errs); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("errors\n got %v\nwant %v\n%v", got, want, errs)
	}
	checks := map[string]string{
		"4:得分":   "不是数字",
		"5:得分":   "负数",
		"6:得分":   "两位小数",
		"7:得分":   "超过满分 2",
		"8:说明":   "一半",
		"9:得分":   "没有填写得分",
		"10:周期键": "abc",
		"11:任务键": "为空",
		"12:任务键": "第13行",
		"13:任务键": "第12行",
		"14:得分":  "逻辑值",
		"16:版本号": "v2",
		"17:满分":  "两分",
	}
	for i, e := range errs {
		if !strings.Contains(e.Message, checks[errKeys(errs)[i]]) {
			t.Errorf("%d:%s message %q lacks %q", e.Row, e.Column, e.Message, checks[errKeys(errs)[i]])
		}
	}
	if len(entries) != 1 || entries[0].Row != 15 || entries[0].EvaluateeID != 111 || !entries[0].Score.Equal(mustDec("2")) {
		t.Errorf("entries = %+v", entries)
	}
}

func TestParseScoresBlankRowsAreSkipped(t *testing.T) {
	t.Parallel()
	data, err := ScoreWorkbook(badRowsTemplate())
	if err != nil {
		t.Fatal(err)
	}
	entries, errs, err := parseScores(data)
	if err != nil || len(errs) != 0 || len(entries) != 0 {
		t.Fatalf("untouched template: entries=%v errs=%v err=%v", entries, errs, err)
	}
	// A zero score is a score (and below half, so it needs a comment).
	filled := edit(t, data, func(f *excelize.File) {
		must(t, f.SetCellValue(ScoreSheet, "F4", 0))
		must(t, f.SetCellValue(ScoreSheet, "G4", "未开展"))
		must(t, f.SetCellValue(ScoreSheet, "F5", 1)) // exactly half: no comment needed
	})
	entries, errs, err = parseScores(filled)
	if err != nil || len(errs) != 0 || len(entries) != 2 || !entries[0].Score.IsZero() || entries[0].Comment != "未开展" {
		t.Fatalf("entries=%+v errs=%v err=%v", entries, errs, err)
	}
}

func TestParseScoresHeaderMismatch(t *testing.T) {
	t.Parallel()
	data, err := ScoreWorkbook(sampleTemplate(t))
	if err != nil {
		t.Fatal(err)
	}
	noKey := edit(t, data, func(f *excelize.File) {
		must(t, f.RemoveCol(ScoreSheet, "K")) // the hidden 任务键 column
		must(t, f.SetCellValue(ScoreSheet, "F4", 0.5))
	})
	entries, errs, err := parseScores(noKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 || len(errs) != 1 || errs[0].Row != ScoreHeaderRow || errs[0].Column != "表头" || !strings.Contains(errs[0].Message, "任务键") {
		t.Fatalf("entries=%v errs=%v", entries, errs)
	}

	renamed := edit(t, data, func(f *excelize.File) {
		must(t, f.SetCellValue(ScoreSheet, "F3", "分数"))
	})
	_, errs, err = parseScores(renamed)
	if err != nil || len(errs) != 1 || errs[0].Column != "表头" || !strings.Contains(errs[0].Message, "得分") {
		t.Fatalf("renamed header: errs=%v err=%v", errs, err)
	}

	other := excelize.NewFile()
	must(t, other.SetCellValue("Sheet1", "A1", "姓名"))
	must(t, other.SetCellValue("Sheet1", "B1", "电话"))
	buf, err := other.WriteToBuffer()
	must(t, err)
	_, errs, err = parseScores(buf.Bytes())
	if err != nil || len(errs) != 1 || errs[0].Column != "表头" || !strings.Contains(errs[0].Message, "未找到") {
		t.Fatalf("unrelated workbook: errs=%v err=%v", errs, err)
	}
}

func TestParseScoresUnreadableFiles(t *testing.T) {
	t.Parallel()
	var zipNotXLSX bytes.Buffer
	zw := zip.NewWriter(&zipNotXLSX)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("hello"))
	zw.Close()

	cases := map[string][]byte{
		"empty":        nil,
		"garbage":      {0x00, 0x13, 0xff, 0xfe, 0x42, 0x99, 0x01, 0x02, 0x03},
		"text":         []byte("任务编号,得分\n1,2\n"),
		"zip not xlsx": zipNotXLSX.Bytes(),
		"truncated":    []byte("PK\x03\x04\x14\x00\x00\x00garbage"),
	}
	for name, data := range cases {
		entries, errs, err := parseScores(data)
		if err == nil {
			t.Errorf("%s: no error (entries=%v errs=%v)", name, entries, errs)
		}
	}
	_, _, err := parseScores(append(append([]byte{}, oleMagic...), make([]byte, 512)...))
	if err == nil || !strings.Contains(err.Error(), ".xls") {
		t.Errorf("old .xls: err = %v", err)
	}
}

func TestParseScoresRejectsPercentAndKeepsSheetChoice(t *testing.T) {
	t.Parallel()
	data, err := ScoreWorkbook(badRowsTemplate())
	if err != nil {
		t.Fatal(err)
	}
	filled := edit(t, data, func(f *excelize.File) {
		must(t, f.SetCellValue(ScoreSheet, "F4", "50%"))
		must(t, f.SetCellValue(ScoreSheet, "F5", "１.５")) // full-width digit typed with a Chinese IME
		must(t, f.SetSheetName(ScoreSheet, "我的评分"))      // renamed sheet: the first sheet is read
	})
	entries, errs, err := parseScores(filled)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || errs[0].Row != 4 || errs[0].Column != "得分" || !strings.Contains(errs[0].Message, "50%") {
		t.Errorf("errs = %v", errs)
	}
	if len(entries) != 1 || entries[0].Row != 5 || !entries[0].Score.Equal(mustDec("1.5")) {
		t.Errorf("entries = %+v", entries)
	}
}
