package sheets

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

type wantValue struct {
	row               int
	evaluatee, source string
	value, weight     string
}

func checkValues(t *testing.T, got []SourceValue, want []wantValue) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d values %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Row != w.row || g.Evaluatee != w.evaluatee || g.Source != w.source ||
			!g.Value.Equal(mustDec(w.value)) || !g.Weight.Equal(mustDec(w.weight)) {
			t.Errorf("value %d = {%d %q %q %s %s}, want %+v", i, g.Row, g.Evaluatee, g.Source, g.Value, g.Weight, w)
		}
	}
}

const sourceCSV = "考评对象,来源,分值,权重\r\n" +
	"昆都仑区,群众满意度调查,85.5,\r\n" +
	"青山区,群众满意度调查,90,2\r\n" +
	"市审批服务局,第三方评估机构,78.25,0.5\r\n"

var sourceCSVWant = []wantValue{
	{2, "昆都仑区", "群众满意度调查", "85.5", "1"},
	{3, "青山区", "群众满意度调查", "90", "2"},
	{4, "市审批服务局", "第三方评估机构", "78.25", "0.5"},
}

func TestParseSourceValuesCSVEncodings(t *testing.T) {
	t.Parallel()
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(sourceCSV)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.ValidString(gbk) {
		t.Fatal("GBK sample is valid UTF-8; the test would not exercise GBK decoding")
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(sourceCSV, ",", "\t"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"utf-8 with BOM":       append([]byte{0xEF, 0xBB, 0xBF}, sourceCSV...),
		"utf-8 without BOM":    []byte(sourceCSV),
		"gbk":                  []byte(gbk),
		"gb18030":              mustGB18030(t, sourceCSV),
		"utf-16 tab-separated": []byte(utf16),
		"semicolons":           []byte(strings.ReplaceAll(sourceCSV, ",", ";")),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			vals, errs, err := parseSourceValues(data)
			if err != nil || len(errs) != 0 {
				t.Fatalf("err=%v errs=%v", err, errs)
			}
			checkValues(t, vals, sourceCSVWant)
		})
	}
}

