package sheets

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// ScoreRow is one (evaluatee, task) line of a lead unit's score template.
type ScoreRow struct {
	PeriodID, EvaluateeID, TaskID int64 // hidden key columns
	TaskNumber                    int
	TaskText                      string
	Evaluatee                     string
	Group                         string          // 旗县区组 / 市直部门组
	MaxPoints                     decimal.Decimal // the task's points: 0 ≤ score ≤ MaxPoints
	Score                         *decimal.Decimal
	Comment                       string
	Version                       int    // the score's current version (0 = none yet), hidden, sent back for conflict detection
	Status                        string // 草稿/已提交/已核实/已退回 or "" — shown, read-only
}

// ScoreTemplate is what ScoreWorkbook renders. Title defaults to
// "<Period> <LeadUnit> 评分表".
type ScoreTemplate struct {
	Title    string
	LeadUnit string
	Period   string
	Rows     []ScoreRow
}

// ScoreEntry is one filled-in score read back from a template.
type ScoreEntry struct {
	Row                           int // Excel row number
	PeriodID, EvaluateeID, TaskID int64
	Score                         decimal.Decimal // ≥ 0, at most two decimals
	Comment                       string
	Version                       int // as downloaded; the caller's optimistic-lock check
}

// Layout of the score sheet.
const (
	ScoreSheet       = "评分表"
	scoreTitleRow    = 1
	scoreNoteRow     = 2
	ScoreHeaderRow   = 3 // the header row; data starts on the next row
	taskTextMaxRunes = 60
)

// Score sheet columns (1-based), in template order.
const (
	colTaskNumber = iota + 1
	colTaskText
	colEvaluatee
	colGroup
	colMax
	colScore
	colComment
	colStatus
	colPeriodKey    // hidden
	colEvaluateeKey // hidden
	colTaskKey      // hidden
	colVersion      // hidden
	scoreColumns    = colVersion
)

// ScoreHeaders are the header texts of the score sheet, in column order
// (A…L). The last four columns are hidden.
var ScoreHeaders = []string{"任务编号", "任务内容", "考评对象", "组别", "满分", "得分", "说明", "状态", "周期键", "对象键", "任务键", "版本号"}

var scoreWidths = []float64{9, 50, 22, 12, 8, 10, 36, 9, 10, 10, 10, 8}

// scoreRequired are the headers ParseScores needs; the others (任务编号,
// 任务内容, 考评对象, 组别, 状态) are for the user only.
var scoreRequired = []string{"满分", "得分", "说明", "周期键", "对象键", "任务键", "版本号"}

const scoreInstruction = "填写说明：只填写黄色的「得分」和「说明」两列。得分须在 0 到满分之间，最多两位小数；" +
	"得分低于满分一半时须填写说明。得分留空的行不导入。请勿修改灰色列、表头，不要插入、删除或复制行，" +
	"也不要删除隐藏列（周期键、对象键、任务键、版本号），填好后直接上传本文件。"

// ScoreWorkbook renders the score template a lead unit downloads, fills in
// Excel or WPS and uploads again (see ParseScores).
//
// Layout of sheet 评分表: row 1 the title (merged A:H), row 2 the
// instructions (merged A:H), row 3 the header, data from row 4, rows 1–3
// frozen. Columns A 任务编号, B 任务内容 (cut to 60 characters, the full text
// in a cell comment), C 考评对象, D 组别, E 满分 (0.00), F 得分 (yellow,
// 0.00, data validation decimal 0…E), G 说明 (yellow), H 状态; then hidden
// I 周期键, J 对象键, K 任务键, L 版本号. The keys sit in the same row as
// the score, so sorting or filtering in Excel keeps them together. Grey
// columns are style-locked, F and G unlocked; the sheet is not protected.
func ScoreWorkbook(t ScoreTemplate) ([]byte, error) {
	if ScoreHeaderRow+len(t.Rows) > excelize.TotalRows {
		return nil, fmt.Errorf("sheets: %d score rows exceed the Excel row limit", len(t.Rows))
	}
	for i, r := range t.Rows {
		if r.PeriodID <= 0 || r.EvaluateeID <= 0 || r.TaskID <= 0 || r.Version < 0 {
			return nil, fmt.Errorf("sheets: score row %d has invalid keys (period %d, evaluatee %d, task %d, version %d)",
				i, r.PeriodID, r.EvaluateeID, r.TaskID, r.Version)
		}
		if r.MaxPoints.IsNegative() {
			return nil, fmt.Errorf("sheets: score row %d has negative max points %s", i, r.MaxPoints)
		}
	}
	f := excelize.NewFile()
	if err := buildScoreSheet(f, t); err != nil {
		f.Close()
		return nil, err
	}
	return writeWorkbook(f)
}

