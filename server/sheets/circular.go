package sheets

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// TableSheet is one printed table: a title and notes above a frozen header
// row, then rows of text, integers and decimals (nil: empty cell).
type TableSheet struct {
	Name    string   // sheet name (≤ 31 characters)
	Title   string   // row 1, bold
	Notes   []string // rows 2…, one line each
	Headers []string
	Widths  []float64 // per column; 0 keeps the default
	Rows    [][]any   // string, int or *decimal.Decimal / decimal.Decimal
	// ExactNumbers shows each figure with the decimals it carries (an
	// analyst's rates and deviations) instead of the 0.00 of a score table.
	ExactNumbers bool
}

// Tables writes sheets in order: Chinese headers, numbers as numbers with
// two decimals shown, the header row frozen and repeated on every printed
// page, A4 fitted to the page width, the print area set to the table.
func Tables(sheets []TableSheet) ([]byte, error) {
	f := excelize.NewFile()
	first := f.GetSheetName(0)
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName(first, s.Name); err != nil {
				f.Close()
				return nil, err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			f.Close()
			return nil, err
		}
		if err := writeTable(f, s); err != nil {
			f.Close()
			return nil, fmt.Errorf("write sheet %q: %w", s.Name, err)
		}
	}
	return writeWorkbook(f)
}

func writeTable(f *excelize.File, s TableSheet) error {
	sh := s.Name
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	last := max(len(s.Headers), 1)
	if err := f.SetCellStr(sh, "A1", cleanText(s.Title)); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", title); err != nil {
		return err
	}
	for i, n := range s.Notes {
		ref := cellName(1, 2+i)
		if err := f.SetCellStr(sh, ref, cleanText(n)); err != nil {
			return err
		}
		// A long paragraph wraps across the table's width.
		if err := f.MergeCell(sh, ref, cellName(last, 2+i)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, ref, ref, wrap); err != nil {
			return err
		}
		if len([]rune(n)) > 40 {
			if err := f.SetRowHeight(sh, 2+i, float64(15*(1+len([]rune(n))/60))); err != nil {
				return err
			}
		}
	}
	header := 2 + len(s.Notes)
	hdr, err := headerStyle(f)
	if err != nil {
		return err
	}
	for i, h := range s.Headers {
		if err := f.SetCellStr(sh, cellName(i+1, header), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, cellName(1, header), cellName(last, header), hdr); err != nil {
		return err
	}
	numFmt := 2 // 0.00
	if s.ExactNumbers {
		numFmt = 0 // General
	}
	number, err := f.NewStyle(&excelize.Style{NumFmt: numFmt, Border: thinBorder()})
	if err != nil {
		return err
	}
	plain, err := f.NewStyle(&excelize.Style{Border: thinBorder()})
	if err != nil {
		return err
	}
	for i, row := range s.Rows {
		n := header + 1 + i
		for j, v := range row {
			ref := cellName(j+1, n)
			style := plain
			switch x := v.(type) {
			case string:
				err = f.SetCellStr(sh, ref, cleanText(x))
			case *decimal.Decimal:
				style = number
				if x != nil {
					err = f.SetCellValue(sh, ref, decimalCell(*x))
				}
			case decimal.Decimal:
				style = number
				err = f.SetCellValue(sh, ref, decimalCell(x))
			default:
				err = f.SetCellValue(sh, ref, x)
			}
			if err != nil {
				return err
			}
			if err := f.SetCellStyle(sh, ref, ref, style); err != nil {
				return err
			}
		}
	}
	for i, w := range s.Widths {
		if w > 0 {
			if err := f.SetColWidth(sh, colName(i+1), colName(i+1), w); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: header, TopLeftCell: cellName(1, header+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	portrait := "portrait"
	a4, one, zero := 9, 1, 0 // paper size 9 is A4
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	lastRow := header + len(s.Rows)
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, colName(last), lastRow), Scope: sh,
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, header, header), Scope: sh,
	})
}
