package workflow

import "testing"

func TestMoves(t *testing.T) {
	t.Parallel()
	cases := []struct {
		from, to            State
		ok, reason, publish bool
	}{
		{Draft, Open, true, false, false},
		{Open, Review, true, false, false},
		{Review, Publicity, true, false, true},
		{Publicity, Published, true, false, false},
		{Published, Review, true, true, false},
		{Publicity, Review, true, true, false},
		{Review, Open, true, true, false},
		{Draft, Published, false, false, false},
		{Open, Publicity, false, false, false},
		{Published, Open, false, false, false},
		{Published, Published, false, false, false},
	}
	for _, c := range cases {
		m, ok := Find(c.from, c.to)
		if ok != c.ok || m.NeedsReason != c.reason || m.Publishes != c.publish {
			t.Errorf("%s → %s: ok %v reason %v publishes %v, want %v %v %v", c.from, c.to, ok, m.NeedsReason, m.Publishes, c.ok, c.reason, c.publish)
		}
	}
}

func TestPublishedPeriodIsLocked(t *testing.T) {
	t.Parallel()
	for _, a := range []Action{ReportProgress, EnterScores, VerifyScores, ImportSources} {
		if Allows(Published, a) || Allows(Publicity, a) {
			t.Errorf("%s allowed after publication", a)
		}
	}
	if !Allows(Open, EnterScores) || Allows(Draft, EnterScores) || !Allows(Review, VerifyScores) || Allows(Review, ReportProgress) {
		t.Error("entry and verification states are wrong")
	}
}
