package importer

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/shopspring/decimal"
)

// seedPath is the repository's copy of the official document as recovered
// from the web (it ends in the middle of task 29). server/main_test.go
// compares it with the shared original where that folder exists.
const seedPath = "../demo/method.txt"

func readSeed(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatalf("read the seed document %s: %v", seedPath, err)
	}
	return data
}

// allTasks lists the tasks of a result in document order.
func allTasks(r *Result) []Task {
	var ts []Task
	for _, d := range r.Dimensions {
		for _, ind := range d.Indicators {
			ts = append(ts, ind.Tasks...)
		}
	}
	return ts
}

func taskByNumber(t *testing.T, r *Result, n int) Task {
	t.Helper()
	for _, task := range allTasks(r) {
		if task.Number == n {
			return task
		}
	}
	t.Fatalf("task %d not found", n)
	return Task{}
}

// problemKeys renders problems as "line:CODE" for compact comparisons.
func problemKeys(r *Result) []string {
	keys := make([]string, len(r.Problems))
	for i, p := range r.Problems {
		keys[i] = itoa(p.Line) + ":" + p.Code
	}
	return keys
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func withCode(r *Result, code string) []Problem {
	var ps []Problem
	for _, p := range r.Problems {
		if p.Code == code {
			ps = append(ps, p)
		}
	}
	return ps
}

func pointsEqual(p *decimal.Decimal, want string) bool {
	if p == nil {
		return want == ""
	}
	return want != "" && p.Equal(decimal.RequireFromString(want))
}

func toJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(b)
}

// docxRun is the XML of one run; the text is escaped and spaces preserved.
func docxRun(text string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(text))
	return `<w:r><w:t xml:space="preserve">` + b.String() + `</w:t></w:r>`
}

// docxFromLines writes one paragraph per line. With split, long lines are cut
// into several runs, as Word does wherever formatting or editing history
// changes.
func docxFromLines(lines []string, split bool) string {
	var body strings.Builder
	for _, ln := range lines {
		body.WriteString("<w:p>")
		r := []rune(ln)
		if split && len(r) > 8 {
			body.WriteString(docxRun(string(r[:3])))
			body.WriteString(docxRun(string(r[3:7])))
			body.WriteString(docxRun(string(r[7:])))
		} else {
			body.WriteString(docxRun(ln))
		}
		body.WriteString("</w:p>")
	}
	return body.String()
}

