package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/sheets"
)

// TestWrongSecondFactorCountsTowardTheLockout: whoever has the password
// must not get unlimited guesses at the one-time code.
func TestWrongSecondFactorCountsTowardTheLockout(t *testing.T) {
	a := newAnonymousAPI(t, false)
	admin := a.mustUser("", auth.RoleAdmin)
	withCode := func(code string) []gqlError {
		return a.do(`mutation($u: String!, $p: String!, $c: String) { login(input: {username: $u, password: $p, totpCode: $c}) { session { restricted } } }`,
			map[string]any{"u": admin, "p": testPassword, "c": code}, nil)
	}
	for i := 0; i < 5; i++ {
		a.clock.Advance(time.Minute)
		wrong := auth.TOTPCode(testTOTPSecret, a.clock.Now().Add(10*time.Minute))
		if errs := withCode(wrong); codeOf(errs) != "INVALID" && codeOf(errs) != "UNAUTHENTICATED" {
			t.Fatalf("wrong code %d: %+v", i, errs)
		}
	}
	a.clock.Advance(time.Minute)
	if errs := withCode(auth.TOTPCode(testTOTPSecret, a.clock.Now())); codeOf(errs) != "UNAUTHENTICATED" {
		t.Fatalf("right password and right code after five wrong codes: %+v, want the account locked", errs)
	}
	var n int
	if err := a.st.DB.NewRaw(`SELECT count(*) FROM audit_log WHERE operation = 'login' AND detail LIKE '%锁定%'`).Scan(context.Background(), &n); err != nil || n != 1 {
		t.Errorf("lockout audit records = %d (err %v), want 1", n, err)
	}
	a.clock.Advance(31 * time.Minute)
	a.login(admin, testPassword)
}

// TestUnknownUserAndWrongPasswordDoTheSameWork: the two answers are the
// same, and so are the statements behind them (one argon2 verification
// each, see auth.Service.Login), so timing tells nothing either.
func TestUnknownUserAndWrongPasswordDoTheSameWork(t *testing.T) {
	a := newAnonymousAPI(t, false)
	user := a.mustUser("", auth.RoleLeader)
	loginErr(a, "nobody", "Wrong#Pass1")
	unknown := a.statements.Load()
	loginErr(a, user, "Wrong#Pass1")
	wrong := a.statements.Load()
	if unknown != wrong || unknown == 0 {
		t.Errorf("statements: unknown user %d, wrong password %d; want equal", unknown, wrong)
	}
}

func TestPasswordMayNotContainTheUsername(t *testing.T) {
	a := newAnonymousAPI(t, false)
	a.loginAs(auth.RoleAdmin)
	errs := a.do(`mutation { createUser(input: {username: "zhuanban9", displayName: "专班九", roles: [TASK_FORCE], password: "Zhuanban9!"}) { id } }`, nil, nil)
	if field, rule, zh, _ := fieldOf(firstOr(errs)); field != "input.password" || rule != "notUsername" || !strings.Contains(zh, "用户名") {
		t.Errorf("password containing the username: %+v", errs)
	}
	a.must(`mutation { createUser(input: {username: "zhuanban9", displayName: "专班九", roles: [TASK_FORCE], password: "Initial#2024"}) { id } }`, nil, nil)
}

func firstOr(errs []gqlError) gqlError {
	if len(errs) == 0 {
		return gqlError{}
	}
	return errs[0]
}

