package sheets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Table is a flat table of text and numbers (an analyst's view): a title,
// a note saying where the figures come from, headers, rows.
type Table struct {
	Title, Note string
	Headers     []string
	// Rows hold strings (labels) and *decimal.Decimal (figures; nil: none).
	Rows [][]any
}

// ViewSheetName is the sheet name of a view export.
const ViewSheetName = "统计"

// Sheet is t as one printed table of the workbook writer (Tables), on the
// sheet ViewSheetName with the figures shown with the decimals they carry.
func (t Table) Sheet() TableSheet {
	widths := make([]float64, len(t.Headers))
	for i := range widths {
		widths[i] = 16
	}
	return TableSheet{Name: ViewSheetName, Title: t.Title, Notes: []string{t.Note}, Headers: t.Headers, Widths: widths, Rows: t.Rows, ExactNumbers: true}
}

// TableCSV writes t as UTF-8 CSV with a byte-order mark, which Excel needs
// to read Chinese text; figures exactly as given. Cells that a spreadsheet
// would run as a formula are quoted with a leading apostrophe.
func TableCSV(t Table) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	rows := [][]string{{t.Title}, {t.Note}, t.Headers}
	for _, row := range t.Rows {
		out := make([]string, len(row))
		for c, v := range row {
			switch v := v.(type) {
			case string:
				out[c] = csvText(v)
			case *decimal.Decimal:
				if v != nil {
					out[c] = v.String()
				}
			}
		}
		rows = append(rows, out)
	}
	for i := range 3 {
		for c := range rows[i] {
			rows[i][c] = csvText(rows[i][c])
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write csv %q: %w", t.Title, err)
	}
	return buf.Bytes(), nil
}

func csvText(s string) string {
	s = cleanText(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
