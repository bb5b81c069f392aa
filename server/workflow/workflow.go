// Package workflow is the period state machine of DESIGN §3 as data: which
// moves exist, which need a reason, and what may be done in each state.
// Only the 专班 moves periods; the checks of who may act are elsewhere
// (the @allow directives and the scope checks), this says when.
package workflow

import (
	"github.com/kaoping/kaoping/server/labels"
	"slices"
	"strings"
)

// State of a period.
type State string

const (
	Draft     State = "DRAFT"     // 筹备
	Open      State = "OPEN"      // 填报
	Review    State = "REVIEW"    // 审核
	Publicity State = "PUBLICITY" // 公示
	Published State = "PUBLISHED" // 发布
)

// Label is the state's Chinese name (server/labels).
func (s State) Label() string { return labels.Of("PeriodState", string(s)) }

// English is the state's English name, for messages in both languages.
func (s State) English() string { return labels.English("PeriodState", string(s)) }

// Action is something users do that depends on the period's state.
type Action string

const (
	ReportProgress Action = "REPORT_PROGRESS" // evaluatee contacts: progress reports and evidence
	EnterScores    Action = "ENTER_SCORES"    // lead units: save, submit, resubmit returned scores
	VerifyScores   Action = "VERIFY_SCORES"   // 专班: accept, adjust, return
	ImportSources  Action = "IMPORT_SOURCES"  // 专班: 民意调查 / 第三方评估 values
	SeeOwnResults  Action = "SEE_OWN_RESULTS" // evaluatee contacts: their own published results
	MovePeriod     Action = "MOVE_PERIOD"     // 专班: any of Moves from the current state
)

// Permitted is the table of what may be done in each state. It is repeated
// in README.md; TestPermittedTableMatchesREADME keeps them together.
var Permitted = map[State][]Action{
	Draft:     {},
	Open:      {ReportProgress, EnterScores, VerifyScores, ImportSources},
	Review:    {EnterScores, VerifyScores, ImportSources},
	Publicity: {SeeOwnResults},
	Published: {SeeOwnResults},
}

// Allows reports whether a is permitted in s.
func Allows(s State, a Action) bool { return slices.Contains(Permitted[s], a) }

// Move is a transition.
type Move struct {
	From, To State
	// NeedsReason: going back, above all reopening a published period, must
	// say why; the reason is kept with the period and in the audit log.
	NeedsReason bool
	// Publishes: entering 公示 freezes the results (a publication), which
	// requires every carried task to have a verified score from each of its
	// lead units.
	Publishes bool
	// Unpublishes: leaving 公示 or 发布 backwards supersedes the publication.
	Unpublishes bool
}

// Moves lists every allowed transition.
var Moves = []Move{
	{From: Draft, To: Open},
	{From: Open, To: Draft, NeedsReason: true},
	{From: Open, To: Review},
	{From: Review, To: Open, NeedsReason: true},
	{From: Review, To: Publicity, Publishes: true},
	{From: Publicity, To: Review, NeedsReason: true, Unpublishes: true},
	{From: Publicity, To: Published},
	{From: Published, To: Review, NeedsReason: true, Unpublishes: true},
}

// Find returns the move from → to, if allowed.
func Find(from, to State) (Move, bool) {
	for _, m := range Moves {
		if m.From == from && m.To == to {
			return m, true
		}
	}
	return Move{}, false
}

// Next lists the states a period in s may move to.
func Next(s State) []State {
	var out []State
	for _, m := range Moves {
		if m.From == s {
			out = append(out, m.To)
		}
	}
	return out
}

// Table renders Permitted as the Markdown table the README shows.
func Table() string {
	actions := []Action{ReportProgress, EnterScores, VerifyScores, ImportSources, SeeOwnResults}
	var b strings.Builder
	b.WriteString("| state |")
	for _, a := range actions {
		b.WriteString(" " + string(a) + " |")
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(actions)) + "\n")
	for _, s := range []State{Draft, Open, Review, Publicity, Published} {
		b.WriteString("| " + string(s) + " " + s.Label() + " |")
		for _, a := range actions {
			mark := "–"
			if Allows(s, a) {
				mark = "✓"
			}
			b.WriteString(" " + mark + " |")
		}
		b.WriteString("\n")
	}
	return strings.TrimSpace(b.String())
}
