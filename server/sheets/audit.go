package sheets

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// AuditRow is one audit-log record as exported.
type AuditRow struct {
	ID         int64
	At         time.Time
	Username   string
	Roles      []string
	Unit       string
	ClientAddr string
	RequestID  string
	Operation  string
	Outcome    string // OK, DENIED, FAILED (shown as 成功, 拒绝, 失败)
	ObjectType string
	ObjectID   string
	Before     string // JSON
	After      string // JSON
	Detail     string
}

// Sheet names of the audit export.
const (
	AuditSheet     = "审计日志"
	AuditInfoSheet = "导出说明"
)

// AuditHeaders are the column headers of the audit sheet, in order.
var AuditHeaders = []string{"编号", "时间", "用户", "角色", "单位", "客户端地址", "请求编号", "操作", "结果", "对象类型", "对象编号", "修改前", "修改后", "说明"}

var auditWidths = []float64{10, 20, 14, 18, 22, 16, 24, 22, 8, 12, 14, 50, 50, 40}

// OutcomeLabel translates an audit outcome code into the Chinese label
// used in exports; unknown codes are returned unchanged.
func OutcomeLabel(outcome string) string {
	switch strings.ToUpper(strings.TrimSpace(outcome)) {
	case "OK":
		return "成功"
	case "DENIED":
		return "拒绝"
	case "FAILED":
		return "失败"
	}
	return outcome
}

// AuditLog exports audit records as .xlsx. Sheet 审计日志 has the header in
// row 1 (frozen, bold) and one record per row below it, so the sheet can be
// re-imported or filtered as is; times are Excel date-times in Asia/Shanghai
// formatted yyyy-mm-dd hh:mm:ss. A second sheet 导出说明 records the filter
// description, the export time and the record count. The sheet is written
// with excelize's stream writer, so large exports stay cheap.
func AuditLog(rows []AuditRow, filterDescription string) ([]byte, error) {
	return auditLog(rows, filterDescription, time.Now())
}

func auditLog(rows []AuditRow, filterDescription string, now time.Time) ([]byte, error) {
	if len(rows)+1 > excelize.TotalRows {
		return nil, fmt.Errorf("审计日志共 %d 条，超过 Excel 单表 %d 行的上限，请缩小筛选范围后分批导出", len(rows), excelize.TotalRows-1)
	}
	f := excelize.NewFile()
	if err := f.SetSheetName(f.GetSheetName(0), AuditSheet); err != nil {
		f.Close()
		return nil, err
	}
	if err := writeAuditSheet(f, rows); err != nil {
		f.Close()
		return nil, err
	}
	if err := writeAuditInfo(f, rows, filterDescription, now); err != nil {
		f.Close()
		return nil, err
	}
	f.SetActiveSheet(0)
	return writeWorkbook(f)
}

func writeAuditSheet(f *excelize.File, rows []AuditRow) error {
	hdr, err := headerStyle(f)
	if err != nil {
		return err
	}
	base := excelize.Style{
		Border:    thinBorder(),
		Alignment: &excelize.Alignment{Vertical: "top"},
	}
	text, err := f.NewStyle(&base)
	if err != nil {
		return err
	}
	wrapStyle := base
	wrapStyle.Alignment = &excelize.Alignment{Vertical: "top", WrapText: true}
	wrap, err := f.NewStyle(&wrapStyle)
	if err != nil {
		return err
	}
	idStyle := base
	idStyle.NumFmt = 1 // 0
	id, err := f.NewStyle(&idStyle)
	if err != nil {
		return err
	}
	timeStyle := base
	timeStyle.CustomNumFmt = strPtr("yyyy-mm-dd hh:mm:ss")
	ts, err := f.NewStyle(&timeStyle)
	if err != nil {
		return err
	}

	sw, err := f.NewStreamWriter(AuditSheet)
	if err != nil {
		return err
	}
	for i, w := range auditWidths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	head := make([]any, len(AuditHeaders))
	for i, h := range AuditHeaders {
		head[i] = excelize.Cell{StyleID: hdr, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	for i, r := range rows {
		var at any = ""
		if !r.At.IsZero() {
			at = excelTime(r.At)
		}
		cells := []any{
			excelize.Cell{StyleID: id, Value: r.ID},
			excelize.Cell{StyleID: ts, Value: at},
			excelize.Cell{StyleID: text, Value: cleanText(r.Username)},
			excelize.Cell{StyleID: wrap, Value: cleanText(strings.Join(r.Roles, "、"))},
			excelize.Cell{StyleID: wrap, Value: cleanText(r.Unit)},
			excelize.Cell{StyleID: text, Value: cleanText(r.ClientAddr)},
			excelize.Cell{StyleID: text, Value: cleanText(r.RequestID)},
			excelize.Cell{StyleID: wrap, Value: cleanText(r.Operation)},
			excelize.Cell{StyleID: text, Value: cleanText(OutcomeLabel(r.Outcome))},
			excelize.Cell{StyleID: text, Value: cleanText(r.ObjectType)},
			excelize.Cell{StyleID: text, Value: cleanText(r.ObjectID)},
			excelize.Cell{StyleID: wrap, Value: cleanText(r.Before)},
			excelize.Cell{StyleID: wrap, Value: cleanText(r.After)},
			excelize.Cell{StyleID: wrap, Value: cleanText(r.Detail)},
		}
		if err := sw.SetRow(cellName(1, i+2), cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func writeAuditInfo(f *excelize.File, rows []AuditRow, filterDescription string, now time.Time) error {
	if _, err := f.NewSheet(AuditInfoSheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Horizontal: "left"}})
	if err != nil {
		return err
	}
	ts, err := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("yyyy-mm-dd hh:mm:ss"), Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return err
	}
	desc := strings.TrimSpace(filterDescription)
	if desc == "" {
		desc = "全部记录（未筛选）"
	}
	sheet := AuditInfoSheet
	cells := []struct {
		label string
		value any
		style int
	}{
		{"导出内容", "审计日志", wrap},
		{"筛选条件", cleanText(desc), wrap},
		{"导出时间", excelTime(now), ts},
		{"记录数", len(rows), wrap},
	}
	for i, c := range cells {
		row := i + 1
		if err := f.SetCellValue(sheet, cellName(1, row), c.label); err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cellName(2, row), c.value); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), bold); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(2, row), cellName(2, row), c.style); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 12); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "B", 80)
}

// excelTime converts t to the wall clock of Asia/Shanghai, to whole seconds,
// expressed as a UTC time: excelize serialises the instant as if it were
// UTC, so this makes the cell show Beijing time.
func excelTime(t time.Time) time.Time {
	l := t.In(shanghai)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
}
