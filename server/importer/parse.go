package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

var (
	// reAppendix is the bare 附件 line that opens the appendix; the body's
	// "附件:包头市数字政府建设考评指标" only refers to it.
	reAppendix = regexp.MustCompile(`^附件\s*[0-9一二三四五六七八九十]*\s*:?$`)
	// reDimension is 一、name(25分).
	reDimension = regexp.MustCompile(`^([一二三四五六七八九十百零〇两]+)\s*、\s*`)
	// reDimensionLoose is 一.name / 一,name: read as a dimension, but reported.
	reDimensionLoose = regexp.MustCompile(`^([一二三四五六七八九十]+)\s*[.,:]\s*`)
	// reIndicator is (一)name(3分), full-width or ASCII parentheses.
	reIndicator = regexp.MustCompile(`^\(\s*([一二三四五六七八九十百零〇两]+)\s*\)\s*`)
	// reTask is 1.text, 1 .text, 1、text (1. is folded to 1.).
	reTask = regexp.MustCompile(`^(\d{1,4})\s*([.、])\s*`)
	// rePoints is a trailing (25分), (1.5分).
	rePoints = regexp.MustCompile(`\(\s*(\d+(?:\.\d+)?)\s*分\s*\)\s*$`)
)

type itemKind int

const (
	kindOther itemKind = iota // text: a title, a continuation, or junk
	kindDimension
	kindIndicator
	kindTask
)

// item is a line read as the start of a dimension, indicator or task.
type item struct {
	kind   itemKind
	number int    // 0 when the numeral could not be read
	label  string // the numbering as written, e.g. "三、", "(三)", "5."
	rest   span   // what follows the numbering
	loose  bool   // the numbering is in a non-standard form (一. for 一、)
}

// classify reads the numbering at the start of a line. nextTask is the task
// number expected next: it decides whether "3.5万户…" is task 3 or a sentence
// that happens to start with a decimal number.
func classify(s span, nextTask int) item {
	if loc := s.find(reDimension); loc != nil {
		return numbered(s, loc, kindDimension, chineseNumber(s.group(loc, 1)))
	}
	if loc := s.find(reIndicator); loc != nil {
		return numbered(s, loc, kindIndicator, chineseNumber(s.group(loc, 1)))
	}
	if loc := s.find(reTask); loc != nil {
		n, _ := strconv.Atoi(s.group(loc, 1))
		sepEnd := loc[5]
		if s.group(loc, 2) == "." && sepEnd < s.len() && isDigit(s.norm[sepEnd]) && n != nextTask {
			return item{kind: kindOther}
		}
		return numbered(s, loc, kindTask, n)
	}
	if loc := s.find(reDimensionLoose); loc != nil {
		it := numbered(s, loc, kindDimension, chineseNumber(s.group(loc, 1)))
		it.loose = true
		return it
	}
	return item{kind: kindOther}
}

func numbered(s span, loc []int, kind itemKind, n int) item {
	return item{kind: kind, number: n, label: s.slice(0, loc[1]).trim().text(), rest: s.slice(loc[1], s.len()).trim()}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// splitPoints separates a trailing (x分) from a dimension or indicator name.
func splitPoints(s span) (span, *decimal.Decimal) {
	loc := s.find(rePoints)
	if loc == nil {
		return s, nil
	}
	d, err := decimal.NewFromString(s.group(loc, 1))
	if err != nil { // cannot happen: the pattern admits only decimals
		return s, nil
	}
	return s.slice(0, loc[0]).trim(), &d
}

type line struct {
	no int
	s  span // trimmed
}

func splitLines(text string) []line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]line, len(raw))
	for i, r := range raw {
		lines[i] = line{no: i + 1, s: newSpan(r).trim()}
	}
	return lines
}

// pendingTask is a task whose text may still continue on the next lines.
type pendingTask struct {
	number int
	line   int
	body   span
	orphan bool // read before any indicator: reported and dropped
}

