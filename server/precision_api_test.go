package main

import (
	"testing"

	"github.com/kaoping/kaoping/server/auth"
)

// Issue 7, defect 3: the 民意调查 import accepts weights with up to six
// decimals; they are stored as imported, and the weighted mean uses them:
// (0.333333 × 90 + 0.666667 × 85) / 1 = 86.666665 → 86.67 (with weights
// rounded to 0.33 and 0.67 it would be 86.65).
func TestSourceWeightsKeepWhatTheImportAccepts(t *testing.T) {
	h := newHalfYear(t)
	h.move("OPEN", "")
	csv := "考评对象,来源,分值,权重\n甲区,调查A,90,0.333333\n甲区,调查B,85,0.666667\n"
	var out struct {
		ImportSourceValues struct {
			Written bool
			Errors  []struct {
				Row     int
				Message string
			}
		}
	}
	h.upload(`mutation($f: Upload!, $p: ID!) { importSourceValues(input: {periodId: $p, method: PUBLIC_OPINION, file: $f, dryRun: false}) { written errors { row message } } }`,
		map[string]any{"f": nil, "p": h.period}, "variables.f", "民调.csv", []byte(csv), &out)
	if !out.ImportSourceValues.Written || len(out.ImportSourceValues.Errors) > 0 {
		t.Fatalf("import = %+v", out.ImportSourceValues)
	}
	var vals struct {
		SourceValues []struct{ Source, Weight string }
	}
	h.must(`query($p: ID!) { sourceValues(periodId: $p, method: PUBLIC_OPINION) { source weight } }`, map[string]any{"p": h.period}, &vals)
	want := map[string]string{"调查A": "0.333333", "调查B": "0.666667"}
	for _, v := range vals.SourceValues {
		if v.Weight != want[v.Source] {
			t.Errorf("%s: stored weight %s, imported %s", v.Source, v.Weight, want[v.Source])
		}
	}
	h.loginAs(auth.RoleLeader)
	for _, row := range h.ranking("DISTRICTS").Ranking.Rows {
		for _, c := range row.Components {
			if c.Method != "PUBLIC_OPINION" {
				continue
			}
			if c.Value == nil || *c.Value != "86.67" {
				got := "missing"
				if c.Value != nil {
					got = *c.Value
				}
				t.Errorf("民意调查 of 甲区 = %s, want 86.67", got)
			}
		}
	}
}
