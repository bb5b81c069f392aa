package workflow

import "time"

// The evaluation's calendar: a period's windows (the last day of 填报, of
// 公示) are calendar days on the wall clock of Asia/Shanghai, whatever the
// server's time zone.

// Shanghai is the time zone every date of the evaluation is read in.
var Shanghai = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return l
	}
	return time.FixedZone("CST", 8*60*60) // no tzdata: China has no DST
}()

// Today is the calendar day of now in Asia/Shanghai, at midnight UTC (the
// way PostgreSQL date columns arrive).
func Today(now time.Time) time.Time {
	y, m, d := now.In(Shanghai).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysLeft counts the days from today to a window's last day: 0 on the last
// day itself, negative once it has passed; nil without a date.
func DaysLeft(today time.Time, last *time.Time) *int {
	if last == nil {
		return nil
	}
	l := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	n := int(l.Sub(today).Hours() / 24)
	return &n
}