type parser struct {
	res          *Result
	autoNumbered map[int]bool // lines whose Word paragraph has automatic numbering
	headLine     int          // line of the title, 0 when none
	lastTask     int          // number of the last task, for the sequence check
	pending      *pendingTask
}

// parse reads decoded text; fromDocx only words the messages.
func parse(text string, opts Options, fromDocx bool, autoNumbered map[int]bool) *Result {
	p := &parser{res: newResult(), autoNumbered: autoNumbered}
	lines := splitLines(text)
	if allBlank(lines) {
		p.emptyFile(text, fromDocx)
		return p.res
	}
	for _, ln := range p.findStart(lines) {
		p.line(ln)
	}
	p.finishTask(true)
	p.checkStructure()
	p.checkPoints()
	p.resolveUnits(opts.Units)
	p.checkTotal()
	sortProblems(p.res.Problems)
	return p.res
}

func allBlank(lines []line) bool {
	for _, ln := range lines {
		if !ln.s.empty() {
			return false
		}
	}
	return true
}

func (p *parser) emptyFile(text string, fromDocx bool) {
	msg := "文件为空(0字节),没有可导入的内容"
	switch {
	case fromDocx:
		msg = "Word文档中没有任何文字,没有可导入的内容"
	case text != "":
		msg = "文件只有空白字符,没有可导入的内容"
	}
	p.problem(0, SeverityError, CodeEmpty, "%s", msg)
}

// problem records a problem; past maxProblems it records one summary instead.
func (p *parser) problem(line int, severity, code, format string, args ...any) {
	ps := &p.res.Problems
	switch {
	case len(*ps) < maxProblems:
		*ps = append(*ps, Problem{Line: line, Severity: severity, Code: code, Message: fmt.Sprintf(format, args...)})
	case len(*ps) == maxProblems:
		*ps = append(*ps, Problem{Line: line, Severity: SeverityError, Code: CodeTooMany,
			Message: fmt.Sprintf("问题超过%d条,自第%d行起不再列出;请确认导入的是考评办法文件", maxProblems, line)})
	}
}

// findStart sets the title and returns the lines of the indicator list.
// The method's own text comes first and is numbered like dimensions
// (一、考评对象), so when the document has an appendix only the appendix is
// read: it starts at a bare 附件 line and its first line is the heading.
// Without one, a "…考评指标" heading directly followed by a dimension marks
// the start; failing that, the whole text is the list.
func (p *parser) findStart(lines []line) []line {
	for i, ln := range lines {
		if !reAppendix.MatchString(ln.s.String()) {
			continue
		}
		if j := nextNonBlank(lines, i+1); j >= 0 && classify(lines[j].s, 1).kind == kindOther {
			p.setTitle(lines[j])
			return lines[j+1:]
		}
		p.titleFromFirstLine(lines)
		return lines[i+1:]
	}
	for i, ln := range lines {
		norm := ln.s.String()
		if !strings.HasSuffix(norm, "考评指标") || strings.HasPrefix(norm, "附件") {
			continue
		}
		if j := nextNonBlank(lines, i+1); j >= 0 && classify(lines[j].s, 1).kind == kindDimension {
			p.setTitle(ln)
			return lines[i+1:]
		}
	}
	if j := p.titleFromFirstLine(lines); j >= 0 {
		return lines[j+1:]
	}
	return lines
}

// titleFromFirstLine takes the document's first line as the title unless it
// is already an item; it returns the line's index, or -1.
func (p *parser) titleFromFirstLine(lines []line) int {
	j := nextNonBlank(lines, 0)
	if j < 0 || classify(lines[j].s, 1).kind != kindOther {
		return -1
	}
	p.setTitle(lines[j])
	return j
}

func (p *parser) setTitle(ln line) {
	p.res.Title = ln.s.text()
	p.headLine = ln.no
}

func nextNonBlank(lines []line, from int) int {
	for j := from; j < len(lines); j++ {
		if !lines[j].s.empty() {
			return j
		}
	}
	return -1
}

