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
	writes, _ = storeFunctionsByKind(t)
	return writes
}

// storeFunctionsByKind is storeFunctions with the reads as well.
func storeFunctionsByKind(t *testing.T) (writes, reads map[string]bool) {
	writes, reads = map[string]bool{}, map[string]bool{}
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
				reads[n] = true
			default:
				t.Errorf("%s: store.%s is neither a read nor a write by its name; name it by what it does, or add its verb to architecture_test.go", name, n)
			}
		}
	}
	if len(writes) < 10 || len(reads) < 10 {
		t.Fatalf("found only %d store writes and %d reads: the classification is broken", len(writes), len(reads))
	}
	return writes, reads
}

// TestEntryPointsDoNotWriteThroughStore fails when a resolver, an HTTP
// handler or a CLI command calls a store write directly: the domain
// function of the use case owns its rule checks and its writes.
func TestEntryPointsDoNotWriteThroughStore(t *testing.T) {
	t.Parallel()
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

// resolverStoreReads are the store reads a resolver may still call itself,
// each with its reason. Everything else a resolver reads goes through the
// domain package of its area, which owns the visibility filter.
var resolverStoreReads = map[string]string{
	// resetPassword sets the password through the auth service (hashing,
	// policy), which server/accounts does not hold; the look-up and the
	// re-read around it move with it into accounts.
	"auth.resolvers.go:FindUser": "resetPassword",
	// The auditor's filter choices: a read of the audit log's own units,
	// with no rule beyond the AUDITOR role.
	"auth.resolvers.go:UnitsInAuditLog": "auditLogUnits",
	// Pure conversions and defaults, no SQL.
	"import.resolvers.go:DeadlineOf":   "previewPlanImport",
	"plan.resolvers.go:DefaultWeights": "createPlan",
}

// TestResolversDoNotReadThroughStore fails when a resolver file calls (or
// passes on) a store function outside resolverStoreReads: reads, too, are
// the owning package's use case. Loaders (graph/loaders.go) batch store
// reads by design and are not resolver files.
func TestResolversDoNotReadThroughStore(t *testing.T) {
	t.Parallel()
	writes, reads := storeFunctionsByKind(t)
	used := map[string]bool{}
	for name, f := range goFiles(t, filepath.Join("..", "graph")) {
		if !strings.HasSuffix(name, ".resolvers.go") {
			continue
		}
		base := filepath.Base(name)
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "store" || !(reads[sel.Sel.Name] || writes[sel.Sel.Name]) {
				return true
			}
			key := base + ":" + sel.Sel.Name
			if _, ok := resolverStoreReads[key]; ok {
				used[key] = true
				return true
			}
			t.Errorf("%s calls store.%s: read through the domain function of this use case instead", name, sel.Sel.Name)
			return true
		})
	}
	for key := range resolverStoreReads {
		if !used[key] {
			t.Errorf("resolverStoreReads lists %s, which no resolver uses any more: remove it", key)
		}
	}
}

// sqlBuilders are Bun's entry points to SQL.
var sqlBuilders = []string{"NewSelect", "NewInsert", "NewUpdate", "NewDelete", "NewRaw", "NewMerge", "ExecContext", "QueryContext", "QueryRowContext"}

// sqlOwners may build SQL: store, and audit, whose append-only hash-chained
// log is its own storage; the demo loader's province fixture bulk-loads.
var sqlOwners = []string{"store", "audit", "demo", "testdb"}

// TestSQLOnlyInStore fails when a package outside sqlOwners builds SQL.
func TestSQLOnlyInStore(t *testing.T) {
	t.Parallel()
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
