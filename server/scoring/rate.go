package scoring

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// EntryRate is what share of a task's points an entry earns, exactly:
// CountedEntry over the points, so MaxEntry is a rate of exactly 1 however
// the share rounded. ok is false for a task worth 0 points, which has no rate.
func EntryRate(entry decimal.Decimal, points Exact) (rate Exact, ok bool) {
	if points.IsZero() {
		return Exact{}, false
	}
	return Exact{quo(CountedEntry(entry, points).rat(), points.rat())}, true
}

// AtLeastRate reports whether rate ≥ threshold, exactly.
func AtLeastRate(rate Exact, threshold decimal.Decimal) bool {
	return rate.rat().Cmp(threshold.Rat()) >= 0
}

// SpreadAbove reports whether two entries of one task differ by more than
// fraction × points, exactly (each counted as CountedEntry).
func SpreadAbove(a, b decimal.Decimal, points Exact, fraction decimal.Decimal) bool {
	diff := new(big.Rat).Sub(CountedEntry(a, points).rat(), CountedEntry(b, points).rat())
	diff.Abs(diff)
	return diff.Cmp(mul(points.rat(), fraction.Rat())) > 0
}

// Diff is a − b, exactly.
func Diff(a, b Exact) Exact { return Exact{new(big.Rat).Sub(a.rat(), b.rat())} }

// Sum is a + b, exactly.
func Sum(a, b Exact) Exact { return Exact{add(a.rat(), b.rat())} }
