package importer

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets run for a few seconds each in `make test` (scripts/test.sh
// finds every Fuzz* in the repository); longer by hand, e.g.
//   go test -run '^$' -fuzz '^FuzzParseDocxText$' -fuzztime 5m ./server/importer/
// A failing input is written to testdata/fuzz/<target>/ and from then on runs
// as a regression case with the ordinary tests: commit it with the fix.
// Seeds come only from the repository (server/demo), never from ../shared.

// samplesPath holds the demo's sample dimensions, written in the document's
// own style: a second, different seed.
const samplesPath = "../demo/samples.txt"

func readSamples(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(samplesPath)
	if err != nil {
		tb.Fatalf("read %s: %v", samplesPath, err)
	}
	return data
}

// checkResult holds what every result must satisfy, whatever the input.
func checkResult(t *testing.T, res *Result) {
	t.Helper()
	if res == nil {
		t.Fatal("nil result")
	}
	for i, p := range res.Problems {
		if p.Code == CodeInternal {
			t.Fatalf("internal error: %s", p.Message)
		}
		if p.Message == "" {
			t.Fatalf("problem %+v has no message", p)
		}
		if i > 0 && p.Line < res.Problems[i-1].Line {
			t.Fatalf("problems out of line order: %+v", res.Problems)
		}
	}
	if len(res.Problems) > maxProblems+1 {
		t.Fatalf("%d problems, the cap is %d plus a summary", len(res.Problems), maxProblems)
	}
	if _, err := json.Marshal(res); err != nil {
		t.Fatalf("result does not marshal: %v", err)
	}
}

// FuzzParse feeds arbitrary bytes to both entry points: text in any
// encoding, broken zips, binary files.
func FuzzParse(f *testing.F) {
	f.Add(readSeed(f))
	f.Add(readSamples(f))
	f.Add([]byte(cleanPlan))
	f.Add(buildDocx(f, docxFromLines(strings.Split(cleanPlan, "\n"), true)))
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("1.(\n(一)((分)\n一、)(0.5分)(牵头考核单位:、,)\n3.5万"))
	f.Add([]byte{0xFF, 0xFE, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		checkResult(t, Parse(data, Options{}))
		checkResult(t, ParseText(string(data), Options{Units: []Unit{{Name: "市公安局"}}}))
	})
}

// FuzzParseDocxText writes text into a valid .docx, one paragraph per line
// (optionally cut into several runs, as Word does), and requires the .docx
// to read exactly like the text: the zip and XML layers must add nothing and
// lose nothing.
func FuzzParseDocxText(f *testing.F) {
	for _, seed := range [][]byte{readSeed(f), readSamples(f), []byte(cleanPlan)} {
		f.Add(string(seed), false)
		f.Add(string(seed), true)
	}
	f.Add("一、政务服务(100分)\n\t(一)平台 <建设> & 运维(100分)\n1.任务甲。(6月底完成,牵头考核单位:市公安局)", true)
	f.Fuzz(func(t *testing.T, text string, split bool) {
		if !representableInDocx(text) {
			t.Skip("text a Word paragraph cannot hold as is")
		}
		lines := strings.Split(text, "\n")
		fromDocx := Parse(buildDocx(t, docxFromLines(lines, split)), Options{})
		checkResult(t, fromDocx)
		if strings.TrimSpace(text) == "" {
			return // the two formats word the "empty file" problem differently
		}
		// Every paragraph ends with a line break, so the text read from the
		// .docx is the text plus one.
		fromText := ParseText(text+"\n", Options{})
		got, _ := json.Marshal(fromDocx)
		want, _ := json.Marshal(fromText)
		if string(got) != string(want) {
			t.Errorf("docx result differs from text result\n docx: %s\n text: %s", got, want)
		}
	})
}

// representableInDocx reports whether text survives a round trip through
// WordprocessingML unchanged: valid UTF-8 of characters XML allows, no
// carriage returns (XML turns them into line feeds) and no leading
// byte-order mark (stripped from text files only).
func representableInDocx(text string) bool {
	if !utf8.ValidString(text) || strings.HasPrefix(text, "\uFEFF") {
		return false
	}
	for _, r := range text {
		switch {
		case r == '\t' || r == '\n':
		case r < 0x20, r >= 0xD800 && r < 0xE000, r == 0xFFFE, r == 0xFFFF:
			return false
		}
	}
	return true
}

// FuzzParseDocxMarkup puts arbitrary markup in the body of an otherwise valid
// .docx: nested and unbalanced elements, AlternateContent, numbering, tabs
// and breaks outside runs, entities.
func FuzzParseDocxMarkup(f *testing.F) {
	f.Add(docxFromLines(strings.Split(string(readSeed(f)), "\n"), true))
	f.Add(docxFromLines(strings.Split(cleanPlan, "\n"), false))
	f.Add(`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr>` +
		docxRun("任务丙(持续推进,牵头考核单位:市公安局)") + `</w:p>`)
	f.Add(`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>2.任务乙</w:t></mc:Choice>` +
		`<mc:Fallback><w:t>2.任务乙</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`)
	f.Add(`<w:p><w:r><w:t>1.</w:t><w:tab/><w:t>甲&amp;乙&#x4e00;</w:t><w:br/><w:cr/><w:noBreakHyphen/></w:r></w:p><w:p><w:p>`)
	f.Fuzz(func(t *testing.T, body string) {
		checkResult(t, Parse(buildDocx(t, body), Options{}))
	})
}
