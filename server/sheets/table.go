package sheets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
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

// TableHeaderRow is the row of the column headers.
const TableHeaderRow = 3

// TableWorkbook writes t with numbers as numbers, exactly as given (no
// rounding beyond what the figures carry), and the header row frozen.
func TableWorkbook(t Table) ([]byte, error) {
	f := excelize.NewFile()
	sh := ViewSheetName
	if err := f.SetSheetName(f.GetSheetName(0), sh); err != nil {
		f.Close()
		return nil, err
	}
	err := func() error {
		if err := f.SetCellStr(sh, "A1", cleanText(t.Title)); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, "A2", cleanText(t.Note)); err != nil {
			return err
		}
		hdr, err := headerStyle(f)
		if err != nil {
			return err
		}
		for i, h := range t.Headers {
			cell, _ := excelize.CoordinatesToCellName(i+1, TableHeaderRow)
			if err := f.SetCellStr(sh, cell, cleanText(h)); err != nil {
				return err
			}
			if err := f.SetCellStyle(sh, cell, cell, hdr); err != nil {
				return err
			}
		}
		for r, row := range t.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, TableHeaderRow+1+r)
				switch v := v.(type) {
				case string:
					err = f.SetCellStr(sh, cell, cleanText(v))
				case *decimal.Decimal:
					if v != nil {
						x, _ := v.Float64()
						err = f.SetCellFloat(sh, cell, x, -1, 64)
					}
				}
				if err != nil {
					return err
				}
			}
		}
		if len(t.Headers) > 0 {
			last, _ := excelize.ColumnNumberToName(len(t.Headers))
			if err := f.SetColWidth(sh, "A", last, 16); err != nil {
				return err
			}
		}
		return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: TableHeaderRow, TopLeftCell: fmt.Sprintf("A%d", TableHeaderRow+1), ActivePane: "bottomLeft"})
	}()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("write table %q: %w", t.Title, err)
	}
	return writeWorkbook(f)
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