// buildDocx packs a document body into a minimal .docx in memory.
func buildDocx(t testing.TB, body string) []byte {
	t.Helper()
	const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`
	document := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
		body + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct{ name, content string }{
		{"[Content_Types].xml", contentTypes},
		{"word/document.xml", document},
	} {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseSeed(t *testing.T) {
	t.Parallel()
	res := Parse(readSeed(t), Options{})

	t.Run("title", func(t *testing.T) {
		if res.Title != "包头市数字政府建设考评指标" {
			t.Errorf("title = %q", res.Title)
		}
	})
	t.Run("one dimension of 25 points", func(t *testing.T) {
		if len(res.Dimensions) != 1 {
			t.Fatalf("got %d dimensions, want 1 (the method's own 一、考评对象 … must not count)", len(res.Dimensions))
		}
		d := res.Dimensions[0]
		if d.Number != 1 || d.Name != "政务服务“一网通办”" || !pointsEqual(d.Points, "25") || d.Line != 30 {
			t.Errorf("dimension = %d %q %v line %d", d.Number, d.Name, d.Points, d.Line)
		}
		if !res.TotalPoints.Equal(decimal.NewFromInt(25)) {
			t.Errorf("total = %s, want 25", res.TotalPoints)
		}
	})
	t.Run("indicators", func(t *testing.T) {
		wantPoints := []string{"3", "2", "1.5", "2", "1", "2", "1", "0.5", "12"}
		wantTasks := []int{2, 2, 1, 3, 2, 3, 4, 1, 11}
		inds := res.Dimensions[0].Indicators
		if len(inds) != len(wantPoints) {
			t.Fatalf("got %d indicators, want %d", len(inds), len(wantPoints))
		}
		for i, ind := range inds {
			if ind.Number != i+1 || !pointsEqual(ind.Points, wantPoints[i]) || len(ind.Tasks) != wantTasks[i] {
				t.Errorf("indicator %d: number %d points %v tasks %d, want %d %s %d",
					i+1, ind.Number, ind.Points, len(ind.Tasks), i+1, wantPoints[i], wantTasks[i])
			}
		}
		if inds[0].Name != "一体化政务服务平台建设" || inds[8].Name != "优化政务服务应用" {
			t.Errorf("names: %q, %q", inds[0].Name, inds[8].Name)
		}
	})
	t.Run("tasks numbered 1 to 29", func(t *testing.T) {
		ts := allTasks(res)
		if len(ts) != 29 {
			t.Fatalf("got %d tasks, want 29", len(ts))
		}
		for i, task := range ts {
			if task.Number != i+1 {
				t.Errorf("task %d has number %d", i+1, task.Number)
			}
		}
	})
	t.Run("task 1", func(t *testing.T) {
		task := taskByNumber(t, res, 1)
		want := Deadline{Phrase: "5月底取得明显成效并持续推进", Month: 5, State: StateNotable, Continuing: true}
		if task.Deadline != want {
			t.Errorf("deadline = %+v, want %+v", task.Deadline, want)
		}
		if !strings.HasPrefix(task.Text, "除涉密") || !strings.HasSuffix(task.Text, "适应特殊群体需求。") {
			t.Errorf("text = %q", task.Text)
		}
		if task.Points != nil {
			t.Errorf("task 1 has no points of its own, got %v", task.Points)
		}
		if len(task.LeadUnits) != 1 || task.LeadUnits[0] != (LeadUnit{Written: "市审批服务局", Name: "市审批服务局"}) {
			t.Errorf("lead units = %+v", task.LeadUnits)
		}
	})
	t.Run("task 3 has two lead units", func(t *testing.T) {
		got := taskByNumber(t, res, 3).LeadUnits
		if len(got) != 2 || got[0].Name != "市政府办公室" || got[1].Name != "市公安局" {
			t.Errorf("lead units = %+v", got)
		}
	})
	t.Run("task 8 is ongoing", func(t *testing.T) {
		want := Deadline{Phrase: "持续优化", State: StateOngoing, Continuing: true}
		if got := taskByNumber(t, res, 8).Deadline; got != want {
			t.Errorf("deadline = %+v, want %+v", got, want)
		}
	})
	t.Run("task 22 due in December", func(t *testing.T) {
		d := taskByNumber(t, res, 22).Deadline
		if d.Month != 12 || d.State != StateNotable || !d.Continuing {
			t.Errorf("deadline = %+v", d)
		}
	})
	t.Run("task points", func(t *testing.T) {
		if p := taskByNumber(t, res, 19).Points; !pointsEqual(p, "0.5") {
			t.Errorf("task 19 points = %v, want 0.5", p)
		}
		if p := taskByNumber(t, res, 23).Points; !pointsEqual(p, "1") {
			t.Errorf("task 23 points = %v, want 1", p)
		}
		// The points are not part of the text.
		if text := taskByNumber(t, res, 19).Text; strings.Contains(text, "分)") {
			t.Errorf("task 19 text keeps its points: %q", text)
		}
	})
	t.Run("task 29 truncated", func(t *testing.T) {
		task := taskByNumber(t, res, 29)
		if task.Text != "拓展智慧养老服务平台功能," || task.Deadline != (Deadline{}) || len(task.LeadUnits) != 0 {
			t.Errorf("task 29 = %+v", task)
		}
		ps := withCode(res, CodeTruncated)
		if len(ps) != 1 || ps[0].Line != 68 || ps[0].Severity != SeverityError {
			t.Errorf("TRUNCATED problems = %+v, want one ERROR on line 68", ps)
		}
	})
	t.Run("problems", func(t *testing.T) {
		if ps := withCode(res, CodePointsMismatch); len(ps) != 0 {
			t.Errorf("unexpected POINTS_MISMATCH: %+v", ps)
		}
		ps := withCode(res, CodePlanTotal)
		if len(ps) != 1 || ps[0].Severity != SeverityWarning || ps[0].Line != 28 {
			t.Errorf("PLAN_TOTAL = %+v, want one WARNING on the heading line 28", ps)
		}
		// 市文旅局 (task 22) and 市文旅广电局 (task 23) may be one unit.
		want := []string{"28:PLAN_TOTAL", "62:SIMILAR_UNIT", "68:TRUNCATED"}
		if got := problemKeys(res); !slices.Equal(got, want) {
			t.Errorf("problems = %v, want %v\n%s", got, want, toJSON(t, res.Problems))
		}
	})
	t.Run("new units without catalogue", func(t *testing.T) {
		want := []string{"市审批服务局", "市政府办公室", "市公安局", "市住建局", "市卫健委", "市医保局",
			"市文旅局", "市文旅广电局", "市体育局", "市教育局", "市人社局"}
		if !slices.Equal(res.NewUnits, want) {
			t.Errorf("new units = %v, want %v", res.NewUnits, want)
		}
	})
	t.Run("catalogue unit is known", func(t *testing.T) {
		res := Parse(readSeed(t), Options{Units: []Unit{{Name: "市审批服务局"}}})
		lu := taskByNumber(t, res, 1).LeadUnits
		if len(lu) != 1 || !lu[0].Known || lu[0].Name != "市审批服务局" {
			t.Errorf("task 1 lead units = %+v", lu)
		}
		if slices.Contains(res.NewUnits, "市审批服务局") {
			t.Errorf("a known unit is listed as new: %v", res.NewUnits)
		}
	})
}

func TestParseDocxMatchesText(t *testing.T) {
	t.Parallel()
	seed := readSeed(t)
	fromText := Parse(seed, Options{})
	lines := strings.Split(string(seed), "\n")
	for _, split := range []bool{false, true} {
		name := "one run per line"
		if split {
			name = "lines split across runs"
		}
		t.Run(name, func(t *testing.T) {
			fromDocx := Parse(buildDocx(t, docxFromLines(lines, split)), Options{})
			if len(fromDocx.Dimensions) == 0 {
				t.Fatalf("nothing read from the .docx: %+v", fromDocx.Problems)
			}
			if got, want := toJSON(t, fromDocx), toJSON(t, fromText); got != want {
				t.Errorf("docx result differs from text result\n docx: %s\n text: %s", got, want)
			}
		})
	}
}

func TestParseDocxMarkup(t *testing.T) {
	t.Parallel()
	body := `<w:p>` + docxRun("考评指标") + `</w:p>` +
		`<w:p>` + docxRun("一、政务服务(100分)") + `</w:p>` +
		`<w:p>` + docxRun("(一)平台建设(100分)") + `</w:p>` +
		// A tab after the number; a manual line break inside the task; deleted text.
		`<w:p><w:r><w:t>1.</w:t><w:tab/><w:t>任务甲,</w:t><w:br/><w:t>继续写</w:t></w:r>` +
		`<w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>` +
		docxRun("完。(6月底完成,牵头考核单位:市审批服务局)") + `</w:p>` +
		// Text in an mc:AlternateContent fallback repeats the choice.
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>2.任务乙(持续推进,牵头考核单位:市公安局)</w:t></mc:Choice>` +
		`<mc:Fallback><w:t>2.任务乙(持续推进,牵头考核单位:市公安局)</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		// Word's automatic numbering: the number is not in the text.
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>` + docxRun("任务丙(持续推进,牵头考核单位:市公安局)") + `</w:p>`
	res := Parse(buildDocx(t, body), Options{})

	t.Run("tab and line break", func(t *testing.T) {
		task := taskByNumber(t, res, 1)
		if task.Text != "任务甲,继续写完。" {
			t.Errorf("text = %q, want the break joined and deleted text left out", task.Text)
		}
		if task.Deadline.Month != 6 || len(task.LeadUnits) != 1 {
			t.Errorf("task 1 = %+v", task)
		}
	})
	t.Run("fallback not duplicated", func(t *testing.T) {
		if task := taskByNumber(t, res, 2); task.Text != "任务乙" {
			t.Errorf("text = %q", task.Text)
		}
	})
	t.Run("automatic numbering reported", func(t *testing.T) {
		// Lines: 1 title, 2 dimension, 3 indicator, 4–5 task 1 (break), 6 task 2, 7 auto-numbered.
		ps := withCode(res, CodeUnparsedLine)
		if len(ps) != 1 || ps[0].Line != 7 || !strings.Contains(ps[0].Message, "自动编号") {
			t.Errorf("problems = %+v", res.Problems)
		}
	})
}