func mustGB18030(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseSourceValuesXLSXColumnOrder(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	sh := "Sheet1"
	rows := [][]any{
		{"备注", "权重", "满意度（%）", "单位名称", "数据来源"},
		{"", 1, 0.855, "昆都仑区", "群众满意度调查"},
		{"无", nil, 88, "青山区", "群众满意度调查"},
		{"", 3, "92.5", " 东河区 ", "第三方评估"},
	}
	for i, r := range rows {
		must(t, f.SetSheetRow(sh, cellName(1, i+1), &r))
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	must(t, err)
	must(t, f.SetCellStyle(sh, "C2", "C2", pct))
	buf, err := f.WriteToBuffer()
	must(t, err)

	vals, errs, err := parseSourceValues(buf.Bytes())
	if err != nil || len(errs) != 0 {
		t.Fatalf("err=%v errs=%v", err, errs)
	}
	checkValues(t, vals, []wantValue{
		{2, "昆都仑区", "群众满意度调查", "85.5", "1"},
		{3, "青山区", "群众满意度调查", "88", "1"},
		{4, "东河区", "第三方评估", "92.5", "3"},
	})
}

func TestParseSourceValuesReportsEveryBadRow(t *testing.T) {
	t.Parallel()
	csv := strings.Join([]string{
		"考评对象,来源,分值,权重",       // 1
		",调查A,80,",            // 2 no evaluatee
		"青山区,,80,",            // 3 no source
		"东河区,调查A,101,",        // 4 above 100
		"九原区,调查A,-1,",         // 5 negative
		"石拐区,调查A,85.555,",     // 6 three decimals
		"白云鄂博矿区,调查A,abc,",     // 7 not a number
		"土右旗,调查A,80,0",        // 8 weight zero
		"固阳县,调查A,80,-1",       // 9 weight negative
		"达茂旗,调查A,80,x",        // 10 weight not a number
		"昆都仑区,调查A,80,",        // 11 duplicate of 12
		"昆都仑区 ,调查A,81,",       // 12
		"稀土高新区,调查A,,",         // 13 source without value
		"市公安局,,,",             // 14 pre-filled evaluatee only: skipped
		",,,",                 // 15 blank: skipped
		"市政府办公室,调查A,99.5,1.5", // 16 valid
		"\"多行\n名称\",调查B,70,",  // 17–18 valid, quoted line break
		"市财政局,调查B,七十,",        // 19 not a number
	}, "\n") + "\n"
	vals, errs, err := parseSourceValues([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2:考评对象", "3:来源", "4:分值", "5:分值", "6:分值", "7:分值", "8:权重", "9:权重", "10:权重",
		"11:来源", "12:来源", "13:分值", "19:分值"}
	if got := errKeys(errs); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("errors\n got %v\nwant %v\n%v", got, want, errs)
	}
	msgs := map[string]string{
		"4:分值": "0 到 100", "5:分值": "0 到 100", "6:分值": "两位小数", "7:分值": "abc", "8:权重": "大于 0",
		"11:来源": "第12行", "12:来源": "第11行", "13:分值": "分值为空", "19:分值": "七十",
	}
	for k, sub := range msgs {
		var row int
		var col string
		parts := strings.SplitN(k, ":", 2)
		col = parts[1]
		for _, c := range parts[0] {
			row = row*10 + int(c-'0')
		}
		if e := findErr(t, errs, row, col); !strings.Contains(e.Message, sub) {
			t.Errorf("%s: message %q lacks %q", k, e.Message, sub)
		}
	}
	checkValues(t, vals, []wantValue{
		{16, "市政府办公室", "调查A", "99.5", "1.5"},
		{17, "多行 名称", "调查B", "70", "1"},
	})
}

func TestParseSourceValuesHeaderProblems(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"missing source": "考评对象,分值\n青山区,80\n",
		"no header":      "甲,乙,丙\n1,2,3\n",
		"two value cols": "考评对象,来源,分值,得分\n青山区,调查,80,81\n",
	}
	wantSub := map[string]string{"missing source": "来源", "no header": "未找到表头", "two value cols": "多列"}
	for name, csv := range cases {
		vals, errs, err := parseSourceValues([]byte(csv))
		if err != nil {
			t.Errorf("%s: err %v", name, err)
			continue
		}
		if len(vals) != 0 || len(errs) != 1 || errs[0].Column != "表头" || errs[0].Row != 1 || !strings.Contains(errs[0].Message, wantSub[name]) {
			t.Errorf("%s: vals=%v errs=%v", name, vals, errs)
		}
	}
}

func TestParseSourceValuesUnreadable(t *testing.T) {
	t.Parallel()
	cases := map[string][]byte{
		"empty":         nil,
		"binary":        {0x00, 0x01, 0x02, 0xff, 0xfe, 0x10, 0x80, 0x81},
		"invalid gbk":   {0x81, 0x20, 0xff, 0x80, 0xfe, 0x7f},
		"broken zip":    []byte("PK\x03\x04 not really a zip"),
		"old xls":       append(append([]byte{}, oleMagic...), make([]byte, 64)...),
		"bad utf-8 BOM": {0xEF, 0xBB, 0xBF, 0xC3, 0x28},
	}
	for name, data := range cases {
		vals, errs, err := parseSourceValues(data)
		if err == nil {
			t.Errorf("%s: no error (vals=%v errs=%v)", name, vals, errs)
		}
	}
}

func TestSourceValuesTemplateRoundTrip(t *testing.T) {
	t.Parallel()
	data, err := SourceValuesTemplate([]string{"昆都仑区", "青山区", " ", "市审批服务局"})
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, data)
	if got := f.GetSheetList(); len(got) != 2 || got[0] != SourceSheet || got[1] != SourceNoteSheet {
		t.Fatalf("sheets = %v", got)
	}
	rows, _ := f.GetRows(SourceSheet)
	if strings.Join(rows[0], ",") != strings.Join(SourceHeaders, ",") {
		t.Errorf("header = %v", rows[0])
	}
	if len(rows) != 4 || rows[1][0] != "昆都仑区" || rows[2][0] != "青山区" || rows[3][0] != "市审批服务局" {
		t.Errorf("pre-filled rows = %v", rows)
	}
	if panes, _ := f.GetPanes(SourceSheet); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v", panes)
	}
	dvs, _ := f.GetDataValidations(SourceSheet)
	var valueDV bool
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "C2:") && dv.Type == "decimal" && dv.Formula1 == "0" && dv.Formula2 == "100" {
			valueDV = true
		}
	}
	if !valueDV {
		t.Errorf("no 0–100 validation on 分值: %+v", dvs)
	}

	filled := edit(t, data, func(f *excelize.File) {
		set := func(ref string, v any) { must(t, f.SetCellValue(SourceSheet, ref, v)) }
		set("B2", "群众满意度调查")
		set("C2", 88.35)
		set("B3", "群众满意度调查")
		must(t, f.SetCellDefault(SourceSheet, "C3", "30.000000000000004")) // as Excel stores =(0.1+0.2)*100
		set("D3", 2)
		// row 4 (市审批服务局) left empty
		set("A5", "昆都仑区")
		set("B5", "第三方评估")
		set("C5", 70)
	})
	vals, errs, err := parseSourceValues(filled)
	if err != nil || len(errs) != 0 {
		t.Fatalf("err=%v errs=%v", err, errs)
	}
	checkValues(t, vals, []wantValue{
		{2, "昆都仑区", "群众满意度调查", "88.35", "1"},
		{3, "青山区", "群众满意度调查", "30", "2"},
		{5, "昆都仑区", "第三方评估", "70", "1"},
	})
	if vals[0].Value.String() != "88.35" {
		t.Errorf("88.35 read back as %s", vals[0].Value)
	}
	// The untouched template imports nothing and reports nothing.
	vals, errs, err = parseSourceValues(data)
	if err != nil || len(errs) != 0 || len(vals) != 0 {
		t.Errorf("blank template: vals=%v errs=%v err=%v", vals, errs, err)
	}
}

