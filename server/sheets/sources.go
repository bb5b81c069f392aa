package sheets

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Bounds of an imported weight: what source_values.weight (numeric(16, 6))
// stores exactly.
const WeightPlaces int32 = 6

// MaxWeight is the largest weight an import accepts.
var MaxWeight = decimal.NewFromInt(1_000_000_000)

// SourceValue is one imported 民意调查 / 第三方评估 value: the score one
// source gives one evaluatee. Which method it belongs to is the caller's
// choice (the import target); several sources of one method are combined as
// a weighted mean (DESIGN §2.6).
type SourceValue struct {
	Row       int // Excel row (CSV: line) number
	Evaluatee string
	Source    string
	Value     decimal.Decimal // 0–100, at most two decimals
	Weight    decimal.Decimal // > 0; 1 when the column is absent or blank
}

// Source-value file layout.
const (
	SourceSheet     = "来源分值"
	SourceNoteSheet = "填写说明"
)

// SourceHeaders are the headers SourceValuesTemplate writes.
var SourceHeaders = []string{"考评对象", "来源", "分值（0–100）", "权重"}

type sourceField int

const (
	fieldEvaluatee sourceField = iota
	fieldSource
	fieldValue
	fieldWeight
	fieldCount
)

// sourceAliases maps a normalised header (see normHeader) to its field.
var sourceAliases = map[string]sourceField{
	"考评对象": fieldEvaluatee, "单位": fieldEvaluatee, "单位名称": fieldEvaluatee, "被考评单位": fieldEvaluatee, "考评单位": fieldEvaluatee,
	"来源": fieldSource, "数据来源": fieldSource,
	"分值": fieldValue, "得分": fieldValue, "满意度": fieldValue, "分数": fieldValue,
	"权重": fieldWeight,
}

var sourceFieldNames = [fieldCount]string{"考评对象", "来源", "分值", "权重"}

// table is a sheet or CSV file reduced to text: raw values (the exact number
// stored) and shown values (as formatted, to spot percent cells).
type table struct {
	rows []tableRow
}

type tableRow struct {
	n     int // row number the user sees
	raw   []string
	shown []string
}

// ParseSourceValues reads a 民意调查 / 第三方评估 upload, either .xlsx or
// CSV, told apart by content: a zip file is .xlsx, anything else is read as
// CSV text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK
// as Excel on Chinese Windows saves it. The CSV separator (comma, semicolon
// or tab) is taken from the header line.
//
// Columns are found by header, in any order: 考评对象 (or 单位, 单位名称),
// 来源 (or 数据来源), 分值 (or 得分, 满意度, 分数), and optionally 权重;
// remarks in brackets after a header are ignored ("分值（0–100）"). In an
// .xlsx file the first sheet with such a header is read. A percent cell
// (85% / 0.85 formatted as percent) counts as 85.
//
// Rules, each violation a RowError (all rows are checked): 分值 a number
// from 0 to 100 with at most two decimals; 权重 > 0 (blank means 1);
// 考评对象 and 来源 not blank; the same 考评对象 + 来源 twice is an error on
// every row involved (none of them becomes a value). A row with neither 分值
// nor 来源 nor 权重 — a pre-filled template row left empty — is skipped.
// Matching evaluatee names to units (by name or alias) is the caller's job.
//
// A file with more than MaxSourceRows rows (per sheet, or CSV records), or
// an .xlsx whose parts expand beyond what such a file needs, is refused with
// a *TooLarge before any row is checked (see limits.go); ctx ends the
// reading early.
//
// The error result is set only when the file is neither a readable .xlsx
// nor CSV text of acceptable size; its message is Chinese.
func ParseSourceValues(ctx context.Context, data []byte) ([]SourceValue, []RowError, error) {
	if err := acquireImport(ctx); err != nil {
		return nil, nil, err
	}
	defer releaseImport()
	var tables []table
	if bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic) {
		f, err := openXLSX(data, unzipBudget(MaxSourceRows))
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		for _, sh := range f.GetSheetList() {
			t, err := xlsxTable(ctx, f, sh)
			if err != nil {
				return nil, nil, err
			}
			tables = append(tables, t)
		}
	} else {
		t, err := csvTable(ctx, data)
		if err != nil {
			return nil, nil, err
		}
		tables = append(tables, t)
	}
	for _, t := range tables {
		hdr, cols, herr := findSourceHeader(t)
		if hdr < 0 {
			continue
		}
		if herr != nil {
			return nil, []RowError{*herr}, nil
		}
		vals, errs := parseSourceRows(t, hdr, cols)
		return vals, errs, nil
	}
	return nil, []RowError{{Row: 1, Column: "表头",
		Message: "未找到表头：文件须包含「考评对象」「来源」「分值」三列（「权重」可选），表头写在第一行"}}, nil
}

