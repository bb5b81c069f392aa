package main

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// TestAnalystsReadProgressReports (issue 11): analysts, like the 专班,
// inspectors and leaders, read any evaluatee's progress reports and open
// their evidence, read-only; an auditor does not.
func TestAnalystsReadProgressReports(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	contact := s.mustUser("甲区", auth.RoleEvaluateeContact)
	s.login(contact, testPassword)
	var rep struct{ SaveProgressReport struct{ ID string } }
	s.must(`mutation($p: ID!, $e: ID!, $t: ID!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: IN_PROGRESS, narrative: "推进中", version: 0}) { id } }`,
		map[string]any{"p": s.h2, "e": s.jia, "t": s.task}, &rep)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 64)...)
	if errs := s.upload(`mutation($r: ID!, $f: Upload!) { uploadEvidence(reportId: $r, file: $f) { id } }`,
		map[string]any{"r": rep.SaveProgressReport.ID, "f": nil}, "variables.f", "佐证.png", png, nil); len(errs) > 0 {
		t.Fatal(errs)
	}

	reports := `query($p: ID!, $e: ID!) { progressReports(periodId: $p, evaluateeId: $e) { id state narrative evidence { filename url } } }`
	vars := map[string]any{"p": s.h2, "e": s.jia}
	s.loginAs(auth.RoleAnalyst)
	var got struct {
		ProgressReports []struct {
			ID, State, Narrative string
			Evidence             []struct{ Filename, URL string }
		}
	}
	s.must(reports, vars, &got)
	if len(got.ProgressReports) != 1 || got.ProgressReports[0].ID != rep.SaveProgressReport.ID || got.ProgressReports[0].Narrative != "推进中" ||
		len(got.ProgressReports[0].Evidence) != 1 {
		t.Fatalf("the analyst reads %+v, want the contact's report with its file", got.ProgressReports)
	}
	status, body := s.get(got.ProgressReports[0].Evidence[0].URL)
	if status != http.StatusOK || !bytes.Equal(body, png) {
		t.Errorf("the analyst's download: %d, %d bytes (want 200 and the file)", status, len(body))
	}
	// Read-only: the analyst cannot report.
	if errs := s.do(`mutation($p: ID!, $e: ID!, $t: ID!) { saveProgressReport(input: {periodId: $p, evaluateeId: $e, taskId: $t, state: COMPLETED, narrative: "改", version: 1}) { id } }`,
		map[string]any{"p": s.h2, "e": s.jia, "t": s.task}, nil); len(errs) == 0 || errs[0].Extensions["code"] != "FORBIDDEN" {
		t.Errorf("the analyst's report: %+v, want FORBIDDEN", errs)
	}

	s.loginAs(auth.RoleAuditor)
	if errs := s.do(reports, vars, nil); len(errs) == 0 || errs[0].Extensions["code"] != "FORBIDDEN" {
		t.Errorf("the auditor's read: %+v, want FORBIDDEN", errs)
	}
}