// cleanPlan is a complete, correct plan: 100 points, numbering in order,
// every task closed by its deadline and lead units. Broken variants are made
// from it.
const cleanPlan = `考评指标
一、政务服务(100分)
（一）平台建设（60分）
1.任务甲。（6月底完成，牵头考核单位：市审批服务局）
2.任务乙。（持续推进，牵头考核单位：市政府办公室、市公安局）
（二）热线（40分）
3.任务丙。（12月取得明显成效，牵头考核单位：市公安局）
`

func TestParseCleanPlan(t *testing.T) {
	t.Parallel()
	res := ParseText(cleanPlan, Options{})
	if len(res.Problems) != 0 {
		t.Fatalf("a correct plan must have no problems, got %+v", res.Problems)
	}
	if res.Title != "考评指标" || len(allTasks(res)) != 3 || !res.TotalPoints.Equal(decimal.NewFromInt(100)) {
		t.Errorf("result = %s", toJSON(t, res))
	}
	if res.HasErrors() {
		t.Error("HasErrors on a clean plan")
	}
}

func TestParseVariants(t *testing.T) {
	t.Parallel()
	replace := func(old, new string) string {
		if !strings.Contains(cleanPlan, old) {
			panic("test setup: " + old + " not in cleanPlan")
		}
		return strings.Replace(cleanPlan, old, new, 1)
	}
	tests := []struct {
		name  string
		input string
		want  []string // "line:CODE", in order
		check func(t *testing.T, r *Result)
	}{
		{
			name:  "task number skips",
			input: replace("2.任务乙", "4.任务乙"),
			want:  []string{"5:NUMBER_SEQUENCE", "7:NUMBER_SEQUENCE"},
			check: func(t *testing.T, r *Result) {
				if got := taskByNumber(t, r, 4).Text; got != "任务乙。" {
					t.Errorf("the task is still imported under its written number, text %q", got)
				}
				if msg := r.Problems[0].Message; !strings.Contains(msg, "“2.”至“3.”") {
					t.Errorf("message should name the skipped numbers: %s", msg)
				}
			},
		},
		{
			name:  "task number repeats",
			input: replace("2.任务乙", "1.任务乙"),
			want:  []string{"5:NUMBER_SEQUENCE", "7:NUMBER_SEQUENCE"},
		},
		{
			name:  "indicator number skips",
			input: replace("（二）热线", "（三）热线"),
			want:  []string{"6:NUMBER_SEQUENCE"},
			check: func(t *testing.T, r *Result) {
				if msg := r.Problems[0].Message; !strings.Contains(msg, "(二)") {
					t.Errorf("message should name the missing indicator: %s", msg)
				}
			},
		},
		{
			name:  "first dimension is not one",
			input: replace("一、政务服务", "二、政务服务"),
			want:  []string{"2:NUMBER_SEQUENCE"},
		},
		{
			name:  "unreadable dimension numeral",
			input: replace("一、政务服务", "十十、政务服务"),
			want:  []string{"2:BAD_NUMBERING"},
			check: func(t *testing.T, r *Result) {
				if r.Dimensions[0].Number != 1 {
					t.Errorf("number = %d, want 1 by sequence", r.Dimensions[0].Number)
				}
			},
		},
		{
			name:  "dimension numbered with a period",
			input: replace("一、政务服务", "一.政务服务"),
			want:  []string{"2:BAD_NUMBERING"},
			check: func(t *testing.T, r *Result) {
				if r.Problems[0].Severity != SeverityWarning || r.Dimensions[0].Name != "政务服务" {
					t.Errorf("got %+v", r.Problems[0])
				}
			},
		},
		{
			name:  "indicators do not add up to the dimension",
			input: replace("（40分）", "（30分）"),
			want:  []string{"2:POINTS_MISMATCH"},
			check: func(t *testing.T, r *Result) {
				if msg := withCode(r, CodePointsMismatch)[0].Message; !strings.Contains(msg, "90分") || !strings.Contains(msg, "100分") {
					t.Errorf("message should give both sums: %s", msg)
				}
			},
		},
		{
			name:  "one pointed task within the indicator",
			input: replace("任务甲。（6月底", "任务甲。（50分）（6月底"),
			want:  nil,
			check: func(t *testing.T, r *Result) {
				if p := taskByNumber(t, r, 1).Points; !pointsEqual(p, "50") {
					t.Errorf("points = %v", p)
				}
			},
		},
		{
			name: "task points over the indicator",
			input: strings.Replace(replace("任务甲。（6月底", "任务甲。（50分）（6月底"),
				"任务乙。（持续", "任务乙。（20分）（持续", 1),
			want: []string{"3:POINTS_MISMATCH"},
		},
		{
			name: "all tasks pointed but short of the indicator",
			input: strings.Replace(replace("任务甲。（6月底", "任务甲。（30分）（6月底"),
				"任务乙。（持续", "任务乙。（20分）（持续", 1),
			want: []string{"3:POINTS_MISMATCH"},
		},
		{
			name: "pointed tasks leave nothing for the others",
			input: strings.Replace(replace("任务甲。（6月底", "任务甲。（60分）（6月底"),
				"任务丙。（12月", "任务丙。（40分）（12月", 1),
			want: []string{"3:NO_POINTS_LEFT"},
		},
		{
			name:  "indicator without points",
			input: replace("热线（40分）", "热线"),
			want:  []string{"6:MISSING_POINTS"},
		},
		{
			name:  "task missing its lead unit",
			input: replace("（6月底完成，牵头考核单位：市审批服务局）", "（6月底完成）"),
			want:  []string{"4:MISSING_LEAD_UNIT"},
			check: func(t *testing.T, r *Result) {
				task := taskByNumber(t, r, 1)
				if task.Deadline.Month != 6 || len(task.LeadUnits) != 0 {
					t.Errorf("task = %+v", task)
				}
			},
		},
		{
			name:  "lead unit without its label",
			input: replace("（6月底完成，牵头考核单位：市审批服务局）", "（6月底完成，市审批服务局）"),
			want:  []string{"4:MISSING_LEAD_UNIT"},
			check: func(t *testing.T, r *Result) {
				if msg := r.Problems[0].Message; !strings.Contains(msg, "市审批服务局") {
					t.Errorf("message should quote the unlabeled text: %s", msg)
				}
			},
		},
		{
			name:  "task without any closing parenthetical",
			input: replace("任务甲。（6月底完成，牵头考核单位：市审批服务局）", "任务甲。"),
			want:  []string{"4:MISSING_LEAD_UNIT", "4:MISSING_DEADLINE"},
		},
		{
			name:  "task missing its deadline",
			input: replace("（6月底完成，牵头考核单位：", "（牵头考核单位："),
			want:  []string{"4:MISSING_DEADLINE"},
			check: func(t *testing.T, r *Result) {
				if lu := taskByNumber(t, r, 1).LeadUnits; len(lu) != 1 || lu[0].Name != "市审批服务局" {
					t.Errorf("lead units = %+v", lu)
				}
			},
		},
		{
			name:  "unclear deadline",
			input: replace("6月底完成", "按计划"),
			want:  []string{"4:UNCLEAR_DEADLINE"},
		},
		{
			name:  "task continued on the next line",
			input: replace("1.任务甲。（", "1.任务甲,\n还有后半句。（"),
			want:  nil,
			check: func(t *testing.T, r *Result) {
				if got := taskByNumber(t, r, 1).Text; got != "任务甲,还有后半句。" {
					t.Errorf("text = %q", got)
				}
				if got := taskByNumber(t, r, 2).Line; got != 6 {
					t.Errorf("task 2 line = %d, want 6", got)
				}
			},
		},
		{
			name:  "text after a closed task",
			input: replace("2.任务乙", "多出来的一行\n2.任务乙"),
			want:  []string{"5:UNPARSED_LINE"},
			check: func(t *testing.T, r *Result) {
				if got := taskByNumber(t, r, 1).Text; got != "任务甲。" {
					t.Errorf("the stray line must not join task 1: %q", got)
				}
			},
		},
		{
			name:  "text before the first dimension",
			input: replace("一、政务服务", "(2022年版)\n一、政务服务"),
			want:  []string{"2:UNPARSED_LINE"},
			check: func(t *testing.T, r *Result) {
				if r.Problems[0].Severity != SeverityWarning {
					t.Errorf("severity = %s", r.Problems[0].Severity)
				}
			},
		},
		{
			name:  "task before any indicator",
			input: replace("（一）平台建设（60分）\n", "1.孤立任务(持续推进,牵头考核单位:市公安局)\n（一）平台建设（60分）\n"),
			want:  []string{"3:ORPHAN_ITEM"},
		},
		{
			name:  "document ends mid-task",
			input: cleanPlan + "4.拓展智慧养老服务平台功能，",
			want:  []string{"8:TRUNCATED"},
			check: func(t *testing.T, r *Result) {
				task := taskByNumber(t, r, 4)
				if task.Text != "拓展智慧养老服务平台功能，" || len(task.LeadUnits) != 0 {
					t.Errorf("task = %+v", task)
				}
			},
		},
		{
			name:  "ASCII parentheses and spaced numbering",
			input: "考评指标\n一、政务服务(100分)\n(一)平台建设(60分)\n1 .任务甲。(6月底完成,牵头考核单位:市审批服务局)\n2、任务乙。(持续推进,牵头考核单位:市政府办公室,市公安局)\n(二)热线(40分)\n3．任务丙。(12月取得明显成效,牵头考核单位:市公安局)\n",
			want:  nil,
			check: func(t *testing.T, r *Result) {
				if got, want := toJSON(t, r), toJSON(t, ParseText(cleanPlan, Options{})); got != want {
					t.Errorf("ASCII spelling differs from full-width\n got: %s\nwant: %s", got, want)
				}
			},
		},
		{
			name:  "CRLF line endings",
			input: strings.ReplaceAll(cleanPlan, "\n", "\r\n"),
			want:  nil,
			check: func(t *testing.T, r *Result) {
				if len(allTasks(r)) != 3 {
					t.Errorf("tasks = %d", len(allTasks(r)))
				}
			},
		},
		{
			name:  "method text without appendix marker is read whole",
			input: "一、考评对象\n各旗县区。\n",
			want:  []string{"1:MISSING_POINTS", "1:NO_INDICATORS", "2:UNPARSED_LINE", "0:PLAN_TOTAL"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Parse([]byte(tc.input), Options{})
			got := problemKeys(res)
			if want := sortedKeys(tc.want); !slices.Equal(got, want) {
				t.Errorf("problems = %v, want %v\n%s", got, want, toJSON(t, res.Problems))
			}
			for _, p := range res.Problems {
				if p.Message == "" || (p.Severity != SeverityError && p.Severity != SeverityWarning) {
					t.Errorf("malformed problem %+v", p)
				}
			}
			if tc.check != nil {
				tc.check(t, res)
			}
		})
	}
}

