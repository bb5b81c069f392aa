// Package scoring is the scoring formula of DESIGN §2 as pure functions: task
// points, task scores, the four half-year components, the half-year score,
// the annual score and the ranking. It does no I/O and keeps no state; the
// same inputs always give the same digits.
//
// # Arithmetic
//
// Inputs are decimals (github.com/shopspring/decimal): points, weights,
// scores and imported values as entered. Inside, every value of the formula
// is an exact rational (math/big.Rat, wrapped in Exact): an equal share of
// an indicator's points is the fraction rest/n (2 points over 3 tasks is
// 2/3, not 0.666…67), a mean of lead scores is their sum over their number,
// and every division of §2.3–2.7 is a fraction, never cut after some
// digits. Nothing is rounded before the published figure, so a value that
// is exactly x.xx5 publishes as x.xx+0.01, never as x.xx.
//
// Rounding happens only at the edges, always half up (四舍五入; values are
// never negative, so half up is half away from zero): the published
// half-year score and the figures shown beside it to PublishedPlaces
// decimals (Exact.Published), and the long form of an exact value in the
// API and in explanations to ExactPlaces decimals (Exact.Decimal). Display
// values are always rounded from the exact fraction, never from another
// rounded value.
//
// # Full marks on shares
//
// A share with more than two decimals (1/7 of a point) cannot be entered,
// as scores have two decimals. MaxEntry is the highest score a lead unit
// may enter, the share rounded half up (2/3 → 0.67, 1/7 → 0.14, 10/3 →
// 3.33), and CountedEntry says what an entry counts as: exactly MaxEntry
// counts as the exact share, whichever way it rounded; anything lower
// counts as entered. CheckEntry is the rule for an entry. Score entry,
// verification, sheet templates and results all call these three.
package scoring

import (
	"errors"
	"math/big"
	"strings"

	"github.com/kaoping/kaoping/server/labels"
	"github.com/shopspring/decimal"
)

// Precision of what the package hands out (see the package documentation).
const (
	// ExactPlaces is the number of decimals of the long form of an exact
	// value (Exact.Decimal): what the API shows as "exact" and what the
	// explanations print. The value itself is a fraction.
	ExactPlaces int32 = 20
	// PublishedPlaces is the number of decimals of a published score.
	PublishedPlaces int32 = 2
)

// Errors returned by HalfYear. Invalid input is wrapped, so test with
// errors.Is.
var (
	// ErrInvalid marks input that breaks a rule of §2 (a score outside
	// [0, MaxEntry], weights not summing to 100, an unknown task, ...).
	ErrInvalid = errors.New("scoring: invalid input")
	// ErrNoScore means no half-year score exists: every component is
	// missing (or, under REDISTRIBUTE, every present component has weight 0).
	ErrNoScore = errors.New("scoring: no component to score")
)

// Method is one of the four evaluation methods (R3).
type Method string

// The four methods, in the order of the document. The values are the
// GraphQL enum ScoringMethod's names and what source_values.method and the
// frozen publications store: this is the one method type of the system.
const (
	DailyMonitoring Method = "DAILY_MONITORING" // 日常监测
	FieldVisit      Method = "FIELD_VISITS"     // 实地调研
	PublicOpinion   Method = "PUBLIC_OPINION"   // 民意调查
	ThirdParty      Method = "THIRD_PARTY"      // 第三方评估
)

// Methods returns the four methods in the document's order.
func Methods() []Method {
	return []Method{DailyMonitoring, FieldVisit, PublicOpinion, ThirdParty}
}

// Label is the method\'s Chinese name, as printed in circulars (server/labels).
func (m Method) Label() string { return labels.Of("ScoringMethod", string(m)) }

// LabelEn is the method's English name, for the English steps.
func (m Method) LabelEn() string { return labels.English("ScoringMethod", string(m)) }

// RoundPublished rounds a non-negative decimal half up to PublishedPlaces
// decimals: 84.125 → 84.13, 84.124999 → 84.12. For a value of the formula
// use Exact.Published, which rounds the fraction itself.
func RoundPublished(d decimal.Decimal) decimal.Decimal {
	return d.Round(PublishedPlaces)
}

// Exact is an exact value of the formula: a fraction. The zero Exact is 0.
// It is immutable: every operation returns a new value.
type Exact struct{ r *big.Rat }

// ExactOf is the exact value of a decimal.
func ExactOf(d decimal.Decimal) Exact { return Exact{d.Rat()} }

func (e Exact) rat() *big.Rat {
	if e.r == nil {
		return new(big.Rat)
	}
	return e.r
}

// Rat returns the fraction (a copy: changing it does not change e).
func (e Exact) Rat() *big.Rat { return new(big.Rat).Set(e.rat()) }

// Round rounds e half up (half away from zero) to places decimals.
func (e Exact) Round(places int32) decimal.Decimal {
	return decimal.NewFromBigRat(e.rat(), places)
}

// Published is e rounded half up to PublishedPlaces: how a score is
// published and how the figures beside it are shown.
func (e Exact) Published() decimal.Decimal { return e.Round(PublishedPlaces) }

// Decimal is e's long form: exact when it has at most ExactPlaces decimals,
// otherwise rounded half up to ExactPlaces (2/3 → 0.66666666666666666667).
func (e Exact) Decimal() decimal.Decimal { return e.Round(ExactPlaces) }

// String is the long form, as Decimal.
func (e Exact) String() string { return e.Decimal().String() }

// Cmp compares e and o: -1, 0 or +1.
func (e Exact) Cmp(o Exact) int { return e.rat().Cmp(o.rat()) }

// IsZero reports whether e is 0.
func (e Exact) IsZero() bool { return e.rat().Sign() == 0 }

// The arithmetic of the package; each returns a new value.

func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }

// quo is a / b; b must not be 0 (callers check).
func quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }

func ratInt(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

var hundred = decimal.NewFromInt(100)

// show formats a number for an explanation step: exactly when it has at most
// four decimals, otherwise rounded half up to four and marked "≈". It does
// not use Decimal.String, whose output depends on the decimal library's
// globals.
func show(d decimal.Decimal) string { return showRat(d.Rat()) }

func showRat(r *big.Rat) string {
	const places = 4
	rounded := decimal.NewFromBigRat(r, places)
	s := trimZeros(rounded.StringFixed(places))
	if rounded.Rat().Cmp(r) != 0 {
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
