package sheets

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// testDataRows is the capacity the tests give a template: generous for
// every fixture of this package.
const testDataRows = 10000

func parseScores(data []byte) ([]ScoreEntry, []RowError, error) {
	return ParseScores(context.Background(), data, testDataRows)
}

func parseSourceValues(data []byte) ([]SourceValue, []RowError, error) {
	return ParseSourceValues(context.Background(), data)
}

// smallTemplate is a real score template of 290 rows (a lead unit of the
// demo: 10 evaluatees × 29 tasks).
func smallTemplate(t testing.TB) []byte {
	t.Helper()
	tpl := ScoreTemplate{LeadUnit: "市审批服务局", Period: "2023年上半年"}
	for e := 1; e <= 10; e++ {
		for task := 1; task <= 29; task++ {
			tpl.Rows = append(tpl.Rows, ScoreRow{PeriodID: 1, EvaluateeID: int64(e), TaskID: int64(task), TaskNumber: task,
				TaskText: "任务", Evaluatee: fmt.Sprint("区", e), Group: "旗县区组", MaxPoints: decimal.NewFromInt(1)})
		}
	}
	data, err := ScoreWorkbook(tpl)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// withSheet returns the workbook data with its first worksheet's XML
// replaced by sheetXML (written by fill), deflated as Excel does.
func withSheet(t testing.TB, data []byte, fill func(w io.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for _, f := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			fill(w)
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
const sheetTail = `</sheetData></worksheet>`

// rowsBomb is the template with its rows replaced by n short rows (without
// row numbers, as a hostile writer may: identical rows compress best).
func rowsBomb(t testing.TB, n int) []byte {
	return withSheet(t, smallTemplate(t), func(w io.Writer) {
		io.WriteString(w, sheetHead)
		row := []byte(`<row><c><v>1</v></c></row>`)
		for i := 1; i <= n; i++ {
			w.Write(row)
		}
		io.WriteString(w, sheetTail)
	})
}

// sizeBomb is the template with a sheet that expands to size bytes.
func sizeBomb(t testing.TB, size int) []byte {
	return withSheet(t, smallTemplate(t), func(w io.Writer) {
		io.WriteString(w, sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>`)
		chunk := []byte(strings.Repeat("x", 1<<20))
		for written := 0; written < size; written += len(chunk) {
			w.Write(chunk)
		}
		io.WriteString(w, `</t></is></c></row>`+sheetTail)
	})
}

func tooLarge(t *testing.T, err error, want string) {
	t.Helper()
	var tl *TooLarge
	if !errors.As(err, &tl) || !strings.Contains(tl.Message, want) {
		t.Errorf("err = %v, want a TooLarge saying %q", err, want)
	}
}

// TestSpreadsheetBombsAreRefusedBeforeParsing: a million-row template
// (under half a megabyte) and a sheet expanding to 200 MB are refused from
// the zip directory, and a sheet with more rows than the template holds,
// small enough to pass that check, by the streaming row count.
func TestSpreadsheetBombsAreRefusedBeforeParsing(t *testing.T) {
	t.Parallel()
	million := rowsBomb(t, 1_000_000)
	if len(million) > 600<<10 {
		t.Fatalf("the million-row file is %d bytes, want a small upload", len(million))
	}
	_, _, err := ParseScores(context.Background(), million, 290)
	tooLarge(t, err, "工作簿解压后超过")
	// For a unit whose template is big enough to allow its size, the
	// streaming row count stops it.
	_, _, err = ParseScores(context.Background(), million, 100_000)
	tooLarge(t, err, "超过100003行")

	_, _, err = ParseScores(context.Background(), sizeBomb(t, 200<<20), 290)
	tooLarge(t, err, "xl/worksheets/sheet1.xml")

	// 2,000 rows fit the size budget of a 290-row template but not its rows.
	_, _, err = ParseScores(context.Background(), rowsBomb(t, 2000), 290)
	tooLarge(t, err, "超过293行")

	// The real template of that size still reads.
	if _, errs, err := ParseScores(context.Background(), smallTemplate(t), 290); err != nil || len(errs) > 0 {
		t.Errorf("the template itself: %v %v", errs, err)
	}
	// So does one with a row too many refused.
	if _, _, err := ParseScores(context.Background(), smallTemplate(t), 289); err == nil {
		t.Error("a 290-row template read as one of 289 rows")
	}

	// Source files: the same checks with their own cap.
	_, _, err = ParseSourceValues(context.Background(), rowsBomb(t, MaxSourceRows+1))
	tooLarge(t, err, fmt.Sprintf("超过%d行", MaxSourceRows))
	_, _, err = ParseSourceValues(context.Background(), sizeBomb(t, 200<<20))
	tooLarge(t, err, "工作簿解压后超过")
	csv := "考评对象,来源,分值\n" + strings.Repeat("昆都仑区,调查,80\n", MaxSourceRows)
	_, _, err = ParseSourceValues(context.Background(), []byte(csv))
	tooLarge(t, err, fmt.Sprintf("超过%d行", MaxSourceRows))
}

func TestTooManyZipEntriesAreRefused(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for i := 0; i <= maxZipEntries; i++ {
		if _, err := zw.Create(fmt.Sprintf("xl/part%d.xml", i)); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	_, _, err := ParseScores(context.Background(), out.Bytes(), 290)
	tooLarge(t, err, "部件")
}

// TestParsingStopsWhenTheRequestEnds: a cancelled request reads no further.
func TestParsingStopsWhenTheRequestEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := ParseScores(ctx, smallTemplate(t), 290); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// BenchmarkBombs reports the bytes allocated and the growth of the heap in
// use while refusing each bomb, next to parsing the real template:
//
//	go test -run '^$' -bench Bombs -benchmem ./server/sheets/
func BenchmarkBombs(b *testing.B) {
	million := rowsBomb(b, 1_000_000)
	for _, c := range []struct {
		name     string
		data     []byte
		capacity int
	}{
		{"template290rows", smallTemplate(b), 290},
		{"million_rows", million, 290},
		// A unit whose template may hold 100,000 rows: the size check
		// passes, the streaming row count stops the reading.
		{"million_rows_cap100k", million, 100_000},
		{"sheet_200MB", sizeBomb(b, 200<<20), 290},
		{"rows_2000_of_290", rowsBomb(b, 2000), 290},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			peak := uint64(0)
			for i := 0; i < b.N; i++ {
				_, _, _ = ParseScores(context.Background(), c.data, c.capacity)
				runtime.ReadMemStats(&after)
				peak = max(peak, after.HeapInuse)
			}
			b.ReportMetric(float64(peak-min(peak, before.HeapInuse))/(1<<20), "MB-heap-growth")
			b.ReportMetric(float64(len(c.data))/(1<<10), "KB-upload")
		})
	}
}
