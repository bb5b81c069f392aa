// Package importer reads the official evaluation-method document (考评办法)
// and turns its indicator appendix into a plan tree — dimensions (方面),
// indicators (指标大项) and tasks (重点任务) with their points, deadlines and
// lead units — ready for an import.
//
// The parser never guesses silently. Whatever it cannot read exactly, or reads
// by a rule a user might not expect, becomes a Problem with a line number and
// a specific Chinese message; the caller shows them and decides whether to
// import. ERROR means the tree is incomplete or ambiguous where it matters
// (missing lead units, points that do not add up, lost text); WARNING means
// the tree was read as written but deserves a look.
//
// Line numbers count the lines of a text file, or the paragraphs of a .docx
// (a manual line break inside a paragraph starts a new line).
package importer

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// Unit is a known unit in the catalogue the document's lead units are matched against.
type Unit struct {
	Name    string
	Aliases []string
}

// Options configures Parse.
type Options struct {
	Units []Unit // catalogue of known units; may be empty
}

// Result is the plan tree read from one document, with every problem found.
type Result struct {
	Title       string          `json:"title"` // the appendix heading, or the document's first line
	Dimensions  []Dimension     `json:"dimensions"`
	NewUnits    []string        `json:"newUnits"` // lead units not in the catalogue, canonical spelling, first-seen order
	TotalPoints decimal.Decimal `json:"totalPoints"`
	Problems    []Problem       `json:"problems"` // ordered by line
}

// Dimension is one 方面, e.g. 一、政务服务“一网通办”(25分).
type Dimension struct {
	Number     int              `json:"number"`
	Name       string           `json:"name"`
	Points     *decimal.Decimal `json:"points"`
	Line       int              `json:"line"`
	Indicators []Indicator      `json:"indicators"`
}

// Indicator is one 指标大项, e.g. (一)一体化政务服务平台建设(3分).
type Indicator struct {
	Number int              `json:"number"`
	Name   string           `json:"name"`
	Points *decimal.Decimal `json:"points"`
	Line   int              `json:"line"`
	Tasks  []Task           `json:"tasks"`
}

// Task is one 重点任务 with its trailing (deadline,牵头考核单位:…) parenthetical.
type Task struct {
	Number    int              `json:"number"`
	Text      string           `json:"text"`
	Points    *decimal.Decimal `json:"points"` // nil when the task has no (x分) of its own
	Deadline  Deadline         `json:"deadline"`
	LeadUnits []LeadUnit       `json:"leadUnits"`
	Line      int              `json:"line"`
}

// Deadline is a task's deadline phrase and what it means.
type Deadline struct {
	Phrase     string        `json:"phrase"`          // as written, e.g. "5月底取得明显成效并持续推进"
	Month      int           `json:"month,omitempty"` // 1–12, 0 when none
	State      DeadlineState `json:"state,omitempty"` // expected state by Month
	Continuing bool          `json:"continuing"`      // 持续推进 / 持续优化 …: work goes on after the deadline
}

// DeadlineState is the state a task is expected to reach by its deadline.
type DeadlineState string

// Expected states named by the document.
const (
	StateCompleted DeadlineState = "COMPLETED"       // 完成
	StateStaged    DeadlineState = "STAGED_RESULTS"  // 取得阶段性成效
	StateNotable   DeadlineState = "NOTABLE_RESULTS" // 取得明显成效
	StateOngoing   DeadlineState = "ONGOING"         // 持续推进, 持续优化 with no other state
)

// LeadUnit is one 牵头考核单位 of a task.
type LeadUnit struct {
	Written string `json:"written"` // as in the text
	Name    string `json:"name"`    // canonical catalogue name, or the normalised new name
	Known   bool   `json:"known"`   // found in the catalogue
}

// Problem is something the importer could not read exactly.
type Problem struct {
	Line     int    `json:"line"` // 0 when it concerns the whole file
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"` // Chinese: what and why
}

// Severities.
const (
	SeverityError   = "ERROR"
	SeverityWarning = "WARNING"
)

