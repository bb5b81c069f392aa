package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
)

var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

const fileObjection = `mutation($in: FileObjectionInput!) { fileObjection(input: $in) { id version status reason taskId evidence { id filename url } } }`

type objectionJSON struct {
	ID, Status, Reason string
	Version            int
	TaskID             *string
	Answer, Correction *string
	Evidence           []struct{ ID, Filename, URL string }
	Scores             []struct {
		ID, Value string
		Version   int
	}
}

func (s *twoHalves) objections(period string) []objectionJSON {
	s.t.Helper()
	var out struct{ Objections []objectionJSON }
	s.must(`query($p: ID!) { objections(periodId: $p) { id version status reason taskId answer correction evidence { id filename url } scores { id value version } } }`,
		map[string]any{"p": period}, &out)
	return out.Objections
}

type publishedRow struct {
	Evaluatee struct{ ID string }
	Rank      int
	Score     string
}

// ranking returns the period's district ranking as the signed-in user reads
// it, and the publication in force (its number and note) from the database.
func (s *twoHalves) ranking(period string) (rows []publishedRow, publication int, note string) {
	s.t.Helper()
	var out struct {
		Ranking struct{ Rows []publishedRow }
	}
	s.must(`query($p: ID!) { ranking(periodId: $p, group: DISTRICTS) { rows { evaluatee { id } rank score } } }`, map[string]any{"p": period}, &out)
	err := s.st.DB.NewRaw(`SELECT number, coalesce(note, '') FROM publications WHERE period_id = ? AND superseded_at IS NULL`, period).
		Scan(context.Background(), &publication, &note)
	if err != nil {
		s.t.Fatal(err)
	}
	return out.Ranking.Rows, publication, note
}