// TestTheLastAdministratorStays: the only enabled administrator can be
// neither disabled nor demoted; with a second one, either can.
func TestTheLastAdministratorStays(t *testing.T) {
	a := newAnonymousAPI(t, false)
	a.loginAs(auth.RoleAdmin)
	var me struct {
		Users []struct {
			ID, Username string
			Version      int
		}
	}
	self := func() (string, int) {
		a.must(`{ users { id username version } }`, nil, &me)
		for _, u := range me.Users {
			if u.Username == "t_admin" {
				return u.ID, u.Version
			}
		}
		t.Fatal("no t_admin")
		return "", 0
	}
	update := func(roles string, enabled bool) []gqlError {
		// Every update of a user ends their sessions, one's own included.
		a.login("t_admin", testPassword)
		id, v := self()
		return a.do(`mutation($id: ID!, $v: Int!, $e: Boolean!) { updateUser(input: {id: $id, version: $v, displayName: "管理员", roles: [`+roles+`], enabled: $e}) { id } }`,
			map[string]any{"id": id, "v": v, "e": enabled}, nil)
	}
	if field, rule, _, _ := fieldOf(firstOr(update("ADMIN", false))); field != "input.enabled" || rule != "lastAdmin" {
		t.Errorf("disabling the last administrator: field %q rule %q", field, rule)
	}
	if field, rule, _, _ := fieldOf(firstOr(update("LEADER", true))); field != "input.roles" || rule != "lastAdmin" {
		t.Errorf("demoting the last administrator: field %q rule %q", field, rule)
	}
	var enabled bool
	if err := a.st.DB.NewRaw(`SELECT enabled FROM users WHERE username = 't_admin'`).Scan(context.Background(), &enabled); err != nil || !enabled {
		t.Fatalf("the last administrator enabled = %v (err %v)", enabled, err)
	}
	// A disabled administrator does not count.
	a.must(`mutation { createUser(input: {username: "admin2", displayName: "管理员二", roles: [ADMIN], password: "Initial#2024"}) { id } }`, nil, nil)
	if _, err := a.st.DB.ExecContext(context.Background(), `UPDATE users SET enabled = false WHERE username = 'admin2'`); err != nil {
		t.Fatal(err)
	}
	if errs := update("ADMIN", false); codeOf(errs) != "INVALID" {
		t.Errorf("disabling the last enabled administrator beside a disabled one: %+v", errs)
	}
	if _, err := a.st.DB.ExecContext(context.Background(), `UPDATE users SET enabled = true WHERE username = 'admin2'`); err != nil {
		t.Fatal(err)
	}
	if errs := update("ADMIN", true); len(errs) > 0 {
		t.Errorf("saving an administrator unchanged: %+v", errs)
	}
	if errs := update("ADMIN", false); len(errs) > 0 {
		t.Errorf("disabling one of two administrators: %+v", errs)
	}
}

// TestControlCharactersInTextAreInvalidNamingTheField: a NUL byte (or any
// control character but tab, line feed and carriage return) in any text
// argument answers INVALID naming the field, and writes nothing.
func TestControlCharactersInTextAreInvalidNamingTheField(t *testing.T) {
	a := newAPI(t, true)
	ctx := context.Background()
	count := func() int {
		var n int
		if err := a.st.DB.NewRaw(`SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM users) + (SELECT count(*) FROM scores)`).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	var period, evaluatee, task int64
	if err := a.st.DB.NewRaw(`SELECT s.period_id, s.evaluatee_id, s.task_id FROM scores s LIMIT 1`).Scan(ctx, &period, &evaluatee, &task); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		field       string
	}{
		{"plan name", `mutation($n: String!) { createPlan(input: {name: $n, year: 2024}) { id } }`, map[string]any{"n": "方案\x00"}, "input.name"},
		{"username at sign-in", loginMutation, map[string]any{"u": "admin\x00", "p": "x"}, "input.username"},
		{"password at sign-in", loginMutation, map[string]any{"u": "admin", "p": "Kaoping@2023\x00"}, "input.password"},
		{"score comment", `mutation($p: ID!, $e: ID!, $t: ID!, $c: String!) { saveScores(input: {periodId: $p, entries: [{evaluateeId: $e, taskId: $t, value: "1", comment: "ok", version: 0}, {evaluateeId: $e, taskId: $t, value: "1", comment: $c, version: 0}], submit: false}) { id } }`,
			map[string]any{"p": period, "e": evaluatee, "t": task, "c": "说明\x07"}, "input.entries[1].comment"},
		{"one-time code", `mutation($c: String!) { confirmTotpEnrollment(code: $c) { restricted } }`, map[string]any{"c": "12\x003456"}, "code"},
		{"audit filter", `query($u: String) { auditLog(filter: {username: $u}) { total } }`, map[string]any{"u": "x\x00"}, "filter.username"},
		{"DEL character", `mutation($n: String!) { createPlan(input: {name: $n, year: 2024}) { id } }`, map[string]any{"n": "方案\x7f"}, "input.name"},
	} {
		errs := a.do(c.query, c.vars, nil)
		field, rule, zh, _ := fieldOf(firstOr(errs))
		if codeOf(errs) != "INVALID" || field != c.field || rule != "text" || !strings.Contains(zh, "控制字符") {
			t.Errorf("%s: %+v, want INVALID on %s", c.name, errs, c.field)
		}
	}
	// Tab, line feed and carriage return are text.
	a.must(`mutation($n: String!) { createPlan(input: {name: $n, year: 2024}) { id } }`, map[string]any{"n": "方案\t一\r\n"}, nil)
	if after := count(); after != before+1 {
		t.Errorf("rows before %d, after %d: want only the valid plan added", before, after)
	}
}

