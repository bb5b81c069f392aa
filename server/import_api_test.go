package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

type importedPlanJSON struct {
	Title       string
	TotalPoints string
	NewUnits    []string
	Dimensions  []struct {
		Number     int
		Points     string
		Indicators []struct {
			Points string
			Tasks  []struct {
				Number    int
				LeadUnits []struct {
					Name  string
					Known bool
				}
			}
		}
	}
	Problems []struct {
		Line     int
		Severity string
		Code     string
	}
}

const previewQuery = `mutation($file: Upload!) { previewPlanImport(file: $file) {
  title totalPoints newUnits
  dimensions { number points indicators { points tasks { number leadUnits { name known } } } }
  problems { line severity code message } } }`

func TestPreviewAndImportSeedDocument(t *testing.T) {
	t.Parallel()
	a := newAnonymousAPI(t, false)
	// A catalogue with one unit under another spelling: 审批服务局 in the
	// document must match it. Units are the administrator's, imports the 专班's.
	a.loginAs(auth.RoleAdmin)
	a.must(`mutation { createUnit(input: {name: "市审批服务局", kind: DEPARTMENT, aliases: [], sortKey: 1}) { id } }`, nil, nil)
	a.loginAs(auth.RoleTaskForce)

	var preview struct{ PreviewPlanImport importedPlanJSON }
	if errs := a.upload(previewQuery, map[string]any{"file": nil}, "variables.file", "考评办法.txt", readSeed(t), &preview); len(errs) > 0 {
		t.Fatalf("preview: %+v", errs)
	}
	p := preview.PreviewPlanImport
	if len(p.Dimensions) != 1 || len(p.Dimensions[0].Indicators) != 9 || p.Dimensions[0].Points != "25" {
		t.Fatalf("preview = %+v", p)
	}
	lead := p.Dimensions[0].Indicators[0].Tasks[0].LeadUnits[0]
	if lead.Name != "市审批服务局" || !lead.Known {
		t.Errorf("task 1 lead unit = %+v, want the catalogue's 市审批服务局", lead)
	}
	if contains(p.NewUnits, "市审批服务局") || !contains(p.NewUnits, "市公安局") {
		t.Errorf("new units = %v", p.NewUnits)
	}
	if !hasProblem(p, "TRUNCATED", 68) {
		t.Errorf("problems = %+v, want TRUNCATED on line 68", p.Problems)
	}
	var plans struct{ Plans []struct{ ID string } }
	a.must(`{ plans { id } }`, nil, &plans)
	if len(plans.Plans) != 0 {
		t.Fatal("preview wrote a plan")
	}

	var imported struct {
		ImportPlan struct {
			Plan         struct{ ID, Name string }
			CreatedUnits []struct{ Name string }
			Problems     []struct{ Code string }
		}
	}
	errs := a.upload(`mutation($in: ImportPlanInput!) { importPlan(input: $in) { plan { id name } createdUnits { name } problems { code } } }`,
		map[string]any{"in": map[string]any{"file": nil, "name": "导入测试", "year": 2023}}, "variables.in.file", "考评办法.txt", readSeed(t), &imported)
	if len(errs) > 0 {
		t.Fatalf("import: %+v", errs)
	}
	var tree planTree
	a.must(planTreeQuery, map[string]any{"id": imported.ImportPlan.Plan.ID}, &tree)
	if n := countTasks(tree); n != 29 {
		t.Errorf("imported %d tasks, want 29", n)
	}
	if got := tree.task(3).LeadUnits; len(got) != 2 {
		t.Errorf("task 3 lead units = %+v", got)
	}
	if len(imported.ImportPlan.CreatedUnits) != len(p.NewUnits) {
		t.Errorf("created %d units, preview announced %d", len(imported.ImportPlan.CreatedUnits), len(p.NewUnits))
	}
}

func hasProblem(p importedPlanJSON, code string, line int) bool {
	for _, pr := range p.Problems {
		if pr.Code == code && pr.Line == line {
			return true
		}
	}
	return false
}

func TestImportDocx(t *testing.T) {
	t.Parallel()
	a := newAPI(t, false)
	var preview struct{ PreviewPlanImport importedPlanJSON }
	if errs := a.upload(previewQuery, map[string]any{"file": nil}, "variables.file", "考评办法.docx", docxOf(t, string(readSeed(t))), &preview); len(errs) > 0 {
		t.Fatalf("preview: %+v", errs)
	}
	if n := len(preview.PreviewPlanImport.Dimensions[0].Indicators); n != 9 {
		t.Errorf(".docx preview has %d indicators, want 9", n)
	}
}

