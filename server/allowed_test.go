package main

import (
	"slices"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

type periodActions struct {
	Plans []struct {
		Periods []struct {
			ID             string
			State          string
			AllowedActions []string
		}
	}
}

func actionsByState(t *testing.T, a *api) map[string][]string {
	t.Helper()
	var out periodActions
	a.must(`{ plans { periods { id state allowedActions } } }`, nil, &out)
	got := map[string][]string{}
	for _, p := range out.Plans[0].Periods {
		got[p.State] = p.AllowedActions
	}
	return got
}

// The API says what the signed-in user may do in a period now — their
// roles and the period's state together — so the SPA needs no copy of the
// rules. The demo has a published first half and an open second half.
func TestPeriodAllowedActionsFollowRoleAndState(t *testing.T) {
	a := newAPI(t, true) // 专班
	got := actionsByState(t, a)
	if want := []string{"VERIFY_SCORES", "IMPORT_SOURCES", "MOVE_PERIOD"}; !slices.Equal(got["OPEN"], want) {
		t.Errorf("专班, open period: %v, want %v", got["OPEN"], want)
	}
	if want := []string{"MOVE_PERIOD"}; !slices.Equal(got["PUBLISHED"], want) {
		t.Errorf("专班, published period: %v, want %v (reopening)", got["PUBLISHED"], want)
	}
	a.loginAs(auth.RoleEvaluateeContact)
	got = actionsByState(t, a)
	if want := []string{"REPORT_PROGRESS"}; !slices.Equal(got["OPEN"], want) {
		t.Errorf("contact, open period: %v, want %v", got["OPEN"], want)
	}
	if want := []string{"SEE_OWN_RESULTS"}; !slices.Equal(got["PUBLISHED"], want) {
		t.Errorf("contact, published period: %v, want %v", got["PUBLISHED"], want)
	}
	a.loginAs(auth.RoleLeader)
	if got = actionsByState(t, a); len(got["OPEN"]) != 0 || len(got["PUBLISHED"]) != 0 {
		t.Errorf("leader may do nothing in a period: %v", got)
	}
}

// Score.enteredByMe is decided by who entered the score, not by a display
// name two users may share.
func TestScoreEnteredByMe(t *testing.T) {
	a := newAPI(t, true)
	a.login(a.mustUser("市政府办公室", auth.RoleLeadScorer, auth.RoleTaskForce), testPassword)
	var open string
	var ps periodActions
	a.must(`{ plans { periods { id state allowedActions } } }`, nil, &ps)
	for _, p := range ps.Plans[0].Periods {
		if p.State == "OPEN" {
			open = p.ID
		}
	}
	var sheet struct {
		ScoreSheet struct {
			Cells []struct {
				EvaluateeID, TaskID, MaxPoints string
				Score                          *struct{ Status string }
			}
		}
	}
	a.must(`query($p: ID!) { scoreSheet(periodId: $p) { cells { evaluateeId taskId maxPoints score { status } } } }`, map[string]any{"p": open}, &sheet)
	var cell *struct {
		EvaluateeID, TaskID, MaxPoints string
		Score                          *struct{ Status string }
	}
	for i, c := range sheet.ScoreSheet.Cells {
		if c.Score == nil {
			cell = &sheet.ScoreSheet.Cells[i]
			break
		}
	}
	if cell == nil {
		t.Fatal("the demo's open period has no unscored cell of 市政府办公室")
	}
	a.must(`mutation($p: ID!, $e: ID!, $t: ID!, $v: Decimal!) { saveScores(input: {periodId: $p, submit: true, entries: [{evaluateeId: $e, taskId: $t, value: $v, comment: "", version: 0}]}) { id } }`,
		map[string]any{"p": open, "e": cell.EvaluateeID, "t": cell.TaskID, "v": cell.MaxPoints}, nil)
	var q struct {
		VerificationQueue []struct {
			EvaluateeID, TaskID string
			EnteredByMe         bool
		}
	}
	a.must(`query($p: ID!) { verificationQueue(periodId: $p) { evaluateeId taskId enteredByMe } }`, map[string]any{"p": open}, &q)
	mine := 0
	for _, s := range q.VerificationQueue {
		if s.EnteredByMe {
			mine++
			if s.EvaluateeID != cell.EvaluateeID || s.TaskID != cell.TaskID {
				t.Errorf("enteredByMe on a score entered by someone else: %+v", s)
			}
		}
	}
	if mine != 1 || len(q.VerificationQueue) < 2 {
		t.Errorf("%d of %d queued scores marked as mine, want exactly the one just submitted", mine, len(q.VerificationQueue))
	}
}
