package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The boundaries of DESIGN §5 and README "Architecture", checked on the
// source: entry points (resolvers, HTTP handlers, CLI commands) call one
// domain function per use case and never write through store themselves,
// and SQL is built in store only.

// storeWriteVerbs and storeReadVerbs classify every exported function of
// server/store by the start of its name. A new store function must fit one
// of them, so a write cannot slip past the check under an unusual name.
var (
	storeWriteVerbs = []string{"Create", "Update", "Delete", "Save", "Set", "Replace", "Add", "Move", "Publish",
		"Supersede", "Import", "Mark", "Record", "Enable", "Touch", "Store", "Resolve"}
	storeReadVerbs = []string{"Find", "List", "Open", "With", "Default", "Current", "File", "Recent", "Failed",
		"Catalogue", "Deadline", "Carried", "Carriers", "Evaluatees", "Dimensions", "Indicators", "Tasks",
		"LeadUnits", "Assignments", "Periods", "PeriodEvents", "Lock", "Published", "Evidence", "Score", "Units",
		"Unavailable", "CellScopes", "WriteThatMade", "Inspector", "Checklist", "Photos", "Events", "Latest",
		"VisitOf", "Reports", "Count", "Aggregate"}
)

func hasVerb(name string, verbs []string) bool {
	return slices.ContainsFunc(verbs, func(v string) bool { return strings.HasPrefix(name, v) })
}

// goFiles parses the non-test Go files of dir.
func goFiles(t *testing.T, dir string) map[string]*ast.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ast.File{}
	fset := token.NewFileSet()
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") || strings.HasSuffix(n, "generated.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = f
	}
	return out
}

// storeFunctions lists store's exported functions, failing on any whose
// name says neither read nor write.
func storeFunctions(t *testing.T) (writes map[string]bool) {
	writes = map[string]bool{}
	for name, f := range goFiles(t, "store") {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() {
				continue
			}
			switch n := fn.Name.Name; {
			case hasVerb(n, storeWriteVerbs):
				writes[n] = true
			case hasVerb(n, storeReadVerbs):
			default:
				t.Errorf("%s: store.%s is neither a read nor a write by its name; name it by what it does, or add its verb to architecture_test.go", name, n)
			}
		}
	}
	if len(writes) < 10 {
		t.Fatalf("found only %d store writes: the classification is broken", len(writes))
	}
	return writes
}

// TestEntryPointsDoNotWriteThroughStore fails when a resolver, an HTTP
// handler or a CLI command calls a store write directly: the domain
// function of the use case owns its rule checks and its writes.
func TestEntryPointsDoNotWriteThroughStore(t *testing.T) {
	writes := storeFunctions(t)
	files := goFiles(t, ".")
	for n, f := range goFiles(t, filepath.Join("..", "graph")) {
		files[n] = f
	}
	for name, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "store" && writes[sel.Sel.Name] {
				t.Errorf("%s calls store.%s: call the domain function of this use case instead", name, sel.Sel.Name)
			}
			return true
		})
	}
}

// sqlBuilders are Bun's entry points to SQL.
var sqlBuilders = []string{"NewSelect", "NewInsert", "NewUpdate", "NewDelete", "NewRaw", "NewMerge", "ExecContext", "QueryContext", "QueryRowContext"}

// sqlOwners may build SQL: store, and audit, whose append-only hash-chained
// log is its own storage; the demo loader's province fixture bulk-loads.
var sqlOwners = []string{"store", "audit", "demo", "testdb"}

// TestSQLOnlyInStore fails when a package outside sqlOwners builds SQL.
func TestSQLOnlyInStore(t *testing.T) {
	dirs := []string{".", filepath.Join("..", "graph")}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !slices.Contains(sqlOwners, e.Name()) {
			dirs = append(dirs, e.Name())
		}
	}
	for _, dir := range dirs {
		for name, f := range goFiles(t, dir) {
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && slices.Contains(sqlBuilders, sel.Sel.Name) {
					t.Errorf("%s builds SQL (%s): SQL lives in server/store", name, sel.Sel.Name)
				}
				return true
			})
		}
	}
}