// bombTemplate is a score template whose sheet holds n identical short
// rows: under half a megabyte for a million rows.
func bombTemplate(t *testing.T, n int) []byte {
	t.Helper()
	tpl, err := sheets.ScoreWorkbook(sheets.ScoreTemplate{LeadUnit: "市审批服务局", Period: "2023年下半年"})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(tpl), int64(len(tpl)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for _, f := range zr.File {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if f.Name != "xl/worksheets/sheet1.xml" {
			r, _ := f.Open()
			_, _ = io.Copy(w, r)
			r.Close()
			continue
		}
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		row := []byte(`<row><c><v>1</v></c></row>`)
		for i := 0; i < n; i++ {
			_, _ = w.Write(row)
		}
		_, _ = io.WriteString(w, `</sheetData></worksheet>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestScoreSheetBombsAreRefusedWithTheirReason: through the API, a
// million-row template and one with more rows than the unit's template
// holds answer INVALID saying which limit, and save nothing.
func TestScoreSheetBombsAreRefusedWithTheirReason(t *testing.T) {
	a := newAnonymousAPI(t, true)
	a.login("scorer", demo.Password)
	var period int64
	if err := a.st.DB.NewRaw(`SELECT id FROM periods WHERE half = 2`).Scan(context.Background(), &period); err != nil {
		t.Fatal(err)
	}
	var scoresBefore int
	_ = a.st.DB.NewRaw(`SELECT count(*) FROM score_history`).Scan(context.Background(), &scoresBefore)
	for _, c := range []struct {
		rows int
		want string
	}{
		{1_000_000, "工作簿解压后超过"},
		{5000, "行,本单位的评分模板最多只有"},
	} {
		errs := a.upload(`mutation($p: ID!, $f: Upload!) { importScoreSheet(periodId: $p, file: $f) { errors { row } } }`,
			map[string]any{"p": period, "f": nil}, "variables.f", "评分表.xlsx", bombTemplate(t, c.rows), nil)
		field, rule, zh, _ := fieldOf(firstOr(errs))
		if codeOf(errs) != "INVALID" || field != "file" || rule != "tooLarge" || !strings.Contains(zh, c.want) {
			t.Errorf("%d rows: %+v, want INVALID saying %q", c.rows, errs, c.want)
		}
	}
	var scoresAfter int
	_ = a.st.DB.NewRaw(`SELECT count(*) FROM score_history`).Scan(context.Background(), &scoresAfter)
	if scoresAfter != scoresBefore {
		t.Errorf("score history grew from %d to %d", scoresBefore, scoresAfter)
	}
}
