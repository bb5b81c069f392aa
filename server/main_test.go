package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// api is a running server over a fresh database, with the statements of the
// last request counted.
type api struct {
	t          *testing.T
	st         *store.Store
	srv        *httptest.Server
	statements atomic.Int64
}

func newAPI(t *testing.T, withDemo bool) *api {
	t.Helper()
	st := testdb.New(t)
	if withDemo {
		if _, err := demo.Load(context.Background(), st); err != nil {
			t.Fatalf("load demo: %v", err)
		}
	}
	a := &api{t: t, st: st}
	cfg, _ := loadConfig(func(string) string { return "" })
	h := NewServer(st, slog.New(slog.NewTextHandler(testLog{t}, nil)), cfg)
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Buffer the answer so the count is stored before the client can
		// read the response and ask for it.
		ctx, n := store.WithQueryCount(r.Context())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r.WithContext(ctx))
		a.statements.Store(n.Load())
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(a.srv.Close)
	return a
}

// testLog shows the server's log in the test's output (with -v or on failure).
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// do posts a GraphQL request and decodes data into out (when not nil).
func (a *api) do(query string, vars map[string]any, out any) []gqlError {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(a.srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	return a.decode(resp, out)
}

func (a *api) decode(resp *http.Response, out any) []gqlError {
	a.t.Helper()
	var r gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		a.t.Fatalf("decode response (status %d): %v", resp.StatusCode, err)
	}
	if out != nil && len(r.Data) > 0 && string(r.Data) != "null" {
		if err := json.Unmarshal(r.Data, out); err != nil {
			a.t.Fatalf("decode data %s: %v", r.Data, err)
		}
	}
	return r.Errors
}

// must is do that fails the test on any GraphQL error.
func (a *api) must(query string, vars map[string]any, out any) {
	a.t.Helper()
	if errs := a.do(query, vars, out); len(errs) > 0 {
		a.t.Fatalf("unexpected errors: %+v", errs)
	}
}

// upload sends a GraphQL multipart request with one file at variable path.
func (a *api) upload(query string, vars map[string]any, path, filename string, content []byte, out any) []gqlError {
	a.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", fmt.Sprintf(`{"0": [%q]}`, path))
	fw, _ := w.CreateFormFile("0", filename)
	_, _ = fw.Write(content)
	_ = w.Close()
	resp, err := http.Post(a.srv.URL+"/graphql", w.FormDataContentType(), &buf)
	if err != nil {
		a.t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	return a.decode(resp, out)
}

func firstPlanID(a *api) string {
	var out struct{ Plans []struct{ ID string } }
	a.must(`{ plans { id } }`, nil, &out)
	if len(out.Plans) == 0 {
		a.t.Fatal("no plan")
	}
	return out.Plans[0].ID
}

func fieldOf(e gqlError) (field, rule, zh, en string) {
	fields, _ := e.Extensions["fields"].([]any)
	if len(fields) == 0 {
		return
	}
	f := fields[0].(map[string]any)
	return f["field"].(string), f["rule"].(string), f["message"].(string), f["messageEn"].(string)
}

func codeOf(errs []gqlError) string {
	if len(errs) == 0 {
		return ""
	}
	c, _ := errs[0].Extensions["code"].(string)
	return c
}

func readSeed(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("demo/method.txt")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestMethodCopyMatchesSharedSeed(t *testing.T) {
	shared, err := os.ReadFile("../../shared/seed/数字政府建设考评办法.txt")
	if err != nil {
		t.Skipf("shared seed not beside the checkout: %v", err)
	}
	if !bytes.Equal(shared, readSeed(t)) {
		t.Fatal("server/demo/method.txt differs from shared/seed/数字政府建设考评办法.txt; copy it again")
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}