func xlsxTable(ctx context.Context, f *excelize.File, sheet string) (table, error) {
	raw, shown, err := readRows(ctx, f, sheet, MaxSourceRows, "一个分值文件")
	if err != nil {
		return table{}, err
	}
	t := table{rows: make([]tableRow, len(raw))}
	for i := range raw {
		r := tableRow{n: i + 1, raw: raw[i]}
		if i < len(shown) {
			r.shown = shown[i]
		}
		t.rows[i] = r
	}
	return t, nil
}

func csvTable(ctx context.Context, data []byte) (table, error) {
	text, err := decodeText(data)
	if err != nil {
		return table{}, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = detectDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var t table
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return table{}, fmt.Errorf("CSV 文件第%d行格式错误：%v", pe.StartLine, pe.Err)
			}
			return table{}, fmt.Errorf("无法读取 CSV 文件：%w", err)
		}
		if len(t.rows) >= MaxSourceRows {
			return table{}, &TooLarge{fmt.Sprintf("文件超过%d行,一个分值文件最多只有%d行", MaxSourceRows, MaxSourceRows)}
		}
		if len(t.rows)%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return table{}, err
			}
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, tableRow{n: line, raw: rec, shown: rec})
	}
	return t, nil
}

// decodeText turns CSV bytes into a string: UTF-8 (BOM stripped), UTF-16
// with BOM, or else GB18030 (a superset of GBK and GB2312).
func decodeText(data []byte) (string, error) {
	var text string
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", errors.New("文件为空")
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		text = string(data[3:])
		if !utf8.ValidString(text) {
			return "", errors.New("文件标明为 UTF-8 编码，但内容不是有效的 UTF-8 文本")
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		b, err := dec.Bytes(data)
		if err != nil {
			return "", errors.New("无法按 UTF-16 编码读取文件")
		}
		text = string(b)
	case utf8.Valid(data):
		text = string(data)
	default:
		b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || bytes.Contains(b, []byte("\uFFFD")) {
			return "", errors.New("文件不是 .xlsx 工作簿，也不是可识别编码（UTF-8 或 GBK/GB18030）的 CSV 文本")
		}
		text = string(b)
	}
	for _, r := range text {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7F || r == utf8.RuneError {
			return "", errors.New("文件不是 .xlsx 工作簿，也不是 CSV 文本（含有二进制内容）")
		}
	}
	return text, nil
}

