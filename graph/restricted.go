package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/kaoping/kaoping/server/apperr"
	"github.com/kaoping/kaoping/server/audit"
	"github.com/kaoping/kaoping/server/auth"
	"github.com/kaoping/kaoping/server/labels"
	"github.com/kaoping/kaoping/server/store"
)

// A session with pending steps (a password to change, a second factor to
// enrol) may do nothing else until they are done. RestrictedSessions is the
// one place that rule is enforced, for every route behind sign-in: GraphQL
// requests may name only the root fields below, every other route (file
// downloads, exports) is refused outright.

// restrictedFields are all a session may use while it has pending steps
// (enumLabels is public: the SPA loads it whoever is signed in; setMyLocale
// because the change-password page has the language switch too).
var restrictedFields = []string{"me", "enumLabels", "logout", "changePassword", "beginTotpEnrollment", "confirmTotpEnrollment", "setMyLocale", "__typename"}

// RestrictedSessions is middleware for every signed-in route; it must run
// after auth.Middleware has resolved the session.
func RestrictedSessions(st *store.Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := auth.From(r.Context())
			if !id.Restricted() {
				next.ServeHTTP(w, r)
				return
			}
			refusal := apperr.New(apperr.Forbidden, "请先完成:"+pendingLabel(id.Pending), "First: "+pendingEnglish(id.Pending))
			if r.URL.Path != "/graphql" {
				http.Error(w, refusal.Message, http.StatusForbidden)
				return
			}
			mutations, ok := refusedFields(r)
			if ok {
				next.ServeHTTP(w, r)
				return
			}
			// Refused mutations are recorded like any other refusal.
			for _, name := range mutations {
				rec := auditRecord(r.Context(), name, audit.Denied, &operation{})
				detail := string(apperr.Forbidden)
				rec.Detail = &detail
				if err := audit.Write(context.WithoutCancel(r.Context()), st.DB, rec); err != nil {
					http.Error(w, "internal error", http.StatusInternalServerError)
					return
				}
			}
			writeRefusal(w, r.Context(), refusal)
		})
	}
}

// refusedFields reads a GraphQL request and reports whether it names only
// restrictedFields, and which mutations it asked for otherwise. Uploads are
// never allowed; a document that does not parse is left to the executor,
// which refuses it without running anything.
func refusedFields(r *http.Request) (mutations []string, ok bool) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return nil, false
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	var req struct {
		Query string `json:"query"`
	}
	if json.Unmarshal(body, &req) != nil {
		return nil, true
	}
	doc, gerr := parser.ParseQuery(&ast.Source{Input: req.Query})
	if gerr != nil {
		return nil, true
	}
	ok = true
	for _, op := range doc.Operations {
		for _, name := range rootFields(doc, op.SelectionSet, map[string]bool{}) {
			if slices.Contains(restrictedFields, name) {
				continue
			}
			ok = false
			if op.Operation == ast.Mutation {
				mutations = append(mutations, name)
			}
		}
	}
	return mutations, ok
}

// rootFields names the fields of a selection set, looking through fragments.
func rootFields(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) []string {
	var out []string
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			out = append(out, s.Name)
		case *ast.InlineFragment:
			out = append(out, rootFields(doc, s.SelectionSet, seen)...)
		case *ast.FragmentSpread:
			if f := doc.Fragments.ForName(s.Name); f != nil && !seen[s.Name] {
				seen[s.Name] = true
				out = append(out, rootFields(doc, f.SelectionSet, seen)...)
			}
		}
	}
	return out
}

func pendingLabel(steps []string) string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = labels.Of(labels.SessionPending, s)
	}
	return strings.Join(out, "、")
}

// pendingEnglish is pendingLabel in English.
func pendingEnglish(steps []string) string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = labels.English(labels.SessionPending, s)
	}
	return strings.Join(out, "; ")
}

// writeRefusal answers like the executor does for a refused field, so the
// client handles it the same way.
func writeRefusal(w http.ResponseWriter, ctx context.Context, e *apperr.Error) {
	ext := map[string]any{"code": string(e.Code), "messageEn": e.MessageEn}
	if id := RequestID(ctx); id != "" {
		ext["requestId"] = id
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": e.Message, "extensions": ext}},
		"data":   nil,
	})
}
