package graph

import (
	"time"

	"github.com/kaoping/kaoping/server/apperr"
)

// dateText shows a date column as YYYY-MM-DD; nil stays nil.
func dateText(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// parseDay reads an optional YYYY-MM-DD argument as a calendar day at
// midnight UTC (how PostgreSQL date columns are written and read).
func parseDay(field string, s *string) (*time.Time, error) {
	if s == nil || *s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return nil, apperr.Field(field, "datetime", "日期格式应为YYYY-MM-DD", "date must be YYYY-MM-DD")
	}
	return &t, nil
}
