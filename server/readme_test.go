package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestREADMEListsEveryPackage keeps the README's package map true: every
// directory holding Go files and every top folder of frontend/src is listed
// there with a line of its own, and nothing listed is gone. It reads the file
// tree, not a database, so it runs in no time.
func TestREADMEListsEveryPackage(t *testing.T) {
	t.Parallel()
	const root = ".."
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "<!-- package map")
	end := strings.Index(text, "<!-- end package map -->")
	if start < 0 || end < start {
		t.Fatal("README.md has no package map (<!-- package map … --> … <!-- end package map -->)")
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^- `([^`]+)/` — \\S").FindAllStringSubmatch(text[start:end], -1) {
		listed[m[1]] = true
	}

	var present []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			// What Go itself ignores, and what is not the project's code.
			if rel != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				name == "testdata" || name == "node_modules" || rel == "frontend/dist" || rel == "bin") {
				return filepath.SkipDir
			}
			if filepath.Dir(rel) == "frontend/src" {
				present = append(present, rel)
			}
			return nil
		}
		// The root holds only tools.go (build tag tools), which pins generators.
		dir := filepath.ToSlash(filepath.Dir(rel))
		if strings.HasSuffix(rel, ".go") && dir != "." && !slices.Contains(present, dir) {
			present = append(present, dir)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range present {
		if !listed[dir] {
			t.Errorf("README.md package map does not list %s/: add a line \"- `%s/` — what it provides\"", dir, dir)
		}
	}
	for dir := range listed {
		if info, err := os.Stat(filepath.Join(root, dir)); err != nil || !info.IsDir() {
			t.Errorf("README.md package map lists %s/, which does not exist any more", dir)
		}
	}
}
