package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/testdb"
)

func loginErr(a *api, username, password string) []gqlError {
	return a.do(`mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { session { restricted } } }`,
		map[string]any{"u": username, "p": password}, nil)
}

func TestUnknownUserAndWrongPasswordGetTheSameAnswer(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	user := a.mustUser("", auth.RoleLeader)
	unknown, wrong := loginErr(a, "nobody", "x"), loginErr(a, user, "wrong")
	if len(unknown) == 0 || len(wrong) == 0 || unknown[0].Message != wrong[0].Message || codeOf(unknown) != codeOf(wrong) {
		t.Errorf("unknown user: %+v; wrong password: %+v", unknown, wrong)
	}
}

func TestLockoutAfterFiveFailuresAndUnlockAfterThirtyMinutes(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	user := a.mustUser("", auth.RoleLeader)
	for i := 0; i < 5; i++ {
		loginErr(a, user, "wrong")
		a.clock.Advance(time.Minute)
	}
	// The right password no longer works, with the same answer as a wrong one.
	if errs := loginErr(a, user, testPassword); codeOf(errs) != "UNAUTHENTICATED" {
		t.Fatalf("login of a locked account: %+v", errs)
	}
	// The fifth failure locked the account a minute ago.
	a.clock.Advance(28 * time.Minute)
	if errs := loginErr(a, user, testPassword); codeOf(errs) != "UNAUTHENTICATED" {
		t.Fatalf("login 29 minutes after the lock: %+v, want still locked", errs)
	}
	a.clock.Advance(2 * time.Minute)
	if errs := loginErr(a, user, testPassword); len(errs) > 0 {
		t.Fatalf("login 31 minutes after the lock: %+v, want unlocked", errs)
	}
	var n int
	if err := a.st.DB.NewRaw(`SELECT count(*) FROM audit_log WHERE operation = 'login' AND detail LIKE '%锁定%'`).Scan(context.Background(), &n); err != nil || n != 1 {
		t.Errorf("lockout audit records = %d (err %v), want 1", n, err)
	}
}

func TestFailuresSpreadOverMoreThanFifteenMinutesDoNotLock(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	user := a.mustUser("", auth.RoleLeader)
	for i := 0; i < 6; i++ {
		loginErr(a, user, "wrong")
		a.clock.Advance(4 * time.Minute)
	}
	if errs := loginErr(a, user, testPassword); len(errs) > 0 {
		t.Fatalf("six failures four minutes apart locked the account: %+v", errs)
	}
}

func TestClientAddressIsThrottled(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	for i := 0; i < 20; i++ {
		loginErr(a, "user"+string(rune('a'+i)), "wrong")
	}
	errs := loginErr(a, a.mustUser("", auth.RoleLeader), testPassword)
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "过多") {
		t.Errorf("21st attempt from one address: %+v, want throttled", errs)
	}
}

func me(a *api) bool {
	var out struct {
		Me *struct{ User struct{ Username string } }
	}
	a.must(`{ me { user { username } } }`, nil, &out)
	return out.Me != nil
}

func TestSessionIdleAndAbsoluteExpiry(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	a.loginAs(auth.RoleLeader)
	a.clock.Advance(29 * time.Minute)
	if !me(a) {
		t.Fatal("session ended after 29 idle minutes")
	}
	// Activity moved the idle deadline; keep the session busy for 12 hours.
	for i := 0; i < 23; i++ { // until 24 × 29 min = 11h36m
		a.clock.Advance(29 * time.Minute)
		if !me(a) {
			t.Fatalf("active session ended after %v", time.Duration(i+2)*29*time.Minute)
		}
	}
	a.clock.Advance(29 * time.Minute) // 12h05m since login
	if me(a) {
		t.Error("session outlived its 12-hour absolute lifetime")
	}

	a.loginAs(auth.RoleLeader)
	a.clock.Advance(31 * time.Minute)
	if me(a) {
		t.Error("session survived 31 idle minutes")
	}
}