func buildScoreSheet(f *excelize.File, t ScoreTemplate) error {
	sh := ScoreSheet
	if err := f.SetSheetName(f.GetSheetName(0), sh); err != nil {
		return err
	}
	lastVisible := colName(colStatus)

	// Styles.
	title, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return err
	}
	note, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Color: "C00000"},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	hdr, err := headerStyle(f)
	if err != nil {
		return err
	}
	grey := func(numFmt int, wrap bool, horizontal string) (int, error) {
		return f.NewStyle(&excelize.Style{
			Border:     thinBorder(),
			Fill:       solidFill(colorGreyFill),
			NumFmt:     numFmt,
			Alignment:  &excelize.Alignment{Vertical: "center", WrapText: wrap, Horizontal: horizontal},
			Protection: &excelize.Protection{Locked: true},
		})
	}
	greyText, err := grey(0, false, "")
	if err != nil {
		return err
	}
	greyWrap, err := grey(0, true, "")
	if err != nil {
		return err
	}
	greyInt, err := grey(1, false, "center")
	if err != nil {
		return err
	}
	greyPoints, err := grey(2, false, "")
	if err != nil {
		return err
	}
	input := func(numFmt int, wrap bool) (int, error) {
		return f.NewStyle(&excelize.Style{
			Border:     thinBorder(),
			Fill:       solidFill(colorInputFill),
			NumFmt:     numFmt,
			Alignment:  &excelize.Alignment{Vertical: "center", WrapText: wrap},
			Protection: &excelize.Protection{Locked: false},
		})
	}
	inputScore, err := input(2, false)
	if err != nil {
		return err
	}
	inputText, err := input(0, true)
	if err != nil {
		return err
	}
	keyStyle, err := f.NewStyle(&excelize.Style{NumFmt: 1, Protection: &excelize.Protection{Locked: true}})
	if err != nil {
		return err
	}

	// Title and instructions.
	titleText := strings.TrimSpace(t.Title)
	if titleText == "" {
		titleText = strings.Join(strings.Fields(t.Period+" "+t.LeadUnit+" 评分表"), " ")
	}
	for _, c := range []struct {
		row   int
		text  string
		style int
		h     float64
	}{
		{scoreTitleRow, cleanText(titleText), title, 28},
		{scoreNoteRow, scoreInstruction, note, 48},
	} {
		a, h := cellName(1, c.row), lastVisible+fmt.Sprint(c.row)
		if err := f.SetCellValue(sh, a, c.text); err != nil {
			return err
		}
		if err := f.MergeCell(sh, a, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, a, h, c.style); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, c.row, c.h); err != nil {
			return err
		}
	}

	// Header.
	for i, h := range ScoreHeaders {
		if err := f.SetCellValue(sh, cellName(i+1, ScoreHeaderRow), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, cellName(1, ScoreHeaderRow), cellName(scoreColumns, ScoreHeaderRow), hdr); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, ScoreHeaderRow, 22); err != nil {
		return err
	}
	for i, w := range scoreWidths {
		c := colName(i + 1)
		if err := f.SetColWidth(sh, c, c, w); err != nil {
			return err
		}
	}

	// Data rows.
	first := ScoreHeaderRow + 1
	last := ScoreHeaderRow + len(t.Rows)
	for i, r := range t.Rows {
		row := first + i
		text, cut := truncateRunes(normText(r.TaskText), taskTextMaxRunes)
		values := make([]any, scoreColumns)
		values[colTaskNumber-1] = r.TaskNumber
		values[colTaskText-1] = cleanText(text)
		values[colEvaluatee-1] = cleanText(r.Evaluatee)
		values[colGroup-1] = cleanText(r.Group)
		values[colMax-1] = decimalCell(r.MaxPoints)
		if r.Score != nil {
			values[colScore-1] = decimalCell(*r.Score)
		}
		if r.Comment != "" {
			values[colComment-1] = cleanText(r.Comment)
		}
		values[colStatus-1] = cleanText(r.Status)
		values[colPeriodKey-1] = keyCell(r.PeriodID)
		values[colEvaluateeKey-1] = keyCell(r.EvaluateeID)
		values[colTaskKey-1] = keyCell(r.TaskID)
		values[colVersion-1] = r.Version
		if err := f.SetSheetRow(sh, cellName(1, row), &values); err != nil {
			return err
		}
		if cut {
			if err := f.AddComment(sh, excelize.Comment{
				Cell:      cellName(colTaskText, row),
				Author:    "考评系统",
				Paragraph: []excelize.RichTextRun{{Text: cleanText(strings.TrimSpace(r.TaskText))}},
				Width:     360,
				Height:    160,
			}); err != nil {
				return err
			}
		}
	}
	if len(t.Rows) > 0 {
		ranges := []struct {
			col   int
			style int
		}{
			{colTaskNumber, greyInt}, {colTaskText, greyWrap}, {colEvaluatee, greyText},
			{colGroup, greyText}, {colMax, greyPoints}, {colScore, inputScore},
			{colComment, inputText}, {colStatus, greyText}, {colPeriodKey, keyStyle},
			{colEvaluateeKey, keyStyle}, {colTaskKey, keyStyle}, {colVersion, keyStyle},
		}
		for _, rg := range ranges {
			if err := f.SetCellStyle(sh, cellName(rg.col, first), cellName(rg.col, last), rg.style); err != nil {
				return err
			}
		}
		if err := addScoreValidation(f, first, last); err != nil {
			return err
		}
	}

	if err := f.SetColVisible(sh, colName(colPeriodKey)+":"+colName(colVersion), false); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: ScoreHeaderRow, TopLeftCell: cellName(1, first), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cellName(colScore, first), ActiveCell: cellName(colScore, first), Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	if len(t.Rows) > 0 {
		if err := f.AutoFilter(sh, cellName(1, ScoreHeaderRow)+":"+cellName(colStatus, last), nil); err != nil {
			return err
		}
	}
	landscape := "landscape"
	one, zero := 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, ScoreHeaderRow, ScoreHeaderRow),
		Scope:    sh,
	})
}