func (p *parser) line(ln line) {
	if ln.s.empty() {
		return
	}
	it := classify(ln.s, p.lastTask+1)
	if it.kind != kindOther {
		p.finishTask(false)
	}
	switch it.kind {
	case kindDimension:
		p.dimension(ln, it)
	case kindIndicator:
		p.indicator(ln, it)
	case kindTask:
		p.startTask(ln, it)
	default:
		p.continuation(ln)
	}
}

func (p *parser) dim() *Dimension {
	if n := len(p.res.Dimensions); n > 0 {
		return &p.res.Dimensions[n-1]
	}
	return nil
}

func (p *parser) ind() *Indicator {
	d := p.dim()
	if d == nil || len(d.Indicators) == 0 {
		return nil
	}
	return &d.Indicators[len(d.Indicators)-1]
}

func (p *parser) dimension(ln line, it item) {
	if it.loose {
		p.problem(ln.no, SeverityWarning, CodeBadNumbering,
			"方面编号“%s”应写作“%s”(中文数字加顿号);已按第%s个方面读取,请核对", it.label, dimLabel(it.number), chineseNumeral(it.number))
	}
	prev := 0
	if d := p.dim(); d != nil {
		prev = d.Number
	}
	n := p.number(ln, it, prev, "方面", dimLabel)
	p.checkSequence(ln.no, "方面", n, prev, false, dimLabel)

	name, points := splitPoints(it.rest)
	if name.empty() {
		p.problem(ln.no, SeverityError, CodeMissingName, "方面“%s”编号后没有名称", it.label)
	}
	if points == nil {
		p.problem(ln.no, SeverityError, CodeMissingPoints,
			"方面“%s”末尾没有分值“(x分)”,无法核对其下指标的分值;请补上分值", excerpt(ln.s.text()))
	}
	p.res.Dimensions = append(p.res.Dimensions, Dimension{
		Number: n, Name: name.text(), Points: points, Line: ln.no, Indicators: []Indicator{},
	})
}

func (p *parser) indicator(ln line, it item) {
	d := p.dim()
	if d == nil {
		p.problem(ln.no, SeverityError, CodeOrphanItem,
			"指标“%s”出现在第一个方面(形如“一、名称(25分)”)之前,无法归属到方面,未导入", excerpt(ln.s.text()))
		return
	}
	prev := 0
	if n := len(d.Indicators); n > 0 {
		prev = d.Indicators[n-1].Number
	}
	n := p.number(ln, it, prev, "指标", indLabel)
	p.checkSequence(ln.no, "指标", n, prev, false, indLabel)

	name, points := splitPoints(it.rest)
	if name.empty() {
		p.problem(ln.no, SeverityError, CodeMissingName, "指标“%s”编号后没有名称", it.label)
	}
	if points == nil {
		p.problem(ln.no, SeverityError, CodeMissingPoints,
			"指标“%s”末尾没有分值“(x分)”,无法计算其下任务的分值;请补上分值", excerpt(ln.s.text()))
	}
	d.Indicators = append(d.Indicators, Indicator{
		Number: n, Name: name.text(), Points: points, Line: ln.no, Tasks: []Task{},
	})
}

// number returns the item's number; an unreadable numeral is reported and
// replaced by the next number in sequence, so the rest still imports.
func (p *parser) number(ln line, it item, prev int, what string, label func(int) string) int {
	if it.number > 0 {
		return it.number
	}
	p.problem(ln.no, SeverityError, CodeBadNumbering,
		"%s编号“%s”不是可识别的中文数字(一至九十九),已按顺序记为“%s”;请核对编号", what, it.label, label(prev+1))
	return prev + 1
}