func TestDisablingAUserEndsTheirSessionAtOnce(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	leader := newAnonymousAPIOn(t, a)
	leaderName := leader.loginAs(auth.RoleLeader)
	if !me(leader) {
		t.Fatal("not signed in")
	}
	a.loginAs(auth.RoleAdmin)
	var users struct {
		Users []struct {
			ID, Username string
			Version      int
		}
	}
	a.must(`{ users { id username version } }`, nil, &users)
	for _, u := range users.Users {
		if u.Username == leaderName {
			a.must(`mutation($id: ID!, $v: Int!) { updateUser(input: {id: $id, version: $v, displayName: "x", roles: [LEADER], enabled: false}) { enabled } }`,
				map[string]any{"id": u.ID, "v": u.Version}, nil)
		}
	}
	if me(leader) {
		t.Error("disabled user's session still works")
	}
	if errs := loginErr(leader, leaderName, testPassword); codeOf(errs) != "UNAUTHENTICATED" {
		t.Errorf("disabled user could sign in: %+v", errs)
	}
}

// newAnonymousAPIOn is a second browser on the same server.
func newAnonymousAPIOn(t *testing.T, a *api) *api {
	b := *a
	b.t = t
	b.client = &http.Client{Jar: newJar()}
	return &b
}

func TestNewAccountMustChangePasswordFirst(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAdmin)
	errs := a.do(`mutation { createUser(input: {username: "Lead_2024", displayName: "新领导", roles: [LEADER], password: "Lead_2024"}) { id } }`, nil, nil)
	if f, rule, _, _ := fieldOf(errs[0]); f != "input.password" || rule != "notUsername" {
		t.Errorf("password equal to username: %+v", errs)
	}
	errs = a.do(`mutation { createUser(input: {username: "newleader", displayName: "新领导", roles: [LEADER], password: "alllowercase"}) { id } }`, nil, nil)
	if f, rule, _, _ := fieldOf(errs[0]); f != "input.password" || rule != "complexity" {
		t.Errorf("weak password: %+v", errs)
	}
	a.must(`mutation { createUser(input: {username: "newleader", displayName: "新领导", roles: [LEADER], password: "Initial#2024"}) { id } }`, nil, nil)

	b := newAnonymousAPIOn(t, a)
	var out struct {
		Login struct {
			Session struct {
				Restricted   bool
				PendingSteps []string
			}
		}
	}
	b.must(`mutation { login(input: {username: "newleader", password: "Initial#2024"}) { session { restricted pendingSteps } } }`, nil, &out)
	if !out.Login.Session.Restricted || out.Login.Session.PendingSteps[0] != "PASSWORD_CHANGE" {
		t.Fatalf("first login session = %+v", out.Login.Session)
	}
	if errs := b.do(`{ plans { id } }`, nil, nil); codeOf(errs) != "FORBIDDEN" {
		t.Errorf("restricted session read plans: %+v", errs)
	}
	errs = b.do(`mutation { changePassword(input: {currentPassword: "Initial#2024", newPassword: "Initial#2024"}) { restricted } }`, nil, nil)
	if _, rule, _, _ := fieldOf(errs[0]); rule != "history" {
		t.Errorf("reusing the password: %+v", errs)
	}
	b.must(`mutation { changePassword(input: {currentPassword: "Initial#2024", newPassword: "Changed#2024"}) { restricted } }`, nil, nil)
	if errs := b.do(`{ plans { id } }`, nil, nil); len(errs) > 0 {
		t.Errorf("after changing the password: %+v", errs)
	}
}

func TestPasswordRotation(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	a.auth.Cfg.PasswordMaxAge = 90 * 24 * time.Hour
	a.loginAs(auth.RoleLeader)
	a.clock.Advance(91 * 24 * time.Hour)
	var out struct {
		Login struct {
			Session struct{ PendingSteps []string }
		}
	}
	a.must(`mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { session { pendingSteps } } }`,
		map[string]any{"u": "t_leader", "p": testPassword}, &out)
	if len(out.Login.Session.PendingSteps) != 1 || out.Login.Session.PendingSteps[0] != "PASSWORD_EXPIRED" {
		t.Errorf("after 91 days: %+v, want PASSWORD_EXPIRED", out.Login.Session)
	}
}