// addScoreValidation puts Excel's own checks on the input columns: 得分 a
// decimal between 0 and the row's 满分, and a red 说明 cell while a score
// below half of 满分 has no comment.
func addScoreValidation(f *excelize.File, first, last int) error {
	sh := ScoreSheet
	maxRef := fmt.Sprintf("$%s%d", colName(colMax), first)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cellName(colScore, first) + ":" + cellName(colScore, last)
	if err := dv.SetRange(0, maxRef, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "得分超出范围", "得分须为 0 到本行满分之间的数字，最多两位小数。")
	dv.SetInput("得分", "请输入 0 到满分之间的数字，最多两位小数。")
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}

	red, err := f.NewConditionalStyle(&excelize.Style{
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
		Font: &excelize.Font{Color: "9C0006"},
	})
	if err != nil {
		return err
	}
	s, m, c := colName(colScore), colName(colMax), colName(colComment)
	formula := fmt.Sprintf(`AND(ISNUMBER($%s%d),$%s%d<$%s%d/2,LEN(TRIM($%s%d))=0)`, s, first, s, first, m, first, c, first)
	return f.SetConditionalFormat(sh, cellName(colComment, first)+":"+cellName(colComment, last),
		[]excelize.ConditionalFormatOptions{{Type: "formula", Criteria: formula, Format: &red}})
}

