package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kaoping/kaoping/server/labels"
)

// TestEveryEnumValueHasALabel keeps server/labels complete: the SPA shows
// whatever enumLabels says, so an enum value without a label would reach
// the screen as its code. It also refuses labels of values the schema
// lacks, so a renamed value does not leave a stale word behind.
func TestEveryEnumValueHasALabel(t *testing.T) {
	t.Parallel()
	schema := NewExecutableSchema(Config{}).Schema()
	have := map[[2]string]bool{}
	for _, l := range labels.All() {
		key := [2]string{l.Enum, l.Value}
		if have[key] {
			t.Errorf("%s.%s is labelled twice", l.Enum, l.Value)
		}
		have[key] = true
		if strings.TrimSpace(l.Label) == "" {
			t.Errorf("%s.%s has an empty label", l.Enum, l.Value)
		}
		if l.Enum == labels.ScoreChangeAction || l.Enum == labels.SessionPending {
			continue
		}
		def := schema.Types[l.Enum]
		if def == nil || def.Kind != ast.Enum {
			t.Errorf("labels name enum %s, which the schema does not have", l.Enum)
		} else if def.EnumValues.ForName(l.Value) == nil {
			t.Errorf("labels name %s.%s, which the schema does not have", l.Enum, l.Value)
		}
	}
	enums := 0
	for name, def := range schema.Types {
		if def.Kind != ast.Enum || strings.HasPrefix(name, "__") {
			continue
		}
		enums++
		for _, v := range def.EnumValues {
			if !have[[2]string{name, v.Name}] {
				t.Errorf("enum value %s.%s has no label in server/labels", name, v.Name)
			}
		}
	}
	if enums < 10 {
		t.Fatalf("found only %d enums in the schema: the walk is broken", enums)
	}
}