func TestAdminMustEnrollTOTPAndLoginNeedsTheCode(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAdmin)
	a.must(`mutation { createUser(input: {username: "admin2", displayName: "管理员2", roles: [ADMIN], password: "Initial#2024"}) { id } }`, nil, nil)
	b := newAnonymousAPIOn(t, a)
	var s struct {
		Login struct {
			Session struct{ PendingSteps []string }
		}
	}
	b.must(`mutation { login(input: {username: "admin2", password: "Initial#2024"}) { session { pendingSteps } } }`, nil, &s)
	if strings.Join(s.Login.Session.PendingSteps, ",") != "PASSWORD_CHANGE,TOTP_ENROLLMENT" {
		t.Fatalf("pending = %v", s.Login.Session.PendingSteps)
	}
	b.must(`mutation { changePassword(input: {currentPassword: "Initial#2024", newPassword: "Changed#2024"}) { restricted } }`, nil, nil)
	var e struct {
		BeginTotpEnrollment struct{ Secret, QrCode string }
	}
	b.must(`mutation { beginTotpEnrollment { secret qrCode } }`, nil, &e)
	if !strings.HasPrefix(e.BeginTotpEnrollment.QrCode, "data:image/png;base64,") {
		t.Errorf("QR code = %.40s", e.BeginTotpEnrollment.QrCode)
	}
	if errs := b.do(`mutation { confirmTotpEnrollment(code: "000000") { restricted } }`, nil, nil); codeOf(errs) != "INVALID" {
		t.Errorf("wrong code: %+v", errs)
	}
	var c struct{ ConfirmTotpEnrollment struct{ Restricted bool } }
	b.must(`mutation($c: String!) { confirmTotpEnrollment(code: $c) { restricted } }`,
		map[string]any{"c": auth.TOTPCode(e.BeginTotpEnrollment.Secret, a.clock.Now())}, &c)
	if c.ConfirmTotpEnrollment.Restricted {
		t.Error("still restricted after enrolling")
	}
	// Next login: the password alone is not enough.
	var l struct {
		Login struct {
			TotpRequired bool
			Session      *struct{ Restricted bool }
		}
	}
	b.must(`mutation { login(input: {username: "admin2", password: "Changed#2024"}) { totpRequired session { restricted } } }`, nil, &l)
	if !l.Login.TotpRequired || l.Login.Session != nil {
		t.Errorf("login without code = %+v", l.Login)
	}
	a.clock.Advance(30 * time.Second)
	b.must(`mutation($c: String!) { login(input: {username: "admin2", password: "Changed#2024", totpCode: $c}) { session { restricted } } }`,
		map[string]any{"c": auth.TOTPCode(e.BeginTotpEnrollment.Secret, a.clock.Now())}, &l)
	if l.Login.Session == nil || l.Login.Session.Restricted {
		t.Errorf("login with code = %+v", l.Login)
	}
}

