package main

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

const publishedBreakdown = `query($p: ID!, $e: ID!) { breakdown(periodId: $p, evaluateeId: $e) {
  preview score exact period { id state } evaluatee { id group unit { id name } }
  components { method value } dimensions { dimensionId score }
  tasks { taskId text score scores { scoreId leadUnitName value status enteredBy counted flags { rule } } }
  steps { label detail } frozen } }`

type breakdownJSON struct {
	Breakdown struct {
		Preview   bool
		Score     *string
		Evaluatee struct {
			ID   string
			Unit struct{ ID, Name string }
		}
		Tasks []struct {
			TaskID string
			Score  string
			Scores []struct {
				ScoreID, LeadUnitName, Value string
			}
		}
		Frozen json.RawMessage
	}
}

// A published breakdown is read from the database once per publication
// and then kept (one statement fewer a read, the same answer); the
// evaluatee's unit is read per request, so an admin's rename shows at
// once, while the score lines stay as the publication froze them
// (ScoreLine: "frozen with a publication"), lead unit names included; a
// re-freeze (an upheld objection: publication 2) is read afresh with its
// new figures.
func TestPublishedBreakdownIsKeptButNamesStayCurrent(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	s.assign(s.jia, s.yi) // 丙区 joined after the freeze; a re-freeze would find it unscored
	contact := s.mustUser("甲区", auth.RoleEvaluateeContact)
	s.loginAs(auth.RoleLeader)
	vars := map[string]any{"p": s.h1, "e": s.jia}
	read := func(step string) (breakdownJSON, int64) {
		t.Helper()
		var out breakdownJSON
		s.must(publishedBreakdown, vars, &out)
		b := out.Breakdown
		if b.Preview || b.Score == nil || len(b.Tasks) != 1 || len(b.Tasks[0].Scores) != 1 || len(b.Frozen) == 0 {
			t.Fatalf("%s: not the published breakdown of 甲区: %+v", step, b)
		}
		return out, s.statements.Load()
	}

	first, miss := read("first read")
	if !strings.HasPrefix(*first.Breakdown.Score, "60") || first.Breakdown.Evaluatee.Unit.Name != "甲区" || first.Breakdown.Tasks[0].Scores[0].LeadUnitName != "市一局" {
		t.Fatalf("first read: %+v", first.Breakdown)
	}
	second, hit := read("second read")
	if !reflect.DeepEqual(first, second) {
		t.Errorf("the kept breakdown differs from the first read:\n%+v\n%+v", first.Breakdown, second.Breakdown)
	}
	if hit != miss-1 {
		t.Errorf("statements: %d on the first read, %d on the second; want one fewer (the frozen row kept)", miss, hit)
	}

	// Rename 甲区 and the lead unit 市一局.
	s.loginAs(auth.RoleAdmin)
	var units struct {
		Units []struct {
			ID, Name, Kind   string
			Version, SortKey int
		}
	}
	s.must(`{ units { id name kind version sortKey } }`, nil, &units)
	for _, u := range units.Units {
		if u.Name == "甲区" || u.Name == "市一局" {
			s.must(`mutation($id: ID!, $v: Int!, $n: String!, $k: UnitKind!, $s: Int!) { updateUnit(input: {id: $id, version: $v, name: $n, kind: $k, aliases: [], sortKey: $s}) { id } }`,
				map[string]any{"id": u.ID, "v": u.Version, "n": u.Name + "（新）", "k": u.Kind, "s": u.SortKey}, nil)
		}
	}
	s.loginAs(auth.RoleLeader)
	renamed, n := read("after the renames")
	if got := renamed.Breakdown.Evaluatee.Unit.Name; got != "甲区（新）" {
		t.Errorf("after the rename the evaluatee's unit is %q, want 甲区（新）", got)
	}
	if got := renamed.Breakdown.Tasks[0].Scores[0].LeadUnitName; got != "市一局" {
		t.Errorf("the frozen score line names its lead unit %q, want 市一局 as published", got)
	}
	if n != hit {
		t.Errorf("a read after a rename ran %d statements, a kept read %d: the rename need not drop the kept breakdown", n, hit)
	}

	// An upheld objection corrects 甲区's 60 to 90 and freezes publication 2.
	s.login(contact, testPassword)
	var filed struct{ FileObjection objectionJSON }
	s.must(fileObjection, map[string]any{"in": map[string]any{"periodId": s.h1, "evaluateeId": s.jia, "taskId": s.task, "reason": "分值未计入"}}, &filed)
	s.loginAs(auth.RoleTaskForce)
	queue := s.objections(s.h1)
	if len(queue) != 1 || len(queue[0].Scores) != 1 {
		t.Fatalf("the objection queue: %+v", queue)
	}
	sc := queue[0].Scores[0]
	s.must(`mutation($in: AnswerObjectionInput!) { answerObjection(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"objectionId": filed.FileObjection.ID, "version": filed.FileObjection.Version, "uphold": true, "answer": "属实",
		"corrections": []any{map[string]any{"scoreId": sc.ID, "version": sc.Version, "value": "90"}}}}, nil)
	if _, pub, _ := s.ranking(s.h1); pub != 2 {
		t.Fatalf("after the upheld objection publication %d is in force, want 2", pub)
	}
	s.loginAs(auth.RoleLeader)
	refrozen, n := read("after the re-freeze")
	b := refrozen.Breakdown
	if !strings.HasPrefix(*b.Score, "90") || !strings.HasPrefix(b.Tasks[0].Scores[0].Value, "90") || b.Evaluatee.Unit.Name != "甲区（新）" {
		t.Errorf("after the re-freeze: score %s, score line %+v, unit %q; want 90 and 甲区（新）", *b.Score, b.Tasks[0].Scores[0], b.Evaluatee.Unit.Name)
	}
	if n != miss {
		t.Errorf("the first read of publication 2 ran %d statements, want %d as for publication 1's", n, miss)
	}
	if _, n := read("publication 2 again"); n != hit {
		t.Errorf("the second read of publication 2 ran %d statements, want %d", n, hit)
	}
}

// Many readers of a fresh publication's breakdown at once get the same
// answer, and each the statements of a kept read or of the one load.
func TestPublishedBreakdownConcurrentReadersAgree(t *testing.T) {
	t.Parallel()
	s := newTwoHalves(t)
	s.loginAs(auth.RoleLeader)
	vars := map[string]any{"p": s.h1, "e": s.yi}
	const readers = 8
	answers := make([]string, readers)
	errs := make(chan error, readers)
	for i := range readers {
		go func() {
			body, _ := json.Marshal(map[string]any{"query": publishedBreakdown, "variables": vars})
			resp, err := s.post("application/json", strings.NewReader(string(body)))
			if err != nil {
				errs <- err
				return
			}
			var out gqlResponse
			err = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if err == nil && len(out.Errors) > 0 {
				err = errors.New(out.Errors[0].Message)
			}
			answers[i] = string(out.Data)
			errs <- err
		}()
	}
	for range readers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	var want breakdownJSON
	s.must(publishedBreakdown, vars, &want)
	if want.Breakdown.Score == nil || !strings.HasPrefix(*want.Breakdown.Score, "80") {
		t.Fatalf("乙区's published score: %+v", want.Breakdown)
	}
	for i, a := range answers {
		if a != answers[0] {
			t.Fatalf("reader %d's answer differs from reader 0's:\n%.400s\n%.400s", i, a, answers[0])
		}
	}
	var got breakdownJSON
	if err := json.Unmarshal([]byte(answers[0]), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the concurrent readers' answer differs from a later read:\n%+v\n%+v", got.Breakdown, want.Breakdown)
	}
}
