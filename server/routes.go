package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"github.com/kaoping/kaoping/server/analytics"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kaoping/kaoping/frontend"
	"github.com/kaoping/kaoping/graph"
	"github.com/kaoping/kaoping/migrations"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/evaluation"
	"github.com/kaoping/kaoping/server/store"
)

// NewServer wires every route of the binary. It is the whole HTTP surface:
// /graphql, /healthz and the SPA.
func NewServer(st *store.Store, authn *auth.Service, log *slog.Logger, cfg Config) http.Handler {
	return newServer(st, authn, log, cfg, &serverState{})
}

// serverState counts the requests in flight so shutdown can wait for them.
type serverState struct {
	mu       sync.Mutex
	draining bool
	active   int
	idle     chan struct{} // closed once draining with nothing in flight
}

// enter admits a request unless the server is draining.
func (s *serverState) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.draining {
		return false
	}
	s.active++
	return true
}

func (s *serverState) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active--
	if s.draining && s.active == 0 {
		close(s.idle)
	}
}

// drain refuses new requests from now on; the channel closes when the
// last request in flight has finished.
func (s *serverState) drain() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.draining {
		s.draining, s.idle = true, make(chan struct{})
		if s.active == 0 {
			close(s.idle)
		}
	}
	return s.idle
}

func (s *serverState) isDraining() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.draining
}

// admit lets requests in while the server is up and refuses them, with a
// retryable 503 and the connection closed, once it drains: a load balancer
// sends them to another copy.
func admit(state *serverState, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !state.enter() {
			w.Header().Set("Connection", "close")
			w.Header().Set("Retry-After", "1")
			http.Error(w, "服务正在停机,请重试 (shutting down)", http.StatusServiceUnavailable)
			return
		}
		defer state.leave()
		next.ServeHTTP(w, r)
	})
}

func newServer(st *store.Store, authn *auth.Service, log *slog.Logger, cfg Config, state *serverState) http.Handler {
	mux := http.NewServeMux()
	limits := graph.DefaultLimits
	eval := &evaluation.Service{Now: authn.Now}
	today := cfg.Today
	if today == nil {
		today = time.Now
	}
	gql := graph.NewHandler(&graph.Resolver{Store: st, Auth: authn, Eval: eval, Today: today, Log: log, MailEnabled: cfg.Mail.Enabled()}, limits)
	// Every route behind sign-in passes the one check of restricted
	// sessions (a password to change, a second factor to enrol).
	session, restricted := auth.Middleware(authn, log), graph.RestrictedSessions(st)
	signedIn := func(h http.Handler) http.Handler { return session(restricted(h)) }
	compressed := compressDynamic()
	counted := func(h http.Handler) http.Handler { return h }
	if cfg.BenchStatements {
		counted = statementsHeader
	}
	mux.Handle("POST /graphql", compressed(counted(csrfCheck(bodyLimit(limits, signedIn(graph.WithLoaders(st)(gql)))))))
	mux.Handle("GET /files/evidence/{id}", compressed(signedIn(evidenceDownload(st, log))))
	mux.Handle("GET /files/objection-evidence/{id}", compressed(signedIn(objectionEvidenceDownload(st, log))))
	// Photos and signatures are JPEG/PNG already: compressing them again gains nothing.
	mux.Handle("GET /files/field-photos/{id}", signedIn(fieldPhotoDownload(st, log)))
	mux.Handle("GET /files/field-visits/{id}/signature", signedIn(fieldSignatureDownload(st, log)))
	mux.Handle("GET /files/score-template.xlsx", signedIn(download(log, []auth.Role{auth.RoleLeadScorer}, scoreTemplate(st))))
	mux.Handle("GET /files/audit.xlsx", signedIn(download(log, []auth.Role{auth.RoleAuditor}, auditExport(st))))
	mux.Handle("GET /files/ranking.xlsx", signedIn(download(log, leaders, rankingExport(st))))
	mux.Handle("GET /files/evaluatee.xlsx", signedIn(download(log, evaluateeReaders, evaluateeExport(st))))
	mux.Handle("GET /files/compare.xlsx", signedIn(download(log, leaders, compareExport(st))))
	mux.Handle("GET /files/heatmap.xlsx", signedIn(download(log, leaders, heatmapExport(st))))
	mux.Handle("GET /files/circular.xlsx", signedIn(download(log, leaders, circularExport(st))))
	mux.Handle("GET /files/overdue.xlsx", signedIn(download(log, overdueRoles, overdueExport(st, today))))
	mux.Handle("GET /files/view.xlsx", signedIn(download(log, leaders, viewExport(st, today, analytics.XLSX))))
	mux.Handle("GET /files/view.csv", compressed(signedIn(download(log, leaders, viewExport(st, today, analytics.CSV)))))
	// GET never runs an operation: a query in a URL leaks into logs and
	// lets a link trigger work.
	mux.Handle("GET /graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "use POST", http.StatusMethodNotAllowed)
	}))
	mux.Handle("GET /", spa(frontend.App()))
	// /healthz stays outside admit: it must answer "draining" while the
	// other routes refuse work.
	root := http.NewServeMux()
	root.Handle("GET /healthz", healthz(st, state))
	root.Handle("/", admit(state, mux))
	return requestID(timeout(cfg.RequestTimeout, securityHeaders(root)))
}