func TestLoginRotatesTheSessionToken(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	u, _ := url.Parse(a.srv.URL)
	a.loginAs(auth.RoleLeader)
	first := a.client.Jar.Cookies(u)
	a.loginAs(auth.RoleAnalyst)
	second := a.client.Jar.Cookies(u)
	if len(first) != 1 || len(second) != 1 || first[0].Value == second[0].Value {
		t.Fatalf("cookies %v then %v, want a new token", first, second)
	}
	// The first token no longer works.
	stale := &http.Client{Jar: newJar()}
	stale.Jar.SetCookies(u, first)
	b := newAnonymousAPIOn(t, a)
	b.client = stale
	if me(b) {
		t.Error("the session before login still works")
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	user := a.mustUser("", auth.RoleLeader)
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql",
		strings.NewReader(`{"query":"mutation { login(input: {username: \"`+user+`\", password: \"`+testPassword+`\"}) { totpRequired } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(CSRFHeader, "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	c := resp.Header.Get("Set-Cookie")
	for _, want := range []string{auth.CookieName + "=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(c, want) {
			t.Errorf("Set-Cookie %q lacks %s", c, want)
		}
	}
	if len(strings.SplitN(strings.SplitN(c, "=", 2)[1], ";", 2)[0]) < 22 {
		t.Errorf("session token in %q is shorter than 128 bits", c)
	}
}

func TestCSRFDefences(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	send := func(contentType, body string, header map[string]string) int {
		req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := a.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	mutation := `{"query":"mutation { createPlan(input: {name: \"CSRF\", year: 2024}) { id } }"}`
	cases := []struct {
		name        string
		contentType string
		body        string
		header      map[string]string
		want        int
	}{
		{"form-encoded post", "application/x-www-form-urlencoded", "query=" + url.QueryEscape(`mutation { createPlan(input: {name: "CSRF", year: 2024}) { id } }`), map[string]string{CSRFHeader: "1"}, http.StatusUnsupportedMediaType},
		{"text/plain post", "text/plain", mutation, map[string]string{CSRFHeader: "1"}, http.StatusUnsupportedMediaType},
		{"json without the custom header", "application/json", mutation, nil, http.StatusForbidden},
		{"json from another origin", "application/json", mutation, map[string]string{CSRFHeader: "1", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"multipart without the custom header", "multipart/form-data; boundary=x", "--x--", nil, http.StatusForbidden},
	}
	for _, tc := range cases {
		if got := send(tc.contentType, tc.body, tc.header); got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}
	resp, err := a.client.Get(a.srv.URL + "/graphql?query=" + url.QueryEscape(`mutation { createPlan(input: {name: "CSRF", year: 2024}) { id } }`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET mutation: status %d, want 405", resp.StatusCode)
	}
	var plans struct{ Plans []struct{ Name string } }
	a.must(`{ plans { name } }`, nil, &plans)
	for _, p := range plans.Plans {
		if p.Name == "CSRF" {
			t.Error("a refused request created a plan")
		}
	}
}

func TestQueryLimits(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	cases := map[string]struct{ query, code string }{
		"every plan's whole tree": {`{ plans { dimensions { indicators { tasks { evaluatees { id unit { id name kind sortKey aliases } group } leadUnits { id name } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
		"many aliases":            {`{ plans { ` + aliases(40) + ` } }`, "TOO_MANY_ALIASES"},
		"many root fields":        {`{ ` + strings.Repeat("me { restricted } ", 25) + ` }`, "TOO_MANY_ROOT_FIELDS"},
		"many tokens":             {`{ plans { ` + strings.Repeat("id ", 20000) + ` } }`, "GRAPHQL_PARSE_FAILED"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			errs := a.do(tc.query, nil, nil)
			if codeOf(errs) != tc.code {
				t.Errorf("errors = %.300v, want %s", errs, tc.code)
			}
		})
	}
	// One plan's whole tree is fine. (Depth is tested in graph: this schema
	// has no cycle, so no valid query is deeper than the plan tree's 7.)
	a.must(planTreeQuery, map[string]any{"id": firstPlanID(a)}, nil)
}

func aliases(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "a%d: id ", i)
	}
	return b.String()
}

func TestNoFieldSuggestions(t *testing.T) {
	t.Parallel()
	a := newAPI(t, false)
	errs := a.do(`{ plan(id: "1") { nam } }`, nil, nil)
	if len(errs) == 0 || strings.Contains(errs[0].Message, "Did you mean") {
		t.Errorf("errors = %+v, want no suggestion", errs)
	}
}

func TestAuditRecordsBeforeAndAfter(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	var units struct {
		Units []struct {
			ID      string
			Version int
		}
	}
	a.loginAs(auth.RoleAdmin)
	a.must(`{ units { id version } }`, nil, &units)
	a.must(`mutation($id: ID!, $v: Int!) { updateUnit(input: {id: $id, version: $v, name: "昆都仑区(改)", kind: DISTRICT, aliases: [], sortKey: 10}) { id } }`,
		map[string]any{"id": units.Units[0].ID, "v": units.Units[0].Version}, nil)
	a.loginAs(auth.RoleAuditor)
	var log struct {
		AuditLog struct {
			Total   int
			Records []struct {
				Username, Operation, Outcome, ObjectType, ObjectID, RequestID string
				Roles                                                         []string
				Before, After                                                 *string
			}
		}
	}
	a.must(`{ auditLog(filter: {operation: "updateUnit"}) { total records { username roles operation outcome objectType objectId requestId before after } } }`, nil, &log)
	if log.AuditLog.Total != 1 {
		t.Fatalf("updateUnit records = %d", log.AuditLog.Total)
	}
	r := log.AuditLog.Records[0]
	if r.Username != "t_admin" || r.Roles[0] != "ADMIN" || r.Outcome != "OK" || r.ObjectType != "units" || r.ObjectID != units.Units[0].ID || r.RequestID == "" {
		t.Errorf("record = %+v", r)
	}
	if r.Before == nil || !strings.Contains(*r.Before, "昆都仑区\"") || r.After == nil || !strings.Contains(*r.After, "昆都仑区(改)") {
		t.Errorf("before %v after %v", r.Before, r.After)
	}
	if r.After != nil && strings.Contains(*r.After, "password") {
		t.Error("audit record contains a password field")
	}
}

func TestAuditLogIsAppendOnlyAndTamperingIsDetected(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)
	ctx := context.Background()
	for _, stmt := range []string{`UPDATE audit_log SET username = 'x'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`} {
		if _, err := a.st.DB.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want refused", stmt, err)
		}
	}
	for i := 0; i < 3; i++ {
		a.must(`mutation($n: String!) { createPlan(input: {name: $n, year: 2024}) { id } }`, map[string]any{"n": fmt.Sprint("方案", i)}, nil)
	}
	verify := func() (string, error) {
		var out bytes.Buffer
		env := map[string]string{"DATABASE_URL": testdb.URL(currentDatabase(t, a))}
		err := run(ctx, []string{"audit", "verify"}, func(k string) string { return env[k] }, &out, &bytes.Buffer{})
		return out.String(), err
	}
	if out, err := verify(); err != nil || !strings.Contains(out, "intact") {
		t.Fatalf("verify of an untouched log: %q %v", out, err)
	}
	// A superuser disables the trigger and edits record 2.
	for _, stmt := range []string{
		`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`,
		`UPDATE audit_log SET username = 'someone_else' WHERE id = 2`,
		`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`,
	} {
		if _, err := a.st.DB.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	out, err := verify()
	if err == nil || !strings.Contains(out, "record 2:") {
		t.Errorf("verify after tampering: %q %v, want record 2 named", out, err)
	}
}

func currentDatabase(t *testing.T, a *api) string {
	var name string
	if err := a.st.DB.NewRaw(`SELECT current_database()`).Scan(context.Background(), &name); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestUserCommand(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": testdb.EmptyDatabase(t)}
	getenv := func(k string) string { return env[k] }
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"user", "create", "--username", "firstadmin", "--password", "weak", "--role", "ADMIN"}, getenv, &out, &errOut); err == nil {
		t.Error("a weak password was accepted")
	}
	if err := run(ctx, []string{"user", "create", "--username", "firstadmin", "--password", "First#Admin1", "--role", "ADMIN"}, getenv, &out, &errOut); err != nil {
		t.Fatalf("create: %v", err)
	}
	if err := run(ctx, []string{"user", "reset-password", "--username", "firstadmin", "--password", "Second#Admin2"}, getenv, &out, &errOut); err != nil {
		t.Fatalf("reset-password: %v", err)
	}
	out.Reset()
	if err := run(ctx, []string{"audit", "verify"}, getenv, &out, &errOut); err != nil || !strings.Contains(out.String(), "3 records") {
		t.Errorf("audit after CLI: %q %v, want 3 records (failed create, create, reset)", out.String(), err)
	}
}

func TestSeparationOfDutiesAndUserAuditRecords(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, true)
	a.loginAs(auth.RoleAdmin)
	errs := a.do(`mutation { createUser(input: {username: "dual", displayName: "兼任", roles: [ADMIN, LEAD_SCORER], password: "Initial#2024"}) { id } }`, nil, nil)
	if _, rule, _, _ := fieldOf(errs[0]); rule != "separation" {
		t.Errorf("admin + scorer: %+v", errs)
	}
	var c struct {
		CreateUser struct {
			ID      string
			Version int
		}
	}
	a.must(`mutation { createUser(input: {username: "newone", displayName: "新人", roles: [LEADER], password: "Initial#2024"}) { id version } }`, nil, &c)
	if errs := a.do(`mutation($id: ID!, $v: Int!) { updateUser(input: {id: $id, version: $v, displayName: "新人", roles: [LEADER, AUDITOR], enabled: true}) { id } }`,
		map[string]any{"id": c.CreateUser.ID, "v": c.CreateUser.Version}, nil); codeOf(errs) != "INVALID" {
		t.Errorf("adding the auditor role to a leader: %+v", errs)
	}
	a.must(`mutation($id: ID!, $v: Int!) { updateUser(input: {id: $id, version: $v, displayName: "新人", roles: [ANALYST], enabled: true}) { id } }`,
		map[string]any{"id": c.CreateUser.ID, "v": c.CreateUser.Version}, nil)
	var changed time.Time
	if err := a.st.DB.NewRaw(`SELECT password_changed_at FROM users WHERE username = 'newone'`).Scan(context.Background(), &changed); err != nil || changed.Year() < 2000 {
		t.Errorf("password_changed_at of a new user = %v (err %v)", changed, err)
	}
	a.loginAs(auth.RoleAuditor)
	var log struct {
		AuditLog struct {
			Records []struct {
				Operation, Outcome string
				Before, After      *string
			}
		}
	}
	a.must(`{ auditLog(filter: {username: "t_admin"}) { records { operation outcome before after } } }`, nil, &log)
	for _, r := range log.AuditLog.Records {
		if r.Before != nil && *r.Before == "null" || r.After != nil && *r.After == "null" {
			t.Errorf("%s record has a \"null\" string", r.Operation)
		}
		if r.Operation == "updateUser" && r.Outcome == "OK" && (r.Before == nil || !strings.Contains(*r.Before, "LEADER") || !strings.Contains(*r.After, "ANALYST")) {
			t.Errorf("updateUser record does not show the roles changing: before %v after %v", deref(r.Before), deref(r.After))
		}
	}
}

