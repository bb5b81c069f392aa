// Package scoring is the scoring formula of DESIGN §2 as pure functions: task
// points, task scores, the four half-year components, the half-year score,
// the annual score and the ranking. It does no I/O and keeps no state; the
// same inputs always give the same digits.
//
// # Arithmetic
//
// All arithmetic is decimal (github.com/shopspring/decimal), never binary
// floating point. Additions and multiplications are exact. Every division is
// rounded half up to DivPrecision fractional digits (DivRound with a package
// constant, so the package-level settings of the decimal library play no
// part). The "exact" values handed out in a Result are rounded once more, to
// ExactPlaces digits: the guard digits between the two absorb the rounding of
// chained divisions, so a value that is truly x.xx5 comes out as x.xx5 and is
// then published as x.xx+0.01, never as x.xx.
//
// Published values are rounded half up (四舍五入) to PublishedPlaces
// decimals; scores are never negative, so "half away from zero" (what
// decimal.Round does) is "half up".
package scoring

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"
)

// Precision of the arithmetic (see the package documentation).
const (
	// DivPrecision is the number of fractional digits every division keeps.
	DivPrecision int32 = 28
	// ExactPlaces is the number of fractional digits of the exact values in
	// a Result (components, H, rates, task points shared out).
	ExactPlaces int32 = 20
	// PublishedPlaces is the number of decimals of a published score.
	PublishedPlaces int32 = 2
)

// Errors returned by HalfYear. Invalid input is wrapped, so test with
// errors.Is.
var (
	// ErrInvalid marks input that breaks a rule of §2 (a score outside
	// [0, P_t], weights not summing to 100, an unknown task, ...).
	ErrInvalid = errors.New("scoring: invalid input")
	// ErrNoScore means no half-year score exists: every component is
	// missing (or, under REDISTRIBUTE, every present component has weight 0).
	ErrNoScore = errors.New("scoring: no component to score")
)

// Method is one of the four evaluation methods (R3).
type Method string

// The four methods, in the order of the document.
const (
	DailyMonitoring Method = "DM" // 日常监测
	FieldVisit      Method = "FV" // 实地调研
	PublicOpinion   Method = "PO" // 民意调查
	ThirdParty      Method = "TP" // 第三方评估
)

// Methods returns the four methods in the document's order.
func Methods() []Method {
	return []Method{DailyMonitoring, FieldVisit, PublicOpinion, ThirdParty}
}

// Label is the method's Chinese name, as printed in circulars.
func (m Method) Label() string {
	switch m {
	case DailyMonitoring:
		return "日常监测"
	case FieldVisit:
		return "实地调研"
	case PublicOpinion:
		return "民意调查"
	case ThirdParty:
		return "第三方评估"
	}
	return string(m)
}

// RoundPublished rounds a non-negative score half up to PublishedPlaces
// decimals: 84.125 → 84.13, 84.124999 → 84.12.
func RoundPublished(d decimal.Decimal) decimal.Decimal {
	return d.Round(PublishedPlaces)
}

var hundred = decimal.NewFromInt(100)

// div is the only division of the package: rounded half up to DivPrecision.
func div(a, b decimal.Decimal) decimal.Decimal {
	return a.DivRound(b, DivPrecision)
}

// exact rounds an internal value to the digits handed out in a Result.
func exact(d decimal.Decimal) decimal.Decimal {
	return d.Round(ExactPlaces)
}

// show formats a number for an explanation step: exactly when it has at most
// four decimals, otherwise rounded to four and marked "≈". It does not use
// Decimal.String, whose output depends on the decimal library's globals.
func show(d decimal.Decimal) string {
	const places = 4
	r := d.Round(places)
	s := trimZeros(r.StringFixed(places))
	if !r.Equal(d) {
		return "≈" + s
	}
	return s
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