// sortedKeys orders "line:CODE" keys as Parse orders problems: by line,
// keeping the given order within a line.
func sortedKeys(keys []string) []string {
	out := slices.Clone(keys)
	if out == nil {
		out = []string{}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		return lineOf(a) - lineOf(b)
	})
	return out
}

func lineOf(key string) int {
	n := 0
	for _, r := range key[:strings.IndexByte(key, ':')] {
		n = 10*n + int(r-'0')
	}
	return n
}

func TestParseBadFiles(t *testing.T) {
	t.Parallel()
	random := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(random)
	copy(random, "\x7fELF\x02\x01\x01\x00") // a NUL at byte 8, on line 1
	random[2000] = 0

	gbk := []byte("考评指标\n")
	gbk = append(gbk, 0xD5, 0xFE, 0xCE, 0xF1) // 政务 in GBK

	docx := buildDocx(t, docxFromLines(strings.Split(cleanPlan, "\n"), true))

	var utf16le bytes.Buffer
	utf16le.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(cleanPlan)) {
		_ = binary.Write(&utf16le, binary.LittleEndian, u)
	}

	zipNoDoc := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("xl/workbook.xml")
		_, _ = w.Write([]byte("<workbook/>"))
		_ = zw.Close()
		return buf.Bytes()
	}()

	tests := []struct {
		name     string
		input    []byte
		wantCode string // "" when the file must parse cleanly
		wantLine int
	}{
		{"empty file", []byte{}, CodeEmpty, 0},
		{"whitespace only", []byte(" \n\u3000\r\n\t"), CodeEmpty, 0},
		{"empty docx", buildDocx(t, "<w:p/>"), CodeEmpty, 0},
		{"binary with NUL bytes", random, CodeNotText, 1},
		{"GBK text", gbk, CodeNotText, 2},
		{"legacy Word doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random...), CodeNotText, 0},
		{"PDF", []byte("%PDF-1.7\n..."), CodeNotText, 0},
		{"zip without word document", zipNoDoc, CodeBadDocx, 0},
		{"truncated docx", docx[:len(docx)/2], CodeBadDocx, 0},
		{"broken document xml", buildDocx(t, "<w:p><w:r><w:t>一、</w:r></w:p>"), CodeBadDocx, 0},
		{"UTF-16 with byte-order mark", utf16le.Bytes(), "", 0},
		{"UTF-8 with byte-order mark", append([]byte("\uFEFF"), cleanPlan...), "", 0},
		{"docx of the clean plan", docx, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Parse(tc.input, Options{})
			if res == nil {
				t.Fatal("nil result")
			}
			if tc.wantCode == "" {
				if len(res.Problems) != 0 || len(allTasks(res)) != 3 {
					t.Errorf("want a clean parse of 3 tasks, got %d tasks, problems %+v", len(allTasks(res)), res.Problems)
				}
				return
			}
			if len(res.Problems) != 1 || res.Problems[0].Code != tc.wantCode || res.Problems[0].Line != tc.wantLine ||
				res.Problems[0].Severity != SeverityError {
				t.Fatalf("problems = %+v, want one %s ERROR on line %d", res.Problems, tc.wantCode, tc.wantLine)
			}
			if len(res.Dimensions) != 0 || !res.HasErrors() {
				t.Errorf("a bad file must not yield a plan: %s", toJSON(t, res))
			}
			// The JSON must stay usable for the page: empty lists, not null.
			if j := toJSON(t, res); !strings.Contains(j, `"dimensions":[]`) || !strings.Contains(j, `"newUnits":[]`) {
				t.Errorf("json = %s", j)
			}
		})
	}
}

