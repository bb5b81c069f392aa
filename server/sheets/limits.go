package sheets

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
	"golang.org/x/sync/semaphore"
)

// Uploads are hostile until read: a 0.45 MB workbook can hold a million
// rows, and a small one can expand to hundreds of megabytes of XML. Every
// upload is checked in this order, each step bounded before the next runs:
//
//  1. the zip directory: at most maxZipEntries parts, and their declared
//     uncompressed sizes within a budget derived from the rows the sheet
//     may legitimately hold (archive/zip, like excelize, refuses an entry
//     that inflates beyond its declared size, so the check cannot be lied
//     past);
//  2. the rows, read with excelize's streaming iterator, refused as soon as
//     there are more than the sheet may hold, the request's context checked
//     as they go;
//  3. only then the per-row rules.
//
// importSlots caps how many uploads are parsed at once.

// TooLarge is an upload refused for its size or its rows before it was
// parsed. Message is Chinese, for the uploader.
type TooLarge struct{ Message string }

func (e *TooLarge) Error() string { return e.Message }

const (
	// maxZipEntries: a workbook Kaoping writes has about a dozen parts,
	// one edited in Excel or WPS a few more.
	maxZipEntries = 200
	// unzipBase and unzipPerRow budget the uncompressed parts: styles,
	// themes and the like, then per data row its cells, shared strings and
	// a cell comment.
	unzipBase   = 2 << 20
	unzipPerRow = 4 << 10
	// MaxSourceRows caps a 民意调查 / 第三方评估 file: one row per
	// evaluatee and source; a province has about 2,000 evaluatees.
	MaxSourceRows = 20000
	// ctxEvery is how many rows are read between checks of the context.
	ctxEvery = 1024
)

var importSlots = semaphore.NewWeighted(2)

// acquireImport waits for an import slot; release with releaseImport.
func acquireImport(ctx context.Context) error {
	if err := importSlots.Acquire(ctx, 1); err != nil {
		return fmt.Errorf("wait for an import slot: %w", err)
	}
	return nil
}

func releaseImport() { importSlots.Release(1) }

// unzipBudget is the most a workbook of dataRows rows may expand to.
func unzipBudget(dataRows int) int64 {
	return min(int64(unzipBase)+int64(dataRows)*unzipPerRow, maxUnzipSize)
}

// checkArchive refuses a workbook whose parts are too many or expand
// beyond budget, reading only the zip directory.
func checkArchive(data []byte, budget int64) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return errors.New("文件不是有效的 .xlsx 工作簿")
	}
	if len(zr.File) > maxZipEntries {
		return &TooLarge{fmt.Sprintf("工作簿包含%d个部件,超过上限%d个,不是本系统的模板", len(zr.File), maxZipEntries)}
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > uint64(budget) || total > uint64(budget) {
			return &TooLarge{fmt.Sprintf("工作簿解压后超过%s(其中「%s」为%s),远大于本表可能的大小;请上传系统下载的模板,不要添加大量行或内容",
				byteSize(budget), f.Name, byteSize(int64(f.UncompressedSize64)))}
		}
	}
	return nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

// readRows streams a sheet's rows, each as its raw values (the exact
// number stored) and as shown (formatted: TRUE/FALSE for a boolean, 85%
// for a percent cell), from two iterators in step, so nothing per row
// re-scans the sheet. More than maxRows rows (counting from row 1, empty
// ones included) is refused as soon as it is seen.
func readRows(ctx context.Context, f *excelize.File, sheet string, maxRows int, what string) (raw, shown [][]string, err error) {
	rawIt, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, fmt.Errorf("无法读取工作表「%s」:%w", sheet, err)
	}
	defer rawIt.Close()
	shownIt, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, fmt.Errorf("无法读取工作表「%s」:%w", sheet, err)
	}
	defer shownIt.Close()
	n := 0
	for rawIt.Next() {
		n++
		if n > maxRows {
			return nil, nil, &TooLarge{fmt.Sprintf("工作表「%s」超过%d行,%s最多只有%d行;请上传系统下载的模板,不要添加行", sheet, maxRows, what, maxRows)}
		}
		if n%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		shownIt.Next()
		r, err := rawIt.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, fmt.Errorf("无法读取工作表「%s」第%d行:%w", sheet, n, err)
		}
		s, err := shownIt.Columns()
		if err != nil {
			return nil, nil, fmt.Errorf("无法读取工作表「%s」第%d行:%w", sheet, n, err)
		}
		raw, shown = append(raw, r), append(shown, s)
	}
	if err := rawIt.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, nil, &TooLarge{fmt.Sprintf("工作表「%s」的行号超过 Excel 的上限", sheet)}
		}
		return nil, nil, fmt.Errorf("无法读取工作表「%s」:%w", sheet, err)
	}
	// Trailing empty rows carry nothing (GetRows drops them too).
	for len(raw) > 0 && len(raw[len(raw)-1]) == 0 {
		raw, shown = raw[:len(raw)-1], shown[:len(shown)-1]
	}
	return raw, shown, nil
}