// TestSignedInRequestLooksUpItsSessionInOneStatement: finding the session,
// its user, roles and unit, and moving the idle deadline cost one statement
// per request together, and the deadline still moves (once a minute).
func TestSignedInRequestLooksUpItsSessionInOneStatement(t *testing.T) {
	a := newAnonymousAPI(t, false)
	a.must(`{ __typename }`, nil, nil)
	if n := a.statements.Load(); n != 0 {
		t.Errorf("an anonymous request without SQL of its own ran %d statements", n)
	}
	a.loginAs(auth.RoleLeader)
	lastSeen := func() time.Time {
		var at time.Time
		if err := a.st.DB.NewRaw(`SELECT max(last_seen_at) FROM sessions`).Scan(context.Background(), &at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	signedIn := func(step string) {
		t.Helper()
		var out struct {
			Me *struct{ User struct{ Roles []string } }
		}
		a.must(`{ me { user { roles } } }`, nil, &out)
		if out.Me == nil || len(out.Me.User.Roles) != 1 || out.Me.User.Roles[0] != string(auth.RoleLeader) {
			t.Fatalf("%s: not signed in as a leader: %+v", step, out.Me)
		}
		a.must(`{ __typename }`, nil, nil)
		if n := a.statements.Load(); n != 1 {
			t.Errorf("%s: a signed-in request without SQL of its own ran %d statements, want 1 (the session look-up)", step, n)
		}
	}
	start := lastSeen()
	a.clock.Advance(30 * time.Second)
	signedIn("30 s after sign-in")
	if got := lastSeen(); !got.Equal(start) {
		t.Errorf("idle deadline moved after 30 s: %v → %v", start, got)
	}
	a.clock.Advance(2 * time.Minute)
	signedIn("2.5 min after sign-in")
	if got := lastSeen(); !got.After(start) {
		t.Errorf("idle deadline did not move after 2.5 min: still %v", got)
	}
}