// detectDelimiter picks the separator that occurs most often on the first
// non-blank line: comma (default), tab or semicolon.
func detectDelimiter(text string) rune {
	line := ""
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
	}
	best, n := ',', strings.Count(line, ",")
	for _, d := range []rune{'\t', ';'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

// findSourceHeader looks for the header among the first rows of t. hdr is
// the index in t.rows of the header (-1 when none), cols the 0-based column
// of each field (-1 when absent) and herr a header problem.
func findSourceHeader(t table) (hdr int, cols [fieldCount]int, herr *RowError) {
	limit := min(len(t.rows), 10)
	for i := 0; i < limit; i++ {
		row := t.rows[i]
		for f := range cols {
			cols[f] = -1
		}
		found, dup := 0, map[sourceField]bool{}
		for j, c := range row.raw {
			f, ok := sourceAliases[normHeader(c)]
			if !ok {
				continue
			}
			if cols[f] >= 0 {
				dup[f] = true
				continue
			}
			cols[f] = j
			found++
		}
		if found < 2 {
			continue
		}
		var problems []string
		var missing []string
		for _, f := range []sourceField{fieldEvaluatee, fieldSource, fieldValue} {
			if cols[f] < 0 {
				missing = append(missing, "「"+sourceFieldNames[f]+"」")
			}
		}
		if len(missing) > 0 {
			problems = append(problems, "缺少"+strings.Join(missing, "")+"列")
		}
		for f := fieldEvaluatee; f < fieldCount; f++ {
			if dup[f] {
				problems = append(problems, "有多列都表示「"+sourceFieldNames[f]+"」")
			}
		}
		if len(problems) > 0 {
			return i, cols, &RowError{Row: row.n, Column: "表头",
				Message: "表头有误：" + strings.Join(problems, "；") + "。须包含「考评对象」「来源」「分值」列，「权重」可选"}
		}
		return i, cols, nil
	}
	return -1, cols, nil
}

func parseSourceRows(t table, hdr int, cols [fieldCount]int) ([]SourceValue, []RowError) {
	header := t.rows[hdr].raw
	name := func(f sourceField) string {
		if cols[f] >= 0 {
			if h := strings.TrimSpace(cellAt(header, cols[f])); h != "" {
				return h
			}
		}
		return sourceFieldNames[f]
	}
	colOrder := map[string]int{}
	for f := fieldEvaluatee; f < fieldCount; f++ {
		colOrder[name(f)] = cols[f]
	}

	var (
		vals    []SourceValue
		errs    []RowError
		keyRows = map[[2]string][]int{}
	)
	one := decimal.NewFromInt(1)
	hundred := decimal.NewFromInt(100)
	for _, row := range t.rows[hdr+1:] {
		get := func(f sourceField) string { return strings.TrimSpace(cellAt(row.raw, cols[f])) }
		shown := func(f sourceField) string { return strings.TrimSpace(cellAt(row.shown, cols[f])) }
		evaluatee, source := normText(get(fieldEvaluatee)), normText(get(fieldSource))
		valueRaw, weightRaw := get(fieldValue), get(fieldWeight)
		if valueRaw == "" && source == "" && weightRaw == "" {
			continue // blank, or a pre-filled evaluatee left without data
		}
		bad := false
		fail := func(f sourceField, msg string, args ...any) {
			errs = append(errs, RowError{Row: row.n, Column: name(f), Message: fmt.Sprintf(msg, args...)})
			bad = true
		}
		if evaluatee == "" {
			fail(fieldEvaluatee, "考评对象为空")
		}
		if source == "" {
			fail(fieldSource, "来源为空，请填写数据来源（如调查或评估机构名称）")
		}
		var value decimal.Decimal
		if valueRaw == "" {
			fail(fieldValue, "分值为空；如该考评对象没有这项数据，请删除本行")
		} else {
			v, ne := parseCellAmount(valueRaw, shown(fieldValue))
			switch {
			case ne == numNotNumber:
				fail(fieldValue, "分值「%s」不是数字", valueRaw)
			case v.IsNegative() || v.GreaterThan(hundred):
				fail(fieldValue, "分值 %s 超出范围，须在 0 到 100 之间", v)
			case ne == numTooPrecise:
				fail(fieldValue, "分值 %s 超过两位小数，最多保留两位小数", v)
			default:
				value = v
			}
		}
		weight := one
		if weightRaw != "" {
			w, ne := parseCellNumber(weightRaw, shown(fieldWeight))
			switch {
			case ne == numNotNumber:
				fail(fieldWeight, "权重「%s」不是数字", weightRaw)
			case !w.IsPositive():
				fail(fieldWeight, "权重 %s 无效，须大于 0（留空表示 1）", w)
			default:
				// What passes here fits source_values.weight, numeric(16, 6):
				// nothing is rounded on the way in.
				r, ok := atPlaces(w, weightRaw, WeightPlaces)
				switch {
				case !ok:
					fail(fieldWeight, "权重 %s 超过六位小数，最多保留六位小数", w)
				case r.GreaterThan(MaxWeight):
					fail(fieldWeight, "权重 %s 过大，须不超过 %s", w, MaxWeight)
				default:
					weight = r
				}
			}
		}
		if evaluatee != "" && source != "" {
			k := [2]string{evaluatee, source}
			keyRows[k] = append(keyRows[k], row.n)
		}
		if !bad {
			vals = append(vals, SourceValue{Row: row.n, Evaluatee: evaluatee, Source: source, Value: value, Weight: weight})
		}
	}

	drop := map[int]bool{}
	for k, rs := range keyRows {
		if len(rs) < 2 {
			continue
		}
		for _, n := range rs {
			others := otherRows(rs, n)
			errs = append(errs, RowError{Row: n, Column: name(fieldSource),
				Message: fmt.Sprintf("「%s」来自「%s」的分值重复（另见%s），每个考评对象每个来源只能有一行", k[0], k[1], joinRows(others))})
			drop[n] = true
		}
	}
	vals = dropRows(vals, drop, func(v SourceValue) int { return v.Row })
	sortRowErrors(errs, colOrder)
	return vals, errs
}

// parseCellNumber parses a number cell; a cell formatted as a percentage
// (shown "85%", raw 0.85) counts as 85.
func parseCellNumber(raw, shown string) (decimal.Decimal, numErr) {
	d, ne := parseNumber(raw)
	if ne == numOK && strings.HasSuffix(shown, "%") && !strings.HasSuffix(raw, "%") {
		d = d.Shift(2)
	}
	return d, ne
}

// parseCellAmount is parseCellNumber limited to two decimals (float
// artefacts rounded away).
func parseCellAmount(raw, shown string) (decimal.Decimal, numErr) {
	d, ne := parseCellNumber(raw, shown)
	if ne != numOK {
		return d, ne
	}
	if r, ok := atPlaces(d, raw, 2); ok {
		return r, numOK
	}
	return d, numTooPrecise
}

// SourceValuesTemplate renders the import template for 民意调查 /
// 第三方评估 values: sheet 来源分值 with the header in row 1 (考评对象,
// 来源, 分值（0–100）, 权重), one row per evaluatee with the name
// pre-filled (grey) and the other columns yellow for input, data validation
// 0–100 on 分值 and > 0 on 权重; sheet 填写说明 explains the rules.
func SourceValuesTemplate(evaluatees []string) ([]byte, error) {
	f := excelize.NewFile()
	if err := buildSourceTemplate(f, evaluatees); err != nil {
		f.Close()
		return nil, err
	}
	return writeWorkbook(f)
}

func buildSourceTemplate(f *excelize.File, evaluatees []string) error {
	sh := SourceSheet
	if err := f.SetSheetName(f.GetSheetName(0), sh); err != nil {
		return err
	}
	hdr, err := headerStyle(f)
	if err != nil {
		return err
	}
	grey, err := f.NewStyle(&excelize.Style{Border: thinBorder(), Fill: solidFill(colorGreyFill), Alignment: &excelize.Alignment{Vertical: "center"}})
	if err != nil {
		return err
	}
	inputText, err := f.NewStyle(&excelize.Style{Border: thinBorder(), Fill: solidFill(colorInputFill), Protection: &excelize.Protection{Locked: false}})
	if err != nil {
		return err
	}
	inputValue, err := f.NewStyle(&excelize.Style{Border: thinBorder(), Fill: solidFill(colorInputFill), NumFmt: 2, Protection: &excelize.Protection{Locked: false}})
	if err != nil {
		return err
	}
	for i, h := range SourceHeaders {
		if err := f.SetCellValue(sh, cellName(i+1, 1), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A1", cellName(len(SourceHeaders), 1), hdr); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, 22); err != nil {
		return err
	}
	for i, w := range []float64{30, 28, 14, 10} {
		c := colName(i + 1)
		if err := f.SetColWidth(sh, c, c, w); err != nil {
			return err
		}
	}
	n := 0
	for _, e := range evaluatees {
		e = normText(e)
		if e == "" {
			continue
		}
		n++
		if err := f.SetCellValue(sh, cellName(1, n+1), cleanText(e)); err != nil {
			return err
		}
	}
	// Style and validate the pre-filled rows and some spare ones for extra
	// sources.
	last := max(n+1, 2) + 50
	if n > 0 {
		if err := f.SetCellStyle(sh, "A2", cellName(1, n+1), grey); err != nil {
			return err
		}
	}
	for col, style := range map[int]int{2: inputText, 3: inputValue, 4: inputText} {
		if err := f.SetCellStyle(sh, cellName(col, 2), cellName(col, last), style); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("C2:C%d", last)
	if err := dv.SetRange(0, 100, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "分值超出范围", "分值须为 0 到 100 之间的数字，最多两位小数。")
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	wv := excelize.NewDataValidation(true)
	wv.Sqref = fmt.Sprintf("D2:D%d", last)
	if err := wv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThan); err != nil {
		return err
	}
	wv.SetError(excelize.DataValidationErrorStyleStop, "权重无效", "权重须大于 0；留空表示 1。")
	if err := f.AddDataValidation(sh, wv); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}

	// Instructions sheet.
	if _, err := f.NewSheet(SourceNoteSheet); err != nil {
		return err
	}
	notes := []string{
		"民意调查 / 第三方评估 分值导入说明",
		"1. 在「来源分值」表中，每行填写一个考评对象从一个来源得到的分值。",
		"2. 「考评对象」填写单位全称或系统中登记的简称；已预先列出全部考评对象。",
		"3. 「来源」填写数据来源，如调查名称或评估机构；同一考评对象同一来源只能有一行。",
		"4. 「分值」为 0 到 100 之间的数字，最多两位小数。",
		"5. 「权重」可空，默认为 1；同一考评对象有多个来源时按权重加权平均。",
		"6. 没有数据的考评对象，其行保持空白即可（不导入）。一个考评对象有多个来源时，可复制该行后分别填写。",
		"7. 也可上传 CSV 文件（UTF-8 或 GBK 编码），第一行为表头：考评对象,来源,分值,权重。",
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	for i, s := range notes {
		if err := f.SetCellValue(SourceNoteSheet, cellName(1, i+1), s); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(SourceNoteSheet, "A1", "A1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(SourceNoteSheet, "A", "A", 100); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}