// checkSequence reports numbering that skips or repeats. restartOK admits a
// restart at 1 (tasks may be numbered per indicator or through the document).
func (p *parser) checkSequence(lineNo int, what string, got, prev int, restartOK bool, label func(int) string) {
	want := prev + 1
	if got == want || (restartOK && got == 1) {
		return
	}
	switch {
	case prev == 0 && got > want:
		p.problem(lineNo, SeverityError, CodeNumberSequence,
			"第一个%s应编号为“%s”,这里是“%s”;%s可能漏掉了,请核对", what, label(want), label(got), skipped(want, got-1, label))
	case got > want:
		p.problem(lineNo, SeverityError, CodeNumberSequence,
			"%s编号“%s”紧接在“%s”之后,跳过了%s,可能漏掉了内容;请核对", what, label(got), label(prev), skipped(want, got-1, label))
	default:
		p.problem(lineNo, SeverityError, CodeNumberSequence,
			"%s编号“%s”重复或倒序(上一个是“%s”,应为“%s”);请核对", what, label(got), label(prev), label(want))
	}
}

func skipped(from, to int, label func(int) string) string {
	if from == to {
		return "“" + label(from) + "”"
	}
	return "“" + label(from) + "”至“" + label(to) + "”"
}

func dimLabel(n int) string  { return chineseNumeral(n) + "、" }
func indLabel(n int) string  { return "(" + chineseNumeral(n) + ")" }
func taskLabel(n int) string { return strconv.Itoa(n) + "." }

func (p *parser) startTask(ln line, it item) {
	ind := p.ind()
	// A document may number tasks through the whole plan (the seed does) or
	// anew in each indicator; 1 is fine at an indicator's first task.
	restartOK := ind != nil && len(ind.Tasks) == 0
	p.checkSequence(ln.no, "任务", it.number, p.lastTask, restartOK, taskLabel)
	p.lastTask = it.number
	// The body gets storage of its own: continuation lines are appended to it.
	body := span{}.join(it.rest)
	p.pending = &pendingTask{number: it.number, line: ln.no, body: body, orphan: ind == nil}
}

// maxCloser bounds how far back from a task's end the closing parenthetical
// is looked for. Real ones are under 200 characters; without a bound, every
// continuation line would rescan the whole task, quadratic on a hostile file.
const maxCloser = 1000

// closed tells whether a task's text already ends in its closing parenthetical.
func closed(body span) bool {
	return splitTask(body.slice(max(0, body.len()-maxCloser), body.len())).closer != nil
}

// continuation handles a line that starts no item: it continues the current
// task if that task is still open, and is reported otherwise.
func (p *parser) continuation(ln line) {
	t := p.pending
	text := excerpt(ln.s.text())
	switch {
	case p.autoNumbered[ln.no]:
		// Never a continuation: Word numbered it as an item of its own.
		p.problem(ln.no, SeverityError, CodeUnparsedLine,
			"本行“%s”使用了Word自动编号,编号不在文字中,无法判断它是方面、指标还是任务;请在Word中将自动编号转换为普通文本后重新导入", text)
	case t != nil && !closed(t.body):
		t.body = joinLines(t.body, ln.s)
	case t != nil:
		p.problem(ln.no, SeverityError, CodeUnparsedLine,
			"本行“%s”不是方面、指标或任务的开头,而上一任务%d已由末尾的“(时限,牵头考核单位:…)”结束,无法续接;未导入,请核对是否漏写了编号", text, t.number)
	case len(p.res.Dimensions) == 0:
		p.problem(ln.no, SeverityWarning, CodeUnparsedLine,
			"本行“%s”位于第一个方面之前,不是方面、指标或任务,已忽略", text)
	default:
		p.problem(ln.no, SeverityError, CodeUnparsedLine,
			"本行“%s”不是方面、指标或任务的开头,上一行也不是未结束的任务,无法归属;未导入,请核对是否漏写了编号", text)
	}
}

