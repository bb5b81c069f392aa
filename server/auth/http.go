package auth

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// CookieName is the session cookie.
const CookieName = "kaoping_session"

// Request is what resolvers need of the HTTP request behind them: where it
// came from, the session token it carried, and a way to set the cookie.
type Request struct {
	Client Client
	Token  string
	w      http.ResponseWriter
	secure bool
}

type requestKey struct{}

// RequestFrom returns the request info Middleware stored (a zero value
// outside HTTP, e.g. in CLI commands).
func RequestFrom(ctx context.Context) *Request {
	if r, ok := ctx.Value(requestKey{}).(*Request); ok {
		return r
	}
	return &Request{}
}

// SetSession sets the session cookie: HttpOnly, SameSite=Strict, and
// Secure when the request came over TLS.
func (r *Request) SetSession(token string, expires time.Time) {
	if r.w == nil {
		return
	}
	http.SetCookie(r.w, &http.Cookie{
		Name: CookieName, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.secure,
	})
}

// ClearSession removes the cookie.
func (r *Request) ClearSession() {
	if r.w == nil {
		return
	}
	http.SetCookie(r.w, &http.Cookie{
		Name: CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.secure,
	})
}

// Middleware resolves the session cookie into an Identity for the rest of
// the request. A cookie of an ended session is cleared.
func Middleware(s *Service, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			host, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				host = r.RemoteAddr
			}
			req := &Request{Client: Client{Addr: host, UserAgent: r.UserAgent()}, w: w, secure: r.TLS != nil}
			ctx := context.WithValue(r.Context(), requestKey{}, req)
			if c, err := r.Cookie(CookieName); err == nil && c.Value != "" {
				req.Token = c.Value
				id, err := s.Resolve(ctx, c.Value)
				if err != nil {
					log.ErrorContext(ctx, "resolve session", "err", err)
					http.Error(w, "session lookup failed", http.StatusServiceUnavailable)
					return
				}
				if id == nil {
					req.ClearSession()
				} else {
					ctx = WithIdentity(ctx, id)
				}
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
