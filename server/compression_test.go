package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kaoping/kaoping/server/auth"
)

// TestGraphQLAnswersAreCompressed: a client that accepts gzip gets the same
// answer gzipped, with Vary: Accept-Encoding; one that does not gets it
// plain.
func TestGraphQLAnswersAreCompressed(t *testing.T) {
	a := newAnonymousAPI(t, false)
	a.loginAs(auth.RoleAnalyst) // introspection, a long answer, needs an analyst's session
	post := func(acceptEncoding string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", strings.NewReader(`{"query":"{ __schema { types { name kind description } } }"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(CSRFHeader, "1")
		// Set explicitly, so the client neither adds gzip nor decodes.
		req.Header.Set("Accept-Encoding", acceptEncoding)
		res, err := a.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	plain := post("identity")
	if enc := plain.Header.Get("Content-Encoding"); enc != "" {
		t.Errorf("Accept-Encoding identity: Content-Encoding %q", enc)
	}
	want, _ := io.ReadAll(plain.Body)
	if len(want) < 2048 || !bytes.Contains(want, []byte(`"__schema"`)) {
		t.Fatalf("answer too short to show compression: %.200s", want)
	}
	zipped := post("gzip")
	if enc := zipped.Header.Get("Content-Encoding"); enc != "gzip" {
		t.Fatalf("Accept-Encoding gzip: Content-Encoding %q", enc)
	}
	if !strings.Contains(strings.Join(zipped.Header.Values("Vary"), ","), "Accept-Encoding") {
		t.Errorf("compressed answer without Vary: Accept-Encoding: %v", zipped.Header)
	}
	if cc := zipped.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("compressed API answer Cache-Control %q, want no-store", cc)
	}
	raw, _ := io.ReadAll(zipped.Body)
	if len(raw) >= len(want) {
		t.Errorf("gzipped answer is %d bytes, plain %d", len(raw), len(want))
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("gzipped answer decodes to %d bytes unlike the plain %d", len(got), len(want))
	}
}

// TestSPAServesPrecompressedAssets: the build's .br and .gz siblings go to
// clients that accept them, with Content-Encoding, the original's type and
// Vary; everyone else gets the file itself.
func TestSPAServesPrecompressedAssets(t *testing.T) {
	js := []byte(strings.Repeat("console.log('考评');\n", 200))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(js)
	zw.Close()
	brotli := []byte("pretend brotli bytes") // passed through, never decoded by the server
	html := []byte("<!doctype html><title>考评</title>")
	app := fstest.MapFS{
		"index.html":       {Data: html},
		"assets/app.js":    {Data: js},
		"assets/app.js.gz": {Data: gz.Bytes()},
		"assets/app.js.br": {Data: brotli},
		"assets/small.css": {Data: []byte("body{}")},
		"index.html.gz":    {Data: gzipOf(t, html)},
	}
	h := spa(app)
	get := func(path, acceptEncoding string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", acceptEncoding)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, c := range []struct {
		name, path, accept, encoding string
		body                         []byte
	}{
		{"brotli preferred", "/assets/app.js", "gzip, deflate, br", "br", brotli},
		{"gzip only", "/assets/app.js", "gzip", "gzip", gz.Bytes()},
		{"brotli refused by q=0", "/assets/app.js", "br;q=0, gzip", "gzip", gz.Bytes()},
		{"nothing accepted", "/assets/app.js", "", "", js},
		{"identity", "/assets/app.js", "identity", "", js},
		{"index for a client route", "/plans/1/ranking", "gzip", "gzip", gzipOf(t, html)},
	} {
		rec := get(c.path, c.accept)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", c.name, rec.Code)
			continue
		}
		if got := rec.Header().Get("Content-Encoding"); got != c.encoding {
			t.Errorf("%s: Content-Encoding %q, want %q", c.name, got, c.encoding)
		}
		if !bytes.Equal(rec.Body.Bytes(), c.body) {
			t.Errorf("%s: body of %d bytes is not the expected %d", c.name, rec.Body.Len(), len(c.body))
		}
		if got := rec.Header().Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("%s: Vary %q, want Accept-Encoding", c.name, got)
		}
		wantType := "text/javascript; charset=utf-8"
		if strings.HasSuffix(c.path, "ranking") {
			wantType = "text/html; charset=utf-8"
		}
		if got := rec.Header().Get("Content-Type"); got != wantType {
			t.Errorf("%s: Content-Type %q, want %q", c.name, got, wantType)
		}
	}
	// gzip decodes to the asset itself.
	zr, err := gzip.NewReader(bytes.NewReader(get("/assets/app.js", "gzip").Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, js) {
		t.Error("the gzipped asset does not decode to the asset")
	}
	// A file the build did not compress (too small) is served as it is, and
	// says nothing about encodings.
	rec := get("/assets/small.css", "gzip, br")
	if rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Vary") != "" || rec.Body.String() != "body{}" {
		t.Errorf("uncompressed asset: %v %q", rec.Header(), rec.Body.String())
	}
}

func gzipOf(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}
