package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
)

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// checkBilingual fails unless the first error has code, a Chinese message
// and an English extensions.messageEn with no Chinese in it, and, when it
// names fields, each field's messageEn is English too.
func checkBilingual(t *testing.T, what, code string, errs []gqlError) {
	t.Helper()
	if codeOf(errs) != code {
		t.Errorf("%s: %+v, want %s", what, errs, code)
		return
	}
	e := errs[0]
	en, _ := e.Extensions["messageEn"].(string)
	if !hasHan(e.Message) {
		t.Errorf("%s: message %q is not Chinese", what, e.Message)
	}
	if en == "" || hasHan(en) {
		t.Errorf("%s: messageEn %q is missing or not English (message %q)", what, en, e.Message)
	}
	fields, _ := e.Extensions["fields"].([]any)
	for _, f := range fields {
		fe, _ := f.(map[string]any)
		if fen, _ := fe["messageEn"].(string); fen == "" || hasHan(fen) {
			t.Errorf("%s: field %v has no English message", what, fe)
		}
	}
}

// TestErrorsSpeakEnglish: every kind of error the API returns says what
// went wrong in both languages, so the English UI never falls back to
// Chinese or to a generic sentence (issue 13).
func TestErrorsSpeakEnglish(t *testing.T) {
	t.Parallel()
	a := newAPI(t, true)

	// Not found.
	errs := a.do(`mutation { createDimension(input: {planId: "999999", number: 9, name: "x", points: "1"}) { id } }`, nil, nil)
	checkBilingual(t, "dimension of an unknown plan", "NOT_FOUND", errs)
	if en, _ := errs[0].Extensions["messageEn"].(string); en != "Evaluation plan 999999 does not exist" && en != "evaluation plan 999999 does not exist" {
		t.Errorf("not found in English: %q", en)
	}

	// An invalid field (a database rule, the weights' sum) and a
	// validation rule (validate.Struct).
	errs = a.do(`mutation { createPlan(input: {name: "测试", year: 2024, weights: {dailyMonitoring: "60", fieldVisits: "20", publicOpinion: "10", thirdParty: "5"}}) { id } }`, nil, nil)
	checkBilingual(t, "weights not summing to 100", "INVALID", errs)
	errs = a.do(`mutation { createPlan(input: {name: "", year: 2024}) { id } }`, nil, nil)
	checkBilingual(t, "a plan without a name", "INVALID", errs)

	// A bad scalar.
	errs = a.do(`mutation { createDimension(input: {planId: "1", number: 9, name: "x", points: "abc"}) { id } }`, nil, nil)
	checkBilingual(t, "a bad decimal", "INVALID", errs)

	// A stale version.
	var tree planTree
	a.must(planTreeQuery, map[string]any{"id": firstPlanID(a)}, &tree)
	t1 := tree.task(1)
	update := func(text string) []gqlError {
		return a.do(`mutation($in: UpdateTaskInput!) { updateTask(input: $in) { version } }`, map[string]any{"in": map[string]any{
			"id": t1.ID, "version": t1.Version, "number": 1, "text": text,
			"deadline": map[string]any{"phrase": t1.Deadline.Phrase, "continuing": true}, "leadUnitIds": []string{t1.LeadUnits[0].ID},
		}}, nil)
	}
	if errs := update("第一位编辑者的修改"); len(errs) > 0 {
		t.Fatalf("first save: %+v", errs)
	}
	checkBilingual(t, "saving an old version", "CONFLICT", update("基于旧版本的修改"))

	// A refused transition (a field error) in the workflow.
	var plan struct {
		CreatePlan struct {
			ID      string
			Periods []struct {
				ID      string
				Version int
			}
		}
	}
	a.must(`mutation { createPlan(input: {name: "英文错误方案", year: 2031}) { id periods { id version } } }`, nil, &plan)
	h1 := plan.CreatePlan.Periods[0]
	errs = a.do(`mutation($p: ID!, $v: Int!) { movePeriod(input: {periodId: $p, version: $v, to: PUBLISHED}) { version } }`,
		map[string]any{"p": h1.ID, "v": h1.Version}, nil)
	checkBilingual(t, "筹备 straight to 发布", "INVALID", errs)

	// Forbidden: the 专班 is not a lead scorer.
	errs = a.do(`mutation($p: ID!) { saveScores(input: {periodId: $p, entries: [], submit: false}) { id } }`, map[string]any{"p": h1.ID}, nil)
	checkBilingual(t, "专班 saving scores", "FORBIDDEN", errs)

	// The workflow refuses scores in a period still in 筹备; the English
	// names the period without its Chinese name.
	units, err := store.ListUnits(context.Background(), a.st.DB)
	if err != nil || len(units) == 0 {
		t.Fatalf("units: %v", err)
	}
	a.login(a.mustUser(units[0].Name, auth.RoleLeadScorer), testPassword)
	errs = a.do(`mutation($p: ID!, $e: [ScoreEntryInput!]!) { saveScores(input: {periodId: $p, entries: $e, submit: false}) { id } }`,
		map[string]any{"p": h1.ID, "e": []any{map[string]any{"evaluateeId": "1", "taskId": "1", "value": "1", "comment": "", "version": 0}}}, nil)
	checkBilingual(t, "scores in 筹备", "INVALID", errs)
	if en, _ := errs[0].Extensions["messageEn"].(string); !strings.Contains(en, "H1 2031") || !strings.Contains(en, "Preparation") {
		t.Errorf("workflow refusal in English: %q, want the period as H1 2031 and the stage Preparation", en)
	}

	// A refused download answers JSON in both languages.
	status, body := a.get("/files/audit.xlsx")
	var refusal struct{ Code, Message, MessageEn string }
	if err := json.Unmarshal(body, &refusal); status != http.StatusForbidden || err != nil {
		t.Fatalf("audit log as a lead scorer: %d %s", status, body)
	}
	if refusal.Code != "FORBIDDEN" || !hasHan(refusal.Message) || refusal.MessageEn == "" || hasHan(refusal.MessageEn) {
		t.Errorf("download refusal: %+v", refusal)
	}

	// Not signed in.
	anon := newAnonymousAPI(t, false)
	checkBilingual(t, "not signed in", "UNAUTHENTICATED", anon.do(`{ plans { id } }`, nil, nil))
}
