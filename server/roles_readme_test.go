package main

import (
	"os"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/graph"
)

// TestRoleTableMatchesREADME keeps README's table of who may call what
// equal to the @allow rules the server enforces.
func TestRoleTableMatchesREADME(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "<!-- role table")
	end := strings.Index(text, "<!-- end role table -->")
	if start < 0 || end < start {
		t.Fatal("README.md has no role table")
	}
	got := strings.TrimSpace(text[strings.Index(text[start:], "\n")+start : end])
	if want := graph.RoleTable(); got != want {
		t.Errorf("README.md role table is out of date; it should be:\n%s", want)
	}
}
