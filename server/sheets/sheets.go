// Package sheets reads and writes every spreadsheet Kaoping exchanges with
// its users: the audit-log export, the lead-unit score template (download,
// fill in Excel/WPS, upload) and the 民意调查/第三方评估 source-value files.
//
// Everything here is a pure function over bytes and plain structs: no
// database, no HTTP. Decimal values are shopspring decimals in the API; they
// are written to cells as numbers with a number format and read back from the
// cell's raw value string, so a cell showing 0.35 becomes exactly 0.35.
//
// Upload parsers return three things: the good rows, a list of RowError (one
// per problem, for every bad row, with the Excel row number the user sees and
// a Chinese message), and an error only when the file cannot be read at all.
package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// RowError is one problem found in an uploaded sheet.
type RowError struct {
	// Row is the 1-based row number as shown by Excel/WPS (for a CSV file,
	// the line number where the record starts).
	Row int
	// Column is the column's header text (e.g. "得分"), or "表头" for a
	// problem with the header row itself.
	Column string
	// Message is a specific Chinese explanation.
	Message string
}

// Error makes RowError usable as an error value.
func (e RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("第%d行：%s", e.Row, e.Message)
	}
	return fmt.Sprintf("第%d行「%s」：%s", e.Row, e.Column, e.Message)
}

// Upload limits: a real score or source file is a few hundred kilobytes;
// these stop zip bombs without getting in the way.
const (
	maxUnzipSize    = 256 << 20
	maxUnzipXMLSize = 64 << 20
	// maxCellChars is Excel's limit on the characters in one cell.
	maxCellChars = 32767
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// shanghai is the time zone of every timestamp shown to users. China has had
// no daylight saving time since 1991, so the fixed zone is exact for any
// audit record; the tz database is used when present.
var shanghai = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()

// openXLSX opens an uploaded workbook after checkArchive allowed its parts
// to expand to at most budget bytes. The error message is Chinese because
// callers show it to the uploader.
func openXLSX(data []byte, budget int64) (*excelize.File, error) {
	switch {
	case len(data) == 0:
		return nil, errors.New("文件为空")
	case bytes.HasPrefix(data, oleMagic):
		return nil, errors.New("这是旧版 .xls 文件或加密的工作簿，请在 Excel/WPS 中另存为 .xlsx（不设密码）后再上传")
	case !bytes.HasPrefix(data, zipMagic):
		return nil, errors.New("文件不是有效的 .xlsx 工作簿")
	}
	if err := checkArchive(data, budget); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    budget,
		UnzipXMLSizeLimit: min(budget, maxUnzipXMLSize),
	})
	if err != nil {
		return nil, fmt.Errorf("无法读取 .xlsx 工作簿：%w", err)
	}
	if len(f.GetSheetList()) == 0 {
		_ = f.Close()
		return nil, errors.New("工作簿中没有工作表")
	}
	return f, nil
}

// writeWorkbook serialises f and closes it.
func writeWorkbook(f *excelize.File) ([]byte, error) {
	defer f.Close()
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cellName is excelize.CoordinatesToCellName without the error (col and row
// are always valid here).
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return name
}

func colName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}

// cleanText makes s safe for a cell: drops characters XML 1.0 cannot carry
// and cuts it to Excel's per-cell limit with a visible marker.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
	if utf16Len(s) <= maxCellChars {
		return s
	}
	const marker = "…（已截断）"
	limit := maxCellChars - utf16Len(marker)
	units := 0
	for i, r := range s {
		n := 1
		if r > 0xFFFF {
			n = 2
		}
		if units+n > limit {
			return s[:i] + marker
		}
		units += n
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// truncateRunes cuts s to at most n characters, ending with "…" when cut.
func truncateRunes(s string, n int) (string, bool) {
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	r := []rune(s)
	return string(r[:n-1]) + "…", true
}

// normHeader reduces a header cell to the bare name: full-width forms to
// half-width, spaces and line breaks removed, and a trailing remark in
// brackets dropped, so "分值（0–100）" and " 分 值 " both become "分值".
func normHeader(s string) string {
	s = width.Narrow.String(s)
	if i := strings.IndexAny(s, "(["); i > 0 {
		s = s[:i]
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' {
			return -1
		}
		return r
	}, s)
	return s
}

// normText trims a text cell and collapses inner runs of white space
// (including the full-width space U+3000) to one ASCII space.
func normText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ---- numbers ----

// numErr says why a number cell was rejected.
type numErr int

const (
	numOK numErr = iota
	numBlank
	numNotNumber
	numTooPrecise
)

// parseNumber reads a number from a cell's raw value (or a CSV field): the
// exact decimal written in the file. Full-width digits are accepted, as are
// surrounding spaces. A trailing % (CSV, or text typed as "85%") divides by
// 100.
func parseNumber(raw string) (decimal.Decimal, numErr) {
	s := strings.TrimSpace(width.Narrow.String(raw))
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return decimal.Zero, numBlank
	}
	percent := false
	if strings.HasSuffix(s, "%") {
		percent = true
		s = strings.TrimSuffix(s, "%")
	}
	if s == "" || strings.ContainsAny(s, "_") {
		return decimal.Zero, numNotNumber
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, numNotNumber
	}
	if percent {
		d = d.Shift(-2)
	}
	return d, numOK
}

