package main

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/kaoping/kaoping/server/auth"
)

const updateVisit = `mutation($in: UpdateFieldVisitInput!) { updateFieldVisit(input: $in) { ` + visitFields + ` canEdit canCancel date inspectors { userId } } }`

type plannedJSON struct {
	visitJSON
	CanEdit, CanCancel bool
	Date               string
	Inspectors         []struct{ UserID string }
}

func TestPlannedVisitIsPreviewedEditedAndCancelled(t *testing.T) {
	f := newVisitFixture(t)
	f.loginAs(auth.RoleTaskForce)
	// The preview shows what the inspectors will verify: each carried task
	// with its deadline phrase and the evaluatee's report of the period.
	var pre struct {
		FieldVisitChecklist []struct {
			Task struct {
				ID       string
				Text     string
				Deadline struct{ Phrase string }
			}
			Report *struct{ ID string }
		}
	}
	f.must(`query($p: ID!, $e: ID!, $f: [ID!]) { fieldVisitChecklist(periodId: $p, evaluateeId: $e, focusTaskIds: $f) { task { id text deadline { phrase } } report { id } } }`,
		map[string]any{"p": f.period, "e": f.e1, "f": nil}, &pre)
	if len(pre.FieldVisitChecklist) != 3 || pre.FieldVisitChecklist[0].Task.Text != "任务A" || pre.FieldVisitChecklist[0].Task.Deadline.Phrase != "6月底完成" {
		t.Fatalf("preview of every carried task: %+v", pre.FieldVisitChecklist)
	}
	f.must(`query($p: ID!, $e: ID!, $f: [ID!]) { fieldVisitChecklist(periodId: $p, evaluateeId: $e, focusTaskIds: $f) { task { id text deadline { phrase } } report { id } } }`,
		map[string]any{"p": f.period, "e": f.e1, "f": []string{f.tasks["C"]}}, &pre)
	if len(pre.FieldVisitChecklist) != 1 || pre.FieldVisitChecklist[0].Task.ID != f.tasks["C"] {
		t.Errorf("preview of the focus subset: %+v", pre.FieldVisitChecklist)
	}
	// 甲区's neighbour 市乙局 does not carry B.
	errs := f.do(`query($p: ID!, $e: ID!, $f: [ID!]) { fieldVisitChecklist(periodId: $p, evaluateeId: $e, focusTaskIds: $f) { task { id } } }`,
		map[string]any{"p": f.period, "e": f.e2, "f": []string{f.tasks["B"]}}, nil)
	if field, rule, _, _ := fieldOf(errs[0]); field != "focusTaskIds[0]" || rule != "carried" {
		t.Errorf("previewing a task the evaluatee does not carry: %+v", errs)
	}

	v := f.plan("2024-05-20", []string{f.inspector1}, "A", "B")
	// The inspector records A offline; the 专班 then moves the visit, adds
	// inspector 2 and swaps B for C: A stays because it has a finding.
	f.login(f.inspector1, testPassword)
	s, errs := f.sync(v.ID, []write{{uuid.NewString(), "A", "DONE", "", 0}}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	v = s.SyncFieldVisit.Visit
	f.loginAs(auth.RoleTaskForce)
	var up struct{ UpdateFieldVisit plannedJSON }
	in := map[string]any{"visitId": v.ID, "version": v.Version, "date": "2024-05-27",
		"inspectorIds": []string{f.ids[f.inspector1], f.ids[f.inspector2]}, "focusTaskIds": []string{f.tasks["B"]}}
	errs = f.do(updateVisit, map[string]any{"in": in}, &up)
	if field, rule, _, _ := fieldOf(errs[0]); field != "input.focusTaskIds" || rule != "recorded" {
		t.Fatalf("dropping a judged item: %+v", errs)
	}
	in["focusTaskIds"] = []string{f.tasks["A"], f.tasks["C"]}
	f.must(updateVisit, map[string]any{"in": in}, &up)
	got := up.UpdateFieldVisit
	if got.Date != "2024-05-27" || len(got.Inspectors) != 2 || len(got.Items) != 2 || got.Items[0].Finding == nil || got.Items[1].Task.ID != f.tasks["C"] || got.Version != v.Version+1 {
		t.Errorf("after the edit: %+v", got)
	}
	// A stale edit is refused, not applied over the newer plan.
	in["date"] = "2024-06-01"
	if errs := f.do(updateVisit, map[string]any{"in": in}, nil); codeOf(errs) != "CONFLICT" {
		t.Errorf("stale edit: %+v", errs)
	}
	// An inspector not on the visit neither sees nor edits it; inspector 2
	// (now on it) may, but only keeping themself on it.
	f.login(f.inspector2, testPassword)
	in["version"], in["inspectorIds"] = got.Version, []string{f.ids[f.inspector1]}
	if errs := f.do(updateVisit, map[string]any{"in": in}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("an inspector taking themself off: %+v", errs)
	}
	// Cancelling needs a reason, is recorded in the events and audited, and
	// the visit then takes no more findings.
	cancel := `mutation($id: ID!, $v: Int!, $r: String!) { cancelFieldVisit(input: {visitId: $id, version: $v, reason: $r}) { status canEdit canCancel canRecord version events { toStatus reason username } } }`
	f.loginAs(auth.RoleTaskForce)
	if errs := f.do(cancel, map[string]any{"id": v.ID, "v": got.Version, "r": "  "}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("cancel without a reason: %+v", errs)
	}
	var c struct {
		CancelFieldVisit struct {
			Status                        string
			CanEdit, CanCancel, CanRecord bool
			Events                        []struct{ ToStatus, Reason string }
		}
	}
	f.must(cancel, map[string]any{"id": v.ID, "v": got.Version, "r": "单位合并,改期另行安排"}, &c)
	cv := c.CancelFieldVisit
	if cv.Status != "CANCELLED" || cv.CanEdit || cv.CanCancel || cv.CanRecord || len(cv.Events) != 1 || cv.Events[0].Reason != "单位合并,改期另行安排" {
		t.Errorf("cancelled visit: %+v", cv)
	}
	var n int
	if err := f.st.DB.NewRaw(`SELECT count(*) FROM audit_log WHERE operation = 'cancelFieldVisit' AND outcome = 'OK'`).Scan(context.Background(), &n); err != nil || n != 1 {
		t.Errorf("cancelling audited %d times (%v)", n, err)
	}
	f.login(f.inspector1, testPassword)
	if _, errs := f.sync(v.ID, []write{{uuid.NewString(), "C", "DONE", "", 0}}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("a finding for a cancelled visit: %+v", errs)
	}
}

func TestEvaluateeFieldFindingsAreTheOnesBehindTheFigure(t *testing.T) {
	f := newVisitFixture(t)
	old := f.recordAndAccept(f.plan("2024-05-10", []string{f.inspector1}, "A", "B"), map[string]string{"A": "NOT_DONE", "B": "NA"})
	_ = old
	v := f.plan("2024-05-20", []string{f.inspector1}, "A")
	f.login(f.inspector1, testPassword)
	if _, errs := f.sync(v.ID, nil, []photo{{uuid.NewString(), "A", testJPEG(t, 30)}, {uuid.NewString(), "A", testJPEG(t, 220)}}); len(errs) > 0 {
		t.Fatal(errs)
	}
	s, _ := f.sync(v.ID, []write{{uuid.NewString(), "A", "DONE", "", 0}}, nil)
	_ = f.recordAndAcceptSynced(s.SyncFieldVisit.Visit)
	q := `query($p: ID!, $e: ID!) { evaluateeFieldFindings(periodId: $p, evaluateeId: $e) { task { id } visitId visitDate finding { judgement } photos { id url } } }`
	var out struct {
		EvaluateeFieldFindings []struct {
			Task      struct{ ID string }
			VisitID   string
			VisitDate string
			Finding   struct{ Judgement string }
			Photos    []struct{ ID, URL string }
		}
	}
	count := func() int64 {
		f.loginAs(auth.RoleLeader)
		f.must(q, map[string]any{"p": f.period, "e": f.e1}, &out)
		return f.statements.Load()
	}
	statements := count()
	got := out.EvaluateeFieldFindings
	if len(got) != 2 {
		t.Fatalf("findings behind FV: %+v", got)
	}
	byTask := map[string]int{}
	for i, g := range got {
		byTask[g.Task.ID] = i
	}
	a, b := got[byTask[f.tasks["A"]]], got[byTask[f.tasks["B"]]]
	if a.VisitID != v.ID || a.VisitDate != "2024-05-20" || a.Finding.Judgement != "DONE" || len(a.Photos) != 2 {
		t.Errorf("A comes from the later visit with its two photos: %+v", a)
	}
	if b.VisitID != old.ID || b.Finding.Judgement != "NA" || len(b.Photos) != 0 {
		t.Errorf("B comes from the earlier visit, 不适用: %+v", b)
	}
	if status, _ := f.get(a.Photos[0].URL); status != 200 {
		t.Errorf("the leader downloads the photo: %d", status)
	}
	if statements > 12 {
		t.Errorf("evaluateeFieldFindings took %d statements", statements)
	}
	// Inspectors and evaluatee contacts are not given the page's data.
	f.login(f.inspector1, testPassword)
	if errs := f.do(q, map[string]any{"p": f.period, "e": f.e1}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("an inspector reading evaluateeFieldFindings: %+v", errs)
	}
}

// recordAndAcceptSynced submits an already recorded visit as inspector 1
// and has the 专班 accept it.
func (f *visitFixture) recordAndAcceptSynced(v visitJSON) visitJSON {
	f.t.Helper()
	f.login(f.inspector1, testPassword)
	sub, errs := f.submit(v)
	if len(errs) > 0 {
		f.t.Fatalf("submit: %+v", errs)
	}
	f.loginAs(auth.RoleTaskForce)
	acc, errs := f.review(sub, "ACCEPT", "")
	if len(errs) > 0 || acc.Status != "ACCEPTED" {
		f.t.Fatalf("accept: %+v %+v", errs, acc)
	}
	return acc
}