// Weights are stored as imported (source_values.weight is numeric(16, 6)):
// six decimals and up to MaxWeight pass unchanged, anything the column
// could not hold exactly is a row error, never rounded.
func TestParseSourceWeightsFitTheColumn(t *testing.T) {
	t.Parallel()
	csv := "考评对象,来源,分值,权重\n" +
		"昆都仑区,调查A,90,0.333333\n" + // 2 six decimals: kept
		"青山区,调查A,90,1000000000\n" + // 3 MaxWeight: kept
		"东河区,调查A,90,0.1234567\n" + // 4 seven decimals
		"九原区,调查A,90,1000000000.5\n" // 5 above MaxWeight
	vals, errs, err := parseSourceValues([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(errKeys(errs), " "); got != "4:权重 5:权重" {
		t.Fatalf("errors = %s (%v), want rows 4 and 5", got, errs)
	}
	if e := findErr(t, errs, 4, "权重"); !strings.Contains(e.Message, "六位小数") {
		t.Errorf("row 4: %q does not say six decimals", e.Message)
	}
	if e := findErr(t, errs, 5, "权重"); !strings.Contains(e.Message, "过大") {
		t.Errorf("row 5: %q does not say too large", e.Message)
	}
	checkValues(t, vals, []wantValue{
		{2, "昆都仑区", "调查A", "90", "0.333333"},
		{3, "青山区", "调查A", "90", "1000000000"},
	})
}
