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
	body := strings.Index(text[start:], "\n") + start
	got := strings.TrimSpace(text[body:end])
	want := graph.RoleTable()
	if got != want && os.Getenv("UPDATE_FIXTURES") != "" {
		// UPDATE_FIXTURES=1 rewrites the table from the schema, as for the
		// label fixtures; review the diff before committing it.
		if err := os.WriteFile("../README.md", []byte(text[:body]+"\n"+want+"\n"+text[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("README.md role table is out of date (UPDATE_FIXTURES=1 rewrites it); it should be:\n%s", want)
	}
}