// The objection lifecycle (issue 13 §3) on the two-halves plan, whose first
// half is in 公示 with 乙区 80 (1st) and 甲区 60 (2nd): 甲区's contact files
// an objection with evidence; 乙区's contact neither sees it nor may file
// for 甲区; 发布 is refused while it is open; the 专班 upholds it with a
// corrected 90, the results are frozen again as publication 2 with the
// change noted and 甲区 is now 1st; a second objection is rejected with a
// reason; after 公示 ends filing is refused; 发布 then goes through; the
// period counts 2 filed, 1 upheld; each step is in the audit log.
func TestObjectionLifecycle(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	// The fixture's 丙区 joined after the first half was frozen; a re-freeze
	// would find it without a score, so it leaves the task again.
	s.assign(s.jia, s.yi)
	today := time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
	var w struct{ SetPeriodWindows struct{ Version int } }
	s.must(`mutation($p: ID!, $v: Int!, $d: String!) { setPeriodWindows(input: {periodId: $p, version: $v, publicityEndsOn: $d}) { version } }`,
		map[string]any{"p": s.h1, "v": s.versions[s.h1], "d": today}, &w)
	s.versions[s.h1] = w.SetPeriodWindows.Version
	if _, n, _ := s.ranking(s.h1); n != 1 {
		t.Fatalf("publication before objections: %d", n)
	}

	jiaContact := s.mustUser("甲区", auth.RoleEvaluateeContact)
	yiContact := s.mustUser("乙区", auth.RoleEvaluateeContact)

	s.login(jiaContact, testPassword)
	in := map[string]any{"periodId": s.h1, "evaluateeId": s.jia, "taskId": s.task, "reason": "6月已上线,分值未计入", "files": []any{nil}}
	var filed struct{ FileObjection objectionJSON }
	if errs := s.upload(fileObjection, map[string]any{"in": in}, "variables.in.files.0", "上线通知.png", pngBytes, &filed); len(errs) > 0 {
		t.Fatalf("file objection: %+v", errs)
	}
	o := filed.FileObjection
	if o.Status != "OPEN" || len(o.Evidence) != 1 || o.Evidence[0].Filename != "上线通知.png" {
		t.Fatalf("filed: %+v", o)
	}
	resp, err := s.client.Get(s.srv.URL + o.Evidence[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != string(pngBytes) {
		t.Errorf("evidence download by its contact: %d", resp.StatusCode)
	}
	for name, tc := range map[string]map[string]any{
		"no reason":    {"periodId": s.h1, "evaluateeId": s.jia, "reason": "  "},
		"task of none": {"periodId": s.h1, "evaluateeId": s.jia, "taskId": "999999", "reason": "x"},
	} {
		if errs := s.do(fileObjection, map[string]any{"in": tc}, nil); codeOf(errs) != "INVALID" {
			t.Errorf("%s: %+v", name, errs)
		}
	}

	s.login(yiContact, testPassword)
	if got := s.objections(s.h1); len(got) != 0 {
		t.Errorf("乙区's contact sees 甲区's objections: %+v", got)
	}
	if errs := s.do(fileObjection, map[string]any{"in": map[string]any{"periodId": s.h1, "evaluateeId": s.jia, "reason": "替甲区"}}, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("filing for another unit: %+v", errs)
	}
	resp, err = s.client.Get(s.srv.URL + o.Evidence[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("evidence download by another unit: %d", resp.StatusCode)
	}
	// An overall objection of 乙区, to be rejected.
	var yiFiled struct{ FileObjection objectionJSON }
	s.must(fileObjection, map[string]any{"in": map[string]any{"periodId": s.h1, "evaluateeId": s.yi, "reason": "总分偏低"}}, &yiFiled)

	s.loginAs(auth.RoleTaskForce)
	errs := s.do(`mutation($p: ID!, $v: Int!) { movePeriod(input: {periodId: $p, version: $v, to: PUBLISHED}) { version } }`,
		map[string]any{"p": s.h1, "v": s.versions[s.h1]}, nil)
	if codeOf(errs) != "INVALID" || !strings.Contains(errs[0].Message, "异议未答复") {
		t.Fatalf("publishing with open objections: %+v", errs)
	}
	queue := s.objections(s.h1)
	if len(queue) != 2 || len(queue[0].Scores) != 1 {
		t.Fatalf("专班's queue: %+v", queue)
	}
	sc := queue[0].Scores[0]
	answer := `mutation($in: AnswerObjectionInput!) { answerObjection(input: $in) { id status answer correction version } }`
	// Upheld without a correction, and a correction of another unit's score, change nothing.
	if errs := s.do(answer, map[string]any{"in": map[string]any{"objectionId": o.ID, "version": o.Version, "uphold": true, "answer": "属实"}}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("upheld without corrections: %+v", errs)
	}
	var yiScore string
	for _, x := range queue[1].Scores {
		yiScore = x.ID
	}
	if errs := s.do(answer, map[string]any{"in": map[string]any{"objectionId": o.ID, "version": o.Version, "uphold": true, "answer": "属实",
		"corrections": []any{map[string]any{"scoreId": yiScore, "version": queue[1].Scores[0].Version, "value": "99"}}}}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("correcting another unit's score: %+v", errs)
	}
	var up struct{ AnswerObjection objectionJSON }
	s.must(answer, map[string]any{"in": map[string]any{"objectionId": o.ID, "version": o.Version, "uphold": true, "answer": "经核实6月已上线",
		"corrections": []any{map[string]any{"scoreId": sc.ID, "version": sc.Version, "value": "90"}}}}, &up)
	if up.AnswerObjection.Status != "UPHELD" || up.AnswerObjection.Correction == nil || !strings.Contains(*up.AnswerObjection.Correction, "60.00 → 90.00") {
		t.Fatalf("upheld: %+v", up.AnswerObjection)
	}
	if errs := s.do(answer, map[string]any{"in": map[string]any{"objectionId": o.ID, "version": up.AnswerObjection.Version, "uphold": false, "answer": "再答"}}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("answering twice: %+v", errs)
	}
	rows, n, note := s.ranking(s.h1)
	if n != 2 || len(rows) < 2 || rows[0].Evaluatee.ID != s.jia || !strings.HasPrefix(rows[0].Score, "90") {
		t.Fatalf("re-frozen ranking: publication %d, %+v", n, rows)
	}
	if !strings.Contains(note, "异议#"+o.ID+"成立") || !strings.Contains(note, "60.00 → 90.00") {
		t.Errorf("the new publication's note: %q", note)
	}
	var rej struct{ AnswerObjection objectionJSON }
	s.must(answer, map[string]any{"in": map[string]any{"objectionId": yiFiled.FileObjection.ID, "version": yiFiled.FileObjection.Version, "uphold": false, "answer": "总分计算无误"}}, &rej)
	if rej.AnswerObjection.Status != "REJECTED" {
		t.Errorf("rejected: %+v", rej.AnswerObjection)
	}

	// The contact sees the answer and the corrected result.
	s.login(jiaContact, testPassword)
	mine := s.objections(s.h1)
	if len(mine) != 1 || mine[0].Status != "UPHELD" || mine[0].Answer == nil || len(mine[0].Scores) != 0 {
		t.Errorf("contact's view of its objection: %+v", mine)
	}
	if rows, _, _ := s.ranking(s.h1); len(rows) != 1 || rows[0].Rank != 1 || !strings.HasPrefix(rows[0].Score, "90") {
		t.Errorf("contact's corrected result: %+v", rows)
	}

	// After the last day of 公示 no objection is taken.
	s.clock.Advance(48 * time.Hour)
	s.login(jiaContact, testPassword) // the session expired meanwhile
	if errs := s.do(fileObjection, map[string]any{"in": map[string]any{"periodId": s.h1, "evaluateeId": s.jia, "reason": "迟到的异议"}}, nil); codeOf(errs) != "INVALID" || !strings.Contains(errs[0].Message, "公示已于") {
		t.Errorf("filing after 公示: %+v", errs)
	}

	s.loginAs(auth.RoleTaskForce)
	var p struct {
		Period struct{ Version, ObjectionsFiled, ObjectionsUpheld, ObjectionsOpen int }
	}
	s.must(`query($p: ID!) { period(id: $p) { version objectionsFiled objectionsUpheld objectionsOpen } }`, map[string]any{"p": s.h1}, &p)
	if p.Period.ObjectionsFiled != 2 || p.Period.ObjectionsUpheld != 1 || p.Period.ObjectionsOpen != 0 {
		t.Errorf("objection counts: %+v", p.Period)
	}
	s.must(`mutation($p: ID!, $v: Int!) { movePeriod(input: {periodId: $p, version: $v, to: PUBLISHED}) { version } }`, map[string]any{"p": s.h1, "v": p.Period.Version}, nil)

	s.loginAs(auth.RoleAuditor)
	ops := map[string]int{}
	for _, op := range []string{"fileObjection", "answerObjection"} {
		var log struct {
			AuditLog struct {
				Records []struct{ Operation, Outcome string }
			}
		}
		s.must(`query($op: String!) { auditLog(filter: {operation: $op}) { records { operation outcome } } }`, map[string]any{"op": op}, &log)
		for _, r := range log.AuditLog.Records {
			ops[r.Operation+" "+r.Outcome]++
		}
	}
	// Filed twice, refused three times (no reason, no such task: INVALID;
	// another unit: DENIED) and once after 公示; answered twice, refused three times.
	if ops["fileObjection OK"] != 2 || ops["answerObjection OK"] != 2 || ops["fileObjection DENIED"]+ops["fileObjection FAILED"] != 4 || ops["answerObjection FAILED"] != 3 {
		t.Errorf("audit of objections: %v", ops)
	}
}
