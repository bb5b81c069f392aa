package labels

import (
	"encoding/json"
	"os"
	"testing"
)

// fixture is the SPA's unit-test copy of the catalogue: Vitest has no
// server to ask, so it reads what enumLabels answers from this file. The
// app itself never reads it.
const fixture = "../../frontend/src/test/enumLabels.json"

type entry struct {
	Enum    string `json:"enum"`
	Value   string `json:"value"`
	Label   string `json:"label"`
	English string `json:"english"`
}

func wire() []entry {
	out := make([]entry, len(All()))
	for i, l := range All() {
		out[i] = entry(l)
	}
	return out
}

// TestFrontendFixtureIsTheCatalogue keeps the Vitest fixture equal to the
// catalogue. UPDATE_FIXTURES=1 rewrites it.
func TestFrontendFixtureIsTheCatalogue(t *testing.T) {
	t.Parallel()
	want, err := json.MarshalIndent(wire(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if os.Getenv("UPDATE_FIXTURES") == "1" {
		if err := os.WriteFile(fixture, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from server/labels; run UPDATE_FIXTURES=1 go test ./server/labels/", fixture)
	}
}

func TestOf(t *testing.T) {
	t.Parallel()
	if got := Of("PeriodState", "PUBLICITY"); got != "公示" {
		t.Errorf("PeriodState.PUBLICITY = %q, want 公示", got)
	}
	if got := Of("PeriodState", "NOPE"); got != "NOPE" {
		t.Errorf("an unknown value should read as itself, got %q", got)
	}
	if got := English("PeriodState", "PUBLICITY"); got != "Publicity" {
		t.Errorf("English PeriodState.PUBLICITY = %q, want Publicity", got)
	}
	if got := English("PeriodState", "NOPE"); got != "NOPE" {
		t.Errorf("an unknown value should read as itself in English too, got %q", got)
	}
}

// TestEveryLabelHasEnglish keeps the English column complete: a value
// without an English word would show in Chinese in the English UI. It also
// refuses English words of values the catalogue lacks (a renamed value).
func TestEveryLabelHasEnglish(t *testing.T) {
	t.Parallel()
	labelled := map[[2]string]bool{}
	for _, l := range All() {
		labelled[[2]string{l.Enum, l.Value}] = true
		if l.English == "" {
			t.Errorf("%s.%s (%s) has no English word in labels.english", l.Enum, l.Value, l.Label)
		}
	}
	for enum, values := range english {
		for value := range values {
			if !labelled[[2]string{enum, value}] {
				t.Errorf("labels.english names %s.%s, which the catalogue does not have", enum, value)
			}
		}
	}
}
