package scoring

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Why an entered score is refused (CheckEntry). Each wraps ErrInvalid.
var (
	ErrEntryNegative = fmt.Errorf("%w: the score is negative", ErrInvalid)
	ErrEntryPlaces   = fmt.Errorf("%w: the score has more than two decimals", ErrInvalid)
	ErrEntryAboveMax = fmt.Errorf("%w: the score exceeds the task's full marks", ErrInvalid)
)

// EntryPlaces is the number of decimals a lead unit's score may have (§2.2).
const EntryPlaces int32 = 2

// MaxEntry is the highest score a lead unit may enter for a task worth
// points (§2.2): the points rounded half up to two decimals. For points
// with at most two decimals that is the points themselves; for a share
// with more (2/3 → 0.67, 1/7 → 0.14, 10/3 → 3.33) it is the share rounded,
// and entering it counts as the exact share (CountedEntry).
func MaxEntry(points Exact) decimal.Decimal { return points.Round(EntryPlaces) }

// CountedEntry is what an entry counts as in the formula: exactly MaxEntry
// counts as the exact points (full marks, whichever way the share rounded);
// any lower entry counts as entered. The entry should have passed
// CheckEntry.
func CountedEntry(entry decimal.Decimal, points Exact) Exact {
	return countedEntry(entry, points, MaxEntry(points))
}

// countedEntry is CountedEntry with MaxEntry(points) computed once per task.
func countedEntry(entry decimal.Decimal, points Exact, max decimal.Decimal) Exact {
	if entry.Equal(max) {
		return points
	}
	return ExactOf(entry)
}

// CheckEntry is the rule for an entered score (§2.2): 0 ≤ entry ≤
// MaxEntry(points), with at most two decimals (by value: 12.500 is 12.5).
// The error is one of ErrEntryNegative, ErrEntryPlaces, ErrEntryAboveMax.
func CheckEntry(entry decimal.Decimal, points Exact) error {
	return checkEntry(entry, MaxEntry(points))
}

func checkEntry(entry, max decimal.Decimal) error {
	switch {
	case entry.IsNegative():
		return ErrEntryNegative
	case !entry.Equal(entry.Round(EntryPlaces)):
		return ErrEntryPlaces
	case entry.GreaterThan(max):
		return ErrEntryAboveMax
	}
	return nil
}