// Problem codes. They are stable: callers may key help texts on them.
const (
	CodeEmpty           = "EMPTY"            // no text at all
	CodeNotText         = "NOT_TEXT"         // binary, wrong encoding, or a format we do not read
	CodeBadDocx         = "BAD_DOCX"         // a zip that is not a readable Word document
	CodeTooLarge        = "TOO_LARGE"        // the document would not fit the import limits
	CodeTruncated       = "TRUNCATED"        // the document ends in the middle of a task
	CodeBadNumbering    = "BAD_NUMBERING"    // numbering written in a form we read only loosely, or not at all
	CodeNumberSequence  = "NUMBER_SEQUENCE"  // numbering that skips or repeats
	CodeOrphanItem      = "ORPHAN_ITEM"      // an indicator before any dimension, a task before any indicator
	CodeMissingName     = "MISSING_NAME"     // numbering with no text after it
	CodeMissingPoints   = "MISSING_POINTS"   // a dimension or indicator without (x分)
	CodePointsMismatch  = "POINTS_MISMATCH"  // points that do not add up
	CodePointsPrecision = "POINTS_PRECISION" // points with more than two decimals, or above 100
	CodeNoPointsLeft    = "NO_POINTS_LEFT"   // tasks without points get nothing, the others took it all
	CodePlanTotal       = "PLAN_TOTAL"       // the dimensions do not total 100
	CodeNoDimensions    = "NO_DIMENSIONS"    // nothing that looks like a plan
	CodeNoIndicators    = "NO_INDICATORS"    // a dimension with no indicator
	CodeNoTasks         = "NO_TASKS"         // an indicator with no task
	CodeMissingLead     = "MISSING_LEAD_UNIT"
	CodeMissingDue      = "MISSING_DEADLINE"
	CodeUnclearDue      = "UNCLEAR_DEADLINE" // a deadline phrase read only in part
	CodeIgnoredText     = "IGNORED_TEXT"     // text inside the parenthetical that is not imported
	CodeDuplicateLead   = "DUPLICATE_LEAD_UNIT"
	CodeSimilarUnit     = "SIMILAR_UNIT" // two lead-unit names that may be one unit
	CodeUnparsedLine    = "UNPARSED_LINE"
	CodeTooMany         = "TOO_MANY_PROBLEMS"
	CodeInternal        = "INTERNAL"
)

// maxProblems keeps a result readable when a wrong file is imported: past
// this many, the rest are summarised in one problem.
const maxProblems = 1000

// HasErrors reports whether any problem is an ERROR.
func (r *Result) HasErrors() bool {
	for _, p := range r.Problems {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Parse reads a method document given as UTF-8 (or UTF-16 with a byte-order
// mark) text or as a Word .docx; the format is detected from the content, not
// a file name. It never panics and never returns nil.
func Parse(data []byte, opts Options) (res *Result) {
	defer recoverInto(&res)
	if isZip(data) {
		text, autoNumbered, prob := docxText(data)
		if prob != nil {
			return failed(*prob)
		}
		return parse(text, opts, true, autoNumbered)
	}
	text, prob := decodeText(data)
	if prob != nil {
		return failed(*prob)
	}
	return parse(text, opts, false, nil)
}

// ParseText reads a method document already decoded to a string.
// It never panics and never returns nil.
func ParseText(text string, opts Options) (res *Result) {
	defer recoverInto(&res)
	text, prob := checkText(text)
	if prob != nil {
		return failed(*prob)
	}
	return parse(text, opts, false, nil)
}

// recoverInto turns a panic — a bug, since every input should be handled —
// into a result the caller can still show, instead of crashing the server.
func recoverInto(res **Result) {
	if r := recover(); r != nil {
		*res = failed(Problem{Severity: SeverityError, Code: CodeInternal,
			Message: fmt.Sprintf("导入程序内部错误,文件未能解析(%v);请将文件提供给系统管理员", r)})
	}
}

func newResult() *Result {
	return &Result{
		Dimensions: []Dimension{},
		NewUnits:   []string{},
		Problems:   []Problem{},
	}
}

func failed(p Problem) *Result {
	res := newResult()
	res.Problems = append(res.Problems, p)
	return res
}

// sortProblems orders problems by line so that they read with the document;
// problems of one line keep the order they were found in.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}
