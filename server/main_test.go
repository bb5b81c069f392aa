package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/demo"
	"github.com/kaoping/kaoping/server/store"
	"github.com/kaoping/kaoping/server/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// api is a running server over a fresh database, with the statements of the
// last request counted, and a browser-like client with a cookie jar signed
// in as one user at a time.
type api struct {
	t          testing.TB
	st         *store.Store
	auth       *auth.Service
	clock      *clock
	today      *clock // the 督办 board's date
	srv        *httptest.Server
	client     *http.Client
	statements *atomic.Int64
}

// clock is the server's time, moved by tests instead of sleeping.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// newAPI starts a server on a fresh database (with the demo data when
// withDemo) and signs in as a 专班 member, who may edit plans.
func newAPI(t testing.TB, withDemo bool) *api {
	a := newAnonymousAPI(t, withDemo)
	a.loginAs(auth.RoleTaskForce)
	return a
}

func newAnonymousAPI(t testing.TB, withDemo bool) *api {
	t.Helper()
	if !withDemo {
		return newAPIOn(t, testdb.New(t))
	}
	return newAPIOn(t, testdb.NewSeeded(t, "demo", func(ctx context.Context, st *store.Store) error {
		_, err := demo.Load(ctx, st)
		return err
	}))
}

// newAPIOn starts a server over st, signed in as nobody.
func newAPIOn(t testing.TB, st *store.Store) *api {
	t.Helper()
	cfg, _ := loadConfig(func(string) string { return "" })
	a := &api{t: t, st: st, clock: &clock{now: time.Now()}, today: &clock{now: time.Now()}, statements: new(atomic.Int64)}
	cfg.Today = a.today.Now
	a.auth = auth.NewService(st, cfg.Auth)
	a.auth.Now = a.clock.Now
	a.client = &http.Client{Jar: newJar()}
	h := NewServer(st, a.auth, slog.New(slog.NewTextHandler(testLog{t}, nil)), cfg)
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

func newJar() http.CookieJar {
	jar, _ := cookiejar.New(nil)
	return jar
}

// testLog shows the server's log in the test's output (with -v or on failure).
type testLog struct{ t testing.TB }

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
	resp, err := a.post("application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	return a.decode(resp, out)
}

func (a *api) post(contentType string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set(CSRFHeader, "1")
	return a.client.Do(req)
}

// testTOTPSecret is the second factor of test accounts with roles that need one.
const testTOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

const testPassword = "Test#Pass2024"

// mustUser creates an account ready to use (no pending steps) and returns
// its username.
func (a *api) mustUser(unitName string, roles ...auth.Role) string {
	a.t.Helper()
	ctx := context.Background()
	var names []string
	for _, r := range roles {
		names = append(names, strings.ToLower(string(r)))
	}
	username := "t_" + strings.Join(names, "_")
	if unitName != "" {
		username += fmt.Sprintf("_%x", sha256.Sum256([]byte(unitName)))[:8]
	}
	if u, _ := store.FindUserByUsername(ctx, a.st.DB, username); u != nil {
		return username
	}
	hash, _ := auth.HashPassword(testPassword)
	u := store.User{Username: username, DisplayName: username, PasswordHash: hash, Enabled: true}
	for _, r := range roles {
		u.Roles = append(u.Roles, string(r))
	}
	if unitName != "" {
		units, _ := store.ListUnits(ctx, a.st.DB)
		for _, x := range units {
			if x.Name == unitName {
				u.UnitID = &x.ID
			}
		}
	}
	if err := store.CreateUser(ctx, a.st.DB, &u); err != nil {
		a.t.Fatalf("create user %s: %v", username, err)
	}
	for _, r := range roles {
		if r.RequiresTOTP() {
			if err := store.EnableTOTP(ctx, a.st.DB, u.ID, testTOTPSecret, 0); err != nil {
				a.t.Fatal(err)
			}
			break
		}
	}
	return username
}

// loginAs signs in as a fresh user with roles.
func (a *api) loginAs(roles ...auth.Role) string {
	a.t.Helper()
	return a.login(a.mustUser("", roles...), testPassword)
}

// login signs in and fails the test when that does not work.
func (a *api) login(username, password string) string {
	a.t.Helper()
	// A one-time code is accepted once: step the clock to a fresh one.
	a.clock.Advance(30 * time.Second)
	code := auth.TOTPCode(testTOTPSecret, a.clock.Now())
	var out struct {
		Login struct{ Session *struct{ Restricted bool } }
	}
	a.must(`mutation($u: String!, $p: String!, $c: String) { login(input: {username: $u, password: $p, totpCode: $c}) { session { restricted } } }`,
		map[string]any{"u": username, "p": password, "c": code}, &out)
	if out.Login.Session == nil {
		a.t.Fatalf("login %s: no session", username)
	}
	return username
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
	resp, err := a.post(w.FormDataContentType(), &buf)
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
	t.Parallel()
	// The repository ships its own copy (server/demo/method.txt) and never
	// reads outside itself; a maintainer holding the published original
	// points KAOPING_METHOD_SOURCE at it to check the copy is still exact.
	source := os.Getenv("KAOPING_METHOD_SOURCE")
	if source == "" {
		t.Skip("KAOPING_METHOD_SOURCE not set: no original to compare server/demo/method.txt with")
	}
	shared, err := os.ReadFile(source)
	if err != nil {
		t.Fatalf("read the method's original: %v", err)
	}
	if !bytes.Equal(shared, readSeed(t)) {
		t.Fatal("server/demo/method.txt differs from " + source + "; copy it again")
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
