package sheets

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Fuzz targets for every upload parser. They call only the exported entry
// points (ParseScores, ParseSourceValues) and build their seeds with the
// exported template writers, so they hold whatever the parsers do inside.
// `make test` runs each for a few seconds; by hand, e.g.
//   go test -run '^$' -fuzz '^FuzzParseScoresCells$' -fuzztime 5m ./server/sheets/
// A failing input lands in testdata/fuzz/<target>/: commit it with the fix.

// fuzzTemplateRows is how many data rows fuzzScoreTemplate writes.
const fuzzTemplateRows = 4

// fuzzScoreTemplate is a small score template: two tasks for two evaluatees.
func fuzzScoreTemplate(tb testing.TB) []byte {
	tb.Helper()
	var rows []ScoreRow
	for i, ev := range []string{"昆都仑区", "市公安局"} {
		for j, max := range []string{"0.67", "3"} {
			rows = append(rows, ScoreRow{
				PeriodID: 7, EvaluateeID: int64(10 + i), TaskID: int64(100 + j), TaskNumber: j + 1,
				TaskText: "任务" + strconv.Itoa(j+1), Evaluatee: ev, Group: "旗县区组",
				MaxPoints: decimal.RequireFromString(max), Version: i,
			})
		}
	}
	data, err := ScoreWorkbook(ScoreTemplate{LeadUnit: "市审批服务局", Period: "2023年上半年", Rows: rows})
	if err != nil {
		tb.Fatalf("score template: %v", err)
	}
	return data
}

// setCells opens a workbook, sets cells (A1 reference → value) on sheet and
// saves it again, as a user editing in Excel would.
func setCells(tb testing.TB, data []byte, sheet string, cells map[string]any) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	defer f.Close()
	for ref, v := range cells {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			tb.Fatalf("set %s: %v", ref, err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatalf("save: %v", err)
	}
	return buf.Bytes()
}

// checkRowErrors holds for the problems of any upload.
func checkRowErrors(t *testing.T, errs []RowError) map[int]bool {
	t.Helper()
	bad := map[int]bool{}
	for _, e := range errs {
		if e.Row < 1 || strings.TrimSpace(e.Message) == "" {
			t.Fatalf("row error without a row or a message: %+v", e)
		}
		bad[e.Row] = true
	}
	return bad
}

// checkScores holds for the result of any ParseScores call.
func checkScores(t *testing.T, entries []ScoreEntry, errs []RowError, err error) {
	t.Helper()
	if err != nil {
		if err.Error() == "" || entries != nil || errs != nil {
			t.Fatalf("unreadable file: error %q with %d entries and %d row errors", err, len(entries), len(errs))
		}
		return
	}
	bad := checkRowErrors(t, errs)
	seen := map[int]bool{}
	for _, e := range entries {
		switch {
		case e.Row <= ScoreHeaderRow || seen[e.Row]:
			t.Fatalf("entry on row %d (header row %d, seen %v)", e.Row, ScoreHeaderRow, seen[e.Row])
		case bad[e.Row]:
			t.Fatalf("row %d is both an entry and an error: %+v", e.Row, errs)
		case e.Score.IsNegative() || !e.Score.Equal(e.Score.Round(2)):
			t.Fatalf("row %d: score %s is negative or has more than two decimals", e.Row, e.Score)
		case e.PeriodID < 1 || e.EvaluateeID < 1 || e.TaskID < 1 || e.Version < 0:
			t.Fatalf("row %d: keys %+v", e.Row, e)
		}
		seen[e.Row] = true
	}
}

// FuzzParseScores feeds arbitrary bytes: damaged workbooks, other files.
func FuzzParseScores(f *testing.F) {
	tpl := fuzzScoreTemplate(f)
	f.Add(tpl)
	f.Add(setCells(f, tpl, ScoreSheet, map[string]any{"F4": 0.5, "G4": "已完成", "F5": "2", "F6": -1, "G7": "只有说明"}))
	sources, err := SourceValuesTemplate([]string{"昆都仑区"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sources)
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("考评对象,来源,分值\n昆都仑区,问卷,90\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, errs, err := ParseScores(context.Background(), data, fuzzTemplateRows)
		checkScores(t, entries, errs, err)
	})
}