func TestImportRefusesFileWithNothingToImport(t *testing.T) {
	t.Parallel()
	a := newAPI(t, false)
	for name, content := range map[string][]byte{"empty": {}, "binary": {0, 1, 2, 0xff, 0, 0xfe, 7, 0}} {
		t.Run(name, func(t *testing.T) {
			errs := a.upload(`mutation($in: ImportPlanInput!) { importPlan(input: $in) { plan { id } } }`,
				map[string]any{"in": map[string]any{"file": nil, "name": "x", "year": 2023}}, "variables.in.file", "x.txt", content, nil)
			if codeOf(errs) != "INVALID" {
				t.Errorf("errors = %+v, want INVALID", errs)
			}
			var plans struct{ Plans []struct{ ID string } }
			a.must(`{ plans { id } }`, nil, &plans)
			if len(plans.Plans) != 0 {
				t.Error("a refused import left a plan behind")
			}
		})
	}
}

// docxOf builds a minimal Word document with one paragraph per line.
func docxOf(t *testing.T, text string) []byte {
	t.Helper()
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		body.WriteString("<w:p><w:r><w:t xml:space=\"preserve\">")
		xmlEscape(&body, line)
		body.WriteString("</w:t></w:r></w:p>")
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`,
	}
	for name, content := range files {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(content))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func xmlEscape(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	b.WriteString(r.Replace(s))
}

func TestImportPlanJSONCommand(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	env := map[string]string{"DATABASE_URL": testdb.EmptyDatabase(t)}
	err := run(context.Background(), []string{"import-plan", "--json", "demo/method.txt"},
		func(k string) string { return env[k] }, &stdout, &stderr)
	if err != nil {
		t.Fatalf("import-plan --json: %v\n%s", err, stderr.String())
	}
	var doc importedPlanJSON
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	if len(doc.Dimensions) != 1 || len(doc.Dimensions[0].Indicators) != 9 || !hasProblem(doc, "TRUNCATED", 68) {
		t.Errorf("parsed = %+v", doc)
	}
	tasks := 0
	for _, i := range doc.Dimensions[0].Indicators {
		tasks += len(i.Tasks)
	}
	if tasks != 29 {
		t.Errorf("%d tasks, want 29", tasks)
	}
	// --json writes nothing, not even the migrations table.
	st, err := store.Open(context.Background(), env["DATABASE_URL"], store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pending, err := migrations.Pending(context.Background(), st.SQL())
	if err != nil || len(pending) == 0 {
		t.Errorf("import-plan --json changed the database (pending %v, err %v)", pending, err)
	}
}

func TestImportPlanCommandWrites(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	env := map[string]string{"DATABASE_URL": testdb.EmptyDatabase(t)}
	err := run(context.Background(), []string{"import-plan", "--name", "命令行导入", "--year", "2023", "demo/method.txt"},
		func(k string) string { return env[k] }, &stdout, &stderr)
	if err != nil {
		t.Fatalf("import-plan: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "命令行导入") || !strings.Contains(stderr.String(), "TRUNCATED") {
		t.Errorf("stdout %q stderr %q", stdout.String(), stderr.String())
	}
}

func TestHealthzWaitsForMigrations(t *testing.T) {
	t.Parallel()
	url := testdb.EmptyDatabase(t)
	st, err := store.Open(context.Background(), url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg, _ := loadConfig(func(string) string { return "" })
	srv := httptest.NewServer(NewServer(st, auth.NewService(st, cfg.Auth), slog.New(slog.DiscardHandler), cfg))
	defer srv.Close()
	status := func() int {
		resp, err := http.Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status(); got != http.StatusServiceUnavailable {
		t.Errorf("healthz before migrating = %d, want 503", got)
	}
	if _, err := migrations.Apply(context.Background(), st.SQL()); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != http.StatusOK {
		t.Errorf("healthz after migrating = %d, want 200", got)
	}
}

func TestDemoLoadsOnlyIntoAnEmptyDatabase(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": testdb.EmptyDatabase(t)}
	for i, want := range []string{"demo data loaded", "already has plans"} {
		var stdout bytes.Buffer
		if err := run(context.Background(), []string{"demo"}, func(k string) string { return env[k] }, &stdout, &bytes.Buffer{}); err != nil {
			t.Fatalf("demo run %d: %v", i+1, err)
		}
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("demo run %d said %q, want %q", i+1, stdout.String(), want)
		}
	}
}
