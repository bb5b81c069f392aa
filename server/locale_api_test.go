package main

import (
	"strings"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

type localeSession struct {
	Restricted bool
	User       struct{ Locale string }
}

func meLocale(a *api) string {
	a.t.Helper()
	var out struct{ Me *localeSession }
	a.must(`{ me { user { locale } } }`, nil, &out)
	if out.Me == nil {
		a.t.Fatal("me is null for a signed-in client")
	}
	return out.Me.User.Locale
}

// TestUserLocaleIsRememberedPerUser: the language a user picks is kept on
// the account (another browser signs in to it), audited, refused to
// signed-out clients, and only the enum's values are accepted.
func TestUserLocaleIsRememberedPerUser(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	const set = `mutation($l: Locale!) { setMyLocale(locale: $l) { restricted user { locale } } }`
	if errs := a.do(set, map[string]any{"l": "EN"}, nil); codeOf(errs) != "UNAUTHENTICATED" {
		t.Errorf("signed out: %+v, want UNAUTHENTICATED", errs)
	}

	user := a.loginAs(auth.RoleLeader)
	if got := meLocale(a); got != "ZH_CN" {
		t.Errorf("a new account's locale = %q, want ZH_CN", got)
	}
	var out struct{ SetMyLocale localeSession }
	a.must(set, map[string]any{"l": "EN"}, &out)
	if out.SetMyLocale.User.Locale != "EN" {
		t.Errorf("setMyLocale answered %+v, want locale EN", out.SetMyLocale)
	}

	// Another browser signing in to the same account reads the choice.
	b := newAnonymousAPIOn(t, a)
	b.login(user, testPassword)
	if got := meLocale(b); got != "EN" {
		t.Errorf("another browser reads locale %q, want EN", got)
	}
	// Another user is untouched.
	c := newAnonymousAPIOn(t, a)
	c.loginAs(auth.RoleAnalyst)
	if got := meLocale(c); got != "ZH_CN" {
		t.Errorf("another user's locale = %q, want ZH_CN", got)
	}

	// Values outside the enum (the SPA's code, another language, nothing)
	// are refused before the resolver and change nothing.
	for _, bad := range []any{"en", "FR", "", nil} {
		if errs := a.do(set, map[string]any{"l": bad}, nil); len(errs) == 0 {
			t.Errorf("setMyLocale(%v) was accepted", bad)
		}
	}
	if got := meLocale(a); got != "EN" {
		t.Errorf("after refused values the locale is %q, want EN", got)
	}

	a.must(set, map[string]any{"l": "ZH_CN"}, nil)
	if got := meLocale(b); got != "ZH_CN" {
		t.Errorf("switched back: another browser reads %q, want ZH_CN", got)
	}

	aud := newAnonymousAPIOn(t, a)
	aud.loginAs(auth.RoleAuditor)
	var log struct {
		AuditLog struct {
			Total   int
			Records []struct {
				Username, Outcome, ObjectType string
				Before, After                 *string
			}
		}
	}
	aud.must(`{ auditLog(filter: {operation: "setMyLocale", outcome: "OK"}) { total records { username outcome objectType before after } } }`, nil, &log)
	if log.AuditLog.Total != 2 {
		t.Fatalf("setMyLocale audit records = %d, want 2: %+v", log.AuditLog.Total, log.AuditLog.Records)
	}
	// Newest first: back to zh-CN, then the switch to English.
	for i, want := range [][2]string{{`"en"`, `"zh-CN"`}, {`"zh-CN"`, `"en"`}} {
		r := log.AuditLog.Records[i]
		if r.Username != user || r.ObjectType != "users" || r.Before == nil || r.After == nil ||
			!strings.Contains(*r.Before, want[0]) || !strings.Contains(*r.After, want[1]) {
			t.Errorf("record %d = %+v before %v after %v, want %s → %s", i, r, deref(r.Before), deref(r.After), want[0], want[1])
		}
	}
}

// TestRestrictedSessionMaySetItsLocale: a user who must first change the
// initial password may still switch language (the change-password page has
// the switch too).
func TestRestrictedSessionMaySetItsLocale(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	a.loginAs(auth.RoleAdmin)
	a.must(`mutation { createUser(input: {username: "newanalyst", displayName: "新分析员", roles: [ANALYST], password: "Initial#2024"}) { id } }`, nil, nil)
	b := newAnonymousAPIOn(t, a)
	var out struct{ SetMyLocale localeSession }
	b.login("newanalyst", "Initial#2024")
	b.must(`mutation { setMyLocale(locale: EN) { restricted user { locale } } }`, nil, &out)
	if !out.SetMyLocale.Restricted || out.SetMyLocale.User.Locale != "EN" {
		t.Errorf("restricted session setMyLocale = %+v, want restricted and EN", out.SetMyLocale)
	}
}