// significantDigits counts the mantissa digits of a decimal literal, without
// leading zeros: "0.35000000000000003" has 17.
func significantDigits(s string) int {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		s = s[:i]
	}
	n, leading := 0, true
	for _, r := range s {
		if r < '0' || r > '9' {
			continue
		}
		if leading && r == '0' {
			continue
		}
		leading = false
		n++
	}
	return n
}

// floatNoise is how far a binary-float artefact may be from the value the
// user meant. Artefacts are around 1e-15 for values up to 100; anything a
// person types differs by far more.
var floatNoise = decimal.New(1, -9)

// atPlaces returns d with at most `places` decimals. A value with more
// decimals is accepted only when it is a binary-float artefact — the raw
// text carries 15+ significant digits (the shortest round-trip form of a
// double, as Excel and other writers produce for computed cells) and lies
// within floatNoise of the rounded value — and is then rounded.
func atPlaces(d decimal.Decimal, raw string, places int32) (decimal.Decimal, bool) {
	r := d.Round(places)
	if d.Equal(r) {
		return r, true
	}
	if significantDigits(width.Narrow.String(raw)) >= 15 && d.Sub(r).Abs().LessThanOrEqual(floatNoise) {
		return r, true
	}
	return d, false
}

// parseAmount parses a two-decimal amount (score, points, 0–100 value).
func parseAmount(raw string) (decimal.Decimal, numErr) {
	d, e := parseNumber(raw)
	if e != numOK {
		return d, e
	}
	if r, ok := atPlaces(d, raw, 2); ok {
		return r, numOK
	}
	return d, numTooPrecise
}

// parseKey parses a hidden integer key; ok is false unless it is a whole
// number ≥ min that fits in int64.
func parseKey(raw string, min int64) (int64, bool) {
	d, e := parseNumber(raw)
	if e != numOK || strings.Contains(raw, "%") {
		return 0, false
	}
	if r, ok := atPlaces(d, raw, 0); ok {
		d = r
	} else {
		return 0, false
	}
	if !d.IsInteger() || d.LessThan(decimal.NewFromInt(min)) || d.GreaterThan(decimal.NewFromInt(1<<63-1)) {
		return 0, false
	}
	return d.IntPart(), true
}

// decimalCell is the value written to a cell for d: a float64 (excelize
// writes the shortest round-trip form, so 0.35 is stored as "0.35").
func decimalCell(d decimal.Decimal) float64 {
	return d.InexactFloat64()
}

// keyCell is the value written for a hidden key: a number while Excel can
// hold it exactly (15 digits), text beyond that.
func keyCell(v int64) any {
	if v > -1e15 && v < 1e15 {
		return v
	}
	return fmt.Sprintf("%d", v)
}

// sortRowErrors orders errors by row, then by the column order given.
func sortRowErrors(errs []RowError, colOrder map[string]int) {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Row != errs[j].Row {
			return errs[i].Row < errs[j].Row
		}
		return colOrder[errs[i].Column] < colOrder[errs[j].Column]
	})
}

// joinRows renders a list of row numbers for a message: "第3、7、9行".
func joinRows(rows []int) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = fmt.Sprintf("%d", r)
	}
	return "第" + strings.Join(parts, "、") + "行"
}

// cellAt returns row[i] or "" when the row is short (excelize trims
// trailing empty cells) or i < 0 (column absent).
func cellAt(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

// ---- styles ----

const (
	colorHeaderFill = "D9E1F2"
	colorGreyFill   = "EDEDED"
	colorInputFill  = "FFF2CC"
	colorBorder     = "A6A6A6"
)

func thinBorder() []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: colorBorder, Style: 1},
		{Type: "right", Color: colorBorder, Style: 1},
		{Type: "top", Color: colorBorder, Style: 1},
		{Type: "bottom", Color: colorBorder, Style: 1},
	}
}

func solidFill(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

func headerStyle(f *excelize.File) (int, error) {
	return f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      solidFill(colorHeaderFill),
		Border:    thinBorder(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
}

func strPtr(s string) *string { return &s }

// otherRows lists the rows of a duplicate group other than n, for the
// message on row n.
func otherRows(group []int, n int) []int {
	var out []int
	for _, o := range group {
		if o != n {
			out = append(out, o)
		}
	}
	return out
}

// dropRows removes the items whose rows are in drop (duplicates are
// reported on every row and none of them is kept).
func dropRows[T any](items []T, drop map[int]bool, row func(T) int) []T {
	if len(drop) == 0 {
		return items
	}
	kept := items[:0]
	for _, it := range items {
		if !drop[row(it)] {
			kept = append(kept, it)
		}
	}
	return kept
}