// ParseScores reads a filled-in score template.
//
// It returns one entry per row with a score, and a RowError for every
// problem in every row (all rows are checked): hidden keys missing or
// garbled; a score that is not a number, negative, with more than two
// decimals, or above the row's 满分; a score below half of 满分 without a
// 说明; a 说明 without a score; and rows with the same keys (every row of
// such a group is reported and none becomes an entry). A row whose 得分 and
// 说明 are both blank is skipped. A missing or altered header gives a single
// RowError for the header row. Only rows without errors become entries; the
// caller decides whether to accept a partly bad file (normally not).
//
// 满分 is read from the sheet only as a convenience for the user: the file
// is not trusted, so the caller must re-check every score against the task's
// points in the database, and check the version for conflicts.
//
// dataRows is how many data rows the uploader's template holds (its
// evaluatees × tasks): a sheet with more rows below the header, or parts
// larger than such a sheet can need, is refused with a *TooLarge before
// any row is checked (see limits.go); ctx ends the reading early.
//
// The error result is set only when data is not a readable .xlsx file of
// acceptable size; its message is Chinese and can be shown to the uploader.
func ParseScores(ctx context.Context, data []byte, dataRows int) ([]ScoreEntry, []RowError, error) {
	if err := acquireImport(ctx); err != nil {
		return nil, nil, err
	}
	defer releaseImport()
	f, err := openXLSX(data, unzipBudget(dataRows))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()

	sheet := ScoreSheet
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		sheet = f.GetSheetList()[0]
	}
	rows, shown, err := readRows(ctx, f, sheet, ScoreHeaderRow+dataRows, "本单位的评分模板")
	if err != nil {
		return nil, nil, err
	}

	hdrRow, cols, herr := findScoreHeader(rows)
	if herr != nil {
		return nil, []RowError{*herr}, nil
	}
	colOrder := make(map[string]int, len(ScoreHeaders))
	for i, h := range ScoreHeaders {
		colOrder[h] = i
	}

	type keyT struct{ p, e, t int64 }
	var (
		entries []ScoreEntry
		errs    []RowError
		keyRows = map[keyT][]int{} // key → rows (Excel numbers) with a score
	)
	for i := hdrRow; i < len(rows); i++ {
		row, n := rows[i], i+1
		get := func(h string) string { return cellAt(row, cols[h]) }
		scoreRaw := strings.TrimSpace(get("得分"))
		comment := strings.TrimSpace(get("说明"))
		if scoreRaw == "" && comment == "" {
			continue
		}
		bad := false
		fail := func(col, msg string, args ...any) {
			errs = append(errs, RowError{Row: n, Column: col, Message: fmt.Sprintf(msg, args...)})
			bad = true
		}

		// Keys.
		var e ScoreEntry
		e.Row = n
		keysOK := true
		for _, k := range []struct {
			col string
			dst *int64
		}{{"周期键", &e.PeriodID}, {"对象键", &e.EvaluateeID}, {"任务键", &e.TaskID}} {
			raw := strings.TrimSpace(get(k.col))
			v, ok := parseKey(raw, 1)
			if !ok {
				keysOK = false
				if raw == "" {
					fail(k.col, "隐藏列「%s」为空：本行不是模板中的原始行（请勿插入或复制行），请重新下载模板填写", k.col)
				} else {
					fail(k.col, "隐藏列「%s」的值「%s」已被修改，无法识别本行，请重新下载模板填写", k.col, raw)
				}
				continue
			}
			*k.dst = v
		}
		{
			raw := strings.TrimSpace(get("版本号"))
			v, ok := parseKey(raw, 0)
			if !ok || v > 1<<31-1 {
				if raw == "" {
					fail("版本号", "隐藏列「版本号」为空：本行不是模板中的原始行，请重新下载模板填写")
				} else {
					fail("版本号", "隐藏列「版本号」的值「%s」已被修改，请重新下载模板填写", raw)
				}
			} else {
				e.Version = int(v)
			}
		}

		// Score.
		if scoreRaw == "" {
			fail("得分", "填写了说明但没有填写得分；如不评分请同时清空说明")
			continue
		}
		score, ne := parseAmount(scoreRaw)
		isBool := isBoolCell(row, cellAt(shown[i], cols["得分"]), cols["得分"])
		if isBool || strings.Contains(scoreRaw, "%") || strings.Contains(scoreRaw, "％") {
			ne = numNotNumber // points, not a percentage
		}
		switch {
		case isBool:
			fail("得分", "得分是逻辑值（TRUE/FALSE），不是数字")
		case ne == numNotNumber:
			fail("得分", "得分「%s」不是数字", scoreRaw)
		case score.IsNegative():
			fail("得分", "得分 %s 为负数，得分须在 0 到满分之间", score)
		case ne == numTooPrecise:
			fail("得分", "得分 %s 超过两位小数，最多保留两位小数", score)
		}
		if ne == numOK && !score.IsNegative() {
			e.Score = score
			maxRaw := strings.TrimSpace(get("满分"))
			maxPts, me := parseAmount(maxRaw)
			if me != numOK || maxPts.IsNegative() {
				fail("满分", "满分「%s」已被修改或缺失，无法校验得分；请勿修改灰色列", maxRaw)
			} else {
				if score.GreaterThan(maxPts) {
					fail("得分", "得分 %s 超过满分 %s", score, maxPts)
				}
				if score.LessThan(maxPts.Div(decimal.NewFromInt(2))) && comment == "" {
					fail("说明", "得分 %s 低于满分 %s 的一半，须填写说明", score, maxPts)
				}
			}
		}
		e.Comment = comment

		if keysOK {
			k := keyT{e.PeriodID, e.EvaluateeID, e.TaskID}
			keyRows[k] = append(keyRows[k], n)
		}
		if !bad {
			entries = append(entries, e)
		}
	}

	// Duplicate keys: report every row of the group, drop their entries.
	drop := map[int]bool{}
	for _, rs := range keyRows {
		if len(rs) < 2 {
			continue
		}
		for _, n := range rs {
			others := otherRows(rs, n)
			errs = append(errs, RowError{Row: n, Column: "任务键",
				Message: fmt.Sprintf("本行与%s是同一考评对象的同一任务（行被复制），请只保留一行", joinRows(others))})
			drop[n] = true
		}
	}
	entries = dropRows(entries, drop, func(e ScoreEntry) int { return e.Row })
	sortRowErrors(errs, colOrder)
	return entries, errs, nil
}

