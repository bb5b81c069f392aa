package main

import (
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzhttp"
)

// compressDynamic compresses answers made per request (GraphQL, exports,
// health) for clients that accept gzip or zstd: a 1,200-row ranking is
// 1.6 MB of JSON and about 120 KB gzipped. Compressed request bodies stay
// refused (gzhttp's default), so a small upload cannot inflate into a huge
// one past the body limits. Built assets are compressed once at build time
// instead (precompressed).
func compressDynamic() func(http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024))
	if err != nil {
		panic(err) // the options are constants; an error is a programming mistake
	}
	return func(h http.Handler) http.Handler { return wrap(h) }
}

// precompressed are the encodings the SPA build writes beside each asset
// (frontend/precompress.mjs), best first.
var precompressed = []struct{ encoding, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// servePrecompressed answers a request for name from its precompressed
// sibling when the client accepts that encoding, and reports whether it did.
// Every answer for a file that has siblings says Vary: Accept-Encoding, so a
// cache never hands a brotli body to a client that cannot read it.
func servePrecompressed(w http.ResponseWriter, r *http.Request, app fs.FS, name string) bool {
	varies := false
	for _, p := range precompressed {
		f, err := app.Open(name + p.suffix)
		if err != nil {
			continue
		}
		if !varies {
			w.Header().Add("Vary", "Accept-Encoding")
			varies = true
		}
		body, seekable := f.(io.ReadSeeker)
		if !seekable || !acceptsEncoding(r, p.encoding) {
			f.Close()
			continue
		}
		defer f.Close()
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Encoding", p.encoding)
		http.ServeContent(w, r, name, time.Time{}, body)
		return true
	}
	return false
}

// acceptsEncoding reports whether the request's Accept-Encoding lists coding
// with a non-zero quality ("br;q=0" refuses brotli).
func acceptsEncoding(r *http.Request, coding string) bool {
	for _, header := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(header, ",") {
			token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(token), coding) {
				continue
			}
			q := 1.0
			for _, p := range strings.Split(params, ";") {
				if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "q") {
					if f, err := strconv.ParseFloat(v, 64); err == nil {
						q = f
					}
				}
			}
			return q > 0
		}
	}
	return false
}