// StatementsHeader carries the SQL statements a GraphQL request ran, when
// the server runs with KAOPING_BENCH_STATEMENTS=1.
const StatementsHeader = "X-Kaoping-Statements"

// statementsHeader counts the statements of the request, the session
// look-up included, and sets StatementsHeader when the answer starts: the
// GraphQL handler writes its answer once, after every resolver (and the
// audit record) has run, so the count is the whole request's.
func statementsHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, n := store.WithQueryCount(r.Context())
		next.ServeHTTP(&countingWriter{ResponseWriter: w, n: n}, r.WithContext(ctx))
	})
}

type countingWriter struct {
	http.ResponseWriter
	n       interface{ Load() int64 }
	started bool
}

func (c *countingWriter) WriteHeader(code int) {
	if !c.started {
		c.started = true
		c.Header().Set(StatementsHeader, strconv.FormatInt(c.n.Load(), 10))
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if !c.started {
		c.WriteHeader(http.StatusOK)
	}
	return c.ResponseWriter.Write(b)
}

func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// healthz answers 200 only when the database is reachable and migrated and
// the server is not shutting down, so a load balancer sends no traffic to a
// copy that cannot serve it or is about to go.
func healthz(st *store.Store, state *serverState) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if state.isDraining() {
			http.Error(w, "draining: shutting down", http.StatusServiceUnavailable)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		pending, err := migrations.Pending(ctx, st.SQL())
		switch {
		case err != nil:
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		case len(pending) > 0:
			http.Error(w, "database not migrated: "+strings.Join(pending, ", "), http.StatusServiceUnavailable)
		default:
			_, _ = w.Write([]byte("ok\n"))
		}
	})
}

// spa serves the built app; unknown paths get index.html so client-side
// routes survive a reload.
func spa(app fs.FS) http.Handler {
	if app == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(`<!doctype html><meta charset="utf-8"><title>考评</title><p>前端尚未构建:请运行 <code>make run</code>(或 <code>npm run build</code> 后重新编译)。</p>`))
		})
	}
	files := http.FileServerFS(app)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimPrefix(r.URL.Path, "/")
		if path != "" {
			if _, err := fs.Stat(app, path); err == nil {
				if strings.HasPrefix(path, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				if !servePrecompressed(w, r, app, path) {
					files.ServeHTTP(w, r)
				}
				return
			}
		}
		w.Header().Set("Cache-Control", "no-cache")
		if !servePrecompressed(w, r, app, "index.html") {
			http.ServeFileFS(w, r, app, "index.html")
		}
	})
}

// CSRFHeader must accompany every GraphQL request. A cross-site form or
// link cannot set a custom header, and a cross-site script that tries
// triggers a CORS preflight this server never approves.
const CSRFHeader = "X-Kaoping-CSRF"

// csrfCheck refuses GraphQL requests a browser could send cross-site: they
// must be JSON (or multipart uploads), carry CSRFHeader, and come from this
// origin when the browser says where they come from.
func csrfCheck(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct := r.Header.Get("Content-Type")
		json := strings.HasPrefix(ct, "application/json")
		multipart := strings.HasPrefix(ct, "multipart/form-data")
		switch {
		case !json && !multipart:
			http.Error(w, "Content-Type must be application/json", http.StatusUnsupportedMediaType)
		case r.Header.Get(CSRFHeader) == "":
			http.Error(w, "missing "+CSRFHeader+" header", http.StatusForbidden)
		case !sameOrigin(r):
			http.Error(w, "cross-origin request refused", http.StatusForbidden)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // not a browser, or a same-origin GET; browsers send Origin on POST
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

// bodyLimit caps JSON requests; multipart uploads have their own cap.
func bodyLimit(limits graph.Limits, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		max := limits.MaxBodySize
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			max = limits.MaxUploadSize
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		if r.URL.Path == "/graphql" {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

func timeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(graph.WithRequestID(r.Context(), id)))
	})
}