func TestLeadUnitMatching(t *testing.T) {
	t.Parallel()
	plan := func(units ...string) string {
		var b strings.Builder
		b.WriteString("考评指标\n一、方面(100分)\n(一)指标(100分)\n")
		for i, u := range units {
			b.WriteString(itoa(i+1) + ".任务。(持续推进,牵头考核单位:" + u + ")\n")
		}
		return b.String()
	}
	type want struct {
		written, name string
		known         bool
	}
	tests := []struct {
		name     string
		text     string
		units    []Unit
		want     [][]want
		newUnits []string
		problems []string
	}{
		{
			name:     "exact catalogue name",
			text:     plan("市审批服务局"),
			units:    []Unit{{Name: "市审批服务局"}},
			want:     [][]want{{{"市审批服务局", "市审批服务局", true}}},
			newUnits: []string{},
		},
		{
			name:     "city prefix added",
			text:     plan("审批服务局"),
			units:    []Unit{{Name: "市审批服务局"}},
			want:     [][]want{{{"审批服务局", "市审批服务局", true}}},
			newUnits: []string{},
		},
		{
			name:     "city prefix removed",
			text:     plan("市公安局"),
			units:    []Unit{{Name: "公安局"}},
			want:     [][]want{{{"市公安局", "公安局", true}}},
			newUnits: []string{},
		},
		{
			name:     "prefix that is part of the name",
			text:     plan("市场监管局"),
			units:    []Unit{{Name: "市市场监管局"}},
			want:     [][]want{{{"市场监管局", "市市场监管局", true}}},
			newUnits: []string{},
		},
		{
			name:     "alias",
			text:     plan("市文旅局", "市文旅广电局"),
			units:    []Unit{{Name: "市文化旅游体育广电局", Aliases: []string{"市文旅局", "文旅广电局"}}},
			want:     [][]want{{{"市文旅局", "市文化旅游体育广电局", true}}, {{"市文旅广电局", "市文化旅游体育广电局", true}}},
			newUnits: []string{},
		},
		{
			name:     "new units spelled two ways become one",
			text:     plan("审批服务局、市公安局", "市审批服务局"),
			want:     [][]want{{{"审批服务局", "市审批服务局", false}, {"市公安局", "市公安局", false}}, {{"市审批服务局", "市审批服务局", false}}},
			newUnits: []string{"市审批服务局", "市公安局"},
		},
		{
			name:     "new unit without a prefixed spelling keeps its name",
			text:     plan("稀土高新区管委会"),
			want:     [][]want{{{"稀土高新区管委会", "稀土高新区管委会", false}}},
			newUnits: []string{"稀土高新区管委会"},
		},
		{
			name:     "blanks and full-width commas",
			text:     plan("市 政府办公室，市公安局"),
			want:     [][]want{{{"市 政府办公室", "市政府办公室", false}, {"市公安局", "市公安局", false}}},
			newUnits: []string{"市政府办公室", "市公安局"},
		},
		{
			name:     "one unit twice in a task",
			text:     plan("市公安局、公安局"),
			want:     [][]want{{{"市公安局", "市公安局", false}}},
			newUnits: []string{"市公安局"},
			problems: []string{"4:DUPLICATE_LEAD_UNIT"},
		},
		{
			name:     "similar new unit names",
			text:     plan("市文旅局", "市文旅广电局"),
			want:     [][]want{{{"市文旅局", "市文旅局", false}}, {{"市文旅广电局", "市文旅广电局", false}}},
			newUnits: []string{"市文旅局", "市文旅广电局"},
			problems: []string{"5:SIMILAR_UNIT"},
		},
		{
			name:     "co-operating units are not lead units",
			text:     plan("市公安局;配合单位:市审批服务局"),
			want:     [][]want{{{"市公安局", "市公安局", false}}},
			newUnits: []string{"市公安局"},
			problems: []string{"4:IGNORED_TEXT"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ParseText(tc.text, Options{Units: tc.units})
			tasks := allTasks(res)
			if len(tasks) != len(tc.want) {
				t.Fatalf("got %d tasks, want %d: %+v", len(tasks), len(tc.want), res.Problems)
			}
			for i, task := range tasks {
				var got []want
				for _, lu := range task.LeadUnits {
					got = append(got, want{lu.Written, lu.Name, lu.Known})
				}
				if !slices.Equal(got, tc.want[i]) {
					t.Errorf("task %d lead units = %+v, want %+v", task.Number, got, tc.want[i])
				}
			}
			if !slices.Equal(res.NewUnits, tc.newUnits) {
				t.Errorf("new units = %v, want %v", res.NewUnits, tc.newUnits)
			}
			if got, want := problemKeys(res), sortedKeys(tc.problems); !slices.Equal(got, want) {
				t.Errorf("problems = %v, want %v\n%s", got, want, toJSON(t, res.Problems))
			}
		})
	}
}

func TestParseDeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		phrase     string
		month      int
		state      DeadlineState
		continuing bool
		unclear    bool
	}{
		{"5月底取得明显成效并持续推进", 5, StateNotable, true, false},
		{"5月底取得阶段性成效并持续推进", 5, StateStaged, true, false},
		{"6月底完成", 6, StateCompleted, false, false},
		{"12月取得明显成效并持续推进", 12, StateNotable, true, false},
		{"持续优化", 0, StateOngoing, true, false},
		{"持续推进", 0, StateOngoing, true, false},
		{"十月底完成", 10, StateCompleted, false, false},
		{"１１月底完成", 11, StateCompleted, false, false},
		{"年底完成", 12, StateCompleted, false, false},
		{"上半年取得阶段性成效", 6, StateStaged, false, false},
		{"6月底", 6, "", false, true},
		{"完成", 0, StateCompleted, false, true},
		{"按计划推进", 0, "", false, true},
		{"13月底完成", 0, StateCompleted, false, true},
		{"6月底取得阶段性成效,12月底完成", 6, StateStaged, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.phrase, func(t *testing.T) {
			d, issue := parseDeadline(newSpan(tc.phrase))
			want := Deadline{Phrase: tc.phrase, Month: tc.month, State: tc.state, Continuing: tc.continuing}
			if d != want {
				t.Errorf("deadline = %+v, want %+v", d, want)
			}
			if (issue != "") != tc.unclear {
				t.Errorf("issue = %q, want unclear=%v", issue, tc.unclear)
			}
		})
	}
}

func TestChineseNumbers(t *testing.T) {
	t.Parallel()
	for n := 1; n <= 99; n++ {
		if got := chineseNumber(chineseNumeral(n)); got != n {
			t.Errorf("%d → %q → %d", n, chineseNumeral(n), got)
		}
	}
	for _, bad := range []string{"", "零", "十十", "一二", "百", "一十十"} {
		if got := chineseNumber(bad); got != 0 {
			t.Errorf("chineseNumber(%q) = %d, want 0", bad, got)
		}
	}
}