// FuzzParseScoresCells writes arbitrary text into the cells a user fills in
// (得分 and 说明) and the hidden version key of a real template, as a text or,
// when it reads as one, as a number cell; the workbook itself stays valid,
// so the fuzzer spends its time on the parser's rules, not on zip errors.
func FuzzParseScoresCells(f *testing.F) {
	tpl := fuzzScoreTemplate(f)
	for _, s := range []struct{ score, comment, version string }{
		{"0.67", "", "0"}, {"0.335", "", "1"}, {"１２", "说明", "0"}, {"50%", "", "0"},
		{"TRUE", "", ""}, {"-0", "过低", "2147483648"}, {"1e2", "", "x"}, {" 2.50 ", "\t", "0"},
	} {
		f.Add(s.score, s.comment, s.version, false)
		f.Add(s.score, s.comment, s.version, true)
	}
	f.Fuzz(func(t *testing.T, score, comment, version string, asNumber bool) {
		if !excelCellText(score) || !excelCellText(comment) || !excelCellText(version) {
			t.Skip("text Excel cannot store in a cell")
		}
		cells := map[string]any{"F4": score, "G4": comment, "L4": version}
		if n, err := strconv.ParseFloat(strings.TrimSpace(score), 64); asNumber && err == nil {
			cells["F4"] = n
		}
		entries, errs, err := ParseScores(context.Background(), setCells(t, tpl, ScoreSheet, cells), fuzzTemplateRows)
		if err != nil {
			t.Fatalf("a workbook written by excelize is unreadable: %v", err)
		}
		checkScores(t, entries, errs, err)
		for _, e := range entries {
			if e.Row != 4 {
				t.Fatalf("an untouched template row became an entry: %+v", e)
			}
			if e.PeriodID != 7 || e.EvaluateeID != 10 || e.TaskID != 100 {
				t.Fatalf("row 4 read with keys %+v, the template has 7/10/100", e)
			}
		}
	})
}

// excelCellText reports whether Excel can hold s in a cell unchanged: valid
// UTF-8 without control characters other than tab and line feed, and within
// the cell's length limit.
func excelCellText(s string) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxCellChars {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r < 0xE000 {
			return false
		}
	}
	return true
}

// checkSourceValues holds for the result of any ParseSourceValues call.
func checkSourceValues(t *testing.T, vals []SourceValue, errs []RowError, err error) {
	t.Helper()
	if err != nil {
		if err.Error() == "" || vals != nil || errs != nil {
			t.Fatalf("unreadable file: error %q with %d values and %d row errors", err, len(vals), len(errs))
		}
		return
	}
	bad := checkRowErrors(t, errs)
	hundred := decimal.NewFromInt(100)
	pairs := map[[2]string]int{}
	for _, v := range vals {
		switch {
		case v.Row < 1 || bad[v.Row]:
			t.Fatalf("value on row %d, which is missing or has an error: %+v", v.Row, errs)
		case strings.TrimSpace(v.Evaluatee) == "" || strings.TrimSpace(v.Source) == "":
			t.Fatalf("row %d: blank 考评对象 or 来源: %+v", v.Row, v)
		case v.Value.IsNegative() || v.Value.GreaterThan(hundred):
			t.Fatalf("row %d: value %s outside 0–100", v.Row, v.Value)
		case !v.Weight.IsPositive():
			t.Fatalf("row %d: weight %s not positive", v.Row, v.Weight)
		}
		key := [2]string{v.Evaluatee, v.Source}
		if first, dup := pairs[key]; dup {
			t.Fatalf("rows %d and %d both give %v a value", first, v.Row, key)
		}
		pairs[key] = v.Row
	}
}

// FuzzParseSourceValues feeds arbitrary bytes: CSV in every encoding and
// separator the parser reads, workbooks, and anything else.
func FuzzParseSourceValues(f *testing.F) {
	csvText := "考评对象,来源,分值（0–100）,权重\r\n昆都仑区,问卷,86.5,0.6\r\n昆都仑区,电话,90,0.4\r\n青山区,问卷,85%,\r\n" +
		"\"东河区\",\"问卷,网络\",\"1,00\",1\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(csvText)
	if err != nil {
		f.Fatal(err)
	}
	tpl, err := SourceValuesTemplate([]string{"昆都仑区", "青山区"})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{
		[]byte(csvText),
		append([]byte{0xEF, 0xBB, 0xBF}, csvText...),
		[]byte(gbk),
		[]byte(strings.ReplaceAll(csvText, ",", ";")),
		[]byte(strings.ReplaceAll(csvText, ",", "\t")),
		[]byte("单位名称,数据来源,满意度\n昆都仑区,问卷,-1\n昆都仑区,问卷,101\n,问卷,5\n"),
		tpl,
		setCells(f, tpl, SourceSheet, map[string]any{"B2": "问卷", "C2": 88.88, "D2": 0.5, "C3": "八十"}),
		{0xFF, 0xFE, '1', 0},
		{},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		vals, errs, err := ParseSourceValues(context.Background(), data)
		checkSourceValues(t, vals, errs, err)
	})
}
