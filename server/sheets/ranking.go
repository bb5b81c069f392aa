package sheets

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Ranking is one group's ranking as a leader reads it on the page.
type Ranking struct {
	Title string // "2023年上半年 旗县区组 考评排名"
	// Note says how the figures were obtained (preview, provisional); it
	// goes in the row above the header so nobody mistakes a preview for the
	// published result.
	Note       string
	Components []string // the four methods' names, in order
	Dimensions []string // "一、营商环境" …
	Rows       []RankingRow
}

// RankingRow is one unit's line. Nil values are missing (no data).
type RankingRow struct {
	Rank       int
	Unit       string
	Score      *decimal.Decimal
	Change     string // "▲2", "▼1", "新", "–" or ""
	Components []*decimal.Decimal
	Dimensions []*decimal.Decimal
}

// RankingSheet is the sheet name of a ranking export.
const RankingSheet = "考评排名"

// RankingHeaderRow is the row of the column headers (the title and the note
// sit above it).
const RankingHeaderRow = 3

// RankingWorkbook writes a ranking: title, note, a frozen header row with
// Chinese headers, then one row per unit with numbers as numbers (two
// decimals shown), landscape A4 fitted to the page width, with the print
// area set and the header repeated on every printed page.
func RankingWorkbook(r Ranking) ([]byte, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName(f.GetSheetName(0), RankingSheet); err != nil {
		f.Close()
		return nil, err
	}
	if err := writeRanking(f, r); err != nil {
		f.Close()
		return nil, fmt.Errorf("write ranking %q: %w", r.Title, err)
	}
	return writeWorkbook(f)
}

func writeRanking(f *excelize.File, r Ranking) error {
	sh := RankingSheet
	headers := append([]string{"名次", "单位", "得分", "名次变化"}, r.Components...)
	headers = append(headers, r.Dimensions...)
	last := len(headers)

	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetCellStr(sh, "A1", cleanText(r.Title)); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", title); err != nil {
		return err
	}
	if err := f.SetCellStr(sh, "A2", cleanText(r.Note)); err != nil {
		return err
	}
	hdr, err := headerStyle(f)
	if err != nil {
		return err
	}
	for i, h := range headers {
		if err := f.SetCellStr(sh, cellName(i+1, RankingHeaderRow), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, cellName(1, RankingHeaderRow), cellName(last, RankingHeaderRow), hdr); err != nil {
		return err
	}
	number, err := f.NewStyle(&excelize.Style{NumFmt: 2, Border: thinBorder()}) // 0.00
	if err != nil {
		return err
	}
	plain, err := f.NewStyle(&excelize.Style{Border: thinBorder()})
	if err != nil {
		return err
	}
	centered, err := f.NewStyle(&excelize.Style{Border: thinBorder(), Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return err
	}
	for i, row := range r.Rows {
		n := RankingHeaderRow + 1 + i
		cells := []any{row.Rank, cleanText(row.Unit), optionalCell(row.Score), row.Change}
		for _, v := range row.Components {
			cells = append(cells, optionalCell(v))
		}
		for _, v := range row.Dimensions {
			cells = append(cells, optionalCell(v))
		}
		if err := f.SetSheetRow(sh, cellName(1, n), &cells); err != nil {
			return err
		}
	}
	lastRow := RankingHeaderRow + len(r.Rows)
	if len(r.Rows) > 0 {
		first := RankingHeaderRow + 1
		for _, rg := range []struct {
			from, to, style int
		}{{1, 1, centered}, {2, 2, plain}, {3, 3, number}, {4, 4, centered}, {5, last, number}} {
			if err := f.SetCellStyle(sh, cellName(rg.from, first), cellName(rg.to, lastRow), rg.style); err != nil {
				return err
			}
		}
	}
	widths := map[string]float64{"A": 6, "B": 22, "C": 10, "D": 10}
	for col, w := range widths {
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	if last > 4 {
		if err := f.SetColWidth(sh, colName(5), colName(last), 12); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: RankingHeaderRow, TopLeftCell: cellName(1, RankingHeaderRow+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	landscape := "landscape"
	a4, one, zero := 9, 1, 0 // paper size 9 is A4
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, colName(last), lastRow), Scope: sh,
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, RankingHeaderRow, RankingHeaderRow), Scope: sh,
	})
}

// optionalCell is a number cell, or an empty cell when the value is missing.
func optionalCell(v *decimal.Decimal) any {
	if v == nil {
		return nil
	}
	return decimalCell(*v)
}

// InShanghai is t on the wall clock users read (Asia/Shanghai).
func InShanghai(t time.Time) time.Time { return t.In(shanghai) }