// findScoreHeader locates the header row (normally row 3) among the first
// rows and maps the template's header names to column indexes (0-based).
// hdrRow is the 1-based header row, which is also the 0-based index of the
// first data row.
func findScoreHeader(rows [][]string) (hdrRow int, cols map[string]int, rowErr *RowError) {
	known := map[string]bool{}
	for _, h := range ScoreHeaders {
		known[h] = true
	}
	limit := min(len(rows), 20)
	for i := 0; i < limit; i++ {
		found := map[string]int{}
		dups := map[string]bool{}
		for j, c := range rows[i] {
			h := normHeader(c)
			if !known[h] {
				continue
			}
			if _, seen := found[h]; seen {
				dups[h] = true
			}
			found[h] = j
		}
		if len(found) < 3 {
			continue
		}
		var missing []string
		for _, h := range scoreRequired {
			if _, ok := found[h]; !ok {
				missing = append(missing, h)
			}
		}
		var problems []string
		if len(missing) > 0 {
			problems = append(problems, "缺少列："+strings.Join(missing, "、"))
		}
		for _, h := range ScoreHeaders {
			if dups[h] {
				problems = append(problems, "列「"+h+"」出现了多次")
			}
		}
		if len(problems) > 0 {
			return 0, nil, &RowError{Row: i + 1, Column: "表头",
				Message: "表头与评分模板不一致（" + strings.Join(problems, "；") + "）。请在系统下载的模板上直接填写，不要修改表头或删除隐藏列"}
		}
		cols = make(map[string]int, len(ScoreHeaders))
		for _, h := range ScoreHeaders {
			if j, ok := found[h]; ok {
				cols[h] = j
			} else {
				cols[h] = -1
			}
		}
		return i + 1, cols, nil
	}
	return 0, nil, &RowError{Row: ScoreHeaderRow, Column: "表头",
		Message: "未找到评分表表头（应为「" + strings.Join(ScoreHeaders[:colStatus], "、") + "」等列）。请上传系统下载的评分模板"}
}

// isBoolCell reports whether the score cell holds an Excel boolean
// (TRUE/FALSE), whose raw value "1"/"0" must not pass for a score: shown,
// a boolean reads TRUE or FALSE, a number never does.
func isBoolCell(raw []string, shown string, col0 int) bool {
	r := strings.TrimSpace(cellAt(raw, col0))
	return (r == "1" || r == "0") && (shown == "TRUE" || shown == "FALSE")
}