// joinLines appends a wrapped line to the text before it, in a's storage
// (a must own it). Chinese text wraps anywhere and joins without a space;
// words in Latin script need one.
func joinLines(a, b span) span {
	if isLatin(a.last()) && !b.empty() && isLatin(b.norm[0]) {
		a.norm, a.orig = append(a.norm, ' '), append(a.orig, ' ')
	}
	a.norm, a.orig = append(a.norm, b.norm...), append(a.orig, b.orig...)
	return a
}

func isLatin(r rune) bool { return r < 0x80 && (isDigit(r) || r|0x20 >= 'a' && r|0x20 <= 'z') }

// finishTask completes the pending task once the next item starts or the
// document ends.
func (p *parser) finishTask(eof bool) {
	pt := p.pending
	if pt == nil {
		return
	}
	p.pending = nil
	if pt.orphan {
		p.problem(pt.line, SeverityError, CodeOrphanItem,
			"任务%d出现在其所属方面的第一个指标(形如“(一)名称(3分)”)之前,无法归属到指标,未导入", pt.number)
		return
	}
	parts := splitTask(pt.body)
	task := Task{Number: pt.number, Text: parts.body.text(), Points: parts.points, LeadUnits: []LeadUnit{}, Line: pt.line}
	if task.Text == "" {
		p.problem(pt.line, SeverityError, CodeMissingName, "任务%d编号后没有任务内容", pt.number)
	}
	switch {
	case parts.closer != nil:
		p.readCloser(&task, *parts.closer)
	case eof && !endsSentence(parts.body):
		p.problem(pt.line, SeverityError, CodeTruncated,
			"文档在任务%d中途结束:“%s”之后没有“(时限,牵头考核单位:…)”,文字也未写完;该任务已按现有文字导入,没有时限和牵头考核单位,其后的任务、指标和方面都缺失,请补全文档后重新导入",
			pt.number, excerptTail(task.Text))
	default:
		p.problem(pt.line, SeverityError, CodeMissingLead,
			"任务%d末尾没有“(时限,牵头考核单位:…)”,没有牵头考核单位,无法确定由谁考核", pt.number)
		p.problem(pt.line, SeverityWarning, CodeMissingDue,
			"任务%d末尾没有“(时限,牵头考核单位:…)”,没有时限,无法跟踪是否逾期", pt.number)
	}
	ind := p.ind()
	ind.Tasks = append(ind.Tasks, task)
}

// endsSentence tells a task that was written to its end (and merely lacks the
// parenthetical) from one cut off mid-sentence.
func endsSentence(s span) bool {
	return strings.ContainsRune("。.!?！？;)”\"", s.last())
}

// excerptTail shows the end of a long text: that is where it was cut off.
func excerptTail(s string) string {
	const max = 30
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return "…" + string(r[len(r)-max:])
}

var chineseDigits = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// chineseNumber reads 一 … 九十九; 0 when the numeral is not one of those.
func chineseNumber(s string) int {
	r := []rune(s)
	digit := func(c rune) (int, bool) {
		d, ok := chineseDigits[c]
		return d, ok && d > 0
	}
	switch len(r) {
	case 1:
		if r[0] == '十' {
			return 10
		}
		if d, ok := digit(r[0]); ok {
			return d
		}
	case 2:
		if r[0] == '十' {
			if d, ok := digit(r[1]); ok {
				return 10 + d
			}
		} else if r[1] == '十' {
			if d, ok := digit(r[0]); ok {
				return 10 * d
			}
		}
	case 3:
		t, ok1 := digit(r[0])
		u, ok2 := digit(r[2])
		if ok1 && ok2 && r[1] == '十' {
			return 10*t + u
		}
	}
	return 0
}

// chineseNumeral writes n (1–99) as the document does; other numbers in digits.
func chineseNumeral(n int) string {
	const digits = "零一二三四五六七八九"
	d := []rune(digits)
	switch {
	case n < 1 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return string(d[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(d[n-10])
	case n%10 == 0:
		return string(d[n/10]) + "十"
	default:
		return string(d[n/10]) + "十" + string(d[n%10])
	}
}
