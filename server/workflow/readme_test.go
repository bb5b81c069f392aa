package workflow

import (
	"os"
	"strings"
	"testing"
)

// TestPermittedTableMatchesREADME keeps the README's table of what may be
// done in each state equal to Permitted.
func TestPermittedTableMatchesREADME(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "<!-- workflow table")
	end := strings.Index(text, "<!-- end workflow table -->")
	if start < 0 || end < start {
		t.Fatal("README.md has no workflow table")
	}
	got := strings.TrimSpace(text[strings.Index(text[start:], "\n")+start : end])
	if want := Table(); got != want {
		t.Errorf("README.md workflow table is out of date; it should be:\n%s", want)
	}
}
