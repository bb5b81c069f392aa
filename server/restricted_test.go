package main

import (
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// A restricted session (here: a password to change) reaches nothing but
// the steps it must take, however the request is phrased, and its refused
// mutations are audited like every refusal.
func TestRestrictedSessionIsRefusedEverywhere(t *testing.T) {
	a := newAPI(t, false)
	b := newAnonymousAPIOn(t, a)
	name := b.mustUser("甲区", auth.RoleTaskForce)
	if _, err := a.st.DB.ExecContext(t.Context(), `UPDATE users SET must_change_password = true WHERE username = ?`, name); err != nil {
		t.Fatal(err)
	}
	b.login(name, testPassword)
	for what, query := range map[string]string{
		"a query":                  `{ plans { id } }`,
		"a query in a fragment":    `query { ...F } fragment F on Query { plans { id } }`,
		"an allowed and a refused": `{ me { restricted } units { id } }`,
		"a mutation":               `mutation { createPlan(input: {name: "x", year: 2024}) { id } }`,
	} {
		if errs := b.do(query, nil, nil); codeOf(errs) != "FORBIDDEN" || errs[0].Message != "请先完成:修改初始密码" {
			t.Errorf("%s: %+v", what, errs)
		}
	}
	var me struct{ Me struct{ Restricted bool } }
	b.must(`{ me { restricted } }`, nil, &me)
	if !me.Me.Restricted {
		t.Error("me: not restricted")
	}
	var denied int
	if err := a.st.DB.NewSelect().Table("audit_log").ColumnExpr("count(*)").
		Where("operation = 'createPlan' AND outcome = 'DENIED' AND username = ?", name).Scan(t.Context(), &denied); err != nil {
		t.Fatal(err)
	}
	if denied != 1 {
		t.Errorf("refused createPlan audited %d times, want 1", denied)
	}
	resp, err := b.client.Get(b.srv.URL + "/files/score-template.xlsx?periodId=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("download: %d, want 403", resp.StatusCode)
	}
}
